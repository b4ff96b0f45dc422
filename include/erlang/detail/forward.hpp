// The shape of every public function, Boost.Math style: the public overload pair only
// forwards its arguments, converted to the evaluation type, to the model's imp (a function
// object in detail/<model>_imp.hpp that checks the arguments, applies the no-traffic and
// overload rules and computes), then narrows the result to the promoted argument type with
// checked_narrowing_cast under the caller's policy.
#ifndef ERLANG_DETAIL_FORWARD_HPP
#define ERLANG_DETAIL_FORWARD_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/measures.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/fpclassify.hpp>
#include <boost/math/tools/promotion.hpp>

namespace erlang::detail {

/// The result type of a public function of arguments Args: their promoted type.
template <class... Args>
using result_t = typename boost::math::tools::promote_args<Args...>::type;

/// A result in the evaluation type narrowed to Result. An infinity is an answer (the
/// overload rule's waits, an unbounded count) and passes unchanged; a finite value beyond
/// Result's range is the policy's overflow error, as in Boost.Math.
template <class Result, class Policy, class Value>
Result narrow(const Value& v, const char* function) {
  if ((boost::math::isinf)(v)) {
    return static_cast<Result>(v);
  }
  return boost::math::policies::checked_narrowing_cast<Result, Policy>(v, function);
}

/// Measures narrowed field by field.
template <class Result, class Policy, class Value>
queue_measures<Result> narrow(const queue_measures<Value>& m, const char* function) {
  return {.blocking = narrow<Result, Policy>(m.blocking, function),
          .wait_probability = narrow<Result, Policy>(m.wait_probability, function),
          .abandon_probability = narrow<Result, Policy>(m.abandon_probability, function),
          .service_level = narrow<Result, Policy>(m.service_level, function),
          .average_speed_of_answer = narrow<Result, Policy>(m.average_speed_of_answer, function),
          .mean_wait = narrow<Result, Policy>(m.mean_wait, function),
          .mean_queue_length = narrow<Result, Policy>(m.mean_queue_length, function),
          .occupancy = narrow<Result, Policy>(m.occupancy, function)};
}

/// Imp{}(function, args..., policy) with the arguments in the evaluation type of their
/// promoted type and the caller's policy without float or double promotion, narrowed back.
template <class Imp, class Policy, class... Args>
auto forward(const char* function, const Policy& /*pol*/, const Args&... args) {
  using result_type = result_t<Args...>;
  using value_type = evaluation_t<result_type>;
  using forwarding_policy = internal_policy_t<Policy>;
  return narrow<result_type, forwarding_policy>(
      Imp{}(function, static_cast<value_type>(args)..., forwarding_policy()), function);
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_FORWARD_HPP
