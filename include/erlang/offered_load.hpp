// Offered traffic in erlangs: E = lambda h, the mean number of busy servers an unlimited
// system would have (Little's law). Some texts call this quantity "Erlang-A"; this library
// keeps that name for the M/M/n+M model with abandonment (erlang_a.hpp).
#ifndef ERLANG_OFFERED_LOAD_HPP
#define ERLANG_OFFERED_LOAD_HPP

#include <erlang/detail/checks.hpp>

namespace erlang {

/// Offered traffic E = arrival_rate * mean_holding_time, in erlangs. Both arguments use
/// the caller's time unit (calls per second and seconds, or per hour and hours, ...).
/// Domain error: a negative, NaN or infinite argument.
template <class RealL, class RealH, class Policy>
typename boost::math::tools::promote_args<RealL, RealH>::type offered_load(RealL arrival_rate,
                                                                           RealH mean_holding_time,
                                                                           const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealL, RealH>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::offered_load<%1%>(%1%, %1%)";
  const value_type rate = arrival_rate;
  const value_type h = mean_holding_time;
  value_type err = 0;
  if (!detail::check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.", rate,
                                  err, pol) ||
      !detail::check_non_negative(function, "Mean holding time must be finite and >= 0, got %1%.",
                                  h, err, pol)) {
    return static_cast<result_type>(err);
  }
  return static_cast<result_type>(rate * h);
}

template <class RealL, class RealH>
typename boost::math::tools::promote_args<RealL, RealH>::type offered_load(
    RealL arrival_rate, RealH mean_holding_time) {
  return offered_load(arrival_rate, mean_holding_time, default_policy());
}

}  // namespace erlang

#endif  // ERLANG_OFFERED_LOAD_HPP
