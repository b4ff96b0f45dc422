// Erlang A (M/M/n+M): Poisson arrivals, n agents with exponential handling times, and
// callers who abandon after an exponential patience. Exact formulas (Garnett, Mandelbaum
// & Reiman, MSOM 4 (2002); Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of
// performance measures"), evaluated without overflow or cancellation in O(1) time for
// double (see detail/erlang_a_imp.hpp).
//
// Arguments: traffic E = lambda h in erlangs, agents n > 0, mean handling time h > 0,
// mean patience > 0 (finite: infinite patience is Erlang C) and an answer time t >= 0,
// all times in one unit chosen by the caller. Unlike Erlang C, the system is stable at any
// load: callers who wait too long leave.
//
// Service level convention: `service_level` is the fraction of ALL arrivals that are
// answered within t (abandoned calls count as missed, whenever they abandon).
// `wait_within` is P(W <= t), the fraction whose wait ends (answered or abandoned) within
// t, the convention of tools that count early abandonment as met.
#ifndef ERLANG_ERLANG_A_HPP
#define ERLANG_ERLANG_A_HPP

#include <erlang/detail/erlang_a_imp.hpp>
#include <erlang/detail/forward.hpp>
#include <erlang/measures.hpp>
#include <erlang/staffing.hpp>
#include <erlang/targets.hpp>

namespace erlang {

/// Every Erlang A measure at once. See the file comment for the arguments and the two
/// service-level conventions. Domain errors: negative, NaN or infinite arguments, agents,
/// handling time or patience not > 0, and scales outside the evaluated range:
/// agents x patience / h must lie in [2.2e-308, 2^52] and traffic x patience / h be at most
/// 2^52 for double (the smallest normal number and 1/epsilon of the type).
template <class RealE, class RealN, class RealH, class RealP, class RealT,
          class Policy = default_policy>
erlang_a_measures<detail::result_t<RealE, RealN, RealH, RealP, RealT>> erlang_a(
    RealE traffic, RealN agents, RealH mean_handling_time, RealP mean_patience, RealT answer_time,
    const Policy& pol = Policy()) {
  return detail::forward<detail::erlang_a_imp>("erlang::erlang_a<%1%>(%1%, %1%, %1%, %1%, %1%)",
                                               pol, traffic, agents, mean_handling_time,
                                               mean_patience, answer_time);
}

/// Erlang A staffing: the least number of agents (an integer, possibly well below the
/// traffic when patience is short) meeting every target set in `targets`: service level
/// (answered within answer_time, over all arrivals), max_abandon, max_asa (answered
/// calls), max_wait_probability, max_occupancy. No traffic needs no agents: 0.
/// Domain errors as for erlang_a with one agent: patience / h at least 2.2e-308 and
/// traffic x patience / h at most 2^52 for double; and targets that no count of agents
/// within that scale (agents x patience / h <= 2^52) meets.
template <class RealE, class RealH, class RealP, class Real, class Policy = default_policy>
detail::result_t<RealE, RealH, RealP, Real> erlang_a_agents_for_targets(
    RealE traffic, RealH mean_handling_time, RealP mean_patience,
    const staffing_targets<Real>& targets, const Policy& pol = Policy()) {
  return detail::forward<detail::erlang_a_agents_for_targets_imp>(
      "erlang::erlang_a_agents_for_targets<%1%>(%1%, %1%, %1%, targets)", pol, traffic,
      mean_handling_time, mean_patience, targets);
}

}  // namespace erlang

#endif  // ERLANG_ERLANG_A_HPP
