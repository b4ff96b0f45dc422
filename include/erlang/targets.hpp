// Staffing targets: what a staffing search must reach. One struct for every model; each
// model honours a subset of the targets (Erlang C has no abandonment and no blocking,
// Erlang A no blocking, M/M/c/K no abandonment, M/M/c/K+M every target), and its solvers
// reject, by name, a target it cannot honour, as well as a request with no target at all
// (see detail/targets.hpp).
#ifndef ERLANG_TARGETS_HPP
#define ERLANG_TARGETS_HPP

#include <optional>

namespace erlang {

/// Targets for a staffing search. Every target that is set must hold; unset targets are
/// not asked for. Times are in the caller's unit, the same as the mean handling time.
/// Fill it with designated initialisers: `{.service_level = 0.8, .answer_time = 20}`.
template <class Real = double>
struct staffing_targets {
  std::optional<Real> service_level{};         ///< fraction answered within answer_time, in (0, 1)
  Real answer_time = 0;                        ///< the service level's answer time, >= 0
  std::optional<Real> max_asa{};               ///< average speed of answer, > 0
  std::optional<Real> max_wait_probability{};  ///< P(wait), in (0, 1]
  std::optional<Real> max_occupancy{};         ///< agent occupancy, in (0, 1]
  std::optional<Real> max_abandon{};           ///< P(abandon), in (0, 1): models with patience
  std::optional<Real> max_blocking{};  ///< P(blocked), in (0, 1): models with a finite queue
};

}  // namespace erlang

#endif  // ERLANG_TARGETS_HPP
