#include "model_references.hpp"
#include "reference.hpp"
#include "support/expect_error.hpp"

#include <erlang/engset.hpp>
#include <erlang/erlang_b.hpp>

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

namespace {

using namespace erlang::test;

TEST(Engset, MatchesBirthDeathChainInHighPrecision) {
  double worst_time = 0;
  double worst_call = 0;
  double worst_traffic = 0;
  int points = 0;
  for (double s : {1.0, 2.0, 5.0, 12.0, 40.0, 100.0, 1000.0, 20000.0, 1e9}) {
    for (double beta : {1e-4, 0.01, 0.1, 0.4, 1.0, 3.0, 100.0}) {
      for (double frac : {0.0, 0.05, 0.2, 0.5, 0.8, 0.95, 1.0}) {
        const double n = std::min(std::floor(frac * s), 3000.0);
        for (double servers : {n, n + 1}) {
          const auto ref = engset_chain(beta, static_cast<std::uint64_t>(s),
                                        static_cast<std::uint64_t>(servers));
          if (ref.time < mp("1e-290")) {
            continue;  // below the double range
          }
          const double e_time =
              relative_error(erlang::engset_time_congestion(beta, s, servers), ref.time);
          const double e_call =
              relative_error(erlang::engset_call_congestion(beta, s, servers), ref.call);
          const double e_traffic =
              relative_error(erlang::engset_traffic_congestion(beta, s, servers), ref.traffic);
          EXPECT_LE(e_time, 3e-14) << "beta=" << beta << " S=" << s << " n=" << servers;
          EXPECT_LE(e_call, 3e-14) << "beta=" << beta << " S=" << s << " n=" << servers;
          EXPECT_LE(e_traffic, 3e-14) << "beta=" << beta << " S=" << s << " n=" << servers;
          worst_time = std::max(worst_time, e_time);
          worst_call = std::max(worst_call, e_call);
          worst_traffic = std::max(worst_traffic, e_traffic);
          ++points;
        }
      }
    }
  }
  std::printf("engset over %d points: worst relative error time %.3g, call %.3g, traffic %.3g\n",
              points, worst_time, worst_call, worst_traffic);
}

TEST(Engset, SmallSystemsInClosedForm) {
  // S = 2, n = 1: p = (1, 2 beta) / (1 + 2 beta).
  const double beta = 0.3;
  EXPECT_NEAR(erlang::engset_time_congestion(beta, 2, 1), 2 * beta / (1 + 2 * beta), 1e-16);
  EXPECT_NEAR(erlang::engset_call_congestion(beta, 2, 1), beta / (1 + beta), 1e-16);
  EXPECT_NEAR(erlang::engset_traffic_congestion(beta, 2, 1), beta / (1 + 2 * beta), 1e-16);
  // n = S: every source busy with probability alpha^S; no call is ever blocked.
  const double alpha = beta / (1 + beta);
  EXPECT_NEAR(erlang::engset_time_congestion(beta, 6, 6) / std::pow(alpha, 6), 1.0, 1e-14);
  EXPECT_EQ(erlang::engset_call_congestion(beta, 6, 6), 0.0);
  EXPECT_EQ(erlang::engset_traffic_congestion(beta, 6, 6), 0.0);
  EXPECT_EQ(erlang::engset_time_congestion(beta, 6, 7), 0.0);
  // No servers: everything is blocked.
  EXPECT_EQ(erlang::engset_time_congestion(beta, 6, 0), 1.0);
  EXPECT_EQ(erlang::engset_call_congestion(beta, 6, 0), 1.0);
  EXPECT_EQ(erlang::engset_traffic_congestion(beta, 6, 0), 1.0);
  // No traffic.
  EXPECT_EQ(erlang::engset_call_congestion(0.0, 6, 2), 0.0);
  EXPECT_EQ(erlang::engset_time_congestion(0.0, 6, 0), 1.0);
}

TEST(Engset, ApproachesErlangBWithManySources) {
  // S -> infinity with S beta = A fixed: every congestion measure tends to B(A, n), with
  // an error of order n / S.
  const double a = 20.0;
  for (double n : {10.0, 25.0, 40.0}) {
    const double b = erlang::erlang_b(a, n);
    for (double s : {1e6, 1e8}) {
      const double beta = a / s;
      EXPECT_NEAR(erlang::engset_time_congestion(beta, s, n) / b, 1.0, 100 * n / s);
      EXPECT_NEAR(erlang::engset_call_congestion(beta, s, n) / b, 1.0, 100 * n / s);
      EXPECT_NEAR(erlang::engset_traffic_congestion(beta, s, n) / b, 1.0, 100 * n / s);
    }
  }
}

TEST(Engset, OrderingAndMonotonicity) {
  // Call congestion <= time congestion (fewer sources can call when many are busy),
  // traffic congestion <= call congestion; all fall with servers.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> log_beta(std::log(1e-3), std::log(10.0));
  std::uniform_int_distribution<int> sources(2, 300);
  for (int i = 0; i < 500; ++i) {
    const double s = sources(rng);
    const double beta = std::exp(log_beta(rng));
    const double n = std::floor(std::uniform_real_distribution<double>(0, s)(rng));
    const double e = erlang::engset_time_congestion(beta, s, n);
    const double b = erlang::engset_call_congestion(beta, s, n);
    const double c = erlang::engset_traffic_congestion(beta, s, n);
    EXPECT_LE(b, e * (1 + 1e-14));
    EXPECT_LE(c, b * (1 + 1e-14));
    EXPECT_LE(erlang::engset_call_congestion(beta, s, n + 1), b);
    EXPECT_GE(erlang::engset_call_congestion(beta * 1.1, s, n), b);
  }
}

TEST(Engset, OfferedTrafficConversion) {
  EXPECT_DOUBLE_EQ(erlang::engset_traffic_per_idle_source(10.0, 40), 10.0 / 30.0);
  EXPECT_DOUBLE_EQ(erlang::engset_offered_traffic(10.0 / 30.0, 40), 10.0);
  EXPECT_EQ(erlang::engset_traffic_per_idle_source(0.0, 40), 0.0);
  // A source's offered traffic alpha = beta / (1 + beta) is its busy fraction with no
  // blocking: S alpha = carried traffic with n = S servers.
  const double beta = 0.25;
  const double s = 30;
  const auto ref = engset_chain(beta, 30, 30);
  EXPECT_LE(static_cast<double>(abs(ref.traffic)), 1e-45);
  EXPECT_DOUBLE_EQ(erlang::engset_offered_traffic(beta, s), s * 0.2);
}

TEST(Engset, ServersForBlockingIsMinimal) {
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> log_beta(std::log(1e-3), std::log(5.0));
  std::uniform_real_distribution<double> log_target(std::log(1e-6), std::log(0.3));
  std::uniform_int_distribution<int> sources(1, 2000);
  const erlang::engset_measure measures[] = {erlang::engset_measure::time_congestion,
                                             erlang::engset_measure::call_congestion,
                                             erlang::engset_measure::traffic_congestion};
  for (int i = 0; i < 300; ++i) {
    const double s = sources(rng);
    const double beta = std::exp(log_beta(rng));
    const double target = std::exp(log_target(rng));
    for (auto measure : measures) {
      const auto value = [&](double n) {
        switch (measure) {
          case erlang::engset_measure::time_congestion:
            return erlang::engset_time_congestion(beta, s, n);
          case erlang::engset_measure::call_congestion:
            return erlang::engset_call_congestion(beta, s, n);
          default:
            return erlang::engset_traffic_congestion(beta, s, n);
        }
      };
      const double n = erlang::engset_servers_for_blocking(beta, s, target, measure);
      ASSERT_EQ(n, std::floor(n));
      EXPECT_LE(value(n), target) << beta << ' ' << s << ' ' << target;
      if (n > 0) {
        EXPECT_GT(value(n - 1), target) << beta << ' ' << s << ' ' << target;
      }
    }
  }
  // Default measure is call congestion; a time-congestion target below alpha^S needs S + 1.
  EXPECT_EQ(erlang::engset_servers_for_blocking(1.0, 3, 0.1), 3.0);
  EXPECT_EQ(
      erlang::engset_servers_for_blocking(1.0, 3, 0.1, erlang::engset_measure::time_congestion),
      4.0);
  EXPECT_EQ(erlang::engset_servers_for_blocking(0.0, 3, 0.1), 0.0);
}

TEST(Engset, OfferedTrafficAtTheTopOfTheRange) {
  // A = S beta / (1 + beta) -> S as beta grows; S beta overflowed at beta near the
  // largest double (an infinite result).
  EXPECT_EQ(erlang::engset_offered_traffic(std::numeric_limits<double>::max(), 1e6), 1e6);
  EXPECT_NEAR(erlang::engset_offered_traffic(1e12, 10.0), 10.0 / (1 + 1e-12), 4e-15);
}

TEST(Engset, WideTypes) {
  const auto ref = engset_chain(0.05, 200, 12);
  const mp hp = erlang::engset_time_congestion(mp(0.05), mp(200), mp(12));
  EXPECT_LE(static_cast<double>(abs((hp - ref.time) / ref.time)), 1e-45);
  const mp hp_call = erlang::engset_call_congestion(mp(0.05), mp(200), mp(12));
  EXPECT_LE(static_cast<double>(abs((hp_call - ref.call) / ref.call)), 1e-45);
  const mp hp_traffic = erlang::engset_traffic_congestion(mp(0.05), mp(200), mp(12));
  EXPECT_LE(static_cast<double>(abs((hp_traffic - ref.traffic) / ref.traffic)), 1e-45);
  const long double ld =
      erlang::engset_call_congestion(static_cast<long double>(0.05), 200.0L, 12.0L);
  EXPECT_LE(static_cast<double>(abs((mp(ld) - ref.call) / ref.call)), 1e-17);
  const float f = erlang::engset_call_congestion(0.05f, 200.0f, 12.0f);
  EXPECT_LE(static_cast<double>(abs((mp(f) - ref.call) / ref.call)), 1e-6);
  EXPECT_EQ(erlang::engset_servers_for_blocking(mp("0.05"), mp(200), mp("0.01")),
            mp(erlang::engset_servers_for_blocking(0.05, 200.0, 0.01)));
}

TEST(Engset, DomainErrorsNameFunctionAndValue) {
  expect_error([] { return erlang::engset_time_congestion(-0.5, 10, 2); },
               "erlang::engset_time_congestion",
               "Traffic per idle source must be finite and >= 0, got -0.5");
  expect_error([] { return erlang::engset_time_congestion(0.5, 2.5, 2); },
               "erlang::engset_time_congestion", "Sources must be an integer >= 1, got 2.5");
  expect_error([] { return erlang::engset_time_congestion(0.5, 0, 0); },
               "erlang::engset_time_congestion", "Sources must be an integer >= 1, got 0");
  expect_error([] { return erlang::engset_call_congestion(0.5, 10, -1); },
               "erlang::engset_call_congestion", "Servers must be an integer >= 0, got -1");
  expect_error([] { return erlang::engset_traffic_congestion(0.5, 10, 1.5); },
               "erlang::engset_traffic_congestion", "Servers must be an integer >= 0, got 1.5");
  expect_error([] { return erlang::engset_traffic_congestion(INFINITY, 10, 1); },
               "erlang::engset_traffic_congestion", "got inf");
  expect_error([] { return erlang::engset_call_congestion(0.5, 1e17, 1); },
               "erlang::engset_call_congestion", "Sources must be an integer >= 1, got 1e+17");
  expect_error([] { return erlang::engset_traffic_per_idle_source(40.0, 40); },
               "erlang::engset_traffic_per_idle_source",
               "Offered traffic must be below the number of sources, got 40");
  expect_error([] { return erlang::engset_traffic_per_idle_source(-1.0, 40); },
               "erlang::engset_traffic_per_idle_source",
               "Offered traffic must be finite and >= 0, got -1");
  expect_error([] { return erlang::engset_traffic_per_idle_source(1.0, 0.5); },
               "erlang::engset_traffic_per_idle_source",
               "Sources must be an integer >= 1, got 0.5");
  expect_error([] { return erlang::engset_offered_traffic(-1.0, 4); },
               "erlang::engset_offered_traffic",
               "Traffic per idle source must be finite and >= 0, got -1");
  expect_error([] { return erlang::engset_offered_traffic(1.0, 4.5); },
               "erlang::engset_offered_traffic", "Sources must be an integer >= 1, got 4.5");
  expect_error([] { return erlang::engset_servers_for_blocking(0.1, 10, 0.0); },
               "erlang::engset_servers_for_blocking", "Blocking target must be in (0, 1), got 0");
  expect_error([] { return erlang::engset_servers_for_blocking(0.1, 10, 1.0); },
               "erlang::engset_servers_for_blocking", "Blocking target must be in (0, 1), got 1");
  expect_error([] { return erlang::engset_servers_for_blocking(-0.1, 10, 0.1); },
               "erlang::engset_servers_for_blocking", "got -0.1");
  expect_error([] { return erlang::engset_servers_for_blocking(0.1, 0, 0.1); },
               "erlang::engset_servers_for_blocking", "Sources must be an integer >= 1, got 0");
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  EXPECT_TRUE(std::isnan(erlang::engset_call_congestion(-1.0, 3.0, 1.0, nan_policy())));
  EXPECT_TRUE(std::isnan(erlang::engset_servers_for_blocking(
      0.1, 3.0, 2.0, erlang::engset_measure::call_congestion, nan_policy())));
}

}  // namespace
