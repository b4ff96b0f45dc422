// Erlang B for real servers x >= 0 and traffic e >= 0, as the reciprocal 1/B = 1 + excess
// together with ln(1/B), so that callers can form B, ln B and Erlang C without
// cancellation or underflow. Regions (double):
//   x <= recurrence_limit:  the recurrence r_k = 1 + r_{k-1} (f + k) / e from the
//                           fractional part f (base value from the incomplete gamma
//                           function or the continued fraction);
//   heavily loaded:         the Legendre continued fraction of Gamma(x + 1, e);
//   |e/(x+1) - 1| <= 0.4:   Temme's uniform expansion (detail/temme.hpp);
//   e < 0.6 (x + 1):        the Poisson term from the Stirling series and 1 - P(x+1, e).
// Wider types (long double, Boost.Multiprecision) use the recurrence for integer x up to
// 10 000 and Boost.Math's incomplete gamma functions otherwise.
#ifndef ERLANG_DETAIL_ERLANG_B_IMP_HPP
#define ERLANG_DETAIL_ERLANG_B_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/temme.hpp>

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/log1p.hpp>
#include <boost/math/tools/fraction.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <utility>

namespace erlang::detail {

/// 1/B = 1 + excess and log_inverse = ln(1/B) = -ln B. excess is +inf when 1/B overflows;
/// log_inverse is always finite for finite inputs with B > 0.
template <class Real>
struct inverse_blocking {
  Real excess;
  Real log_inverse;
};

/// Largest integer server count handled by the recurrence in double precision.
inline constexpr double recurrence_limit = 100;

/// Generator of the Legendre continued fraction F = b1 + a2/(b2 + a3/(b3 + ...)) with
/// a_k = k (x - k + 1), b_k = e - x + 2k, where 1/B = e / (e - x + x / F) (DLMF 8.9.2).
/// With scale s != 1 it yields the equivalent fraction F / s: a_k / s^2 and b_k / s. s is a
/// power of two, so the scaling is exact; it keeps a_k and 1 / b_k inside the exponent range
/// when the traffic is near the largest doubles.
template <class Real>
struct legendre_fraction {
  using result_type = std::pair<Real, Real>;
  Real x;
  Real d;  // e - x
  Real scale = 1;
  Real k = 0;
  std::pair<Real, Real> operator()() {
    k += 1;
    if (scale == 1) {
      return {k * (x - k + 1), d + 2 * k};
    }
    return {(k / scale) * ((x - k + 1) / scale), (d + 2 * k) / scale};
  }
};

/// 1/B by the continued fraction; converges fast when e - x is several sqrt(x) or more.
template <class Real, class Policy>
inverse_blocking<Real> inverse_blocking_fraction(Real x, Real e, const Policy& pol) {
  const Real d = e - x;
  Real f;
  using std::sqrt;
  if (d > (x + 10) / sqrt(boost::math::policies::get_epsilon<Real, Policy>())) {
    // The terms after a2 / b2 change F by about 6 x^2 / d^4 of it, below epsilon^2 here.
    // Also keeps Lentz's algorithm away from 1 / b_k, which is subnormal (and lacks the
    // digits convergence needs) when d exceeds 4.5e307 in double.
    f = (d + 2) + 2 * (x - 1) / (d + 4);
  } else {
    using std::frexp;
    using std::ldexp;
    int exponent = 0;
    frexp(e, &exponent);
    const Real scale = e > Real(1e100) ? ldexp(Real(1), exponent - 1) : Real(1);  // <= e
    legendre_fraction<Real> gen{x, d, scale};
    std::uintmax_t max_terms = boost::math::policies::get_max_series_iterations<Policy>();
    f = scale * boost::math::tools::continued_fraction_b(
                    gen, boost::math::policies::get_epsilon<Real, Policy>(), max_terms);
    boost::math::policies::check_series_iterations<Real>("erlang::erlang_b<%1%>(%1%, %1%)",
                                                         max_terms, pol);
  }
  const Real g = d + x / f;
  const Real excess = (x / g) * ((f - 1) / f);  // no overflow of f g at huge traffic
  return {excess, boost::math::log1p(excess, pol)};
}

/// ln(1/B) = ln Q(x + 1, e) - ln(e^x e^-e / Gamma(x + 1)), for when 1/B overflows.
template <class Real, class Policy>
Real log_inverse_blocking_gamma(Real x, Real e, const Policy& pol) {
  using std::log;
  const Real log_poisson = x * log(e) - e - boost::math::lgamma(x + 1, pol);
  return log(boost::math::gamma_q(x + 1, e, pol)) - log_poisson;
}

/// r_k = 1 + r_{k-1} (f + k) / e for k = 1..n, from 1/B(f, e) = 1 + excess0.
template <class Real, class Policy>
inverse_blocking<Real> inverse_blocking_recurrence(Real e, Real f, std::uint64_t n, Real excess0,
                                                   const Policy& pol) {
  Real r = 1 + excess0;
  Real excess = excess0;
  for (std::uint64_t k = 1; k <= n; ++k) {
    excess = r * ((f + static_cast<Real>(k)) / e);
    r = 1 + excess;
  }
  if ((boost::math::isfinite)(excess)) {
    return {excess, boost::math::log1p(excess, pol)};
  }
  using std::numeric_limits;
  return {numeric_limits<Real>::infinity(),
          log_inverse_blocking_gamma(f + static_cast<Real>(n), e, pol)};
}

/// True when the continued fraction converges quickly: e - x >= 3 sqrt(max(x, 1)), e >= 3.
template <class Real>
bool heavily_loaded(Real x, Real e) {
  using std::sqrt;
  return e >= 3 && e - x >= 3 * sqrt(x < 1 ? Real(1) : x);
}

/// Wider types: recurrence, continued fraction or Boost.Math's incomplete gamma ratio.
template <class Real, class Policy>
inverse_blocking<Real> inverse_blocking_generic(Real x, Real e, const Policy& pol) {
  using std::floor;
  if (heavily_loaded(x, e)) {
    return inverse_blocking_fraction(x, e, pol);
  }
  const Real n = floor(x);
  if (n == x && x <= 10000) {
    return inverse_blocking_recurrence(e, Real(0), static_cast<std::uint64_t>(n), Real(0), pol);
  }
  // 1/B - 1 = Q(x+1, e)/D - 1 = Q(x, e) / D, with D = e^x e^-e / Gamma(x+1), since
  // Q(x+1, e) = Q(x, e) + D.
  const Real d = boost::math::gamma_p_derivative(x + 1, e, pol);
  const Real excess = boost::math::gamma_q(x, e, pol) / d;
  if (d > 0 && (boost::math::isfinite)(excess)) {
    return {excess, boost::math::log1p(excess, pol)};
  }
  return {std::numeric_limits<Real>::infinity(), log_inverse_blocking_gamma(x, e, pol)};
}

/// 1/B(f, e) - 1 for 0 < f < 1 and e < 3: f Gamma(f, e) e^e e^-f (from Q(f+1) = Q(f) + D).
template <class Policy>
double inverse_blocking_fraction_base(double f, double e, const Policy& pol) {
  return f * boost::math::tgamma(f, e, pol) * std::exp(e) * std::pow(e, -f);
}

/// Double precision, x > recurrence_limit.
template <class Policy>
inverse_blocking<double> inverse_blocking_large(double x, double e, const Policy& pol) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  const double a = x + 1;
  const double s = (e - a) / a;  // lambda - 1
  if (s > 0.4) {
    return inverse_blocking_fraction(x, e, pol);
  }
  const double lambda = e / a;
  const double phi = temme_phi_of(e, a);
  const double y2 = a * phi;  // (eta sqrt(a/2))^2
  // a phi = y2 + y2_low exactly (y2 overflows only where B underflows anyway).
  const double y2_low = std::isfinite(y2) ? std::fma(a, phi, -y2) : 0.0;
  if (s > 0 && y2 > 9) {
    return inverse_blocking_fraction(x, e, pol);
  }
  const double lgs = log_gamma_star(a);
  if (s < -0.4) {
    // 1/B = Q(a, e) / D, D = e^(a-1) e^-e / Gamma(a) = exp(-y2) sqrt(a / 2pi) / (e Gamma*(a)).
    const double log_d = -y2 - std::log(e) + 0.5 * std::log(a / (2 * std::numbers::pi)) - lgs;
    double p = 0;  // P(a, e) = D (e/a) sum_n prod_{j<=n} e/(a+j)
    if (log_d > -700) {
      const double d = std::exp(log_d - y2_low);
      if (d * e / (a + 1 - e) > 1e-18) {
        double term = 1;
        double sum = 1;
        for (double j = 1; term > 1e-18 * sum; j += 1) {
          term *= e / (a + j);
          sum += term;
        }
        p = d * lambda * sum;
      }
    }
    const double log_r = std::log1p(-p) - log_d + y2_low;
    if (log_r < 700) {
      const double r = (1 - p) * e * std::exp(lgs) * std::sqrt(2 * std::numbers::pi / a) *
                       std::exp(y2) * (1 + y2_low);
      return {r - 1, log_r};
    }
    return {inf, log_r};
  }
  // Temme: 1/B = (e/a) Gamma*(a) [sqrt(pi a / 2) erfcx(y) + S(eta, a)], y = eta sqrt(a/2).
  const double eta = std::copysign(std::sqrt(2 * phi), s);
  const double series = temme_series(eta, a);
  const double k = std::sqrt(std::numbers::pi / 2) * std::sqrt(a);  // no overflow of pi a
  const double y = std::sqrt(y2);
  if (s >= 0) {
    const double r = lambda * std::exp(lgs) * (k * erfcx_moderate(y, pol) + series);
    return {r - 1, std::log(r)};
  }
  // erfcx(-y) = exp(y^2) (2 - erfc(y)).
  const double inner = k * (2 - boost::math::erfc(y, pol)) + series * std::exp(-y2);
  const double log_r = std::log1p(s) + lgs + y2 + y2_low + std::log(inner);
  if (log_r < 700) {
    const double r = lambda * std::exp(lgs) * std::exp(y2) * (1 + y2_low) * inner;
    return {r - 1, log_r};
  }
  return {inf, log_r};
}

/// Double precision, any x >= 0, e > 0.
template <class Policy>
inverse_blocking<double> inverse_blocking_double(double x, double e, const Policy& pol) {
  if (x > recurrence_limit) {
    return inverse_blocking_large(x, e, pol);
  }
  const double n = std::floor(x);
  const double f = x - n;
  double excess0 = 0;
  if (f > 0) {
    excess0 = heavily_loaded(f, e) ? inverse_blocking_fraction(f, e, pol).excess
                                   : inverse_blocking_fraction_base(f, e, pol);
  }
  return inverse_blocking_recurrence(e, f, static_cast<std::uint64_t>(n), excess0, pol);
}

/// Dispatch on the type: x >= 0, e >= 0, both finite (checked by the caller).
template <class Real, class Policy>
inverse_blocking<Real> inverse_blocking_of(Real x, Real e, const Policy& pol) {
  if (x == 0) {
    return {Real(0), Real(0)};
  }
  if (e == 0) {
    return {std::numeric_limits<Real>::infinity(), std::numeric_limits<Real>::infinity()};
  }
  if constexpr (std::is_same_v<Real, double>) {
    return inverse_blocking_double(x, e, pol);
  } else {
    return inverse_blocking_generic(x, e, pol);
  }
}

/// B from its reciprocal.
template <class Real>
Real blocking_from(const inverse_blocking<Real>& ib) {
  using std::exp;
  if ((boost::math::isfinite)(ib.excess)) {
    return 1 / (1 + ib.excess);
  }
  return exp(-ib.log_inverse);
}

/// B(e, x) for e, x >= 0 (unchecked).
template <class Real, class Policy>
Real blocking_of(Real x, Real e, const Policy& pol) {
  return blocking_from(inverse_blocking_of(x, e, pol));
}

/// erlang_b: B(traffic, servers).
struct erlang_b_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, const Policy& pol) const {
    if (Real err = 0; !check_traffic_servers(function, e, x, err, pol)) {
      return err;
    }
    return blocking_of(x, e, pol);
  }
};

/// log_erlang_b: ln B(traffic, servers).
struct log_erlang_b_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, const Policy& pol) const {
    if (Real err = 0; !check_traffic_servers(function, e, x, err, pol)) {
      return err;
    }
    return (std::min)(Real(0), Real(-inverse_blocking_of(x, e, pol).log_inverse));  // ln B <= 0
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_ERLANG_B_IMP_HPP
