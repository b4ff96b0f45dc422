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

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_b_imp.hpp>

namespace erlang {
namespace detail {

/// Checks (traffic, servers) for a function of Erlang B; on failure stores the policy's
/// error result in `err` and returns false.
template <class Real, class Policy>
bool check_traffic_servers(const char* function, const Real& traffic, const Real& servers,
                           Real& err, const Policy& pol) {
  return check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", traffic, err,
                            pol) &&
         check_non_negative(function, "Servers must be finite and >= 0, got %1%.", servers, err,
                            pol);
}

}  // namespace detail

/// Blocking probability B(traffic, servers) of the Erlang loss system, in [0, 1].
/// traffic: offered load in erlangs (>= 0); servers: number of circuits (real, >= 0).
/// B(E, 0) = 1; B(0, m) = 0 for m > 0. Results below the smallest double underflow to
/// 0: use log_erlang_b there. Domain error: negative, NaN or infinite arguments.
template <class RealE, class RealM, class Policy>
typename boost::math::tools::promote_args<RealE, RealM>::type erlang_b(RealE traffic, RealM servers,
                                                                       const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::erlang_b<%1%>(%1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  value_type err = 0;
  if (!detail::check_traffic_servers(function, e, x, err, pol)) {
    return static_cast<result_type>(err);
  }
  const auto ib = detail::inverse_blocking_of(x, e, detail::internal_policy_t<Policy>());
  return static_cast<result_type>(detail::blocking_from(ib));
}

template <class RealE, class RealM>
typename boost::math::tools::promote_args<RealE, RealM>::type erlang_b(RealE traffic,
                                                                       RealM servers) {
  return erlang_b(traffic, servers, default_policy());
}

/// ln B(traffic, servers), finite wherever B > 0 even when B underflows
/// (ln B(10000, 1000) is about -14031); -infinity when traffic is 0 and servers > 0.
template <class RealE, class RealM, class Policy>
typename boost::math::tools::promote_args<RealE, RealM>::type log_erlang_b(RealE traffic,
                                                                           RealM servers,
                                                                           const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::log_erlang_b<%1%>(%1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  value_type err = 0;
  if (!detail::check_traffic_servers(function, e, x, err, pol)) {
    return static_cast<result_type>(err);
  }
  const auto ib = detail::inverse_blocking_of(x, e, detail::internal_policy_t<Policy>());
  return static_cast<result_type>(-ib.log_inverse);
}

template <class RealE, class RealM>
typename boost::math::tools::promote_args<RealE, RealM>::type log_erlang_b(RealE traffic,
                                                                           RealM servers) {
  return log_erlang_b(traffic, servers, default_policy());
}

}  // namespace erlang

#endif  // ERLANG_ERLANG_B_HPP
