#include "reference.hpp"
#include "support/expect_error.hpp"

#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/policies/policy.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace erlang::test;

struct grid_point {
  double traffic;
  double servers;
};

/// Traffic 1e-6 ... 1e7 against servers 0 ... 1e7 (integer and not), plus the critical
/// border E = m + k sqrt(m) for k in [-6, 6] at every size.
std::vector<grid_point> accuracy_grid() {
  std::vector<grid_point> grid;
  const double traffic[] = {1e-6, 1e-3, 0.1, 0.5, 1, 3, 10, 42.5, 100, 1e3, 1e4, 1e5, 1e6, 1e7};
  const double servers[] = {0,   1,    2,     5,     10,    20,        50,        99,        100,
                            101, 150,  300,   1000,  1e4,   1e5,       1e6,       1e7,       0.5,
                            2.5, 7.25, 99.75, 100.5, 333.3, 2e3 + 0.5, 123456.78, 3e6 + 0.25};
  for (double e : traffic) {
    for (double m : servers) {
      grid.push_back({e, m});
    }
  }
  const double sizes[] = {30, 64, 101, 250, 1000, 5000, 3e4, 1e5, 1e6, 1e7, 777.5, 45678.9};
  for (double m : sizes) {
    for (int k = -6; k <= 6; ++k) {
      const double e = m + k * std::sqrt(m);
      if (e > 0) {
        grid.push_back({e, m});
      }
    }
    for (double f : {0.4, 0.6, 0.9, 1.2, 1.39, 1.41, 1.6, 2.0, 5.0, 50.0}) {
      grid.push_back({m * f, m});
    }
  }
  return grid;
}

TEST(ErlangB, KnownValues) {
  EXPECT_EQ(erlang::erlang_b(7.0, 0), 1.0);
  EXPECT_EQ(erlang::erlang_b(0.0, 0), 1.0);
  EXPECT_EQ(erlang::erlang_b(0.0, 3), 0.0);
  EXPECT_EQ(erlang::erlang_b(0.0, 2.5), 0.0);
  EXPECT_DOUBLE_EQ(erlang::erlang_b(1, 1), 0.5);
  EXPECT_DOUBLE_EQ(erlang::erlang_b(10, 1), 10.0 / 11.0);
  // (1/10!) / sum_{i<=10} 1/i! = 1.01377712981649e-7 (not 1e-8 as sometimes printed).
  EXPECT_NEAR(erlang::erlang_b(1, 10), 1.01377712981649e-7, 1e-20);
  // B(2, 2) = 2 / (1 + 2 + 2) = 0.4.
  EXPECT_DOUBLE_EQ(erlang::erlang_b(2, 2), 0.4);
  EXPECT_EQ(erlang::log_erlang_b(0.0, 3), -std::numeric_limits<double>::infinity());
}

TEST(ErlangB, LogBelowSmallestDouble) {
  // B(E = 1000, m = 10000) is about exp(-14031): far below the smallest double.
  const double log_b = erlang::log_erlang_b(1000.0, 10000.0);
  const mp ref = -erlang::test::log_inverse_b(1000.0, 10000.0);
  EXPECT_LT(relative_error(log_b, ref), 1e-14);
  EXPECT_NEAR(log_b, -14031, 1);
  EXPECT_EQ(erlang::erlang_b(1000.0, 10000.0), 0.0);
}

TEST(ErlangB, MatchesClosedFormInHighPrecision) {
  double worst_above_1e100 = 0;
  double worst_above_1e300 = 0;
  double worst_log = 0;
  grid_point at_b{};
  grid_point at_log{};
  int points = 0;
  for (const auto& p : accuracy_grid()) {
    const mp log_inverse = erlang::test::log_inverse_b(p.traffic, p.servers);
    const mp ref = exp(-log_inverse);
    const double b = erlang::erlang_b(p.traffic, p.servers);
    const double log_b = erlang::log_erlang_b(p.traffic, p.servers);
    ASSERT_TRUE(b >= 0 && b <= 1) << p.traffic << ' ' << p.servers;
    const double err_b = relative_error(b, ref);
    const double err_log = relative_error(log_b, -log_inverse);
    if (ref >= mp("1e-100")) {
      EXPECT_LE(err_b, 1e-13) << "E=" << p.traffic << " m=" << p.servers;
      if (err_b > worst_above_1e100) {
        worst_above_1e100 = err_b;
        at_b = p;
      }
    } else if (ref >= mp("1e-300")) {
      EXPECT_LE(err_b, 4e-13) << "E=" << p.traffic << " m=" << p.servers;
      worst_above_1e300 = std::max(worst_above_1e300, err_b);
    }
    EXPECT_LE(err_log, 1e-14) << "E=" << p.traffic << " m=" << p.servers;
    if (err_log > worst_log) {
      worst_log = err_log;
      at_log = p;
    }
    ++points;
  }
  std::printf(
      "erlang_b over %d points: worst relative error %.3g (B >= 1e-100, at E=%g m=%g), "
      "%.3g (1e-300 <= B < 1e-100); log_erlang_b %.3g (at E=%g m=%g)\n",
      points, worst_above_1e100, at_b.traffic, at_b.servers, worst_above_1e300, worst_log,
      at_log.traffic, at_log.servers);
}

TEST(ErlangB, ReferenceFormsAgree) {
  // The two closed forms used as references agree with each other (checks the oracle).
  for (double m : {10.0, 300.0, 5000.0}) {
    for (double e : {0.5, 3.0, 290.0, 320.0, 4900.0}) {
      const mp sum = erlang::test::log_inverse_b_sum(mp(e), static_cast<std::uint64_t>(m));
      const mp gam = erlang::test::log_inverse_b_gamma(mp(e), mp(m));
      EXPECT_LT(static_cast<double>(abs(sum - gam) / (1 + abs(sum))), 1e-40) << e << ' ' << m;
    }
  }
}

TEST(ErlangB, RandomPointsMatchHighPrecision) {
  std::mt19937_64 rng(20261123);
  std::uniform_real_distribution<double> log_m(0, std::log(2e6));
  std::normal_distribution<double> z(0, 3);
  double worst = 0;
  for (int i = 0; i < 300; ++i) {
    const double m = std::exp(log_m(rng));
    const double e = std::max(1e-3, m + z(rng) * std::sqrt(m) * (i % 3 == 0 ? 4 : 1));
    const mp log_inverse = erlang::test::log_inverse_b_gamma(mp(e), mp(m));
    const double err = relative_error(erlang::erlang_b(e, m), exp(-log_inverse));
    if (exp(-log_inverse) >= mp("1e-100")) {
      EXPECT_LE(err, 1e-13) << "E=" << e << " m=" << m;
      worst = std::max(worst, err);
    }
    EXPECT_LE(relative_error(erlang::log_erlang_b(e, m), -log_inverse), 1e-14)
        << "E=" << e << " m=" << m;
  }
  std::printf("erlang_b at 300 random real points: worst relative error %.3g\n", worst);
}

// Traffic far above the servers, up to the largest doubles: the continued fraction is cut
// after its second term there (fuzz finding: at traffic 1.6e308 Lentz's algorithm met
// subnormal reciprocals and never converged). ln B = -ln(1 + excess) checks the small
// excess to full relative accuracy. Reference: 1/B - 1 = (x/E) sum_k prod_{i=1..k} (x - i)/E
// in 50 digits, the defining sum for integer x and the asymptotic series of the incomplete
// gamma function otherwise (DLMF 8.11.2; its terms fall by x/E at least here).
TEST(ErlangB, TrafficFarAboveServers) {
  const auto log_b_far_above = [](double e, double x) {
    mp term = mp(x) / mp(e);
    mp excess = term;
    for (int k = 1; k < 1000 && abs(term) > excess * mp("1e-60"); ++k) {
      term *= (mp(x) - k) / mp(e);
      excess += term;
    }
    return -boost::math::log1p(excess);
  };
  double worst = 0;
  for (const double e : {1e9, 1e15, 1e100, 1e300, 1.7e308}) {
    for (const double x : {0.37, 1.0, 7.0, 12.5, 60.0, 150.0, 1000.25, 5000.0}) {
      const double err = relative_error(erlang::log_erlang_b(e, x), log_b_far_above(e, x));
      EXPECT_LE(err, 1e-14) << "E=" << e << " x=" << x;
      worst = std::max(worst, err);
    }
  }
  // Both near the largest doubles (fuzz finding: a_k overflowed and 1 / b_k was subnormal
  // in the continued fraction; now scaled by a power of two).
  const std::pair<double, double> huge[] = {
      {1.7843004894166068e308, 2.586160970446388e307}, {1.13e308, 2.7e301}, {1.79e308, 8.9e307}};
  for (const auto& [e, x] : huge) {
    const double err = relative_error(erlang::log_erlang_b(e, x), log_b_far_above(e, x));
    EXPECT_LE(err, 1e-14) << "E=" << e << " x=" << x;
    worst = std::max(worst, err);
  }
  std::printf("log_erlang_b with traffic 1e9 .. 1.8e308 above the servers: worst %.3g\n", worst);
  // B = 1 - about 2e-619: 1 after rounding, and its logarithm 0.
  EXPECT_EQ(erlang::erlang_b(1.6291594034689738e308, 3.6264908151044191e-311), 1.0);
  EXPECT_EQ(erlang::log_erlang_b(1.6291594034689738e308, 3.6264908151044191e-311), 0.0);
}

// Traffic equal to the servers up to the largest doubles (fuzz finding: sqrt(pi a / 2)
// overflowed at 9.5e307 and ln B came out -inf). Reference: 1/B(n, n) = 1 + Q(n) with
// Ramanujan's Q(n) = sqrt(pi n / 2) - 1/3 + O(n^-1/2), so ln B = -ln(pi n / 2) / 2 to far
// below double precision at these sizes.
TEST(ErlangB, DiagonalUpToTheLargestDoubles) {
  for (const double n : {1e100, 1e200, 1e300, 9.5491475541422945e307, 1.79e308}) {
    const mp reference = -log(boost::math::constants::half_pi<mp>() * mp(n)) / 2;
    EXPECT_LE(relative_error(erlang::log_erlang_b(n, n), reference), 1e-14) << n;
    EXPECT_LE(relative_error(erlang::erlang_b(n, n), exp(reference)), 4e-13) << n;
  }
}

TEST(ErlangB, BoundsAndMonotonicity) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> log_e(std::log(1e-3), std::log(1e6));
  for (int i = 0; i < 2000; ++i) {
    const double e = std::exp(log_e(rng));
    const double m = std::floor(e * std::uniform_real_distribution<double>(0.2, 2.0)(rng));
    const double b = erlang::erlang_b(e, m);
    const double c = erlang::erlang_c(e, m);
    ASSERT_GE(b, 0.0);
    ASSERT_LE(b, c) << e << ' ' << m;
    ASSERT_LE(c, 1.0);
    EXPECT_GE(erlang::erlang_b(e, m), erlang::erlang_b(e, m + 1)) << e << ' ' << m;
    EXPECT_LE(erlang::erlang_b(e, m), erlang::erlang_b(e * (1 + 1e-9), m)) << e << ' ' << m;
  }
}

TEST(ErlangB, NonIntegerServersInterpolate) {
  // The continuous extension lies between its integer neighbours and is smooth.
  for (double e : {0.3, 5.0, 80.0, 2500.0}) {
    for (double m : {3.0, 70.0, 1000.0, 2600.0}) {
      const double lo = erlang::log_erlang_b(e, m);
      const double mid = erlang::log_erlang_b(e, m + 0.5);
      const double hi = erlang::log_erlang_b(e, m + 1);
      EXPECT_LT(mid, lo);
      EXPECT_GT(mid, hi);
    }
  }
}

TEST(ErlangB, LightLoadAtTheLargestServerCount) {
  // m = the largest double, E = 0.3 m: B = E^m e^-E / m! to within a factor
  // 1 / P(Poisson(E) <= m) = 1 + e^-(1e307); the 50-digit ln of that closed form is the
  // reference. Forming phi(E/m) once overflowed a two-sum near the top of the range (NaN).
  const double m = std::numeric_limits<double>::max();
  const double e = 0x1.2f0c6c8d9770bp+1022;
  const mp reference = mp(m) * log(mp(e)) - mp(e) - boost::math::lgamma(mp(m) + 1);
  EXPECT_LE(relative_error(erlang::log_erlang_b(e, m), reference), 1e-15);
  EXPECT_EQ(erlang::erlang_b(e, m), 0.0);
}

TEST(ErlangB, OtherFloatingTypes) {
  // float and long double agree with the double result to their precision; the
  // multiprecision type to 1e-40 with the high-precision reference.
  for (double m : {5.0, 200.0, 3000.0}) {
    for (double e : {1.0, 180.0, 3200.0}) {
      const mp ref = exp(-erlang::test::log_inverse_b(e, m));
      if (ref < mp("1e-30")) {
        continue;
      }
      EXPECT_LE(relative_error(static_cast<double>(erlang::erlang_b(float(e), float(m))), ref),
                1e-6);
      const long double ld =
          erlang::erlang_b(static_cast<long double>(e), static_cast<long double>(m));
      EXPECT_LE(static_cast<double>(abs((mp(ld) - ref) / ref)), 1e-16);
      const mp hp = erlang::erlang_b(mp(e), mp(m));
      EXPECT_LE(static_cast<double>(abs((hp - ref) / ref)), 1e-40) << e << ' ' << m;
    }
  }
  const mp hp = erlang::erlang_b(mp(1), mp("0.5"));
  const mp ref = exp(-erlang::test::log_inverse_b_gamma(mp(1), mp("0.5")));
  EXPECT_LE(static_cast<double>(abs((hp - ref) / ref)), 1e-40);
}

TEST(ErlangB, IntegerArgumentsPromoteToDouble) {
  static_assert(std::is_same_v<decltype(erlang::erlang_b(10, 12)), double>);
  static_assert(std::is_same_v<decltype(erlang::erlang_b(10.0f, 12.0f)), float>);
  static_assert(std::is_same_v<decltype(erlang::erlang_b(10.0L, 12)), long double>);
  EXPECT_EQ(erlang::erlang_b(10, 12), erlang::erlang_b(10.0, 12.0));
}

void expect_domain_error(double e, double m, const std::string& fragment) {
  expect_error([&] { return erlang::erlang_b(e, m); }, "erlang::erlang_b", fragment);
}

TEST(ErlangB, DomainErrorsNameFunctionAndValue) {
  expect_domain_error(-1.5, 3, "Traffic must be finite and >= 0, got -1.5");
  expect_domain_error(std::numeric_limits<double>::quiet_NaN(), 3, "Traffic");
  expect_domain_error(std::numeric_limits<double>::infinity(), 3, "got inf");
  expect_domain_error(2, -4, "Servers must be finite and >= 0, got -4");
  expect_domain_error(2, std::numeric_limits<double>::infinity(), "Servers");
  EXPECT_THROW((void)erlang::log_erlang_b(-1.0, 2.0), std::domain_error);
  expect_error([] { return erlang::log_erlang_b(1.0, -2.0); }, "erlang::log_erlang_b");
}

TEST(ErlangB, PolicyCanAskForNaN) {
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  EXPECT_TRUE(std::isnan(erlang::erlang_b(-1.0, 3.0, nan_policy())));
  EXPECT_TRUE(std::isnan(erlang::log_erlang_b(1.0, -3.0, nan_policy())));
  EXPECT_DOUBLE_EQ(erlang::erlang_b(1.0, 1.0, nan_policy()), 0.5);
}

}  // namespace
