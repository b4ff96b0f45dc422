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

#include <erlang/detail/erlang_c_imp.hpp>
#include <erlang/detail/forward.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/measures.hpp>

namespace erlang {

/// Probability that an arriving call waits, C(traffic, servers), in [0, 1].
/// traffic in erlangs (>= 0), servers real (>= 0). Overloaded (traffic >= servers): 1.
template <class RealE, class RealM, class Policy = default_policy>
detail::result_t<RealE, RealM> erlang_c(RealE traffic, RealM servers,
                                        const Policy& pol = Policy()) {
  return detail::forward<detail::erlang_c_imp>("erlang::erlang_c<%1%>(%1%, %1%)", pol, traffic,
                                               servers);
}

/// Service level: the fraction of calls answered within answer_time,
/// 1 - C exp(-(m - E) t / h). Overloaded: 0. answer_time and mean_handling_time in the same
/// unit; mean_handling_time > 0, answer_time >= 0.
template <class RealE, class RealM, class RealH, class RealT, class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealT> service_level(RealE traffic, RealM servers,
                                                           RealH mean_handling_time,
                                                           RealT answer_time,
                                                           const Policy& pol = Policy()) {
  return detail::forward<detail::service_level_imp>(
      "erlang::service_level<%1%>(%1%, %1%, %1%, %1%)", pol, traffic, servers, mean_handling_time,
      answer_time);
}

/// Average speed of answer (mean wait over all calls), C h / (m - E), in the unit of
/// mean_handling_time. Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class Policy = default_policy>
detail::result_t<RealE, RealM, RealH> average_speed_of_answer(RealE traffic, RealM servers,
                                                              RealH mean_handling_time,
                                                              const Policy& pol = Policy()) {
  return detail::forward<detail::average_speed_of_answer_imp>(
      "erlang::average_speed_of_answer<%1%>(%1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time);
}

/// Mean wait of the calls that wait, h / (m - E). Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class Policy = default_policy>
detail::result_t<RealE, RealM, RealH> mean_wait_if_delayed(RealE traffic, RealM servers,
                                                           RealH mean_handling_time,
                                                           const Policy& pol = Policy()) {
  return detail::forward<detail::mean_wait_if_delayed_imp>(
      "erlang::mean_wait_if_delayed<%1%>(%1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time);
}

/// Mean number of calls waiting, C E / (m - E). Overloaded: +infinity.
template <class RealE, class RealM, class Policy = default_policy>
detail::result_t<RealE, RealM> mean_queue_length(RealE traffic, RealM servers,
                                                 const Policy& pol = Policy()) {
  return detail::forward<detail::mean_queue_length_imp>("erlang::mean_queue_length<%1%>(%1%, %1%)",
                                                        pol, traffic, servers);
}

/// Occupancy: carried traffic per server (agent), the share of time one is busy, E / m, at
/// most 1 (overloaded: 1).
/// servers must be > 0.
template <class RealE, class RealM, class Policy = default_policy>
detail::result_t<RealE, RealM> occupancy(RealE traffic, RealM servers,
                                         const Policy& pol = Policy()) {
  return detail::forward<detail::occupancy_imp>("erlang::occupancy<%1%>(%1%, %1%)", pol, traffic,
                                                servers);
}

/// The answer time within which the given fraction of calls is answered (a quantile of the
/// wait): h ln(C / (1 - fraction)) / (m - E), 0 when C <= 1 - fraction.
/// fraction in [0, 1); overloaded: +infinity.
template <class RealE, class RealM, class RealH, class RealP, class Policy = default_policy>
detail::result_t<RealE, RealM, RealH, RealP> wait_time_quantile(RealE traffic, RealM servers,
                                                                RealH mean_handling_time,
                                                                RealP fraction,
                                                                const Policy& pol = Policy()) {
  return detail::forward<detail::wait_time_quantile_imp>(
      "erlang::wait_time_quantile<%1%>(%1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, fraction);
}

/// Every Erlang C measure at once, as queue_measures: P(wait) C, the service level within
/// answer_time, ASA (= mean wait: every call is answered), mean queue, occupancy; blocking
/// and abandonment are 0. traffic in erlangs (>= 0), servers real (> 0),
/// mean_handling_time > 0 and answer_time >= 0 in one unit. Overloaded (traffic >=
/// servers): P(wait) 1, service level 0, waits and queue +infinity, occupancy 1.
template <class RealE, class RealM, class RealH, class RealT, class Policy = default_policy>
queue_measures<detail::result_t<RealE, RealM, RealH, RealT>> erlang_c_measures(
    RealE traffic, RealM servers, RealH mean_handling_time, RealT answer_time,
    const Policy& pol = Policy()) {
  return detail::forward<detail::erlang_c_measures_imp>(
      "erlang::erlang_c_measures<%1%>(%1%, %1%, %1%, %1%)", pol, traffic, servers,
      mean_handling_time, answer_time);
}

}  // namespace erlang

#endif  // ERLANG_ERLANG_C_HPP
