// Response time (sojourn time) of the M/M/c queue: T = W + S, the wait W of an arriving
// request in the FIFO queue plus its own exponential service time S of mean h, with c
// servers and traffic E = lambda h erlangs. With C the Erlang C probability of waiting,
// mu = 1/h and a = c mu - lambda the rate of the wait's exponential part
// (P(W > t) = C e^(-a t)):
//
//   P(T > t) = (1 - C) e^(-mu t) + C (a e^(-mu t) - mu e^(-a t)) / (a - mu),
//
// with the limit (1 + C mu t) e^(-mu t) at a = mu. The functions evaluate it in a form
// without cancellation, also near a = mu (a e^(-mu t) - mu e^(-a t) = (a - mu) e^(-mu t) +
// mu e^(-mu t) (1 - e^(-(a - mu) t)), and expm1 carries the last factor divided by a - mu to
// full accuracy; see detail/response_time_imp.hpp).
//
// Times (mean service time h, the time t, the returned times) are in one unit chosen by
// the caller (seconds, milliseconds, ...); traffic in erlangs, servers real (> 0).
//
// Overload rule, as erlang_c's: when traffic >= servers the queue grows without bound;
// then P(T > t) = 1, P(T <= t) = 0, and the mean and every quantile are +infinity.
//
// Staffing: the fewest servers for a percentile or a mean of the response time, and the
// largest traffic a number of servers carries within one (servers_for_response_time,
// servers_for_mean_response_time, traffic_for_response_time, traffic_for_mean_response_time).
// A wait percentile is a service-level target and a utilisation an occupancy target of
// agents_for_targets and traffic_for_targets (staffing.hpp).
#ifndef ERLANG_RESPONSE_TIME_HPP
#define ERLANG_RESPONSE_TIME_HPP

#include <erlang/detail/forward.hpp>
#include <erlang/detail/response_time_imp.hpp>
#include <erlang/erlang_c.hpp>

namespace erlang {

/// P(T > time): the probability that a request's response time (wait plus service)
/// exceeds `time`, in [0, 1]. mean_handling_time h > 0 (the mean service time) and time
/// >= 0 in the same unit. Overloaded (traffic >= servers): 1.
template <class RealE, class RealM, class RealH, class RealT, class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealT> response_time_exceedance(
    RealE traffic, RealM servers, RealH mean_handling_time, RealT time,
    const Policy& pol = Policy()) {
  return detail::forward<detail::response_time_distribution_imp<false>>(
      "erlang::response_time_exceedance<%1%>(%1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, time);
}

/// P(T <= time): the fraction of requests whose response time (wait plus service) is at
/// most `time`, in [0, 1]; accurate also where it is small (short times), not formed as
/// 1 - P(T > time). Overloaded: 0.
template <class RealE, class RealM, class RealH, class RealT, class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealT> response_time_within(RealE traffic, RealM servers,
                                                                  RealH mean_handling_time,
                                                                  RealT time,
                                                                  const Policy& pol = Policy()) {
  return detail::forward<detail::response_time_distribution_imp<true>>(
      "erlang::response_time_within<%1%>(%1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, time);
}

/// Mean response time E[T] = ASA + h = C h / (m - E) + h, in the unit of
/// mean_handling_time. Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class Policy = default_policy>
detail::result_t<RealE, RealM, RealH> mean_response_time(RealE traffic, RealM servers,
                                                         RealH mean_handling_time,
                                                         const Policy& pol = Policy()) {
  return detail::forward<detail::mean_response_time_imp>(
      "erlang::mean_response_time<%1%>(%1%, %1%, %1%)", pol, traffic, servers, mean_handling_time);
}

/// The response time within which the given fraction of requests completes (a quantile of
/// T): the t with P(T <= t) = fraction, fraction in [0, 1) (0 gives 0), in the unit of
/// mean_handling_time. Found by TOMS 748 on the monotone distribution function inside the
/// analytic bracket
///   max(quantile of S, quantile of W) <= t <= quantile of W at 1 - (1 - p)/2
///                                             + quantile of S at 1 - (1 - p)/2
/// (T >= S, T >= W, and P(W + S > w + s) <= P(W > w) + P(S > s)), to full precision.
/// Overloaded: +infinity. An answer beyond the largest value of the type is an overflow
/// error.
template <class RealE, class RealM, class RealH, class RealP, class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealP> response_time_quantile(RealE traffic, RealM servers,
                                                                    RealH mean_handling_time,
                                                                    RealP fraction,
                                                                    const Policy& pol = Policy()) {
  return detail::forward<detail::response_time_quantile_imp>(
      "erlang::response_time_quantile<%1%>(%1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, fraction);
}

/// The fewest servers with which `fraction` of the requests complete within `time`
/// (P(T <= time) >= fraction; a p99 target of 250 ms is fraction 0.99, time 0.25 s).
/// traffic in erlangs (>= 0; none needs no servers: 0), mean_handling_time h > 0 and time > 0
/// in one unit, fraction in (0, 1). Exact: the count meets the target and one fewer does not.
/// Domain errors: a bad argument, or a target no count meets (the service time alone takes
/// longer: 1 - e^(-time/h) <= fraction).
template <class RealE, class RealH, class RealP, class RealT, class Policy = default_policy>
detail::result_t<RealE, RealH, RealP, RealT> servers_for_response_time(
    RealE traffic, RealH mean_handling_time, RealP fraction, RealT time,
    const Policy& pol = Policy()) {
  return detail::forward<detail::servers_for_response_time_imp>(
      "erlang::servers_for_response_time<%1%>(%1%, %1%, %1%, %1%)", pol, traffic,
      mean_handling_time, fraction, time);
}

/// The fewest servers whose mean response time E[T] = ASA + h is at most max_mean
/// (> mean_handling_time, which no count goes below). Exact, as servers_for_response_time.
template <class RealE, class RealH, class RealT, class Policy = default_policy>
detail::result_t<RealE, RealH, RealT> servers_for_mean_response_time(RealE traffic,
                                                                     RealH mean_handling_time,
                                                                     RealT max_mean,
                                                                     const Policy& pol = Policy()) {
  return detail::forward<detail::servers_for_response_time_imp>(
      "erlang::servers_for_mean_response_time<%1%>(%1%, %1%, %1%)", pol, traffic,
      mean_handling_time, max_mean);
}

/// The largest traffic (erlangs) that `servers` (> 0, real) serve with P(T <= time) >=
/// fraction: the request rate a pool handles at a percentile target is this / h. 0 when even
/// the smallest traffic misses it; maximal to a few ulps.
template <class RealM, class RealH, class RealP, class RealT, class Policy = default_policy>
detail::result_t<RealM, RealH, RealP, RealT> traffic_for_response_time(
    RealM servers, RealH mean_handling_time, RealP fraction, RealT time,
    const Policy& pol = Policy()) {
  return detail::forward<detail::traffic_for_response_time_imp>(
      "erlang::traffic_for_response_time<%1%>(%1%, %1%, %1%, %1%)", pol, servers,
      mean_handling_time, fraction, time);
}

/// The largest traffic that `servers` serve with a mean response time of at most max_mean
/// (> mean_handling_time).
template <class RealM, class RealH, class RealT, class Policy = default_policy>
detail::result_t<RealM, RealH, RealT> traffic_for_mean_response_time(RealM servers,
                                                                     RealH mean_handling_time,
                                                                     RealT max_mean,
                                                                     const Policy& pol = Policy()) {
  return detail::forward<detail::traffic_for_response_time_imp>(
      "erlang::traffic_for_mean_response_time<%1%>(%1%, %1%, %1%)", pol, servers,
      mean_handling_time, max_mean);
}

}  // namespace erlang

#endif  // ERLANG_RESPONSE_TIME_HPP
