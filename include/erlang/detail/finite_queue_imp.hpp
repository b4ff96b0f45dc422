// Building blocks of the finite-queue models (M/M/c/K and M/M/c/K+M): sums of geometric
// and Poisson weights in a form that neither overflows nor cancels.
#ifndef ERLANG_DETAIL_FINITE_QUEUE_IMP_HPP
#define ERLANG_DETAIL_FINITE_QUEUE_IMP_HPP

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/bernoulli.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/factorials.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/log1p.hpp>
#include <boost/math/tools/precision.hpp>

#include <cmath>
#include <limits>

namespace erlang::detail {

/// ln(e^a + e^b), exact when one side is -infinity.
template <class Real>
Real log_add_exp(Real a, Real b) {
  using std::exp;
  if (a < b) {
    std::swap(a, b);
  }
  if (!(b > -std::numeric_limits<Real>::infinity())) {
    return a;
  }
  return a + boost::math::log1p(exp(b - a));
}

/// ln [n]_rho = ln sum_{j=0}^{n-1} rho^j, rho = e^u, n >= 0 (-infinity for n = 0), times
/// rho^-shift: ln([n]_rho) - shift u. With shift = 0 for u <= 0 nothing overflows; for
/// u > 0 pass shift >= n - 1 so the result stays near 0 and the large n u cancels inside
/// one product, (n - shift) u.
template <class Real, class Policy>
Real log_geometric_sum(Real u, Real n, Real shift, const Policy& pol) {
  using std::log;
  if (n == 0) {
    return -std::numeric_limits<Real>::infinity();
  }
  if (u == 0) {
    return log(n);
  }
  const Real nu = n * u;
  if (u > 0) {
    // [n] = rho^n (1 - rho^-n) / (rho - 1)
    // ln(e^u - 1) = u + ln(1 - e^-u): no overflow of e^u (rho near the largest double).
    return (n - shift) * u + log(-boost::math::expm1(-nu, pol)) -
           (u + log(-boost::math::expm1(-u, pol)));
  }
  return log(boost::math::expm1(nu, pol) / boost::math::expm1(u, pol)) - shift * u;
}

/// 1/expm1(z) without overflow: e^-z / (1 - e^-z) for z > 1.
template <class Real, class Policy>
Real inverse_expm1(Real z, const Policy& pol) {
  using std::exp;
  if (z > 1) {
    return exp(-z) / -boost::math::expm1(-z, pol);
  }
  return 1 / boost::math::expm1(z, pol);
}

/// phi(v) = 1/expm1(-v) + 1/v, a smooth function with phi(0) = -1/2, falling from 0 at
/// -infinity to -1 at +infinity. Near 0 by the Bernoulli series
/// phi(v) = -1/2 - sum_{k>=1} B_{2k} v^{2k-1} / (2k)!, which converges for |v| < 2 pi.
template <class Real, class Policy>
Real bernoulli_phi(Real v, const Policy& pol) {
  using std::fabs;
  if (fabs(v) >= 1) {
    return inverse_expm1(-v, pol) + 1 / v;
  }
  const Real eps = boost::math::tools::epsilon<Real>();
  Real sum = Real(-0.5);
  Real power = v;  // v^(2k-1)
  const Real v2 = v * v;
  for (unsigned k = 1; k < 80; ++k) {
    const Real term = boost::math::bernoulli_b2n<Real>(static_cast<int>(k), pol) /
                      boost::math::factorial<Real>(2 * k, pol) * power;
    sum -= term;
    if (fabs(term) <= eps * Real(0.125)) {
      break;
    }
    power *= v2;
  }
  return sum;
}

/// Mean of the truncated geometric distribution on {0, ..., n} with weights rho^j,
/// rho = e^u: sum j rho^j / sum rho^j, in [0, n], without cancellation at rho = 1.
///   u >= 0 or (n + 1)|u| <= 1:  phi(u) - (n + 1) phi((n + 1) u)
///   otherwise (rho < 1):        rho / (1 - rho) - (n + 1) rho^(n+1) / (1 - rho^(n+1))
/// (each pair loses at most a factor 2.4 to cancellation).
template <class Real, class Policy>
Real truncated_geometric_mean(Real u, Real n, const Policy& pol) {
  using std::fabs;
  const Real n1 = n + 1;
  if (u >= 0 || n1 * fabs(u) <= 1) {
    return bernoulli_phi(u, pol) - n1 * bernoulli_phi(n1 * u, pol);
  }
  return inverse_expm1(-u, pol) - n1 * inverse_expm1(-n1 * u, pol);
}

/// ln Gamma(n + 1) - (n ln n - n + ln(2 pi n) / 2) for n >= 16, by the Stirling series
/// sum_k B_{2k} / (2k (2k - 1) n^(2k-1)) (its terms fall below eps before they grow).
template <class Real, class Policy>
Real stirling_error(Real n, const Policy& pol) {
  using std::fabs;
  const Real eps = boost::math::tools::epsilon<Real>();
  const Real r = 1 / n;
  const Real r2 = r * r;
  Real power = r;
  Real sum = 0;
  Real previous = std::numeric_limits<Real>::infinity();
  for (int k = 1; k < 200; ++k) {
    const Real term = boost::math::bernoulli_b2n<Real>(k, pol) / Real(2 * k * (2 * k - 1)) * power;
    if (fabs(term) >= previous || fabs(term) <= eps * fabs(sum) * Real(0.125)) {
      break;
    }
    sum += term;
    previous = fabs(term);
    power *= r2;
  }
  return sum;
}

/// ln of the Poisson probability e^-x x^n / n! for n >= 0, x > 0, without the
/// cancellation of n ln x - x - ln n! (Loader's form: n log1pmx((x - n)/n) - ln(2 pi n)/2
/// - stirling_error(n)).
template <class Real, class Policy>
Real log_poisson_pmf(Real n, Real x, const Policy& pol) {
  using std::log;
  if (n == 0) {
    return -x;
  }
  if (n < 16) {
    return n * log(x) - x - boost::math::lgamma(n + 1, pol);
  }
  const Real two_pi = boost::math::constants::two_pi<Real>();
  // n log1pmx(x/n - 1) = n (ln(x/n) + 1) - x: below x = n/2 the latter has no cancellation
  // to speak of, and log1pmx raises an overflow error once x/n - 1 rounds to -1.
  const Real ratio = x / n;
  const Real main =
      ratio < Real(0.5) ? n * (log(ratio) + 1) - x : n * boost::math::log1pmx((x - n) / n, pol);
  return main - (log(two_pi) + log(n)) / 2 - stirling_error(n, pol);
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_FINITE_QUEUE_IMP_HPP
