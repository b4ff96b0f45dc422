// M/M/c response time T = W + S against an independent 50-digit reference: the
// convolution of the wait distribution (an atom 1 - C at 0 and the density C a e^(-a w))
// with the exponential service time, integrated numerically (tanh-sinh and exp-sinh
// quadrature in cpp_bin_float_50), with C from the defining sums of reference.hpp. The
// closed form is never evaluated in the reference.
#include "reference.hpp"
#include "support/expect_error.hpp"

#include <erlang/erlang_c.hpp>
#include <erlang/response_time.hpp>

#include <boost/math/policies/policy.hpp>
#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/expm1.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

namespace {

using erlang::test::expect_error;
using erlang::test::mp;
using erlang::test::relative_error;

constexpr double inf = std::numeric_limits<double>::infinity();

mp erlang_c_reference(double e, double m) {
  return erlang::test::erlang_c_from_log_inverse_b(e, m, erlang::test::log_inverse_b(e, m));
}

struct response_reference {
  mp exceedance;        // P(T > t)
  mp within;            // P(T <= t)
  mp density;           // dP(T <= t)/dt
  mp quadrature_error;  // the quadratures' own relative error estimates, the larger
};

/// P(T > t) = (1 - C) e^(-mu t) + C [int_0^t a e^(-a w) e^(-mu (t - w)) dw + int_t^inf a e^(-a w)
/// dw], both integrals by quadrature (the first with e^(-mu t) taken out of the integrand, one
/// exponential per node); P(T <= t) = 1 - P(T > t), which keeps more than 30 digits over the
/// grid (it is at least about 1e-18 there). c is the reference Erlang C of the system.
response_reference reference(const mp& c, double e, double m, double h, double t) {
  static boost::math::quadrature::tanh_sinh<mp> finite;
  static boost::math::quadrature::exp_sinh<mp> infinite;
  const mp mu = 1 / mp(h);
  const mp a = (mp(m) - mp(e)) / mp(h);
  const mp tt = t;
  const mp tol("1e-38");
  response_reference r;
  mp err_tail = 0;
  mp err_conv = 0;
  mp l1 = 0;
  const mp tail_integral =
      infinite.integrate([&](const mp& v) { return a * exp(-a * v); }, tol, &err_tail, &l1);
  const mp tail = exp(-a * tt) * tail_integral;
  r.quadrature_error = err_tail / tail_integral;
  mp conv = 0;
  if (t > 0) {
    // The integrand a e^(-mu t) e^(-(a - mu) w) lives near one end of [0, t] when |a - mu| t
    // is large: the interval is cut where it has fallen by e^-115 (below 1e-50 of its
    // maximum) so that tanh-sinh does not spend its levels on the rest.
    const mp rate = abs(a - mu);
    const mp cut = rate * tt > 115 ? mp(115) / rate : tt;
    const mp lo = a > mu ? mp(0) : tt - cut;
    const mp hi = a > mu ? cut : tt;
    const mp integral = finite.integrate([&](const mp& w) { return a * exp((mu - a) * w); }, lo, hi,
                                         tol, &err_conv, &l1);
    conv = exp(-mu * tt) * integral;
    r.quadrature_error = std::max(r.quadrature_error, mp(err_conv / integral));
  }
  r.exceedance = (1 - c) * exp(-mu * tt) + c * (conv + tail);
  r.within = t > 0 ? mp(1 - r.exceedance) : mp(0);  // P(T <= 0) = 0: T >= S > 0
  r.density = (1 - c) * mu * exp(-mu * tt) + c * mu * conv;
  return r;
}

struct grid_point {
  double e, m;
  mp c;  // reference Erlang C
};

/// Servers 1 ... 1e5 at loads 0.1 ... 0.99, and systems with a = c mu - lambda within
/// 1e-13 ... 1e-3 of mu on either side (m - E = 1 +- delta) and exactly at it.
std::vector<grid_point> load_grid() {
  std::vector<grid_point> g;
  for (double m : {1.0, 2.0, 3.5, 10.0, 50.0, 1000.0, 1e5}) {
    for (double rho : {0.1, 0.5, 0.9, 0.99}) {
      g.push_back({rho * m, m, erlang_c_reference(rho * m, m)});
    }
    if (m > 1) {
      for (double k : {1 - 1e-3, 1 - 1e-8, 1 - 1e-13, 1.0, 1 + 1e-13, 1 + 1e-8, 1 + 1e-3}) {
        g.push_back({m - k, m, erlang_c_reference(m - k, m)});
      }
    }
  }
  return g;
}

constexpr double time_grid[] = {0, 1e-9, 1e-3, 0.3, 1, 2.5, 10, 200};  // in units of h

TEST(ResponseTime, MatchesConvolutionIntegralInHighPrecision) {
  // Budget: the exponentials carry the rounding of u = t / h into the result, u eps
  // relative; 8 eps for the rest.
  const double eps = std::numeric_limits<double>::epsilon();
  double worst_ex = 0;
  double worst_in = 0;
  double worst_quadrature = 0;
  double worst_near = 0;  // |m - E - 1| <= 1e-3: a within 1e-3 of mu
  int points = 0;
  const double h = 0.035;  // 35 ms, times in seconds
  for (const auto& g : load_grid()) {
    for (double u : time_grid) {
      const double t = u * h;
      const auto ref = reference(g.c, g.e, g.m, h, t);
      worst_quadrature = std::max(worst_quadrature, static_cast<double>(ref.quadrature_error));
      const double budget = 8 * eps * (1 + t / h);
      const double err_ex =
          relative_error(erlang::response_time_exceedance(g.e, g.m, h, t), ref.exceedance);
      const double err_in =
          relative_error(erlang::response_time_within(g.e, g.m, h, t), ref.within);
      EXPECT_LE(err_ex, budget) << "E=" << g.e << " m=" << g.m << " t=" << t;
      EXPECT_LE(err_in, budget) << "E=" << g.e << " m=" << g.m << " t=" << t;
      worst_ex = std::max(worst_ex, err_ex / (1 + t / h));
      worst_in = std::max(worst_in, err_in / (1 + t / h));
      if (std::abs(g.m - g.e - 1) <= 1e-3) {
        worst_near = std::max({worst_near, err_ex / (1 + t / h), err_in / (1 + t / h)});
      }
      ++points;
    }
  }
  std::printf(
      "response time over %d points: worst relative error / (1 + t/h): P(T > t) %.3g, "
      "P(T <= t) %.3g (%.3g where |a - mu| <= 1e-3 mu); budget 8 eps = %.3g; quadrature error "
      "estimate %.3g\n",
      points, worst_ex, worst_in, worst_near, 8 * eps, worst_quadrature);
  EXPECT_LE(worst_quadrature, 1e-30);
}

TEST(ResponseTime, QuantileRoundTripsThroughReferenceDistribution) {
  // The quantile t_p, put into the 50-digit reference: (P_ref(T <= t_p) - p) / (f_ref(t_p) t_p)
  // is the relative error of t_p to first order.
  double worst = 0;
  int points = 0;
  const double h = 0.035;
  for (const auto& g : load_grid()) {
    for (double p : {1e-12, 0.1, 0.5, 0.9, 0.99, 1 - 1e-9}) {
      const double tq = erlang::response_time_quantile(g.e, g.m, h, p);
      ASSERT_TRUE(std::isfinite(tq) && tq > 0) << g.e << ' ' << g.m << ' ' << p;
      const auto ref = reference(g.c, g.e, g.m, h, tq);
      const mp miss = p <= 0.5 ? ref.within - mp(p) : (1 - mp(p)) - ref.exceedance;
      const double err = static_cast<double>(abs(miss / (ref.density * mp(tq))));
      EXPECT_LE(err, 1e-14) << "E=" << g.e << " m=" << g.m << " p=" << p << " t=" << tq;
      worst = std::max(worst, err);
      ++points;
    }
  }
  std::printf("response_time_quantile over %d points: worst relative error in t %.3g\n", points,
              worst);
}

TEST(ResponseTime, SingleServerIsExponentialWithRateMuMinusLambda) {
  // M/M/1: T ~ Exp(mu - lambda), P(T > t) = e^(-(1 - rho) t / h).
  double worst = 0;
  for (double rho : {1e-6, 0.2, 0.5, 0.9, 0.999}) {
    for (double t : {0.0, 1e-6, 0.5, 3.0, 40.0, 400.0}) {
      const double h = 2.0;
      const mp ref = exp(-(1 - mp(rho)) * mp(t) / mp(h));
      const double err = relative_error(erlang::response_time_exceedance(rho, 1.0, h, t), ref);
      const double err_in =
          t == 0 ? std::abs(erlang::response_time_within(rho, 1.0, h, t))
                 : relative_error(erlang::response_time_within(rho, 1.0, h, t), 1 - ref);
      EXPECT_LE(err, 1e-15 * (4 + t / h)) << rho << ' ' << t;
      EXPECT_LE(err_in, 1e-15 * (4 + t / h)) << rho << ' ' << t;
      worst = std::max({worst, err, err_in});
    }
    for (double p : {1e-9, 0.3, 0.9, 0.99999}) {
      const mp ref = -log(1 - mp(p)) * 2 / (1 - mp(rho));
      EXPECT_LE(relative_error(erlang::response_time_quantile(rho, 1.0, 2.0, p), ref), 1e-14)
          << rho << ' ' << p;
    }
  }
  std::printf("M/M/1 response time against Exp(mu - lambda): worst relative error %.3g\n", worst);
}

TEST(ResponseTime, NoWaitingLimitIsTheServiceTime) {
  // C -> 0 (light load on many servers): T -> S ~ Exp(mu). C(1e-3, 20) is about 4e-81.
  for (double t : {0.0, 1e-8, 0.7, 5.0, 100.0}) {
    const mp ref = exp(-mp(t));
    EXPECT_LE(relative_error(erlang::response_time_exceedance(1e-3, 20.0, 1.0, t), ref), 1e-15);
    if (t > 0) {
      EXPECT_LE(relative_error(erlang::response_time_within(1e-3, 20.0, 1.0, t), 1 - ref), 1e-15);
    }
  }
  EXPECT_LE(relative_error(erlang::response_time_quantile(1e-3, 20.0, 1.0, 0.99), -log(mp("0.01"))),
            1e-15);
  EXPECT_LE(relative_error(erlang::mean_response_time(0.0, 3.0, 7.0), mp(7)), 0.0);
}

TEST(ResponseTime, TimeZeroAndFractionZero) {
  for (double m : {1.0, 4.0, 1000.0}) {
    EXPECT_EQ(erlang::response_time_exceedance(0.9 * m, m, 1.0, 0.0), 1.0);
    EXPECT_EQ(erlang::response_time_within(0.9 * m, m, 1.0, 0.0), 0.0);
    EXPECT_EQ(erlang::response_time_quantile(0.9 * m, m, 1.0, 0.0), 0.0);
  }
}

TEST(ResponseTime, MeanIsWaitPlusService) {
  double worst = 0;
  for (const auto& g : load_grid()) {
    const double h = 0.035;
    const mp ref = g.c * h / (mp(g.m) - mp(g.e)) + mp(h);
    const double err = relative_error(erlang::mean_response_time(g.e, g.m, h), ref);
    EXPECT_LE(err, 1e-13) << g.e << ' ' << g.m;
    worst = std::max(worst, err);
  }
  std::printf("mean_response_time: worst relative error %.3g\n", worst);
}

TEST(ResponseTime, MonotoneInTimeTrafficAndServers) {
  std::mt19937_64 rng(15);
  std::uniform_real_distribution<double> log_m(0, std::log(1e4));
  std::uniform_real_distribution<double> rho(0.01, 0.995);
  std::uniform_real_distribution<double> log_u(std::log(1e-6), std::log(50.0));
  for (int i = 0; i < 2000; ++i) {
    const double m = std::ceil(std::exp(log_m(rng)));
    const double e = rho(rng) * m;
    const double t = std::exp(log_u(rng));
    const double s = erlang::response_time_exceedance(e, m, 1.0, t);
    EXPECT_GE(s, erlang::response_time_exceedance(e, m, 1.0, t * 1.01))
        << e << ' ' << m << ' ' << t;
    EXPECT_LE(s, erlang::response_time_exceedance(std::min(e * 1.01, m), m, 1.0, t))
        << e << ' ' << m;
    EXPECT_GE(s, erlang::response_time_exceedance(e, m + 1, 1.0, t)) << e << ' ' << m;
    // T >= S and T >= W: the response time exceeds both tails.
    EXPECT_GE(s * (1 + 1e-14), std::exp(-t)) << e << ' ' << m << ' ' << t;
    EXPECT_GE(s * (1 + 1e-14), 1 - erlang::service_level(e, m, 1.0, t)) << e << ' ' << m;
    EXPECT_NEAR(s + erlang::response_time_within(e, m, 1.0, t), 1.0, 4e-16);
    const double q1 = erlang::response_time_quantile(e, m, 1.0, 0.9);
    const double q2 = erlang::response_time_quantile(e, m, 1.0, 0.99);
    EXPECT_LT(q1, q2);
    EXPECT_GE(q2, erlang::wait_time_quantile(e, m, 1.0, 0.99));
  }
}

// The staffing solvers against the 50-digit reference: the count meets the percentile
// (mean) target and one fewer does not (or overflows); the largest traffic meets it and
// lies at its root. Ties within 1e-12 of the target are reported, not judged.
TEST(ResponseTime, ServersForAPercentileAreTheFewestInHighPrecision) {
  int solves = 0;
  for (const double e : {0.5, 3.0, 10.0, 42.0, 300.0, 5000.0}) {
    for (const double t : {0.7, 1.5, 4.0, 8.0}) {  // in units of the mean service time
      for (const double p : {0.5, 0.8, 0.95, 0.99, 0.999}) {
        if (!(-std::expm1(-t) > p)) {
          EXPECT_THROW(erlang::servers_for_response_time(e, 1.0, p, t), std::domain_error)
              << e << ' ' << t << ' ' << p;
          continue;
        }
        const double n = erlang::servers_for_response_time(e, 1.0, p, t);
        ASSERT_EQ(n, std::floor(n));
        const mp within = reference(erlang_c_reference(e, n), e, n, 1.0, t).within;
        EXPECT_GE(within, mp(p) * (1 - mp(1e-12))) << e << ' ' << t << ' ' << p << ' ' << n;
        if (n - 1 > e) {
          const mp below = reference(erlang_c_reference(e, n - 1), e, n - 1, 1.0, t).within;
          EXPECT_LT(below, mp(p) * (1 + mp(1e-12))) << e << ' ' << t << ' ' << p << ' ' << n;
        }
        ++solves;
      }
    }
  }
  EXPECT_GT(solves, 50);
}

TEST(ResponseTime, ServersForAMeanAreTheFewestInHighPrecision) {
  for (const double e : {0.5, 3.0, 42.0, 5000.0}) {
    for (const double max_mean : {1.001, 1.05, 1.5, 4.0}) {
      const double n = erlang::servers_for_mean_response_time(e, 1.0, max_mean);
      const auto mean = [&](double servers) {
        return erlang_c_reference(e, servers) / (mp(servers) - mp(e)) + 1;
      };
      EXPECT_LE(mean(n), mp(max_mean) * (1 + mp(1e-13))) << e << ' ' << max_mean;
      if (n - 1 > e) {
        EXPECT_GT(mean(n - 1), mp(max_mean) * (1 - mp(1e-13))) << e << ' ' << max_mean;
      }
    }
  }
  EXPECT_THROW(erlang::servers_for_mean_response_time(10.0, 1.0, 1.0), std::domain_error);
}

TEST(ResponseTime, LargestTrafficIsTheTargetsRoot) {
  for (const double m : {1.0, 4.0, 32.0, 1000.0}) {
    for (const double p : {0.5, 0.9, 0.99}) {
      const double t = 6.0;  // units of h: P(S <= t) = 0.9975
      const double e = erlang::traffic_for_response_time(m, 1.0, p, t);
      ASSERT_GT(e, 0) << m << ' ' << p;
      ASSERT_LT(e, m);
      const mp at = reference(erlang_c_reference(e, m), e, m, 1.0, t).within;
      EXPECT_LE(abs(at - mp(p)), mp(1e-12)) << m << ' ' << p;
      EXPECT_GE(at, mp(p) * (1 - mp(1e-14))) << m << ' ' << p;
    }
    const double e = erlang::traffic_for_mean_response_time(m, 1.0, 2.0);
    const mp mean = erlang_c_reference(e, m) / (mp(m) - mp(e)) + 1;
    EXPECT_LE(abs(mean - 2) / 2, mp(1e-12)) << m;
  }
  // The service alone misses a p99 of 1 h (P(S <= h) = 0.63): no traffic meets it.
  EXPECT_THROW(erlang::traffic_for_response_time(10.0, 1.0, 0.99, 1.0), std::domain_error);
}

TEST(ResponseTime, OverloadRule) {
  for (double m : {1.0, 10.0, 1e4}) {
    for (double e : {m, m * 1.5, m * 100}) {
      EXPECT_EQ(erlang::response_time_exceedance(e, m, 0.035, 0.25), 1.0);
      EXPECT_EQ(erlang::response_time_within(e, m, 0.035, 0.25), 0.0);
      EXPECT_EQ(erlang::mean_response_time(e, m, 0.035), inf);
      EXPECT_EQ(erlang::response_time_quantile(e, m, 0.035, 0.99), inf);
    }
  }
}

TEST(ResponseTime, LongDoubleFloatAndMultiprecision) {
  const double e = 9.0;
  const double m = 10.0;  // a = mu exactly
  const double h = 1.0;
  const double t = 2.5;
  const mp c_ref = erlang_c_reference(e, m);
  const auto ref = reference(c_ref, e, m, h, t);
  const mp hp = erlang::response_time_exceedance(mp(e), mp(m), mp(h), mp(t));
  EXPECT_LE(static_cast<double>(abs((hp - ref.exceedance) / ref.exceedance)), 1e-35);
  const mp hp_in = erlang::response_time_within(mp(e), mp(m), mp(h), mp(t));
  EXPECT_LE(static_cast<double>(abs((hp_in - ref.within) / ref.within)), 1e-35);
  const long double ld = erlang::response_time_exceedance(9.0L, 10.0L, 1.0L, 2.5L);
  EXPECT_LE(static_cast<double>(abs((mp(ld) - ref.exceedance) / ref.exceedance)), 1e-17);
  const float f = erlang::response_time_exceedance(9.0f, 10.0f, 1.0f, 2.5f);
  EXPECT_NEAR(f / static_cast<float>(ref.exceedance), 1.0f, 1e-6f);
  // The quantile in 50 digits round-trips through the reference to the quadrature's accuracy.
  const mp q = erlang::response_time_quantile(mp(e), mp(m), mp(h), mp("0.95"));
  const auto at_q = reference(c_ref, e, m, h, static_cast<double>(q));
  EXPECT_LE(static_cast<double>(abs((at_q.exceedance - mp("0.05")) / (at_q.density * q))), 1e-15);
  const mp mean = erlang::mean_response_time(mp(e), mp(m), mp(h));
  EXPECT_LE(static_cast<double>(abs(mean - (c_ref + 1))), 1e-40);
}

TEST(ResponseTime, DomainErrorsNameFunctionAndValue) {
  expect_error([] { return erlang::response_time_exceedance(-3.0, 5.0, 1.0, 1.0); },
               "erlang::response_time_exceedance", "Traffic must be finite and >= 0, got -3");
  expect_error([] { return erlang::response_time_exceedance(3.0, std::nan(""), 1.0, 1.0); },
               "erlang::response_time_exceedance", "Servers must be finite and >= 0, got nan");
  expect_error([] { return erlang::response_time_exceedance(3.0, 5.0, 0.0, 1.0); },
               "erlang::response_time_exceedance",
               "Mean handling time must be finite and > 0, got 0");
  expect_error([] { return erlang::response_time_exceedance(3.0, 5.0, 1.0, -2.0); },
               "erlang::response_time_exceedance", "Time must be finite and >= 0, got -2");
  expect_error([] { return erlang::response_time_within(3.0, 5.0, 1.0, inf); },
               "erlang::response_time_within", "Time must be finite and >= 0, got inf");
  expect_error([] { return erlang::response_time_within(3.0, 5.0, -1.0, 1.0); },
               "erlang::response_time_within", "got -1");
  expect_error([] { return erlang::mean_response_time(3.0, 5.0, inf); },
               "erlang::mean_response_time", "Mean handling time must be finite and > 0, got inf");
  expect_error([] { return erlang::mean_response_time(inf, 5.0, 1.0); },
               "erlang::mean_response_time", "Traffic must be finite and >= 0, got inf");
  expect_error([] { return erlang::response_time_quantile(3.0, 5.0, 1.0, 1.0); },
               "erlang::response_time_quantile", "Fraction must be in [0, 1), got 1");
  expect_error([] { return erlang::response_time_quantile(3.0, 5.0, 1.0, -0.5); },
               "erlang::response_time_quantile", "Fraction must be in [0, 1), got -0.5");
  expect_error([] { return erlang::response_time_quantile(3.0, -5.0, 1.0, 0.5); },
               "erlang::response_time_quantile", "Servers must be finite and >= 0, got -5");
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  EXPECT_TRUE(std::isnan(erlang::response_time_exceedance(-1.0, 3.0, 1.0, 1.0, nan_policy())));
  EXPECT_TRUE(std::isnan(erlang::response_time_within(1.0, 3.0, 1.0, -1.0, nan_policy())));
  EXPECT_TRUE(std::isnan(erlang::mean_response_time(1.0, 3.0, 0.0, nan_policy())));
  EXPECT_TRUE(std::isnan(erlang::response_time_quantile(1.0, 3.0, 1.0, 2.0, nan_policy())));
}

TEST(ResponseTime, QuantileOverflowIsAnError) {
  // The quantile is about 1e308 * 40: beyond the largest double.
  try {
    (void)erlang::response_time_quantile(0.5, 1.0, 1e308, 0.99999999);
    ADD_FAILURE() << "no overflow error";
  } catch (const std::overflow_error& ex) {
    EXPECT_NE(std::string(ex.what()).find("erlang::response_time_quantile"), std::string::npos)
        << ex.what();
  }
}

}  // namespace
