#include "support/expect_error.hpp"
#include "support/simulation_agreement.hpp"

#include <erlang/erlang_a.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/simulation.hpp>
#include <erlang/staffing.hpp>
#include <erlang/time_varying.hpp>

#include <boost/math/policies/policy.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using erlang::test::expect_error;

constexpr double inf = std::numeric_limits<double>::infinity();

/// A day of intervals of `length`, handling time h, patience and answer time as given.
template <class Real>
erlang::day_parameters<Real> day_of(Real length, Real h,
                                    Real patience = std::numeric_limits<Real>::infinity(),
                                    Real answer_time = 0) {
  erlang::day_parameters<Real> d;
  d.interval_length = length;
  d.mean_handling_time = h;
  d.mean_patience = patience;
  d.answer_time = answer_time;
  return d;
}

/// The stationary distribution of the birth-death chain, from the product form
/// p(k) / p(k - 1) = births(k - 1) / deaths(k), in long double, up to the state where the
/// terms fall below 1e-40 of the largest (or the capacity).
std::vector<double> stationary_distribution(double rate, int agents, double h, double patience,
                                            std::optional<int> waiting_places) {
  const long double mu = 1.0L / h;
  const long double theta = std::isinf(patience) ? 0.0L : 1.0L / patience;
  std::vector<long double> w{1.0L};
  long double largest = 1;
  for (int k = 1;; ++k) {
    if (waiting_places && k > agents + *waiting_places) {
      break;
    }
    const long double d = k <= agents ? k * mu : agents * mu + (k - agents) * theta;
    const long double next = w.back() * rate / d;
    w.push_back(next);
    largest = std::max(largest, next);
    if (k > agents && next < 1e-40L * largest) {
      break;
    }
  }
  long double sum = 0;
  for (long double x : w) {
    sum += x;
  }
  std::vector<double> p;
  p.reserve(w.size());
  for (long double x : w) {
    p.push_back(static_cast<double>(x / sum));
  }
  return p;
}

struct stationary_case {
  double rate;
  int agents;
  double h;
  double patience;
  std::optional<int> waiting_places;
  double answer_time;
};

/// The stationary values of the model from the existing headers, in the order of
/// interval_performance: P(wait), blocking, P(abandon), service level, ASA, mean queue,
/// occupancy.
std::vector<double> stationary_values(const stationary_case& c) {
  const double e = c.rate * c.h;
  const double n = c.agents;
  if (c.waiting_places) {
    const double w = *c.waiting_places;
    const auto m = std::isinf(c.patience)
                       ? erlang::finite_queue(e, n, c.h, w, c.answer_time)
                       : erlang::finite_queue_abandonment(e, n, c.h, c.patience, w, c.answer_time);
    return {m.wait_probability,
            m.blocking,
            m.abandon_probability,
            m.service_level,
            m.average_speed_of_answer,
            m.mean_queue_length,
            m.occupancy};
  }
  if (std::isinf(c.patience)) {
    return {erlang::erlang_c(e, n),
            0.0,
            0.0,
            erlang::service_level(e, n, c.h, c.answer_time),
            erlang::average_speed_of_answer(e, n, c.h),
            erlang::mean_queue_length(e, n),
            erlang::occupancy(e, n)};
  }
  const auto a = erlang::erlang_a(e, n, c.h, c.patience, c.answer_time);
  return {a.wait_probability,
          0.0,
          a.abandon_probability,
          a.service_level,
          a.average_speed_of_answer,
          a.mean_queue_length,
          a.occupancy};
}

std::vector<double> performance_values(const erlang::interval_performance<double>& p) {
  return {p.wait_probability,
          p.blocking,
          p.abandon_probability,
          p.service_level,
          p.average_speed_of_answer,
          p.mean_queue_length,
          p.occupancy};
}

const char* const measure_names[] = {"wait probability", "blocking", "abandonment",
                                     "service level",    "ASA",      "mean queue",
                                     "occupancy"};

erlang::day_parameters<double> parameters_of(const stationary_case& c, double interval_length) {
  auto d = day_of(interval_length, c.h, c.patience, c.answer_time);
  if (c.waiting_places) {
    d.waiting_places = *c.waiting_places;
  }
  return d;
}

const stationary_case stationary_cases[] = {
    {7.0, 10, 1.0, inf, std::nullopt, 0.2},   // Erlang C
    {0.9, 1, 1.0, inf, std::nullopt, 0.5},    // M/M/1 near saturation start
    {11.0, 10, 1.0, 2.0, std::nullopt, 0.1},  // Erlang A, overloaded
    {4.0, 6, 0.5, 0.25, std::nullopt, 0.05},  // Erlang A, impatient
    {9.0, 8, 1.0, inf, 5, 0.3},               // M/M/c/K, overloaded
    {5.0, 6, 1.0, inf, 0, 0.3},               // M/M/c/c: Erlang B
    {12.0, 10, 1.0, 1.5, 7, 0.2},             // M/M/c/K+M
};

TEST(TimeVarying, ConstantRateFromEmptyConvergesToStationaryValues) {
  // From an empty system, many intervals at a constant rate: the last interval's measures
  // reach the stationary values of Erlang C, Erlang A, M/M/c/K and M/M/c/K+M (the existing
  // headers' closed forms) to 1e-9. 300 handling times: the slowest case (M/M/1 at load
  // 0.9, spectral gap (1 - sqrt 0.9)^2 / h = 2.7e-3 / h) is still 0.44 away from its
  // stationary values in total variation... so that one starts from a point mass near
  // its mean and runs 12 000 handling times (e^-32 of the gap).
  for (const auto& c : stationary_cases) {
    const double horizon = c.agents == 1 ? 12000.0 : 300.0;
    const std::size_t intervals = 60;
    const auto d = parameters_of(c, horizon / intervals * c.h);
    const std::vector<double> rates(intervals, c.rate);
    const std::vector<double> agents(intervals, double(c.agents));
    std::vector<double> start;
    if (c.agents == 1) {
      start.assign(10, 0.0);
      start[9] = 1.0;
    }
    const auto day = erlang::evaluate_day(rates, agents, d, start);
    const auto got = performance_values(day.intervals.back());
    const auto want = stationary_values(c);
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_NEAR(got[i], want[i], 1e-9 * std::max(1.0, std::abs(want[i])))
          << measure_names[i] << " rate " << c.rate << " agents " << c.agents << " patience "
          << c.patience << " waiting places " << c.waiting_places.value_or(-1);
    }
    EXPECT_LE(day.truncation_mass, d.tolerance);
  }
}

TEST(TimeVarying, StationaryStartStaysStationary) {
  // Started in the stationary distribution (the product form, computed here in long
  // double), every interval has the stationary values, the first one included.
  for (const auto& c : stationary_cases) {
    const auto d = parameters_of(c, 0.5 * c.h);
    const auto start = stationary_distribution(c.rate, c.agents, c.h, c.patience, c.waiting_places);
    const auto day = erlang::evaluate_day(std::vector<double>(3, c.rate),
                                          std::vector<double>(3, double(c.agents)), d, start);
    const auto want = stationary_values(c);
    for (const auto& interval : day.intervals) {
      const auto got = performance_values(interval);
      for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_NEAR(got[i], want[i], 1e-12 * std::max(1.0, std::abs(want[i])))
            << measure_names[i] << " rate " << c.rate << " agents " << c.agents;
      }
    }
    for (std::size_t k = 0; k < std::min(start.size(), day.final_distribution.size()); ++k) {
      EXPECT_NEAR(day.final_distribution[k], start[k], 1e-13) << "state " << k;
    }
  }
}

TEST(TimeVarying, ProbabilitiesSumToOneLessTheStatedMass) {
  // Random days (rates, agents, patience, waiting places): the end distribution sums to
  // one minus at most the stated truncation mass, within rounding (1e-12: about one ulp
  // per uniformization step and state), and that mass is within the tolerance. A loose
  // tolerance makes the window drop visible mass, which must be stated too.
  std::mt19937_64 gen(20261202);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int trial = 0; trial < 24; ++trial) {
    erlang::day_parameters<double> d;
    d.interval_length = 0.25 + unit(gen);
    d.mean_handling_time = 0.5 + unit(gen);
    d.mean_patience = trial % 3 == 0 ? inf : 0.2 + 3 * unit(gen);
    if (trial % 2 == 1) {
      d.waiting_places = std::floor(20 * unit(gen));
    }
    d.answer_time = 0.3 * unit(gen);
    d.tolerance = trial % 4 == 3 ? 1e-4 : 1e-12;
    std::vector<double> rates;
    std::vector<double> agents;
    for (int i = 0; i < 12; ++i) {
      rates.push_back(60 * unit(gen));
      agents.push_back(std::floor(1 + 50 * unit(gen)));
    }
    const auto day = erlang::evaluate_day(rates, agents, d);
    double sum = 0;
    for (double p : day.final_distribution) {
      EXPECT_GE(p, 0.0);
      sum += p;
    }
    EXPECT_LE(1 - sum, day.truncation_mass + 1e-12) << "trial " << trial;
    EXPECT_GE(1 - sum, -1e-12) << "trial " << trial;
    EXPECT_LE(day.truncation_mass, d.tolerance) << "trial " << trial;
    double per_interval = 0;
    for (const auto& p : day.intervals) {
      per_interval += p.truncation_mass;
      for (double v :
           {p.wait_probability, p.blocking, p.abandon_probability, p.service_level, p.occupancy}) {
        EXPECT_GE(v, 0.0);
        EXPECT_LE(v, 1.0);
      }
      EXPECT_LE(p.wait_probability + p.blocking, 1.0 + 1e-12);
      if (!d.waiting_places) {
        EXPECT_EQ(p.blocking, 0.0);
      }
      if (std::isinf(d.mean_patience)) {
        EXPECT_EQ(p.abandon_probability, 0.0);
      }
    }
    EXPECT_NEAR(per_interval, day.truncation_mass, 1e-15 + 1e-12 * day.truncation_mass);
  }
}

TEST(TimeVarying, EvaluateIntervalChainsIntoTheDay) {
  // Interval by interval, each from the distribution the previous one leaves, gives the
  // day's evaluation.
  const auto d = day_of(0.5, 1.0, 3.0, 0.1);
  const std::vector<double> rates{5, 20, 35, 12};
  const std::vector<double> agents{6, 18, 30, 14};
  const auto day = erlang::evaluate_day(rates, agents, d);
  std::vector<double> p;
  auto share = d;  // the day gives each interval a quarter of the tolerance
  share.tolerance = d.tolerance / 4;
  for (std::size_t i = 0; i < rates.size(); ++i) {
    auto step = erlang::evaluate_interval(rates[i], agents[i], share, p);
    EXPECT_NEAR(step.performance.service_level, day.intervals[i].service_level, 1e-12);
    EXPECT_NEAR(step.performance.mean_queue_at_end, day.intervals[i].mean_queue_at_end, 1e-10);
    p = step.distribution;
  }
  ASSERT_EQ(p.size(), day.final_distribution.size());
  for (std::size_t k = 0; k < p.size(); ++k) {
    EXPECT_NEAR(p[k], day.final_distribution[k], 1e-13);
  }
}

TEST(TimeVarying, ModifiedOfferedLoadOfASinusoid) {
  // lambda(t) = 100 + 20 sin t, mu = 1: m(t) = 100 + 10 (sin t - cos t) from m(0) = 90
  // (no transient). The rate is replaced by its average over intervals of D = 1e-4; the
  // load of that piecewise-constant rate differs from m by at most
  // 10 D^3 / (1 - e^-D) <= 10 D^2 (1 + D) at the grid points (within an interval add
  // 20 D^2: the rate varies by at most 20 D there), plus rounding over 1e5 steps.
  const double d = 1e-4;
  const std::size_t steps = 100000;  // t = 0 .. 10
  std::vector<double> rates;
  rates.reserve(steps);
  for (std::size_t i = 0; i < steps; ++i) {
    const double a = double(i) * d;
    const double b = double(i + 1) * d;
    rates.push_back(100 + 20 * (std::cos(a) - std::cos(b)) / d);
  }
  const auto path = erlang::modified_offered_loads(rates, d, 1.0, 90.0);
  const double grid_bound = 10 * d * d * (1 + d) + 1e-9;
  const double average_bound = grid_bound + 20 * d * d;
  double worst_end = 0;
  double worst_average = 0;
  for (std::size_t i = 0; i < steps; ++i) {
    const double a = double(i) * d;
    const double b = double(i + 1) * d;
    const double exact_end = 100 + 10 * (std::sin(b) - std::cos(b));
    const double exact_average =
        100 + 10 * ((std::cos(a) + std::sin(a)) - (std::cos(b) + std::sin(b))) / d;
    worst_end = std::max(worst_end, std::abs(path.end[i] - exact_end));
    worst_average = std::max(worst_average, std::abs(path.average[i] - exact_average));
  }
  EXPECT_LE(worst_end, grid_bound);
  EXPECT_LE(worst_average, average_bound);
  // From m(0) = 0 the transient -90 e^-t has decayed to 4e-3 by t = 10.
  const auto from_empty = erlang::modified_offered_loads(rates, d, 1.0, 0.0);
  EXPECT_NEAR(from_empty.end.back(),
              100 + 10 * (std::sin(10.0) - std::cos(10.0)) - 90 * std::exp(-10.0), grid_bound);
}

TEST(TimeVarying, TransientOfManyAgentsIsPoissonWithTheModifiedOfferedLoad) {
  // With far more agents than calls (120 agents, loads up to 30 erlangs: P(all busy) below
  // 1e-40) the chain is the infinite-server queue, whose number in system from an empty
  // start is Poisson with mean m(t), the modified offered load (an independent closed form:
  // the MOL step). Rates change every interval; the end distribution, the mean at each
  // interval's end and the time-averaged busy agents (m averaged over the interval) agree.
  const auto d = day_of(0.3, 1.0);
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> rates(20);
  for (double& r : rates) {
    r = 30 * unit(gen);
  }
  const std::vector<double> agents(rates.size(), 120.0);
  const auto day = erlang::evaluate_day(rates, agents, d);
  const auto m = erlang::modified_offered_loads(rates, d.interval_length, 1.0);
  for (std::size_t i = 0; i < rates.size(); ++i) {
    EXPECT_NEAR(day.intervals[i].mean_in_system_at_end, m.end[i], 1e-10) << "interval " << i;
    EXPECT_NEAR(day.intervals[i].occupancy * 120, m.average[i], 1e-10) << "interval " << i;
    EXPECT_LT(day.intervals[i].wait_probability, 1e-30);
  }
  const double mean = m.end.back();
  double pmf = std::exp(-mean);
  for (std::size_t k = 0; k < day.final_distribution.size(); ++k) {
    EXPECT_NEAR(day.final_distribution[k], pmf, 1e-13 + 1e-11 * pmf) << "state " << k;
    pmf *= mean / double(k + 1);
  }
}

TEST(TimeVarying, ModifiedOfferedLoadStepAndAverage) {
  // The step solves m' = lambda - m / h: against the solution in long double, and the
  // average against the mean of the step's values over a fine midpoint rule.
  for (double m0 : {0.0, 3.0, 250.0}) {
    for (double rate : {0.0, 0.7, 40.0}) {
      for (double h : {0.1, 1.0, 30.0}) {
        for (double len : {1e-9, 0.3, 15.0}) {
          const long double target = static_cast<long double>(rate) * h;
          const long double exact =
              target + (m0 - target) * std::exp(-static_cast<long double>(len) / h);
          EXPECT_NEAR(erlang::modified_offered_load_step(m0, rate, h, len),
                      static_cast<double>(exact),
                      4e-16 * (1 + std::abs(static_cast<double>(exact))));
          long double sum = 0;
          const int n = 20000;
          for (int i = 0; i < n; ++i) {
            const long double t = (i + 0.5L) * len / n;
            sum += target + (m0 - target) * std::exp(-t / h);
          }
          // midpoint rule error <= len^2 max|m''| / 24 / n^2
          const double bound = len * len * std::abs(m0 - static_cast<double>(target)) / (h * h) /
                                   24 / (double(n) * n) +
                               1e-14 * (1 + std::abs(m0) + rate * h);
          EXPECT_NEAR(erlang::modified_offered_load_average(m0, rate, h, len),
                      static_cast<double>(sum / n), bound);
        }
      }
    }
  }
  EXPECT_EQ(erlang::modified_offered_load_step(5.0, 1.0, 2.0, 0.0), 5.0);
}

TEST(TimeVarying, LaggedLoadsShiftThePiecewiseConstantRate) {
  const std::vector<double> rates{1, 2, 3, 4};
  const auto half = erlang::lagged_offered_loads(rates, 10.0, 2.0, 5.0);
  const std::vector<double> half_want{1.0, 3.0, 5.0, 7.0};  // h x {0.5, 1.5, 2.5, 3.5}
  const auto one = erlang::lagged_offered_loads(rates, 10.0, 2.0, 10.0);
  const std::vector<double> one_want{0.0, 2.0, 4.0, 6.0};
  const auto none = erlang::lagged_offered_loads(rates, 10.0, 2.0, 0.0);
  const auto long_lag = erlang::lagged_offered_loads(rates, 10.0, 1.0, 25.0, 7.0);
  const std::vector<double> long_want{7.0, 7.0, 4.0, 1.5};
  for (std::size_t i = 0; i < rates.size(); ++i) {
    EXPECT_DOUBLE_EQ(half[i], half_want[i]);
    EXPECT_DOUBLE_EQ(one[i], one_want[i]);
    EXPECT_DOUBLE_EQ(none[i], 2 * rates[i]);
    EXPECT_DOUBLE_EQ(long_lag[i], long_want[i]);
  }
  EXPECT_DOUBLE_EQ(erlang::stationary_excess_lag(180.0, 1.0), 180.0);  // exponential
  EXPECT_DOUBLE_EQ(erlang::stationary_excess_lag(180.0, 0.0), 90.0);   // deterministic
}

TEST(TimeVarying, EveryMethodStaffsAConstantDayAsSipp) {
  // At a constant rate, started in the stationary load, lag and MOL loads equal the
  // interval's own load, so every method gives the stationary solver's count.
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  for (double patience : {inf, 120.0}) {
    for (std::optional<double> places : {std::optional<double>{}, std::optional<double>{30.0}}) {
      auto d = day_of(900.0, 240.0, patience);
      d.waiting_places = places;
      const std::vector<double> rates(8, 0.5);
      const double e = 0.5 * 240;
      double want = 0;
      if (places) {
        want = std::isinf(patience) ? erlang::finite_queue_agents_for_targets(e, 240.0, *places, t)
                                    : erlang::finite_queue_abandonment_agents_for_targets(
                                          e, 240.0, patience, *places, t);
      } else {
        want = std::isinf(patience) ? erlang::agents_for_targets(e, 240.0, t)
                                    : erlang::erlang_a_agents_for_targets(e, 240.0, patience, t);
      }
      const auto sipp = erlang::sipp_agents_for_targets(rates, d, t);
      const auto lag = erlang::lag_agents_for_targets(rates, d, 240.0, 0.5, t);
      const auto mol = erlang::mol_agents_for_targets(rates, d, e, t);
      for (std::size_t i = 0; i < rates.size(); ++i) {
        EXPECT_EQ(sipp[i], want);
        EXPECT_EQ(lag[i], want);
        EXPECT_EQ(mol[i], want);
      }
      // Exact staffing from the stationary distribution of `want` agents, over intervals
      // of 100 handling times (the interval's average is then the stationary value to
      // within the relaxation time over the interval): `want` again in every interval.
      auto long_day = d;
      long_day.interval_length = 100 * 240.0;
      std::optional<int> whole_places;
      if (places) {
        whole_places = static_cast<int>(*places);
      }
      const auto start =
          stationary_distribution(0.5, static_cast<int>(want), 240.0, patience, whole_places);
      const auto exact =
          erlang::exact_agents_for_targets(std::vector<double>(3, 0.5), long_day, start, t);
      for (double n : exact) {
        EXPECT_EQ(n, want) << "patience " << patience << ", places " << places.value_or(-1);
      }
    }
  }
}

/// Calls a minute over 24 intervals of 15 minutes: 0.5 for an hour, a ramp to 4 in an
/// hour, 4 for 1.5 hours, a fall to 1 in an hour, 1 for 1.5 hours.
std::vector<double> morning_ramp_rates() {
  std::vector<double> rates(4, 0.5);
  for (int i = 1; i <= 4; ++i) {
    rates.push_back(0.5 + i * 3.5 / 4);
  }
  rates.insert(rates.end(), 6, 4.0);
  for (int i = 1; i <= 4; ++i) {
    rates.push_back(4.0 - i * 3.0 / 4);
  }
  rates.insert(rates.end(), 6, 1.0);
  return rates;
}

TEST(TimeVarying, SippMissesAfterTheMorningPeakWhereMolHolds) {
  // Long handling times (30 min) against 15-minute intervals, a steep morning ramp from
  // 0.5 to 4 calls a minute in an hour, a plateau, and a fall to 1 a minute in an hour.
  // Target: 80 % answered within 20 s. The load lags the arrivals: SIPP, which staffs each
  // interval for its own rate, overstaffs the rising ramp and cuts agents while the calls
  // of the peak are still in service, so that under the exact evaluation its service level
  // collapses after the peak. MOL staffs for the lagged load and stays close to the target.
  const auto d = day_of(15.0, 30.0, inf, 1.0 / 3);
  const erlang::staffing_targets<double> t{.service_level = 0.8, .answer_time = 1.0 / 3};
  const auto rates = morning_ramp_rates();
  const auto sipp = erlang::sipp_agents_for_targets(rates, d, t);
  const auto mol = erlang::mol_agents_for_targets(rates, d, rates[0] * d.mean_handling_time, t);
  const auto sipp_day = erlang::evaluate_day(rates, sipp, d);
  const auto mol_day = erlang::evaluate_day(rates, mol, d);
  double sipp_worst = 1;
  double mol_worst = 1;
  for (std::size_t i = 0; i < rates.size(); ++i) {
    sipp_worst = std::min(sipp_worst, sipp_day.intervals[i].service_level);
    mol_worst = std::min(mol_worst, mol_day.intervals[i].service_level);
  }
  // The falling ramp (intervals 14-17): SIPP far below the target.
  for (std::size_t i = 14; i < 18; ++i) {
    EXPECT_LT(sipp_day.intervals[i].service_level, 0.5) << "interval " << i;
    EXPECT_LT(sipp[i], mol[i]) << "interval " << i;
  }
  // The rising ramp (intervals 4-7): SIPP above the target, with more agents than MOL.
  for (std::size_t i = 4; i < 8; ++i) {
    EXPECT_GT(sipp_day.intervals[i].service_level, 0.8) << "interval " << i;
    EXPECT_GT(sipp[i], mol[i]) << "interval " << i;
  }
  EXPECT_LT(sipp_worst, 0.01);
  EXPECT_GT(mol_worst, 0.7);
  EXPECT_LT(0.8 - mol_worst, (0.8 - sipp_worst) / 10);
  EXPECT_LE(sipp_day.truncation_mass, d.tolerance);
  EXPECT_LE(mol_day.truncation_mass, d.tolerance);
}

TEST(TimeVarying, ExactStaffingMeetsEveryIntervalWithTheFewestAgents) {
  // The day of SippMissesAfterTheMorningPeakWhereMolHolds (30-minute calls, 15-minute
  // intervals, a steep ramp up and down), staffed exactly for 80 % within 20 s.
  const auto d = day_of(15.0, 30.0, inf, 1.0 / 3);
  const erlang::staffing_targets<double> t{.service_level = 0.8, .answer_time = 1.0 / 3};
  const auto rates = morning_ramp_rates();
  const auto start = stationary_distribution(0.5, 20, 30.0, inf, std::nullopt);
  const auto exact = erlang::exact_agents_for_targets(rates, d, start, t);
  const auto sipp = erlang::sipp_agents_for_targets(rates, d, t);
  ASSERT_EQ(exact.size(), rates.size());
  const auto day = erlang::evaluate_day(rates, exact, d, start);
  for (std::size_t i = 0; i < rates.size(); ++i) {
    EXPECT_GE(day.intervals[i].service_level, 0.8) << "interval " << i;
    // One agent fewer in interval i alone: interval i misses.
    ASSERT_GT(exact[i], 0) << "interval " << i;
    auto fewer = exact;
    fewer[i] -= 1;
    EXPECT_LT(erlang::evaluate_day(rates, fewer, d, start).intervals[i].service_level, 0.8)
        << "interval " << i;
  }
  // The calls in service lag the arrivals: on the rising ramp fewer agents than SIPP's are
  // busy, after it more (the calls of the peak are still being served).
  for (std::size_t i = 4; i < 8; ++i) {
    EXPECT_LT(exact[i], sipp[i]) << "interval " << i;
  }
  for (std::size_t i = 14; i < 18; ++i) {
    EXPECT_GT(exact[i], sipp[i]) << "interval " << i;
  }
  // Before the ramp the day is stationary (it starts in the stationary distribution of
  // SIPP's count): SIPP's count.
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(exact[i], sipp[i]) << "interval " << i;
  }
  // At a constant rate the load climbs to the stationary one from below (the plateau) or
  // falls to it from above (the evening): the counts move monotonically towards SIPP's.
  for (std::size_t i = 8; i < 14; ++i) {
    EXPECT_GE(exact[i], exact[i - 1]) << "interval " << i;
    EXPECT_LE(exact[i], sipp[i]) << "interval " << i;
  }
  for (std::size_t i = 18; i < rates.size(); ++i) {
    EXPECT_LE(exact[i], exact[i - 1]) << "interval " << i;
    EXPECT_GE(exact[i], sipp[i]) << "interval " << i;
  }
}

TEST(TimeVarying, ExactEvaluatorAgreesWithTheSimulator) {
  // A day of 8 intervals of 20 handling times, the rate rising to 53 calls per handling
  // time and falling again, simulated from an empty system (20 replications at fixed
  // seeds) and evaluated exactly, with patience (mean 2) or with 10 waiting places; per
  // interval P(wait), P(blocked), P(abandon), service level, ASA, mean queue and occupancy
  // within 3 standard errors, the misses counted per measure
  // (tests/support/simulation_agreement.hpp). With constant agents (60) the evaluator is
  // exact for every measure (a caller's wait depends on the agents and the calls ahead of
  // it only). With agents that only rise the chain is exact too (P(wait), P(blocked),
  // queue, occupancy), but a caller still waiting at a rise is evaluated with the agents of
  // its arrival interval, so that its service level and ASA lean pessimistic: those are
  // compared at constant agents only. (Without patience and without a limit on the queue,
  // the queue near saturation is too skewed between replications for the t statistic of
  // 20 of them.)
  const std::vector<double> rates{40, 46, 50, 53, 51, 47, 43, 40};
  const std::vector<std::vector<double>> staffing{std::vector<double>(8, 60),
                                                  {46, 50, 54, 57, 57, 57, 57, 57}};
  // A replication of a day's interval is one stretch of one path: its measures vary more
  // between replications than a long stationary run's, and the standard error is bounded
  // by a quarter of the scale (not the stationary grids' 5 %). Intervals where hardly any
  // call waits (exact P(wait) < 0.02), and blocking below 0.02, are left out: a handful
  // of replications sees all the waiting there, and the t statistic of 20 replications
  // does not hold.
  constexpr double precision = 0.25;
  erlang::test::agreement a;
  std::uint64_t seed = 1300;
  for (const auto& agents : staffing) {
    const bool rising = agents.front() != agents.back();
    for (const double patience : {inf, 2.0}) {
      auto d = day_of(20.0, 1.0, patience, 0.05);
      if (std::isinf(patience)) {
        d.waiting_places = 10;
      }
      const auto exact = erlang::evaluate_day(rates, agents, d);
      erlang::simulation_model m;
      m.arrival_rates = rates;
      m.agents.assign(agents.begin(), agents.end());
      m.interval_length = d.interval_length;
      m.service = erlang::time_distribution::exponential(1);
      if (!std::isinf(patience)) {
        m.patience = erlang::time_distribution::exponential(patience);
      }
      if (d.waiting_places) {
        m.waiting_places = static_cast<std::int64_t>(*d.waiting_places);
      }
      m.answer_time = d.answer_time;
      erlang::simulation_options o;
      o.seed = ++seed;
      o.replications = erlang::test::replications;
      o.quantiles = {};
      const auto sim = erlang::simulate(m, o);
      ASSERT_EQ(sim.intervals.size(), rates.size());
      for (std::size_t i = 0; i < rates.size(); ++i) {
        const auto& r = sim.intervals[i];
        const auto& x = exact.intervals[i];
        if (x.wait_probability < 0.02) {
          continue;
        }
        const std::string p = "agents " + std::to_string(agents[i]) + ", patience " +
                              std::to_string(patience) + ", interval " + std::to_string(i);
        a.check(p, "P(wait)", r.wait_probability, x.wait_probability, 0.2, precision);
        if (x.blocking >= 0.02) {
          a.check(p, "P(blocked)", r.blocking_probability, x.blocking, 0.2, precision);
        }
        a.check(p, "mean queue", r.mean_queue_length, x.mean_queue_length, 1, precision);
        a.check(p, "occupancy", r.occupancy, x.occupancy, 0.2, precision);
        if (rising) {
          continue;
        }
        if (!std::isinf(patience)) {
          a.check(p, "P(abandon)", r.abandon_probability, x.abandon_probability, 0.2, precision);
        }
        a.check(p, "service level", r.service_level, x.service_level, 0.2, precision);
        a.check(p, "ASA", r.average_speed_of_answer, x.average_speed_of_answer, 1, precision);
      }
    }
  }
  a.verify();
}

TEST(TimeVarying, FloatAndLongDoubleAgreeWithDouble) {
  const auto d = day_of(0.5, 1.0, 2.0, 0.2);
  const std::vector<double> rates{3, 9, 6};
  const std::vector<double> agents{4, 9, 7};
  const auto base = erlang::evaluate_day(rates, agents, d);
  const auto dl = day_of(0.5L, 1.0L, 2.0L, 0.2L);
  const auto ld = erlang::evaluate_day(std::vector<long double>{3, 9, 6},
                                       std::vector<long double>{4, 9, 7}, dl);
  auto df = day_of(0.5F, 1.0F, 2.0F, 0.2F);
  df.tolerance = 1e-6F;
  const auto fl =
      erlang::evaluate_day(std::vector<float>{3, 9, 6}, std::vector<float>{4, 9, 7}, df);
  for (std::size_t i = 0; i < rates.size(); ++i) {
    EXPECT_NEAR(static_cast<double>(ld.intervals[i].service_level), base.intervals[i].service_level,
                1e-12);
    EXPECT_NEAR(static_cast<double>(fl.intervals[i].service_level), base.intervals[i].service_level,
                1e-6);
  }
  EXPECT_NEAR(static_cast<double>(erlang::modified_offered_load_step(1.0L, 2.0L, 3.0L, 4.0L)),
              erlang::modified_offered_load_step(1.0, 2.0, 3.0, 4.0), 1e-15);
}

TEST(TimeVarying, DomainErrorsNameFunctionAndValue) {
  erlang::day_parameters<double> good;
  good.interval_length = 1;
  good.mean_handling_time = 1;
  const std::vector<double> one{1.0};
  const auto with = [&](auto change) {
    auto d = good;
    change(d);
    return d;
  };
  const std::string day = "erlang::evaluate_day";
  expect_error(
      [&] { return erlang::evaluate_day(one, one, with([](auto& d) { d.interval_length = 0; })); },
      day, "Interval length must be finite and > 0, got 0");
  expect_error(
      [&] {
        return erlang::evaluate_day(one, one, with([](auto& d) { d.mean_handling_time = -2; }));
      },
      day, "Mean handling time must be finite and > 0, got -2");
  expect_error(
      [&] { return erlang::evaluate_day(one, one, with([](auto& d) { d.mean_patience = 0; })); },
      day, "Mean patience must be > 0 (+infinity: no abandonment), got 0");
  expect_error(
      [&] { return erlang::evaluate_day(one, one, with([](auto& d) { d.waiting_places = 2.5; })); },
      day, "Waiting places must be an integer >= 0, got 2.5");
  expect_error(
      [&] { return erlang::evaluate_day(one, one, with([](auto& d) { d.answer_time = -1; })); },
      day, "Answer time must be finite and >= 0, got -1");
  expect_error(
      [&] { return erlang::evaluate_day(one, one, with([](auto& d) { d.tolerance = 1; })); }, day,
      "Tolerance must be in (0, 1), got 1");
  expect_error([&] { return erlang::evaluate_day(std::vector<double>{-3.0}, one, good); }, day,
               "Arrival rate must be finite and >= 0, got -3");
  expect_error([&] { return erlang::evaluate_day(one, std::vector<double>{1.5}, good); }, day,
               "Agents must be an integer >= 0, got 1.5");
  expect_error(
      [&] {
        return erlang::evaluate_day(one, std::vector<double>{1.0, 2.0}, good);
      },
      day, "Arrival rates and agents must have the same length; agents has 2");
  expect_error(
      [&] {
        return erlang::evaluate_day(one, one, good, std::vector<double>{0.5, -0.25});
      },
      day, "Start probabilities must be finite and >= 0, got -0.25");
  expect_error(
      [&] {
        return erlang::evaluate_day(one, one, good, std::vector<double>{0.75, 0.5});
      },
      day, "Start probabilities must sum to at most 1, got 1.25");
  expect_error([&] { return erlang::evaluate_interval(1.0, -1.0, good, std::vector<double>{}); },
               "erlang::evaluate_interval", "Agents must be an integer >= 0, got -1");
  expect_error([] { return erlang::modified_offered_load_step(-1.0, 1.0, 1.0, 1.0); },
               "erlang::modified_offered_load_step", "Load must be finite and >= 0, got -1");
  expect_error([] { return erlang::modified_offered_load_average(1.0, 1.0, 1.0, 0.0); },
               "erlang::modified_offered_load_average", "Length must be finite and > 0, got 0");
  expect_error(
      [] {
        return erlang::modified_offered_loads(std::vector<double>{1.0, -4.0}, 1.0, 1.0);
      },
      "erlang::modified_offered_loads", "Arrival rate must be finite and >= 0, got -4");
  expect_error(
      [] { return erlang::modified_offered_loads(std::vector<double>{1.0}, 1.0, 1.0, -2.0); },
      "erlang::modified_offered_loads", "Initial load must be finite and >= 0, got -2");
  expect_error(
      [] { return erlang::lagged_offered_loads(std::vector<double>{1.0}, 1.0, 1.0, -5.0); },
      "erlang::lagged_offered_loads", "Lag must be finite and >= 0, got -5");
  expect_error(
      [] { return erlang::lagged_offered_loads(std::vector<double>{1.0}, 1.0, 1.0, 1.0, inf); },
      "erlang::lagged_offered_loads", "Rate before the day must be finite and >= 0, got inf");
  expect_error([] { return erlang::stationary_excess_lag(1.0, -0.5); },
               "erlang::stationary_excess_lag",
               "Squared coefficient of variation must be finite and >= 0, got -0.5");
  erlang::staffing_targets<double> none;
  expect_error([&] { return erlang::sipp_agents_for_targets(one, good, none); },
               "erlang::agents_for_targets", "No staffing target is set");
  expect_error([&] { return erlang::exact_agents_for_targets(one, good, {}, none); },
               "erlang::exact_agents_for_targets", "No staffing target is set");
  const erlang::staffing_targets<double> abandon{.max_abandon = 0.05};
  expect_error([&] { return erlang::exact_agents_for_targets(one, good, {}, abandon); },
               "erlang::exact_agents_for_targets",
               "Erlang C has no abandonment: the abandonment target cannot be honoured, got 0.05");
  expect_error(
      [&] {
        return erlang::exact_agents_for_targets(std::vector<double>{2.0, -3.0}, good, {}, abandon);
      },
      "erlang::exact_agents_for_targets", "Arrival rate must be finite and >= 0, got -3");
  using nan_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::ignore_error>>;
  const auto bad_plan =
      erlang::exact_agents_for_targets(std::vector<double>{1.0, 2.0}, good, {}, none, nan_policy());
  ASSERT_EQ(bad_plan.size(), 2U);
  EXPECT_TRUE(std::isnan(bad_plan.back()));
  const auto bad = erlang::evaluate_day(std::vector<double>{-1.0}, one, good, {}, nan_policy());
  EXPECT_TRUE(std::isnan(bad.intervals.front().service_level));
  EXPECT_TRUE(std::isnan(bad.truncation_mass));
  EXPECT_TRUE(std::isnan(erlang::modified_offered_load_step(1.0, -1.0, 1.0, 1.0, nan_policy())));
}

}  // namespace
