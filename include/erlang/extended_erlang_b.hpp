// Extended Erlang B: a loss system whose blocked callers try again. A fraction r (the
// recall fraction, 0 <= r <= 1) of the blocked attempts comes back, so the traffic offered
// to the m servers is the first-attempt traffic E0 plus the retries:
//
//   E = E0 + r E B(E, m),
//
// and the blocking probability per attempt is B(E, m) at that fixed point: the retry model
// of the Extended Erlang B tables and calculator of Westbay Engineers, whose published
// examples the tests reproduce. E is found by Newton's method on f(E) = E - E0 - r E B(E, m),
// written as E (1 - r) + r E (1 - B) - E0 with 1 - B taken from 1/B - 1 (no cancellation
// when B is near 1), whose derivative 1 - r B (1 + m - E + E B) lies in [1 - r, 1]; from
// E = E0 the iterates rise to the root in a handful of steps (f is concave). The fixed
// point exists for every r < 1; for r = 1 only when E0 < m (every blocked call retries
// until served, which m servers can do only for E0 < m). Each step evaluates Erlang B in
// O(1) (erlang_b.hpp), so the cost does not grow with m. Where rounding swamps the slope
// (heavy overload on 1e15 servers or more: m - E (1 - B) is then a difference of numbers
// near m) or the root lies far above E0 (r near 1), a bracketing solve (bisection in ln E,
// then TOMS 748) takes over. A total traffic beyond the largest finite value is an
// overflow error; the blocking there is the fluid limit (E0 - m) / (E0 - r m).
#ifndef ERLANG_EXTENDED_ERLANG_B_HPP
#define ERLANG_EXTENDED_ERLANG_B_HPP

#include <erlang/detail/extended_erlang_b_imp.hpp>
#include <erlang/detail/forward.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/staffing.hpp>

namespace erlang {

/// Blocking probability per attempt, B(E, m), where E = traffic + recall_fraction * E * B is
/// the total offered traffic (first attempts plus retries), in [0, 1].
/// traffic: first-attempt traffic in erlangs (>= 0); servers: real >= 0; recall_fraction
/// in [0, 1]. Domain error also when recall_fraction = 1 and 0 < traffic >= servers (no
/// fixed point exists then).
template <class RealE, class RealM, class RealR, class Policy = default_policy>
detail::result_t<RealE, RealM, RealR> extended_erlang_b(RealE traffic, RealM servers,
                                                        RealR recall_fraction,
                                                        const Policy& pol = Policy()) {
  return detail::forward<detail::extended_erlang_b_imp<true>>(
      "erlang::extended_erlang_b<%1%>(%1%, %1%, %1%)", pol, traffic, servers, recall_fraction);
}

/// The total offered traffic E (erlangs): first attempts plus retries, the solution of
/// E = traffic + recall_fraction * E * B(E, servers). Arguments as for extended_erlang_b.
/// An overflow error (std::overflow_error under the default policy) when E exceeds the
/// largest finite value (recall fractions near 1 with traffic near the top of the range).
template <class RealE, class RealM, class RealR, class Policy = default_policy>
detail::result_t<RealE, RealM, RealR> extended_erlang_b_offered_traffic(
    RealE traffic, RealM servers, RealR recall_fraction, const Policy& pol = Policy()) {
  return detail::forward<detail::extended_erlang_b_imp<false>>(
      "erlang::extended_erlang_b_offered_traffic<%1%>(%1%, %1%, %1%)", pol, traffic, servers,
      recall_fraction);
}

/// The least whole number of servers m whose blocking with retries,
/// extended_erlang_b(traffic, m, recall_fraction), is at most target_blocking, in (0, 1).
/// No traffic needs no servers: 0.
/// The answer lies between the plain Erlang B answers for traffic and for
/// traffic / (1 - recall_fraction * target_blocking); it is found by bisection between
/// them, each step one fixed-point solve.
template <class RealE, class RealR, class RealP, class Policy = default_policy>
detail::result_t<RealE, RealR, RealP> extended_erlang_b_servers_for_blocking(
    RealE traffic, RealR recall_fraction, RealP target_blocking, const Policy& pol = Policy()) {
  return detail::forward<detail::extended_erlang_b_servers_for_blocking_imp>(
      "erlang::extended_erlang_b_servers_for_blocking<%1%>(%1%, %1%, %1%)", pol, traffic,
      recall_fraction, target_blocking);
}

}  // namespace erlang

#endif  // ERLANG_EXTENDED_ERLANG_B_HPP
