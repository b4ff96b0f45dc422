// The G/G/c approximations (gg_c.hpp) against the simulator: gamma interarrival and
// service times of the given coefficients of variation, on a grid of servers, loads and
// variabilities. The approximations are not exact; this measures their error (printed, per
// point) and holds it to the bounds the README states, each allowing 3 standard errors of
// the simulation on top (a fixed seed; 20 replications of 60 000 calls after 6 000 of
// warm-up per point):
//   mean wait (qna_mean_wait: Allen-Cunneen for c > 1): within 30 % at load 0.9; at 0.7
//     within a factor 3.5 (the waits there are 0.2 % to 10 % of the service time, and
//     Allen-Cunneen overstates them for smooth arrivals with many servers);
//   mean response time (wait + service): within 12 %;
//   response-time p90 and p99 (gg_c_response_time_quantile): within 15 %.
#include "support/simulation_agreement.hpp"

#include <erlang/gg_c.hpp>
#include <erlang/simulation.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace {

using namespace erlang::test;

struct worst_error {
  double value = 0;
  std::string where;
  void note(double e, const std::string& at) {
    if (e > value) {
      value = e;
      where = at;
    }
  }
};

/// |approximation - simulated| relative to the simulated value, less 3 standard errors of
/// the simulation (what the run length cannot tell apart), at least 0.
double error_beyond_noise(double approximation, const erlang::estimate& sim) {
  const double d = std::fabs(approximation - sim.value) - 3 * sim.standard_error;
  return std::max(0.0, d) / sim.value;
}

TEST(GGcAgainstSimulation, ErrorsWithinTheStatedBounds) {
  const double h = 1;
  worst_error mean_wait;
  worst_error mean_wait_heavy;
  worst_error mean_response;
  worst_error p90;
  worst_error p99;
  std::uint64_t seed = 500;
  for (const int c : {1, 4, 16}) {
    for (const double rho : {0.7, 0.9}) {
      for (const double ca : {0.5, 1.5}) {
        for (const double cs : {0.5, 1.0, 1.5}) {
          const double e = rho * c;
          auto m = stationary_model(e / h, c, erlang::time_distribution::gamma(h, cs), 0.0);
          m.interarrival = erlang::time_distribution::gamma(1.0, ca);
          auto o = stationary_options(++seed, 60000);
          o.quantiles = {0.9, 0.99};
          const auto r = erlang::simulate(m, o).overall;
          const std::string at = "c " + std::to_string(c) + ", rho " + std::to_string(rho) +
                                 ", ca " + std::to_string(ca) + ", cs " + std::to_string(cs);
          const double wq = erlang::qna_mean_wait(e, double(c), h, ca, cs);
          const double e_wait = error_beyond_noise(wq, r.mean_wait);
          erlang::estimate response = r.mean_wait;  // + h: the same standard error
          response.value += h;
          const double e_response = error_beyond_noise(wq + h, response);
          const double e90 =
              error_beyond_noise(erlang::gg_c_response_time_quantile(e, double(c), h, ca, cs, 0.9),
                                 r.response_time_quantiles[0]);
          const double e99 =
              error_beyond_noise(erlang::gg_c_response_time_quantile(e, double(c), h, ca, cs, 0.99),
                                 r.response_time_quantiles[1]);
          std::printf(
              "%-40s mean wait %.3f (simulated %.4f h), mean response %.3f, p90 %.3f, "
              "p99 %.3f\n",
              at.c_str(), e_wait, r.mean_wait.value, e_response, e90, e99);
          (rho > 0.8 ? mean_wait_heavy : mean_wait).note(e_wait, at);
          mean_response.note(e_response, at);
          p90.note(e90, at);
          p99.note(e99, at);
          EXPECT_LE(e_wait, rho > 0.8 ? 0.30 : 3.5)
              << at << ": approximation " << wq << ", simulated " << r.mean_wait.value << " +- "
              << r.mean_wait.half_width;
          EXPECT_LE(e_response, 0.12) << at;
          EXPECT_LE(e90, 0.15) << at;
          EXPECT_LE(e99, 0.15) << at;
        }
      }
    }
  }
  std::printf(
      "G/G/c against the simulator, worst relative error beyond 3 standard errors:\n"
      "  mean wait, load 0.9   %.3g at %s\n  mean wait, load 0.7   %.3g at %s\n"
      "  mean response         %.3g at %s\n  response p90          %.3g at %s\n"
      "  response p99          %.3g at %s\n",
      mean_wait_heavy.value, mean_wait_heavy.where.c_str(), mean_wait.value,
      mean_wait.where.c_str(), mean_response.value, mean_response.where.c_str(), p90.value,
      p90.where.c_str(), p99.value, p99.where.c_str());
}

}  // namespace
