#include "model_references.hpp"
#include "reference.hpp"
#include "support/birth_death_chain.hpp"
#include "support/expect_error.hpp"
#include "support/grids.hpp"
#include "support/simulation_agreement.hpp"

#include <erlang/erlang_c.hpp>
#include <erlang/erlang_x.hpp>
#include <erlang/simulation.hpp>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>

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

/// P(abandon within t) of M/M/c/(c + N)+M in 50 digits, by the partial fractions of the
/// hypoexponential time to service: a caller finding j waiting reaches service after
/// exponential stages of rates r_k = c/h + k/patience (k = 0..j), P(S_j > s) =
/// sum_k C_k e^(-r_k s), C_k = prod_(l != k) r_l / (r_l - r_k), and abandons within t with
/// probability sum_k C_k theta (1 - e^(-(theta + r_k) t)) / (theta + r_k).
mp abandon_within_reference(double e_d, std::uint64_t c, std::uint64_t n, double h_d,
                            double patience_d, double t_d) {
  const mp e = e_d;
  const mp h = h_d;
  const mp theta = 1 / mp(patience_d);
  const mp t = t_d;
  const birth_death_chain chain(
      c + n, [&](std::uint64_t) -> const mp& { return e; },
      [&](std::uint64_t i) { return i <= c ? mp(i) : mp(c) + mp(i - c) * mp(h_d) * theta; });
  mp total = 0;
  for (std::uint64_t j = 0; j < n; ++j) {
    std::vector<mp> rates;
    for (std::uint64_t k = 0; k <= j; ++k) {
      rates.push_back(mp(c) / h + mp(k) * theta);
    }
    mp within = 0;
    for (std::size_t k = 0; k < rates.size(); ++k) {
      mp coefficient = 1;
      for (std::size_t l = 0; l < rates.size(); ++l) {
        if (l != k) {
          coefficient *= rates[l] / (rates[l] - rates[k]);
        }
      }
      within += coefficient * theta * (-expm1(-(theta + rates[k]) * t)) / (theta + rates[k]);
    }
    total += chain.probability(c + j) * within;
  }
  return total;
}

TEST(ErlangX, AbandonWithinAnswerTimeMatchesPartialFractionsInHighPrecision) {
  double worst = 0;
  for (std::uint64_t c : {1U, 4U, 12U}) {
    for (std::uint64_t n : {1U, 3U, 8U}) {
      for (double load : {0.6, 1.0, 1.7}) {
        for (double patience : {0.4, 3.0}) {
          for (double t : {0.05, 0.5, 4.0}) {
            const double e = load * static_cast<double>(c);
            erlang::erlang_x_model<double> model;
            model.waiting_places = static_cast<double>(n);
            model.mean_patience = patience;
            const auto x = erlang::erlang_x(e, static_cast<double>(c), 1.0, model, t);
            const mp ref = abandon_within_reference(e, c, n, 1.0, patience, t);
            worst = std::max(worst, relative_error(x.abandon_within_answer_time, ref));
          }
        }
      }
    }
  }
  std::printf("erlang_x abandon within t: worst relative error %.3g\n", worst);
  EXPECT_LE(worst, 1e-13);
}

TEST(ErlangX, WithoutRedialsIsTheFiniteQueueWithAbandonmentInHighPrecision) {
  double worst = 0;
  for (double c : {2.0, 10.0, 40.0}) {
    for (double load : {0.7, 1.05, 1.5}) {
      erlang::erlang_x_model<double> model;
      model.waiting_places = 15;
      model.mean_patience = 2.5;
      const double e = load * c;
      const auto x = erlang::erlang_x(e, c, 1.0, model, 0.3);
      const auto ref = mmckm_chain(e, static_cast<std::uint64_t>(c),
                                   static_cast<std::uint64_t>(c) + 15, 1.0, 2.5, 0.3);
      for (const auto& [v, r] :
           {std::pair{x.blocking, ref.blocking}, std::pair{x.abandon_probability, ref.abandon},
            std::pair{x.service_level, ref.service_level},
            std::pair{x.average_speed_of_answer, ref.asa},
            std::pair{x.service_level_of_answered,
                      ref.service_level / (1 - ref.blocking - ref.abandon)}}) {
        worst = std::max(worst, relative_error(v, r));
      }
      EXPECT_EQ(x.total_traffic, e);
      EXPECT_EQ(x.redial_rate, 0.0);
    }
  }
  std::printf("erlang_x without redials: worst relative error %.3g\n", worst);
  EXPECT_LE(worst, 1e-13);
}

TEST(ErlangX, RedialFixedPointBalancesTheChainInHighPrecision) {
  // The total traffic E_t must satisfy E_t = E + E_t (r_a P_ab + r_b B), with P_ab and B
  // from the 50-digit chain at E_t.
  for (double e0 : {3.0, 18.0, 45.0}) {
    erlang::erlang_x_model<double> model;
    model.waiting_places = 10;
    model.mean_patience = 1.5;
    model.redial_after_abandon = 0.6;
    model.redial_after_blocking = 0.8;
    model.mean_redial_delay = 5;
    const auto x = erlang::erlang_x(e0, 20.0, 1.0, model, 0.2);
    const auto ref = mmckm_chain(x.total_traffic, 20, 30, 1.0, 1.5, 0.2, false);
    const mp et = x.total_traffic;
    const mp residual = et - mp(e0) - et * (mp(0.6) * ref.abandon + mp(0.8) * ref.blocking);
    EXPECT_LE(static_cast<double>(abs(residual) / et), 1e-14) << e0;
    EXPECT_GT(x.total_traffic, e0);
    EXPECT_NEAR(x.callers_between_attempts, x.redial_rate * 5, 1e-15 * x.redial_rate * 5);
    EXPECT_NEAR(x.redial_rate, (x.total_traffic - e0) / 1.0, 1e-13 * x.total_traffic);
  }
}

TEST(ErlangX, UnlimitedQueueWithoutPatienceIsErlangC) {
  const auto x = erlang::erlang_x(8.0, 10.0, 3.0, erlang::erlang_x_model<double>{}, 1.0);
  const auto c = erlang::erlang_c_measures(8.0, 10.0, 3.0, 1.0);
  EXPECT_EQ(x.wait_probability, c.wait_probability);
  EXPECT_EQ(x.service_level, c.service_level);
  EXPECT_EQ(x.abandon_within_answer_time, 0.0);
}

TEST(ErlangX, FractionalAgentsInterpolateLinearly) {
  erlang::erlang_x_model<double> model;
  model.waiting_places = 6;
  model.mean_patience = 2;
  const auto lo = erlang::erlang_x(9.0, 10.0, 1.0, model, 0.5);
  const auto hi = erlang::erlang_x(9.0, 11.0, 1.0, model, 0.5);
  const auto mid = erlang::erlang_x(9.0, 10.25, 1.0, model, 0.5);
  EXPECT_NEAR(mid.service_level, 0.75 * lo.service_level + 0.25 * hi.service_level, 1e-15);
  EXPECT_NEAR(mid.abandon_probability,
              0.75 * lo.abandon_probability + 0.25 * hi.abandon_probability, 1e-16);
}

TEST(ErlangX, ForecastUncertaintyAgreesWithAdaptiveQuadrature) {
  // The 30-point rule in probability space against adaptive Gauss-Kronrod over the gamma
  // density in traffic space (another method, to its own 1e-12), for the per-call service
  // level, weighted by the traffic; and a vanishing variance gives the known forecast.
  erlang::erlang_x_model<double> model;
  model.waiting_places = 20;
  model.mean_patience = 3;
  const double e0 = 25;
  double worst = 0;
  for (double variance : {4.0, 25.0, 100.0, 400.0}) {
    model.traffic_variance = variance;
    const auto x = erlang::erlang_x(e0, 27.0, 1.0, model, 0.2);
    const boost::math::gamma_distribution<double> dist(e0 * e0 / variance, variance / e0);
    erlang::erlang_x_model<double> known = model;
    known.traffic_variance = 0;
    const auto integrand = [&](double e, bool weighted_sl) {
      if (e <= 0) {
        return 0.0;
      }
      const auto m = erlang::erlang_x(e, 27.0, 1.0, known, 0.2);
      return boost::math::pdf(dist, e) * e * (weighted_sl ? m.service_level : 1.0);
    };
    using kronrod = boost::math::quadrature::gauss_kronrod<double, 31>;
    const double top = e0 + 40 * std::sqrt(variance);  // the mass beyond is below 1e-40
    const double num =
        kronrod::integrate([&](double e) { return integrand(e, true); }, 0.0, top, 15, 1e-12);
    const double den =
        kronrod::integrate([&](double e) { return integrand(e, false); }, 0.0, top, 15, 1e-12);
    worst = std::max(worst, std::abs(x.service_level - num / den));
  }
  std::printf("erlang_x forecast uncertainty: worst difference %.3g\n", worst);
  EXPECT_LE(worst, 1e-12);
  model.traffic_variance = 1e-12;
  const auto tiny = erlang::erlang_x(e0, 27.0, 1.0, model, 0.2);
  model.traffic_variance = 0;
  const auto none = erlang::erlang_x(e0, 27.0, 1.0, model, 0.2);
  EXPECT_NEAR(tiny.service_level, none.service_level, 1e-9);
}

TEST(ErlangX, ServiceLevelDefinitions) {
  erlang::erlang_x_model<double> model;
  model.waiting_places = 12;
  model.mean_patience = 1;
  const auto offered = erlang::erlang_x(11.0, 12.0, 1.0, model, 0.5);
  model.definition = erlang::service_level_definition::answered;
  const auto answered = erlang::erlang_x(11.0, 12.0, 1.0, model, 0.5);
  model.definition = erlang::service_level_definition::offered_without_short_abandons;
  const auto staying = erlang::erlang_x(11.0, 12.0, 1.0, model, 0.5);
  const auto ref = mmckm_chain(11.0, 12, 24, 1.0, 1.0, 0.5);
  const mp within = abandon_within_reference(11.0, 12, 12, 1.0, 1.0, 0.5);
  EXPECT_LE(relative_error(offered.service_level, ref.service_level), 1e-13);
  EXPECT_LE(
      relative_error(answered.service_level, ref.service_level / (1 - ref.blocking - ref.abandon)),
      1e-13);
  EXPECT_LE(relative_error(staying.service_level, ref.service_level / (1 - within)), 1e-13);
  EXPECT_LT(offered.service_level, staying.service_level);
  EXPECT_LT(staying.service_level, answered.service_level);
}

TEST(ErlangX, StaffingIsTheLeastThatMeets) {
  // Without redials judged by the 50-digit chain; with redials by the model itself.
  erlang::erlang_x_model<double> model;
  model.waiting_places = 10;
  model.mean_patience = 2;
  const erlang::staffing_targets<double> t{.service_level = 0.8, .answer_time = 0.3};
  for (double e : {2.0, 20.0, 150.0}) {
    const double c = erlang::erlang_x_agents_for_targets(e, 1.0, model, t);
    const auto at = mmckm_chain(e, static_cast<std::uint64_t>(c),
                                static_cast<std::uint64_t>(c) + 10, 1.0, 2.0, 0.3);
    EXPECT_GE(at.service_level, mp(0.8)) << e;
    const auto below = mmckm_chain(e, static_cast<std::uint64_t>(c) - 1,
                                   static_cast<std::uint64_t>(c) + 9, 1.0, 2.0, 0.3);
    EXPECT_LT(below.service_level, mp(0.8)) << e;
  }
  model.redial_after_abandon = 0.7;
  model.redial_after_blocking = 0.9;
  const double c = erlang::erlang_x_agents_for_targets(40.0, 1.0, model, t);
  EXPECT_GE(erlang::erlang_x(40.0, c, 1.0, model, 0.3).service_level, 0.8);
  EXPECT_LT(erlang::erlang_x(40.0, c - 1, 1.0, model, 0.3).service_level, 0.8);
}

TEST(ErlangX, LargestTrafficMeetsAndATouchMoreDoesNot) {
  // Without redials judged by the 50-digit chain, with a forecast variance by the model.
  erlang::erlang_x_model<double> model;
  model.waiting_places = 8;
  model.mean_patience = 2;
  const erlang::staffing_targets<double> t{.service_level = 0.8, .answer_time = 0.3};
  for (double c : {3.0, 25.0}) {
    const double e = erlang::erlang_x_traffic_for_targets(c, 1.0, model, t);
    const auto n = static_cast<std::uint64_t>(c);
    EXPECT_GE(mmckm_chain(e, n, n + 8, 1.0, 2.0, 0.3).service_level, mp(0.8)) << c;
    EXPECT_LT(mmckm_chain(e * (1 + 1e-9), n, n + 8, 1.0, 2.0, 0.3).service_level, mp(0.8)) << c;
  }
  model.traffic_variance = 9;
  const double e = erlang::erlang_x_traffic_for_targets(25.0, 1.0, model, t);
  EXPECT_GE(erlang::erlang_x(e, 25.0, 1.0, model, 0.3).service_level, 0.8);
  EXPECT_LT(erlang::erlang_x(e * (1 + 1e-9), 25.0, 1.0, model, 0.3).service_level, 0.8);
}

// Against the simulator (20 replications of 50 000 calls at fixed seeds, every measure
// within 3 standard errors but for the binomial share of misses, none beyond 6): without
// redials the model is exact; with redials after a mean delay of 50 handling times the
// redial stream is close to the Poisson stream the fixed point assumes.
TEST(ErlangX, AgreesWithTheSimulator) {
  agreement a;
  const double h = 1;
  const double t = 0.3;
  std::uint64_t seed = 900;
  erlang::test::for_each_combination(
      [&](int c, double rho, int places, bool redials) {
        erlang::erlang_x_model<double> model;
        model.waiting_places = places;
        model.mean_patience = 1;
        if (redials) {
          model.redial_after_abandon = 0.5;
          model.redial_after_blocking = 0.7;
          model.mean_redial_delay = 50;
        }
        const double e = rho * c;
        auto m = erlang::test::markovian_model(e, c, h, t, model.mean_patience, places);
        if (redials) {
          m.abandoned_redial = {model.redial_after_abandon, model.mean_redial_delay};
          m.blocked_redial = {model.redial_after_blocking, model.mean_redial_delay};
        }
        const auto r = erlang::simulate(m, erlang::test::stationary_options(++seed, 50000)).overall;
        const auto x = erlang::erlang_x(e, c, h, model, t);
        const std::string p = "c = " + std::to_string(c) + ", E = " + std::to_string(e) +
                              ", N = " + std::to_string(places) + (redials ? ", redials" : "");
        a.check(p, "blocking", r.blocking_probability, x.blocking, 0.2);
        a.check(p, "P(abandon)", r.abandon_probability, x.abandon_probability, 0.2);
        a.check(p, "service level of offered", r.service_level, x.service_level_of_offered, 0.2);
        a.check(p, "service level of answered", r.service_level_of_answered,
                x.service_level_of_answered, 0.2);
        a.check(p, "service level without short abandons", r.service_level_excluding_early_abandon,
                x.service_level_without_short_abandons, 0.2);
        a.check(p, "ASA", r.average_speed_of_answer, x.average_speed_of_answer, h);
        a.check(p, "occupancy", r.occupancy, x.occupancy, 0.2);
      },
      {5, 20}, {0.9, 1.2}, {3, 15}, {false, true});
  a.verify();
}

TEST(ErlangX, DomainErrorsNameFunctionAndValue) {
  const std::string f = "erlang::erlang_x<double>";
  erlang::erlang_x_model<double> model;
  expect_error([&] { return erlang::erlang_x(-1.0, 2.0, 1.0, model, 1.0); }, f, "-1");
  expect_error([&] { return erlang::erlang_x(1.0, 0.5, 1.0, model, 1.0); }, f,
               "Agents must be finite and >= 1, got 0.5");
  model.redial_after_abandon = 1;
  expect_error([&] { return erlang::erlang_x(1.0, 2.0, 1.0, model, 1.0); }, f,
               "Redial probability after abandoning must be in [0, 1), got 1");
  model.redial_after_abandon = 0;
  model.waiting_places = 2.5;
  expect_error([&] { return erlang::erlang_x(1.0, 2.0, 1.0, model, 1.0); }, f, "2.5");
  model.waiting_places = inf;
  expect_error(
      [&] {
        return erlang::erlang_x_agents_for_targets(
            1.0, 1.0, model, erlang::staffing_targets<double>{.max_abandon = 0.1});
      },
      "erlang::erlang_x_agents_for_targets<double>", "Erlang X has no abandonment");
}

}  // namespace
