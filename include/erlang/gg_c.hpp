// G/G/c mean waiting time: two-moment APPROXIMATIONS for queues whose interarrival and
// service times are not exponential, from the traffic E = lambda h, the servers c, the mean
// service time h and the coefficients of variation (standard deviation / mean) c_a of the
// interarrival times and c_s of the service times. They are approximations, not exact
// results, except in the special cases named below; their error depends on the
// distributions beyond the first two moments.
//
//   Allen-Cunneen:  Wq ~ Wq(M/M/c) (c_a^2 + c_s^2) / 2, Wq(M/M/c) = C h / (c - E) the
//                   Erlang C mean wait (average_speed_of_answer). Exact for M/M/c
//                   (c_a = c_s = 1) and, with c_a = 1 and c = 1, equal to the
//                   Pollaczek-Khinchine formula of M/G/1: rho h (1 + c_s^2) / (2 (1 - rho)).
//   Kingman:        one server, rho = E < 1: Wq ~ (rho / (1 - rho)) ((c_a^2 + c_s^2) / 2) h
//                   (Kingman's heavy-traffic approximation; the Allen-Cunneen formula at
//                   c = 1). Exact for M/M/1 and Pollaczek-Khinchine for c_a = 1.
//   QNA:            W. Whitt, "The Queueing Network Analyzer", Bell System Technical
//                   Journal 62(9), 1983, pp. 2779-2815, its approximations for the mean wait
//                   at one node: for one server
//                     Wq ~ h rho (c_a^2 + c_s^2) g / (2 (1 - rho)),
//                     g = exp(-2 (1 - rho) (1 - c_a^2)^2 / (3 rho (c_a^2 + c_s^2)))  (c_a^2 < 1),
//                     g = 1                                                            (c_a^2 >=
//                     1),
//                   the correction of Kraemer and Langenbach-Belz (1976) for smooth arrivals,
//                   which QNA adopts for c_a^2 < 1 only; for c > 1 servers QNA uses
//                   Wq ~ ((c_a^2 + c_s^2) / 2) Wq(M/M/c), the Allen-Cunneen form. Exact for
//                   M/M/c and, at c = 1 and c_a = 1 (g = 1), Pollaczek-Khinchine.
//
//
// Distributions and staffing (approximations; M/M/c exactly at c_a = c_s = 1): the wait has
// P(W > 0) = C (Erlang C) and, given a wait, an exponential time with the QNA mean; the
// service time is gamma of mean h and cv c_s (deterministic at 0). gg_c_wait_exceedance,
// gg_c_response_exceedance and their quantiles follow, and pool_servers_for_targets /
// pool_traffic_for_targets size a server pool for percentile, mean and utilization targets.
//
// Times (h and the returned waits) in one unit chosen by the caller. Overload rule, as
// erlang_c's: traffic >= servers gives +infinity. Coefficients of variation must be finite
// and >= 0 (0: deterministic).
#ifndef ERLANG_GG_C_HPP
#define ERLANG_GG_C_HPP

#include <erlang/detail/forward.hpp>
#include <erlang/detail/gg_c_imp.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/gg_c_model.hpp>

namespace erlang {

/// Allen-Cunneen approximation of the mean wait in G/G/c (all requests, in the unit of
/// mean_handling_time): Wq(M/M/c) (c_a^2 + c_s^2) / 2. An approximation (see the header's
/// notes); exact for M/M/c and for M/G/1 (Pollaczek-Khinchine). Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class RealA, class RealS,
          class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealA, RealS> allen_cunneen_mean_wait(
    RealE traffic, RealM servers, RealH mean_handling_time, RealA cv_arrival, RealS cv_service,
    const Policy& pol = Policy()) {
  return detail::forward<detail::gg_c_mean_wait_imp<detail::gg_c_approximation::allen_cunneen>>(
      "erlang::allen_cunneen_mean_wait<%1%>(%1%, %1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, cv_arrival, cv_service);
}

/// Kingman's approximation of the mean wait in G/G/1: (rho / (1 - rho)) ((c_a^2 + c_s^2) / 2) h
/// with rho = traffic = lambda h (the utilisation of the one server), in the unit of
/// mean_handling_time. An approximation; exact for M/M/1 and M/G/1 (c_a = 1).
/// traffic >= 1: +infinity.
template <class RealE, class RealH, class RealA, class RealS, class Policy = default_policy>
detail::result_t<RealE, RealH, RealA, RealS> kingman_mean_wait(RealE traffic,
                                                               RealH mean_handling_time,
                                                               RealA cv_arrival, RealS cv_service,
                                                               const Policy& pol = Policy()) {
  return detail::forward<detail::gg_c_mean_wait_imp<detail::gg_c_approximation::kingman>>(
      "erlang::kingman_mean_wait<%1%>(%1%, %1%, %1%, %1%)", pol, traffic, mean_handling_time,
      cv_arrival, cv_service);
}

/// Whitt's QNA approximation of the mean wait in G/G/c (1983; the formulas are in the
/// header's notes): for servers == 1 the Kraemer and Langenbach-Belz factor g
/// refines Kingman's formula for smooth arrivals (c_a < 1); otherwise it is the
/// Allen-Cunneen form. An approximation; exact for M/M/c and for M/G/1.
/// Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class RealA, class RealS,
          class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealA, RealS> qna_mean_wait(RealE traffic, RealM servers,
                                                                  RealH mean_handling_time,
                                                                  RealA cv_arrival,
                                                                  RealS cv_service,
                                                                  const Policy& pol = Policy()) {
  return detail::forward<detail::gg_c_mean_wait_imp<detail::gg_c_approximation::qna>>(
      "erlang::qna_mean_wait<%1%>(%1%, %1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, cv_arrival, cv_service);
}

/// The approximate P(W > time) of G/G/c: P(W > 0) = C (Erlang C) and, given a wait, an
/// exponential time with the QNA mean wait Wq (qna_mean_wait): C e^(-C time / Wq). Exact for
/// M/M/c (c_a = c_s = 1). Overloaded: 1.
template <class RealE, class RealM, class RealH, class RealA, class RealS, class RealT,
          class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealA, RealS, RealT> gg_c_wait_exceedance(
    RealE traffic, RealM servers, RealH mean_handling_time, RealA cv_arrival, RealS cv_service,
    RealT time, const Policy& pol = Policy()) {
  return detail::forward<detail::gg_c_exceedance_imp<false>>(
      "erlang::gg_c_wait_exceedance<%1%>(%1%, %1%, %1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, cv_arrival, cv_service, time);
}

/// The approximate P(T > time) of the response time T = W + S of G/G/c: the wait of
/// gg_c_wait_exceedance and a gamma service time of mean h and cv c_s (deterministic at 0),
/// independent. Exact for M/M/c. Overloaded: 1.
template <class RealE, class RealM, class RealH, class RealA, class RealS, class RealT,
          class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealA, RealS, RealT> gg_c_response_exceedance(
    RealE traffic, RealM servers, RealH mean_handling_time, RealA cv_arrival, RealS cv_service,
    RealT time, const Policy& pol = Policy()) {
  return detail::forward<detail::gg_c_exceedance_imp<true>>(
      "erlang::gg_c_response_exceedance<%1%>(%1%, %1%, %1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, cv_arrival, cv_service, time);
}

/// The wait within which `fraction` of the requests start service (fraction in [0, 1)),
/// by the approximation of gg_c_wait_exceedance. Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class RealA, class RealS, class RealP,
          class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealA, RealS, RealP> gg_c_wait_time_quantile(
    RealE traffic, RealM servers, RealH mean_handling_time, RealA cv_arrival, RealS cv_service,
    RealP fraction, const Policy& pol = Policy()) {
  return detail::forward<detail::gg_c_quantile_imp<false>>(
      "erlang::gg_c_wait_time_quantile<%1%>(%1%, %1%, %1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, cv_arrival, cv_service, fraction);
}

/// The response time within which `fraction` of the requests complete (fraction in
/// [0, 1)), by the approximation of gg_c_response_exceedance. Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class RealA, class RealS, class RealP,
          class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealA, RealS, RealP> gg_c_response_time_quantile(
    RealE traffic, RealM servers, RealH mean_handling_time, RealA cv_arrival, RealS cv_service,
    RealP fraction, const Policy& pol = Policy()) {
  return detail::forward<detail::gg_c_quantile_imp<true>>(
      "erlang::gg_c_response_time_quantile<%1%>(%1%, %1%, %1%, %1%, %1%, %1%)", pol, traffic,
      servers, mean_handling_time, cv_arrival, cv_service, fraction);
}

/// The fewest servers of a pool meeting every target set (pool_targets: response-time and
/// wait percentiles, mean response time, utilization) at `traffic` erlangs (none: 0), by the
/// G/G/c approximations above (M/M/c exactly at c_a = c_s = 1). The count meets the targets
/// under those formulas and one fewer does not. Domain errors: a bad argument, no target,
/// or a target no count meets (the service time alone misses it).
template <class RealE, class RealH, class RealA, class RealS, class Real,
          class Policy = default_policy>
detail::result_t<RealE, RealH, RealA, RealS, Real> pool_servers_for_targets(
    RealE traffic, RealH mean_handling_time, RealA cv_arrival, RealS cv_service,
    const pool_targets<Real>& targets, const Policy& pol = Policy()) {
  return detail::forward<detail::pool_servers_for_targets_imp>(
      "erlang::pool_servers_for_targets<%1%>(%1%, %1%, %1%, %1%, targets)", pol, traffic,
      mean_handling_time, cv_arrival, cv_service, targets);
}

/// The largest traffic (erlangs) that `servers` (> 0) serve within every target set; the
/// request rate is this over the mean service time. 0 when even the smallest traffic
/// misses a target.
template <class RealM, class RealH, class RealA, class RealS, class Real,
          class Policy = default_policy>
detail::result_t<RealM, RealH, RealA, RealS, Real> pool_traffic_for_targets(
    RealM servers, RealH mean_handling_time, RealA cv_arrival, RealS cv_service,
    const pool_targets<Real>& targets, const Policy& pol = Policy()) {
  return detail::forward<detail::pool_traffic_for_targets_imp>(
      "erlang::pool_traffic_for_targets<%1%>(%1%, %1%, %1%, %1%, targets)", pol, servers,
      mean_handling_time, cv_arrival, cv_service, targets);
}

}  // namespace erlang

#endif  // ERLANG_GG_C_HPP
