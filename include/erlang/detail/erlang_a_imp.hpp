// Building blocks of the Erlang A model (M/M/n+M): Kummer's function
//   M(a, b) = 1F1(1; a + 1; b) = sum_k b^k / ((a+1)(a+2)...(a+k))
//           = (a/b) P(a, b) / (b^(a-1) e^-b / Gamma(a))
// with a = n mu / theta, b = lambda / theta, and the probability that a delayed caller
// abandons, P(Ab | W > 0) = sum_k T_k (k+1)/(a+k+1) / sum_k T_k (T_k the terms of M),
// which equals 1 - (1 - 1/M) a/b, written so that no region subtracts nearly equal
// numbers. Regions (double):
//   b <= 0.6 (a + 1):             the series itself (ratio <= 0.6, at most ~80 terms);
//   b < a - 10 sqrt(a):           the asymptotic series of DLMF 8.11(iii) in t = a/(a-b)^2;
//   |b/a - 1| <= 0.4, a >= 20:    Temme's expansion (detail/temme.hpp):
//                                 M = Gamma*(a) [sqrt(pi a/2) erfcx(-y) - S(eta, a)];
//   otherwise:                    Boost.Math's P(a, b) and the exact Poisson term.
// Wider types use the series and Boost.Math's incomplete gamma functions.
#ifndef ERLANG_DETAIL_ERLANG_A_IMP_HPP
#define ERLANG_DETAIL_ERLANG_A_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/detail/temme.hpp>
#include <erlang/measures.hpp>

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/log1p.hpp>
#include <boost/math/tools/precision.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace erlang::detail {

/// x y / z for x, y, z > 0 (y, z finite) with no intermediate overflow or underflow: the
/// mantissas are multiplied and the exponents added apart. Two roundings, as x * y / z.
template <class Real>
Real scaled_ratio(Real x, Real y, Real z) {
  using std::frexp;
  using std::ldexp;
  int ex = 0;
  int ey = 0;
  int ez = 0;
  const Real mx = frexp(x, &ex);
  const Real my = frexp(y, &ey);
  const Real mz = frexp(z, &ez);
  return ldexp(mx * my / mz, ex + ey - ez);
}

/// M(a, b) (possibly +inf), ln M(a, b), and P(Ab | W > 0) at (a, b).
template <class Real>
struct delayed_state {
  Real m;
  Real log_m;
  Real abandon_given_wait;
};

/// The series region: b <= 0.6 (a + 1), any type.
template <class Real>
delayed_state<Real> delayed_state_series(Real a, Real b) {
  using std::log;
  Real term = 1;
  Real sum = 1;
  Real weighted = 1 / (a + 1);  // T_0 (0+1)/(a+0+1)
  const Real eps = std::numeric_limits<Real>::epsilon() / 16;
  for (Real k = 1; term > eps * sum; k += 1) {
    term *= b / (a + k);
    sum += term;
    weighted += term * (k + 1) / (a + k + 1);
  }
  return {sum, log(sum), weighted / sum};
}

/// ln of the Poisson-like term D(a, b) = b^(a-1) e^-b / Gamma(a).
template <class Real, class Policy>
Real log_gamma_density(Real a, Real b, const Policy& pol) {
  using std::log;
  if constexpr (std::is_same_v<Real, double>) {
    if (a >= 20) {
      const double s = (b - a) / a;
      const double phi = temme_phi(b / a, s);
      return -a * phi - log(b) + 0.5 * log(a / (2 * std::numbers::pi)) - log_gamma_star(a);
    }
  }
  return (a - 1) * log(b) - b - boost::math::lgamma(a, pol);
}

/// Boost.Math region: ln M = ln(a/b) + ln P(a, b) - ln D(a, b);
/// P(Ab | W > 0) = D/P - (a - b)/b.
template <class Real, class Policy>
delayed_state<Real> delayed_state_gamma(Real a, Real b, const Policy& pol) {
  using std::exp;
  using std::log;
  const Real log_p = log(boost::math::gamma_p(a, b, pol));
  const Real log_d = log_gamma_density(a, b, pol);
  const Real log_m = log(a) - log(b) + log_p - log_d;  // a / b may underflow
  const Real m = log_m < 700 ? exp(log_m) : std::numeric_limits<Real>::infinity();
  Real abandon = exp(log_d - log_p) - (a - b) / b;
  return {m, log_m, abandon};
}

/// DLMF 8.11(iii): (a - b) M / a ~ sum_k (-1)^k b_k(lambda) t^k, t = a/(a-b)^2, with
/// b_0 = 1, b_k = lambda (1 - lambda) b'_{k-1} + (2k - 1) lambda b_{k-1}. The coefficients
/// of b_k as polynomials in lambda: q_j = j p_j + (2k - j) p_{j-1}.
inline constexpr int dlmf_terms = 28;

constexpr std::array<std::array<double, dlmf_terms + 1>, dlmf_terms + 1> dlmf_polynomials() {
  std::array<std::array<double, dlmf_terms + 1>, dlmf_terms + 1> c{};
  c[0][0] = 1;
  for (int k = 1; k <= dlmf_terms; ++k) {
    for (int j = 1; j <= k; ++j) {
      c[k][j] = j * c[k - 1][j] + (2 * k - j) * c[k - 1][j - 1];
    }
  }
  return c;
}

inline delayed_state<double> delayed_state_asymptotic(double a, double b) {
  static constexpr auto c = dlmf_polynomials();
  const double lambda = b / a;
  const double t = a / ((a - b) * (a - b));
  double s1 = 0;  // sum_{k>=1} (-1)^(k+1) b_k t^k
  double tk = 1;
  double previous = std::numeric_limits<double>::infinity();
  for (int k = 1; k <= dlmf_terms; ++k) {
    tk *= t;
    double bk = 0;
    for (int j = k; j >= 1; --j) {
      bk = (bk + c[k][j]) * lambda;
    }
    const double term = bk * tk;
    if (term > previous) {
      break;  // the asymptotic series has reached its smallest term
    }
    s1 += (k % 2 == 1) ? term : -term;
    previous = term;
    if (term < 1e-18 * s1) {
      break;
    }
  }
  const double m = a * (1 - s1) / (a - b);
  return {m, std::log(m), (a - b) / b * s1 / (1 - s1)};
}

/// Temme region, a >= 20, |b/a - 1| <= 0.4.
template <class Policy>
delayed_state<double> delayed_state_temme(double a, double b, const Policy& pol) {
  const double s = (b - a) / a;
  const double phi = temme_phi(b / a, s);
  const double y2 = a * phi;
  const double y2_low = std::fma(a, phi, -y2);
  const double eta = std::copysign(std::sqrt(2 * phi), s);
  const double series = temme_series(eta, a);
  const double k = std::sqrt(std::numbers::pi / 2) * std::sqrt(a);  // no overflow of pi a
  const double lgs = log_gamma_star(a);
  const double y = std::sqrt(y2);
  double m = 0;
  double log_m = 0;
  if (s <= 0) {
    m = std::exp(lgs) * (k * erfcx_moderate(y, pol) - series);
    log_m = std::log(m);
  } else {
    // erfcx(-y) = exp(y^2) (2 - erfc(y)).
    const double inner = k * (2 - boost::math::erfc(y, pol)) - series * std::exp(-y2);
    log_m = lgs + y2 + y2_low + std::log(inner);
    m = log_m < 700 ? std::exp(lgs) * std::exp(y2) * (1 + y2_low) * inner
                    : std::numeric_limits<double>::infinity();
  }
  // P(Ab | W > 0) = a/(b M) - (a - b)/b.
  const double abandon = std::exp(std::log(a / b) - log_m) - (a - b) / b;
  return {m, log_m, abandon};
}

/// M(a, b), ln M and P(Ab | W > 0) for a > 0, b >= 0.
template <class Real, class Policy>
delayed_state<Real> delayed_state_of(Real a, Real b, const Policy& pol) {
  using std::sqrt;
  if (b == 0) {
    return {Real(1), Real(0), 1 / (a + 1)};
  }
  if (b <= Real(0.6) * (a + 1)) {
    return delayed_state_series(a, b);
  }
  if constexpr (std::is_same_v<Real, double>) {
    if (a >= 20) {
      if (b < a - 10 * sqrt(a)) {
        return delayed_state_asymptotic(a, b);
      }
      if (b <= 1.4 * a) {
        return delayed_state_temme(a, b, pol);
      }
    }
  }
  return delayed_state_gamma(a, b, pol);
}

/// The tail of the regularised incomplete gamma function on x's side of a, by Temme's
/// expansion (detail/temme.hpp) for double with a >= 20 and |x/a - 1| <= 0.4:
/// P(a, x) for x <= a, Q(a, x) for x > a. Boost.Math's own evaluation gives up near x = a
/// once a exceeds about 1e12 (a series of its promoted long double that does not converge).
template <class Policy>
double temme_near_tail(double a, double x, const Policy& pol) {
  const double s = (x - a) / a;
  const double phi = temme_phi(x / a, s);
  const double eta = std::copysign(std::sqrt(2 * phi), s);
  const double y = std::sqrt(a * phi);
  const double series =
      temme_series(eta, a) * std::exp(-a * phi) / (std::sqrt(2 * std::numbers::pi) * std::sqrt(a));
  const double half_erfc = boost::math::erfc(y, pol) / 2;
  return s <= 0 ? half_erfc - series : half_erfc + series;
}

template <class Real>
bool in_temme_region(Real a, Real x) {
  if constexpr (std::is_same_v<Real, double>) {
    using std::fabs;
    return a >= 20 && fabs(x - a) <= 0.4 * a;
  }
  return false;
}

/// P(a, x), Temme's expansion near x = a for double, else Boost.Math.
template <class Real, class Policy>
Real gamma_p_of(Real a, Real x, const Policy& pol) {
  using std::exp;
  using std::log;
  if (in_temme_region(a, x)) {
    const double tail = temme_near_tail(a, x, pol);
    return x <= a ? tail : 1 - tail;
  }
  if (x <= Real(0.6) * (a + 1)) {
    // P = (x/a) M(a, x) D(a, x) by the series: Boost.Math's tgamma(a) overflows here for
    // large a and small x.
    if (x == 0) {
      return 0;
    }
    const Real log_m = delayed_state_series(a, x).log_m;
    return exp(log(x) - log(a) + log_m + log_gamma_density(a, x, pol));
  }
  return boost::math::gamma_p(a, x, pol);
}

/// Q(a, x), Temme's expansion near x = a for double, else Boost.Math.
template <class Real, class Policy>
Real gamma_q_of(Real a, Real x, const Policy& pol) {
  if (in_temme_region(a, x)) {
    const double tail = temme_near_tail(a, x, pol);
    return x > a ? tail : 1 - tail;
  }
  if (x <= Real(0.6) * (a + 1)) {
    return 1 - gamma_p_of(a, x, pol);
  }
  return boost::math::gamma_q(a, x, pol);
}

/// Beyond ln M(a, b) = 64, measures are formed from P(a, b) rather than from differences of
/// logarithms of M, whose absolute error grows with ln M (ulp(ln M) > 1 beyond 2^53).
inline constexpr double large_log_m = 64;

/// ln Gamma*(a) = ln Gamma(a) - (a - 1/2) ln a + a - ln(2 pi)/2, which tends to 0.
template <class Real, class Policy>
Real log_gamma_star_of(Real a, const Policy& pol) {
  if constexpr (std::is_same_v<Real, double>) {
    if (a >= 20) {
      return log_gamma_star(a);
    }
  }
  using std::log;
  return boost::math::lgamma(a, pol) - (a - Real(0.5)) * log(a) + a -
         log(2 * std::numbers::pi_v<Real>) / 2;
}

/// e^-d - 1 + d >= 0 without cancellation (Taylor series for |d| <= 1/2 in double).
template <class Real>
Real exp_minus_one_plus(Real d) {
  if constexpr (std::is_same_v<Real, double>) {
    if (std::fabs(d) <= 0.5) {
      // sum_{k>=2} (-d)^k / k!, 19 terms: the first omitted is below 1e-18 of d^2/2.
      static constexpr double c[] = {1.0 / 2,
                                     1.0 / 6,
                                     1.0 / 24,
                                     1.0 / 120,
                                     1.0 / 720,
                                     1.0 / 5040,
                                     1.0 / 40320,
                                     1.0 / 362880,
                                     1.0 / 3628800,
                                     1.0 / 39916800,
                                     1.0 / 479001600,
                                     1.0 / 6227020800,
                                     1.0 / 87178291200,
                                     1.0 / 1307674368000,
                                     1.0 / 20922789888000,
                                     1.0 / 355687428096000,
                                     1.0 / 6402373705728000,
                                     1.0 / 121645100408832000.0,
                                     1.0 / 2432902008176640000.0};
      return d * d * polynomial(c, -d);
    }
  }
  return d + boost::math::expm1(-d);
}

/// The shape of g(v) = exp(-a v + b (1 - e^-v)), whose normalised form a g(v) / M(a, b) is
/// the density of theta V (the offered wait of a delayed caller, in units of the mean
/// patience; int_0^inf g = M / a). g peaks at v* = ln(b/a) for b >= a and at v* = 0
/// otherwise. relative_log_g(d) = ln g(v* + d) - ln g(v*) without cancellation, with
/// h(d) = e^-d - 1 + d: -a h(d) for b >= a, -(a - b) d - b h(d) for b < a. width is the
/// peak's (1 / sqrt(-(ln g)'') there, at most 1), log_scale = ln(a g(v*) / M).
template <class Real>
struct wait_shape {
  Real a;
  Real b;
  bool peak_inside;
  Real v_peak;
  Real width;
  Real log_scale;

  [[nodiscard]] Real relative_log_g(Real d) const {
    return peak_inside ? -a * exp_minus_one_plus(d) : -(a - b) * d - b * exp_minus_one_plus(d);
  }
};

template <class Real, class Policy>
wait_shape<Real> wait_shape_of(Real a, Real b, Real log_m, const Policy& pol) {
  using std::log;
  using std::sqrt;
  wait_shape<Real> s{a, b, b >= a, 0, 0, 0};
  const Real b_over_a = b / a;
  const bool ratio_finite = (boost::math::isfinite)(b_over_a);
  // ln g(v*) = b - a - a ln(b/a) = a phi(b/a), phi(x) = x - 1 - ln x, formed without
  // cancelling b - a against a ln(b/a).
  Real log_peak = 0;
  if (s.peak_inside) {
    s.v_peak = ratio_finite ? log(b_over_a) : log(b) - log(a);
    if (!ratio_finite) {
      log_peak = b - a - a * s.v_peak;  // b / a beyond the range: b dominates
    } else if constexpr (std::is_same_v<Real, double>) {
      log_peak = a * temme_phi(b_over_a, (b - a) / a);
    } else {
      log_peak = -a * boost::math::log1pmx((b - a) / a);
    }
  }
  s.width = 1 / sqrt(s.peak_inside ? a : b);
  if (!s.peak_inside) {
    s.width = (std::min)(s.width, 1 / (a - b));
  }
  s.width = (std::min)(s.width, Real(1));  // the factor e^-v bounds the width by 1
  // ln g(v*) - ln M: when ln M is large the difference cancels to a few units, so it is
  // formed from the identity M = (a/b) P(a, b) / D(a, b) instead:
  // ln g(v*) - ln M = -ln(2 pi a)/2 - ln Gamma*(a) - ln P(a, b).
  Real peak_over_m = log_peak - log_m;
  if (s.peak_inside && log_m > large_log_m) {
    peak_over_m = -log(2 * std::numbers::pi_v<Real> * a) / 2 - log_gamma_star_of(a, pol) -
                  log(gamma_p_of(a, b, pol));
  }
  s.log_scale = peak_over_m + log(a);
  return s;
}

/// Relative tolerance of the Gauss-Kronrod integrals of g: their estimates of the error
/// are pessimistic (the measured errors are near 1e-13 and below), and Boost.Math's
/// recursion cannot meet tolerances near epsilon (it would bisect to the full depth).
template <class Real>
Real wait_quadrature_tolerance() {
  return (std::max)(Real(1e-11), std::numeric_limits<Real>::epsilon() * 64);
}

/// I1 / I0 with g(v) = exp(-a v + b (1 - e^-v)), I0 = int_0^inf g, I1 = int_0^inf v e^-v g:
/// the mean of theta W over answered delayed callers is I1 / (I0 (1 - P(Ab | W > 0))).
/// I0 = M(a, b) / a is exact (log_m = ln M); I1 by adaptive Gauss-Kronrod over the
/// interval where g exceeds e^-50 of its peak, to an estimated relative error of 1e-11
/// (the estimate is pessimistic: the measured error is near 1e-13). The integrand is
/// formed relative to its peak (wait_shape).
template <class Real, class Policy>
Real answered_wait_ratio(Real a, Real b, Real log_m, const Policy& pol) {
  using std::exp;
  using std::log;
  const auto s = wait_shape_of(a, b, log_m, pol);
  const Real width = s.width;
  // The integral runs over d = v - v*, in units of the peak's width, so that the
  // integrand stays near 1 and the width representable however large v* or a is.
  Real right = width;
  while (s.relative_log_g(right) - right > -50) {
    right *= 2;
  }
  Real left = 0;
  if (s.v_peak > 0) {
    left = -width;
    while (left > -s.v_peak && s.relative_log_g(left) > -50) {
      left *= 2;
    }
    left = (std::max)(left, -s.v_peak);
  }
  // v e^-v g(v) / g(v*) e^(v*) = (v* + d) e^-d g(v* + d) / g(v*), d = width u, divided by
  // scale = v* + width.
  const Real scale = s.v_peak + width;
  auto f1 = [&](Real u) {
    const Real d = width * u;
    return (s.v_peak + d) / scale * exp(s.relative_log_g(d) - d);
  };
  using gk = boost::math::quadrature::gauss_kronrod<Real, 31>;
  const Real j1 =
      gk::integrate(f1, left / width, right / width, 12, wait_quadrature_tolerance<Real>());
  return j1 * exp(log(width) + log(scale) + s.log_scale - s.v_peak);
}

/// Among delayed callers, the fraction whose offered wait ends within v = theta t,
/// (a/M) int_0^v g = 1 - P(V > t | W > 0) (served = false), or the fraction served within
/// t, (a/M) int_0^v e^-u g(u) du, which tends to 1 - P(Ab | W > 0) (served = true); by
/// Gauss-Kronrod over the part of [0, v] where g exceeds e^-50 of its largest value there.
/// For the windows where the closed forms (differences of incomplete gamma ratios from
/// their limits) cancel: short answer times, patient callers.
template <class Real, class Policy>
Real early_fraction_of(Real a, Real b, Real log_m, Real v, bool served, const Policy& pol) {
  using std::exp;
  using std::log;
  const auto s = wait_shape_of(a, b, log_m, pol);
  // The largest value of g on [0, v] lies at top = min(v, v*).
  const Real top = (std::min)(v, s.v_peak);
  const Real log_top = s.relative_log_g(top - s.v_peak);
  const Real log_factor = s.log_scale + log_top;  // ln(a g(top) / M)
  if (log_factor + log(v) < boost::math::tools::log_min_value<Real>() - 40) {
    return 0;  // below the subnormal numbers: the integral is at most v g(top)
  }
  auto below_top = [&](Real u) { return s.relative_log_g(u - s.v_peak) - log_top; };
  // Left of top, g falls at least as fast as its slope there, -a + b e^-top, says (ln g is
  // concave): where that slope is steep the e^-50 point lies within 50 / slope.
  Real lo = 0;
  const Real slope = b * exp(-top) - a;
  if (slope * s.width > 50) {
    lo = (std::max)(Real(0), top - 50 / slope);
  } else {
    for (Real step = s.width; top - step > 0; step *= 2) {
      if (below_top(top - step) < -50) {
        lo = top - step;
        break;
      }
    }
  }
  Real hi = v;
  for (Real step = s.width; top + step < v; step *= 2) {
    if (below_top(top + step) < -50) {
      hi = top + step;
      break;
    }
  }
  // The integrand relative to g(top), times e^-(u - lo) for the served fraction (neither
  // exceeds 1), over u = lo + (hi - lo) x for x in [0, 1]: Boost.Math's adaptive
  // Gauss-Kronrod compares its error estimate, taken on [-1, 1], with the tolerance times
  // the integral over the actual interval, so that a short interval would be bisected to
  // the full depth.
  const Real length = hi - lo;
  auto f = [&](Real x) {
    const Real u = lo + length * x;
    return exp(served ? below_top(u) - (u - lo) : below_top(u));
  };
  using gk = boost::math::quadrature::gauss_kronrod<Real, 31>;
  const Real j = gk::integrate(f, Real(0), Real(1), 12, wait_quadrature_tolerance<Real>());
  return j * length * exp(log_factor - (served ? lo : Real(0)));
}

/// What an evaluation must compute: the search for agents skips what no target needs.
/// With service_level_target >= 0 the service level need only be compared with it: the
/// direct integration of a short window (early_fraction_of) is skipped where the closed
/// form lies farther from the target than its error could reach.
struct erlang_a_needs {
  bool service_level = true;
  bool wait_within = true;
  bool asa = true;
  double service_level_target = -1;
};

template <class Real, class Policy>
erlang_a_measures<Real> erlang_a_measures_of(Real e, Real n, Real h, Real patience, Real t,
                                             const erlang_a_needs& needs, const Policy& pol) {
  using std::exp;
  using std::log;
  erlang_a_measures<Real> r{};
  if (e == 0) {
    r.service_level = 1;
    r.wait_within = 1;
    return r;
  }
  const Real a = scaled_ratio(n, patience, h);  // n mu / theta
  const Real b = scaled_ratio(e, patience, h);  // lambda / theta
  const auto ib = inverse_blocking_of(n, e, pol);
  const auto main = delayed_state_of(a, b, pol);
  // P(W > 0) = 1 / (1 + (1/B - 1) / M), formed in logs when either part overflows.
  Real ratio;  // (1/B - 1) / M
  if ((boost::math::isfinite)(ib.excess) && (boost::math::isfinite)(main.m)) {
    ratio = ib.excess / main.m;
  } else {
    const Real log_excess = (boost::math::isfinite)(ib.excess) ? log(ib.excess) : ib.log_inverse;
    ratio = exp(log_excess - main.log_m);
  }
  const Real pw = 1 / (1 + ratio);
  const Real no_wait = ratio / (1 + ratio);
  const Real pab_w = (std::min)(Real(1), (std::max)(Real(0), main.abandon_given_wait));
  r.wait_probability = pw;
  r.abandon_given_wait = pab_w;
  r.abandon_probability = pw * pab_w;
  r.mean_wait = r.abandon_probability * patience;
  r.mean_queue_length = b * r.abandon_probability;
  r.occupancy = (std::min)(Real(1), e / n * (1 - r.abandon_probability));
  const Real v = t / patience;  // theta t
  // ln g(v) = -a v + b (1 - e^-v)
  const Real log_g = -a * v - b * boost::math::expm1(-v, pol);
  if (needs.service_level) {
    // Served after t among delayed callers: U = g(v) e^-v (a/(a+1)) M(a+1, b e^-v) / M(a, b).
    Real served_within = 1 - pab_w;  // among delayed callers, as t -> infinity
    if (t > 0) {
      const Real b_later = b * exp(-v);
      Real u = 0;
      if (main.log_m > large_log_m) {
        // U = (a/b) P(a+1, b e^-v) / P(a, b), free of the large logarithms.
        u = a / b * gamma_p_of(a + 1, b_later, pol) / gamma_p_of(a, b, pol);
      } else {
        const auto later = delayed_state_of(a + 1, b_later, pol);
        u = exp(log_g - v + log(a / (a + 1)) + later.log_m - main.log_m);
      }
      if (u > served_within / 2 && b_later > a + 1) {
        // (1 - P(Ab | W > 0)) - U = (a/b) [Q(a+1, b e^-v) - Q(a+1, b)] / P(a, b): both Q
        // are upper tails here, and their difference is formed without cancellation.
        const Real q_later = gamma_q_of(a + 1, b_later, pol);
        const Real q_now = gamma_q_of(a + 1, b, pol);
        served_within = q_later > 0
                            ? a / b * q_later * -boost::math::expm1(log(q_now / q_later), pol) /
                                  gamma_p_of(a, b, pol)
                            : Real(0);
      } else {
        served_within = (std::max)(Real(0), served_within - u);
      }
      if (served_within < (1 - pab_w) / 8) {
        // Below an eighth of its limit the difference above cancels (short answer times,
        // patient callers): the fraction served within t is integrated directly, unless a
        // search only compares the result with a target from which it lies more than 2^-10
        // of the delayed callers' answered share away (the closed form's error measures
        // below 1e-7 of that share).
        using std::fabs;
        const Real target = needs.service_level_target;
        const bool decided = target >= 0 && fabs(no_wait + pw * served_within - target) >
                                                pw * (1 - pab_w) / 1024 + target / (1024 * 1024);
        if (!decided) {
          served_within = early_fraction_of(a, b, main.log_m, v, true, pol);
        }
      }
    } else {
      served_within = 0;
    }
    r.service_level = (std::min)(Real(1), no_wait + pw * served_within);
  }
  if (needs.wait_within) {
    // P(W <= t) = P(W = 0) + P(W > 0) (1 - e^-v G), G = P(V > t | W > 0)
    // = g(v) M(a, b e^-v) / M(a, b), and 1 - e^-v G = (1 - e^-v) + e^-v (1 - G): a sum of
    // non-negative parts, with 1 - G integrated directly where G is above 7/8.
    Real within_given_wait = 0;
    if (t > 0) {
      Real g_ratio = 0;
      if (main.log_m > large_log_m) {
        // g(v) M(a, b e^-v) / M(a, b) = P(a, b e^-v) / P(a, b).
        g_ratio = gamma_p_of(a, b * exp(-v), pol) / gamma_p_of(a, b, pol);
      } else {
        const auto later = delayed_state_of(a, b * exp(-v), pol);
        g_ratio = exp(log_g + later.log_m - main.log_m);
      }
      g_ratio = (std::min)(Real(1), g_ratio);
      const Real offered_within =
          g_ratio > Real(0.875) ? early_fraction_of(a, b, main.log_m, v, false, pol) : 1 - g_ratio;
      within_given_wait = -boost::math::expm1(-v, pol) + exp(-v) * offered_within;
    }
    r.wait_within = (std::min)(Real(1), no_wait + pw * within_given_wait);
  }
  if (needs.asa) {
    // E[W; served] = P(W > 0) patience I1 / I0; ASA = E[W; served] / (1 - P(Ab)).
    const Real served = 1 - r.abandon_probability;
    r.average_speed_of_answer =
        served > 0 ? pw * patience * answered_wait_ratio(a, b, main.log_m, pol) / served
                   : std::numeric_limits<Real>::infinity();
  }
  return r;
}

template <class Real, class Policy>
bool check_erlang_a(const char* function, Real e, Real n, Real h, Real patience, Real t, Real& err,
                    const Policy& pol) {
  return check_traffic(function, e, err, pol) &&
         check_positive(function, "Agents must be finite and > 0, got %1%.", n, err, pol) &&
         check_mean_handling_time(function, h, err, pol) &&
         check_positive(function, "Mean patience must be finite and > 0, got %1%.", patience, err,
                        pol) &&
         check_answer_time(function, t, err, pol);
}

/// The scales a = agents x patience / h and b = traffic x patience / h must satisfy
/// min normal <= a <= 1/epsilon and b <= 1/epsilon (2.2e-308 and 2^52 = 4.5e15 in
/// double): beyond 1/epsilon, a + 1 is no longer distinct from a, and the callers are so
/// patient that Erlang C applies; below the smallest normal number a has no precision
/// left, and the callers so impatient that Erlang B applies.
template <class Real, class Policy>
bool check_erlang_a_scale(const char* function, Real a, Real b, Real& err, const Policy& pol) {
  const Real largest = 1 / std::numeric_limits<Real>::epsilon();
  return check_that(a >= (std::numeric_limits<Real>::min)() && a <= largest, function,
                    "Agents x patience / mean handling time must be in [min normal, 1/epsilon] "
                    "(callers so patient that Erlang C applies, or so impatient that Erlang B "
                    "applies), got %1%.",
                    a, err, pol) &&
         check_that(b <= largest, function,
                    "Traffic x patience / mean handling time must be at most 1/epsilon (callers "
                    "so patient that Erlang C applies), got %1%.",
                    b, err, pol);
}

/// erlang_a: every measure.
struct erlang_a_imp {
  template <class Real, class Policy>
  erlang_a_measures<Real> operator()(const char* function, Real e, Real n, Real h, Real p, Real t,
                                     const Policy& pol) const {
    if (Real err = 0;
        !check_erlang_a(function, e, n, h, p, t, err, pol) ||
        !check_erlang_a_scale(function, scaled_ratio(n, p, h), scaled_ratio(e, p, h), err, pol)) {
      return measures_filled_with<erlang_a_measures>(err);
    }
    return erlang_a_measures_of(e, n, h, p, t, erlang_a_needs{}, pol);
  }
};

/// erlang_a_agents_for_targets.
struct erlang_a_agents_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real h, Real p, const staffing_targets<Real>& t,
                  const Policy& pol) const {
    Real err = 0;
    // One agent bounds a from below; b bounds the scale of the search from above.
    if (!check_erlang_a(function, e, Real(1), h, p, t.answer_time, err, pol) ||
        !check_erlang_a_scale(function, scaled_ratio(Real(1), p, h), scaled_ratio(e, p, h), err,
                              pol) ||
        !check_targets(function, t, erlang_a_support, err, pol)) {
      return err;
    }
    if (e == 0) {
      return 0;
    }
    const erlang_a_needs needs{t.service_level.has_value(), false, t.max_asa.has_value(),
                               t.service_level ? static_cast<double>(*t.service_level) : -1.0};
    auto meets = [&](Real n) {
      return erlang::meets(erlang_a_measures_of(e, n, h, p, t.answer_time, needs, pol), t);
    };
    // Every measure improves with agents. Bracket from the square-root staffing guess,
    // then bisect on the integers (0 agents never meets a target): O(log E) evaluations of
    // O(1) cost. The evaluated scale ends at agents x patience / h = 1/epsilon: n_top
    // agents. With patience below 1e-292 handling times that count is beyond the largest
    // double, which ends the search first (an overflow error, not a domain error).
    using std::ceil;
    using std::floor;
    using std::sqrt;
    const Real hi = ceil(e + sqrt(e)) + 1;
    const Real n_scale = floor(scaled_ratio(1 / std::numeric_limits<Real>::epsilon(), h, p));
    const Real n_top = (std::min)(n_scale, boost::math::tools::max_value<Real>());
    const auto r = least_count(meets, Real(0), hi, hi, n_top, true);
    if (!r.found) {
      return n_top < n_scale
                 ? raise_count_overflow<Real>(function, "agents", pol)
                 : raise_count_beyond_scale(
                       function, "agents x patience / handling time above 1/epsilon", n_top, pol);
    }
    return r.count;
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_ERLANG_A_IMP_HPP
