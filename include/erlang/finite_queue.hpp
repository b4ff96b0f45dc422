// M/M/c/K: Poisson arrivals, c servers with exponential handling times, and room for K
// calls in the system (c in service, K - c = N waiting in FIFO order); a call that finds
// K calls present is blocked (lost). With traffic E = lambda h and rho = E/c the state
// probabilities are
//
//   p(i) = p(0) E^i / i! for i <= c,   p(c + j) = p(c) rho^j for j <= N,
//   sum_{i<c} p(i) = p(c) (1/B - 1),   1/p(c) = (1/B - 1) + sum_{j=0..N} rho^j,
// with B = B(E, c) the Erlang B blocking of c servers.
//
// Measures (all over every offered call, blocked ones included, unless said otherwise):
//   blocking            p(K);
//   wait probability    P(queued) = p(c) + ... + p(K - 1);
//   service level       fraction of calls answered within t: those served at once and
//                       those queued behind j others whose j + 1 service completions
//                       (rate c/h) come within t; blocked calls count as not answered;
//   ASA                 mean wait of the answered calls, L_q h / (E (1 - blocking));
//   mean queue length   L_q = sum_j j p(c + j);
//   occupancy           carried traffic per server, rho (1 - blocking).
// K = c is Erlang B (blocking B, nothing waits); as K -> infinity with rho < 1 every
// measure tends to its Erlang C value. Any rho is allowed: the queue is finite.
//
// Numerics: the weights are taken relative to state c (rho <= 1) or to state K (rho > 1),
// so that nothing overflows for huge N and no large exponent cancels; the geometric sums
// use expm1 (exact at rho = 1), the mean of the truncated geometric law a Bernoulli series
// near rho = 1. Measures are ratios of these sums (logarithms only where 1/B overflows).
// Blocking, P(wait), mean queue, ASA and occupancy cost O(1); the service level sums
// Poisson weights over a window of O(sqrt(c t / h)) terms around their peak. Measures
// that depend on rho^N carry a relative error of about N eps (1 + |ln rho|), the
// condition number of rho^N for a one-ulp change of the traffic.
// Staffing (finite_queue_agents_for_targets) keeps the number of waiting places fixed.
// Times (mean handling time h, answer time t, the returned ASA) are in one unit chosen by
// the caller. Every function takes the agents c and the waiting places N = K - c, whole
// numbers with c >= 1, N >= 0 and c + N <= 2^53, as the staffing solvers do.
#ifndef ERLANG_FINITE_QUEUE_HPP
#define ERLANG_FINITE_QUEUE_HPP

#include <erlang/detail/finite_queue_imp.hpp>
#include <erlang/detail/forward.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/measures.hpp>
#include <erlang/staffing.hpp>
#include <erlang/targets.hpp>

namespace erlang {

/// The measures of a finite-queue model (M/M/c/K, or M/M/c/K+M with abandonment): the
/// queue_measures of every queueing model (see measures.hpp).
template <class Real>
using finite_queue_measures = queue_measures<Real>;

/// Blocking probability of M/M/c/K: the fraction of offered calls that find the system
/// full (K = c + N calls present) and are lost. traffic E >= 0 (erlangs); agents c and
/// waiting_places N whole numbers with c >= 1, N >= 0, c + N <= 2^53. N = 0 gives Erlang B.
template <class RealE, class RealC, class RealN, class Policy = default_policy>
detail::result_t<RealE, RealC, RealN> finite_queue_blocking(RealE traffic, RealC agents,
                                                            RealN waiting_places,
                                                            const Policy& pol = Policy()) {
  return detail::forward<detail::finite_queue_measure_imp<detail::finite_queue_measure::blocking>>(
      "erlang::finite_queue_blocking<%1%>(%1%, %1%, %1%)", pol, traffic, agents, waiting_places);
}

/// P(wait) of M/M/c/K: the fraction of offered calls that are queued (all servers busy, a
/// waiting place free). Arguments as for finite_queue_blocking. Tends to Erlang C as
/// K -> infinity (rho < 1); 0 when K = c.
template <class RealE, class RealC, class RealN, class Policy = default_policy>
detail::result_t<RealE, RealC, RealN> finite_queue_wait_probability(RealE traffic, RealC agents,
                                                                    RealN waiting_places,
                                                                    const Policy& pol = Policy()) {
  return detail::forward<
      detail::finite_queue_measure_imp<detail::finite_queue_measure::wait_probability>>(
      "erlang::finite_queue_wait_probability<%1%>(%1%, %1%, %1%)", pol, traffic, agents,
      waiting_places);
}

/// Service level of M/M/c/K: the fraction of offered calls answered within answer_time
/// (blocked calls are not answered). mean_handling_time > 0 and answer_time >= 0 in the
/// same unit; other arguments as for finite_queue_blocking.
template <class RealE, class RealC, class RealH, class RealN, class RealT,
          class Policy = default_policy>
detail::result_t<RealE, RealC, RealH, RealN, RealT> finite_queue_service_level(
    RealE traffic, RealC agents, RealH mean_handling_time, RealN waiting_places, RealT answer_time,
    const Policy& pol = Policy()) {
  return detail::forward<
      detail::finite_queue_measure_imp<detail::finite_queue_measure::service_level>>(
      "erlang::finite_queue_service_level<%1%>(%1%, %1%, %1%, %1%, %1%)", pol, traffic, agents,
      waiting_places, mean_handling_time, answer_time);
}

/// Average speed of answer of M/M/c/K: the mean wait of the answered (not blocked) calls,
/// in the unit of mean_handling_time (> 0). Other arguments as for finite_queue_blocking.
template <class RealE, class RealC, class RealH, class RealN, class Policy = default_policy>
detail::result_t<RealE, RealC, RealH, RealN> finite_queue_average_speed_of_answer(
    RealE traffic, RealC agents, RealH mean_handling_time, RealN waiting_places,
    const Policy& pol = Policy()) {
  return detail::forward<
      detail::finite_queue_measure_imp<detail::finite_queue_measure::average_speed_of_answer>>(
      "erlang::finite_queue_average_speed_of_answer<%1%>(%1%, %1%, %1%, %1%)", pol, traffic, agents,
      waiting_places, mean_handling_time);
}

/// Mean number of calls waiting in M/M/c/K. Arguments as for finite_queue_blocking.
template <class RealE, class RealC, class RealN, class Policy = default_policy>
detail::result_t<RealE, RealC, RealN> finite_queue_mean_queue_length(RealE traffic, RealC agents,
                                                                     RealN waiting_places,
                                                                     const Policy& pol = Policy()) {
  return detail::forward<
      detail::finite_queue_measure_imp<detail::finite_queue_measure::mean_queue_length>>(
      "erlang::finite_queue_mean_queue_length<%1%>(%1%, %1%, %1%)", pol, traffic, agents,
      waiting_places);
}

/// Occupancy of M/M/c/K: carried traffic per agent, (E / c)(1 - blocking), in [0, 1].
/// Arguments as for finite_queue_blocking.
template <class RealE, class RealC, class RealN, class Policy = default_policy>
detail::result_t<RealE, RealC, RealN> finite_queue_occupancy(RealE traffic, RealC agents,
                                                             RealN waiting_places,
                                                             const Policy& pol = Policy()) {
  return detail::forward<detail::finite_queue_measure_imp<detail::finite_queue_measure::occupancy>>(
      "erlang::finite_queue_occupancy<%1%>(%1%, %1%, %1%)", pol, traffic, agents, waiting_places);
}

/// Every M/M/c/K measure at once (abandon_probability is 0). Arguments as for
/// finite_queue_service_level.
template <class RealE, class RealC, class RealH, class RealN, class RealT,
          class Policy = default_policy>
finite_queue_measures<detail::result_t<RealE, RealC, RealH, RealN, RealT>> finite_queue(
    RealE traffic, RealC agents, RealH mean_handling_time, RealN waiting_places, RealT answer_time,
    const Policy& pol = Policy()) {
  return detail::forward<detail::finite_queue_imp>(
      "erlang::finite_queue<%1%>(%1%, %1%, %1%, %1%, %1%)", pol, traffic, agents, waiting_places,
      mean_handling_time, answer_time);
}

/// M/M/c/K staffing: the least number of agents c (a whole number) meeting every target
/// set in `targets` (service level, ASA, P(every agent busy on arrival) = P(queued) +
/// P(blocked), occupancy, blocking), with the number of waiting places N = K - c fixed (a
/// queue that holds N calls; capacity K = c + N). Every measure improves as c grows with N
/// fixed, so the least c exists and is found by doubling and bisection (O(log c)
/// evaluations). No traffic needs no agents: 0. Domain errors: a bad argument or target,
/// an abandonment target (nobody abandons in M/M/c/K), no target set, or traffic above
/// 2^53 erlangs (counts beyond are not exact integers in double).
template <class RealE, class RealH, class RealN, class Real, class Policy = default_policy>
detail::result_t<RealE, RealH, RealN, Real> finite_queue_agents_for_targets(
    RealE traffic, RealH mean_handling_time, RealN waiting_places,
    const staffing_targets<Real>& targets, const Policy& pol = Policy()) {
  return detail::forward<detail::finite_queue_agents_for_targets_imp>(
      "erlang::finite_queue_agents_for_targets<%1%>(%1%, %1%, %1%, targets)", pol, traffic,
      mean_handling_time, waiting_places, targets);
}

}  // namespace erlang

#endif  // ERLANG_FINITE_QUEUE_HPP
