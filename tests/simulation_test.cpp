// The simulator against exact results: Erlang C, Erlang A, M/M/c/K and M/M/c/K+M (the
// library's analytic functions), Pollaczek-Khinchine for M/G/1, and the embedded chain of
// M/D/c (Crommelin 1932) solved in the test. Every comparison is at a fixed seed.
//
// Error levels. With R replications the statistic (simulated - exact) / standard error
// follows Student's t with R - 1 degrees of freedom (each replication long enough for the
// central limit theorem). A comparison misses when it lies beyond 3 standard errors: with
// R = 20 that happens with probability p3 = P(|t_19| > 3) = 0.0073 for a correct simulator
// (computed below). Each grid asserts (1) no comparison beyond 5 standard errors
// (P(|t_19| > 5) = 7.9e-5 each), and (2) that its number of misses does not exceed the 0.999
// quantile of Binomial(comparisons, p3). The measures of one grid point are correlated, so
// the binomial count is an approximation (misses come in clusters more often than it says).
// Each comparison also bounds the standard error, so that the test cannot pass by being
// imprecise.
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/simulation.hpp>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>
#include <boost/math/tools/roots.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr int replications = 20;

/// Collects the comparisons of one grid and checks the count of misses.
class agreement {
 public:
  agreement() {
    const boost::math::students_t_distribution<double> t(replications - 1);
    p_miss_ = 2 * boost::math::cdf(boost::math::complement(t, 3.0));
  }

  /// The simulated estimate against the exact value; the standard error must be at most
  /// `relative` times max(|exact|, scale). A standard error of 0 (every replication saw
  /// the same ratio: an event never seen, or a quantile that is 0 in each) is accepted
  /// when the value is within 1e-5 of the exact one: an event of probability 1e-5 goes
  /// unseen in a million calls with probability e^-10. Such comparisons are not counted.
  void check(const std::string& what, const erlang::estimate& e, double exact, double scale,
             double relative = 0.05) {
    ASSERT_TRUE(std::isfinite(e.value)) << what;
    ASSERT_TRUE(std::isfinite(e.standard_error)) << what;
    if (e.standard_error == 0) {
      EXPECT_LE(std::fabs(e.value - exact), 1e-5) << what << ": simulated " << e.value
                                                  << " with no spread, exact " << exact;
      return;
    }
    ++count_;
    EXPECT_LE(e.standard_error, relative * std::max(std::fabs(exact), scale))
        << what << ": too imprecise to test";
    const double d = e.value - exact;
    const double z = d / e.standard_error;
    EXPECT_LE(std::fabs(z), 5) << what << ": simulated " << e.value << " +- " << e.standard_error
                               << ", exact " << exact;
    if (std::fabs(z) > 3) {
      ++misses_;
      list_ << "  " << what << ": simulated " << e.value << " +- " << e.standard_error
            << ", exact " << exact << " (z = " << z << ")\n";
    }
  }

  void verify() const {
    ::testing::Test::RecordProperty("comparisons", count_);
    ::testing::Test::RecordProperty("misses_beyond_3_se", misses_);
    const boost::math::binomial_distribution<double> b(count_, p_miss_);
    // Smallest k with P(misses > k) <= 0.001.
    int k = 0;
    while (boost::math::cdf(boost::math::complement(b, k)) > 0.001) {
      ++k;
    }
    EXPECT_LE(misses_, k) << misses_ << " of " << count_ << " comparisons beyond 3 standard "
                          << "errors (each p = " << p_miss_ << "):\n"
                          << list_.str();
    EXPECT_GT(count_, 20);
  }

 private:
  double p_miss_ = 0;
  int count_ = 0;
  int misses_ = 0;
  std::ostringstream list_;
};

std::string point_name(const char* model, double c, double e) {
  std::ostringstream s;
  s << model << " c = " << c << ", E = " << e;
  return s.str();
}

erlang::simulation_options stationary_options(std::uint64_t seed, std::uint64_t calls) {
  erlang::simulation_options o;
  o.seed = seed;
  o.replications = replications;
  o.calls = calls;
  o.warmup_calls = calls / 10;
  o.quantiles = {0.8, 0.95};
  return o;
}

/// P(T > x) of the M/M/c response time T = W + S (MODELS.md, software capacity).
double mmc_response_survival(double e, int c, double h, double x) {
  const double mu = 1 / h;
  const double cc = erlang::erlang_c(e, c);
  const double a = (c - e) * mu;
  const double tail = std::fabs(a - mu) < 1e-12 * mu
                          ? cc * std::exp(-mu * x) * (1 + mu * x)
                          : cc * (a * std::exp(-mu * x) - mu * std::exp(-a * x)) / (a - mu);
  return (1 - cc) * std::exp(-mu * x) + tail;
}

double mmc_response_quantile(double e, int c, double h, double p) {
  const auto f = [&](double x) { return mmc_response_survival(e, c, h, x) - (1 - p); };
  boost::math::tools::eps_tolerance<double> tol(50);
  std::uintmax_t iterations = 200;
  const auto r = boost::math::tools::toms748_solve(f, 0.0, 200 * h, tol, iterations);
  return (r.first + r.second) / 2;
}

TEST(Simulation, ReproducesErlangC) {
  agreement a;
  const double h = 2;
  const double t = 1;
  std::uint64_t seed = 100;
  for (const int c : {1, 3, 10, 30}) {
    for (const double rho : {0.5, 0.75, 0.9}) {
      const double e = rho * c;
      erlang::simulation_model m;
      m.arrival_rates = {e / h};
      m.agents = {c};
      m.service = erlang::time_distribution::exponential(h);
      m.answer_time = t;
      const auto r = erlang::simulate(m, stationary_options(++seed, 50000)).overall;
      const std::string p = point_name("M/M/c", c, e);
      const double cc = erlang::erlang_c(e, c);
      const double sl = erlang::service_level(e, c, h, t);
      a.check(p + " P(wait)", r.wait_probability, cc, 0.2);
      a.check(p + " service level", r.service_level, sl, 0.2);
      a.check(p + " service level of answered", r.service_level_of_answered, sl, 0.2);
      a.check(p + " ASA", r.average_speed_of_answer, erlang::average_speed_of_answer(e, c, h), h);
      a.check(p + " mean wait", r.mean_wait, erlang::average_speed_of_answer(e, c, h), h);
      a.check(p + " mean queue", r.mean_queue_length, erlang::mean_queue_length(e, c), 1);
      a.check(p + " occupancy", r.occupancy, erlang::occupancy(e, c), 0.2);
      const double qs[] = {0.8, 0.95};
      for (int i = 0; i < 2; ++i) {
        // Where C is near 1 - q the sample quantile jumps between 0 and a positive value.
        if (std::fabs(cc - (1 - qs[i])) > 0.05) {
          a.check(p + " wait quantile " + std::to_string(qs[i]), r.wait_quantiles[i],
                  erlang::wait_time_quantile(e, c, h, qs[i]), h);
        }
        a.check(p + " response quantile " + std::to_string(qs[i]), r.response_time_quantiles[i],
                mmc_response_quantile(e, c, h, qs[i]), h);
      }
      EXPECT_EQ(r.blocking_probability.value, 0);
      EXPECT_EQ(r.abandon_probability.value, 0);
      EXPECT_EQ(r.offered, std::uint64_t{50000} * replications);
    }
  }
  a.verify();
}

}  // namespace
