// Agreement of the simulator with exact values, counted per measure.
//
// Error levels. With R replications the statistic (simulated - exact) / standard error
// follows Student's t with R - 1 degrees of freedom (each replication long enough for the
// central limit theorem). A comparison misses when it lies beyond 3 standard errors: with
// R = 20 that happens with probability p3 = P(|t_19| > 3) = 0.0074 for a correct simulator
// (computed below). Each grid asserts, for each measure, that its number of misses over the
// grid points does not exceed the (1 - 1e-5) quantile of Binomial(points, p3), and that no
// comparison lies beyond 6 standard errors (P(|t_19| > 6) = 9e-6 each). With the seed fixed
// a false alarm would fail every run, so the levels are set for the whole of simulation_test.cpp:
// about 50 counts and 450 comparisons give a chance below 0.5% that a correct simulator fails
// anywhere (the four GI/M/1 mean waits held to 3 standard errors on their own add 3%). The
// points use their own seeds, so one measure's misses are independent across points; the measures
// of one point are not (P(wait), occupancy and the waits all follow the realised arrival rate),
// which is why the count is kept per measure and not pooled. Each comparison also bounds the
// standard error, so that the test cannot pass by being imprecise.
#ifndef ERLANG_TESTS_SUPPORT_SIMULATION_AGREEMENT_HPP
#define ERLANG_TESTS_SUPPORT_SIMULATION_AGREEMENT_HPP

#include <erlang/simulation.hpp>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>

namespace erlang::test {

/// Replications of every simulation these checks are calibrated for.
constexpr int replications = 20;

/// A stationary simulation: one interval at `rate` calls per unit time, `agents` agents,
/// the given handling times and answer time (no abandonment, an infinite queue: set
/// patience and waiting_places afterwards where the model has them).
inline erlang::simulation_model stationary_model(double rate, int agents,
                                                 const erlang::time_distribution& service,
                                                 double answer_time = 0) {
  erlang::simulation_model m;
  m.arrival_rates = {rate};
  m.agents = {agents};
  m.service = service;
  m.answer_time = answer_time;
  return m;
}

/// The Markovian queue of traffic e erlangs: exponential handling times of mean h, c
/// agents, exponential patience of the given mean (+infinity: nobody abandons) and
/// `places` waiting places (negative: unlimited).
inline erlang::simulation_model markovian_model(double e, int c, double h, double answer_time,
                                                double patience, std::int64_t places) {
  auto m = stationary_model(e / h, c, erlang::time_distribution::exponential(h), answer_time);
  if (std::isfinite(patience)) {
    m.patience = erlang::time_distribution::exponential(patience);
  }
  if (places >= 0) {
    m.waiting_places = places;
  }
  return m;
}

/// The options every agreement grid uses: `replications` runs of `calls` calls after a
/// warm-up of a tenth as many, the 80% and 95% wait quantiles.
inline erlang::simulation_options stationary_options(std::uint64_t seed, std::uint64_t calls) {
  erlang::simulation_options o;
  o.seed = seed;
  o.replications = replications;
  o.calls = calls;
  o.warmup_calls = calls / 10;
  o.quantiles = {0.8, 0.95};
  return o;
}

/// The overall measures of markovian_model(e, c, h, answer_time, patience, places)
/// simulated under stationary_options(seed, 50000).
inline erlang::simulation_measures simulate_markovian(double e, int c, double h, double answer_time,
                                                      double patience, std::int64_t places,
                                                      std::uint64_t seed) {
  return erlang::simulate(markovian_model(e, c, h, answer_time, patience, places),
                          stationary_options(seed, 50000))
      .overall;
}

/// Collects the comparisons of one grid and checks the count of misses per measure.
class agreement {
 public:
  explicit agreement(int min_comparisons = 20) : min_comparisons_(min_comparisons) {
    const boost::math::students_t_distribution<double> t(replications - 1);
    p_miss_ = 2 * boost::math::cdf(boost::math::complement(t, 3.0));
  }

  /// The simulated estimate of `measure` at grid point `point` against the exact value;
  /// the standard error must be at most `relative` times max(|exact|, scale). A standard
  /// error of 0 (every replication saw the same ratio: an event never seen, or a quantile
  /// that is 0 in each) is accepted when the value is within 1e-5 of the exact one: an
  /// event of probability 1e-5 goes unseen in a million calls with probability e^-10. Such
  /// comparisons are not counted.
  void check(const std::string& point, const std::string& measure, const erlang::estimate& e,
             double exact, double scale, double relative = 0.05) {
    const std::string what = point + " " + measure;
    ASSERT_TRUE(std::isfinite(e.value)) << what;
    ASSERT_TRUE(std::isfinite(e.standard_error)) << what;
    if (e.standard_error == 0) {
      EXPECT_LE(std::fabs(e.value - exact), 1e-5)
          << what << ": simulated " << e.value << " with no spread, exact " << exact;
      return;
    }
    auto& tally = measures_[measure];
    ++tally.count;
    ++count_;
    EXPECT_LE(e.standard_error, relative * std::max(std::fabs(exact), scale))
        << what << ": too imprecise to test";
    const double z = (e.value - exact) / e.standard_error;
    EXPECT_LE(std::fabs(z), 6) << what << ": simulated " << e.value << " +- " << e.standard_error
                               << ", exact " << exact;
    if (std::fabs(z) > 3) {
      ++tally.misses;
      ++misses_;
      tally.list << "  " << what << ": simulated " << e.value << " +- " << e.standard_error
                 << ", exact " << exact << " (z = " << z << ")\n";
    }
  }

  void verify() const {
    ::testing::Test::RecordProperty("comparisons", count_);
    ::testing::Test::RecordProperty("misses_beyond_3_se", misses_);
    for (const auto& [measure, tally] : measures_) {
      const boost::math::binomial_distribution<double> b(tally.count, p_miss_);
      // Smallest k with P(misses > k) <= 1e-5.
      int k = 0;
      while (boost::math::cdf(boost::math::complement(b, k)) > 1e-5) {
        ++k;
      }
      EXPECT_LE(tally.misses, k) << measure << ": " << tally.misses << " of " << tally.count
                                 << " points beyond 3 standard errors (each p = " << p_miss_
                                 << "):\n"
                                 << tally.list.str();
    }
    EXPECT_GE(count_, min_comparisons_);
  }

 private:
  struct measure_tally {
    int count = 0;
    int misses = 0;
    std::ostringstream list;
  };
  int min_comparisons_;
  double p_miss_ = 0;
  int count_ = 0;
  int misses_ = 0;
  std::map<std::string, measure_tally> measures_;
};

}  // namespace erlang::test

#endif  // ERLANG_TESTS_SUPPORT_SIMULATION_AGREEMENT_HPP
