#include "model_references.hpp"
#include "reference.hpp"
#include "support/expect_error.hpp"

#include <erlang/erlang_b.hpp>
#include <erlang/extended_erlang_b.hpp>

#include <boost/math/policies/policy.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>

namespace {

using namespace erlang::test;

/// The least double at or above x.
double least_double_at_or_above(const mp& x) {
  const auto d = static_cast<double>(x);
  return mp(d) < x ? std::nextafter(d, std::numeric_limits<double>::infinity()) : d;
}

TEST(ExtendedErlangB, WestbayPublishedExamples) {
  // 1500 erlangs offered to 1000 lines, 20 % of blocked calls retried: blocking 0.386.
  EXPECT_NEAR(erlang::extended_erlang_b(1500.0, 1000.0, 0.2), 0.386, 5e-4);
  // 100 erlangs, 2.5 % blocking target, 50 % retries: 113 lines.
  EXPECT_EQ(erlang::extended_erlang_b_servers_for_blocking(100.0, 0.5, 0.025), 113.0);
}

TEST(ExtendedErlangB, MatchesFixedPointInHighPrecision) {
  double worst_b = 0;
  double worst_e = 0;
  double worst_b_scaled = 0;  // error / condition number
  double worst_e_scaled = 0;
  int points = 0;
  for (double e0 : {0.5, 3.0, 20.0, 100.0, 1500.0}) {
    for (double m : {1.0, 2.0, 5.0, 17.0, 99.0, 113.0, 140.0, 1000.0, 7.5, 1234.25}) {
      for (double r : {0.0, 0.05, 0.2, 0.5, 0.9, 0.99, 1.0}) {
        if (r == 1 && e0 >= m) {
          continue;  // no fixed point
        }
        if (m > 150 && e0 < 20) {
          continue;  // blocking below 1e-100: nothing to test beyond erlang_b
        }
        const mp e_ref = reference_fixed_point(e0, m, r);
        const mp b_ref = reference_b(e_ref, m);
        if (b_ref < mp("1e-300")) {
          continue;  // underflows in double
        }
        const double err_e =
            relative_error(erlang::extended_erlang_b_offered_traffic(e0, m, r), e_ref);
        const double err_b = relative_error(erlang::extended_erlang_b(e0, m, r), b_ref);
        // The fixed point amplifies rounding by 1 / (1 - r B (1 + m - E + E B)) <= 1 / (1 - r).
        const double slope =
            static_cast<double>(1 - mp(r) * b_ref * (1 + mp(m) - e_ref + e_ref * b_ref));
        const double cond = std::max(1.0, static_cast<double>(mp(m) - e_ref * (1 - b_ref))) / slope;
        EXPECT_LE(err_e, 5e-15 / slope) << e0 << ' ' << m << ' ' << r;
        EXPECT_LE(err_b, 2e-14 * cond) << e0 << ' ' << m << ' ' << r;
        worst_e = std::max(worst_e, err_e);
        worst_b = std::max(worst_b, err_b);
        worst_e_scaled = std::max(worst_e_scaled, err_e * slope);
        worst_b_scaled = std::max(worst_b_scaled, err_b / cond);
        ++points;
      }
    }
  }
  std::printf(
      "extended_erlang_b over %d points: worst relative error blocking %.3g "
      "(%.3g x condition number), offered traffic %.3g (%.3g x condition number)\n",
      points, worst_b, worst_b_scaled, worst_e, worst_e_scaled);
}

TEST(ExtendedErlangB, NearSaturationWithFullRecall) {
  // r = 1, E0 just below m: the offered traffic grows like 1 / (m - E0) and B tends to 1.
  // The root is ill-conditioned by cond = dE/dE0 * E0 / E; the error stays within a few
  // eps times that.
  double worst = 0;
  for (double m : {1.0, 10.0, 100.0}) {
    for (double gap : {1e-3, 1e-6, 1e-9}) {
      const double e0 = m * (1 - gap);
      const mp e_ref = reference_fixed_point(e0, m, 1.0);
      const mp b_ref = reference_b(e_ref, m);
      const mp carried = e_ref * (1 - b_ref);
      const mp slope = (1 - b_ref) - b_ref * (mp(m) - carried);  // d carried / dE
      const double cond = static_cast<double>(mp(e0) / (e_ref * slope));
      const double err =
          relative_error(erlang::extended_erlang_b_offered_traffic(e0, m, 1.0), e_ref);
      EXPECT_LE(err, 8e-16 * cond) << m << ' ' << gap;
      EXPECT_LE(relative_error(erlang::extended_erlang_b(e0, m, 1.0), b_ref), 5e-14)
          << m << ' ' << gap;
      worst = std::max(worst, err / cond);
    }
  }
  std::printf("extended_erlang_b near saturation: worst relative error %.3g x condition number\n",
              worst);
}

TEST(ExtendedErlangB, LimitsAndIdentities) {
  // No retries: plain Erlang B.
  EXPECT_EQ(erlang::extended_erlang_b(42.0, 50.0, 0.0), erlang::erlang_b(42.0, 50.0));
  // All blocked calls retried and E0 < m: the carried traffic E (1 - B) is E0.
  for (double m : {10.0, 200.0, 5000.0, 1e6}) {
    for (double rho : {0.3, 0.9, 0.99}) {
      const double e0 = rho * m;
      const double e = erlang::extended_erlang_b_offered_traffic(e0, m, 1.0);
      const double b = erlang::extended_erlang_b(e0, m, 1.0);
      EXPECT_NEAR(e * (1 - b) / e0, 1.0, 1e-12) << m << ' ' << rho;
    }
  }
  // The fixed-point equation holds at every size (O(1) cost at a million servers).
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> log_m(0, std::log(1e7));
  std::uniform_real_distribution<double> load(0.5, 2.0);
  std::uniform_real_distribution<double> recall(0, 1);
  for (int i = 0; i < 300; ++i) {
    const double m = std::floor(std::exp(log_m(rng)));
    const double e0 = load(rng) * m;
    const double r = recall(rng);
    const double e = erlang::extended_erlang_b_offered_traffic(e0, m, r);
    const double b = erlang::erlang_b(e, m);
    EXPECT_NEAR((e0 + r * e * b) / e, 1.0, 1e-13) << e0 << ' ' << m << ' ' << r;
    EXPECT_EQ(erlang::extended_erlang_b(e0, m, r), b);
    EXPECT_GE(e, e0);
    EXPECT_GE(b, erlang::erlang_b(e0, m));
  }
  // No traffic.
  EXPECT_EQ(erlang::extended_erlang_b(0.0, 3.0, 1.0), 0.0);
  EXPECT_EQ(erlang::extended_erlang_b_servers_for_blocking(0.0, 0.5, 0.01), 0.0);
  EXPECT_EQ(erlang::extended_erlang_b_offered_traffic(0.0, 0.0, 1.0), 0.0);
  // No servers: every attempt blocked, E = E0 / (1 - r).
  EXPECT_NEAR(erlang::extended_erlang_b_offered_traffic(3.0, 0.0, 0.25), 4.0, 1e-15);
  EXPECT_EQ(erlang::extended_erlang_b(3.0, 0.0, 0.25), 1.0);
}

TEST(ExtendedErlangB, ServersForBlockingIsMinimal) {
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> log_e(std::log(0.05), std::log(1e5));
  std::uniform_real_distribution<double> log_target(std::log(1e-5), std::log(0.4));
  std::uniform_real_distribution<double> recall(0, 1);
  for (int i = 0; i < 300; ++i) {
    const double e0 = std::exp(log_e(rng));
    const double t = std::exp(log_target(rng));
    const double r = i % 10 == 0 ? 1.0 : recall(rng);
    const double m = erlang::extended_erlang_b_servers_for_blocking(e0, r, t);
    ASSERT_EQ(m, std::floor(m));
    EXPECT_LE(erlang::extended_erlang_b(e0, m, r), t) << e0 << ' ' << t << ' ' << r;
    if (m > 0 && (r < 1 || e0 < m - 1)) {
      EXPECT_GT(erlang::extended_erlang_b(e0, m - 1, r), t) << e0 << ' ' << t << ' ' << r;
    }
    EXPECT_GE(m, erlang::extended_erlang_b_servers_for_blocking(e0, 0.0, t));
  }
}

// Fuzz finding (models_contract): for traffic above 2^53 the plain Erlang B bounds were
// cast to an unsigned count (undefined behaviour beyond 2^64). With no retries (or a recall
// fraction so small that E0 / (1 - r p) rounds to E0) the model is Erlang B, so the answer
// is servers_for_blocking's.
TEST(ExtendedErlangB, ServersForBlockingBeyondTwoToThe53) {
  EXPECT_EQ(erlang::extended_erlang_b_servers_for_blocking(1e20, 0.0, 0.01),
            erlang::servers_for_blocking(1e20, 0.01));
  const double e0 = 2.056534160924313e37;
  const double p = 8.73430110665e-313;
  EXPECT_EQ(erlang::extended_erlang_b_servers_for_blocking(e0, 3.8449276275005573e-305, p),
            erlang::servers_for_blocking(e0, p));
  // With retries the answer lies above the Erlang B answer for E0. At 1e20 erlangs the
  // blocking is the fluid limit (E0 - m) / (E0 - r m) to within O(1/m), so B <= 1/2 with
  // r = 1/2 needs m >= 2 E0 / 3 = 66666666666666666666.67: the least double at or above it
  // is 66666666666666672640. (The Erlang B answer for E0 / (1 - r p), an upper bound in
  // exact arithmetic, is one ulp below, 66666666666666664448: E0 / 0.75 rounds down.)
  const double n = erlang::extended_erlang_b_servers_for_blocking(1e20, 0.5, 0.5);
  EXPECT_GE(n, erlang::servers_for_blocking(1e20, 0.5));
  EXPECT_EQ(n, least_double_at_or_above(mp(2e20) / 3));
  EXPECT_LE(erlang::extended_erlang_b(1e20, n, 0.5), 0.5);
  EXPECT_GT(erlang::extended_erlang_b(1e20, std::nextafter(n, 0.0), 0.5), 0.5);
  // Fuzz finding (models_contract): at the largest traffic the count is beyond the largest
  // double (B(max, max) is about 1e-154, far above the target). The overflow error named
  // servers_for_blocking, which the function calls; it names the function called now.
  const double top = std::numeric_limits<double>::max();
  ASSERT_GT(erlang::erlang_b(top, top), 1e-300);
  expect_error<std::overflow_error>(
      [&] { return erlang::extended_erlang_b_servers_for_blocking(top, 0.0, 1e-300); },
      "erlang::extended_erlang_b_servers_for_blocking");
  // With retries the upper Erlang B bound's traffic, E0 / (1 - r p), can overflow: it was
  // passed on as infinity (a domain error of servers_for_blocking). The answer itself is
  // finite (B(max, max) is below 0.001): the least count that meets.
  const double m = erlang::extended_erlang_b_servers_for_blocking(top, 0.001, 0.001);
  EXPECT_LE(erlang::extended_erlang_b(top, m, 0.001), 0.001);
  EXPECT_GT(erlang::extended_erlang_b(top, std::nextafter(m, 0.0), 0.001), 0.001);
}

// Fuzz finding (models_contract): with a subnormal target, B rounded to a subnormal of a
// few bits cannot settle the last server (B(10, 303) rounds to the target 5e-324 while ln B
// is above ln 5e-324). The solvers decide in ln B there, each step of the retry solve
// included; against the defining sum in 50 digits.
TEST(ExtendedErlangB, SubnormalTargetsAreDecidedInLogarithms) {
  for (double target : {5e-324, 1e-320, 2e-310}) {
    for (double r : {0.0, 0.5, 1.0}) {
      const double n = erlang::extended_erlang_b_servers_for_blocking(10.0, r, target);
      const auto m = static_cast<std::uint64_t>(n);
      // ln 1/B(10, n) >= -ln target > ln 1/B(10, n - 1). E0 / (1 - r B) rounds to E0 at
      // these blockings: the plain Erlang B answer.
      EXPECT_GE(erlang::test::log_inverse_b_sum(mp(10), m), -log(mp(target))) << target;
      EXPECT_LT(erlang::test::log_inverse_b_sum(mp(10), m - 1), -log(mp(target))) << target;
      EXPECT_EQ(n, erlang::servers_for_blocking(10.0, target)) << target << ' ' << r;
    }
  }
}

// Fuzz finding (models_contract): with subnormal first-attempt traffic the tolerance on f
// underflows to 0 and Newton's iterates alternated between two neighbouring subnormals
// until the iteration limit (an evaluation error). The fixed point is now found to the
// subnormal spacing, against the fixed point in 50 digits.
TEST(ExtendedErlangB, SubnormalFirstAttemptTraffic) {
  const double spacing = std::numeric_limits<double>::denorm_min();
  const std::tuple<double, double, double> cases[] = {
      {spacing, 3, 0.5}, {1e-320, 0.001, 0.5}, {spacing, 0.001, 0.99}, {1e-310, 0.01, 0.9}};
  for (const auto& [e0, m, r] : cases) {
    const double e = erlang::extended_erlang_b_offered_traffic(e0, m, r);
    const mp e_ref = reference_fixed_point(e0, m, r);
    EXPECT_LE(abs(mp(e) - e_ref), 2 * mp(spacing)) << e0 << ' ' << m << ' ' << r;
    const double b = erlang::extended_erlang_b(e0, m, r);
    const mp b_ref = reference_b(mp(e), m);  // 1e-970 for 3 servers: 0 in double
    EXPECT_LE(abs(mp(b) - b_ref), 1e-13 * b_ref + mp(spacing)) << e0 << ' ' << m << ' ' << r;
  }
}

// Fuzz finding (models_contract): in heavy overload on many servers the carried traffic is
// m to within O(1), so f'(E) = 1 - r B (1 + m - E (1 - B)) is a difference of numbers near
// m; its rounding (eps m) swamped Newton's slope, and 7.26e259 erlangs on 3.42e258
// servers with r = 1/2 stopped 6.5e-5 short of the fixed point. There the fixed point is
// the fluid limit to O(1/m): E = (E0 - r m) / (1 - r), B = (E0 - m) / (E0 - r m).
TEST(ExtendedErlangB, HeavyOverloadOnManyServersIsTheFluidLimit) {
  double worst_e = 0;
  double worst_b = 0;
  for (double m : {1e20, 1e100, 0x1.c7ecce43c88p+858, 1e300}) {
    for (double load : {2.0, 0x1.2e2e2e2e2e29cp+863 / 0x1.c7ecce43c88p+858, 1000.0}) {
      for (double r : {0.1, 0.5, 0.9, 1 - 1e-6}) {
        const double e0 = load * m;
        if (!std::isfinite(e0)) {
          continue;
        }
        const mp e_ref = (mp(e0) - mp(r) * mp(m)) / (1 - mp(r));
        const mp b_ref = (mp(e0) - mp(m)) / (mp(e0) - mp(r) * mp(m));
        const double b = erlang::extended_erlang_b(e0, m, r);
        worst_b = std::max(worst_b, relative_error(b, b_ref));
        if (e_ref > std::numeric_limits<double>::max()) {
          // The total traffic is beyond the largest double: an overflow error, while the
          // blocking is still the fluid limit.
          EXPECT_THROW((void)erlang::extended_erlang_b_offered_traffic(e0, m, r),
                       std::overflow_error)
              << e0 << ' ' << m << ' ' << r;
          continue;
        }
        const double e = erlang::extended_erlang_b_offered_traffic(e0, m, r);
        worst_e = std::max(worst_e, relative_error(e, e_ref));
        EXPECT_LE(relative_error(e, e_ref), 1e-14) << e0 << ' ' << m << ' ' << r;
        EXPECT_LE(relative_error(b, b_ref), 1e-14) << e0 << ' ' << m << ' ' << r;
      }
    }
  }
  std::printf("heavy overload: worst relative error E %.2e, B %.2e\n", worst_e, worst_b);
}

// Recall fractions within 1e-12 of 1 put the fixed point up to 1e12 times above E0: the
// bracket is narrowed in ln E before TOMS 748 (the Newton steps alone exhausted the
// iteration limit there).
TEST(ExtendedErlangB, RecallNearOneFarAboveTheFirstAttempts) {
  for (double m : {10.0, 1e6, 1e40, 1e200}) {
    for (double r : {1 - 1e-9, 1 - 1e-12}) {
      const double e0 = 3 * m;
      const mp e_ref =
          m > 1e15 ? (mp(e0) - mp(r) * mp(m)) / (1 - mp(r)) : reference_fixed_point(e0, m, r);
      const double e = erlang::extended_erlang_b_offered_traffic(e0, m, r);
      EXPECT_LE(relative_error(e, e_ref), 1e-12) << e0 << ' ' << m << ' ' << r;
    }
  }
}

TEST(ExtendedErlangB, WideTypes) {
  const mp e_ref = reference_fixed_point(100.0, 112.0, 0.5);
  const mp b_ref = reference_b(e_ref, 112.0);
  const mp hp = erlang::extended_erlang_b(mp(100), mp(112), mp(0.5));
  EXPECT_LE(static_cast<double>(abs((hp - b_ref) / b_ref)), 1e-40);
  const long double ld = erlang::extended_erlang_b(100.0L, 112.0L, 0.5L);
  EXPECT_LE(static_cast<double>(abs((mp(ld) - b_ref) / b_ref)), 1e-16);
  const float f = erlang::extended_erlang_b(100.0f, 112.0f, 0.5f);
  EXPECT_LE(static_cast<double>(abs((mp(f) - b_ref) / b_ref)), 1e-6);
  EXPECT_EQ(erlang::extended_erlang_b_servers_for_blocking(mp(100), mp(0.5), mp(0.025)), mp(113));
}

TEST(ExtendedErlangB, DomainErrorsNameFunctionAndValue) {
  using domain = std::domain_error;
  expect_error<domain>([] { return erlang::extended_erlang_b(-1.0, 3.0, 0.5); },
                       "erlang::extended_erlang_b", "Traffic must be finite and >= 0, got -1");
  expect_error<domain>([] { return erlang::extended_erlang_b(1.0, -3.0, 0.5); },
                       "erlang::extended_erlang_b", "Servers must be finite and >= 0, got -3");
  expect_error<domain>([] { return erlang::extended_erlang_b(1.0, 3.0, 1.5); },
                       "erlang::extended_erlang_b", "Recall fraction must be in [0, 1], got 1.5");
  expect_error<domain>([] { return erlang::extended_erlang_b(1.0, 3.0, std::nan("")); },
                       "erlang::extended_erlang_b", "got nan");
  expect_error<domain>([] { return erlang::extended_erlang_b(5.0, 3.0, 1.0); },
                       "erlang::extended_erlang_b", "no fixed point exists for traffic 5");
  expect_error<domain>([] { return erlang::extended_erlang_b(3.0, 3.0, 1.0); },
                       "erlang::extended_erlang_b", "no fixed point exists for traffic 3");
  expect_error<domain>([] { return erlang::extended_erlang_b_offered_traffic(7.0, 3.0, 1.0); },
                       "erlang::extended_erlang_b_offered_traffic",
                       "no fixed point exists for traffic 7");
  expect_error<domain>([] { return erlang::extended_erlang_b_offered_traffic(-7.0, 3.0, 0.1); },
                       "erlang::extended_erlang_b_offered_traffic", "got -7");
  expect_error<domain>([] { return erlang::extended_erlang_b_offered_traffic(7.0, INFINITY, 0.1); },
                       "erlang::extended_erlang_b_offered_traffic",
                       "Servers must be finite and >= 0, got inf");
  expect_error<domain>([] { return erlang::extended_erlang_b_offered_traffic(7.0, 3.0, -0.1); },
                       "erlang::extended_erlang_b_offered_traffic",
                       "Recall fraction must be in [0, 1], got -0.1");
  expect_error<domain>(
      [] { return erlang::extended_erlang_b_servers_for_blocking(10.0, 0.5, 1.0); },
      "erlang::extended_erlang_b_servers_for_blocking", "Blocking target must be in (0, 1), got 1");
  expect_error<domain>(
      [] { return erlang::extended_erlang_b_servers_for_blocking(10.0, 2.0, 0.1); },
      "erlang::extended_erlang_b_servers_for_blocking", "got 2");
  expect_error<domain>(
      [] { return erlang::extended_erlang_b_servers_for_blocking(-10.0, 0.5, 0.1); },
      "erlang::extended_erlang_b_servers_for_blocking", "got -10");
  // A policy that allows too few Newton steps reports an evaluation error.
  using few_steps = boost::math::policies::policy<boost::math::policies::max_root_iterations<1>>;
  expect_error<boost::math::evaluation_error>(
      [] { return erlang::extended_erlang_b(1500.0, 1000.0, 0.9, few_steps()); },
      "erlang::extended_erlang_b", "Fixed point of the retry traffic not found");
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  EXPECT_TRUE(std::isnan(erlang::extended_erlang_b(5.0, 3.0, 1.0, nan_policy())));
  EXPECT_TRUE(
      std::isnan(erlang::extended_erlang_b_servers_for_blocking(5.0, 1.0, 3.0, nan_policy())));
}

}  // namespace
