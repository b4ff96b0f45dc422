#include "model_references.hpp"
#include "reference.hpp"
#include "support/expect_error.hpp"
#include "support/targets.hpp"

#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>

#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace {

using namespace erlang::test;

/// |a / b - 1| <= tol, or both below the double range.
::testing::AssertionResult near_ratio(double a, double b, double tol) {
  if (std::fabs(b) < 1e-290 && std::fabs(a) < 1e-290) {
    return ::testing::AssertionSuccess();
  }
  if (std::fabs(a / b - 1) <= tol) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << a << " vs " << b << ": relative difference " << a / b - 1;
}

TEST(FiniteQueue, MatchesBirthDeathChainInHighPrecision) {
  worst_by_measure worst;
  const double h = 180;
  for (double c : {1.0, 2.0, 5.0, 20.0, 100.0, 700.0}) {
    for (double n : {0.0, 1.0, 3.0, 10.0, 100.0, 2000.0}) {
      for (double rho : {0.01, 0.5, 0.9, 0.99, 1.0, 1.01, 1.1, 2.0, 10.0}) {
        for (double t : {0.0, 20.0, 600.0}) {
          const double e = rho * c;
          const double k = c + n;
          const auto ref =
              mmck_chain(e, static_cast<std::uint64_t>(c), static_cast<std::uint64_t>(k), h, t);
          const auto m = erlang::finite_queue(e, c, h, k - c, t);
          // rho^N carries N times the rounding error of ln rho (about eps (1 + |ln rho|)).
          const double tolerance = 1e-13 + 1e-15 * n * (1 + std::fabs(std::log(rho)));
          worst.check(measure_pairs(m, ref), tolerance,
                      "E=" + std::to_string(e) + " c=" + std::to_string(c) +
                          " K=" + std::to_string(k) + " t=" + std::to_string(t));
          // The single-measure functions agree with the all-at-once one.
          EXPECT_EQ(erlang::finite_queue_blocking(e, c, k - c), m.blocking);
          EXPECT_EQ(erlang::finite_queue_wait_probability(e, c, k - c), m.wait_probability);
          EXPECT_EQ(erlang::finite_queue_service_level(e, c, h, k - c, t), m.service_level);
          EXPECT_EQ(erlang::finite_queue_average_speed_of_answer(e, c, h, k - c),
                    m.average_speed_of_answer);
          EXPECT_EQ(erlang::finite_queue_mean_queue_length(e, c, k - c), m.mean_queue_length);
          EXPECT_EQ(erlang::finite_queue_occupancy(e, c, k - c), m.occupancy);
        }
      }
    }
  }
  std::printf("finite_queue over %s\n", worst.summary().c_str());
}

TEST(FiniteQueue, RandomPointsMatchBirthDeathChain) {
  random_queue_points points(77, 3000, 0.3, 2.5);
  std::uniform_real_distribution<double> log_t(std::log(0.01), std::log(5.0));  // t / h
  worst_by_measure worst;
  for (int i = 0; i < 200; ++i) {
    const auto [c, n, e] = points.next();
    const double h = 100;
    const double t = h * std::exp(log_t(points.rng()));
    const auto ref =
        mmck_chain(e, static_cast<std::uint64_t>(c), static_cast<std::uint64_t>(c + n), h, t);
    const auto m = erlang::finite_queue(e, c, h, n, t);
    const double tolerance = 1e-13 + 1e-15 * n * (1 + std::fabs(std::log(e / c)));
    worst.check(measure_pairs(m, ref), tolerance,
                "E=" + std::to_string(e) + " c=" + std::to_string(c) + " N=" + std::to_string(n) +
                    " t=" + std::to_string(t));
  }
  std::printf("finite_queue random %s\n", worst.summary().c_str());
}

TEST(FiniteQueue, TrafficAtTheEdgesOfTheRange) {
  // Without waiting places M/M/c/K is Erlang B. The smallest subnormal traffic (ln rho
  // once -inf: NaN) blocks nothing; the largest (e^u once overflowed in expm1) blocks all
  // but 1/E.
  const double tiny = std::numeric_limits<double>::denorm_min();
  const auto low = erlang::finite_queue(tiny, 3, 7.5, 0, 0.0);
  EXPECT_EQ(low.blocking, 0.0);
  EXPECT_EQ(low.wait_probability, 0.0);
  EXPECT_EQ(low.service_level, 1.0);
  const double top = std::numeric_limits<double>::max();
  const auto high = erlang::finite_queue(top, 1, 1e-9, 0, 0.0);
  EXPECT_EQ(high.blocking, erlang::erlang_b(top, 1.0));
  const auto queued = erlang::finite_queue(top, 1, 1e-9, 2, 0.0);
  EXPECT_NEAR(queued.blocking, 1.0, 1e-15);
  EXPECT_NEAR(queued.mean_queue_length, 2.0, 1e-12);
}

// Fuzz finding (models_contract): answer times of 1e300 handling times or more overflowed
// c t / h and the service level was NaN. Every queued call is answered in the end, so the
// service level there is 1 - blocking (the chain in 50 digits agrees).
TEST(FiniteQueue, AnswerTimesOfManyHandlingTimes) {
  const std::pair<double, double> times[] = {
      {0x1.066p-1019, 18}, {1.0, 1e300}, {1e-300, 1e8}, {1.0, 2000.0}};
  for (const auto& [h, t] : times) {
    for (const auto& [e, c, k] : {std::tuple{10.0, 14U, 19U}, std::tuple{50.0, 40U, 60U},
                                  std::tuple{1000.0, 990U, 1500U}}) {
      const auto m = erlang::finite_queue(e, double(c), h, double(k - c), t);
      const auto ref = mmck_chain(e, c, k, h, t);
      EXPECT_LE(relative_error(m.service_level, ref.service_level), 1e-13) << h << ' ' << t;
      EXPECT_LE(relative_error(m.service_level, 1 - ref.blocking), 1e-13) << h << ' ' << t;
    }
  }
}

// Fuzz finding (models_contract): with an answer time far below the handling time, x =
// c t / h is below n eps for the Poisson terms n >= 16 of the service level, where
// Boost.Math's log1pmx(x/n - 1) raised an overflow error (its argument rounds to -1).
TEST(FiniteQueue, AnswerTimesFarBelowTheHandlingTime) {
  // Overloaded (the peak of the terms lies at n = x E / c), so that terms n >= 16 count.
  for (double t : {1e-17, 1e-30}) {
    for (const auto& [e, c, k] : {std::tuple{1e20, 20U, 60U}, std::tuple{1e40, 990U, 1500U}}) {
      const auto m = erlang::finite_queue(e, double(c), 1.0, double(k - c), t);
      const auto ref = mmck_chain(e, c, k, 1.0, t);
      // Far below the smallest double here: the tolerance has an absolute floor.
      EXPECT_LE(abs(mp(m.service_level) - ref.service_level),
                1e-13 * ref.service_level + std::numeric_limits<double>::denorm_min())
          << t << ' ' << e;
      EXPECT_LE(relative_error(m.blocking, ref.blocking), 1e-13) << t << ' ' << e;
    }
  }
}

TEST(FiniteQueue, NoWaitingRoomIsErlangB) {
  for (double c : {1.0, 7.0, 150.0, 1e5}) {
    for (double rho : {0.1, 0.95, 1.0, 3.0}) {
      const double e = rho * c;
      const double b = erlang::erlang_b(e, c);
      const auto m = erlang::finite_queue(e, c, 180.0, 0, 20.0);
      if (b == 0) {
        EXPECT_EQ(m.blocking, 0.0);  // below the double range
      } else {
        EXPECT_TRUE(near_ratio(m.blocking, b, 1e-14)) << e << ' ' << c;
      }
      EXPECT_EQ(m.wait_probability, 0.0);
      EXPECT_TRUE(near_ratio(m.service_level, (1 - b), 1e-14));
      EXPECT_EQ(m.average_speed_of_answer, 0.0);
      EXPECT_EQ(m.mean_queue_length, 0.0);
      EXPECT_TRUE(near_ratio(m.occupancy, (rho * (1 - b)), 1e-14));
    }
  }
}

TEST(FiniteQueue, LargeWaitingRoomApproachesErlangC) {
  // rho^N below 1e-300: the finite queue is Erlang C to rounding.
  for (double c : {1.0, 10.0, 250.0, 1e4, 1e6}) {
    for (double rho : {0.3, 0.8, 0.97}) {
      const double e = rho * c;
      const double k = c + 1e6 + std::ceil(700 / -std::log(rho));
      const double h = 240;
      const double t = 30;
      const auto m = erlang::finite_queue(e, c, h, k - c, t);
      EXPECT_EQ(m.blocking, 0.0);
      EXPECT_TRUE(near_ratio(m.wait_probability, erlang::erlang_c(e, c), 1e-13)) << e << ' ' << c;
      EXPECT_TRUE(near_ratio(m.service_level, erlang::service_level(e, c, h, t), 1e-13))
          << e << ' ' << c;
      EXPECT_TRUE(
          near_ratio(m.average_speed_of_answer, erlang::average_speed_of_answer(e, c, h), 1e-13));
      EXPECT_TRUE(near_ratio(m.mean_queue_length, erlang::mean_queue_length(e, c), 1e-13));
      EXPECT_TRUE(near_ratio(m.occupancy, erlang::occupancy(e, c), 1e-15));
    }
  }
}

TEST(FiniteQueue, OverloadWithHugeWaitingRoom) {
  // rho > 1 and N = 1e12: the queue is full almost always. Carried traffic c, so the
  // blocking is 1 - 1/rho; the waiting places hold N - 1/(rho - 1) calls on average.
  for (double c : {1.0, 30.0, 1e5}) {
    for (double rho : {1.001, 1.5, 20.0}) {
      const double e = rho * c;
      const double n = 1e12;
      const auto m = erlang::finite_queue(e, c, 180.0, n, 20.0);
      EXPECT_TRUE(near_ratio(m.blocking, (1 - 1 / rho), 1e-12)) << e << ' ' << c;
      EXPECT_TRUE(near_ratio(m.wait_probability, (1 / rho), 1e-12));
      EXPECT_NEAR(m.occupancy, 1.0, 1e-15);
      EXPECT_TRUE(near_ratio(m.mean_queue_length, (n - 1 / (rho - 1)), 1e-12));
      EXPECT_GE(m.service_level, 0.0);
      EXPECT_LT(m.service_level, 1e-100);
      EXPECT_TRUE(std::isfinite(m.average_speed_of_answer));
    }
  }
  // rho = 1 exactly: uniform over the queue states when N is large.
  const auto m = erlang::finite_queue(50.0, 50.0, 180.0, 1e9, 20.0);
  EXPECT_TRUE(near_ratio(m.mean_queue_length, 5e8, 1e-7));
  EXPECT_NEAR(m.blocking * 1e9, 1.0, 1e-6);
}

TEST(FiniteQueue, MeasuresAreConsistent) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> log_c(0, std::log(5000.0));
  std::uniform_real_distribution<double> load(0.2, 1.8);
  std::uniform_real_distribution<double> log_n(0, std::log(1e5));
  for (int i = 0; i < 300; ++i) {
    const double c = std::round(std::exp(log_c(rng)));
    const double e = load(rng) * c;
    const double k = c + std::round(std::exp(log_n(rng)));
    const auto m = erlang::finite_queue(e, c, 300.0, k - c, 20.0);
    // Little's law on the queue: L_q = lambda (1 - blocking) ASA, lambda = E / h.
    EXPECT_TRUE(near_ratio(m.mean_queue_length,
                           (e / 300.0 * (1 - m.blocking) * m.average_speed_of_answer), 1e-12));
    EXPECT_TRUE(near_ratio(m.mean_wait, (m.average_speed_of_answer * (1 - m.blocking)), 1e-12));
    EXPECT_LE(m.service_level, 1 - m.blocking + 1e-15);
    EXPECT_GE(m.service_level, 1 - m.blocking - m.wait_probability - 1e-15);
    EXPECT_LE(m.blocking + m.wait_probability, 1.0 + 1e-15);
    EXPECT_LE(erlang::finite_queue_service_level(e, c, 300.0, k - c, 10.0), m.service_level);
    // More servers (same capacity) block less; more capacity (same servers) blocks less.
    if (c < k) {
      EXPECT_LE(erlang::finite_queue_blocking(e, c + 1, k - c - 1), m.blocking);
    }
    EXPECT_LE(erlang::finite_queue_blocking(e, c, k + 1 - c), m.blocking);
  }
}

TEST(FiniteQueue, MeasuresImproveWithAgentsForFixedWaitingRoom) {
  // The solver relies on it: with N waiting places fixed, every measure improves with c.
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> log_e(std::log(0.1), std::log(2000.0));
  std::uniform_real_distribution<double> log_n(0, std::log(2000.0));
  for (int i = 0; i < 300; ++i) {
    const double e = std::exp(log_e(rng));
    const double n = std::round(std::exp(log_n(rng))) - 1;
    const double c =
        std::max(1.0, std::round(e * std::uniform_real_distribution<double>(0.3, 1.5)(rng)));
    const auto m = erlang::finite_queue(e, c, 180.0, n, 20.0);
    const auto more = erlang::finite_queue(e, c + 1, 180.0, n, 20.0);
    const double slack = 1 + 1e-12;
    EXPECT_LE(more.blocking, m.blocking * slack) << e << ' ' << c << ' ' << n;
    // P(queued) alone need not fall (calls blocked before may now queue); P(all servers busy),
    // queued or blocked, does.
    EXPECT_LE(more.wait_probability + more.blocking, (m.wait_probability + m.blocking) * slack)
        << e << ' ' << c << ' ' << n;
    EXPECT_GE(more.service_level, m.service_level / slack) << e << ' ' << c << ' ' << n;
    EXPECT_LE(more.average_speed_of_answer, m.average_speed_of_answer * slack)
        << e << ' ' << c << ' ' << n;
    EXPECT_LE(more.occupancy, m.occupancy * slack) << e << ' ' << c << ' ' << n;
  }
}

TEST(FiniteQueue, AgentsForTargetsIsMinimal) {
  std::mt19937_64 rng(31);
  std::uniform_real_distribution<double> log_e(std::log(0.1), std::log(3000.0));
  std::uniform_real_distribution<double> sl(0.5, 0.95);
  std::uniform_real_distribution<double> log_b(std::log(1e-4), std::log(0.1));
  std::uniform_real_distribution<double> log_n(0, std::log(500.0));
  std::uniform_int_distribution<int> kind(0, 4);
  for (int i = 0; i < 200; ++i) {
    const double e = std::exp(log_e(rng));
    const double n = std::round(std::exp(log_n(rng))) - 1;
    const double h = 180;
    const std::array<erlang::staffing_targets<double>, 5> kinds = {
        {{.max_blocking = std::exp(log_b(rng))},
         {.service_level = sl(rng), .answer_time = 20},
         {.max_asa = 15},
         {.max_wait_probability = 0.3, .max_occupancy = 0.9},
         {.service_level = 0.8, .answer_time = 20, .max_blocking = 0.01}}};
    const auto t = kinds.at(static_cast<std::size_t>(kind(rng)));
    const auto meets = [&](double c) {
      return erlang::test::meets_by_definition(erlang::finite_queue(e, c, h, n, t.answer_time), t);
    };
    const double c = erlang::finite_queue_agents_for_targets(e, h, n, t);
    erlang::test::expect_least_count(meets, c, e, n);
  }
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  EXPECT_EQ(erlang::finite_queue_agents_for_targets(0.0, 180.0, 10.0, t), 0.0);
  // No waiting room: the Erlang B answer (15 lines carry 8.108 E at 1 %).
  EXPECT_EQ(erlang::finite_queue_agents_for_targets(
                8.1, 180.0, 0.0, erlang::staffing_targets<double>{.max_blocking = 0.01}),
            15.0);
  // A huge waiting room: the Erlang C answer (10 E, 80 % in 20 s with AHT 180 s: 14 agents).
  EXPECT_EQ(erlang::finite_queue_agents_for_targets(10.0, 180.0, 1e9, t), 14.0);
}

TEST(FiniteQueue, WideTypes) {
  const auto ref = mmck_chain(9.5, 10, 14, 180.0, 20.0);
  const auto hp = erlang::finite_queue(mp(9.5), mp(10), mp(180), mp(4), mp(20));
  EXPECT_LE(static_cast<double>(abs((hp.blocking - ref.blocking) / ref.blocking)), 1e-45);
  EXPECT_LE(static_cast<double>(abs((hp.service_level - ref.service_level) / ref.service_level)),
            1e-45);
  EXPECT_LE(static_cast<double>(abs((hp.mean_queue_length - ref.queue) / ref.queue)), 1e-45);
  EXPECT_LE(static_cast<double>(abs((hp.average_speed_of_answer - ref.asa) / ref.asa)), 1e-45);
  const auto ld = erlang::finite_queue(9.5L, 10.0L, 180.0L, 4.0L, 20.0L);
  EXPECT_LE(
      static_cast<double>(abs((mp(ld.service_level) - ref.service_level) / ref.service_level)),
      1e-17);
  EXPECT_LE(static_cast<double>(abs((mp(ld.mean_queue_length) - ref.queue) / ref.queue)), 1e-17);
  const float f = erlang::finite_queue_blocking(9.5f, 10.0f, 4.0f);
  EXPECT_LE(static_cast<double>(abs((mp(f) - ref.blocking) / ref.blocking)), 1e-6);
  // The solver in every type.
  erlang::staffing_targets<mp> tm;
  tm.service_level = mp(0.8);
  tm.answer_time = 20;
  erlang::staffing_targets<double> td;
  td.service_level = 0.8;
  td.answer_time = 20;
  const double agents = erlang::finite_queue_agents_for_targets(9.5, 180.0, 4.0, td);
  EXPECT_EQ(erlang::finite_queue_agents_for_targets(mp(9.5), mp(180), mp(4), tm), mp(agents));
  erlang::staffing_targets<long double> tl;
  tl.service_level = 0.8L;
  tl.answer_time = 20;
  EXPECT_EQ(erlang::finite_queue_agents_for_targets(9.5L, 180.0L, 4.0L, tl), agents);
  erlang::staffing_targets<float> tf;
  tf.service_level = 0.8f;
  tf.answer_time = 20;
  EXPECT_EQ(erlang::finite_queue_agents_for_targets(9.5f, 180.0f, 4.0f, tf), agents);
}

TEST(FiniteQueue, DomainErrorsNameFunctionAndValue) {
  expect_error([] { return erlang::finite_queue_blocking(-1.0, 2, 1); },
               "erlang::finite_queue_blocking", "Traffic must be finite and >= 0, got -1");
  expect_error([] { return erlang::finite_queue_blocking(1.0, 0, 3); },
               "erlang::finite_queue_blocking", "Agents must be an integer >= 1, got 0");
  expect_error([] { return erlang::finite_queue_blocking(1.0, 2.5, 0.5); },
               "erlang::finite_queue_blocking", "Agents must be an integer >= 1, got 2.5");
  expect_error([] { return erlang::finite_queue_blocking(1.0, 2, 1.5); },
               "erlang::finite_queue_blocking", "Waiting places must be an integer >= 0, got 1.5");
  expect_error([] { return erlang::finite_queue_blocking(1.0, 4, -1); },
               "erlang::finite_queue_blocking", "Waiting places must be an integer >= 0, got -1");
  expect_error([] { return erlang::finite_queue_wait_probability(1.0, 2, INFINITY); },
               "erlang::finite_queue_wait_probability", "got inf");
  expect_error([] { return erlang::finite_queue_service_level(1.0, 2, 0.0, 1, 20.0); },
               "erlang::finite_queue_service_level",
               "Mean handling time must be finite and > 0, got 0");
  expect_error([] { return erlang::finite_queue_service_level(1.0, 2, 180.0, 1, -20.0); },
               "erlang::finite_queue_service_level",
               "Answer time must be finite and >= 0, got -20");
  // An answer time beyond the double range in handling times (the service level was NaN).
  expect_error([] { return erlang::finite_queue_service_level(10.0, 12, 5e-322, 20, 20.0); },
               "erlang::finite_queue_service_level",
               "Answer time / mean handling time overflows, got an answer time of 20");
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  expect_error([&] { return erlang::finite_queue_agents_for_targets(10.0, 5e-322, 20.0, t); },
               "erlang::finite_queue_agents_for_targets",
               "Answer time / mean handling time overflows");
  expect_error([] { return erlang::finite_queue_average_speed_of_answer(1.0, 2, -1.0, 1); },
               "erlang::finite_queue_average_speed_of_answer", "got -1");
  expect_error([] { return erlang::finite_queue_mean_queue_length(std::nan(""), 2, 1); },
               "erlang::finite_queue_mean_queue_length", "got nan");
  expect_error([] { return erlang::finite_queue_occupancy(1.0, 2, -1); },
               "erlang::finite_queue_occupancy", "Waiting places must be an integer >= 0, got -1");
  expect_error([] { return erlang::finite_queue(1.0, 2, 180.0, 1, std::nan("")).blocking; },
               "erlang::finite_queue", "got nan");
  erlang::staffing_targets<double> none;
  expect_error([&] { return erlang::finite_queue_agents_for_targets(1.0, 180.0, 10.0, none); },
               "erlang::finite_queue_agents_for_targets", "No staffing target is set");
  expect_error(
      [&] {
        return erlang::finite_queue_agents_for_targets(
            1.0, 180.0, 10.0, erlang::staffing_targets<double>{.max_blocking = 1.5});
      },
      "erlang::finite_queue_agents_for_targets", "Blocking target must be in (0, 1), got 1.5");
  // Nobody abandons in M/M/c/K: an abandonment target is rejected by name, as for Erlang C.
  const erlang::staffing_targets<double> abandon{.max_asa = 20, .max_abandon = 0.05};
  expect_error([&] { return erlang::finite_queue_agents_for_targets(1.0, 180.0, 10.0, abandon); },
               "erlang::finite_queue_agents_for_targets",
               "M/M/c/K has no abandonment: the abandonment target cannot be honoured, got 0.05");
  erlang::staffing_targets<double> bad;
  bad.service_level = 1.2;
  expect_error([&] { return erlang::finite_queue_agents_for_targets(1.0, 180.0, 10.0, bad); },
               "erlang::finite_queue_agents_for_targets", "got 1.2");
  erlang::staffing_targets<double> good;
  good.service_level = 0.8;
  good.answer_time = 20;
  expect_error([&] { return erlang::finite_queue_agents_for_targets(-1.0, 180.0, 10.0, good); },
               "erlang::finite_queue_agents_for_targets",
               "Traffic must be finite and >= 0, got -1");
  expect_error([&] { return erlang::finite_queue_agents_for_targets(1.0, 0.0, 10.0, good); },
               "erlang::finite_queue_agents_for_targets",
               "Mean handling time must be finite and > 0, got 0");
  expect_error([&] { return erlang::finite_queue_agents_for_targets(1.0, 180.0, 0.5, good); },
               "erlang::finite_queue_agents_for_targets",
               "Waiting places must be an integer >= 0, got 0.5");
  expect_error([&] { return erlang::finite_queue_agents_for_targets(1.0, 180.0, -1.0, good); },
               "erlang::finite_queue_agents_for_targets",
               "Waiting places must be an integer >= 0, got -1");
  // Found by models_contract: traffic 1e300 made the search cast its start to a 64-bit
  // count (undefined behaviour). Counts are exact only up to 2^53: a domain error.
  expect_error([&] { return erlang::finite_queue_agents_for_targets(1e20, 180.0, 10.0, good); },
               "erlang::finite_queue_agents_for_targets",
               "Traffic must be at most 2^53 erlangs for a staffing search, got 1");
  expect_error(
      [&] {
        return erlang::finite_queue_abandonment_agents_for_targets(1e300, 180.0, 60.0, 10.0, good);
      },
      "erlang::finite_queue_abandonment_agents_for_targets",
      "Traffic must be at most 2^53 erlangs for a staffing search");
  // A target that only a capacity above 2^53 (the largest exact count) would meet: at
  // least 1e6 / 1e-12 = 1e18 agents for an occupancy of 1e-12. The search used to stop at
  // 2^53 and return 2^53 + 1, rounded to 2^53, a count that misses the target.
  const erlang::staffing_targets<double> idle{.max_occupancy = 1e-12};
  expect_error([&] { return erlang::finite_queue_agents_for_targets(1e6, 180.0, 10.0, idle); },
               "erlang::finite_queue_agents_for_targets",
               "The targets need more agents than the evaluated scale allows (a capacity of "
               "at most 2^53, the largest exact count): more than 9007199254740982 agents");
  expect_error(
      [&] {
        return erlang::finite_queue_abandonment_agents_for_targets(1e6, 180.0, 60.0, 10.0, idle);
      },
      "erlang::finite_queue_abandonment_agents_for_targets",
      "The targets need more agents than the evaluated scale allows");
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  EXPECT_TRUE(std::isnan(erlang::finite_queue_blocking(1.0, 4.0, -1.0, nan_policy())));
  EXPECT_TRUE(
      std::isnan(erlang::finite_queue(1.0, 4.0, 1.0, -1.0, 1.0, nan_policy()).service_level));
}

}  // namespace
