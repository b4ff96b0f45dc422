// The G/G/c mean-wait approximations of gg_c.hpp (see there for the formulas).
#ifndef ERLANG_DETAIL_GG_C_IMP_HPP
#define ERLANG_DETAIL_GG_C_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_c_imp.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/gg_c_model.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/fpclassify.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/next.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace erlang::detail {

template <class Real, class Policy>
bool check_variation(const char* function, const Real& ca, const Real& cs, Real& err,
                     const Policy& pol) {
  return check_non_negative(
             function,
             "Coefficient of variation of the interarrival times must be finite and >= 0, got %1%.",
             ca, err, pol) &&
         check_non_negative(
             function,
             "Coefficient of variation of the service times must be finite and >= 0, got %1%.", cs,
             err, pol);
}

/// (c_a^2 + c_s^2) / 2 times base, or an overflow error when that is beyond the type's range
/// (base finite).
template <class Real, class Policy>
Real scale_by_variability(const char* function, const Real& base, const Real& ca, const Real& cs,
                          const Policy& pol) {
  const Real variability = (ca * ca + cs * cs) / 2;
  if (variability == 0 || base == 0) {
    return 0;
  }
  Real w = base * variability;
  if (!(boost::math::isfinite)(w)) {
    return boost::math::policies::raise_overflow_error<Real>(function, nullptr, pol);
  }
  return w;
}

/// Which approximation of the G/G/c mean wait.
enum class gg_c_approximation { allen_cunneen, kingman, qna };

/// allen_cunneen_mean_wait, qna_mean_wait and (with servers 1) kingman_mean_wait.
template <gg_c_approximation A>
struct gg_c_mean_wait_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real rho, Real h, Real ca, Real cs,
                  const Policy& pol) const {
    return (*this)(function, rho, Real(1), h, ca, cs, pol);
  }
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, Real ca, Real cs,
                  const Policy& pol) const {
    if (Real err = 0; !check_traffic_servers_time(function, e, x, h, err, pol) ||
                      !check_variation(function, ca, cs, err, pol)) {
      return err;
    }
    if (e >= x) {
      return std::numeric_limits<Real>::infinity();
    }
    if constexpr (A == gg_c_approximation::kingman) {
      // rho h / (1 - rho) in an order that does not overflow on the way for h near the
      // largest value (rho / (1 - rho) <= 2^53 in double).
      return scale_by_variability(function, e / (1 - e) * h, ca, cs, pol);
    } else {
      Real w = scale_by_variability(
          function, scaled_by_wait_probability(erlang_c_pair(x, e, pol).c, h, Real(x - e)), ca, cs,
          pol);
      const Real ca2 = ca * ca;
      if (A == gg_c_approximation::qna && x == 1 && ca2 < 1 && w > 0) {
        // w > 0: rho > 0 and c_a^2 + c_s^2 > 0, so the exponent is finite.
        using std::exp;
        const Real d = 1 - ca2;
        w *= exp(-2 * (1 - e) * d * d / (3 * e * (ca2 + cs * cs)));
      }
      return w;
    }
  }
};

// ---- wait and response-time distributions (approximations) ----------------------------
// The wait: P(W > 0) = C, the Erlang C probability, and given a wait an exponential time of
// mean Wq / C, with Wq the QNA mean wait (Allen-Cunneen; with the Kraemer and
// Langenbach-Belz factor at one server): P(W > t) = C e^(-r t), r = C / Wq. The response
// time T = W + S with S gamma of mean h and cv c_s (deterministic at c_s = 0, exponential at
// c_s = 1), independent of W: P(T > t) = P(S > t) + C int_0^t f_S(s) e^(-r (t - s)) ds.
// With c_a = c_s = 1 both are M/M/c's exactly (r = (c - E) / h).

/// The approximate wait of G/G/c at e < x: C and r (r = +infinity: no wait at all).
template <class Real>
struct gg_c_wait {
  Real c;
  Real rate;
};

template <class Real, class Policy>
gg_c_wait<Real> gg_c_wait_of(const char* function, const Real& e, const Real& x, const Real& h,
                             const Real& ca, const Real& cs, const Policy& pol) {
  const Real c = erlang_c_pair(x, e, pol).c;
  const Real wq = gg_c_mean_wait_imp<gg_c_approximation::qna>{}(function, e, x, h, ca, cs, pol);
  if (!(wq > 0) || !(c > 0)) {
    return {c, std::numeric_limits<Real>::infinity()};
  }
  return {c, c / wq};
}

/// P(S > t) and int_0^t f_S(s) e^(-r (t - s)) ds for S gamma of mean h and cv cs > 0.
template <class Real, class Policy>
std::pair<Real, Real> gamma_service_parts(const Real& h, const Real& cs, const Real& r,
                                          const Real& t, const Policy& pol) {
  using std::exp;
  using std::log;
  const Real k = 1 / (cs * cs);
  const Real theta = h * cs * cs;
  const Real tail = boost::math::gamma_q(k, t / theta, pol);
  if (t == 0 || (boost::math::isinf)(r)) {
    return {tail, Real(0)};
  }
  const Real d = 1 - r * theta;  // (1/theta - r) theta
  if (d > 0) {
    // e^(-r t) (1 - r theta)^(-k) P(k, d t / theta): every factor positive.
    const Real p = boost::math::gamma_p(k, d * t / theta, pol);
    return {tail, p == 0 ? Real(0) : exp(-r * t - k * log(d) + log(p))};
  }
  // The integrand grows along [0, t]: quadrature (tanh-sinh copes with the density's
  // singularity at 0 when k < 1).
  boost::math::quadrature::tanh_sinh<Real> integrator;
  const auto f = [&](const Real& s) {
    return boost::math::gamma_p_derivative(k, s / theta, pol) / theta * exp(-r * (t - s));
  };
  return {tail, integrator.integrate(f, Real(0), t)};
}

/// gg_c_wait_exceedance (Response false) and gg_c_response_exceedance (true).
template <bool Response>
struct gg_c_exceedance_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, Real ca, Real cs, Real t,
                  const Policy& pol) const {
    using std::exp;
    if (Real err = 0;
        !check_traffic_servers_time(function, e, x, h, err, pol) ||
        !check_variation(function, ca, cs, err, pol) ||
        !check_non_negative(function, "Time must be finite and >= 0, got %1%.", t, err, pol)) {
      return err;
    }
    if (e >= x) {
      return Real(1);
    }
    const auto w = gg_c_wait_of(function, e, x, h, ca, cs, pol);
    const bool waits = !(boost::math::isinf)(w.rate);
    if constexpr (!Response) {
      return waits ? Real(w.c * exp(-w.rate * t)) : Real(0);
    } else {
      if (cs == 0) {  // S = h
        if (t < h) {
          return Real(1);
        }
        return waits ? Real(w.c * exp(-w.rate * (t - h))) : Real(0);
      }
      const auto [tail, integral] = gamma_service_parts(h, cs, w.rate, t, pol);
      const Real p = tail + w.c * integral;
      return p < 1 ? p : Real(1);
    }
  }
};

/// Targets for the servers of a pool (G/G/c by the approximations above; M/M/c exactly at
/// c_a = c_s = 1): see response_targets in gg_c.hpp.
template <class Real, class Policy>
Real pool_score(const Real& e, const Real& x, const Real& h, const Real& ca, const Real& cs,
                const std::optional<Real>& response_fraction, const Real& response_time,
                const std::optional<Real>& wait_fraction, const Real& wait_time,
                const std::optional<Real>& max_mean_response,
                const std::optional<Real>& max_utilization, const Policy& pol) {
  if (!(x > e)) {
    return -1;
  }
  Real score = std::numeric_limits<Real>::infinity();
  const char* function = "erlang::pool";
  if (response_fraction) {
    score = (std::min)(
        score, Real((1 - *response_fraction) -
                    gg_c_exceedance_imp<true>{}(function, e, x, h, ca, cs, response_time, pol)));
  }
  if (wait_fraction) {
    score = (std::min)(
        score, Real((1 - *wait_fraction) -
                    gg_c_exceedance_imp<false>{}(function, e, x, h, ca, cs, wait_time, pol)));
  }
  if (max_mean_response) {
    const Real wq = gg_c_mean_wait_imp<gg_c_approximation::qna>{}(function, e, x, h, ca, cs, pol);
    score = (std::min)(score, Real((*max_mean_response - (wq + h)) / *max_mean_response));
  }
  if (max_utilization) {
    score = (std::min)(score, Real(*max_utilization - e / x));
  }
  return score;
}

/// The checks of a pool's targets: ranges, at least one target, and targets the service
/// time alone does not already miss (no count of servers would meet them).
template <class Real, class Policy>
bool check_pool_targets(const char* function, const Real& h, const Real& cs,
                        const pool_targets<Real>& t, Real& err, const Policy& pol) {
  const auto fraction_ok = [&](const std::optional<Real>& f, const char* what) {
    return !f || check_open_probability(function, what, *f, err, pol);
  };
  if (!fraction_ok(t.response_fraction, "Response-time fraction must be in (0, 1), got %1%.") ||
      !fraction_ok(t.wait_fraction, "Wait fraction must be in (0, 1), got %1%.") ||
      (t.response_fraction &&
       !check_positive(function, "Response time target must be finite and > 0, got %1%.",
                       t.response_time, err, pol)) ||
      (t.wait_fraction &&
       !check_non_negative(function, "Wait time target must be finite and >= 0, got %1%.",
                           t.wait_time, err, pol)) ||
      (t.max_mean_response &&
       !check_positive(function, "Mean response time target must be finite and > 0, got %1%.",
                       *t.max_mean_response, err, pol)) ||
      (t.max_utilization &&
       !check_positive_probability(function, "Utilization target must be in (0, 1], got %1%.",
                                   *t.max_utilization, err, pol))) {
    return false;
  }
  if (!t.response_fraction && !t.wait_fraction && !t.max_mean_response && !t.max_utilization) {
    return check_that(false, function,
                      "No target is set (a response-time or wait percentile, a mean response "
                      "time or a utilization): %1%.",
                      Real(0), err, pol);
  }
  if (t.response_fraction) {
    // The service alone: P(S <= time), the best any number of servers gives.
    const Real best =
        cs == 0 ? Real(t.response_time >= h ? 1 : 0)
                : boost::math::gamma_p(1 / (cs * cs), t.response_time / (h * cs * cs), pol);
    if (!check_that(best > *t.response_fraction, function,
                    "The response-time target cannot be met by any number of servers: the "
                    "service time alone completes only %1% of requests within the time.",
                    best, err, pol)) {
      return false;
    }
  }
  return !t.max_mean_response ||
         check_that(*t.max_mean_response > h, function,
                    "The mean response-time target cannot be met by any number of servers: it "
                    "must exceed the mean service time, got %1%.",
                    *t.max_mean_response, err, pol);
}

template <class Real, class Policy>
Real pool_score_of(const Real& e, const Real& x, const Real& h, const Real& ca, const Real& cs,
                   const pool_targets<Real>& t, const Policy& pol) {
  return pool_score(e, x, h, ca, cs, t.response_fraction, t.response_time, t.wait_fraction,
                    t.wait_time, t.max_mean_response, t.max_utilization, pol);
}

/// pool_servers_for_targets.
struct pool_servers_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real h, Real ca, Real cs,
                  const pool_targets<Real>& t, const Policy& pol) const {
    using std::sqrt;
    if (Real err = 0; !check_traffic(function, e, err, pol) ||
                      !check_mean_handling_time(function, h, err, pol) ||
                      !check_variation(function, ca, cs, err, pol) ||
                      !check_pool_targets(function, h, cs, t, err, pol)) {
      return err;
    }
    if (e == 0) {
      return Real(0);
    }
    auto score = [&](Real x) { return pool_score_of(e, x, h, ca, cs, t, pol); };
    auto meets = [&](Real x) { return score(x) >= 0; };
    const Real step = 2 * sqrt(e) + 1;
    const auto r = least_count(meets, e, Real(e + step), step,
                               boost::math::tools::max_value<Real>(), true, score);
    if (!r.found) {
      return raise_count_overflow<Real>(function, "servers", pol);
    }
    return r.count;
  }
};

/// pool_traffic_for_targets: the largest traffic `m` servers serve within the targets.
struct pool_traffic_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real m, Real h, Real ca, Real cs,
                  const pool_targets<Real>& t, const Policy& pol) const {
    if (Real err = 0;
        !check_positive(function, "Servers must be finite and > 0, got %1%.", m, err, pol) ||
        !check_mean_handling_time(function, h, err, pol) ||
        !check_variation(function, ca, cs, err, pol) ||
        !check_pool_targets(function, h, cs, t, err, pol)) {
      return err;
    }
    // Every target is met at no traffic (checked) and missed at m (the queue overflows).
    const Real tiny = m * std::numeric_limits<Real>::epsilon();
    auto score = [&](Real e) { return pool_score_of((std::max)(e, tiny), m, h, ca, cs, t, pol); };
    const Real s0 = score(Real(0));
    if (!(s0 >= 0)) {
      return Real(0);
    }
    std::uintmax_t max_iter = 200;
    const auto r = boost::math::tools::toms748_solve(
        score, Real(0), m, s0, Real(-1),
        boost::math::tools::eps_tolerance<Real>(std::numeric_limits<Real>::digits - 3), max_iter);
    Real e = r.first;
    for (int i = 0; i < 64 && e > 0 && score(e) < 0; ++i) {
      e = boost::math::float_prior(e, pol);
    }
    return e;
  }
};

/// The quantiles: of the wait in closed form, of the response time by TOMS 748 on its
/// distribution inside [quantile of S, quantile of S at (1 + p)/2 + quantile of W there].
template <bool Response>
struct gg_c_quantile_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, Real ca, Real cs, Real p,
                  const Policy& pol) const {
    using std::log;
    if (Real err = 0;
        !check_traffic_servers_time(function, e, x, h, err, pol) ||
        !check_variation(function, ca, cs, err, pol) ||
        !check_below_one(function, "Fraction must be in [0, 1), got %1%.", p, err, pol)) {
      return err;
    }
    if (e >= x) {
      return std::numeric_limits<Real>::infinity();
    }
    const auto w = gg_c_wait_of(function, e, x, h, ca, cs, pol);
    const auto wait_q = [&](const Real& q) {
      return (boost::math::isinf)(w.rate) || w.c <= 1 - q ? Real(0) : log(w.c / (1 - q)) / w.rate;
    };
    if constexpr (!Response) {
      return wait_q(p);
    } else {
      if (p == 0) {
        return Real(0);
      }
      if (cs == 0) {  // S = h: T = h + W
        return h + wait_q(p);
      }
      const auto f = [&](const Real& u) {
        return (1 - p) - gg_c_exceedance_imp<true>{}(function, e, x, h, ca, cs, u, pol);
      };
      const Real service_q =
          boost::math::gamma_p_inv(1 / (cs * cs), Real((1 + p) / 2), pol) * h * cs * cs;
      Real hi = service_q + wait_q((1 + p) / 2);
      Real lo = 0;
      Real f_lo = f(lo);
      Real f_hi = f(hi);
      for (int i = 0; i < 60 && f_hi < 0; ++i) {  // rounding: widen until it brackets
        lo = hi;
        f_lo = f_hi;
        hi *= 2;
        f_hi = f(hi);
      }
      if (f_lo >= 0) {
        return lo;
      }
      std::uintmax_t max_iter = 200;
      const auto r = boost::math::tools::toms748_solve(
          f, lo, hi, f_lo, f_hi,
          boost::math::tools::eps_tolerance<Real>(std::numeric_limits<Real>::digits - 3), max_iter);
      return (r.first + r.second) / 2;
    }
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_GG_C_IMP_HPP
