// The shape of every public function, Boost.Math style: the public function (one template
// whose last argument is the policy, defaulted to default_policy) only forwards its arguments,
// converted to the evaluation type, to the model's imp (a function object in detail/<model>_imp.hpp
// that checks the arguments, applies the no-traffic and overload rules and computes), then narrows
// the result to the promoted argument type with checked_narrowing_cast under the caller's policy.
#ifndef ERLANG_DETAIL_FORWARD_HPP
#define ERLANG_DETAIL_FORWARD_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/erlang_x_model.hpp>
#include <erlang/gg_c_model.hpp>
#include <erlang/measures.hpp>
#include <erlang/targets.hpp>
#include <erlang/time_varying_model.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/fpclassify.hpp>
#include <boost/math/tools/promotion.hpp>

#include <type_traits>
#include <utility>
#include <vector>

namespace erlang::detail {

/// The number type an argument brings to the result type: a set of targets, an Erlang X
/// model or a list of numbers their own, an option (an enumeration) none (float, which
/// every other type absorbs).
template <class T>
struct number_of {
  using type = std::conditional_t<std::is_enum_v<T>, float, T>;
};

template <class Real>
struct number_of<staffing_targets<Real>> {
  using type = Real;
};

template <class Real>
struct number_of<erlang_x_model<Real>> {
  using type = Real;
};

template <class Real>
struct number_of<pool_targets<Real>> {
  using type = Real;
};

template <class Real>
struct number_of<std::vector<Real>> {
  using type = Real;
};

/// The result type of a public function of arguments Args: their promoted number type.
template <class... Args>
using result_t = typename boost::math::tools::promote_args<typename number_of<Args>::type...>::type;

/// A result in the evaluation type narrowed to Result. An infinity is an answer (the
/// overload rule's waits, an unbounded count) and passes unchanged; a finite value beyond
/// Result's range is the policy's overflow error, as in Boost.Math.
template <class Result, class Policy, class Value>
requires(!measures_type<Value>) Result narrow(const Value& v, const char* function) {
  if ((boost::math::isinf)(v)) {
    return static_cast<Result>(v);
  }
  return boost::math::policies::checked_narrowing_cast<Result, Policy>(v, function);
}

/// Measures narrowed field by field.
template <class Result, class Policy, measures_type Measures>
auto narrow(const Measures& m, const char* function) {
  return map_measures([function](const auto& v) { return narrow<Result, Policy>(v, function); }, m);
}

/// A list of results narrowed one by one (moved when no narrowing is needed).
template <class Result, class Policy, class Value>
std::vector<Result> narrow(std::vector<Value> v, const char* function) {
  if constexpr (std::is_same_v<Result, Value>) {
    return v;
  } else {
    std::vector<Result> out;
    out.reserve(v.size());
    for (const Value& x : v) {
      out.push_back(narrow<Result, Policy>(x, function));
    }
    return out;
  }
}

/// The modified offered loads of a day, both lists narrowed.
template <class Result, class Policy, class Value>
offered_load_path<Result> narrow(offered_load_path<Value> p, const char* function) {
  return {narrow<Result, Policy>(std::move(p.average), function),
          narrow<Result, Policy>(std::move(p.end), function)};
}

/// An argument in the evaluation type; an option (an enumeration) as it is.
template <class Value, class Arg>
auto to_evaluation(const Arg& x) {
  if constexpr (std::is_enum_v<Arg>) {
    return x;
  } else {
    return static_cast<Value>(x);
  }
}

/// Targets in the evaluation type.
template <class Value, class Real>
staffing_targets<Value> to_evaluation(const staffing_targets<Real>& t) {
  return targets_cast<Value>(t);
}

/// A pool's targets in the evaluation type.
template <class Value, class Real>
pool_targets<Value> to_evaluation(const pool_targets<Real>& t) {
  const auto conv = [](const std::optional<Real>& v) {
    return v ? std::optional<Value>(static_cast<Value>(*v)) : std::nullopt;
  };
  return {.response_fraction = conv(t.response_fraction),
          .response_time = static_cast<Value>(t.response_time),
          .wait_fraction = conv(t.wait_fraction),
          .wait_time = static_cast<Value>(t.wait_time),
          .max_mean_response = conv(t.max_mean_response),
          .max_utilization = conv(t.max_utilization)};
}

/// An Erlang X model in the evaluation type.
template <class Value, class Real>
erlang_x_model<Value> to_evaluation(const erlang_x_model<Real>& m) {
  return {.waiting_places = static_cast<Value>(m.waiting_places),
          .mean_patience = static_cast<Value>(m.mean_patience),
          .redial_after_abandon = static_cast<Value>(m.redial_after_abandon),
          .redial_after_blocking = static_cast<Value>(m.redial_after_blocking),
          .mean_redial_delay = static_cast<Value>(m.mean_redial_delay),
          .traffic_variance = static_cast<Value>(m.traffic_variance),
          .definition = m.definition};
}

/// A list of numbers in the evaluation type: the list itself when it has that type.
template <class Value, class Real>
decltype(auto) to_evaluation(const std::vector<Real>& v) {
  if constexpr (std::is_same_v<Value, Real>) {
    return (v);
  } else {
    return std::vector<Value>(v.begin(), v.end());
  }
}

/// Imp{}(function, args..., policy) with the arguments in the evaluation type of their
/// result type and the caller's policy without float or double promotion, narrowed to the
/// result type.
template <class Imp, class Policy, class... Args>
auto forward(const char* function, const Policy& /*pol*/, const Args&... args) {
  using result_type = result_t<Args...>;
  using value_type = evaluation_t<result_type>;
  using forwarding_policy = internal_policy_t<Policy>;
  return narrow<result_type, forwarding_policy>(
      Imp{}(function, to_evaluation<value_type>(args)..., forwarding_policy()), function);
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_FORWARD_HPP
