// Whether measures meet staffing targets, written out from the definitions of the targets
// (README "Targets") rather than taken from erlang::meets, so that the solvers' answers are
// checked against the definitions; and the check that a solver's count is the least.
#ifndef ERLANG_TESTS_SUPPORT_TARGETS_HPP
#define ERLANG_TESTS_SUPPORT_TARGETS_HPP

#include <erlang/targets.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace erlang::test {

/// True when m meets every target set in t; P(every agent busy) is P(queued) + P(blocked).
template <class Measures>
bool meets_by_definition(const Measures& m, const erlang::staffing_targets<double>& t) {
  // Each upper bound with the measure it bounds.
  const std::pair<std::optional<double>, double> upper[] = {
      {t.max_blocking, m.blocking},
      {t.max_asa, m.average_speed_of_answer},
      {t.max_wait_probability, m.wait_probability + m.blocking},
      {t.max_occupancy, m.occupancy},
      {t.max_abandon, m.abandon_probability}};
  for (const auto& [bound, value] : upper) {
    if (bound && !(value <= *bound)) {
      return false;
    }
  }
  return !t.service_level || m.service_level >= *t.service_level;
}

/// The kinds of target random_targets draws.
enum class target_kind { service_level, asa, wait_probability, occupancy, abandonment };

/// Case i of a random staffing test: for i modulo (kinds + 1) below the number of kinds,
/// that kind alone with a value drawn from a wide range (a service level in [0.5, 0.99]
/// within [0, 60] s, ASA in [1, 101] s, P(wait) in [0.01, 0.91], occupancy in [0.5, 1],
/// abandonment in [0.005, 0.205]); otherwise 80 % within 20 s together with every other
/// kind at a usual value (ASA 15 s, P(wait) 0.5, occupancy 0.85, abandonment 0.05).
template <class Rng>
erlang::staffing_targets<double> random_targets(Rng& rng, int i,
                                                const std::vector<target_kind>& kinds) {
  // Per kind, in the order of target_kind: the target, its usual value and the range
  // [lo, lo + width) it is drawn from alone.
  using targets = erlang::staffing_targets<double>;
  struct kind_values {
    std::optional<double> targets::*field;
    double usual;
    double lo;
    double width;
  };
  static const kind_values values[] = {{&targets::service_level, 0.8, 0.5, 0.49},
                                       {&targets::max_asa, 15, 1, 100},
                                       {&targets::max_wait_probability, 0.5, 0.01, 0.9},
                                       {&targets::max_occupancy, 0.85, 0.5, 0.5},
                                       {&targets::max_abandon, 0.05, 0.005, 0.2}};
  std::uniform_real_distribution<double> unit(0, 1);
  targets t;
  const auto n = static_cast<int>(kinds.size());
  const bool combined = i % (n + 1) == n;
  for (int k = 0; k < n; ++k) {
    if (!combined && k != i % (n + 1)) {
      continue;
    }
    const target_kind kind = kinds[static_cast<std::size_t>(k)];
    const kind_values& v = values[static_cast<std::size_t>(kind)];
    t.*v.field = combined ? v.usual : v.lo + v.width * unit(rng);
    if (kind == target_kind::service_level) {
      t.answer_time = combined ? 20 : 60 * unit(rng);
    }
  }
  if (combined && !t.service_level) {
    t.service_level = 0.8;
    t.answer_time = 20;
  }
  return t;
}

/// A solver's count c is a whole number that meets (meets(c)) while c - 1 does not; the
/// failure messages show the context values.
template <class Meets, class... Context>
void expect_least_count(Meets meets, double c, const Context&... context) {
  std::ostringstream out;
  ((out << context << ' '), ...);
  const std::string where = out.str() + "count " + std::to_string(c);
  ASSERT_EQ(c, std::floor(c)) << where;
  EXPECT_TRUE(meets(c)) << where;
  if (c > 1) {
    EXPECT_FALSE(meets(c - 1)) << where;
  }
}

}  // namespace erlang::test

#endif  // ERLANG_TESTS_SUPPORT_TARGETS_HPP
