// Accuracy audit: erlang_b, log_erlang_b, erlang_c, service_level, average_speed_of_answer,
// mean_queue_length, mean_wait_if_delayed, occupancy and wait_time_quantile over a dense
// log-spaced grid of the whole domain (traffic 1e-6 ..
// 1e7 erlangs, servers 0 .. 1e7, integer and not, with extra points around traffic =
// servers and at the borders between the implementation's methods), against the closed
// forms evaluated in 50-digit arithmetic (reference.hpp). Prints the worst relative error
// per function and region, and fails above the budgets:
//   erlang_b       1e-13 where B >= 1e-100, 4e-13 where 1e-300 <= B < 1e-100;
//   log_erlang_b   1e-14 everywhere;
//   erlang_c, service_level, average_speed_of_answer, mean_queue_length
//                  1e-13 where C >= 1e-100 (and the overload rule exactly);
//   mean_wait_if_delayed, occupancy 1e-15 (traffic < servers);
//   wait_time_quantile   1e-14 where C >= 1e-100, relative or in units of h / (m - E).
// References: the defining sum for integer servers up to 300, the incomplete gamma form
// otherwise; the two forms are checked against each other at several hundred points with
// integer servers from 300 to 3e5 (light load and the critical band).
//
// Grid: ERLANG_AUDIT_GRID=full (default) or coarse (about a tenth of the points; the
// sanitizer and debug builds use it, see tests/CMakeLists.txt). Threads:
// ERLANG_AUDIT_THREADS (default: the hardware's, at most 4).
#include "reference.hpp"
#include "support/grids.hpp"
#include "support/parallel.hpp"

#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace erlang::test;

constexpr double handling_time = 180;
constexpr double answer_times[] = {0, 1, 20, 180, 1800};
constexpr double quantile_fractions[] = {0.5, 0.8, 0.95, 0.99};

struct grid_point {
  double traffic;
  double servers;
  bool cross_check = false;  // also evaluate the reference by the other closed form
};

struct grid_options {
  int traffic_per_decade;
  int servers_per_decade;
  double z_step;        // spacing of traffic = servers + z sqrt(servers) in the critical band
  int random_points;    // log-uniform over the whole domain, fixed seed
  int band_per_decade;  // servers in the light-load band
  int band_ratio_step;  // of traffic / (servers + 1), in units of 0.005
};

grid_options options_from_environment() {
  if (erlang::test::coarse_grid()) {
    return {3, 3, 2.0, 500, 4, 8};
  }
  return {12, 12, 0.25, 6000, 24, 1};
}

std::vector<double> server_values(const grid_options& o) {
  std::set<double> s = {0, 99, 100, 101, 0.5, 99.5, 100.5, 1e7 - 0.5};
  for (int m = 1; m <= 10; ++m) {
    s.insert(m);
  }
  for (double v : powers_of_ten(0, 7, o.servers_per_decade)) {
    s.insert(std::round(v));
  }
  // Non-integer servers from 0.01 up, off the integer grid.
  for (double v : powers_of_ten(-2, 7, o.servers_per_decade, 0.037)) {
    if (v > 1.01e7) {
      continue;
    }
    s.insert(v == std::floor(v) ? v + 0.5 : v);
  }
  return {s.begin(), s.end()};
}

std::vector<grid_point> audit_grid(const grid_options& o) {
  std::vector<grid_point> grid;
  const auto servers = server_values(o);
  const auto traffic = powers_of_ten(-6, 7, o.traffic_per_decade);
  for (double m : servers) {
    for (double e : traffic) {
      grid.push_back({e, m});
    }
  }
  // Integer servers from 300 on have the gamma-form reference; where `check` is set the
  // defining sum is evaluated too and the two must agree.
  auto add = [&](double e, double m, bool check = false) {
    if (e >= 1e-6 && e <= 1.02e7) {
      grid.push_back({e, m, check && m == std::floor(m) && m > 300});
    }
  };
  for (double m : servers) {
    if (m < 1) {
      continue;
    }
    const double root = std::sqrt(m);
    // The critical band: traffic = servers + z sqrt(servers), half as dense beyond 1e5
    // servers (where each reference costs milliseconds).
    const double step = m > 1e5 ? 2 * o.z_step : o.z_step;
    for (double z : linear_spaced(-12, 12, step)) {
      add(m + z * root, m, (z == 0 || z == 6 || z == -6) && m <= 3e5);
    }
    // Traffic a hair away from the servers.
    for (int k : {10, 20, 30, 40, 52}) {
      add(m * (1 + std::ldexp(1.0, -k)), m);
      add(m * (1 - std::ldexp(1.0, -k)), m);
    }
    add(m, m);
    // Borders between the implementation's methods: E = 0.6 (m + 1) and 1.4 (m + 1)
    // (Temme's expansion), E = m + 3 sqrt(m) (continued fraction), and a (lambda - 1 -
    // ln lambda) = 9, near E = m + 4.24 sqrt(m).
    for (double border : {0.6 * (m + 1), 1.4 * (m + 1), m + 3 * root, m + 4.2426 * root}) {
      for (double nudge : {-1e-9, 0.0, 1e-9}) {
        add(border * (1 + nudge), m);
      }
    }
  }
  // The light-load band E < 0.6 (m + 1), where B falls from 1e-30 through 1e-300 for
  // servers in the hundreds and thousands: the errors of methods through exp(-ln(1/B))
  // grow with |ln B| there.
  for (double m : powers_of_ten(2, 5, o.band_per_decade)) {
    for (int r = 1; r <= 120; r += o.band_ratio_step) {
      const double ratio = 0.005 * r;
      add(ratio * (m + 1), m);
      add(ratio * (std::round(m) + 1), std::round(m), r % 10 == 0 && m <= 2e4);
    }
  }
  // Random points between the grid lines: log-uniform traffic and servers, half of them
  // with integer servers.
  std::mt19937_64 rng(20261123);
  std::uniform_real_distribution<double> log_traffic(std::log(1e-6), std::log(1e7));
  std::uniform_real_distribution<double> log_servers(std::log(0.01), std::log(1e7));
  for (int i = 0; i < o.random_points; ++i) {
    const double e = std::exp(log_traffic(rng));
    const double m = std::exp(log_servers(rng));
    grid.push_back({e, i % 2 == 0 ? std::round(m) : m});
  }
  return grid;
}

/// Everything measured at one grid point.
struct point_result {
  grid_point p{};
  double log10_b = 0;  // of the reference
  double err_b = 0;
  double err_log = 0;
  bool loaded = false;  // traffic < servers: the Erlang C measures are finite
  double log10_c = 0;
  double err_c = 0;
  double err_sl = 0;  // worst over the answer times
  double err_asa = 0;
  double err_lq = 0;
  double err_mwd = 0;  // mean_wait_if_delayed
  double err_occupancy = 0;
  double err_quantile = 0;  // worst over the fractions (see measure)
  bool overload_rule_holds = true;
  bool reference_checked = false;  // both reference forms evaluated
  double reference_disagreement = 0;
};

double log10_of(const mp& x) {
  return x == 0 ? -std::numeric_limits<double>::infinity() : static_cast<double>(log10(x));
}

/// ln(1/B) by the defining sum for integer servers up to 300, the gamma form otherwise.
mp reference_log_inverse(double e, double m) {
  if (m == 0) {
    return 0;
  }
  if (m == std::floor(m) && m <= 300) {
    return erlang::test::log_inverse_b_sum(mp(e), static_cast<std::uint64_t>(m));
  }
  return erlang::test::log_inverse_b_gamma(mp(e), mp(m));
}

point_result measure(const grid_point& p) {
  point_result r;
  r.p = p;
  const double e = p.traffic;
  const double m = p.servers;
  const mp log_inverse = reference_log_inverse(e, m);
  const mp b_ref = exp(-log_inverse);
  r.log10_b = log10_of(b_ref);
  r.err_b = relative_error(erlang::erlang_b(e, m), b_ref);
  r.err_log = relative_error(erlang::log_erlang_b(e, m), -log_inverse);
  if (p.cross_check) {
    r.reference_checked = true;
    const mp other = erlang::test::log_inverse_b_sum(mp(e), static_cast<std::uint64_t>(m));
    r.reference_disagreement = static_cast<double>(abs(other - log_inverse) / (1 + log_inverse));
  }
  if (e >= m) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    r.overload_rule_holds = erlang::erlang_c(e, m) == 1 &&
                            erlang::service_level(e, m, handling_time, 20.0) == 0 &&
                            erlang::average_speed_of_answer(e, m, handling_time) == inf &&
                            erlang::mean_queue_length(e, m) == inf &&
                            (m == 0 ||  // occupancy needs servers > 0
                             (erlang::mean_wait_if_delayed(e, m, handling_time) == inf &&
                              erlang::wait_time_quantile(e, m, handling_time, 0.8) == inf &&
                              erlang::occupancy(e, m) == 1));
    return r;
  }
  r.loaded = true;
  const mp c_ref = erlang::test::erlang_c_from_log_inverse_b(e, m, log_inverse);
  const mp slack = mp(m) - mp(e);
  r.log10_c = log10_of(c_ref);
  r.err_c = relative_error(erlang::erlang_c(e, m), c_ref);
  for (double t : answer_times) {
    const mp sl_ref = 1 - c_ref * exp(-slack * t / handling_time);
    r.err_sl =
        std::max(r.err_sl, relative_error(erlang::service_level(e, m, handling_time, t), sl_ref));
  }
  r.err_asa = relative_error(erlang::average_speed_of_answer(e, m, handling_time),
                             c_ref * handling_time / slack);
  r.err_lq = relative_error(erlang::mean_queue_length(e, m), c_ref * e / slack);
  r.err_mwd =
      relative_error(erlang::mean_wait_if_delayed(e, m, handling_time), handling_time / slack);
  r.err_occupancy = relative_error(erlang::occupancy(e, m), mp(e) / mp(m));
  // t_p = h ln(C / (1 - p)) / (m - E), 0 when C <= 1 - p. With L = ln(C / (1 - p)) the
  // error is |t - t_p| (m - E) / h / max(1, L): relative where t_p is at least the mean
  // wait of delayed calls h / (m - E), and in units of that mean wait below it (where a
  // relative error of C carries over to t_p divided by L).
  for (double p : quantile_fractions) {
    const mp log_ratio = log(c_ref / (1 - mp(p)));
    const mp t_ref = log_ratio > 0 ? mp(handling_time) * log_ratio / slack : mp(0);
    const mp t = erlang::wait_time_quantile(e, m, handling_time, p);
    const mp err = abs(t - t_ref) * slack / handling_time / (log_ratio > 1 ? log_ratio : mp(1));
    r.err_quantile = std::max(r.err_quantile, static_cast<double>(err));
  }
  return r;
}

std::vector<point_result> measure_all(const std::vector<grid_point>& grid, unsigned threads) {
  std::vector<point_result> results(grid.size());
  erlang::test::parallel_for(
      grid.size(), [&](std::size_t i) { results[i] = measure(grid[i]); }, threads);
  return results;
}

/// One row of the report: a function over a region, with its worst point and budget.
struct audit_row {
  using region_test = bool (*)(const point_result&);
  audit_row(std::string f, std::string r, double b, double point_result::*err, region_test in)
      : function(std::move(f)), region(std::move(r)), budget(b), error(err), in_region(in) {}

  std::string function;
  std::string region;
  double budget;  // 0: reported only
  double point_result::*error;
  region_test in_region;
  int points = 0;
  double worst = 0;
  grid_point at{};
  std::vector<std::pair<double, grid_point>> over_budget;
};

bool b_above_1e100(const point_result& r) { return r.log10_b >= -100; }
bool b_1e300_to_1e100(const point_result& r) { return r.log10_b >= -300 && r.log10_b < -100; }
bool b_below_1e300(const point_result& r) { return r.log10_b < -300; }
bool everywhere(const point_result& /*unused*/) { return true; }
bool c_above_1e100(const point_result& r) { return r.loaded && r.log10_c >= -100; }
bool c_below_1e100(const point_result& r) { return r.loaded && r.log10_c < -100; }
// Load bands: the implementation's regions in double precision.
bool small_servers(const point_result& r) { return r.p.servers <= 100; }
bool light_load(const point_result& r) {
  return r.p.servers > 100 && r.p.traffic < 0.6 * (r.p.servers + 1);
}
bool critical_band(const point_result& r) {
  const double ratio = r.p.traffic / (r.p.servers + 1);
  return r.p.servers > 100 && ratio >= 0.6 && ratio <= 1.4;
}
bool heavy_load(const point_result& r) {
  return r.p.servers > 100 && r.p.traffic > 1.4 * (r.p.servers + 1);
}

void tally(audit_row& row, const std::vector<point_result>& results) {
  for (const auto& r : results) {
    if (!row.in_region(r)) {
      continue;
    }
    ++row.points;
    const double err = r.*row.error;
    if (row.points == 1 || err > row.worst || std::isnan(err)) {
      row.worst = std::isnan(err) ? std::numeric_limits<double>::infinity() : err;
      row.at = r.p;
    }
    if (row.budget > 0 && !(err <= row.budget)) {
      row.over_budget.emplace_back(err, r.p);
    }
  }
}

TEST(AccuracyAudit, WholeDomainWithinBudgets) {
  const auto options = options_from_environment();
  const auto grid = audit_grid(options);
  const unsigned threads = thread_count();
  const auto start = std::chrono::steady_clock::now();
  const auto results = measure_all(grid, threads);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<audit_row> rows = {
      {"erlang_b", "B >= 1e-100", 1e-13, &point_result::err_b, b_above_1e100},
      {"erlang_b", "1e-300 <= B < 1e-100", 4e-13, &point_result::err_b, b_1e300_to_1e100},
      {"erlang_b", "B < 1e-300 (underflows)", 0, &point_result::err_b, b_below_1e300},
      {"log_erlang_b", "everywhere", 1e-14, &point_result::err_log, everywhere},
      {"erlang_c", "C >= 1e-100", 1e-13, &point_result::err_c, c_above_1e100},
      {"erlang_c", "C < 1e-100", 0, &point_result::err_c, c_below_1e100},
      {"service_level", "C >= 1e-100", 1e-13, &point_result::err_sl, c_above_1e100},
      {"service_level", "C < 1e-100", 0, &point_result::err_sl, c_below_1e100},
      {"average_speed_of_answer", "C >= 1e-100", 1e-13, &point_result::err_asa, c_above_1e100},
      {"average_speed_of_answer", "C < 1e-100", 0, &point_result::err_asa, c_below_1e100},
      {"mean_queue_length", "C >= 1e-100", 1e-13, &point_result::err_lq, c_above_1e100},
      {"mean_queue_length", "C < 1e-100", 0, &point_result::err_lq, c_below_1e100},
      {"mean_wait_if_delayed", "traffic < servers", 1e-15, &point_result::err_mwd,
       [](const point_result& r) { return r.loaded; }},
      {"occupancy", "traffic < servers", 1e-15, &point_result::err_occupancy,
       [](const point_result& r) { return r.loaded; }},
      {"wait_time_quantile", "C >= 1e-100", 1e-14, &point_result::err_quantile, c_above_1e100},
      {"wait_time_quantile", "C < 1e-100", 0, &point_result::err_quantile, c_below_1e100},
      // By the implementation's regions (reported only; the budgets above apply).
      {"erlang_b (B >= 1e-300)", "servers <= 100", 0, &point_result::err_b,
       [](const point_result& r) { return small_servers(r) && r.log10_b >= -300; }},
      {"erlang_b (B >= 1e-300)", "E < 0.6 (m + 1)", 0, &point_result::err_b,
       [](const point_result& r) { return light_load(r) && r.log10_b >= -300; }},
      {"erlang_b (B >= 1e-300)", "0.6 <= E/(m + 1) <= 1.4", 0, &point_result::err_b,
       [](const point_result& r) { return critical_band(r) && r.log10_b >= -300; }},
      {"erlang_b (B >= 1e-300)", "E > 1.4 (m + 1)", 0, &point_result::err_b,
       [](const point_result& r) { return heavy_load(r) && r.log10_b >= -300; }},
      {"log_erlang_b", "servers <= 100", 0, &point_result::err_log, small_servers},
      {"log_erlang_b", "E < 0.6 (m + 1)", 0, &point_result::err_log, light_load},
      {"log_erlang_b", "0.6 <= E/(m + 1) <= 1.4", 0, &point_result::err_log, critical_band},
      {"log_erlang_b", "E > 1.4 (m + 1)", 0, &point_result::err_log, heavy_load},
  };
  for (auto& row : rows) {
    tally(row, results);
  }

  std::printf(
      "accuracy audit: %zu points (traffic 1e-06 .. 1e+07, servers 0 .. 1e+07), "
      "%s grid, %u threads, %.1f s\n",
      grid.size(), options.z_step > 1 ? "coarse" : "full", threads, seconds);
  std::printf("%-24s %-24s %7s %10s  %-36s %7s\n", "function", "region", "points", "worst",
              "at (traffic, servers)", "budget");
  for (const auto& row : rows) {
    char at[64];
    std::snprintf(at, sizeof at, "(%.6g, %.6g)", row.at.traffic, row.at.servers);
    char budget[16] = "-";
    if (row.budget > 0) {
      std::snprintf(budget, sizeof budget, "%.0e", row.budget);
    }
    std::printf("%-24s %-24s %7d %10.3g  %-36s %7s%s\n", row.function.c_str(), row.region.c_str(),
                row.points, row.worst, row.points > 0 ? at : "", budget,
                row.over_budget.empty() ? "" : "  OVER");
  }

  int overload_violations = 0;
  int overload_points = 0;
  int checked = 0;
  double disagreement = 0;
  for (const auto& r : results) {
    if (!r.loaded) {
      ++overload_points;
      overload_violations += r.overload_rule_holds ? 0 : 1;
    }
    if (r.reference_checked) {
      ++checked;
      disagreement = std::max(disagreement, r.reference_disagreement);
    }
  }
  std::printf("overload rule (traffic >= servers): %d points, %d violations\n", overload_points,
              overload_violations);
  std::printf(
      "reference self-check (sum vs gamma form, servers 300 .. 3e5): %d points, worst "
      "relative difference of ln(1/B) %.3g\n",
      checked, disagreement);

  EXPECT_EQ(overload_violations, 0);
  EXPECT_GT(checked, 0);
  EXPECT_LT(disagreement, 1e-30);
  for (auto& row : rows) {
    if (row.over_budget.empty()) {
      continue;
    }
    std::sort(row.over_budget.begin(), row.over_budget.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string list;
    const std::size_t shown = std::min<std::size_t>(row.over_budget.size(), 25);
    for (std::size_t i = 0; i < shown; ++i) {
      char line[160];
      std::snprintf(line, sizeof line, "\n  traffic %.17g servers %.17g error %.3g",
                    row.over_budget[i].second.traffic, row.over_budget[i].second.servers,
                    row.over_budget[i].first);
      list += line;
    }
    ADD_FAILURE() << row.function << " over " << row.region << ": " << row.over_budget.size()
                  << " of " << row.points << " points above the budget " << row.budget
                  << " (worst first, up to 25):" << list;
  }
}

}  // namespace
