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

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_c_imp.hpp>
#include <erlang/detail/search.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/fpclassify.hpp>
#include <boost/math/special_functions/log1p.hpp>
#include <boost/math/tools/precision.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

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

/// Checks (traffic, servers, handling time, time).
template <class Real, class Policy>
bool check_response_time_arguments(const char* function, const Real& e, const Real& x,
                                   const Real& h, const Real& t, Real& err, const Policy& pol) {
  return check_traffic_servers_time(function, e, x, h, err, pol) &&
         check_non_negative(function, "Time must be finite and >= 0, got %1%.", t, err, pol);
}

/// response_time_exceedance (Within = false) and response_time_within (true).
template <bool Within>
struct response_time_distribution_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, Real t, const Policy& pol) const {
    if (Real err = 0; !check_response_time_arguments(function, e, x, h, t, err, pol)) {
      return err;
    }
    if (e >= x) {
      return Within ? Real(0) : Real(1);
    }
    const auto w = erlang_c_pair(x, e, pol);
    if constexpr (Within) {
      return response_within_units(w.c, w.one_minus_c, Real(x - e), t / h, pol);
    } else {
      const Real s = response_exceedance_units(w.c, Real(x - e), t / h, pol);
      return s < 1 ? s : Real(1);
    }
  }
};

struct mean_response_time_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, const Policy& pol) const {
    const Real asa = average_speed_of_answer_imp{}(function, e, x, h, pol);
    return asa + h;  // an error result (NaN) or +infinity stays so
  }
};

struct response_time_quantile_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, Real p, const Policy& pol) const {
    using std::log;
    if (Real err = 0; !check_quantile(function, e, x, h, p, err, pol)) {
      return err;
    }
    if (e >= x) {
      return std::numeric_limits<Real>::infinity();
    }
    if (p == 0) {
      return 0;
    }
    using std::log;
    const auto w = erlang_c_pair(x, e, pol);
    const Real k = x - e;
    const Real q = 1 - p;  // exact for p >= 1/2
    // The bracket in units of h: quantiles of S (Exp(1)) and of W (atom 1 - C at 0, then
    // C e^(-k u)).
    const Real s_quantile = -boost::math::log1p(-p, pol);
    const Real w_quantile = w.c > q ? log(w.c / q) / k : Real(0);
    const Real lo = s_quantile > w_quantile ? s_quantile : w_quantile;
    const Real half_q = q / 2;
    const Real hi = log(2 / q) + (w.c > half_q ? log(w.c / half_q) / k : Real(0));
    // Below the median the distribution function itself, above it the complement (both
    // accurate where they are small): f < 0 below the quantile, > 0 above.
    const auto f = [&](const Real& u) -> Real {
      if (p <= Real(0.5)) {
        return response_within_units(w.c, w.one_minus_c, k, u, pol) - p;
      }
      return q - response_exceedance_units(w.c, k, u, pol);
    };
    Real u = 0;
    const Real f_lo = f(lo);
    const Real f_hi = f(hi);
    if (f_lo >= 0) {
      u = lo;
    } else if (f_hi <= 0) {
      u = hi;
    } else {
      std::uintmax_t max_iter = boost::math::policies::get_max_root_iterations<Policy>();
      const boost::math::tools::eps_tolerance<Real> tol(
          boost::math::policies::digits<Real, Policy>());
      const auto r = boost::math::tools::toms748_solve(f, lo, hi, f_lo, f_hi, tol, max_iter, pol);
      if (max_iter >= boost::math::policies::get_max_root_iterations<Policy>()) {
        return boost::math::policies::raise_evaluation_error<Real>(
            function, "The root finder did not converge; last bracket midpoint %1%.",
            (r.first + r.second) / 2, pol);
      }
      u = (r.first + r.second) / 2;
    }
    Real t = u * h;  // not const: returned by move (a multiprecision Real)
    if (!(boost::math::isfinite)(t)) {
      return boost::math::policies::raise_overflow_error<Real>(function, nullptr, pol);
    }
    return t;
  }
};

// ---- staffing for response times ------------------------------------------------------
// A response-time target: P(T <= time) >= fraction (a percentile target: p99 <= time is
// fraction 0.99), or E[T] <= time (fraction unset). Both are met by more servers (T falls
// with the servers) and missed by more traffic.

/// The response-time target's score at real servers x: >= 0 exactly where it is met
/// (x <= e: the queue overflows, never met).
template <class Real, class Policy>
Real response_score(const Real& e, const Real& x, const Real& h, const Real* fraction,
                    const Real& time, const Policy& pol) {
  if (!(x > e)) {
    return -1;
  }
  const auto w = erlang_c_pair(x, e, pol);
  if (fraction != nullptr) {
    return response_within_units(w.c, w.one_minus_c, Real(x - e), time / h, pol) - *fraction;
  }
  return time - (scaled_by_wait_probability(w.c, h, Real(x - e)) + h);
}

/// The checks of a response-time target: fraction in (0, 1) when set, time finite and > 0,
/// and a target some number of servers can meet: the service alone must not already miss
/// it (P(S <= time) = 1 - e^(-time/h) above the fraction; the mean service time below the
/// mean target).
template <class Real, class Policy>
bool check_response_target(const char* function, const Real& h, const Real* fraction,
                           const Real& time, Real& err, const Policy& pol) {
  if (fraction != nullptr &&
      !check_open_probability(function, "Response-time fraction must be in (0, 1), got %1%.",
                              *fraction, err, pol)) {
    return false;
  }
  if (!check_positive(function, "Response time target must be finite and > 0, got %1%.", time, err,
                      pol)) {
    return false;
  }
  if (fraction != nullptr) {
    const Real best = -boost::math::expm1(-time / h, pol);  // no wait at all
    return check_that(best > *fraction, function,
                      "The response-time target cannot be met by any number of servers: the "
                      "service time alone completes only %1% of requests within the time.",
                      best, err, pol);
  }
  return check_that(time > h, function,
                    "The mean response-time target cannot be met by any number of servers: it "
                    "must exceed the mean service time, got %1%.",
                    time, err, pol);
}

/// servers_for_response_time (fraction set) and servers_for_mean_response_time.
struct servers_for_response_time_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real h, const Real* fraction, Real time,
                  const Policy& pol) const {
    using std::sqrt;
    if (Real err = 0; !check_traffic(function, e, err, pol) ||
                      !check_mean_handling_time(function, h, err, pol) ||
                      !check_response_target(function, h, fraction, time, err, pol)) {
      return err;
    }
    if (e == 0) {
      return Real(0);
    }
    auto score = [&](Real x) { return response_score(e, x, h, fraction, time, pol); };
    auto meets = [&](Real x) { return score(x) >= 0; };
    const Real step = 2 * sqrt(e) + 1;
    const auto r = least_count(meets, e, Real(e + step), step,
                               boost::math::tools::max_value<Real>(), true, score);
    if (!r.found) {
      return raise_count_overflow<Real>(function, "servers", pol);
    }
    return r.count;
  }

  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real h, Real fraction, Real time,
                  const Policy& pol) const {
    return (*this)(function, e, h, &fraction, time, pol);
  }
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real h, Real time, const Policy& pol) const {
    return (*this)(function, e, h, static_cast<const Real*>(nullptr), time, pol);
  }
};

/// traffic_for_response_time (fraction set) and traffic_for_mean_response_time: the largest
/// traffic that `m` servers serve within the target, 0 when even the smallest fails.
struct traffic_for_response_time_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real m, Real h, const Real* fraction, Real time,
                  const Policy& pol) const {
    if (Real err = 0;
        !check_positive(function, "Servers must be finite and > 0, got %1%.", m, err, pol) ||
        !check_mean_handling_time(function, h, err, pol) ||
        !check_response_target(function, h, fraction, time, err, pol)) {
      return err;
    }
    // The target worsens as the traffic grows, from the service time alone (met: checked)
    // at no traffic to an overflowing queue at m.
    auto score = [&](Real e) {
      if (e == 0) {
        return Real(1);
      }
      return response_score(e, m, h, fraction, time, pol);
    };
    std::uintmax_t max_iter = 200;
    const auto r = boost::math::tools::toms748_solve(
        score, Real(0), m, score(Real(0)), Real(-1),
        boost::math::tools::eps_tolerance<Real>(std::numeric_limits<Real>::digits - 3), max_iter);
    Real e = r.first;
    for (int i = 0; i < 64 && e > 0 && score(e) < 0; ++i) {
      e = boost::math::float_prior(e, pol);
    }
    return e;
  }

  template <class Real, class Policy>
  Real operator()(const char* function, Real m, Real h, Real fraction, Real time,
                  const Policy& pol) const {
    return (*this)(function, m, h, &fraction, time, pol);
  }
  template <class Real, class Policy>
  Real operator()(const char* function, Real m, Real h, Real time, const Policy& pol) const {
    return (*this)(function, m, h, static_cast<const Real*>(nullptr), time, pol);
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_RESPONSE_TIME_IMP_HPP
