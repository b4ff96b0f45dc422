// Whether measures meet staffing targets, written out from the definitions of the targets
// (README "Targets") rather than taken from erlang::meets, so that the solvers' answers are
// checked against the definitions; and the check that a solver's count is the least.
#ifndef ERLANG_TESTS_SUPPORT_TARGETS_HPP
#define ERLANG_TESTS_SUPPORT_TARGETS_HPP

#include <erlang/targets.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>

namespace erlang::test {

/// True when m meets every target set in t; P(every agent busy) is P(queued) + P(blocked).
template <class Measures>
bool meets_by_definition(const Measures& m, const erlang::staffing_targets<double>& t) {
  return (!t.max_blocking || m.blocking <= *t.max_blocking) &&
         (!t.service_level || m.service_level >= *t.service_level) &&
         (!t.max_asa || m.average_speed_of_answer <= *t.max_asa) &&
         (!t.max_wait_probability || m.wait_probability + m.blocking <= *t.max_wait_probability) &&
         (!t.max_occupancy || m.occupancy <= *t.max_occupancy) &&
         (!t.max_abandon || m.abandon_probability <= *t.max_abandon);
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
