#include "support/expect_error.hpp"

#include <erlang/offered_load.hpp>

#include <boost/math/policies/policy.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace {

using erlang::test::expect_error;

TEST(OfferedLoad, IsRateTimesHoldingTime) {
  // 100 calls in 30 minutes, 3 minutes each: 100/30 per minute * 3 minutes = 10 erlangs.
  EXPECT_DOUBLE_EQ(erlang::offered_load(100.0 / 30.0, 3.0), 10.0);
  // Same load in seconds: 100/1800 per second * 180 s.
  EXPECT_DOUBLE_EQ(erlang::offered_load(100.0 / 1800.0, 180.0), 10.0);
  EXPECT_EQ(erlang::offered_load(0, 5), 0.0);
  static_assert(std::is_same_v<decltype(erlang::offered_load(1, 2)), double>);
}

TEST(OfferedLoad, DomainErrorsNameTheArgument) {
  expect_error([] { return erlang::offered_load(-2.0, 3.0); },
               "Arrival rate must be finite and >= 0, got -2");
  expect_error([] { return erlang::offered_load(2.0, std::numeric_limits<double>::quiet_NaN()); },
               "Mean handling time");
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  EXPECT_TRUE(std::isnan(erlang::offered_load(-1.0, 1.0, nan_policy())));
}

}  // namespace
