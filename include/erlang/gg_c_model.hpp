// The targets of a server pool sized by its response times (pool_servers_for_targets and
// pool_traffic_for_targets in gg_c.hpp).
#ifndef ERLANG_GG_C_MODEL_HPP
#define ERLANG_GG_C_MODEL_HPP

#include <optional>

namespace erlang {

/// What a pool of servers must achieve; every target set must hold, unset ones are not
/// asked for. Times in the unit of the mean service time. Fill it with designated
/// initialisers: `{.response_fraction = 0.99, .response_time = 0.25}` is "p99 <= 250 ms".
template <class Real = double>
struct pool_targets {
  std::optional<Real> response_fraction{};  ///< P(T <= response_time) at least this, in (0, 1)
  Real response_time = 0;                   ///< > 0 with response_fraction
  std::optional<Real> wait_fraction{};      ///< P(W <= wait_time) at least this, in (0, 1)
  Real wait_time = 0;                       ///< >= 0 with wait_fraction
  std::optional<Real> max_mean_response{};  ///< E[T] at most this (> the mean service time)
  std::optional<Real> max_utilization{};    ///< traffic / servers at most this, in (0, 1]
};

}  // namespace erlang

#endif  // ERLANG_GG_C_MODEL_HPP
