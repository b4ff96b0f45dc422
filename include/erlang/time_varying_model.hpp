// The model and results of a time-varying day (see time_varying.hpp): the parameters of
// the day and the performance of its intervals. Times in one unit chosen by the caller.
#ifndef ERLANG_TIME_VARYING_MODEL_HPP
#define ERLANG_TIME_VARYING_MODEL_HPP

#include <cstddef>
#include <limits>
#include <optional>
#include <vector>

namespace erlang {

/// The model of a day. Times in one unit chosen by the caller.
template <class Real = double>
struct day_parameters {
  Real interval_length = 0;                                    ///< length of every interval, > 0
  Real mean_handling_time = 0;                                 ///< h > 0
  Real mean_patience = std::numeric_limits<Real>::infinity();  ///< > 0; +inf: nobody abandons
  std::optional<Real> waiting_places{};  ///< waiting places N (a whole number); unset: no limit
  Real answer_time = 0;                  ///< the service level's answer time, >= 0
  Real tolerance = Real(1e-12);  ///< bound on the probability mass left out over the day, (0, 1)
};

/// The performance of one interval (see the file comment for the definitions).
template <class Real>
struct interval_performance {
  Real wait_probability;         ///< P(queued on arrival)
  Real blocking;                 ///< P(system full on arrival)
  Real abandon_probability;      ///< P(queued, then abandons)
  Real service_level;            ///< P(answered within answer_time), over all arrivals
  Real average_speed_of_answer;  ///< mean wait of the answered calls
  Real mean_queue_length;        ///< time average of the calls waiting
  Real occupancy;                ///< time average of busy agents / agents
  Real mean_in_system_at_end;    ///< mean calls present at the interval's end
  Real mean_queue_at_end;        ///< mean calls waiting at the interval's end
  Real truncation_mass;          ///< bound on the mass left out within this interval
};

/// One interval evaluated from a start distribution.
template <class Real>
struct interval_evaluation {
  interval_performance<Real> performance;
  std::vector<Real> distribution;  ///< P(k calls present) at the interval's end, k = 0, 1, ...
  Real truncation_mass;  ///< bound on the mass missing from `distribution` (start deficit included)
};

/// A day evaluated.
template <class Real>
struct day_evaluation {
  std::vector<interval_performance<Real>> intervals;
  std::vector<Real> final_distribution;  ///< P(k calls present) at the day's end
  Real truncation_mass;  ///< bound on the mass missing at the day's end (start deficit included)
  std::size_t largest_state;  ///< the largest state the window reached (state space used)
};

/// The modified offered loads of a day: per interval the time average of m(t) over it and
/// its value at the interval's end, in erlangs.
template <class Real>
struct offered_load_path {
  std::vector<Real> average;
  std::vector<Real> end;
};

}  // namespace erlang

#endif  // ERLANG_TIME_VARYING_MODEL_HPP
