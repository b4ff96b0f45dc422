// The one check of staffing targets shared by every solver that takes them: each target's
// range, the targets the model can honour (a target it cannot is rejected by name), and
// the request with no target at all. Same wording for every model and solver.
#ifndef ERLANG_DETAIL_TARGETS_HPP
#define ERLANG_DETAIL_TARGETS_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/targets.hpp>

#include <boost/math/policies/error_handling.hpp>

#include <array>
#include <optional>
#include <string>

namespace erlang::detail {

/// One bit per target of staffing_targets.
enum target_bit : unsigned {
  service_level_target = 1U << 0U,
  asa_target = 1U << 1U,
  wait_probability_target = 1U << 2U,
  occupancy_target = 1U << 3U,
  abandonment_target = 1U << 4U,
  blocking_target = 1U << 5U,
};

/// The targets a model can honour, with the model's name for the error messages.
struct target_support {
  const char* model;
  unsigned targets;
};

inline constexpr unsigned queue_targets =
    service_level_target | asa_target | wait_probability_target | occupancy_target;
inline constexpr target_support erlang_c_support{"Erlang C", queue_targets};
inline constexpr target_support erlang_a_support{"Erlang A", queue_targets | abandonment_target};
inline constexpr target_support finite_queue_support{"M/M/c/K", queue_targets | blocking_target};
inline constexpr target_support finite_queue_abandonment_support{
    "M/M/c/K+M", queue_targets | abandonment_target | blocking_target};

/// The targets converted to the evaluation type.
template <class To, class From>
staffing_targets<To> targets_cast(const staffing_targets<From>& t) {
  const auto conv = [](const std::optional<From>& v) {
    return v ? std::optional<To>(static_cast<To>(*v)) : std::nullopt;
  };
  return {.service_level = conv(t.service_level),
          .answer_time = static_cast<To>(t.answer_time),
          .max_asa = conv(t.max_asa),
          .max_wait_probability = conv(t.max_wait_probability),
          .max_occupancy = conv(t.max_occupancy),
          .max_abandon = conv(t.max_abandon),
          .max_blocking = conv(t.max_blocking)};
}

/// A target's name in messages, with its bit.
struct target_name {
  unsigned bit;
  const char* name;
};

inline constexpr std::array<target_name, 6> target_names{
    {{service_level_target, "service level"},
     {asa_target, "ASA"},
     {wait_probability_target, "wait probability"},
     {occupancy_target, "occupancy"},
     {abandonment_target, "abandonment"},
     {blocking_target, "blocking"}}};

/// "service level, ASA, wait probability and occupancy": the targets in `bits`.
inline std::string target_list(unsigned bits) {
  std::string out;
  unsigned left = bits;
  for (const auto& n : target_names) {
    if ((bits & n.bit) == 0) {
      continue;
    }
    left &= ~n.bit;
    if (!out.empty()) {
      out += left == 0 ? " and " : ", ";
    }
    out += n.name;
  }
  return out;
}

/// The bits of the targets set in t.
template <class Real>
unsigned targets_set(const staffing_targets<Real>& t) {
  return (t.service_level ? service_level_target : 0U) | (t.max_asa ? asa_target : 0U) |
         (t.max_wait_probability ? wait_probability_target : 0U) |
         (t.max_occupancy ? occupancy_target : 0U) | (t.max_abandon ? abandonment_target : 0U) |
         (t.max_blocking ? blocking_target : 0U);
}

/// True when every target set in t lies in its range and the model honours it, and at
/// least one is set. Otherwise raises the policy's domain error and returns false:
///   "<model> has no <target>: the <target> target cannot be honoured, got <value>."
///   "No staffing target is set (<model> honours <targets> targets): 0."
///   "<Target> target must be in (0, 1), got <value>." (and the like for each range)
template <class Real, class Policy>
bool check_targets(const char* function, const staffing_targets<Real>& t,
                   const target_support& supported, Real& err, const Policy& pol) {
  // The targets the model cannot honour, first: their value need not be in range.
  const std::array<const std::optional<Real>*, 6> values{&t.service_level,        &t.max_asa,
                                                         &t.max_wait_probability, &t.max_occupancy,
                                                         &t.max_abandon,          &t.max_blocking};
  for (std::size_t i = 0; i < values.size(); ++i) {
    const unsigned bit = target_names[i].bit;
    if (*values[i] && (supported.targets & bit) == 0) {
      const std::string what = target_names[i].name;
      std::string message(supported.model);
      message.append(" has no ").append(what).append(": the ").append(what);
      message.append(" target cannot be honoured, got %1%.");
      err = boost::math::policies::raise_domain_error<Real>(function, message.c_str(), **values[i],
                                                            pol);
      return false;
    }
  }
  // Each target that is set lies in its range.
  const auto unset_or = [&](const std::optional<Real>& target, const auto& check,
                            const char* what) {
    return !target || check(function, what, *target, err, pol);
  };
  if (!unset_or(t.service_level, check_open_probability,
                "Service level target must be in (0, 1), got %1%.") ||
      !check_answer_time(function, t.answer_time, err, pol) ||
      !unset_or(t.max_asa, check_positive, "ASA target must be finite and > 0, got %1%.") ||
      !unset_or(t.max_wait_probability, check_positive_probability,
                "Wait probability target must be in (0, 1], got %1%.") ||
      !unset_or(t.max_occupancy, check_positive_probability,
                "Occupancy target must be in (0, 1], got %1%.") ||
      !unset_or(t.max_abandon, check_open_probability,
                "Abandonment target must be in (0, 1), got %1%.") ||
      !unset_or(t.max_blocking, check_open_probability,
                "Blocking target must be in (0, 1), got %1%.")) {
    return false;
  }
  if (targets_set(t) == 0) {
    const std::string message = "No staffing target is set (" + std::string(supported.model) +
                                " honours " + target_list(supported.targets) + " targets): %1%.";
    return check_that(false, function, message.c_str(), Real(0), err, pol);
  }
  return true;
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_TARGETS_HPP
