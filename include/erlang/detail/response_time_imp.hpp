// The M/M/c response time T = W + S in units of the mean service time h (u = t / h, the
// service rate 1 and the rate k = m - E of the exponential part of the wait), written so
// that no evaluation cancels, also where k is close to 1 (the closed form's a = mu):
//
//   P(T > u) = e^-u + C e^(-r1 u) G(|k - 1|, u),  r1 = min(1, k),
//   G(s, u)  = (1 - e^(-s u)) / s = integral_0^u e^(-s v) dv   (G(0, u) = u),
//
// a sum of non-negative terms (expm1 keeps G exact as s -> 0), and
//
//   P(T <= u) = (1 - C)(1 - e^-u) + C H(u),
//
// with H the distribution function of the sum of two independent exponentials of rates 1
// and k, evaluated in the form that does not cancel in each region (see hypoexponential_cdf).
#ifndef ERLANG_DETAIL_RESPONSE_TIME_IMP_HPP
#define ERLANG_DETAIL_RESPONSE_TIME_IMP_HPP

#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/fpclassify.hpp>
#include <boost/math/tools/precision.hpp>

#include <cmath>
#include <cstdint>

namespace erlang::detail {

/// G(s, u) = (1 - e^(-s u)) / s for s >= 0, u >= 0 finite; u at s = 0.
template <class Real, class Policy>
Real exponential_integral_to(const Real& s, const Real& u, const Policy& pol) {
  const Real z = s * u;
  if (z == 0) {
    return u;
  }
  if (z < 1) {
    // u (1 - e^-z) / z: no division by a tiny s (z may be subnormal).
    return u * (-boost::math::expm1(-z, pol) / z);
  }
  return -boost::math::expm1(-z, pol) / s;
}

/// P(X1 + X2 <= u) for independent exponentials of rates r1 <= r2 (r1 > 0), u >= 0 finite.
///   r2 u <= 1:   the power series r1 r2 u^2 sum_n (-u)^(n-1) h_(n-1) / (n+1)!, where
///                h_j = sum_(i<=j) r1^i r2^(j-i) (alternating; the terms' absolute values
///                add up to at most 3.8 times the sum);
///   r2 >= 2 r1:  r1 r2 (G(r1, u) - G(r2, u)) / (r2 - r1), G(r, u) = (1 - e^(-r u)) / r
///                (G(r2, u) <= 0.81 G(r1, u) there);
///   otherwise:   1 - e^(-r1 u) (1 + r1 G(r2 - r1, u)) = -expm1(-r1 u) - r1 e^(-r1 u) G, with
///                r1 u > 1/2 (the subtracted term is at most 0.61 of the first).
template <class Real, class Policy>
Real hypoexponential_cdf(const Real& r1, const Real& r2, const Real& u, const Policy& pol) {
  using std::abs;
  using std::exp;
  const Real z2 = r2 * u;
  if (z2 <= 1) {
    const Real rho = r1 / r2;
    const Real eps = boost::math::tools::epsilon<Real>();
    Real p = Real(1) / 2;  // (-z2)^(n-1) / (n+1)!
    Real rho_power = 1;
    Real sigma = 1;  // sum_(i<n) rho^i = h_(n-1) / r2^(n-1)
    Real sum = p;
    for (std::uint32_t n = 2; n < 1000; ++n) {
      p *= -z2 / (n + 1);
      rho_power *= rho;
      sigma += rho_power;
      const Real term = p * sigma;
      sum += term;
      if (abs(term) <= eps * abs(sum)) {
        break;
      }
    }
    return rho * z2 * (z2 * sum);
  }
  if (r2 >= 2 * r1) {
    const Real g1 = exponential_integral_to(r1, u, pol);
    const Real g2 = exponential_integral_to(r2, u, pol);
    return r1 * (g1 - g2) * (r2 / (r2 - r1));
  }
  const Real z1 = r1 * u;
  return -boost::math::expm1(-z1, pol) -
         r1 * exp(-z1) * exponential_integral_to(Real(r2 - r1), u, pol);
}

/// P(T > u) with C = P(W > 0), k = m - E > 0, u >= 0 (u = +inf gives 0).
template <class Real, class Policy>
Real response_exceedance_units(const Real& c, const Real& k, const Real& u, const Policy& pol) {
  using std::abs;
  using std::exp;
  if (!(boost::math::isfinite)(u)) {
    return 0;
  }
  const Real r1 = k < 1 ? k : Real(1);
  const Real s = abs(k - 1);
  return exp(-u) + c * exp(-r1 * u) * exponential_integral_to(s, u, pol);
}

/// P(T <= u) with C and 1 - C, k = m - E > 0, u >= 0 (u = +inf gives 1).
template <class Real, class Policy>
Real response_within_units(const Real& c, const Real& one_minus_c, const Real& k, const Real& u,
                           const Policy& pol) {
  if (!(boost::math::isfinite)(u)) {
    return 1;
  }
  const Real r1 = k < 1 ? k : Real(1);
  const Real r2 = k < 1 ? Real(1) : k;
  const Real f =
      one_minus_c * -boost::math::expm1(-u, pol) + c * hypoexponential_cdf(r1, r2, u, pol);
  return f < 1 ? f : Real(1);
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_RESPONSE_TIME_IMP_HPP
