// Erlang B (M/M/m/m): the probability that a call finds all servers busy and is lost.
//
//   B(E, m) = (E^m / m!) / sum_{i=0..m} E^i / i!
//
// extended to real servers x >= 0 by B(E, x) = E^x e^-E / Gamma(x + 1, E), which agrees
// with the formula above at integer x. Never evaluated through powers or factorials: see
// detail/erlang_b_imp.hpp for the regions and their methods. O(1) time for float and double
// at any size.
#ifndef ERLANG_ERLANG_B_HPP
#define ERLANG_ERLANG_B_HPP

#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/forward.hpp>

namespace erlang {

/// Blocking probability B(traffic, servers) of the Erlang loss system, in [0, 1].
/// traffic: offered load in erlangs (>= 0); servers: number of circuits (real, >= 0).
/// B(E, 0) = 1; B(0, m) = 0 for m > 0. Results below the smallest double underflow to
/// 0: use log_erlang_b there. Domain error: negative, NaN or infinite arguments.
template <class RealE, class RealM, class Policy = default_policy>
detail::result_t<RealE, RealM> erlang_b(RealE traffic, RealM servers,
                                        const Policy& pol = Policy()) {
  return detail::forward<detail::erlang_b_imp>("erlang::erlang_b<%1%>(%1%, %1%)", pol, traffic,
                                               servers);
}

/// ln B(traffic, servers), finite wherever B > 0 even when B underflows
/// (ln B(10000, 1000) is about -14031); -infinity when traffic is 0 and servers > 0.
template <class RealE, class RealM, class Policy = default_policy>
detail::result_t<RealE, RealM> log_erlang_b(RealE traffic, RealM servers,
                                            const Policy& pol = Policy()) {
  return detail::forward<detail::log_erlang_b_imp>("erlang::log_erlang_b<%1%>(%1%, %1%)", pol,
                                                   traffic, servers);
}

}  // namespace erlang

#endif  // ERLANG_ERLANG_B_HPP
