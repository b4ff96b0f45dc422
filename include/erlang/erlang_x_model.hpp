// The inputs and results of Erlang X (erlang_x.hpp): the model beyond traffic, agents and
// handling time, the service-level definitions, and the measures.
#ifndef ERLANG_ERLANG_X_MODEL_HPP
#define ERLANG_ERLANG_X_MODEL_HPP

#include <limits>

namespace erlang {

/// Which service level the `service_level` field of erlang_x_measures holds (and staffing
/// targets judge).
enum class service_level_definition {
  offered,                         ///< answered within t / all calls
  answered,                        ///< answered within t / answered calls
  offered_without_short_abandons,  ///< answered within t / (all - abandoned within t)
};

/// The model beyond traffic, agents and handling time. Defaults: an unlimited queue, no
/// abandonment, no redials, a known forecast.
template <class Real>
struct erlang_x_model {
  Real waiting_places = std::numeric_limits<Real>::infinity();  ///< whole number or +inf
  Real mean_patience = std::numeric_limits<Real>::infinity();   ///< > 0 or +inf
  Real redial_after_abandon = 0;                                ///< probability in [0, 1)
  Real redial_after_blocking = 0;                               ///< probability in [0, 1)
  Real mean_redial_delay = 0;                                   ///< >= 0, time unit
  Real traffic_variance = 0;  ///< variance of the fresh traffic, erlangs^2 (>= 0)
  service_level_definition definition = service_level_definition::offered;
};

/// The measures of Erlang X: those of queue_measures (service_level by the model's
/// definition), every service level definition, and the redials.
template <class Real>
struct erlang_x_measures {
  Real blocking;                 ///< P(an attempt finds every line taken)
  Real wait_probability;         ///< P(an attempt is queued)
  Real abandon_probability;      ///< P(an attempt is queued, then abandoned)
  Real service_level;            ///< by the model's definition
  Real average_speed_of_answer;  ///< mean wait of answered attempts
  Real mean_wait;                ///< mean wait over all attempts
  Real mean_queue_length;        ///< mean number waiting
  Real occupancy;  ///< carried traffic per agent: the share of time one is busy, in [0, 1]
  Real service_level_of_offered;
  Real service_level_of_answered;
  Real service_level_without_short_abandons;
  Real abandon_within_answer_time;  ///< P(an attempt abandons within the answer time)
  Real redial_rate;                 ///< redials per time unit
  Real total_traffic;               ///< fresh traffic plus redials, erlangs
  Real callers_between_attempts;    ///< redial_rate * mean_redial_delay
};

}  // namespace erlang

#endif  // ERLANG_ERLANG_X_MODEL_HPP
