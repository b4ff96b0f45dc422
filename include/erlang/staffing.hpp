// Sizing and staffing: the number of circuits or agents a demand needs, and the demand a
// given capacity carries. Every count returned is minimal: it meets the targets and one
// fewer does not.
//
// Searches run on the continuous extension of the formulas (real servers, see
// erlang_b.hpp), where every measure is monotone, with Boost.Math's TOMS 748 root finder
// from a bracket around the square-root staffing estimate E + beta sqrt(E); each
// evaluation is O(1), so a solve costs a few microseconds at any traffic. The integer
// answer is then confirmed by evaluating it and its predecessor.
#ifndef ERLANG_STAFFING_HPP
#define ERLANG_STAFFING_HPP

#include <erlang/detail/forward.hpp>
#include <erlang/detail/staffing_imp.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/targets.hpp>

namespace erlang {

/// The least number of servers m (an integer) with B(traffic, m) <= target_blocking.
/// traffic >= 0 in erlangs, target in (0, 1). No traffic needs no servers: 0. An overflow
/// error (std::overflow_error under the default policy) when the count exceeds the
/// largest double (traffic near the top of the range).
template <class RealE, class RealP, class Policy = default_policy>
detail::result_t<RealE, RealP> servers_for_blocking(RealE traffic, RealP target_blocking,
                                                    const Policy& pol = Policy()) {
  return detail::forward<detail::servers_for_blocking_imp>(
      "erlang::servers_for_blocking<%1%>(%1%, %1%)", pol, traffic, target_blocking);
}

/// The largest traffic E (erlangs) with B(E, servers) <= target_blocking: the capacity of
/// a trunk group, as in the classic Erlang B tables (15 lines at 1 %: 8.108 E).
/// servers real >= 0 (0 carries nothing), target in (0, 1). An overflow error when the
/// answer exceeds the largest double. Newton on u = ln E with
/// d ln B / d ln E = m - E (1 - B), bracketed by E^m / m! <= target and E <= m / (1 - target).
template <class RealM, class RealP, class Policy = default_policy>
detail::result_t<RealM, RealP> traffic_for_blocking(RealM servers, RealP target_blocking,
                                                    const Policy& pol = Policy()) {
  return detail::forward<detail::traffic_for_blocking_imp>(
      "erlang::traffic_for_blocking<%1%>(%1%, %1%)", pol, servers, target_blocking);
}

/// Erlang C staffing: the least number of agents (an integer) meeting every target set
/// in `targets`. traffic in erlangs (>= 0), mean_handling_time > 0 in the same time unit
/// as targets.answer_time and targets.max_asa. No traffic needs no agents: 0. Errors: a
/// bad argument or target, or no target set (domain errors); an overflow error when no
/// count up to the largest double meets the targets (an occupancy target of 1e-300, say).
template <class RealE, class RealH, class Real, class Policy = default_policy>
detail::result_t<RealE, RealH, Real> agents_for_targets(RealE traffic, RealH mean_handling_time,
                                                        const staffing_targets<Real>& targets,
                                                        const Policy& pol = Policy()) {
  return detail::forward<detail::agents_for_targets_imp>(
      "erlang::agents_for_targets<%1%>(%1%, %1%, targets)", pol, traffic, mean_handling_time,
      targets);
}

/// Erlang C: the largest traffic (erlangs) that `agents` serve while meeting every target
/// set in `targets` (the inverse of agents_for_targets). agents > 0.
template <class RealM, class RealH, class Real, class Policy = default_policy>
detail::result_t<RealM, RealH, Real> traffic_for_targets(RealM agents, RealH mean_handling_time,
                                                         const staffing_targets<Real>& targets,
                                                         const Policy& pol = Policy()) {
  return detail::forward<detail::traffic_for_targets_imp>(
      "erlang::traffic_for_targets<%1%>(%1%, %1%, targets)", pol, agents, mean_handling_time,
      targets);
}

/// Scheduled agents for a productive count under shrinkage (breaks, training, absence):
/// the least integer s with s (1 - shrinkage) >= agents, i.e. ceil(agents / (1 - shrinkage)).
/// A quotient within 4 ulps of an integer counts as that integer (0.7 is not exact in
/// binary: 14 / (1 - 0.3) gives 20, not 21). shrinkage in [0, 1), agents >= 0.
template <class RealA, class RealS, class Policy = default_policy>
detail::result_t<RealA, RealS> scheduled_agents(RealA agents, RealS shrinkage,
                                                const Policy& pol = Policy()) {
  return detail::forward<detail::scheduled_agents_imp>("erlang::scheduled_agents<%1%>(%1%, %1%)",
                                                       pol, agents, shrinkage);
}

}  // namespace erlang

#endif  // ERLANG_STAFFING_HPP
