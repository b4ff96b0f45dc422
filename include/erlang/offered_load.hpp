// Offered traffic in erlangs: E = lambda h, the mean number of busy servers an unlimited
// system would have (Little's law). Some texts call this quantity "Erlang-A"; this library
// keeps that name for the M/M/n+M model with abandonment (erlang_a.hpp).
#ifndef ERLANG_OFFERED_LOAD_HPP
#define ERLANG_OFFERED_LOAD_HPP

#include <erlang/detail/forward.hpp>
#include <erlang/detail/offered_load_imp.hpp>

namespace erlang {

/// Offered traffic E = arrival_rate * mean_handling_time, in erlangs. Both arguments use
/// the caller's time unit (calls per second and seconds, or per hour and hours, ...).
/// Domain error: a negative, NaN or infinite argument.
template <class RealL, class RealH, class Policy = default_policy>
detail::result_t<RealL, RealH> offered_load(RealL arrival_rate, RealH mean_handling_time,
                                            const Policy& pol = Policy()) {
  return detail::forward<detail::offered_load_imp>("erlang::offered_load<%1%>(%1%, %1%)", pol,
                                                   arrival_rate, mean_handling_time);
}

}  // namespace erlang

#endif  // ERLANG_OFFERED_LOAD_HPP
