#include "model_references.hpp"
#include "reference.hpp"
#include "support/expect_error.hpp"
#include "support/targets.hpp"

#include <erlang/erlang_b.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>

#include <boost/math/policies/policy.hpp>
#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace {

using namespace erlang::test;

TEST(FiniteQueueAbandonment, HypoexponentialStages) {
  // The identity behind the service level: the sum of independent Exp(mu (c + k gamma)),
  // k = 1..n, is at most t with probability I_x(n, c/gamma + 1), x = 1 - e^(-gamma t / h).
  // Checked against the partial-fraction form of the hypoexponential distribution,
  // P(V > t) = sum_k e^(-r_k t) prod_{l != k} r_l / (r_l - r_k), in 50 digits.
  for (double c : {1.0, 3.0, 17.0}) {
    for (double g : {0.05, 0.7, 4.0}) {
      for (int stages = 1; stages <= 12; ++stages) {
        const mp t = mp("0.37");
        mp survival = 0;
        double largest = 0;
        for (int kk = 1; kk <= stages; ++kk) {
          const mp rk = mp(c) + mp(kk) * mp(g);
          mp coefficient = 1;
          for (int l = 1; l <= stages; ++l) {
            if (l != kk) {
              const mp rl = mp(c) + mp(l) * mp(g);
              coefficient *= rl / (rl - rk);
            }
          }
          survival += coefficient * exp(-rk * t);
          largest = std::max(largest, static_cast<double>(abs(coefficient * exp(-rk * t))));
        }
        const mp cdf = boost::math::ibeta(mp(stages), mp(c) / mp(g) + 1, -expm1(-mp(g) * t));
        // The partial fractions alternate: allow 1e-45 of their largest term.
        EXPECT_LE(static_cast<double>(abs(cdf - (1 - survival))), 1e-45 * largest + 1e-45)
            << c << ' ' << g << ' ' << stages;
      }
    }
  }
}

TEST(FiniteQueueAbandonment, MatchesBirthDeathChainInHighPrecision) {
  worst_by_measure worst;
  const double h = 180;
  for (double c : {1.0, 4.0, 30.0, 300.0}) {
    for (double n : {0.0, 1.0, 5.0, 40.0, 400.0}) {
      for (double rho : {0.2, 0.9, 1.0, 1.2, 3.0}) {
        for (double patience : {20.0, 180.0, 1800.0}) {
          for (double t : {0.0, 20.0, 200.0}) {
            const double e = rho * c;
            const double k = c + n;
            const auto ref = mmckm_chain(e, static_cast<std::uint64_t>(c),
                                         static_cast<std::uint64_t>(k), h, patience, t);
            const auto m = erlang::finite_queue_abandonment(e, c, h, patience, k - c, t);
            // Products of n ratios carry about n rounding errors.
            worst.check(measure_pairs(m, ref), 1e-13 + 2e-16 * n,
                        "E=" + std::to_string(e) + " c=" + std::to_string(c) +
                            " K=" + std::to_string(k) + " patience=" + std::to_string(patience) +
                            " t=" + std::to_string(t));
            EXPECT_NEAR(m.mean_wait, m.mean_queue_length * h / e, 1e-14 * m.mean_wait);
          }
        }
      }
    }
  }
  std::printf("finite_queue_abandonment over %s\n", worst.summary().c_str());
}

TEST(FiniteQueueAbandonment, RandomPointsMatchBirthDeathChain) {
  random_queue_points points(123, 2000, 0.3, 3.0);
  std::uniform_real_distribution<double> log_ratio(std::log(0.02), std::log(50.0));
  worst_by_measure worst;
  for (int i = 0; i < 200; ++i) {
    const auto [c, n, e] = points.next();
    const double h = 100;
    const double patience = h * std::exp(log_ratio(points.rng()));
    const double t = h * std::exp(log_ratio(points.rng())) / 10;
    const auto ref = mmckm_chain(e, static_cast<std::uint64_t>(c),
                                 static_cast<std::uint64_t>(c + n), h, patience, t);
    const auto m = erlang::finite_queue_abandonment(e, c, h, patience, n, t);
    worst.check(measure_pairs(m, ref), 1e-13 + 2e-16 * n,
                "E=" + std::to_string(e) + " c=" + std::to_string(c) + " N=" + std::to_string(n) +
                    " patience=" + std::to_string(patience) + " t=" + std::to_string(t));
  }
  std::printf("finite_queue_abandonment random %s\n", worst.summary().c_str());
}

/// Erlang A (M/M/c+M, no capacity limit) from the closed forms of Garnett, Mandelbaum and
/// Reiman (2002) and Zeltyn and Mandelbaum (2005) in 50 digits; ASA by exp-sinh
/// quadrature of E[W | served] = P(W>0) I1 / (theta I0 (1 - P(Ab))).
struct erlang_a_reference {
  mp wait;
  mp abandon;
  mp service_level;
  mp asa;
};

erlang_a_reference erlang_a_closed_form(double e_d, double c_d, double h_d, double patience_d,
                                        double t_d) {
  const mp e = e_d;
  const mp c = c_d;
  const mp theta = 1 / mp(patience_d);
  const mp mu = 1 / mp(h_d);
  const mp a = c * mu / theta;
  const mp b = e * mu / theta;
  const mp rho = e / c;
  const mp blocking = exp(-erlang::test::log_inverse_b_sum(e, static_cast<std::uint64_t>(c_d)));
  const mp big_m = (a / b) * boost::math::gamma_p(a, b) / boost::math::gamma_p_derivative(a, b);
  erlang_a_reference r;
  r.wait = 1 / (1 + (1 / blocking - 1) / big_m);
  r.abandon = (1 - (1 - 1 / big_m) / rho) * r.wait;
  const mp y = b * exp(-theta * mp(t_d));
  r.service_level = 1 - r.wait +
                    r.wait * (a / b) *
                        (boost::math::gamma_p(a + 1, b) - boost::math::gamma_p(a + 1, y)) /
                        boost::math::gamma_p(a, b);
  boost::math::quadrature::exp_sinh<mp> integrator;
  const auto gfun = [&](const mp& v) { return exp(-a * v + b * (-expm1(-v))); };
  const mp i0 = integrator.integrate(gfun, mp("1e-40"));
  const mp i1 =
      integrator.integrate([&](const mp& v) { return v * exp(-v) * gfun(v); }, mp("1e-40"));
  r.asa = r.wait * i1 / (theta * i0 * (1 - r.abandon));
  return r;
}

TEST(FiniteQueueAbandonment, HugeCapacityApproachesErlangA) {
  double worst = 0;
  for (double c : {1.0, 8.0, 60.0}) {
    for (double rho : {0.5, 0.95, 1.3}) {
      for (double patience : {30.0, 300.0}) {
        const double e = rho * c;
        const double h = 200;
        const double t = 20;
        const auto ref = erlang_a_closed_form(e, c, h, patience, t);
        // 1e12 waiting places: the pass stops once the remaining states are negligible.
        const auto m = erlang::finite_queue_abandonment(e, c, h, patience, 1e12, t);
        EXPECT_EQ(m.blocking, 0.0);
        const double errs[4] = {relative_error(m.wait_probability, ref.wait),
                                relative_error(m.abandon_probability, ref.abandon),
                                relative_error(m.service_level, ref.service_level),
                                relative_error(m.average_speed_of_answer, ref.asa)};
        for (double err : errs) {
          EXPECT_LE(err, 1e-12) << "E=" << e << " c=" << c << " patience=" << patience;
          worst = std::max(worst, err);
        }
      }
    }
  }
  std::printf("finite_queue_abandonment vs Erlang A closed forms: worst relative error %.3g\n",
              worst);
}

TEST(FiniteQueueAbandonment, InfinitePatienceIsFiniteQueue) {
  for (double c : {1.0, 10.0, 500.0}) {
    for (double n : {0.0, 3.0, 200.0}) {
      for (double rho : {0.4, 1.0, 2.0}) {
        const double e = rho * c;
        const auto base = erlang::finite_queue(e, c, 180.0, n, 15.0);
        const auto same = erlang::finite_queue_abandonment(e, c, 180.0, INFINITY, n, 15.0);
        EXPECT_EQ(same.blocking, base.blocking);
        EXPECT_EQ(same.service_level, base.service_level);
        EXPECT_EQ(same.abandon_probability, 0.0);
        // Very patient callers: within a relative O(N gamma) of M/M/c/K.
        const double patience = 180.0 * 1e10;
        const auto near = erlang::finite_queue_abandonment(e, c, 180.0, patience, n, 15.0);
        const double tol = 1e-12 + 1e-9 * (n + 1) * (n + 1);
        EXPECT_NEAR(near.blocking, base.blocking, tol * base.blocking);
        EXPECT_NEAR(near.wait_probability, base.wait_probability, tol * base.wait_probability);
        EXPECT_NEAR(near.service_level, base.service_level, tol * base.service_level);
        EXPECT_NEAR(near.average_speed_of_answer, base.average_speed_of_answer,
                    tol * base.average_speed_of_answer);
        EXPECT_NEAR(near.mean_queue_length, base.mean_queue_length, tol * base.mean_queue_length);
        EXPECT_LE(near.abandon_probability, 2e-10 * (n + 1));
      }
    }
  }
}

TEST(FiniteQueueAbandonment, MonotoneAndBounded) {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> log_c(0, std::log(1000.0));
  std::uniform_real_distribution<double> load(0.2, 3.0);
  std::uniform_real_distribution<double> log_n(0, std::log(3000.0));
  std::uniform_real_distribution<double> log_p(std::log(5.0), std::log(5000.0));
  for (int i = 0; i < 300; ++i) {
    const double c = std::round(std::exp(log_c(rng)));
    const double e = load(rng) * c;
    const double n = std::round(std::exp(log_n(rng))) - 1;
    const double patience = std::exp(log_p(rng));
    const auto m = erlang::finite_queue_abandonment(e, c, 180.0, patience, n, 20.0);
    EXPECT_LE(m.blocking + m.wait_probability, 1.0 + 1e-14);
    EXPECT_LE(m.abandon_probability, m.wait_probability * (1 + 1e-14));
    EXPECT_LE(m.service_level, 1 - m.blocking - m.abandon_probability + 1e-14);
    EXPECT_LE(m.occupancy, 1.0);
    // One more agent, same waiting room (what the solver relies on): every measure improves.
    const double slack = 1 + 1e-12;
    const auto more = erlang::finite_queue_abandonment(e, c + 1, 180.0, patience, n, 20.0);
    EXPECT_LE(more.blocking, m.blocking * slack) << e << ' ' << c << ' ' << n << ' ' << patience;
    // P(queued) alone need not fall (calls blocked before may now queue); P(all agents busy),
    // queued or blocked, does.
    EXPECT_LE(more.wait_probability + more.blocking, (m.wait_probability + m.blocking) * slack)
        << e << ' ' << c << ' ' << n;
    EXPECT_LE(more.abandon_probability, m.abandon_probability * slack) << e << ' ' << c << ' ' << n;
    EXPECT_GE(more.service_level, m.service_level / slack) << e << ' ' << c << ' ' << n;
    EXPECT_LE(more.average_speed_of_answer, m.average_speed_of_answer * slack)
        << e << ' ' << c << ' ' << n;
    EXPECT_LE(more.occupancy, m.occupancy * slack) << e << ' ' << c << ' ' << n;
    // More patience: fewer abandon.
    const auto patient = erlang::finite_queue_abandonment(e, c, 180.0, patience * 2, n, 20.0);
    EXPECT_LE(patient.abandon_probability, m.abandon_probability * slack);
  }
}

TEST(FiniteQueueAbandonment, FixedCapacityBlockingCanRiseWithAgents) {
  // Why the solver fixes the waiting room and not the capacity: with K fixed, an extra
  // agent takes a waiting place away, and with impatient callers (who empty the queue)
  // the blocking can rise. Both values from the 50-digit chain.
  const double e = 10;
  const double k = 14;
  const double h = 180;
  const double patience = 20;
  const auto fewer = mmckm_chain(e, 8, 14, h, patience, 20.0, false);
  const auto more = mmckm_chain(e, 9, 14, h, patience, 20.0, false);
  EXPECT_GT(more.blocking, fewer.blocking);
  EXPECT_LE(
      relative_error(erlang::finite_queue_abandonment(e, 8.0, h, patience, k - 8.0, 20.0).blocking,
                     fewer.blocking),
      1e-14);
  EXPECT_LE(
      relative_error(erlang::finite_queue_abandonment(e, 9.0, h, patience, k - 9.0, 20.0).blocking,
                     more.blocking),
      1e-14);
}

TEST(FiniteQueueAbandonment, AgentsForTargetsIsMinimal) {
  std::mt19937_64 rng(41);
  std::uniform_real_distribution<double> log_e(std::log(0.2), std::log(800.0));
  std::uniform_real_distribution<double> log_p(std::log(20.0), std::log(2000.0));
  std::uniform_real_distribution<double> log_n(0, std::log(300.0));
  std::uniform_int_distribution<int> kind(0, 4);
  for (int i = 0; i < 150; ++i) {
    const double e = std::exp(log_e(rng));
    const double n = std::round(std::exp(log_n(rng))) - 1;
    const double h = 180;
    const double patience = std::exp(log_p(rng));
    const std::array<erlang::staffing_targets<double>, 5> kinds = {
        {{.max_abandon = 0.05},
         {.service_level = 0.8, .answer_time = 20},
         {.max_asa = 10, .max_abandon = 0.1},
         {.max_occupancy = 0.85, .max_blocking = 0.002},
         {.max_wait_probability = 0.4}}};
    const auto t = kinds.at(static_cast<std::size_t>(kind(rng)));
    const auto meets = [&](double c) {
      return erlang::test::meets_by_definition(
          erlang::finite_queue_abandonment(e, c, h, patience, n, t.answer_time), t);
    };
    const double c = erlang::finite_queue_abandonment_agents_for_targets(e, h, patience, n, t);
    erlang::test::expect_least_count(meets, c, e, n);
  }
}

TEST(FiniteQueueAbandonment, WideTypes) {
  const auto ref = mmckm_chain(9.5, 10, 16, 180.0, 90.0, 20.0);
  const auto hp = erlang::finite_queue_abandonment(mp(9.5), mp(10), mp(180), mp(90), mp(6), mp(20));
  EXPECT_LE(static_cast<double>(abs((hp.blocking - ref.blocking) / ref.blocking)), 1e-45);
  EXPECT_LE(static_cast<double>(abs((hp.abandon_probability - ref.abandon) / ref.abandon)), 1e-45);
  EXPECT_LE(static_cast<double>(abs((hp.service_level - ref.service_level) / ref.service_level)),
            1e-45);
  EXPECT_LE(static_cast<double>(abs((hp.average_speed_of_answer - ref.asa) / ref.asa)), 1e-45);
  const auto ld = erlang::finite_queue_abandonment(9.5L, 10.0L, 180.0L, 90.0L, 6.0L, 20.0L);
  EXPECT_LE(
      static_cast<double>(abs((mp(ld.service_level) - ref.service_level) / ref.service_level)),
      1e-17);
  EXPECT_LE(static_cast<double>(abs((mp(ld.abandon_probability) - ref.abandon) / ref.abandon)),
            1e-17);
  const auto f = erlang::finite_queue_abandonment(9.5f, 10.0f, 180.0f, 90.0f, 6.0f, 20.0f);
  EXPECT_LE(static_cast<double>(abs((mp(f.blocking) - ref.blocking) / ref.blocking)), 1e-6);
  // The solver in every type.
  erlang::staffing_targets<double> td;
  td.max_abandon = 0.05;
  const double agents =
      erlang::finite_queue_abandonment_agents_for_targets(9.5, 180.0, 90.0, 6.0, td);
  erlang::staffing_targets<mp> tm;
  tm.max_abandon = mp(0.05);
  EXPECT_EQ(
      erlang::finite_queue_abandonment_agents_for_targets(mp(9.5), mp(180), mp(90), mp(6), tm),
      mp(agents));
  erlang::staffing_targets<long double> tl;
  tl.max_abandon = 0.05L;
  EXPECT_EQ(erlang::finite_queue_abandonment_agents_for_targets(9.5L, 180.0L, 90.0L, 6.0L, tl),
            agents);
}

// Fuzz finding (models_contract): answer times of 1e300 handling times made the
// negative-binomial weights of the service level overflow (NaN). Every queued call is
// answered or abandons in the end, so the service level there is 1 - blocking -
// abandonment (the chain in 50 digits agrees).
TEST(FiniteQueueAbandonment, AnswerTimesOfManyHandlingTimes) {
  const std::pair<double, double> times[] = {
      {0x1.066p-1019, 18}, {1.8243867300807093e-300, 18}, {1.0, 1e300}, {1.0, 5000.0}};
  for (const auto& [h, t] : times) {
    for (const auto& [e, c, k] : {std::tuple{10.0, 14U, 19U}, std::tuple{50.0, 40U, 60U},
                                  std::tuple{1000.0, 990U, 1500U}}) {
      const double patience = 300 * h;
      const auto m = erlang::finite_queue_abandonment(e, double(c), h, patience, double(k - c), t);
      const auto ref = mmckm_chain(e, c, k, h, patience, t);
      EXPECT_LE(relative_error(m.service_level, ref.service_level), 1e-13) << h << ' ' << t;
      EXPECT_LE(relative_error(m.service_level, 1 - ref.blocking - ref.abandon), 1e-13)
          << h << ' ' << t;
    }
  }
}

// Fuzz finding (models_contract): with patience far above h and an answer time far below
// it, the service level's incomplete gamma P(a, x) (a of hundreds, x of 1e-98) raised
// Boost.Math's overflow error from tgamma(a + 1), where the term is below the smallest
// double. The chain in 50 digits gives the service level.
TEST(FiniteQueueAbandonment, AnswerTimesFarBelowTheHandlingTime) {
  for (double t : {1e-100, 1e-30}) {
    const auto m = erlang::finite_queue_abandonment(50.0, 40.0, 1.0, 1e30, 300.0, t);
    const auto ref = mmckm_chain(50.0, 40, 340, 1.0, 1e30, t);
    EXPECT_LE(relative_error(m.service_level, ref.service_level), 1e-13) << t;
  }
}

// Fuzz finding (models_contract): with thousands of agents slightly overloaded, patience
// of 1000 h and an answer time of 10 h, the service level came out above the answered
// calls (by 2.4e-9 at 16 000 agents): the negative-binomial weights' scale was summed over
// hundreds of rescales, each adding its rounding. Against the chain in 50 digits.
TEST(FiniteQueueAbandonment, ManyAgentsSlightlyOverloaded) {
  double worst = 0;
  for (std::uint32_t c : {1000U, 4000U, 16000U}) {
    const double e = 1.008 * c;
    const std::uint32_t k = 14 * c;  // the queue settles near 8 c
    const auto m = erlang::finite_queue_abandonment(e, double(c), 1.0, 1000.0, double(k - c), 10.0);
    const auto ref = mmckm_chain(e, c, k, 1.0, 1000.0, 10.0);
    worst = std::max(worst, relative_error(m.service_level, ref.service_level));
    // d(0) = e^-(c + g) s is e^-160000 at 16 000 agents: its exponent alone carries
    // 160000 eps = 2e-11 of rounding.
    EXPECT_LE(relative_error(m.service_level, ref.service_level), 5e-11) << c;
    EXPECT_LE(m.service_level, 1 - m.blocking - m.abandon_probability) << c;
  }
  std::printf("many agents, slightly overloaded: worst relative error of the service level %.2e\n",
              worst);
}

// Fuzz finding (models_contract): with patience 1e-245 of h the abandonment rate per
// waiting call, g = h / patience, is 7e245, and the weight of each queue state (scaled up
// to 2^332) times g overflowed before the division by c + (j + 1) g: P(abandon) was +inf.
// Against the chain in 50 digits: nearly every call is blocked, and the few admitted
// (2.1e-48) all abandon.
TEST(FiniteQueueAbandonment, AbandonmentRateNearTheTopOfTheRange) {
  const double e = 1.7553415484290228e294;
  const double h = 7.9699999999999713;
  for (double patience : {1.090106304204316e-245, 1e-280}) {
    const auto m = erlang::finite_queue_abandonment(e, 2.0, h, patience, 5.0, 0.0);
    const auto ref = mmckm_chain(e, 2, 7, h, patience, 0.0, false);
    EXPECT_LE(relative_error(m.abandon_probability, ref.abandon), 1e-13) << patience;
    EXPECT_LE(relative_error(m.wait_probability, ref.wait), 1e-13) << patience;
    EXPECT_LE(relative_error(m.blocking, ref.blocking), 1e-15) << patience;
  }
}

TEST(FiniteQueueAbandonment, VeryShortPatienceIsErlangB) {
  // patience / h = 1e-280: a caller who finds every agent busy leaves at once, so the
  // waiting places stay empty and P(abandon) = B(c, E).
  for (const double c : {1.0, 4.0, 30.0}) {
    const double e = 0.75 * c;
    const auto m = erlang::finite_queue_abandonment(e, c, 1.0, 1e-280, 20, 0.0);
    EXPECT_NEAR(m.abandon_probability / erlang::erlang_b(e, c), 1.0, 1e-12) << c;
    EXPECT_EQ(m.blocking, 0.0) << c;
  }
  // A patience below 1e-290 handling times is outside the domain.
  expect_error(
      [] {
        return erlang::finite_queue_abandonment(3.0, 4, 1.0, 8.3e-311, 20, 0.0).abandon_probability;
      },
      "erlang::finite_queue_abandonment", "at least 1e-290 mean handling times, got 8.3");
}

TEST(FiniteQueueAbandonment, VeryLongPatienceIsFiniteQueueAtAnyTraffic) {
  // patience / h = 1e300: nobody abandons, so every measure is M/M/c/K's (the model
  // without abandonment, evaluated by its own code). Traffic of 1e154 per server once
  // overflowed the queue weights (one step multiplied them by more than the rescaling).
  for (const double e : {10.0, 1e154, 1e300}) {
    const auto m = erlang::finite_queue_abandonment(e, 3, 3.0, 3e300, 3, 3.0);
    const auto ref = erlang::finite_queue(e, 3, 3.0, 3, 3.0);
    EXPECT_NEAR(m.blocking, ref.blocking, 1e-14 * ref.blocking) << e;
    EXPECT_NEAR(m.wait_probability, ref.wait_probability, 1e-13 * ref.wait_probability) << e;
    EXPECT_NEAR(m.service_level, ref.service_level, 1e-13 * ref.service_level) << e;
    EXPECT_NEAR(m.mean_queue_length, ref.mean_queue_length, 1e-13 * ref.mean_queue_length) << e;
    EXPECT_LE(m.abandon_probability, 1e-290) << e;
  }
  // With abandonment at that traffic: the queue is always full, so P(abandon) is the
  // abandonment rate of 3 waiting callers over the arrival rate, 3 theta / lambda.
  const auto full = erlang::finite_queue_abandonment(1e154, 3, 3.0, 3.0, 3, 3.0);
  EXPECT_NEAR(full.abandon_probability / (3 * (1.0 / 3.0) / (1e154 / 3.0)), 1.0, 1e-12);
  EXPECT_NEAR(full.blocking, 1.0, 1e-12);
}

TEST(FiniteQueueAbandonment, DomainErrorsNameFunctionAndValue) {
  const std::string f = "erlang::finite_queue_abandonment";
  expect_error(
      [] { return erlang::finite_queue_abandonment(10.0, 12, 5e-322, 300.0, 20, 20.0).blocking; },
      f, "Answer time / mean handling time overflows, got an answer time of 20");
  expect_error(
      [] { return erlang::finite_queue_abandonment(-1.0, 2, 180.0, 60.0, 1, 20.0).blocking; }, f,
      "Traffic must be finite and >= 0, got -1");
  expect_error(
      [] { return erlang::finite_queue_abandonment(1.0, 0.5, 180.0, 60.0, 2.5, 20.0).blocking; }, f,
      "Agents must be an integer >= 1, got 0.5");
  expect_error(
      [] { return erlang::finite_queue_abandonment(1.0, 2, 180.0, 60.0, -1, 20.0).blocking; }, f,
      "Waiting places must be an integer >= 0, got -1");
  expect_error(
      [] { return erlang::finite_queue_abandonment(1.0, 2, 180.0, 60.0, 1.5, 20.0).blocking; }, f,
      "Waiting places must be an integer >= 0, got 1.5");
  expect_error([] { return erlang::finite_queue_abandonment(1.0, 2, 0.0, 60.0, 1, 20.0).blocking; },
               f, "Mean handling time must be finite and > 0, got 0");
  expect_error(
      [] { return erlang::finite_queue_abandonment(1.0, 2, 180.0, 0.0, 1, 20.0).blocking; }, f,
      "Mean patience must be > 0 (+infinity: no abandonment), got 0");
  expect_error(
      [] {
        return erlang::finite_queue_abandonment(1.0, 2, 180.0, std::nan(""), 1, 20.0).blocking;
      },
      f, "Mean patience must be > 0 (+infinity: no abandonment), got nan");
  expect_error(
      [] { return erlang::finite_queue_abandonment(1.0, 2, 180.0, 60.0, 1, -2.0).blocking; }, f,
      "Answer time must be finite and >= 0, got -2");
  const std::string s = "erlang::finite_queue_abandonment_agents_for_targets";
  const auto solve = [](double e, double h, double patience, double n,
                        const erlang::staffing_targets<double>& t) {
    return erlang::finite_queue_abandonment_agents_for_targets(e, h, patience, n, t);
  };
  erlang::staffing_targets<double> none;
  erlang::staffing_targets<double> good;
  good.max_abandon = 0.05;
  expect_error([&] { return solve(5.0, 180.0, 60.0, 20.0, none); }, s, "No staffing target is set");
  expect_error([&] { return solve(5.0, 180.0, -60.0, 20.0, good); }, s,
               "Mean patience must be > 0 (+infinity: no abandonment), got -60");
  expect_error([&] { return solve(-5.0, 180.0, 60.0, 20.0, good); }, s,
               "Traffic must be finite and >= 0, got -5");
  expect_error([&] { return solve(5.0, 180.0, 60.0, 2.5, good); }, s,
               "Waiting places must be an integer >= 0, got 2.5");
  erlang::staffing_targets<double> bad;
  bad.max_abandon = 1.0;
  expect_error([&] { return solve(5.0, 180.0, 60.0, 20.0, bad); }, s,
               "Abandonment target must be in (0, 1), got 1");
  expect_error(
      [&] {
        return solve(5.0, 180.0, 60.0, 20.0, erlang::staffing_targets<double>{.max_blocking = 0.0});
      },
      s, "Blocking target must be in (0, 1), got 0");
  EXPECT_EQ(erlang::finite_queue_abandonment_agents_for_targets(0.0, 180.0, 60.0, 20.0, good), 0.0);
  // A subnormal patience (1e-320 s against 180 s): below 1e-290 handling times, a domain
  // error in the evaluation and in the solver.
  expect_error(
      [&] {
        return erlang::finite_queue_abandonment_agents_for_targets(10.0, 180.0, 1e-320, 5.0, good);
      },
      s, "Mean patience must be at least 1e-290 mean handling times, got 9.99988");
  expect_error(
      [] {
        return erlang::finite_queue_abandonment(10.0, 12.0, 180.0, 1e-320, 3.0, 20.0).blocking;
      },
      "erlang::finite_queue_abandonment",
      "Mean patience must be at least 1e-290 mean handling times");
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  EXPECT_TRUE(std::isnan(
      erlang::finite_queue_abandonment(1.0, 2.0, 180.0, -1.0, 1.0, 1.0, nan_policy()).blocking));
  EXPECT_TRUE(std::isnan(erlang::finite_queue_abandonment_agents_for_targets(1.0, 180.0, -1.0, 3.0,
                                                                             good, nan_policy())));
}

}  // namespace
