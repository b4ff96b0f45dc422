// Engset: a loss system with a finite population. S sources each alternate between idle
// periods (exponential, rate gamma) and calls (mean handling time h, mu = 1/h); n servers;
// a call that finds all n busy is lost and its source goes back to idle. The offered
// traffic per idle source is beta = gamma / mu = gamma h. The number of busy servers has
// the truncated binomial distribution
//
//   p(i) = C(S, i) beta^i / sum_{k=0..n} C(S, k) beta^k,   i = 0..n.
//
// Three measures of blocking (Iversen, "Teletraffic Engineering and Network Planning",
// DTU 2015, chapter 8):
//   time congestion     E = p(n), the fraction of time all servers are busy;
//   call congestion     B = the fraction of call attempts that are lost, which equals the
//                       time congestion of the same system with S - 1 sources;
//   traffic congestion  C = (A - Y) / A, the fraction of the offered traffic that is lost,
//                       with A = S beta / (1 + beta) and Y the carried traffic; C equals
//                       B / (1 + beta (1 - B)).
// Offered traffic (Iversen 8.2): a source that is never blocked is busy a fraction
// alpha = beta / (1 + beta) of the time, so the total offered traffic is A = S alpha;
// beta = A / (S - A) converts back (engset_traffic_per_idle_source).
//
// Evaluated with the recurrence 1/E_x = 1 + (x / ((S - x + 1) beta)) / E_{x-1}, E_0 = 1: a
// sum of positive terms, so rounding errors do not grow; no powers or factorials.
// O(min(n, S)) time. E with n >= S + 1 servers is 0; with n = S it is alpha^S.
// Sources and servers are whole numbers (up to 2^53).
#ifndef ERLANG_ENGSET_HPP
#define ERLANG_ENGSET_HPP

#include <erlang/detail/engset_imp.hpp>
#include <erlang/detail/forward.hpp>
#include <erlang/measures.hpp>

namespace erlang {

// engset_measure (time, call or traffic congestion) is declared in <erlang/measures.hpp>.

/// Offered traffic per idle source, beta = A / (S - A), from the total offered traffic A
/// (erlangs, 0 <= A < S) of S sources: the inverse of A = S beta / (1 + beta).
template <class RealA, class RealS, class Policy = default_policy>
detail::result_t<RealA, RealS> engset_traffic_per_idle_source(RealA offered_traffic, RealS sources,
                                                              const Policy& pol = Policy()) {
  return detail::forward<detail::engset_traffic_per_idle_source_imp>(
      "erlang::engset_traffic_per_idle_source<%1%>(%1%, %1%)", pol, offered_traffic, sources);
}

/// Total offered traffic A = S beta / (1 + beta) (erlangs) of S sources offering beta each
/// while idle.
template <class RealB, class RealS, class Policy = default_policy>
detail::result_t<RealB, RealS> engset_offered_traffic(RealB traffic_per_idle_source, RealS sources,
                                                      const Policy& pol = Policy()) {
  return detail::forward<detail::engset_offered_traffic_imp>(
      "erlang::engset_offered_traffic<%1%>(%1%, %1%)", pol, traffic_per_idle_source, sources);
}

/// Time congestion E: the fraction of time all servers are busy, in [0, 1].
/// traffic_per_idle_source beta >= 0; sources S >= 1 and servers n >= 0 whole numbers.
template <class RealB, class RealS, class RealN, class Policy = default_policy>
detail::result_t<RealB, RealS, RealN> engset_time_congestion(RealB traffic_per_idle_source,
                                                             RealS sources, RealN servers,
                                                             const Policy& pol = Policy()) {
  return detail::forward<detail::engset_congestion_imp<engset_measure::time_congestion>>(
      "erlang::engset_time_congestion<%1%>(%1%, %1%, %1%)", pol, traffic_per_idle_source, sources,
      servers);
}

/// Call congestion B: the fraction of call attempts that find all servers busy, in [0, 1];
/// the time congestion of the same system with one source fewer. Arguments as for
/// engset_time_congestion.
template <class RealB, class RealS, class RealN, class Policy = default_policy>
detail::result_t<RealB, RealS, RealN> engset_call_congestion(RealB traffic_per_idle_source,
                                                             RealS sources, RealN servers,
                                                             const Policy& pol = Policy()) {
  return detail::forward<detail::engset_congestion_imp<engset_measure::call_congestion>>(
      "erlang::engset_call_congestion<%1%>(%1%, %1%, %1%)", pol, traffic_per_idle_source, sources,
      servers);
}

/// Traffic congestion C: the fraction of the offered traffic A = S beta / (1 + beta) that
/// is lost, (A - carried) / A, in [0, 1]; C = B / (1 + beta (1 - B)) <= B. Arguments as
/// for engset_time_congestion.
template <class RealB, class RealS, class RealN, class Policy = default_policy>
detail::result_t<RealB, RealS, RealN> engset_traffic_congestion(RealB traffic_per_idle_source,
                                                                RealS sources, RealN servers,
                                                                const Policy& pol = Policy()) {
  return detail::forward<detail::engset_congestion_imp<engset_measure::traffic_congestion>>(
      "erlang::engset_traffic_congestion<%1%>(%1%, %1%, %1%)", pol, traffic_per_idle_source,
      sources, servers);
}

/// The least number of servers n whose blocking (the chosen measure, call congestion by
/// default) is at most target_blocking, in (0, 1). Returns a whole number in [0, S + 1]
/// (S + 1 only for a time-congestion target below alpha^S); no traffic needs no servers:
/// 0. O(n) time.
template <class RealB, class RealS, class RealP, class Policy = default_policy>
detail::result_t<RealB, RealS, RealP> engset_servers_for_blocking(
    RealB traffic_per_idle_source, RealS sources, RealP target_blocking,
    engset_measure measure = engset_measure::call_congestion, const Policy& pol = Policy()) {
  return detail::forward<detail::engset_servers_for_blocking_imp>(
      "erlang::engset_servers_for_blocking<%1%>(%1%, %1%, %1%)", pol, traffic_per_idle_source,
      sources, target_blocking, measure);
}

}  // namespace erlang

#endif  // ERLANG_ENGSET_HPP
