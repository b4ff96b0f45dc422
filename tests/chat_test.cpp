#include "model_references.hpp"
#include "reference.hpp"
#include "support/expect_error.hpp"

#include <erlang/chat.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/finite_queue_abandonment.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <vector>

namespace {

using namespace erlang::test;

constexpr double inf = std::numeric_limits<double>::infinity();

/// The chat chain's death rate below n k slots in 50 digits, in units of 1 / AHT_k:
/// x = q n + r open, r agents with q + 1 and n - r with q (the file comment of chat.hpp,
/// written again from the definition).
mp chat_deaths(std::uint64_t x, std::uint64_t n, const std::vector<double>& aht) {
  const std::uint64_t q = x / n;
  const std::uint64_t r = x % n;
  mp rate = 0;
  if (r > 0) {
    rate += mp(r) * mp(q + 1) / mp(aht[q]);
  }
  if (q > 0) {
    rate += mp(n - r) * mp(q) / mp(aht[q - 1]);
  }
  return rate * mp(aht.back());
}

/// The chat system from its birth-death chain in 50 digits (finite waiting places).
mmckm_reference chat_chain(double lambda, std::uint64_t n, const std::vector<double>& aht,
                           std::uint64_t waiting_places, double patience, double t) {
  const std::uint64_t slots = n * aht.size();
  return mmckm_chain(lambda * aht.back(), slots, slots + waiting_places, aht.back(), patience, t,
                     true, [&](std::uint64_t x) { return chat_deaths(x, n, aht); });
}

/// The measures every chat chain has (ASA aside: 0/0 without waiting places).
void add_measures(worst_error& worst, const erlang::queue_measures<double>& m,
                  const mmckm_reference& ref) {
  worst.add(m.blocking, ref.blocking);
  worst.add(m.wait_probability, ref.wait);
  worst.add(m.abandon_probability, ref.abandon);
  worst.add(m.service_level, ref.service_level);
  worst.add(m.mean_queue_length, ref.queue);
  worst.add(m.occupancy, ref.occupancy);
}

TEST(Chat, MatchesBirthDeathChainInHighPrecision) {
  const std::vector<std::vector<double>> profiles{
      {4.0}, {4.0, 5.0}, {3.0, 3.5, 4.5}, {2.0, 3.0, 4.0, 6.0}, {5.0, 5.0, 5.0}};
  worst_error worst(1e-300);
  int points = 0;
  for (const auto& aht : profiles) {
    for (std::uint64_t n : {1U, 3U, 12U, 40U}) {
      for (double load : {0.4, 0.85, 1.1, 1.6}) {
        for (std::uint64_t places : {0U, 4U, 60U}) {
          for (double patience : {1.5, 12.0, inf}) {
            const auto slots = static_cast<double>(n * aht.size());
            const double lambda = load * slots / aht.back();
            const double t = 0.7;
            const auto ref = chat_chain(lambda, n, aht, places, patience, t);
            const auto m = erlang::chat(lambda, static_cast<double>(n), aht, patience,
                                        static_cast<double>(places), t);
            add_measures(worst, m, ref);
            if (places > 0) {
              worst.add(m.average_speed_of_answer, ref.asa);
            }
            ++points;
          }
        }
      }
    }
  }
  std::printf("chat: worst relative error %.3g over %d points\n", worst.value(), points);
  EXPECT_LE(worst.value(), 1e-13);
}

TEST(Chat, UnlimitedQueueMatchesALongChainInHighPrecision) {
  // Waiting places +infinity (the Erlang A queue) against a chain of 3000 places, whose
  // blocking is below 1e-60 at these loads and patiences: the chains agree to 50 digits.
  const std::vector<double> aht{2.0, 3.0, 3.5};
  worst_error worst(1e-300);
  for (std::uint64_t n : {1U, 5U, 25U}) {
    for (double load : {0.5, 0.95, 1.4}) {
      for (double patience : {0.8, 10.0}) {
        const double lambda = load * static_cast<double>(3 * n) / aht.back();
        const auto ref = chat_chain(lambda, n, aht, 3000, patience, 0.6);
        ASSERT_LT(ref.blocking, mp(1e-60));
        const auto m = erlang::chat(lambda, static_cast<double>(n), aht, patience, inf, 0.6);
        add_measures(worst, m, ref);
        worst.add(m.average_speed_of_answer, ref.asa);
      }
    }
  }
  std::printf("chat, unlimited queue: worst relative error %.3g\n", worst.value());
  EXPECT_LE(worst.value(), 1e-13);
}

TEST(Chat, LightLoadOnManyAgentsKeepsTinyWaits) {
  // 2000 agents with 3 conversations each at 70 % of their capacity: the weights of the
  // lower states pass 2^512 (the sums are rescaled), while the wait probability, about
  // 1e-200, is still a normal double.
  const std::vector<double> aht{2.0, 2.5, 3.0};
  const double lambda = 0.7 * 6000.0 / 3.0;
  const auto ref = chat_chain(lambda, 2000, aht, 50, 4.0, 0.5);
  const auto m = erlang::chat(lambda, 2000.0, aht, 4.0, 50.0, 0.5);
  ASSERT_GT(ref.wait, mp(1e-300));
  ASSERT_LT(ref.wait, mp(1e-160));
  EXPECT_LE(relative_error(m.wait_probability, ref.wait), 1e-11) << m.wait_probability;
  EXPECT_LE(relative_error(m.abandon_probability, ref.abandon), 1e-11);
  EXPECT_LE(relative_error(m.occupancy, ref.occupancy), 1e-13);
}

TEST(Chat, OneConversationPerAgentIsTheQueueWithAbandonment) {
  // k = 1: M/M/n/(n + N)+M, and with an unlimited queue Erlang A or Erlang C.
  for (double n : {1.0, 7.0, 30.0}) {
    for (double lambda : {0.5, 1.6, 6.0}) {
      const double h = 5.0;
      const auto fq = erlang::finite_queue_abandonment(lambda * h, n, h, 3.0, 9.0, 2.0);
      const auto m = erlang::chat(lambda, n, {h}, 3.0, 9.0, 2.0);
      EXPECT_NEAR(m.wait_probability, fq.wait_probability, 1e-14 + 1e-13 * fq.wait_probability);
      EXPECT_NEAR(m.service_level, fq.service_level, 1e-13);
      EXPECT_NEAR(m.occupancy, fq.occupancy, 1e-13 * fq.occupancy);
      const auto a = erlang::erlang_a(lambda * h, n, h, 3.0, 2.0);
      const auto ma = erlang::chat(lambda, n, {h}, 3.0, inf, 2.0);
      EXPECT_NEAR(ma.abandon_probability, a.abandon_probability, 1e-13 * a.abandon_probability);
      EXPECT_NEAR(ma.average_speed_of_answer, a.average_speed_of_answer,
                  1e-12 * a.average_speed_of_answer);
      if (lambda * h < n) {
        const auto c = erlang::erlang_c_measures(lambda * h, n, h, 2.0);
        const auto mc = erlang::chat(lambda, n, {h}, inf, inf, 2.0);
        EXPECT_NEAR(mc.wait_probability, c.wait_probability, 1e-13 * c.wait_probability);
        EXPECT_NEAR(mc.mean_queue_length, c.mean_queue_length, 1e-12 * c.mean_queue_length);
      }
    }
  }
}

TEST(Chat, EqualHandlingTimesAreOneQueueOfAllSlots) {
  // AHT_j = h at every level: each slot is a server, M/M/(n k)+M.
  const std::vector<double> aht{4.0, 4.0, 4.0};
  for (double n : {2.0, 10.0}) {
    const double lambda = 0.95 * 3 * n / 4.0;
    const auto a = erlang::erlang_a(lambda * 4.0, 3 * n, 4.0, 6.0, 1.0);
    const auto m = erlang::chat(lambda, n, aht, 6.0, inf, 1.0);
    EXPECT_NEAR(m.wait_probability, a.wait_probability, 1e-13 * a.wait_probability);
    EXPECT_NEAR(m.service_level, a.service_level, 1e-13);
    EXPECT_NEAR(m.occupancy, a.occupancy, 1e-13);
  }
}

TEST(Chat, OverloadWithoutLimitsGrowsTheQueue) {
  const auto m = erlang::chat(10.0, 2.0, {1.0, 1.5}, inf, inf, 1.0);  // capacity 2 * 2 / 1.5
  EXPECT_EQ(m.wait_probability, 1.0);
  EXPECT_EQ(m.service_level, 0.0);
  EXPECT_EQ(m.average_speed_of_answer, inf);
  EXPECT_EQ(m.occupancy, 1.0);
}

TEST(Chat, NoArrivalsNoWait) {
  const auto m = erlang::chat(0.0, 3.0, {1.0, 2.0}, 2.0, 5.0, 1.0);
  EXPECT_EQ(m.wait_probability, 0.0);
  EXPECT_EQ(m.service_level, 1.0);
  EXPECT_EQ(erlang::chat_agents_for_targets(0.0, {1.0, 2.0}, 2.0, 5.0,
                                            erlang::staffing_targets<double>{.max_asa = 1.0}),
            0.0);
}

TEST(Chat, StaffingIsTheLeastThatMeetsUnderTheChain) {
  // The answer meets the targets and one agent fewer does not, both judged by the 50-digit
  // chain (not by the code under test).
  const std::vector<double> aht{3.0, 3.6, 4.4};
  for (double lambda : {0.8, 4.0, 15.0}) {
    const erlang::staffing_targets<double> t{
        .service_level = 0.8, .answer_time = 0.5, .max_abandon = 0.05};
    const double n = erlang::chat_agents_for_targets(lambda, aht, 2.0, 20.0, t);
    ASSERT_GE(n, 1.0);
    const auto at = chat_chain(lambda, static_cast<std::uint64_t>(n), aht, 20, 2.0, 0.5);
    EXPECT_GE(at.service_level, mp(0.8)) << lambda;
    EXPECT_LE(at.abandon, mp(0.05)) << lambda;
    if (n > 1) {
      const auto below = chat_chain(lambda, static_cast<std::uint64_t>(n) - 1, aht, 20, 2.0, 0.5);
      EXPECT_TRUE(below.service_level < mp(0.8) || below.abandon > mp(0.05)) << lambda;
    }
  }
}

TEST(Chat, DomainErrorsNameFunctionAndValue) {
  const std::string f = "erlang::chat<double>";
  expect_error([] { return erlang::chat(-1.0, 2.0, {1.0}, 2.0, 3.0, 1.0); }, f, "-1");
  expect_error([] { return erlang::chat(1.0, 2.5, {1.0}, 2.0, 3.0, 1.0); }, f, "2.5");
  expect_error([] { return erlang::chat(1.0, 2.0, {}, 2.0, 3.0, 1.0); }, f,
               "Mean handling times must list at least one value");
  expect_error(
      [] {
        return erlang::chat(1.0, 2.0, {1.0, 0.0}, 2.0, 3.0, 1.0);
      },
      f, "Mean handling time must be finite and > 0, got 0");
  expect_error([] { return erlang::chat(1.0, 2.0, {1.0}, 2.0, 3.5, 1.0); }, f, "3.5");
  expect_error([] { return erlang::chat(1.0, 2.0, {1.0}, -2.0, 3.0, 1.0); }, f, "-2");
  const std::string s = "erlang::chat_agents_for_targets<double>";
  expect_error(
      [] {
        return erlang::chat_agents_for_targets(
            1.0, {1.0}, 2.0, inf, erlang::staffing_targets<double>{.max_blocking = 0.1});
      },
      s, "Chat has no blocking");
  expect_error(
      [] {
        return erlang::chat_agents_for_targets(1.0, {1.0}, 2.0, 3.0,
                                               erlang::staffing_targets<double>{});
      },
      s, "No staffing target is set");
}

}  // namespace
