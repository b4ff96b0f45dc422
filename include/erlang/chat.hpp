// Chat: agents who each hold up to k conversations at once. A conversation's mean handling
// time depends on how many the agent has open: handling_times[j - 1] = AHT_j, the mean
// duration while j are open, so that an agent with j open ends one at rate j / AHT_j. A new
// conversation goes to an agent with the fewest open and, when all n k slots are taken,
// waits (first come, first served) in a queue of waiting_places places (+infinity: no
// limit), hanging up after an exponential patience (+infinity: nobody does).
//
// With the conversations spread evenly (x open: x - n floor(x / n) agents hold
// floor(x / n) + 1, the others floor(x / n)) the number in the system is a birth-death
// chain on 0, 1, ..., n k + N: births lambda below the top, deaths
//
//   d(x) = r (q + 1) / AHT_(q+1) + (n - r) q / AHT_q   (x = q n + r <= n k),
//   d(n k + j) = n k / AHT_k + j theta                  (j waiting, theta = 1 / patience).
//
// From n k slots on, the chain is that of M/M/(n k)/(n k + N)+M with handling time AHT_k:
// a waiting conversation sees the same queue whatever happens below. Its measures
// conditional on finding every slot taken are therefore those of that model, and only the
// probability of finding every slot taken differs: with w_x = p(x) / p(n k), L the sum of
// w_x below n k and T the sum at n k and above, it is T / (L + T). The evaluation sums L
// over the n k lower states (a running power-of-two scale, no overflow), takes T and the
// conditional measures from the M/M/(n k) model (finite_queue_abandonment.hpp, Erlang A or
// Erlang C when the queue is unlimited), and rescales each measure by
// s = (L_ref + T) / (L + T), L_ref = 1 / B(lambda AHT_k, n k) - 1 being the lower sum of
// that model. O(n k) time. One conversation per agent (k = 1) is M/M/n/(n + N)+M exactly;
// equal handling times at every level are M/M/(n k)+M.
//
// Measures (queue_measures): blocking, P(wait), P(abandon), service level (answered within
// the answer time, over all offered conversations), ASA, mean wait, mean queue length, and
// occupancy = the mean share of the n k slots in use. Times in the unit of the handling
// times; the arrival rate per that unit.
#ifndef ERLANG_CHAT_HPP
#define ERLANG_CHAT_HPP

#include <erlang/detail/chat_imp.hpp>
#include <erlang/detail/forward.hpp>
#include <erlang/measures.hpp>
#include <erlang/targets.hpp>

#include <vector>

namespace erlang {

/// Every measure of the chat system (see the file comment): arrival_rate >= 0 conversations
/// per time unit; agents a whole number >= 1; handling_times the k mean handling times (in
/// the promoted type of the other arguments)
/// AHT_1, ..., AHT_k (> 0; k = the conversations an agent holds at most); mean_patience > 0
/// or +infinity; waiting_places a whole number >= 0 or +infinity; answer_time >= 0; all
/// times in one unit. O(agents k) time. No arrivals: nobody waits, service level 1.
/// Domain errors: a bad argument, agents k above 2^53, or one the M/M/(n k) model of the
/// queue refuses (e.g. a patience below 1e-290 handling times).
template <class RealL, class RealN, class RealP, class RealK, class RealT,
          class Policy = default_policy>
queue_measures<detail::result_t<RealL, RealN, RealP, RealK, RealT>> chat(
    RealL arrival_rate, RealN agents,
    const std::vector<detail::result_t<RealL, RealN, RealP, RealK, RealT>>& handling_times,
    RealP mean_patience, RealK waiting_places, RealT answer_time, const Policy& pol = Policy()) {
  return detail::forward<detail::chat_imp>(
      "erlang::chat<%1%>(%1%, %1%, handling times, %1%, %1%, %1%)", pol, arrival_rate, agents,
      handling_times, mean_patience, waiting_places, answer_time);
}

/// The least number of agents of the chat system (see chat()) that meets every target set:
/// service level, ASA, P(every slot taken on arrival), occupancy, abandonment (finite
/// patience), blocking (finite waiting places). Every measure improves with more agents.
/// No arrivals need no agents: 0. Domain errors: a bad argument or target, no target set,
/// a target the system cannot honour, or more than 2^53 slots needed.
template <class RealL, class RealP, class RealK, class RealS, class Policy = default_policy>
detail::result_t<RealL, RealP, RealK, RealS> chat_agents_for_targets(
    RealL arrival_rate,
    const std::vector<detail::result_t<RealL, RealP, RealK, RealS>>& handling_times,
    RealP mean_patience, RealK waiting_places, const staffing_targets<RealS>& targets,
    const Policy& pol = Policy()) {
  return detail::forward<detail::chat_agents_for_targets_imp>(
      "erlang::chat_agents_for_targets<%1%>(%1%, handling times, %1%, %1%, targets)", pol,
      arrival_rate, handling_times, mean_patience, waiting_places, targets);
}

}  // namespace erlang

#endif  // ERLANG_CHAT_HPP
