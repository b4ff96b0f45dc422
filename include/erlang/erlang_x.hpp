// Erlang X: the call centre as planners model it. M/M/c/K+M (agents, waiting places,
// exponential patience) with callers who redial after they abandon or are blocked, an
// uncertain forecast, the service-level definitions in use, and fractional agents.
//
// - Redials. A caller who abandons redials with probability r_a, a blocked one with
//   probability r_b. The redials join the fresh traffic E as one Poisson stream (the
//   standard approximation: it is exact in the limit of long redial delays), so the total
//   traffic E_t solves the fixed point E_t = E + E_t (r_a P_ab(E_t) + r_b B(E_t)), with
//   P_ab and B those of M/M/c/K+M at E_t. The equation is solved by TOMS 748 on the bracket
//   [E, E / (1 - max(r_a, r_b))] to a relative width of 4 eps; the residual is tested. In
//   a stationary model the mean redial delay does not change the measures; it gives the
//   mean number of callers between attempts, redial_rate * delay (Little's law).
// - Forecast uncertainty. The fresh traffic is gamma distributed with mean E and variance
//   traffic_variance (0: known). Measures over calls are averaged with the weight of each
//   traffic's total arrival rate, measures over time (queue, occupancy, redials) plainly;
//   Gauss-Legendre quadrature over the logarithm of the traffic (see gamma_quadrature).
// - Service level, three definitions: of offered calls (answered within t / all calls,
//   the `service_level` field and the one targets use unless chosen otherwise), of
//   answered calls (answered within t / answered) and of offered calls without those who
//   abandon within t (answered within t / (all - abandoned within t)).
// - Fractional agents: every measure interpolated linearly between the neighbouring whole
//   numbers of agents (the convention of the Erlang X calculators).
//
// P(abandon within t) for a caller who finds j waiting: with x = 1 - e^(-t / patience),
// a = c patience / h and S_j the time until service without the caller's own patience (a
// sum of exponentials of rates c/h + k/patience, k = 0..j, so P(S_j <= s) = I_y(j + 1, a),
// y = 1 - e^(-s/patience)), it is the integral of P(S_j > s) against the patience density
// up to t, x I_(1-x)(a, j + 1) + (j + 1) / (j + 1 + a) I_x(j + 2, a): two non-negative
// terms, one incomplete beta pair per queue position (O(N)); with an unlimited queue it is
// P(W <= t) - service level of Erlang A. Times in one unit.
#ifndef ERLANG_ERLANG_X_HPP
#define ERLANG_ERLANG_X_HPP

#include <erlang/detail/erlang_x_imp.hpp>
#include <erlang/detail/forward.hpp>
#include <erlang/erlang_x_model.hpp>
#include <erlang/targets.hpp>

namespace erlang {

/// Every Erlang X measure (see the file comment): fresh traffic >= 0 erlangs, agents >= 1
/// (real: interpolated), mean_handling_time > 0, answer_time >= 0 (one time unit), and the
/// model. Domain errors: a bad argument, or one the underlying M/M/c/K+M, Erlang A or
/// Erlang C evaluation refuses.
template <class RealE, class RealN, class RealH, class Real, class RealT,
          class Policy = default_policy>
erlang_x_measures<detail::result_t<RealE, RealN, RealH, Real, RealT>> erlang_x(
    RealE traffic, RealN agents, RealH mean_handling_time, const erlang_x_model<Real>& model,
    RealT answer_time, const Policy& pol = Policy()) {
  return detail::forward<detail::erlang_x_imp>("erlang::erlang_x<%1%>(%1%, %1%, %1%, model, %1%)",
                                               pol, traffic, agents, mean_handling_time, model,
                                               answer_time);
}

/// The least whole number of agents whose Erlang X measures meet every target set
/// (service level by the model's definition, ASA, P(every agent busy), occupancy,
/// abandonment with finite patience, blocking with finite waiting places). No traffic
/// needs no agents: 0. Domain errors: a bad argument or target, no target set, a target
/// the model cannot honour, or more than 2^53 agents needed.
template <class RealE, class RealH, class Real, class Policy = default_policy>
detail::result_t<RealE, RealH, Real> erlang_x_agents_for_targets(
    RealE traffic, RealH mean_handling_time, const erlang_x_model<Real>& model,
    const staffing_targets<Real>& targets, const Policy& pol = Policy()) {
  return detail::forward<detail::erlang_x_agents_for_targets_imp>(
      "erlang::erlang_x_agents_for_targets<%1%>(%1%, %1%, model, targets)", pol, traffic,
      mean_handling_time, model, targets);
}

/// The largest fresh traffic (erlangs) that `agents` (>= 1, real: interpolated) handle
/// within every target set, to a relative width of 1e-12 (the measures worsen as the
/// traffic grows). 0 when even the smallest traffic fails. Domain errors: a bad argument
/// or target, no target set, or a target the model cannot honour.
template <class RealN, class RealH, class Real, class Policy = default_policy>
detail::result_t<RealN, RealH, Real> erlang_x_traffic_for_targets(
    RealN agents, RealH mean_handling_time, const erlang_x_model<Real>& model,
    const staffing_targets<Real>& targets, const Policy& pol = Policy()) {
  return detail::forward<detail::erlang_x_traffic_for_targets_imp>(
      "erlang::erlang_x_traffic_for_targets<%1%>(%1%, %1%, model, targets)", pol, agents,
      mean_handling_time, model, targets);
}

}  // namespace erlang

#endif  // ERLANG_ERLANG_X_HPP
