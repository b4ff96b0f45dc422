// Erlang A (M/M/n+M) reference values in 50 digits: the stationary distribution of the
// birth-death chain, and the closed form of the service level through the incomplete gamma
// function (Mandelbaum and Zeltyn). Independent of the library's algorithms.
#ifndef ERLANG_TESTS_ERLANG_A_REFERENCE_HPP
#define ERLANG_TESTS_ERLANG_A_REFERENCE_HPP

#include "reference.hpp"
#include "support/birth_death_chain.hpp"

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cstddef>
#include <limits>

namespace erlang::test {

struct case_a {
  double traffic;
  double agents;
  double aht;
  double patience;
  double answer_time;
};

/// Erlang A measures from the stationary distribution of the birth-death chain, in 50
/// digits (support/birth_death_chain.hpp). States k < n carry the Erlang weights (their
/// sum relative to state n is the closed form 1/B - 1); queue states n + j carry
/// T_j = prod_{i<=j} b / (a + i), truncated where T_j < 1e-60 of the sum. A caller who finds j
/// waiting ahead waits V_j = sum_{i=0..j} Exp(n mu + i theta); with U ~ Beta(a, j + 1), theta V_j =
/// -ln U, so P(V_j > t) = I_x(a, j+1), x = exp(-theta t), it is served w.p. a/(a+j+1), and served
/// within t w.p. a/(a+j+1) (1 - I_x(a+1, j+1)); E[theta V_j; served] =
/// a/(a+j+1) (psi(a+j+2) - psi(a+1)). The tail sums need the incomplete beta function
/// once per state, so they are evaluated only when `with_tail` is set. With `max_states`
/// the sum gives up (states = 0) once it would need more states than that.
struct chain_measures {
  mp wait_probability, no_wait_probability, abandon_probability, mean_queue, service_level,
      wait_within, asa;
  std::size_t states;
};

inline chain_measures erlang_a_chain(
    const case_a& c, bool with_tail,
    std::size_t max_states = std::numeric_limits<std::size_t>::max()) {
  const mp a = mp(c.agents) * c.patience / c.aht;
  const mp b = mp(c.traffic) * c.patience / c.aht;
  const mp x = exp(-mp(c.answer_time) / c.patience);
  const mp one_minus_x = -boost::math::expm1(-mp(c.answer_time) / c.patience);
  // State j of the chain is n + j: births b, deaths a + j (in units of the patience).
  birth_death_chain chain(
      birth_death_chain::unbounded, [&](std::size_t) -> const mp& { return b; },
      [&](std::size_t j) { return a + mp(j); }, max_states);
  if (!chain.complete()) {
    return chain_measures{0, 0, 0, 0, 0, 0, 0, 0};
  }
  chain.add_states_below(
      boost::math::expm1(log_inverse_b(c.traffic, c.agents)));  // sum_{k<n} pi_k / pi_n
  // The share of the callers who find j waiting ahead and are served: a / (a + j + 1).
  const auto served = [&](std::size_t j) { return a / (a + mp(j) + 1); };
  mp harmonic = 0;  // sum_{i=0..j} 1/(a+i+1), for j in increasing order
  const mp served_wait = chain.expectation([&](std::size_t j) {
    harmonic += 1 / (a + mp(j) + 1);
    return served(j) * harmonic;
  });
  chain_measures r;
  r.wait_probability = chain.probability(0, chain.states() - 1);
  r.no_wait_probability = chain.probability_below();
  r.abandon_probability =
      chain.expectation([&](std::size_t j) { return (mp(j) + 1) / (a + mp(j) + 1); });
  r.mean_queue = chain.mean();
  r.service_level = r.no_wait_probability;
  r.wait_within = r.no_wait_probability;
  if (with_tail) {
    r.service_level += chain.expectation(
        [&](std::size_t j) { return served(j) * boost::math::ibetac(a + 1, mp(j) + 1, x); });
    // P(W <= t | j ahead) = 1 - x I_x(a, j+1) = (1 - x) + x (1 - I_x(a, j+1)), a sum of
    // non-negative parts (no cancellation at t = 0, where it is 0).
    r.wait_within += chain.expectation(
        [&](std::size_t j) { return one_minus_x + x * boost::math::ibetac(a, mp(j) + 1, x); });
  }
  r.asa = served_wait * c.patience / (1 - r.abandon_probability);
  r.states = chain.states();
  return r;
}

/// The service level (answered within t, over all arrivals) and P(W <= t) from P(W > 0)
/// and its complement by the closed forms, a = n tau / h, b = E tau / h, v = t / tau,
/// b' = b e^-v, P = gamma_p, Q = gamma_q:
///   SL = P(W=0) + P(W>0) (a/b) [P(a+1, b) - P(a+1, b')] / P(a, b),
///   P(W <= t) = P(W=0) + P(W>0) [1 - e^-v P(a, b') / P(a, b)].
/// The difference of P is taken as Q(a+1, b') - Q(a+1, b) where b' lies above a + 1 (both
/// P near 1; the service level of a heavily overloaded queue is below 1e-50 there).
struct closed_form_service {
  mp service_level;
  mp wait_within;
};

inline closed_form_service erlang_a_service_closed_form(const case_a& c, const mp& wait_probability,
                                                        const mp& no_wait_probability) {
  const mp a = mp(c.agents) * c.patience / c.aht;
  const mp b = mp(c.traffic) * c.patience / c.aht;
  const mp decay = exp(-mp(c.answer_time) / c.patience);
  const mp later = b * decay;
  const mp p_ab = boost::math::gamma_p(a, b);
  const mp window = later > a + 1
                        ? boost::math::gamma_q(a + 1, later) - boost::math::gamma_q(a + 1, b)
                        : boost::math::gamma_p(a + 1, b) - boost::math::gamma_p(a + 1, later);
  closed_form_service r;
  r.service_level = no_wait_probability + wait_probability * (a / b) * window / p_ab;
  r.wait_within =
      no_wait_probability + wait_probability * (1 - decay * boost::math::gamma_p(a, later) / p_ab);
  return r;
}

}  // namespace erlang::test

#endif  // ERLANG_TESTS_ERLANG_A_REFERENCE_HPP
