// Accuracy audit of Erlang A and of the solvers over log-spaced grids of their domains,
// against references in 50-digit arithmetic. Prints the worst relative error per function
// and region, and fails above the budgets (README, Accuracy):
//   erlang_a: P(wait), P(abandon), P(abandon | wait), mean queue, mean wait, occupancy,
//     service level, P(W <= t), ASA; 1e-12 where the reference is >= 1e-100 (regions by
//     load, and by whether the reference is the chain or the closed form);
//   traffic_for_blocking: 1e-14 (the root of ln B(E, m) = ln target in 50 digits);
//   traffic_for_targets: 1e-14 (the largest traffic meeting the targets in 50 digits);
//   servers_for_blocking, agents_for_targets, erlang_a_agents_for_targets,
//     engset_servers_for_blocking, extended_erlang_b_servers_for_blocking,
//     finite_queue_agents_for_targets, finite_queue_abandonment_agents_for_targets: exact (the
//     count meets its targets in 50 digits and one fewer does not), except where the reference
//     value at the count or one fewer lies within a relative 1e-12 of its target, where the
//     double evaluation decides.
// References (erlang_a_reference.hpp, model_references.hpp, reference.hpp): for Erlang A
// the birth-death chain of M/M/n+M where it needs at most 60 000 queue states, and
// everywhere the closed forms through the incomplete gamma function (where both apply
// they are checked against each other); the Engset, M/M/c/K and M/M/c/K+M chains; the
// Extended Erlang B fixed point on the defining sum of Erlang B.
//
// Grid: ERLANG_AUDIT_GRID=full (default) or coarse (about a third of the points; the
// sanitizer and debug builds use it). Threads: ERLANG_AUDIT_THREADS (default: the
// hardware's, at most 4).
#include "erlang_a_reference.hpp"
#include "model_references.hpp"
#include "reference.hpp"
#include "support/grids.hpp"
#include "support/parallel.hpp"

#include <erlang/engset.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/extended_erlang_b.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/staffing.hpp>

#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace erlang::test;

/// The audit's report: for each (function, region) the number of points, the worst error
/// and where it occurs, and the points above the row's budget (0: reported only).
/// The text of a point in the report, printf-style.
template <class... Args>
std::string point_text(const char* format, Args... args) {
  char text[192];
  std::snprintf(text, sizeof text, format, args...);
  return text;
}

class audit_report {
 public:
  void add(const std::string& function, const std::string& region, double budget, double error,
           const std::string& where) {
    auto& row = rows_[{function, region}];
    if (row.points == 0) {
      order_.emplace_back(function, region);
    }
    row.budget = budget;
    ++row.points;
    const double err = std::isnan(error) ? std::numeric_limits<double>::infinity() : error;
    if (row.points == 1 || err > row.worst) {
      row.worst = err;
      row.at = where;
    }
    if (budget > 0 && !(err <= budget)) {
      row.over.emplace_back(err, where);
    }
  }

  /// Prints the table and reports every row with points above its budget as a failure.
  void finish(const char* title) {
    std::printf("%s\n%-34s %-28s %6s %10s %7s  %s\n", title, "function", "region", "points",
                "worst", "budget", "at");
    for (const auto& key : order_) {
      const auto& row = rows_[key];
      char budget[16] = "-";
      if (row.budget > 0) {
        std::snprintf(budget, sizeof budget, "%.0e", row.budget);
      }
      std::printf("%-34s %-28s %6d %10.3g %7s  %s%s\n", key.first.c_str(), key.second.c_str(),
                  row.points, row.worst, budget, row.at.c_str(), row.over.empty() ? "" : "  OVER");
    }
    for (const auto& key : order_) {
      auto& row = rows_[key];
      if (row.over.empty()) {
        continue;
      }
      std::sort(row.over.begin(), row.over.end(),
                [](const auto& a, const auto& b) { return a.first > b.first; });
      std::string list;
      for (std::size_t i = 0; i < std::min<std::size_t>(row.over.size(), 25); ++i) {
        char line[64];
        std::snprintf(line, sizeof line, "\n  error %.3g at ", row.over[i].first);
        list += line + row.over[i].second;
      }
      ADD_FAILURE() << key.first << " over " << key.second << ": " << row.over.size() << " of "
                    << row.points << " points above the budget " << row.budget
                    << " (worst first, up to 25):" << list;
    }
  }

 private:
  struct row_t {
    double budget = 0;
    int points = 0;
    double worst = 0;
    std::string at;
    std::vector<std::pair<double, std::string>> over;
  };
  std::map<std::pair<std::string, std::string>, row_t> rows_;
  std::vector<std::pair<std::string, std::string>> order_;
};

// ---------------------------------------------------------------------------------------
// Erlang A

constexpr std::size_t chain_limit = 60000;

/// The 50-digit references of one Erlang A point: the chain's measures where it needs at
/// most chain_limit states, and the closed forms everywhere. All but `service` are
/// independent of the answer time.
struct erlang_a_reference {
  bool from_chain = false;
  mp wait, no_wait, abandon, queue, asa;  // asa only from the chain
  mp wait_closed, no_wait_closed, abandon_closed;
  erlang::test::closed_form_service service;
};

erlang_a_reference reference_a(const case_a& c, const erlang_a_reference* same_queue = nullptr) {
  if (same_queue != nullptr) {  // the same queue at another answer time
    erlang_a_reference r = *same_queue;
    r.service = erlang::test::erlang_a_service_closed_form(c, r.wait, r.no_wait);
    return r;
  }
  erlang_a_reference r;
  // Closed forms: M = (a/b) P(a, b) / P'(a, b) (the waiting-state sum),
  // P(W > 0) = 1 / (1 + (1/B - 1) / M), P(Ab | W > 0) = 1 - (1 - 1/M) / rho.
  const mp a = mp(c.agents) * c.patience / c.aht;
  const mp b = mp(c.traffic) * c.patience / c.aht;
  const mp m = a / b * boost::math::gamma_p(a, b) / boost::math::gamma_p_derivative(a, b);
  // (1/B - 1) / M
  const mp ratio = boost::math::expm1(erlang::test::log_inverse_b(c.traffic, c.agents)) / m;
  r.wait_closed = 1 / (1 + ratio);
  r.no_wait_closed = ratio / (1 + ratio);
  r.abandon_closed = (1 - (1 - 1 / m) * mp(c.agents) / mp(c.traffic)) * r.wait_closed;
  const auto chain = erlang::test::erlang_a_chain(c, false, chain_limit);
  r.from_chain = chain.states > 0;
  if (r.from_chain) {
    r.wait = chain.wait_probability;
    r.no_wait = chain.no_wait_probability;
    r.abandon = chain.abandon_probability;
    r.queue = chain.mean_queue;
    r.asa = chain.asa;
  } else {
    r.wait = r.wait_closed;
    r.no_wait = r.no_wait_closed;
    r.abandon = r.abandon_closed;
    r.queue = b * r.abandon;  // E[Q] = lambda P(Ab) / theta
  }
  r.service = erlang::test::erlang_a_service_closed_form(c, r.wait, r.no_wait);
  return r;
}

/// The grid's points, in groups of one queue (traffic, agents, handling time, patience) at
/// several answer times.
struct erlang_a_grid_t {
  std::vector<case_a> points;
  std::vector<std::size_t> group_begin;
};

erlang_a_grid_t erlang_a_grid(bool coarse) {
  constexpr double h = 180;
  std::vector<double> agents = {1,  2,   3,   5,   8,    13,   20,   30,
                                50, 100, 200, 500, 1000, 2000, 5000, 10000};
  std::vector<double> loads = {0.05, 0.3, 0.6, 0.8, 0.9, 0.95, 0.99, 1, 1.01, 1.05, 1.2, 2, 5};
  std::vector<double> patience = {1e-3, 1e-2, 0.1, 0.5, 1, 2, 10, 100, 1000};
  const double answer_times[] = {0, 0.01, 0.1, 0.5, 2};
  erlang_a_grid_t grid;
  int k = 0;
  for (double n : agents) {
    for (double rho : loads) {
      for (double tau : patience) {
        if (coarse && k++ % 3 != 0) {
          continue;
        }
        grid.group_begin.push_back(grid.points.size());
        for (double t : answer_times) {
          grid.points.push_back({rho * n, n, h, tau * h, t * h});
        }
      }
    }
  }
  // Random points between the grid lines: log-uniform agents (integers), load and patience.
  std::mt19937_64 rng(20261201);
  std::uniform_real_distribution<double> log_n(0, std::log(2e4));
  std::uniform_real_distribution<double> log_rho(std::log(0.05), std::log(5.0));
  std::uniform_real_distribution<double> log_tau(std::log(1e-3), std::log(1e3));
  std::uniform_real_distribution<double> unit(0, 1);
  const int random_points = coarse ? 100 : 600;
  for (int i = 0; i < random_points; ++i) {
    const double n = std::round(std::exp(log_n(rng)));
    const double e = n * std::exp(log_rho(rng));
    grid.group_begin.push_back(grid.points.size());
    grid.points.push_back({e, n, h, h * std::exp(log_tau(rng)), h * 2 * unit(rng)});
  }
  grid.group_begin.push_back(grid.points.size());
  return grid;
}

std::string describe(const case_a& c) {
  char s[160];
  std::snprintf(s, sizeof s, "E %.17g n %.17g h %.17g patience %.17g t %.17g", c.traffic, c.agents,
                c.aht, c.patience, c.answer_time);
  return s;
}

std::string load_region(const case_a& c) {
  const double rho = c.traffic / c.agents;
  return rho < 0.9 ? "E/n < 0.9" : rho <= 1.1 ? "0.9 <= E/n <= 1.1" : "E/n > 1.1";
}

TEST(ModelsAudit, ErlangAWithinBudgets) {
  const auto full_grid = erlang_a_grid(coarse_grid());
  const auto& grid = full_grid.points;
  struct result {
    erlang_a_reference ref;
    erlang::erlang_a_measures<double> m{};
  };
  std::vector<result> results(grid.size());
  parallel_for(full_grid.group_begin.size() - 1, [&](std::size_t g) {
    const std::size_t begin = full_grid.group_begin[g];
    for (std::size_t i = begin; i < full_grid.group_begin[g + 1]; ++i) {
      const auto& c = grid[i];
      results[i].m = erlang::erlang_a(c.traffic, c.agents, c.aht, c.patience, c.answer_time);
      results[i].ref = reference_a(c, i == begin ? nullptr : &results[begin].ref);
    }
  });

  constexpr double budget = 1e-12;
  audit_report report;
  int chain_points = 0;
  double reference_disagreement = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto& c = grid[i];
    const auto& r = results[i].ref;
    const auto& m = results[i].m;
    const std::string where = describe(c);
    const std::string source = r.from_chain ? "chain" : "closed form";
    // Budgets apply where the reference is >= 1e-100; tinier values are reported.
    auto add = [&](const char* function, double computed, const mp& reference) {
      const double err = relative_error(computed, reference);
      if (reference < mp("1e-300")) {
        report.add(function, "reference < 1e-300", 0, err, where);
      } else if (reference < mp("1e-100")) {
        report.add(function, "1e-300 <= reference < 1e-100", 0, err, where);
      } else {
        report.add(function, load_region(c), budget, err, where);
        report.add(std::string(function) + " (reported)", source, 0, err, where);
      }
    };
    add("P(wait)", m.wait_probability, r.wait);
    add("P(abandon)", m.abandon_probability, r.abandon);
    add("P(abandon | wait)", m.abandon_given_wait, r.abandon / r.wait);
    add("mean queue length", m.mean_queue_length, r.queue);
    add("mean wait", m.mean_wait, r.abandon * mp(c.patience));
    add("occupancy", m.occupancy, mp(c.traffic) / mp(c.agents) * (1 - r.abandon));
    add("service level", m.service_level, r.service.service_level);
    add("P(W <= t)", m.wait_within, r.service.wait_within);
    if (r.from_chain) {
      add("ASA (answered calls)", m.average_speed_of_answer, r.asa);
      ++chain_points;
      for (const mp& d :
           {abs(r.wait - r.wait_closed) / r.wait, abs(r.no_wait - r.no_wait_closed) / r.no_wait,
            abs(r.abandon - r.abandon_closed) / r.abandon}) {
        reference_disagreement = std::max(reference_disagreement, static_cast<double>(d));
      }
    }
  }
  std::printf(
      "erlang_a audit: %zu points (agents 1 .. 2e4, load 0.05 .. 5, patience 1e-3 .. 1e3 "
      "AHT, answer time 0 .. 2 AHT), %s grid; %d with the chain reference\n",
      grid.size(), coarse_grid() ? "coarse" : "full", chain_points);
  report.finish("erlang_a");

  // The references against each other: the chain's P(wait) and P(abandon) and the closed
  // forms; and the chain's tail sums (the incomplete beta per state) against the closed
  // form of the service level, at points with a short chain.
  double service_disagreement = 0;
  std::string service_worst_at;
  int service_checked = 0;
  for (std::size_t i = 0; i < grid.size() && service_checked < 60; i += 7) {
    const auto& c = grid[i];
    if (erlang::test::erlang_a_chain(c, false, 1500).states == 0) {
      continue;
    }
    const auto chain = erlang::test::erlang_a_chain(c, true);
    const auto closed = erlang::test::erlang_a_service_closed_form(c, chain.wait_probability,
                                                                   chain.no_wait_probability);
    const double d = std::max(
        static_cast<double>(abs(chain.service_level - closed.service_level) / closed.service_level),
        static_cast<double>(abs(chain.wait_within - closed.wait_within) / closed.wait_within));
    if (d >= service_disagreement) {
      service_disagreement = d;
      service_worst_at = describe(c);
    }
    ++service_checked;
  }
  std::printf(
      "reference self-check: chain vs closed form P(wait), P(no wait), P(abandon) at %d "
      "points, worst "
      "%.3g; service level and P(W <= t) at %d points, worst %.3g (%s)\n",
      chain_points, reference_disagreement, service_checked, service_disagreement,
      service_worst_at.c_str());
  EXPECT_GT(chain_points, 0);
  EXPECT_LT(reference_disagreement, 1e-30);
  EXPECT_GT(service_checked, 10);
  EXPECT_LT(service_disagreement, 1e-30);
}

// ---------------------------------------------------------------------------------------
// Solvers

/// A set of staffing targets with the name the report shows (and a blocking target for
/// the finite queues).
struct target_kind {
  const char* name;
  erlang::staffing_targets<double> t;
  std::optional<double> max_blocking{};
};

/// How a solver's count n stands against the 50-digit reference: exact when n meets and
/// n - 1 does not; `near_tie` when the reference at n or n - 1 is within a relative 1e-12
/// of a target, where the double evaluation may decide either way. margin_at(n) is the
/// least relative margin of the targets at n: >= 0 met, < 0 missed.
struct count_check {
  bool exact;
  bool near_tie;
};

count_check check_count(double n, double lowest, const std::function<mp(double)>& margin_at) {
  const mp tie("1e-12");
  const mp at = margin_at(n);
  const bool meets = at >= 0;
  bool below_fails = true;
  bool near = abs(at) < tie;
  if (n - 1 >= lowest) {
    const mp below = margin_at(n - 1);
    below_fails = below < 0;
    near = near || abs(below) < tie;
  }
  return {meets && below_fails, near};
}

/// The least relative margin of the finite-queue targets set (blocking, service level,
/// ASA, P(wait) = delayed or blocked, occupancy, P(abandon)) on 50-digit measures.
template <class Reference>
mp finite_queue_margin(const Reference& r, const mp& abandon,
                       const erlang::staffing_targets<double>& t,
                       const std::optional<double>& max_blocking) {
  mp worst = 1;
  if (max_blocking) {
    worst = std::min(worst, 1 - r.blocking / mp(*max_blocking));
  }
  if (t.service_level) {
    worst = std::min(worst, r.service_level / mp(*t.service_level) - 1);
  }
  if (t.max_asa) {
    worst = std::min(worst, 1 - r.asa / mp(*t.max_asa));
  }
  if (t.max_wait_probability) {
    worst = std::min(worst, 1 - (r.wait + r.blocking) / mp(*t.max_wait_probability));
  }
  if (t.max_occupancy) {
    worst = std::min(worst, 1 - r.occupancy / mp(*t.max_occupancy));
  }
  if (t.max_abandon) {
    worst = std::min(worst, 1 - abandon / mp(*t.max_abandon));
  }
  return worst;
}

void add_count(audit_report& report, const std::string& function, const std::string& region,
               const count_check& c, const std::string& where) {
  if (c.near_tie) {
    report.add(function + " (within 1e-12 of a target)", region, 0, c.exact ? 0 : 1, where);
    return;
  }
  // Error 1 for a count that is not the least one: the budget of 0.5 makes any fail.
  report.add(function, region, 0.5, c.exact ? 0 : 1, where);
}

/// Regions by the size of a solver's argument x, named `name`.
std::string magnitude_region(double x, const std::string& name = "E") {
  return x < 1     ? name + " < 1"
         : x < 100 ? "1 <= " + name + " < 100"
         : x < 1e4 ? "100 <= " + name + " < 1e4"
                   : name + " >= 1e4";
}

TEST(ModelsAudit, SolversWithinBudgets) {
  const bool coarse = coarse_grid();
  audit_report report;
  const std::vector<double> blocking_targets = {1e-9, 1e-4, 1e-3, 0.01, 0.02,
                                                0.05, 0.1,  0.3,  0.5,  0.9};

  // servers_for_blocking: B(E, n) <= target < B(E, n - 1), ln B in 50 digits.
  {
    const auto points = pairs(log_spaced(1e-3, 1e5, coarse ? 2 : 6), blocking_targets);
    std::vector<count_check> checks(points.size());
    std::vector<double> counts(points.size());
    parallel_for(points.size(), [&](std::size_t i) {
      const double e = points[i].first;
      const double p = points[i].second;
      const double n = erlang::servers_for_blocking(e, p);
      counts[i] = n;
      checks[i] = check_count(n, 0, [&](double m) {
        return log(mp(p)) + erlang::test::log_inverse_b(e, m);  // ln(target / B)
      });
    });
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string where =
          point_text("E %.17g target %.17g: %.17g", points[i].first, points[i].second, counts[i]);
      add_count(report, "servers_for_blocking", magnitude_region(points[i].first), checks[i],
                where);
    }
  }

  // traffic_for_blocking: the root of ln B(E, m) = ln target in 50 digits, by Newton on
  // u = ln E (d ln B / d ln E = m - E (1 - B)) from the double result until the step is
  // below 1e-40.
  {
    std::vector<double> servers = rounded(log_spaced(1, 1e5, coarse ? 2 : 6));
    for (double m : {0.5, 2.5, 17.3, 140.7, 2500.5, 61234.25}) {  // real servers
      servers.push_back(m);
    }
    const auto points = pairs(servers, blocking_targets);
    std::vector<double> errors(points.size());
    std::vector<int> newton_steps(points.size());
    parallel_for(points.size(), [&](std::size_t i) {
      const double m = points[i].first;
      const double p = points[i].second;
      const double e = erlang::traffic_for_blocking(m, p);
      mp u = log(mp(e));
      const mp target = log(mp(p));
      int steps = 0;
      for (; steps < 30; ++steps) {
        const mp traffic = exp(u);
        const mp log_b = -erlang::test::log_inverse_b_gamma(traffic, mp(m));
        const mp slope = mp(m) - traffic * (1 - exp(log_b));
        const mp step = (log_b - target) / slope;
        u -= step;
        if (abs(step) < mp("1e-40")) {
          break;
        }
      }
      newton_steps[i] = steps;
      errors[i] = relative_error(e, exp(u));
    });
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string where =
          point_text("servers %.17g target %.17g", points[i].first, points[i].second);
      report.add("traffic_for_blocking", magnitude_region(points[i].first, "servers"), 1e-14,
                 newton_steps[i] < 30 ? errors[i] : std::numeric_limits<double>::infinity(), where);
    }
  }

  // agents_for_targets (Erlang C): C from ln(1/B) in 50 digits; service level
  // 1 - C e^-(n - E) t / h, ASA C h / (n - E), P(wait) C, occupancy E / n.
  {
    constexpr double h = 180;
    const std::vector<target_kind> kinds = {
        {"80 % in 20 s", {.service_level = 0.8, .answer_time = 20}},
        {"99 % in 5 s", {.service_level = 0.99, .answer_time = 5}},
        {"ASA 10 s", {.max_asa = 10}},
        {"P(wait) 0.05", {.max_wait_probability = 0.05}},
        {"occupancy 85 %", {.max_occupancy = 0.85}},
        {"90 % in 15 s, ASA 8 s, occupancy 90 %",
         {.service_level = 0.9, .answer_time = 15, .max_asa = 8, .max_occupancy = 0.9}},
    };
    const auto points = pairs(log_spaced(1e-2, 1e5, coarse ? 2 : 6), indices(kinds.size()));
    std::vector<count_check> checks(points.size());
    std::vector<double> counts(points.size());
    parallel_for(points.size(), [&](std::size_t i) {
      const double e = points[i].first;
      const std::size_t k = points[i].second;
      const auto& t = kinds[k].t;
      const double n = erlang::agents_for_targets(e, h, t);
      counts[i] = n;
      checks[i] = check_count(n, 1, [&](double agents) -> mp {
        if (agents <= e) {
          return -1;
        }
        const mp slack = mp(agents) - mp(e);
        const mp c = erlang::test::erlang_c_from_log_inverse_b(
            e, agents, erlang::test::log_inverse_b(e, agents));
        // The least relative margin of the targets set.
        mp worst = 1;
        if (t.service_level) {
          const mp sl = 1 - c * exp(-slack * t.answer_time / h);
          worst = std::min(worst, sl / mp(*t.service_level) - 1);
        }
        if (t.max_asa) {
          worst = std::min(worst, 1 - c * h / slack / mp(*t.max_asa));
        }
        if (t.max_wait_probability) {
          worst = std::min(worst, 1 - c / mp(*t.max_wait_probability));
        }
        if (t.max_occupancy) {
          worst = std::min(worst, 1 - mp(e) / mp(agents) / mp(*t.max_occupancy));
        }
        return worst;
      });
    });
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string where = point_text("E %.17g, %s: %.17g", points[i].first,
                                           kinds[points[i].second].name, counts[i]);
      add_count(report, "agents_for_targets", magnitude_region(points[i].first), checks[i], where);
    }
  }

  // traffic_for_targets (Erlang C): the largest traffic whose 50-digit measures meet the
  // targets on m agents, by bisection on (0, m) to a relative 1e-30 (110 halvings), with
  // C from the defining sum (integer agents) at the 50-digit traffic itself.
  {
    constexpr double h = 180;
    const std::vector<target_kind> kinds = {
        {"80 % in 20 s", {.service_level = 0.8, .answer_time = 20}},
        {"ASA 10 s", {.max_asa = 10}},
        {"P(wait) 0.05", {.max_wait_probability = 0.05}},
        {"occupancy 85 %", {.max_occupancy = 0.85}},
        {"95 % in 10 s, occupancy 90 %",
         {.service_level = 0.95, .answer_time = 10, .max_occupancy = 0.9}},
    };
    const auto points = pairs(rounded(log_spaced(1, 1e4, coarse ? 1 : 4)), indices(kinds.size()));
    std::vector<double> errors(points.size());
    parallel_for(points.size(), [&](std::size_t i) {
      const double m = points[i].first;
      const auto& t = kinds[points[i].second].t;
      const double e = erlang::traffic_for_targets(m, h, t);
      auto meets = [&](const mp& traffic) {
        const mp log_inverse =
            erlang::test::log_inverse_b_sum(traffic, static_cast<std::uint64_t>(m));
        const mp rho = traffic / mp(m);
        const mp c = 1 / (rho + (1 - rho) * exp(log_inverse));
        const mp slack = mp(m) - traffic;
        return (!t.service_level ||
                1 - c * exp(-slack * t.answer_time / h) >= mp(*t.service_level)) &&
               (!t.max_asa || c * h / slack <= mp(*t.max_asa)) &&
               (!t.max_wait_probability || c <= mp(*t.max_wait_probability)) &&
               (!t.max_occupancy || rho <= mp(*t.max_occupancy));
      };
      mp lo = 0;
      mp hi = m;
      for (int step = 0; step < 110; ++step) {
        const mp mid = (lo + hi) / 2;
        (meets(mid) ? lo : hi) = mid;
      }
      errors[i] = relative_error(e, lo);
    });
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string where =
          point_text("agents %.17g, %s", points[i].first, kinds[points[i].second].name);
      report.add("traffic_for_targets", magnitude_region(points[i].first, "agents"), 1e-14,
                 errors[i], where);
    }
  }

  // erlang_a_agents_for_targets: the Erlang A references above at n and n - 1.
  {
    constexpr double h = 180;
    const std::vector<target_kind> kinds = {
        {"80 % in 20 s", {.service_level = 0.8, .answer_time = 20}},
        {"abandon 3 %", {.max_abandon = 0.03}},
        {"ASA 15 s", {.max_asa = 15}},
        {"90 % in 30 s, abandon 2 %",
         {.service_level = 0.9, .answer_time = 30, .max_abandon = 0.02}},
    };
    const std::vector<double> traffic =
        coarse ? std::vector<double>{0.5, 20, 2000} : log_spaced(0.2, 5000, 3);
    const std::vector<double> patience =
        coarse ? std::vector<double>{0.1, 3} : std::vector<double>{0.05, 0.3, 1, 3, 20};
    struct point {
      double e, tau;
      std::size_t kind;
    };
    std::vector<point> points;
    for (double e : traffic) {
      for (double tau : patience) {
        for (std::size_t k = 0; k < kinds.size(); ++k) {
          // ASA targets go with a chain reference (patience and load that keep it short).
          if (kinds[k].t.max_asa && tau * e > 2e4) {
            continue;
          }
          points.push_back({e, tau, k});
        }
      }
    }
    std::vector<count_check> checks(points.size());
    std::vector<double> counts(points.size());
    std::vector<bool> checked(points.size(), true);
    parallel_for(points.size(), [&](std::size_t i) {
      const auto& pt = points[i];
      const auto& t = kinds[pt.kind].t;
      const double n = erlang::erlang_a_agents_for_targets(pt.e, h, pt.tau * h, t);
      counts[i] = n;
      checks[i] = check_count(n, 1, [&](double agents) -> mp {
        const case_a c{pt.e, agents, h, pt.tau * h, t.answer_time};
        const auto r = reference_a(c);
        mp worst = 1;
        if (t.service_level) {
          worst = std::min(worst, r.service.service_level / mp(*t.service_level) - 1);
        }
        if (t.max_abandon) {
          worst = std::min(worst, 1 - r.abandon / mp(*t.max_abandon));
        }
        if (t.max_asa) {
          if (!r.from_chain) {
            checked[i] = false;
            return 0;
          }
          worst = std::min(worst, 1 - r.asa / mp(*t.max_asa));
        }
        return worst;
      });
    });
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (!checked[i]) {
        continue;
      }
      const std::string where = point_text("E %.17g patience %.3g AHT, %s: %.17g", points[i].e,
                                           points[i].tau, kinds[points[i].kind].name, counts[i]);
      add_count(report, "erlang_a_agents_for_targets", magnitude_region(points[i].e), checks[i],
                where);
    }
  }

  // engset_servers_for_blocking: each measure of the Engset chain in 50 digits at n, n - 1.
  {
    const std::vector<double> betas = {1e-3, 0.01, 0.1, 0.5, 2};
    const std::vector<double> sources =
        coarse ? std::vector<double>{3, 100} : std::vector<double>{1, 3, 10, 30, 100, 300, 1000};
    const double targets[] = {1e-6, 1e-3, 0.01, 0.1, 0.3};
    const erlang::engset_measure measures[] = {erlang::engset_measure::time_congestion,
                                               erlang::engset_measure::call_congestion,
                                               erlang::engset_measure::traffic_congestion};
    const char* measure_names[] = {"time", "call", "traffic"};
    struct point {
      double beta, sources, target;
      int measure;
    };
    std::vector<point> points;
    for (double beta : betas) {
      for (double src : sources) {
        for (double target : targets) {
          for (int k = 0; k < 3; ++k) {
            points.push_back({beta, src, target, k});
          }
        }
      }
    }
    std::vector<count_check> checks(points.size());
    std::vector<double> counts(points.size());
    parallel_for(points.size(), [&](std::size_t i) {
      const auto& pt = points[i];
      const double n =
          erlang::engset_servers_for_blocking(pt.beta, pt.sources, pt.target, measures[pt.measure]);
      counts[i] = n;
      checks[i] = check_count(n, 0, [&](double servers) -> mp {
        const auto r = erlang::test::engset_chain(pt.beta, static_cast<std::uint64_t>(pt.sources),
                                                  static_cast<std::uint64_t>(servers));
        const mp value = pt.measure == 0 ? r.time : pt.measure == 1 ? r.call : r.traffic;
        return 1 - value / mp(pt.target);
      });
    });
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string where = point_text(
          "beta %.17g sources %.17g %s congestion %.17g: %.17g", points[i].beta, points[i].sources,
          measure_names[points[i].measure], points[i].target, counts[i]);
      add_count(report, "engset_servers_for_blocking", magnitude_region(points[i].sources, "S"),
                checks[i], where);
    }
  }

  // extended_erlang_b_servers_for_blocking: B(E, m) at the 50-digit fixed point
  // E = E0 + r E B(E, m), at m and m - 1 (with r = 1 and E0 >= m no fixed point exists:
  // the blocking tends to 1 and every target fails).
  {
    const auto traffic = log_spaced(0.1, 1000, coarse ? 1 : 2);
    const double targets[] = {1e-4, 0.01, 0.05, 0.2};
    const double recalls[] = {0, 0.3, 0.7, 1};
    struct point {
      double e0, target, recall;
    };
    std::vector<point> points;
    for (double e0 : traffic) {
      for (double target : targets) {
        for (double r : recalls) {
          points.push_back({e0, target, r});
        }
      }
    }
    std::vector<count_check> checks(points.size());
    std::vector<double> counts(points.size());
    parallel_for(points.size(), [&](std::size_t i) {
      const auto& pt = points[i];
      const double m = erlang::extended_erlang_b_servers_for_blocking(pt.e0, pt.recall, pt.target);
      counts[i] = m;
      checks[i] = check_count(m, 0, [&](double servers) -> mp {
        if (servers == 0 || (pt.recall == 1 && pt.e0 >= servers)) {
          return -1;
        }
        const mp e = erlang::test::reference_fixed_point(pt.e0, servers, pt.recall);
        return 1 - erlang::test::reference_b(e, servers) / mp(pt.target);
      });
    });
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string where =
          point_text("E0 %.17g target %.17g recall %.17g: %.17g", points[i].e0, points[i].target,
                     points[i].recall, counts[i]);
      add_count(report, "extended_erlang_b_servers_for_blocking",
                magnitude_region(points[i].e0, "E0"), checks[i], where);
    }
  }

  // finite_queue_agents_for_targets (M/M/c/K, N waiting places) and
  // finite_queue_abandonment_agents_for_targets (M/M/c/K+M): the 50-digit chains at c and
  // c - 1.
  {
    constexpr double h = 180;
    const std::vector<target_kind> kinds = {
        {"blocking 1 %", {}, 0.01},
        {"80 % in 20 s", {.service_level = 0.8, .answer_time = 20}},
        {"ASA 15 s", {.max_asa = 15}},
        {"P(wait) 0.3, occupancy 90 %", {.max_wait_probability = 0.3, .max_occupancy = 0.9}},
        // M/M/c/K+M only:
        {"abandon 3 %", {.max_abandon = 0.03}},
        {"90 % in 30 s, abandon 2 %, blocking 0.5 %",
         {.service_level = 0.9, .answer_time = 30, .max_abandon = 0.02},
         0.005},
    };
    const auto traffic = log_spaced(0.1, 1000, coarse ? 1 : 2);
    const double waiting[] = {0, 5, 50};
    const double patience[] = {0.1, 1, 10};  // in AHT
    struct point {
      double e, n, tau;  // tau = 0: M/M/c/K
      std::size_t kind;
    };
    std::vector<point> points;
    for (double e : traffic) {
      for (double n : waiting) {
        for (std::size_t k = 0; k < kinds.size(); ++k) {
          if (!kinds[k].t.max_abandon) {
            points.push_back({e, n, 0, k});
          }
          for (double tau : patience) {
            if (n > 0 && (coarse ? tau == 1 : true)) {
              points.push_back({e, n, tau, k});
            }
          }
        }
      }
    }
    std::vector<count_check> checks(points.size());
    std::vector<double> counts(points.size());
    parallel_for(points.size(), [&](std::size_t i) {
      const auto& pt = points[i];
      const auto& kind = kinds[pt.kind];
      auto targets = kind.t;
      targets.max_blocking = kind.max_blocking;
      const double c = pt.tau == 0 ? erlang::finite_queue_agents_for_targets(pt.e, h, pt.n, targets)
                                   : erlang::finite_queue_abandonment_agents_for_targets(
                                         pt.e, h, pt.tau * h, pt.n, targets);
      counts[i] = c;
      checks[i] = check_count(c, 1, [&](double agents) -> mp {
        const auto servers = static_cast<std::uint64_t>(agents);
        const auto capacity = static_cast<std::uint64_t>(agents + pt.n);
        if (pt.tau == 0) {
          const auto r = erlang::test::mmck_chain(pt.e, servers, capacity, h, kind.t.answer_time);
          return finite_queue_margin(r, mp(0), kind.t, kind.max_blocking);
        }
        const auto r =
            erlang::test::mmckm_chain(pt.e, servers, capacity, h, pt.tau * h, kind.t.answer_time);
        return finite_queue_margin(r, r.abandon, kind.t, kind.max_blocking);
      });
    });
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string where =
          point_text("E %.17g waiting places %.17g patience %.3g AHT, %s: %.17g", points[i].e,
                     points[i].n, points[i].tau, kinds[points[i].kind].name, counts[i]);
      add_count(report,
                points[i].tau == 0 ? "finite_queue_agents_for_targets"
                                   : "finite_queue_abandonment_agents_for_targets",
                magnitude_region(points[i].e), checks[i], where);
    }
  }

  report.finish("solvers (counts: error 1 where the count is not the least one, budget 0.5)");
}

}  // namespace
