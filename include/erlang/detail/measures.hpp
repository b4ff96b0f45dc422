// The measures types field by field: conversions between the evaluation type and the
// result type, and the error result of a failed argument check. Each type's fields are
// listed once (measure_fields); every conversion walks that list.
#ifndef ERLANG_DETAIL_MEASURES_HPP
#define ERLANG_DETAIL_MEASURES_HPP

#include <erlang/erlang_x_model.hpp>
#include <erlang/measures.hpp>

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace erlang::detail {

/// The eight fields every measures type starts with, those of queue_measures, in order.
template <class Measures>
constexpr auto queue_fields_of() {
  using M = Measures;
  return std::make_tuple(&M::blocking, &M::wait_probability, &M::abandon_probability,
                         &M::service_level, &M::average_speed_of_answer, &M::mean_wait,
                         &M::mean_queue_length, &M::occupancy);
}

/// The fields of a measures type, as pointers to members, in declaration order.
template <class Measures>
struct measure_fields;

template <class Real>
struct measure_fields<queue_measures<Real>> {
  static constexpr auto list = queue_fields_of<queue_measures<Real>>();
};

template <class Real>
struct measure_fields<erlang_a_measures<Real>> {
  using M = erlang_a_measures<Real>;
  static constexpr auto list = std::tuple_cat(
      queue_fields_of<M>(), std::make_tuple(&M::abandon_given_wait, &M::wait_within));
};

template <class Real>
struct measure_fields<erlang_x_measures<Real>> {
  using M = erlang_x_measures<Real>;
  static constexpr auto list = std::tuple_cat(
      queue_fields_of<M>(),
      std::make_tuple(&M::service_level_of_offered, &M::service_level_of_answered,
                      &M::service_level_without_short_abandons, &M::abandon_within_answer_time,
                      &M::redial_rate, &M::total_traffic, &M::callers_between_attempts));
};

/// A type whose fields measure_fields lists.
template <class T>
concept measures_type = requires {
  measure_fields<T>::list;
};

template <class Measures>
constexpr std::size_t field_count = std::tuple_size_v<decltype(measure_fields<Measures>::list)>;

/// The measures type M of another number type.
template <class M, class Real>
struct rebind_measures;

template <template <class> class M, class From, class Real>
struct rebind_measures<M<From>, Real> {
  using type = M<Real>;
};

/// f applied to every field of the measures ms... (all of one type), field by field, into
/// the same measures type of f's result type.
template <class F, measures_type Measures, class... More>
auto map_measures(F f, const Measures& m, const More&... more) {
  using value_type = std::decay_t<decltype(f(m.blocking, more.blocking...))>;
  using result_type = typename rebind_measures<Measures, value_type>::type;
  constexpr auto from = measure_fields<Measures>::list;
  constexpr auto to = measure_fields<result_type>::list;
  result_type out{};
  const auto field = [&]<std::size_t I>(std::integral_constant<std::size_t, I>) {
    out.*std::get<I>(to) = f(m.*std::get<I>(from), more.*std::get<I>(from)...);
  };
  const auto fields = [&]<std::size_t... I>(std::index_sequence<I...>) {
    (field(std::integral_constant<std::size_t, I>()), ...);
  };
  fields(std::make_index_sequence<field_count<Measures>>());
  return out;
}

/// Measures of type M<Real> with every field v (the error result of a failed check).
template <template <class> class Measures = queue_measures, class Real>
Measures<Real> measures_filled_with(Real v) {
  return map_measures([&v](const Real&) { return v; }, Measures<Real>{});
}

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

/// Measures of type To whose queue_measures fields are those of m, the others zero.
template <class To, class From>
To with_queue_fields(const From& m) {
  constexpr auto to = queue_fields_of<To>();
  constexpr auto from = queue_fields_of<From>();
  To out{};
  const auto fields = [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((out.*std::get<I>(to) = m.*std::get<I>(from)), ...);
  };
  fields(std::make_index_sequence<std::tuple_size_v<decltype(to)>>());
  return out;
}

/// The queue_measures fields of Erlang A's (or Erlang X's) measures.
template <template <class> class Measures, class Real>
queue_measures<Real> queue_part(const Measures<Real>& a) {
  return with_queue_fields<queue_measures<Real>>(a);
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_MEASURES_HPP
