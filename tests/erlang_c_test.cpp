#include "reference.hpp"
#include "support/expect_error.hpp"

#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/measures.hpp>
#include <erlang/staffing.hpp>

#include <boost/math/policies/policy.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

namespace {

using namespace erlang::test;

constexpr double inf = std::numeric_limits<double>::infinity();

TEST(ErlangC, ClassicCallCentreCase) {
  // 100 calls per 30 minutes, AHT 180 s, 14 agents: E = 10 erlangs.
  const double e = 100.0 / 1800.0 * 180.0;
  EXPECT_NEAR(erlang::erlang_c(e, 14), 0.174132, 5e-7);
  EXPECT_NEAR(erlang::service_level(e, 14, 180, 20), 0.888350, 5e-7);
  EXPECT_NEAR(erlang::average_speed_of_answer(e, 14, 180), 7.836, 5e-4);
  EXPECT_NEAR(erlang::occupancy(e, 14), 0.7143, 5e-5);
}

TEST(ErlangC, MatchesClosedFormInHighPrecision) {
  double worst_c = 0;
  double worst_sl = 0;
  double worst_asa = 0;
  int points = 0;
  for (double m : {1.0, 2.0, 7.0, 14.0, 50.0, 99.0, 101.0, 500.0, 2500.0, 1e4, 1e5, 1e6, 1e7, 3.5,
                   150.25, 40000.5}) {
    for (double rho : {1e-6, 0.01, 0.3, 0.7, 0.9, 0.99, 0.999, 0.999999}) {
      const double e = rho * m;
      const mp c_ref =
          erlang::test::erlang_c_from_log_inverse_b(e, m, erlang::test::log_inverse_b(e, m));
      if (c_ref < mp("1e-100")) {
        continue;
      }
      const double err_c = relative_error(erlang::erlang_c(e, m), c_ref);
      EXPECT_LE(err_c, 1e-13) << "E=" << e << " m=" << m;
      worst_c = std::max(worst_c, err_c);
      // Service level 1 - C exp(-(m - E) t / h) with h = 180, t = 20.
      const mp k = (mp(m) - mp(e)) * 20 / 180;
      const mp sl_ref = 1 - c_ref * exp(-k);
      const double err_sl = relative_error(erlang::service_level(e, m, 180.0, 20.0), sl_ref);
      EXPECT_LE(err_sl, 1e-13) << "E=" << e << " m=" << m;
      worst_sl = std::max(worst_sl, err_sl);
      const mp asa_ref = c_ref * 180 / (mp(m) - mp(e));
      const double err_asa = relative_error(erlang::average_speed_of_answer(e, m, 180.0), asa_ref);
      EXPECT_LE(err_asa, 1e-13) << "E=" << e << " m=" << m;
      worst_asa = std::max(worst_asa, err_asa);
      EXPECT_LE(relative_error(erlang::mean_queue_length(e, m), c_ref * mp(e) / (mp(m) - mp(e))),
                1e-13);
      ++points;
    }
  }
  std::printf(
      "erlang_c over %d points: worst relative error C %.3g, service level %.3g, "
      "ASA %.3g\n",
      points, worst_c, worst_sl, worst_asa);
}

// erlang_c_measures: every measure in one call, against the closed forms in 50 digits.
void expect_error_measures() {
  try {
    (void)erlang::erlang_c_measures(10.0, 0.0, 180.0, 20.0);
    ADD_FAILURE() << "no domain error";
  } catch (const std::domain_error& ex) {
    const std::string what = ex.what();
    EXPECT_NE(what.find("erlang::erlang_c_measures<double>"), std::string::npos) << what;
    EXPECT_NE(what.find("Servers must be finite and > 0, got 0"), std::string::npos) << what;
  }
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  EXPECT_TRUE(
      std::isnan(erlang::erlang_c_measures(-1.0, 3.0, 180.0, 20.0, nan_policy()).occupancy));
}

TEST(ErlangC, MeasuresMatchClosedFormInHighPrecision) {
  for (double m : {1.0, 7.0, 14.0, 101.0, 2500.0, 1e5, 3.5, 150.25}) {
    for (double rho : {0.01, 0.3, 0.7, 0.9, 0.99, 0.999}) {
      const double e = rho * m;
      const mp c =
          erlang::test::erlang_c_from_log_inverse_b(e, m, erlang::test::log_inverse_b(e, m));
      if (c < mp("1e-100")) {
        continue;
      }
      const auto r = erlang::erlang_c_measures(e, m, 180.0, 20.0);
      const mp slack = mp(m) - mp(e);
      EXPECT_EQ(r.blocking, 0.0);
      EXPECT_EQ(r.abandon_probability, 0.0);
      EXPECT_LE(relative_error(r.wait_probability, c), 1e-13) << "E=" << e << " m=" << m;
      EXPECT_LE(relative_error(r.service_level, 1 - c * exp(-slack * 20 / 180)), 1e-13)
          << "E=" << e << " m=" << m;
      EXPECT_LE(relative_error(r.average_speed_of_answer, c * 180 / slack), 1e-13)
          << "E=" << e << " m=" << m;
      EXPECT_LE(relative_error(r.mean_wait, c * 180 / slack), 1e-13) << "E=" << e << " m=" << m;
      EXPECT_LE(relative_error(r.mean_queue_length, c * mp(e) / slack), 1e-13)
          << "E=" << e << " m=" << m;
      EXPECT_LE(relative_error(r.occupancy, mp(e) / mp(m)), 1e-15) << "E=" << e << " m=" << m;
    }
  }
  // The overload rule, and no traffic.
  const auto over = erlang::erlang_c_measures(15.0, 14.0, 180.0, 20.0);
  EXPECT_EQ(over.wait_probability, 1.0);
  EXPECT_EQ(over.service_level, 0.0);
  EXPECT_EQ(over.average_speed_of_answer, std::numeric_limits<double>::infinity());
  EXPECT_EQ(over.mean_queue_length, std::numeric_limits<double>::infinity());
  EXPECT_EQ(over.occupancy, 1.0);
  const auto none = erlang::erlang_c_measures(0.0, 3.0, 180.0, 20.0);
  EXPECT_EQ(none.wait_probability, 0.0);
  EXPECT_EQ(none.service_level, 1.0);
  EXPECT_EQ(none.average_speed_of_answer, 0.0);
  expect_error_measures();
}

// meets(measures, targets) decides the targets as the classic table does: 10 E at AHT
// 180 s needs 14 agents for 80 % in 20 s (SL 0.8932 at 14, 0.6543 at 13).
TEST(ErlangC, MeetsDecidesTargetsOnTheMeasures) {
  const erlang::staffing_targets<double> t{.service_level = 0.8, .answer_time = 20};
  EXPECT_TRUE(erlang::meets(erlang::erlang_c_measures(10.0, 14.0, 180.0, 20.0), t));
  EXPECT_FALSE(erlang::meets(erlang::erlang_c_measures(10.0, 13.0, 180.0, 20.0), t));
  const erlang::staffing_targets<double> occ{.max_occupancy = 0.75};
  EXPECT_TRUE(erlang::meets(erlang::erlang_c_measures(12.0, 16.0, 180.0, 20.0), occ));
  EXPECT_FALSE(erlang::meets(erlang::erlang_c_measures(12.0, 15.0, 180.0, 20.0), occ));
}

TEST(ErlangC, IdentityWithErlangB) {
  // C = m B / (m - E (1 - B)) with B from erlang_b, for random loads below capacity.
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> log_m(0, std::log(1e6));
  std::uniform_real_distribution<double> rho(0.05, 0.999);
  for (int i = 0; i < 1000; ++i) {
    const double m = std::ceil(std::exp(log_m(rng)));
    const double e = rho(rng) * m;
    const long double b = erlang::erlang_b(e, m);
    const long double c = static_cast<long double>(m) * b / (m - e * (1 - b));
    const double computed = erlang::erlang_c(e, m);
    if (c > 1e-250L) {
      EXPECT_NEAR(computed / static_cast<double>(c), 1.0, 1e-12) << e << ' ' << m;
    }
    EXPECT_LE(erlang::erlang_b(e, m), computed);
    EXPECT_GE(erlang::erlang_c(e, m), erlang::erlang_c(e, m + 1));
  }
}

TEST(ErlangC, OverloadRule) {
  for (double m : {1.0, 10.0, 1e4}) {
    for (double e : {m, m * 1.5, m * 100}) {
      EXPECT_EQ(erlang::erlang_c(e, m), 1.0);
      EXPECT_EQ(erlang::service_level(e, m, 180.0, 20.0), 0.0);
      EXPECT_EQ(erlang::average_speed_of_answer(e, m, 180.0), inf);
      EXPECT_EQ(erlang::mean_queue_length(e, m), inf);
      EXPECT_EQ(erlang::mean_wait_if_delayed(e, m, 180.0), inf);
      EXPECT_EQ(erlang::wait_time_quantile(e, m, 180.0, 0.8), inf);
      EXPECT_EQ(erlang::occupancy(e, m), 1.0);
    }
  }
  EXPECT_EQ(erlang::erlang_c(0.0, 0.0), 1.0);
}

TEST(ErlangC, MeasuresAreConsistent) {
  const double e = 42.0;
  const double m = 47.0;
  const double h = 240.0;
  const double c = erlang::erlang_c(e, m);
  EXPECT_DOUBLE_EQ(erlang::mean_wait_if_delayed(e, m, h), h / (m - e));
  EXPECT_DOUBLE_EQ(erlang::average_speed_of_answer(e, m, h),
                   c * erlang::mean_wait_if_delayed(e, m, h));
  // Little's law: Lq = lambda * ASA with lambda = E / h.
  EXPECT_NEAR(erlang::mean_queue_length(e, m), e / h * erlang::average_speed_of_answer(e, m, h),
              1e-12);
  EXPECT_NEAR(erlang::service_level(e, m, h, 0.0), 1 - c, 1e-15);
  // The quantile inverts the service level.
  const double t80 = erlang::wait_time_quantile(e, m, h, 0.8);
  EXPECT_NEAR(erlang::service_level(e, m, h, t80), 0.8, 1e-14);
  EXPECT_EQ(erlang::wait_time_quantile(e, m, h, 1 - c - 0.01), 0.0);
  EXPECT_DOUBLE_EQ(erlang::occupancy(e, m), e / m);
  EXPECT_GT(erlang::service_level(e, m, h, 30.0), erlang::service_level(e, m, h, 10.0));
}

// Fuzz findings (fuzz/corpus/library_contract/wait-time-quantile-*): the quantile
// h ln(C / (1 - p)) / (m - E) is representable although a product or quotient on the way
// is not. Reference: the same formula in long double (exponent range to 1e4932), with C
// from the long double evaluation.
TEST(ErlangC, WaitTimeQuantileAvoidsIntermediateOverflow) {
  struct point {
    double e, m, h, p;
  };
  const point points[] = {
      {5e-324, 9.9999999999999694e-311, 5e-324, 0.50781273655957104},
      {99024.007812529802, 100003, 2.2515053178329298e307, 0.99999999998544808}};
  for (const auto& pt : points) {
    const long double c =
        erlang::erlang_c(static_cast<long double>(pt.e), static_cast<long double>(pt.m));
    const long double ref = static_cast<long double>(pt.h) *
                            std::log(c / (1 - static_cast<long double>(pt.p))) /
                            (static_cast<long double>(pt.m) - static_cast<long double>(pt.e));
    const double q = erlang::wait_time_quantile(pt.e, pt.m, pt.h, pt.p);
    ASSERT_TRUE(std::isfinite(q)) << pt.e << ' ' << pt.m << ' ' << pt.h << ' ' << pt.p;
    // The subnormal inputs carry one significant bit: compare to 1e-13 of the reference.
    EXPECT_NEAR(q / static_cast<double>(ref), 1.0, 1e-13) << pt.e << ' ' << pt.m;
  }
}

// C h / (m - E) and C E / (m - E) with a subnormal handling time or traffic: a subnormal
// intermediate (C h) would keep only a few bits. Against the same products in long double,
// whose wider exponent range keeps every intermediate normal.
TEST(ErlangC, AsaAndQueueKeepTheirDigitsWithSubnormalArguments) {
  struct point {
    double e, m, h;
  };
  const point points[] = {
      {6.2481517835667403e-317, 2.5238521856417752e-18, 1.3906711615670009e-309},
      {3e-320, 1e-300, 7e-310},
      {0.5, 2, 4e-320}};
  for (const auto& pt : points) {
    const long double e = pt.e;
    const long double m = pt.m;
    const long double c = erlang::erlang_c(e, m);
    const long double asa = c * static_cast<long double>(pt.h) / (m - e);
    const long double queue = c * e / (m - e);
    const double got_asa = erlang::average_speed_of_answer(pt.e, pt.m, pt.h);
    const double got_queue = erlang::mean_queue_length(pt.e, pt.m);
    const auto measures = erlang::erlang_c_measures(pt.e, pt.m, pt.h, 0.0);
    for (const double v : {got_asa, measures.average_speed_of_answer}) {
      if (asa >= std::numeric_limits<double>::min()) {
        EXPECT_NEAR(v / static_cast<double>(asa), 1.0, 1e-15) << pt.e << ' ' << pt.m;
      }
    }
    for (const double v : {got_queue, measures.mean_queue_length}) {
      if (queue >= std::numeric_limits<double>::min()) {
        EXPECT_NEAR(v / static_cast<double>(queue), 1.0, 1e-15) << pt.e << ' ' << pt.m;
      }
    }
  }
}

TEST(ErlangC, LongDoubleAndMultiprecision) {
  const mp ref = erlang::test::erlang_c_from_log_inverse_b(10.0, 14.0,
                                                           erlang::test::log_inverse_b(10.0, 14.0));
  const mp hp = erlang::erlang_c(mp(10), mp(14));
  EXPECT_LE(static_cast<double>(abs((hp - ref) / ref)), 1e-40);
  const long double ld = erlang::erlang_c(10.0L, 14.0L);
  EXPECT_LE(static_cast<double>(abs((mp(ld) - ref) / ref)), 1e-17);
  EXPECT_NEAR(erlang::erlang_c(10.0f, 14.0f), 0.174132f, 1e-6f);
  const mp sl = erlang::service_level(mp(10), mp(14), mp(180), mp(20));
  EXPECT_LE(static_cast<double>(abs(sl - (1 - ref * exp(-mp(4) * 20 / 180)))), 1e-40);
}

TEST(ErlangC, DomainErrorsNameFunctionAndValue) {
  expect_error([] { return erlang::erlang_c(-3.0, 5.0); }, "erlang::erlang_c",
               "Traffic must be finite and >= 0, got -3");
  expect_error([] { return erlang::erlang_c(3.0, -5.0); }, "erlang::erlang_c", "got -5");
  expect_error([] { return erlang::service_level(3.0, 5.0, 0.0, 20.0); }, "erlang::service_level",
               "Mean handling time must be finite and > 0, got 0");
  expect_error([] { return erlang::service_level(3.0, 5.0, 180.0, -1.0); }, "erlang::service_level",
               "Answer time must be finite and >= 0, got -1");
  expect_error([] { return erlang::average_speed_of_answer(3.0, 5.0, -180.0); },
               "erlang::average_speed_of_answer", "got -180");
  expect_error([] { return erlang::mean_wait_if_delayed(3.0, 5.0, inf); },
               "erlang::mean_wait_if_delayed", "got inf");
  expect_error([] { return erlang::mean_queue_length(3.0, std::nan("")); },
               "erlang::mean_queue_length", "got nan");
  expect_error([] { return erlang::occupancy(3.0, 0.0); }, "erlang::occupancy",
               "Servers must be finite and > 0, got 0");
  expect_error([] { return erlang::wait_time_quantile(3.0, 5.0, 180.0, 1.0); },
               "erlang::wait_time_quantile", "Fraction must be in [0, 1), got 1");
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  EXPECT_TRUE(std::isnan(erlang::erlang_c(-1.0, 3.0, nan_policy())));
  EXPECT_TRUE(std::isnan(erlang::service_level(1.0, 3.0, 0.0, 1.0, nan_policy())));
}

}  // namespace
