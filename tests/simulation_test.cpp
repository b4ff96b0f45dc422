// The simulator against exact results: Erlang C, Erlang A, M/M/c/K and M/M/c/K+M (the
// library's analytic functions), Pollaczek-Khinchine for M/G/1, and the embedded chain of
// M/D/c (Crommelin 1932) solved in the test. Every comparison is at a fixed seed.
//
// Error levels: tests/support/simulation_agreement.hpp.
#include "support/grids.hpp"
#include "support/simulation_agreement.hpp"

#include <erlang/erlang_a.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/response_time.hpp>
#include <erlang/simulation.hpp>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/seed_seq.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using erlang::test::agreement;
using erlang::test::for_each_combination;
using erlang::test::replications;
using erlang::test::simulate_markovian;
using erlang::test::stationary_model;
using erlang::test::stationary_options;

std::string point_name(const char* model, double c, double e) {
  std::ostringstream s;
  s << model << " c = " << c << ", E = " << e;
  return s.str();
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

// The simulator's sample quantiles (type 1: x_(ceil(p n))) by histogram selection against
// their definition applied to the sorted values, on values the simulator produces (waits
// with many zeros, long tails) and on hard cases: ties, one value, values spanning from
// subnormal to 1e300, values a few ulps apart, and the values split over several vectors.
TEST(SimulationQuantiles, SelectionMatchesSortedValues) {
  std::mt19937_64 eng(42);
  std::uniform_real_distribution<double> unit(0, 1);
  std::exponential_distribution<double> expo(1);
  std::lognormal_distribution<double> wide(0, 30);
  const std::vector<std::function<double()>> sources{
      [&] { return expo(eng); },
      [&] { return unit(eng) < 0.6 ? 0.0 : expo(eng); },
      [&] { return std::floor(4 * unit(eng)); },
      [&] { return 7.25; },
      [&] { return std::min(wide(eng), 1e300); },
      [&] { return unit(eng) < 0.1 ? 5e-324 * std::floor(10 * unit(eng)) : 1 + unit(eng); },
      [&] { return std::nextafter(1.0, 2.0 + std::floor(3 * unit(eng))); },
      [&] { return 1 + std::floor(1e6 * unit(eng)) * 1e-15; },
  };
  std::vector<double> probs{0.5, 0.8, 0.9, 0.95, 0.99, 1e-9, 0.999999999, 0.3, 0.5};
  std::vector<std::size_t> order(probs.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return probs[a] < probs[b]; });
  erlang::detail::quantile_selector select;
  int cases = 0;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    for (const std::size_t n : {0, 1, 2, 3, 17, 1000, 50000}) {
      for (const std::uint64_t zeros : {0, 1, 500}) {
        for (const std::size_t parts : {1, 3}) {
          std::vector<std::vector<double>> v(parts);
          std::vector<double> all(zeros, 0.0);
          for (std::size_t i = 0; i < n; ++i) {
            const double x = sources[s]();
            v[i % parts].push_back(x);
            all.push_back(x);
          }
          std::sort(all.begin(), all.end());
          std::vector<double> got(probs.size());
          select(v.data(), parts, zeros, probs, order, got.data());
          for (std::size_t i = 0; i < probs.size(); ++i) {
            const std::string what = "source " + std::to_string(s) + ", n " + std::to_string(n) +
                                     ", zeros " + std::to_string(zeros) + ", p " +
                                     std::to_string(probs[i]);
            if (all.empty()) {
              EXPECT_TRUE(std::isnan(got[i])) << what;
              continue;
            }
            const auto m = static_cast<double>(all.size());
            const auto k = static_cast<std::size_t>(std::max(1.0, std::ceil(probs[i] * m))) - 1;
            EXPECT_EQ(got[i], all[std::min(k, all.size() - 1)]) << what;
          }
          ++cases;
        }
      }
    }
  }
  EXPECT_EQ(cases, 8 * 7 * 3 * 2);
}

TEST(Simulation, ReproducesErlangC) {
  agreement a;
  const double h = 2;
  const double t = 1;
  std::uint64_t seed = 100;
  for (const int c : {1, 3, 10, 30}) {
    for (const double rho : {0.5, 0.75, 0.9}) {
      const double e = rho * c;
      const auto m = stationary_model(e / h, c, erlang::time_distribution::exponential(h), t);
      const auto r = erlang::simulate(m, stationary_options(++seed, 50000)).overall;
      const std::string p = point_name("M/M/c", c, e);
      const double cc = erlang::erlang_c(e, c);
      const double sl = erlang::service_level(e, c, h, t);
      a.check(p, "P(wait)", r.wait_probability, cc, 0.2);
      a.check(p, "service level", r.service_level, sl, 0.2);
      a.check(p, "service level of answered", r.service_level_of_answered, sl, 0.2);
      a.check(p, "ASA", r.average_speed_of_answer, erlang::average_speed_of_answer(e, c, h), h);
      a.check(p, "mean wait", r.mean_wait, erlang::average_speed_of_answer(e, c, h), h);
      a.check(p, "mean queue", r.mean_queue_length, erlang::mean_queue_length(e, c), 1);
      a.check(p, "occupancy", r.occupancy, erlang::occupancy(e, c), 0.2);
      const double qs[] = {0.8, 0.95};
      for (int i = 0; i < 2; ++i) {
        // Where C is near 1 - q the sample quantile jumps between 0 and a positive value.
        if (std::fabs(cc - (1 - qs[i])) > 0.05) {
          a.check(p, "wait quantile " + std::to_string(qs[i]), r.wait_quantiles[i],
                  erlang::wait_time_quantile(e, c, h, qs[i]), h);
        }
        a.check(p, "response quantile " + std::to_string(qs[i]), r.response_time_quantiles[i],
                mmc_response_quantile(e, c, h, qs[i]), h);
      }
      EXPECT_EQ(r.blocking_probability.value, 0);
      EXPECT_EQ(r.abandon_probability.value, 0);
      EXPECT_EQ(r.offered, std::uint64_t{50000} * replications);
    }
  }
  a.verify();
}

// The response-time percentiles of a server pool (erlangc pool's p50, p90, p99, p99.9) as the
// simulator measures them against the library's M/M/c closed form (response_time.hpp).
TEST(Simulation, ResponseTimePercentilesMatchTheLibrary) {
  agreement a;
  std::uint64_t seed = 700;
  const double h = 0.035;
  for (const int c : {2, 8, 40}) {
    for (const double rho : {0.7, 0.9}) {
      const double e = rho * c;
      const auto m = stationary_model(e / h, c, erlang::time_distribution::exponential(h));
      auto o = stationary_options(++seed, 150000);
      o.quantiles = {0.5, 0.9, 0.99, 0.999};
      const auto r = erlang::simulate(m, o).overall;
      const std::string p = point_name("M/M/c", c, e);
      for (std::size_t i = 0; i < o.quantiles.size(); ++i) {
        // The far tail's sample quantiles spread more: a standard error up to 10 %.
        a.check(p, "response p" + std::to_string(o.quantiles[i]), r.response_time_quantiles[i],
                erlang::response_time_quantile(e, double(c), h, o.quantiles[i]), h, 0.1);
      }
    }
  }
  a.verify();
}

// M/G/1: P(wait) = occupancy = rho and the Pollaczek-Khinchine mean wait
// Wq = lambda E[S^2] / (2 (1 - rho)), for every family of handling times.
TEST(Simulation, ReproducesPollaczekKhinchineForEveryDistribution) {
  agreement a;
  const double h = 3;
  const double rho = 0.7;
  const std::vector<double> samples{0.5, 1, 1, 2.5, 4, 9};
  double sum = 0;
  double sum2 = 0;
  for (const double x : samples) {
    sum += x;
    sum2 += x * x;
  }
  struct family {
    const char* name;
    erlang::time_distribution d;
    double mean;
    double second_moment;
  };
  const auto n = static_cast<double>(samples.size());
  const family families[] = {
      {"exponential", erlang::time_distribution::exponential(h), h, 2 * h * h},
      {"deterministic", erlang::time_distribution::deterministic(h), h, h * h},
      {"lognormal cv 0.5", erlang::time_distribution::lognormal(h, 0.5), h, h * h * 1.25},
      {"lognormal cv 2", erlang::time_distribution::lognormal(h, 2), h, h * h * 5},
      {"gamma cv 0.5", erlang::time_distribution::gamma(h, 0.5), h, h * h * 1.25},
      {"gamma cv 2", erlang::time_distribution::gamma(h, 2), h, h * h * 5},
      {"empirical", erlang::time_distribution::empirical(samples), sum / n, sum2 / n},
  };
  std::uint64_t seed = 200;
  for (const auto& f : families) {
    const double lambda = rho / f.mean;
    const auto m = stationary_model(lambda, 1, f.d);
    const auto r = erlang::simulate(m, stationary_options(++seed, 50000)).overall;
    const double wq = lambda * f.second_moment / (2 * (1 - rho));
    const std::string p = std::string("M/G/1 ") + f.name;
    a.check(p, "P(wait)", r.wait_probability, rho, 0.2);
    a.check(p, "occupancy", r.occupancy, rho, 0.2);
    a.check(p, "ASA", r.average_speed_of_answer, wq, f.mean);
    a.check(p, "mean queue", r.mean_queue_length, lambda * wq, 1);
  }
  a.verify();
}

/// GI/M/1 (Kleinrock, Queueing Systems I, section 6.4): with sigma the root in (0, 1) of
/// sigma = A*(mu (1 - sigma)), A* the Laplace transform of the interarrival time, an
/// arrival waits with probability sigma, and a positive wait is exponential of rate
/// mu (1 - sigma): P(W > x) = sigma exp(-mu (1 - sigma) x), Wq = sigma / (mu (1 - sigma)).
struct gim1_reference {
  double sigma;
  double decay;  // mu (1 - sigma)

  [[nodiscard]] double mean_wait() const { return sigma / decay; }
  [[nodiscard]] double wait_within(double t) const { return 1 - sigma * std::exp(-decay * t); }
  [[nodiscard]] double wait_quantile(double p) const {
    return p <= 1 - sigma ? 0 : std::log(sigma / (1 - p)) / decay;
  }
};

/// sigma by Boost.Math's TOMS 748 on [0, 1 - 1e-6]: sigma = 1 is always a root, and just
/// below it A*(mu (1 - s)) - s = s (1 - 1/rho) + O(s^2) < 0 when rho < 1.
gim1_reference gim1(const std::function<double(double)>& transform, double mu) {
  const auto f = [&](double s) { return transform(mu * (1 - s)) - s; };
  const double hi = 1 - 1e-6;
  EXPECT_GT(f(0), 0);
  EXPECT_LT(f(hi), 0);
  boost::math::tools::eps_tolerance<double> tol(50);
  std::uintmax_t iterations = 200;
  const auto r = boost::math::tools::toms748_solve(f, 0.0, hi, tol, iterations);
  const double sigma = (r.first + r.second) / 2;
  return {sigma, mu * (1 - sigma)};
}

// GI/M/1 with deterministic (D/M/1), Erlang-2 (E2/M/1, gamma of cv 1/sqrt 2), gamma of cv 2
// and observed gaps, against the exact GI/M/1 measures. The mean waits of D/M/1 and E2/M/1
// must each lie within 3 standard errors (P(|t_19| > 3) = 0.0074 each, 4 comparisons); all
// the comparisons go through the grid's count of misses as well.
TEST(Simulation, ReproducesGiM1) {
  agreement a;
  const double h = 1;
  const double t = 0.5;
  const std::vector<double> gaps{0.2, 0.5, 1, 2.3};  // mean 1
  struct shape {
    const char* name;
    erlang::time_distribution d;
    std::function<double(double s, double lambda)> transform;  // of gaps of mean 1/lambda
    bool within_three;
  };
  const auto gamma_transform = [](double cv) {
    const double k = 1 / (cv * cv);
    return [k](double s, double lambda) { return std::pow(1 + s / (k * lambda), -k); };
  };
  const shape shapes[] = {
      {"D", erlang::time_distribution::deterministic(1),
       [](double s, double lambda) { return std::exp(-s / lambda); }, true},
      {"E2", erlang::time_distribution::gamma(1, 1 / std::sqrt(2.0)),
       gamma_transform(1 / std::sqrt(2.0)), true},
      {"gamma cv 2", erlang::time_distribution::gamma(1, 2), gamma_transform(2), false},
      {"empirical", erlang::time_distribution::empirical(gaps),
       [&gaps](double s, double lambda) {
         double sum = 0;
         for (const double x : gaps) {
           sum += std::exp(-s * x / lambda);
         }
         return sum / static_cast<double>(gaps.size());
       },
       false},
  };
  std::uint64_t seed = 700;
  for (const auto& sh : shapes) {
    for (const double rho : {0.5, 0.85}) {
      const double lambda = rho / h;
      const auto ref = gim1([&](double s) { return sh.transform(s, lambda); }, 1 / h);
      auto m = stationary_model(lambda, 1, erlang::time_distribution::exponential(h), t);
      m.interarrival = sh.d;
      const auto r = erlang::simulate(m, stationary_options(++seed, 50000)).overall;
      const std::string p = std::string(sh.name) + "/M/1 rho = " + std::to_string(rho);
      a.check(p, "P(wait)", r.wait_probability, ref.sigma, 0.2);
      a.check(p, "service level", r.service_level, ref.wait_within(t), 0.2);
      a.check(p, "ASA", r.average_speed_of_answer, ref.mean_wait(), h);
      a.check(p, "mean queue", r.mean_queue_length, lambda * ref.mean_wait(), 1);
      a.check(p, "occupancy", r.occupancy, rho, 0.2);
      const double qs[] = {0.8, 0.95};
      for (int i = 0; i < 2; ++i) {
        if (std::fabs(ref.sigma - (1 - qs[i])) > 0.05) {
          a.check(p, "wait quantile " + std::to_string(qs[i]), r.wait_quantiles[i],
                  ref.wait_quantile(qs[i]), h);
        }
      }
      if (sh.within_three) {
        const auto& w = r.mean_wait;
        EXPECT_LE(std::fabs(w.value - ref.mean_wait()), 3 * w.standard_error)
            << p << ": mean wait " << w.value << " +- " << w.standard_error << ", exact "
            << ref.mean_wait();
      }
    }
  }
  a.verify();
}

/// The M/D/c queue through its embedded chain (Crommelin, "Delay probability formulae when
/// the holding times are constant", P.O. Elec. Eng. J. 25 (1932); Franx, Oper. Res. Lett.
/// 29 (2001)): the number in system D later is Q' = max(Q - c, 0) + A, A ~ Poisson(lambda D)
/// (the calls in service finish within D, every other call present and every arrival is
/// still there). Its stationary law is that of the number in system at any time; solved
/// here by power iteration on 0..n_max.
struct mdc_reference {
  double wait_probability;  // P(Q >= c), by PASTA
  double mean_in_system;
};

mdc_reference mdc_chain(int c, double lambda_d) {
  const int n_max = 600;
  const boost::math::poisson_distribution<double> arrivals(lambda_d);
  std::vector<double> a(n_max + 1);
  for (int k = 0; k <= n_max; ++k) {
    a[k] = boost::math::pdf(arrivals, k);
  }
  std::vector<double> p(n_max + 1, 0.0);
  std::vector<double> next(n_max + 1);
  p[0] = 1;
  for (int it = 0; it < 200000; ++it) {
    std::fill(next.begin(), next.end(), 0.0);
    for (int i = 0; i <= n_max; ++i) {
      const int base = std::max(i - c, 0);
      for (int k = 0; base + k <= n_max; ++k) {
        next[base + k] += p[i] * a[k];
      }
    }
    double total = 0;
    for (const double x : next) {
      total += x;
    }
    double change = 0;
    for (int i = 0; i <= n_max; ++i) {
      next[i] /= total;
      change += std::fabs(next[i] - p[i]);
    }
    p.swap(next);
    if (change < 1e-15) {
      break;
    }
  }
  mdc_reference r{0, 0};
  for (int i = 0; i <= n_max; ++i) {
    if (i >= c) {
      r.wait_probability += p[i];
    }
    r.mean_in_system += i * p[i];
  }
  return r;
}

TEST(Simulation, MdcChainReferenceMatchesPollaczekKhinchine) {
  // The reference itself, at one server: Wq = rho D / (2 (1 - rho)), P(wait) = rho.
  for (const double rho : {0.3, 0.7, 0.9}) {
    const auto r = mdc_chain(1, rho);
    EXPECT_NEAR(r.mean_in_system / rho - 1, rho / (2 * (1 - rho)), 1e-9);
    EXPECT_NEAR(r.wait_probability, rho, 1e-12);
  }
}

TEST(Simulation, ReproducesMdc) {
  agreement a;
  const double d = 2;
  std::uint64_t seed = 300;
  for (const int c : {1, 3, 10}) {
    for (const double rho : {0.6, 0.9}) {
      const double lambda = rho * c / d;
      const auto ref = mdc_chain(c, lambda * d);
      const double wq = ref.mean_in_system / lambda - d;
      const auto m = stationary_model(lambda, c, erlang::time_distribution::deterministic(d));
      const auto r = erlang::simulate(m, stationary_options(++seed, 50000)).overall;
      const std::string p = point_name("M/D/c", c, lambda * d);
      a.check(p, "P(wait)", r.wait_probability, ref.wait_probability, 0.2);
      a.check(p, "ASA", r.average_speed_of_answer, wq, d);
      a.check(p, "mean queue", r.mean_queue_length, lambda * wq, 1);
      a.check(p, "occupancy", r.occupancy, rho, 0.2);
    }
  }
  a.verify();
}

// Erlang A (M/M/n+M): every measure, under and over load.
/// The measures of a queue with abandonment, simulated (r) against the model's exact
/// measures (x), mean handling time h.
template <class Measures>
void check_queue_measures(agreement& a, const std::string& p, const erlang::simulation_measures& r,
                          const Measures& x, double h) {
  a.check(p, "P(wait)", r.wait_probability, x.wait_probability, 0.2);
  a.check(p, "P(abandon)", r.abandon_probability, x.abandon_probability, 0.2);
  a.check(p, "service level", r.service_level, x.service_level, 0.2);
  a.check(p, "ASA", r.average_speed_of_answer, x.average_speed_of_answer, h);
  a.check(p, "mean wait", r.mean_wait, x.mean_wait, h);
  a.check(p, "mean queue", r.mean_queue_length, x.mean_queue_length, 1);
  a.check(p, "occupancy", r.occupancy, x.occupancy, 0.2);
}

TEST(Simulation, ReproducesErlangA) {
  agreement a;
  const double h = 1;
  const double t = 0.25;
  std::uint64_t seed = 400;
  for_each_combination(
      [&](int c, double rho, double patience) {
        const double e = rho * c;
        const auto r = simulate_markovian(e, c, h, t, patience, -1, ++seed);
        const auto x = erlang::erlang_a(e, c, h, patience, t);
        check_queue_measures(
            a, point_name("M/M/c+M", c, e) + ", patience " + std::to_string(patience), r, x, h);
      },
      {2, 10}, {0.8, 1.2}, {0.5, 3.0});
  a.verify();
}

// M/M/c/K (patience infinite) and M/M/c/K+M: blocking and every other measure, including
// K = c (Erlang B: nothing waits).
TEST(Simulation, ReproducesFiniteQueues) {
  agreement a;
  const double h = 2;
  const double t = 0.5;
  std::uint64_t seed = 500;
  for_each_combination(
      [&](int c, int places, double rho, double patience) {
        const double e = rho * c;
        const auto r = simulate_markovian(e, c, h, t, patience, places, ++seed);
        const auto x = erlang::finite_queue_abandonment(e, c, h, patience, places, t);
        if (!std::isfinite(patience)) {
          // The M/M/c/K functions, where they apply.
          EXPECT_NEAR(x.blocking, erlang::finite_queue(e, c, h, places, t).blocking, 1e-12);
        }
        const std::string p = point_name(std::isfinite(patience) ? "M/M/c/K+M" : "M/M/c/K", c, e) +
                              ", K = " + std::to_string(c + places);
        a.check(p, "P(blocked)", r.blocking_probability, x.blocking, 0.2);
        check_queue_measures(a, p, r, x, h);
      },
      {2, 10}, {0, 3, 12}, {0.8, 1.3}, {std::numeric_limits<double>::infinity(), 2.0});
  a.verify();
}

erlang::simulation_model small_model() {
  erlang::simulation_model m;
  m.arrival_rates = {4};
  m.agents = {5};
  m.service = erlang::time_distribution::lognormal(1, 0.8);
  m.patience = erlang::time_distribution::gamma(2, 0.5);
  m.waiting_places = 6;
  m.answer_time = 0.2;
  return m;
}

void expect_same(const erlang::simulation_measures& a, const erlang::simulation_measures& b) {
  EXPECT_EQ(a.offered, b.offered);
  EXPECT_EQ(a.answered, b.answered);
  EXPECT_EQ(a.abandoned, b.abandoned);
  EXPECT_EQ(a.blocked, b.blocked);
  EXPECT_EQ(a.wait_probability.value, b.wait_probability.value);
  EXPECT_EQ(a.service_level.value, b.service_level.value);
  EXPECT_EQ(a.average_speed_of_answer.value, b.average_speed_of_answer.value);
  EXPECT_EQ(a.mean_queue_length.value, b.mean_queue_length.value);
  EXPECT_EQ(a.occupancy.value, b.occupancy.value);
  EXPECT_EQ(a.occupancy.half_width, b.occupancy.half_width);
  ASSERT_EQ(a.wait_quantiles.size(), b.wait_quantiles.size());
  for (std::size_t i = 0; i < a.wait_quantiles.size(); ++i) {
    EXPECT_EQ(a.wait_quantiles[i].value, b.wait_quantiles[i].value);
    EXPECT_EQ(a.response_time_quantiles[i].value, b.response_time_quantiles[i].value);
  }
}

TEST(Simulation, SameSeedSameResultOtherSeedOtherResult) {
  const auto m = small_model();
  auto o = stationary_options(7, 5000);
  const auto a = erlang::simulate(m, o);
  const auto b = erlang::simulate(m, o);
  expect_same(a.overall, b.overall);
  EXPECT_EQ(a.simulated_calls, std::uint64_t{5500} * replications);
  o.seed = 8;
  const auto c = erlang::simulate(m, o);
  EXPECT_NE(a.overall.service_level.value, c.overall.service_level.value);
  EXPECT_NE(a.overall.average_speed_of_answer.value, c.overall.average_speed_of_answer.value);
  EXPECT_NE(a.overall.mean_queue_length.value, c.overall.mean_queue_length.value);
}

// The same seed gives the same calls on every platform: the simulator's random numbers come
// from boost::random::mt19937_64 seeded through boost::random::seed_seq, and both follow
// the algorithms the C++ standard fixes. The engine's 10000th output from the default seed
// is the value the standard requires ([rand.predef]: 9981545732273789042), and Boost's
// seed_seq fills the same words as the standard library's for the same entropy.
TEST(Simulation, RandomStreamsAreTheStandardOnes) {
  boost::random::mt19937_64 engine;
  engine.discard(9999);
  EXPECT_EQ(engine(), 9981545732273789042ULL);
  const std::vector<std::uint32_t> entropy{7, 0, 3, 0x9e3779b9U};
  boost::random::seed_seq boost_seq(entropy.begin(), entropy.end());
  std::seed_seq std_seq(entropy.begin(), entropy.end());
  std::vector<std::uint32_t> a(624);
  std::vector<std::uint32_t> b(624);
  boost_seq.generate(a.begin(), a.end());
  std_seq.generate(b.begin(), b.end());
  EXPECT_EQ(a, b);
}

// Redials that cannot happen (probability 0, or nobody blocked or abandoning) leave every
// call as it was: the redial stream is separate from the others.
TEST(Simulation, RedialsOffIsPlain) {
  const auto m = small_model();
  const auto o = stationary_options(9, 5000);
  const auto plain = erlang::simulate(m, o);
  auto zero = m;
  zero.blocked_redial = {0, 17};
  zero.abandoned_redial = {0, 0.1};
  expect_same(plain.overall, erlang::simulate(zero, o).overall);
  auto unreachable = m;
  unreachable.patience.reset();
  unreachable.waiting_places.reset();
  auto with_redials = unreachable;
  with_redials.blocked_redial = {1, 2};
  with_redials.abandoned_redial = {0.5, 2};
  const auto r = erlang::simulate(with_redials, o).overall;
  expect_same(erlang::simulate(unreachable, o).overall, r);
  EXPECT_EQ(r.redials, 0U);
}

// Each blocked or abandoned attempt redials with its probability, so the redials offered
// in the window match p_blocked x blocked + p_abandoned x abandoned up to the binomial
// spread (and the edges of the window, whose redials in and out balance on average).
TEST(Simulation, RedialsFollowTheirProbabilities) {
  auto m = small_model();
  m.arrival_rates = {6};
  m.blocked_redial = {0.6, 3};
  m.abandoned_redial = {0.3, 1};
  const auto r = erlang::simulate(m, stationary_options(10, 20000)).overall;
  const auto b = static_cast<double>(r.blocked);
  const auto ab = static_cast<double>(r.abandoned);
  ASSERT_GT(b, 10000);
  ASSERT_GT(ab, 10000);
  const double expected = 0.6 * b + 0.3 * ab;
  const double sd = std::sqrt(0.6 * 0.4 * b + 0.3 * 0.7 * ab);
  EXPECT_NEAR(static_cast<double>(r.redials), expected, 5 * sd);
  // Redials add offered calls: more blocking than without them.
  auto plain = m;
  plain.blocked_redial = {};
  plain.abandoned_redial = {};
  const auto q = erlang::simulate(plain, stationary_options(10, 20000)).overall;
  EXPECT_GT(r.blocking_probability.value - 5 * r.blocking_probability.standard_error,
            q.blocking_probability.value + 5 * q.blocking_probability.standard_error);
}

// One observed value is a deterministic time: the same calls (each time has its own random
// stream, so the draws that pick the value change nothing else).
TEST(Simulation, EmpiricalWithOneValueIsDeterministic) {
  auto m = small_model();
  m.service = erlang::time_distribution::deterministic(1.5);
  m.patience = erlang::time_distribution::deterministic(0.7);
  const auto o = stationary_options(14, 5000);
  const auto a = erlang::simulate(m, o);
  m.service = erlang::time_distribution::empirical({1.5});
  m.patience = erlang::time_distribution::empirical({0.7});
  expect_same(a.overall, erlang::simulate(m, o).overall);
  EXPECT_GT(a.overall.abandoned, 0U);
}

erlang::simulation_options day_options(std::uint64_t seed) {
  erlang::simulation_options o;
  o.seed = seed;
  o.replications = replications;
  o.quantiles = {0.5};
  return o;
}

/// The reports of options.progress during one simulation.
struct progress_log {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> reports;

  /// Each report rises, the total never changes and the last report is (total, total).
  void expect_well_formed(std::uint64_t total) const {
    ASSERT_FALSE(reports.empty());
    for (std::size_t i = 0; i < reports.size(); ++i) {
      EXPECT_EQ(reports[i].second, total) << i;
      if (i > 0) {
        EXPECT_GT(reports[i].first, reports[i - 1].first) << i;
      }
    }
    EXPECT_EQ(reports.back().first, total);
  }
};

// Progress in calls: reports that rise to (total, total), at least one per 2^16 arrivals
// (so a single long run is seen to advance), and results that do not depend on them.
TEST(Simulation, ProgressCountsCallsAndChangesNothing) {
  const auto m = small_model();
  auto o = stationary_options(15, 100000);
  o.replications = 3;
  const auto plain = erlang::simulate(m, o);
  progress_log log;
  o.progress = [&log](std::uint64_t done, std::uint64_t total) {
    log.reports.emplace_back(done, total);
  };
  const auto watched = erlang::simulate(m, o);
  expect_same(plain.overall, watched.overall);
  const std::uint64_t total = std::uint64_t{3} * 110000;
  EXPECT_EQ(watched.simulated_calls, total);
  log.expect_well_formed(total);
  // 110000 arrivals a replication: one report at 65536 within it, one at its end.
  EXPECT_EQ(log.reports.size(), 6U);
  EXPECT_EQ(log.reports[0].first, 65536U);
  EXPECT_EQ(log.reports[1].first, 110000U);
  EXPECT_EQ(log.reports[2].first, 110000U + 65536U);

  // Batch means: one run of 1 010 000 arrivals, reported every 65536 of them.
  auto batched = stationary_options(16, 1000000);
  batched.warmup_calls = 10000;
  batched.batches = 10;
  batched.quantiles.clear();
  const auto batch_plain = erlang::simulate(m, batched);
  progress_log batch_log;
  batched.progress = [&batch_log](std::uint64_t done, std::uint64_t total) {
    batch_log.reports.emplace_back(done, total);
  };
  const auto batch_watched = erlang::simulate(m, batched);
  expect_same(batch_plain.overall, batch_watched.overall);
  batch_log.expect_well_formed(1010000);
  EXPECT_EQ(batch_log.reports.size(), 1010000U / 65536U + 1);

  // A day: the total is the expected arrivals of a day (4 calls per unit for 3 x 30000
  // units) times the replications; each day's end is reported at its share.
  auto day = small_model();
  day.arrival_rates = {4, 4, 4};
  day.interval_length = 30000;
  auto day_options_watched = day_options(17);
  day_options_watched.replications = 2;
  const auto day_plain = erlang::simulate(day, day_options_watched);
  progress_log day_log;
  day_options_watched.progress = [&day_log](std::uint64_t done, std::uint64_t total) {
    day_log.reports.emplace_back(done, total);
  };
  const auto day_watched = erlang::simulate(day, day_options_watched);
  expect_same(day_plain.overall, day_watched.overall);
  const std::uint64_t per_day = std::uint64_t{4} * 3 * 30000;
  day_log.expect_well_formed(2 * per_day);
  EXPECT_NE(std::find(day_log.reports.begin(), day_log.reports.end(),
                      std::pair<std::uint64_t, std::uint64_t>{per_day, 2 * per_day}),
            day_log.reports.end());
  EXPECT_GE(day_log.reports.size(), 2 * (per_day * 9 / 10 / 65536));
}

// Exponential gaps are Poisson arrivals: in a stationary run exponential(1) draws the very
// same calls; over a day (operational time, a gap spanning a closed interval) the offered
// calls of each interval are Poisson with mean rate x length, and every measure agrees with
// the day of Poisson arrivals within their joint standard error.
TEST(Simulation, ExponentialInterarrivalsArePoisson) {
  auto m = small_model();
  const auto o = stationary_options(18, 5000);
  const auto poisson = erlang::simulate(m, o);
  m.interarrival = erlang::time_distribution::exponential(1);
  expect_same(poisson.overall, erlang::simulate(m, o).overall);

  agreement a(12);
  erlang::simulation_model day;
  day.interval_length = 3000;
  day.arrival_rates = {3, 0, 6};
  day.agents = {4, 2, 8};
  day.service = erlang::time_distribution::exponential(1);
  day.answer_time = 0.3;
  const auto plain = erlang::simulate(day, day_options(19));
  day.interarrival = erlang::time_distribution::exponential(2.5);  // only the shape counts
  const auto renewal = erlang::simulate(day, day_options(20));
  for (const std::size_t k : {0, 2}) {
    const double n = day.arrival_rates[k] * day.interval_length * replications;
    EXPECT_NEAR(static_cast<double>(renewal.intervals[k].offered), n, 5 * std::sqrt(n)) << k;
    const std::string p = "exponential gaps, interval " + std::to_string(k);
    const auto difference = [](const erlang::estimate& x, const erlang::estimate& y) {
      erlang::estimate d;
      d.value = x.value - y.value;
      d.standard_error = std::hypot(x.standard_error, y.standard_error);
      return d;
    };
    const auto& x = renewal.intervals[k];
    const auto& y = plain.intervals[k];
    a.check(p, "P(wait)", difference(x.wait_probability, y.wait_probability), 0, 0.2);
    a.check(p, "service level", difference(x.service_level, y.service_level), 0, 0.2);
    a.check(p, "ASA", difference(x.average_speed_of_answer, y.average_speed_of_answer), 0, 1);
    a.check(p, "mean queue", difference(x.mean_queue_length, y.mean_queue_length), 0, 2);
    a.check(p, "occupancy", difference(x.occupancy, y.occupancy), 0, 0.2);
    a.check(p, "response time median",
            difference(x.response_time_quantiles[0], y.response_time_quantiles[0]), 0, 1);
  }
  EXPECT_EQ(renewal.intervals[1].offered, 0U);
  a.verify();
}

// Deterministic gaps in operational time: the calls arrive where the integrated rate
// reaches 1, 2, 3, ...: over intervals of 10.2 at rates 2.5, 0 and 1.5 (integrated 25.5,
// 25.5, 40.8) that is 25, 0 and 15 calls in every day, whatever the deterministic value.
// Handling times of 0.3, below every gap, make D/D/1: nobody waits, and the first interval
// is busy 24 x 0.3 + 0.2 of its 10.2 (its last call, at 10, runs into the next).
TEST(Simulation, DeterministicInterarrivalsSpaceTheCalls) {
  erlang::simulation_model day;
  day.interval_length = 10.2;
  day.arrival_rates = {2.5, 0, 1.5};
  day.agents = {1};
  day.service = erlang::time_distribution::deterministic(0.3);
  day.interarrival = erlang::time_distribution::deterministic(3);
  const auto r = erlang::simulate(day, day_options(21));
  const std::uint64_t expected[] = {25, 0, 15};
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(r.intervals[k].offered, expected[k] * replications) << k;
  }
  EXPECT_EQ(r.overall.wait_probability.value, 0);
  EXPECT_EQ(r.overall.wait_quantiles[0].value, 0);
  EXPECT_NEAR(r.intervals[0].occupancy.value, (24 * 0.3 + 0.2) / 10.2, 1e-12);

  // Stationary D/D/1 at 0.75 load: no wait, occupancy 0.75.
  auto m = stationary_model(2.5, 1, erlang::time_distribution::deterministic(0.3));
  m.interarrival = erlang::time_distribution::deterministic(1);
  const auto s = erlang::simulate(m, stationary_options(22, 10000)).overall;
  EXPECT_EQ(s.wait_probability.value, 0);
  EXPECT_NEAR(s.occupancy.value, 0.75, 1e-9);
}

// A day with the same rate and agents in every interval is the same whether the agents are
// given once or per interval.
TEST(Simulation, AgentsGivenOnceOrPerInterval) {
  auto m = small_model();
  m.arrival_rates = {4, 4, 4};
  m.interval_length = 30;
  m.agents = {5};
  const auto a = erlang::simulate(m, day_options(11));
  m.agents = {5, 5, 5};
  const auto b = erlang::simulate(m, day_options(11));
  ASSERT_EQ(a.intervals.size(), 3U);
  for (std::size_t k = 0; k < 3; ++k) {
    expect_same(a.intervals[k], b.intervals[k]);
  }
  expect_same(a.overall, b.overall);
  EXPECT_EQ(a.overall.offered,
            a.intervals[0].offered + a.intervals[1].offered + a.intervals[2].offered);
}

// Calls arriving while no agent is staffed all wait for the next interval, whose many
// agents take them at once: the wait of a call arriving at s is L - s, so with arrivals
// uniform over the interval the ASA is L / 2, the service level within t is t / L and the
// mean queue is lambda L / 2; the next interval has no queue. Calls count in the interval
// of their arrival although they are answered in the next.
TEST(Simulation, AnIncreaseInAgentsTakesTheQueueAtOnce) {
  agreement a(4);
  erlang::simulation_model m;
  const double length = 10;
  const double lambda = 200;
  m.arrival_rates = {lambda, 0};
  m.agents = {0, 5000};
  m.interval_length = length;
  m.service = erlang::time_distribution::exponential(1);
  m.answer_time = 2;
  const auto r = erlang::simulate(m, day_options(12));
  const auto& first = r.intervals[0];
  a.check("closed interval", "ASA", first.average_speed_of_answer, length / 2, length);
  a.check("closed interval", "service level", first.service_level, 2 / length, 1);
  a.check("closed interval", "mean queue", first.mean_queue_length, lambda * length / 2, lambda);
  a.check("closed interval", "wait median", first.wait_quantiles[0], length / 2, length);
  EXPECT_EQ(first.wait_probability.value, 1);
  EXPECT_EQ(first.answered, first.offered);
  EXPECT_EQ(r.intervals[1].offered, 0U);
  EXPECT_EQ(r.intervals[1].mean_queue_length.value, 0);
  // Offered calls: Poisson with mean lambda L per replication.
  const double n = lambda * length * replications;
  EXPECT_NEAR(static_cast<double>(first.offered), n, 5 * std::sqrt(n));
  a.verify();
}

// A reduction to no agents interrupts nobody: the calls in service at the boundary finish
// (the interval after it is fully occupied while they do), the waiting ones stay waiting.
TEST(Simulation, AReductionInAgentsInterruptsNoCall) {
  erlang::simulation_model m;
  m.arrival_rates = {12, 0};
  m.agents = {10, 0};
  m.interval_length = 20;
  m.service = erlang::time_distribution::deterministic(5);
  const auto r = erlang::simulate(m, day_options(13));
  const auto& second = r.intervals[1];
  EXPECT_EQ(second.offered, 0U);
  EXPECT_EQ(second.occupancy.value, 1);
  EXPECT_GT(r.intervals[0].offered, r.intervals[0].answered);
  // Every call answered in the first interval started by its end and ran its 5 time units.
  EXPECT_LE(r.intervals[0].response_time_quantiles[0].value, 20 + 5);
}

void expect_domain_error(const erlang::simulation_model& m, const erlang::simulation_options& o,
                         const std::string& text) {
  try {
    (void)erlang::simulate(m, o);
    ADD_FAILURE() << "no error for " << text;
  } catch (const std::domain_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("erlang::simulate<double>"), std::string::npos) << what;
    EXPECT_NE(what.find(text), std::string::npos) << what;
  }
}

// Batch means: one long run cut into batches. Over 100 independent runs (their own
// seeds) the 95 % intervals of P(wait) and of the service level must cover the exact
// Erlang C values about 95 times: a correct simulator misses 13 or more times with
// probability P(Binomial(100, 0.05) >= 13) = 0.0015 (computed below) per measure.
TEST(Simulation, BatchMeansCoverErlangC) {
  const int c = 10;
  const double e = 8;
  const double h = 1;
  const double t = 0.2;
  erlang::simulation_model m;
  m.arrival_rates = {e / h};
  m.agents = {c};
  m.service = erlang::time_distribution::exponential(h);
  m.answer_time = t;
  const double cc = erlang::erlang_c(e, c);
  const double sl = erlang::service_level(e, c, h, t);
  const int runs = 100;
  const boost::math::binomial_distribution<double> misses_if_correct(runs, 0.05);
  ASSERT_LT(boost::math::cdf(boost::math::complement(misses_if_correct, 12.0)), 0.002);
  int wait_misses = 0;
  int sl_misses = 0;
  double widest = 0;
  for (int k = 0; k < runs; ++k) {
    erlang::simulation_options o;
    o.seed = 5000 + static_cast<std::uint64_t>(k);
    o.batches = 20;
    o.calls = 100000;
    o.warmup_calls = 5000;
    o.quantiles.clear();
    const auto r = erlang::simulate(m, o);
    EXPECT_EQ(r.overall.offered, o.calls);
    EXPECT_EQ(r.simulated_calls, o.calls + o.warmup_calls);
    wait_misses +=
        std::fabs(r.overall.wait_probability.value - cc) > r.overall.wait_probability.half_width;
    sl_misses += std::fabs(r.overall.service_level.value - sl) > r.overall.service_level.half_width;
    widest = std::max(widest, r.overall.wait_probability.half_width);
  }
  EXPECT_LE(wait_misses, 12);
  EXPECT_LE(sl_misses, 12);
  EXPECT_LT(widest, 0.05);  // not covering by being imprecise
}

// A handling time scale of 2 in every interval of a day is the same day with a handling
// time of twice the mean: the same draws, each doubled (exactly, in binary).
TEST(Simulation, ServiceScaleMultipliesTheHandlingTimes) {
  erlang::simulation_model day;
  day.interval_length = 50;
  day.arrival_rates = {2, 3, 1};
  day.agents = {4, 6, 3};
  day.service = erlang::time_distribution::lognormal(1, 0.7);
  day.patience = erlang::time_distribution::exponential(2);
  day.answer_time = 0.5;
  auto doubled = day;
  doubled.service = erlang::time_distribution::lognormal(2, 0.7);
  day.service_scale = {2, 2, 2};
  erlang::simulation_options o;
  o.seed = 3;
  o.replications = 5;
  const auto a = erlang::simulate(day, o);
  const auto b = erlang::simulate(doubled, o);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(a.intervals[k].offered, b.intervals[k].offered);
    EXPECT_EQ(a.intervals[k].answered, b.intervals[k].answered);
    EXPECT_NEAR(a.intervals[k].occupancy.value, b.intervals[k].occupancy.value, 1e-12);
    EXPECT_NEAR(a.intervals[k].average_speed_of_answer.value,
                b.intervals[k].average_speed_of_answer.value, 1e-12);
  }
  // A longer handling time in one interval only raises its occupancy.
  day.service_scale = {1, 1.5, 1};
  doubled.service = erlang::time_distribution::lognormal(1, 0.7);
  const auto c = erlang::simulate(day, o);
  const auto plain = erlang::simulate(doubled, o);
  EXPECT_EQ(c.intervals[0].occupancy.value, plain.intervals[0].occupancy.value);
  EXPECT_GT(c.intervals[1].occupancy.value, plain.intervals[1].occupancy.value);
}

TEST(Simulation, RejectsBadInput) {
  using model = erlang::simulation_model;
  using dist = erlang::time_distribution;
  const auto m = small_model();
  const auto o = stationary_options(1, 100);
  static const std::vector<double> negative_sample{1, -4};
  static constexpr erlang::redial_behaviour too_likely{1.5, 1};
  static constexpr erlang::redial_behaviour no_delay{0.5, 0};
  const std::vector<std::pair<std::function<void(model&)>, std::string>> bad_models{
      {[](model& x) { x.arrival_rates = {}; }, "at least one arrival rate"},
      {[](model& x) { x.arrival_rates.assign(2, 1.0); }, "takes one arrival rate, got 2"},
      {[](model& x) { x.agents.assign(2, 1); }, "takes one number of agents, got 2"},
      {[](model& x) { x.arrival_rates = {0}; },
       "arrival rate of a stationary run must be finite and > 0, got 0"},
      {[](model& x) { x.interval_length = -1; },
       "Interval length must be > 0 (infinite: stationary), got -1"},
      {[](model& x) {
         x.interval_length = 10;
         x.arrival_rates = {1, 2, 3};
         x.agents = {1, 2};
       },
       "once per interval, got 2 counts"},
      {[](model& x) {
         x.interval_length = 10;
         x.arrival_rates = {1, -3, 3};
         x.agents = {1};
       },
       "Arrival rate must be finite and >= 0, got -3"},
      {[](model& x) { x.agents = {-2}; }, "Agents must be >= 0, got -2"},
      {[](model& x) { x.service = dist::exponential(0); },
       "Mean handling time must be finite and > 0, got 0"},
      {[](model& x) { x.service = dist::gamma(1, 0); },
       "Handling time coefficient of variation must be finite and > 0"},
      {[](model& x) { x.service = dist::empirical({}); },
       "Handling time samples must be finite, >= 0 and not all 0, got 0"},
      {[](model& x) { x.service = dist::empirical(negative_sample); },
       "Handling time samples must be finite, >= 0 and not all 0, got -4"},
      {[](model& x) { x.patience = dist::lognormal(-1, 1); },
       "Mean patience must be finite and > 0, got -1"},
      {[](model& x) { x.interarrival = dist::deterministic(0); },
       "Mean interarrival time must be finite and > 0, got 0"},
      {[](model& x) { x.interarrival = dist::lognormal(1, -1); },
       "Interarrival coefficient of variation must be finite and > 0 (0: deterministic), got -1"},
      {[](model& x) {
         x.interarrival = dist::empirical({0, 0});
       },
       "Interarrival samples must be finite, >= 0 and not all 0, got 0"},
      {[](model& x) { x.interarrival = dist::empirical(negative_sample); },
       "Interarrival samples must be finite, >= 0 and not all 0, got -4"},
      {[](model& x) { x.waiting_places = -1; }, "Waiting places must be an integer >= 0, got -1"},
      {[](model& x) { x.blocked_redial = too_likely; },
       "Redial probability after blocking must be in [0, 1], got 1.5"},
      {[](model& x) { x.abandoned_redial = no_delay; },
       "Mean redial delay must be finite and > 0, got 0"},
      {[](model& x) { x.answer_time = -1; }, "Answer time must be finite and >= 0, got -1"},
      {[](model& x) {
         x.service_scale = {1, 2};
       },
       "one factor per interval, got 2"},
      {[](model& x) { x.service_scale = {0}; },
       "Handling time scale factors must be finite and > 0, got 0"}};
  for (const auto& [change, text] : bad_models) {
    auto x = m;
    change(x);
    expect_domain_error(x, o, text);
  }
  using options = erlang::simulation_options;
  const std::vector<std::pair<std::function<void(options&)>, std::string>> bad_options{
      {[](options& p) { p.replications = 1; }, "At least 2 replications"},
      {[](options& p) { p.confidence = 1; }, "Confidence must be in (0, 1), got 1"},
      {[](options& p) {
         p.quantiles = {0.5, 1.5};
       },
       "Quantile probabilities must be in (0, 1), got 1.5"},
      {[](options& p) { p.calls = 0; }, "at least one call per replication"},
      {[](options& p) { p.batches = 1; }, "Batches must be 0 (replications) or >= 2"},
      {[](options& p) { p.batches = 200; },
       "Batch means need at least one call per batch, got 100 calls"}};
  for (const auto& [change, text] : bad_options) {
    auto p = o;
    change(p);
    expect_domain_error(m, p, text);
  }
  auto day = m;
  day.interval_length = 10;
  auto batched = o;
  batched.batches = 2;
  expect_domain_error(day, batched, "only in a stationary run, got 2");
  auto p = o;
  p.calls = 0;
  // A policy that does not throw: NaN estimates and no intervals.
  using errno_policy = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::errno_on_error>>;
  const auto r = erlang::simulate(m, p, errno_policy());
  EXPECT_TRUE(std::isnan(r.overall.service_level.value));
  EXPECT_TRUE(r.intervals.empty());
}

}  // namespace
