// The measures types field by field: conversions between the evaluation type and the
// result type, and the error result of a failed argument check.
#ifndef ERLANG_DETAIL_MEASURES_HPP
#define ERLANG_DETAIL_MEASURES_HPP

#include <erlang/measures.hpp>

namespace erlang::detail {

/// f applied to every field of m.
template <class Real, class F>
auto map_measures(const queue_measures<Real>& m, F f) -> queue_measures<decltype(f(m.blocking))> {
  return {.blocking = f(m.blocking),
          .wait_probability = f(m.wait_probability),
          .abandon_probability = f(m.abandon_probability),
          .service_level = f(m.service_level),
          .average_speed_of_answer = f(m.average_speed_of_answer),
          .mean_wait = f(m.mean_wait),
          .mean_queue_length = f(m.mean_queue_length),
          .occupancy = f(m.occupancy)};
}

template <class Real, class F>
auto map_measures(const erlang_a_measures<Real>& m, F f)
    -> erlang_a_measures<decltype(f(m.blocking))> {
  return {.blocking = f(m.blocking),
          .wait_probability = f(m.wait_probability),
          .abandon_probability = f(m.abandon_probability),
          .service_level = f(m.service_level),
          .average_speed_of_answer = f(m.average_speed_of_answer),
          .mean_wait = f(m.mean_wait),
          .mean_queue_length = f(m.mean_queue_length),
          .occupancy = f(m.occupancy),
          .abandon_given_wait = f(m.abandon_given_wait),
          .wait_within = f(m.wait_within)};
}

/// Every measure set to v (the error result of a failed argument check).
template <template <class> class Measures = queue_measures, class Real>
Measures<Real> measures_filled_with(Real v) {
  return map_measures(Measures<Real>{}, [&v](const Real&) { return v; });
}

/// The measures of a queue that nobody enters: nobody waits, every call is answered at
/// once, no agent is busy.
template <class Real>
queue_measures<Real> no_traffic_measures() {
  return {.blocking = 0,
          .wait_probability = 0,
          .abandon_probability = 0,
          .service_level = 1,
          .average_speed_of_answer = 0,
          .mean_wait = 0,
          .mean_queue_length = 0,
          .occupancy = 0};
}

/// f(a.x, b.x) for every field x of two queue_measures.
template <class Real, class F>
queue_measures<Real> zip_measures(const queue_measures<Real>& a, const queue_measures<Real>& b,
                                  F f) {
  return {.blocking = f(a.blocking, b.blocking),
          .wait_probability = f(a.wait_probability, b.wait_probability),
          .abandon_probability = f(a.abandon_probability, b.abandon_probability),
          .service_level = f(a.service_level, b.service_level),
          .average_speed_of_answer = f(a.average_speed_of_answer, b.average_speed_of_answer),
          .mean_wait = f(a.mean_wait, b.mean_wait),
          .mean_queue_length = f(a.mean_queue_length, b.mean_queue_length),
          .occupancy = f(a.occupancy, b.occupancy)};
}

/// The queue_measures fields of Erlang A's measures (the first eight, the same in both).
template <class Real>
queue_measures<Real> queue_part(const erlang_a_measures<Real>& a) {
  return {.blocking = a.blocking,
          .wait_probability = a.wait_probability,
          .abandon_probability = a.abandon_probability,
          .service_level = a.service_level,
          .average_speed_of_answer = a.average_speed_of_answer,
          .mean_wait = a.mean_wait,
          .mean_queue_length = a.mean_queue_length,
          .occupancy = a.occupancy};
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_MEASURES_HPP
