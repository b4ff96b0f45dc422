// Erlang C from the reciprocal of Erlang B (detail/erlang_b_imp.hpp):
//   1/C = 1 + (1 - E/m)(1/B - 1),
// with C and 1 - C each to full relative accuracy, and the imps of erlang_c.hpp. Overload
// rule (e >= x): C = 1, the service level 0, ASA, the mean queue and the mean wait
// +infinity, occupancy 1.
#ifndef ERLANG_DETAIL_ERLANG_C_IMP_HPP
#define ERLANG_DETAIL_ERLANG_C_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/measures.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/expm1.hpp>

#include <cmath>
#include <limits>

namespace erlang::detail {

/// C and 1 - C, each to full relative accuracy, for e < x.
template <class Real>
struct wait_probability_pair {
  Real c;
  Real one_minus_c;
};

/// c a / d for 0 <= c <= 1, a >= 0 and d > 0 (C h / (m - E), C E / (m - E)) without a
/// subnormal or overflowing intermediate: a / d first, as c <= 1 only shrinks it (c a first
/// would round a subnormal product to a few bits when a is tiny and d small); c a / d when
/// a / d overflows.
template <class Real>
Real scaled_by_wait_probability(Real c, Real a, Real d) {
  const Real q = a / d;
  return (boost::math::isfinite)(q) ? c * q : c * a / d;
}

template <class Real, class Policy>
wait_probability_pair<Real> erlang_c_pair(Real x, Real e, const Policy& pol) {
  using std::exp;
  using std::log;
  const auto ib = inverse_blocking_of(x, e, pol);
  const Real slack = (x - e) / x;  // 1 - rho, > 0
  if ((boost::math::isfinite)(ib.excess)) {
    const Real t = slack * ib.excess;  // 1/C - 1
    return {1 / (1 + t), t / (1 + t)};
  }
  return {exp(-ib.log_inverse - log(slack)), Real(1)};
}

/// 1 - C e^-k with k = (x - e) t / h, as (1 - C) - C expm1(-k): two non-negative terms, no
/// cancellation; at most 1.
template <class Real, class Policy>
Real erlang_c_service_level(const wait_probability_pair<Real>& w, Real e, Real x, Real h, Real t,
                            const Policy& pol) {
  const Real sl = w.one_minus_c - w.c * boost::math::expm1(-((x - e) * t / h), pol);
  return sl < 1 ? sl : Real(1);
}

/// Checks (traffic, servers, handling time, answer time).
template <class Real, class Policy>
bool check_erlang_c_times(const char* function, Real e, Real x, Real h, Real t, Real& err,
                          const Policy& pol) {
  return check_traffic_servers_time(function, e, x, h, err, pol) &&
         check_answer_time(function, t, err, pol);
}

struct erlang_c_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, const Policy& pol) const {
    if (Real err = 0; !check_traffic_servers(function, e, x, err, pol)) {
      return err;
    }
    return e >= x ? Real(1) : erlang_c_pair(x, e, pol).c;
  }
};

struct service_level_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, Real t, const Policy& pol) const {
    if (Real err = 0; !check_erlang_c_times(function, e, x, h, t, err, pol)) {
      return err;
    }
    return e >= x ? Real(0) : erlang_c_service_level(erlang_c_pair(x, e, pol), e, x, h, t, pol);
  }
};

struct average_speed_of_answer_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, const Policy& pol) const {
    if (Real err = 0; !check_traffic_servers_time(function, e, x, h, err, pol)) {
      return err;
    }
    return e >= x ? std::numeric_limits<Real>::infinity()
                  : scaled_by_wait_probability(erlang_c_pair(x, e, pol).c, h, x - e);
  }
};

struct mean_wait_if_delayed_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, const Policy& pol) const {
    if (Real err = 0; !check_traffic_servers_time(function, e, x, h, err, pol)) {
      return err;
    }
    return e >= x ? std::numeric_limits<Real>::infinity() : h / (x - e);
  }
};

struct mean_queue_length_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, const Policy& pol) const {
    if (Real err = 0; !check_traffic_servers(function, e, x, err, pol)) {
      return err;
    }
    return e >= x ? std::numeric_limits<Real>::infinity()
                  : scaled_by_wait_probability(erlang_c_pair(x, e, pol).c, e, x - e);
  }
};

/// Checks traffic >= 0 and servers > 0 (occupancy and the measures divide by servers).
template <class Real, class Policy>
bool check_traffic_positive_servers(const char* function, Real e, Real x, Real& err,
                                    const Policy& pol) {
  return check_traffic(function, e, err, pol) &&
         check_positive(function, "Servers must be finite and > 0, got %1%.", x, err, pol);
}

struct occupancy_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, const Policy& pol) const {
    if (Real err = 0; !check_traffic_positive_servers(function, e, x, err, pol)) {
      return err;
    }
    return e >= x ? Real(1) : e / x;
  }
};

/// Checks (traffic, servers, handling time) and the fraction of a quantile, in [0, 1).
template <class Real, class Policy>
bool check_quantile(const char* function, Real e, Real x, Real h, Real p, Real& err,
                    const Policy& pol) {
  return check_traffic_servers_time(function, e, x, h, err, pol) &&
         check_below_one(function, "Fraction must be in [0, 1), got %1%.", p, err, pol);
}

struct wait_time_quantile_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, Real p, const Policy& pol) const {
    using std::exp;
    using std::log;
    if (Real err = 0; !check_quantile(function, e, x, h, p, err, pol)) {
      return err;
    }
    if (e >= x) {
      return std::numeric_limits<Real>::infinity();
    }
    const auto w = erlang_c_pair(x, e, pol);
    if (w.c <= 1 - p) {
      return 0;
    }
    // l h / (m - E) in an order that neither overflows nor underflows on the way: h / (m - E)
    // first (l is at most about 745); in logs when that ratio is itself out of range.
    const Real l = log(w.c / (1 - p));
    const Real scale = h / (x - e);
    if ((boost::math::isnormal)(scale)) {
      return l * scale;
    }
    return exp(log(l) + log(h) - log(x - e));
  }
};

/// Every Erlang C measure for e >= 0, x > 0, h > 0, t >= 0 (unchecked), under the overload
/// rule.
template <class Real, class Policy>
queue_measures<Real> erlang_c_measures_of(Real e, Real x, Real h, Real t, const Policy& pol) {
  const Real inf = std::numeric_limits<Real>::infinity();
  if (e >= x) {
    return {.blocking = 0,
            .wait_probability = 1,
            .abandon_probability = 0,
            .service_level = 0,
            .average_speed_of_answer = inf,
            .mean_wait = inf,
            .mean_queue_length = inf,
            .occupancy = 1};
  }
  const auto w = erlang_c_pair(x, e, pol);
  const Real asa = scaled_by_wait_probability(w.c, h, x - e);
  return {.blocking = 0,
          .wait_probability = w.c,
          .abandon_probability = 0,
          .service_level = erlang_c_service_level(w, e, x, h, t, pol),
          .average_speed_of_answer = asa,
          .mean_wait = asa,
          .mean_queue_length = scaled_by_wait_probability(w.c, e, x - e),
          .occupancy = e / x};
}

struct erlang_c_measures_imp {
  template <class Real, class Policy>
  queue_measures<Real> operator()(const char* function, Real e, Real x, Real h, Real t,
                                  const Policy& pol) const {
    if (Real err = 0; !check_traffic_positive_servers(function, e, x, err, pol) ||
                      !check_erlang_c_times(function, e, x, h, t, err, pol)) {
      return measures_filled_with(err);
    }
    return erlang_c_measures_of(e, x, h, t, pol);
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_ERLANG_C_IMP_HPP
