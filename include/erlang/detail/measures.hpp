// Conversions of the measures types between the evaluation type and the result type.
#ifndef ERLANG_DETAIL_MEASURES_HPP
#define ERLANG_DETAIL_MEASURES_HPP

#include <erlang/measures.hpp>

namespace erlang::detail {

/// Every measure set to v (the error result of a failed argument check).
template <class Real>
queue_measures<Real> measures_filled_with(Real v) {
  return {.blocking = v,
          .wait_probability = v,
          .abandon_probability = v,
          .service_level = v,
          .average_speed_of_answer = v,
          .mean_wait = v,
          .mean_queue_length = v,
          .occupancy = v};
}

template <class To, class From>
queue_measures<To> measures_cast(const queue_measures<From>& m) {
  return {.blocking = static_cast<To>(m.blocking),
          .wait_probability = static_cast<To>(m.wait_probability),
          .abandon_probability = static_cast<To>(m.abandon_probability),
          .service_level = static_cast<To>(m.service_level),
          .average_speed_of_answer = static_cast<To>(m.average_speed_of_answer),
          .mean_wait = static_cast<To>(m.mean_wait),
          .mean_queue_length = static_cast<To>(m.mean_queue_length),
          .occupancy = static_cast<To>(m.occupancy)};
}

template <class To, class From>
erlang_a_measures<To> measures_cast(const erlang_a_measures<From>& m) {
  return {.blocking = static_cast<To>(m.blocking),
          .wait_probability = static_cast<To>(m.wait_probability),
          .abandon_probability = static_cast<To>(m.abandon_probability),
          .service_level = static_cast<To>(m.service_level),
          .average_speed_of_answer = static_cast<To>(m.average_speed_of_answer),
          .mean_wait = static_cast<To>(m.mean_wait),
          .mean_queue_length = static_cast<To>(m.mean_queue_length),
          .occupancy = static_cast<To>(m.occupancy),
          .abandon_given_wait = static_cast<To>(m.abandon_given_wait),
          .wait_within = static_cast<To>(m.wait_within)};
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_MEASURES_HPP
