// Erlang C (M/M/m): calls that find every server busy wait in an unlimited FIFO queue.
//
//   C(E, m) = B / (1 - (E/m)(1 - B)),  B = B(E, m),   equivalently 1/C = 1 + (1 - E/m)(1/B - 1)
//
// and the performance measures that follow from it. Times (mean handling time h, answer
// time targets, the returned waits) are in one unit chosen by the caller.
//
// Overload rule: when traffic >= servers the queue grows without bound. Then C = 1, the
// service level is 0, and ASA, the mean queue and the mean wait are +infinity. No function
// ever returns a probability outside [0, 1].
#ifndef ERLANG_ERLANG_C_HPP
#define ERLANG_ERLANG_C_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/measures.hpp>

#include <boost/math/special_functions/expm1.hpp>

#include <cmath>
#include <limits>

namespace erlang {
namespace detail {

/// C and 1 - C, each to full relative accuracy, for e < x.
template <class Real>
struct wait_probability_pair {
  Real c;
  Real one_minus_c;
};

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

/// Shared checks of (traffic, servers, mean handling time).
template <class Real, class Policy>
bool check_traffic_servers_time(const char* function, const Real& traffic, const Real& servers,
                                const Real& handling_time, Real& err, const Policy& pol) {
  return check_traffic_servers(function, traffic, servers, err, pol) &&
         check_positive(function, "Mean handling time must be finite and > 0, got %1%.",
                        handling_time, err, pol);
}

}  // namespace detail

/// Probability that an arriving call waits, C(traffic, servers), in [0, 1].
/// traffic in erlangs (>= 0), servers real (>= 0). Overloaded (traffic >= servers): 1.
template <class RealE, class RealM, class Policy>
typename boost::math::tools::promote_args<RealE, RealM>::type erlang_c(RealE traffic, RealM servers,
                                                                       const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::erlang_c<%1%>(%1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  value_type err = 0;
  if (!detail::check_traffic_servers(function, e, x, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return result_type(1);
  }
  return static_cast<result_type>(
      detail::erlang_c_pair(x, e, detail::internal_policy_t<Policy>()).c);
}

template <class RealE, class RealM>
typename boost::math::tools::promote_args<RealE, RealM>::type erlang_c(RealE traffic,
                                                                       RealM servers) {
  return erlang_c(traffic, servers, default_policy());
}

/// Service level: the fraction of calls answered within answer_time,
/// 1 - C exp(-(m - E) t / h). Overloaded: 0. answer_time and mean_handling_time in the same
/// unit; mean_handling_time > 0, answer_time >= 0.
template <class RealE, class RealM, class RealH, class RealT, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type service_level(
    RealE traffic, RealM servers, RealH mean_handling_time, RealT answer_time, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::service_level<%1%>(%1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  const value_type t = answer_time;
  value_type err = 0;
  if (!detail::check_traffic_servers_time(function, e, x, h, err, pol) ||
      !detail::check_non_negative(function, "Answer time must be finite and >= 0, got %1%.", t, err,
                                  pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return result_type(0);
  }
  const auto w = detail::erlang_c_pair(x, e, detail::internal_policy_t<Policy>());
  // 1 - C e^-k = (1 - C) - C expm1(-k): two non-negative terms, no cancellation.
  const value_type k = (x - e) * t / h;
  const value_type sl =
      w.one_minus_c - w.c * boost::math::expm1(-k, detail::internal_policy_t<Policy>());
  return static_cast<result_type>(sl < 1 ? sl : value_type(1));
}

template <class RealE, class RealM, class RealH, class RealT>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type service_level(
    RealE traffic, RealM servers, RealH mean_handling_time, RealT answer_time) {
  return service_level(traffic, servers, mean_handling_time, answer_time, default_policy());
}

/// Average speed of answer (mean wait over all calls), C h / (m - E), in the unit of
/// mean_handling_time. Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH>::type average_speed_of_answer(
    RealE traffic, RealM servers, RealH mean_handling_time, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealH>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::average_speed_of_answer<%1%>(%1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  value_type err = 0;
  if (!detail::check_traffic_servers_time(function, e, x, h, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return std::numeric_limits<result_type>::infinity();
  }
  const auto w = detail::erlang_c_pair(x, e, detail::internal_policy_t<Policy>());
  return static_cast<result_type>(w.c * h / (x - e));
}

template <class RealE, class RealM, class RealH>
typename boost::math::tools::promote_args<RealE, RealM, RealH>::type average_speed_of_answer(
    RealE traffic, RealM servers, RealH mean_handling_time) {
  return average_speed_of_answer(traffic, servers, mean_handling_time, default_policy());
}

/// Mean wait of the calls that wait, h / (m - E). Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH>::type mean_wait_if_delayed(
    RealE traffic, RealM servers, RealH mean_handling_time, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealH>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::mean_wait_if_delayed<%1%>(%1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  value_type err = 0;
  if (!detail::check_traffic_servers_time(function, e, x, h, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return std::numeric_limits<result_type>::infinity();
  }
  return static_cast<result_type>(h / (x - e));
}

template <class RealE, class RealM, class RealH>
typename boost::math::tools::promote_args<RealE, RealM, RealH>::type mean_wait_if_delayed(
    RealE traffic, RealM servers, RealH mean_handling_time) {
  return mean_wait_if_delayed(traffic, servers, mean_handling_time, default_policy());
}

/// Mean number of calls waiting, C E / (m - E). Overloaded: +infinity.
template <class RealE, class RealM, class Policy>
typename boost::math::tools::promote_args<RealE, RealM>::type mean_queue_length(RealE traffic,
                                                                                RealM servers,
                                                                                const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::mean_queue_length<%1%>(%1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  value_type err = 0;
  if (!detail::check_traffic_servers(function, e, x, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return std::numeric_limits<result_type>::infinity();
  }
  const auto w = detail::erlang_c_pair(x, e, detail::internal_policy_t<Policy>());
  return static_cast<result_type>(w.c * e / (x - e));
}

template <class RealE, class RealM>
typename boost::math::tools::promote_args<RealE, RealM>::type mean_queue_length(RealE traffic,
                                                                                RealM servers) {
  return mean_queue_length(traffic, servers, default_policy());
}

/// Occupancy: the fraction of time a server is busy, E / m, at most 1 (overloaded: 1).
/// servers must be > 0.
template <class RealE, class RealM, class Policy>
typename boost::math::tools::promote_args<RealE, RealM>::type occupancy(RealE traffic,
                                                                        RealM servers,
                                                                        const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::occupancy<%1%>(%1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  value_type err = 0;
  if (!detail::check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", e, err,
                                  pol) ||
      !detail::check_positive(function, "Servers must be finite and > 0, got %1%.", x, err, pol)) {
    return static_cast<result_type>(err);
  }
  return static_cast<result_type>(e >= x ? value_type(1) : e / x);
}

template <class RealE, class RealM>
typename boost::math::tools::promote_args<RealE, RealM>::type occupancy(RealE traffic,
                                                                        RealM servers) {
  return occupancy(traffic, servers, default_policy());
}

/// The answer time within which the given fraction of calls is answered (a quantile of the
/// wait): h ln(C / (1 - fraction)) / (m - E), 0 when C <= 1 - fraction.
/// fraction in [0, 1); overloaded: +infinity.
template <class RealE, class RealM, class RealH, class RealP, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealP>::type wait_time_quantile(
    RealE traffic, RealM servers, RealH mean_handling_time, RealP fraction, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealH, RealP>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::wait_time_quantile<%1%>(%1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  const value_type p = fraction;
  value_type err = 0;
  if (!detail::check_traffic_servers_time(function, e, x, h, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (!(p >= 0 && p < 1)) {
    return static_cast<result_type>(boost::math::policies::raise_domain_error<value_type>(
        function, "Fraction must be in [0, 1), got %1%.", p, pol));
  }
  if (e >= x) {
    return std::numeric_limits<result_type>::infinity();
  }
  using std::log;
  const auto w = detail::erlang_c_pair(x, e, detail::internal_policy_t<Policy>());
  if (w.c <= 1 - p) {
    return result_type(0);
  }
  // l h / (m - E) in an order that neither overflows nor underflows on the way: h / (m - E)
  // first (l is at most about 745); in logs when that ratio is itself out of range.
  const value_type l = log(w.c / (1 - p));
  const value_type scale = h / (x - e);
  if ((boost::math::isnormal)(scale)) {
    return static_cast<result_type>(l * scale);
  }
  using std::exp;
  return static_cast<result_type>(exp(log(l) + log(h) - log(x - e)));
}

template <class RealE, class RealM, class RealH, class RealP>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealP>::type wait_time_quantile(
    RealE traffic, RealM servers, RealH mean_handling_time, RealP fraction) {
  return wait_time_quantile(traffic, servers, mean_handling_time, fraction, default_policy());
}

namespace detail {

/// Every Erlang C measure for e >= 0, x > 0, h > 0, t >= 0 (checked), under the overload
/// rule (e >= x: P(wait) 1, service level 0, waits and queue +infinity, occupancy 1).
template <class Real, class Policy>
queue_measures<Real> erlang_c_measures_imp(Real e, Real x, Real h, Real t, const Policy& pol) {
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
  // 1 - C e^-k = (1 - C) - C expm1(-k): two non-negative terms, no cancellation.
  const Real sl = w.one_minus_c - w.c * boost::math::expm1(-((x - e) * t / h), pol);
  const Real asa = w.c * h / (x - e);
  return {.blocking = 0,
          .wait_probability = w.c,
          .abandon_probability = 0,
          .service_level = sl < 1 ? sl : Real(1),
          .average_speed_of_answer = asa,
          .mean_wait = asa,
          .mean_queue_length = w.c * e / (x - e),
          .occupancy = e / x};
}

}  // namespace detail

/// Every Erlang C measure at once, as queue_measures: P(wait) C, the service level within
/// answer_time, ASA (= mean wait: every call is answered), mean queue, occupancy; blocking
/// and abandonment are 0. traffic in erlangs (>= 0), servers real (> 0),
/// mean_handling_time > 0 and answer_time >= 0 in one unit. Overloaded (traffic >=
/// servers): P(wait) 1, service level 0, waits and queue +infinity, occupancy 1.
template <class RealE, class RealM, class RealH, class RealT, class Policy>
queue_measures<typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type>
erlang_c_measures(RealE traffic, RealM servers, RealH mean_handling_time, RealT answer_time,
                  const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::erlang_c_measures<%1%>(%1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  const value_type t = answer_time;
  value_type err = 0;
  if (!detail::check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", e, err,
                                  pol) ||
      !detail::check_positive(function, "Servers must be finite and > 0, got %1%.", x, err, pol) ||
      !detail::check_positive(function, "Mean handling time must be finite and > 0, got %1%.", h,
                              err, pol) ||
      !detail::check_non_negative(function, "Answer time must be finite and >= 0, got %1%.", t, err,
                                  pol)) {
    return detail::measures_filled_with(static_cast<result_type>(err));
  }
  return detail::measures_cast<result_type>(
      detail::erlang_c_measures_imp(e, x, h, t, detail::internal_policy_t<Policy>()));
}

template <class RealE, class RealM, class RealH, class RealT>
queue_measures<typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type>
erlang_c_measures(RealE traffic, RealM servers, RealH mean_handling_time, RealT answer_time) {
  return erlang_c_measures(traffic, servers, mean_handling_time, answer_time, default_policy());
}

}  // namespace erlang

#endif  // ERLANG_ERLANG_C_HPP
