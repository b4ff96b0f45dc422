// M/M/c/K+M: the finite queue of finite_queue.hpp with impatient callers. Each waiting
// call hangs up after an exponential patience (mean `mean_patience`, theta = 1/patience)
// unless its service starts first. With mu = 1/h, gamma = theta/mu = h / patience and
// traffic E = lambda h, the birth-death chain on 0..K has births lambda below K and deaths
// min(i, c) mu + max(i - c, 0) theta, so that
//
//   p(i) = p(0) E^i / i! for i <= c,   p(c + j) = p(c) prod_{k=1..j} E / (c + k gamma).
//
// A call that finds j others waiting (j < N = K - c) advances one place at rate
// mu (c + k gamma) while k are ahead, and hangs up at rate theta: it is served with
// probability prod_k (c + k gamma) / (c + (k + 1) gamma) = c / (c + (j + 1) gamma), and,
// since each stage lasts Exp(mu (c + (k + 1) gamma)) whatever ends it, it is served within
// t with probability c / (c + (j + 1) gamma) * I_x(j + 1, c/gamma + 1), x = 1 - e^-(theta t),
// I the regularised incomplete beta function (the sum of independent exponentials with
// rates mu (c + gamma), ..., mu (c + (j + 1) gamma) is at most t exactly when a
// negative-binomial count reaches j + 1; the tests check this against the partial-fraction
// form of the sum). Its mean wait, if served, is h sum_{k=1..j+1} 1/(c + k gamma).
//
// Measures are those of finite_queue_measures: blocking, P(queued), P(abandon),
// service level (answered within t, over all offered calls), ASA (mean wait of answered
// calls), mean wait over all offered calls (Little's law on the queue), mean queue length
// and occupancy (carried traffic per agent). Limits: K -> infinity gives Erlang A
// (M/M/c+M), mean_patience -> infinity gives M/M/c/K (and mean_patience = +infinity is
// exactly M/M/c/K).
//
// Evaluation: one pass over the queue states j = 0..N (about 4 ns a state), all sums of
// positive terms, kept on a running power-of-two scale (so that neither rho^N-like growth
// nor e^-(c t/h)-like starts overflow or underflow, and rescaling is exact); the measures
// are ratios of these sums. The service level swaps its double sum into
// sum_n d(n) W(n), with d the negative-binomial probabilities and W the running sum of the
// served weights, plus one incomplete beta tail. O(K - c) time; the pass stops early once
// the states left hold less than a rounding error of every sum and the blocking is below
// the smallest normal number. Times (h, patience, answer time, the returned waits) are in
// one unit chosen by the caller.
#ifndef ERLANG_FINITE_QUEUE_ABANDONMENT_HPP
#define ERLANG_FINITE_QUEUE_ABANDONMENT_HPP

#include <erlang/detail/finite_queue_abandonment_imp.hpp>
#include <erlang/detail/forward.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/targets.hpp>

namespace erlang {

/// Every M/M/c/K+M measure (see finite_queue_measures). traffic E >= 0 (erlangs); agents
/// c and waiting_places N = K - c whole numbers with c >= 1, N >= 0, c + N <= 2^53;
/// mean_handling_time > 0, mean_patience > 0 (+infinity: nobody abandons) and
/// answer_time >= 0, all in one time unit. O(N) time. Domain errors: a bad argument, a patience
/// below 1e-290 handling times, or an answer time / handling time that overflows.
template <class RealE, class RealC, class RealH, class RealP, class RealN, class RealT,
          class Policy = default_policy>
finite_queue_measures<detail::result_t<RealE, RealC, RealH, RealP, RealN, RealT>>
finite_queue_abandonment(RealE traffic, RealC agents, RealH mean_handling_time, RealP mean_patience,
                         RealN waiting_places, RealT answer_time, const Policy& pol = Policy()) {
  return detail::forward<detail::finite_queue_abandonment_imp>(
      "erlang::finite_queue_abandonment<%1%>(%1%, %1%, %1%, %1%, %1%, %1%)", pol, traffic, agents,
      waiting_places, mean_handling_time, mean_patience, answer_time);
}

/// M/M/c/K+M staffing: the least number of agents c (a whole number) meeting every target
/// set in `targets` (service level, ASA, P(every agent busy on arrival) = P(queued) +
/// P(blocked), occupancy, P(abandon), blocking), with the number of waiting places
/// N = K - c fixed (capacity K = c + N). With N fixed every measure improves as c grows.
/// (With the capacity K fixed instead it need not: fewer agents leave more waiting places,
/// which impatient callers empty, and the blocking can then fall.) No traffic needs no
/// agents: 0. Domain errors: a bad argument or target, no target set, or traffic above
/// 2^53 erlangs (counts beyond are not exact in double).
template <class RealE, class RealH, class RealP, class RealN, class Real,
          class Policy = default_policy>
detail::result_t<RealE, RealH, RealP, RealN, Real> finite_queue_abandonment_agents_for_targets(
    RealE traffic, RealH mean_handling_time, RealP mean_patience, RealN waiting_places,
    const staffing_targets<Real>& targets, const Policy& pol = Policy()) {
  return detail::forward<detail::finite_queue_abandonment_agents_for_targets_imp>(
      "erlang::finite_queue_abandonment_agents_for_targets<%1%>(%1%, %1%, %1%, %1%, targets)", pol,
      traffic, mean_handling_time, mean_patience, waiting_places, targets);
}

}  // namespace erlang

#endif  // ERLANG_FINITE_QUEUE_ABANDONMENT_HPP
