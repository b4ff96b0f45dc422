#include "commands/charts.hpp"

#include "commands.hpp"
#include "errors.hpp"
#include "files.hpp"
#include "units.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace erlangc {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// One series of a measure over the points; `get` reads it.
template <class Get>
chart_series series_of(std::string name, const curve_points& p, Get get, bool markers) {
  chart_series s{std::move(name), {}, false, markers};
  s.y.reserve(p.measures.size());
  for (const auto& m : p.measures) {
    const double v = get(m);
    s.y.push_back(std::isfinite(v) ? v : nan);
  }
  return s;
}

}  // namespace

curve_points curve_around(const queue_model& model, const load_point& load, double lo, double hi) {
  curve_points p;
  for (double n = lo; n <= hi; n += 1) {
    p.agents.push_back(n);
    p.measures.push_back(measures_at(model, load, n));
  }
  return p;
}

chart curve_chart(const queue_model& model, const load_point& load, const curve_points& points,
                  const std::optional<staffing_targets>& goal, std::optional<double> answer) {
  const model_facts f = facts(model);
  chart c;
  c.title = fmt::format("{} staffing curve: {}, AHT {}", describe(model, true),
                        describe_traffic(load.traffic), describe_duration(load.aht));
  c.subtitle =
      fmt::format("service level: calls answered within {}", describe_duration(load.answer_time));
  if (goal) {
    c.subtitle += fmt::format("; targets: {}", describe(*goal));
  }
  c.x_label = "agents";
  c.x = points.agents;
  chart_panel shares{"share of calls and of agent time", axis_unit::percent, 0.0, 1.0, {}, {}};
  shares.series.push_back(series_of(
      "service level", points, [](const queue_measures& m) { return m.service_level; }, true));
  shares.series.push_back(series_of(
      "P(wait)", points, [](const queue_measures& m) { return m.wait_probability; }, false));
  if (f.abandons()) {
    shares.series.push_back(series_of(
        "abandoned", points, [](const queue_measures& m) { return m.abandon_probability; }, false));
  }
  if (f.blocks()) {
    shares.series.push_back(series_of(
        "blocked", points, [](const queue_measures& m) { return m.blocking; }, false));
  }
  shares.series.push_back(series_of(
      "occupancy", points, [](const queue_measures& m) { return m.occupancy; }, false));
  chart_panel waits{"ASA", axis_unit::seconds, 0.0, std::nullopt, {}, {}};
  waits.series.push_back(series_of(
      "ASA", points, [](const queue_measures& m) { return m.average_speed_of_answer; }, true));
  if (goal) {
    const auto add = [](chart_panel& p, const char* what, std::optional<double> v, bool percent) {
      if (v) {
        p.references.push_back(
            {fmt::format("{} {}", what, percent ? describe_percent(*v) : describe_duration(*v)),
             *v});
      }
    };
    add(shares, "service level target", goal->service_level, true);
    add(shares, "P(wait) at most", goal->max_wait_probability, true);
    add(shares, "abandoned at most", goal->max_abandon, true);
    add(shares, "blocked at most", goal->max_blocking, true);
    add(shares, "occupancy at most", goal->max_occupancy, true);
    add(waits, "ASA target", goal->max_asa, false);
  }
  c.panels = {std::move(shares), std::move(waits)};
  if (answer) {
    c.marker_x = *answer;
    c.marker_label = fmt::format("fewest agents meeting the targets: {}", describe_count(*answer));
  }
  return c;
}

chart day_chart(std::string title, std::string subtitle, const day_points& d,
                const std::optional<staffing_targets>& goal) {
  chart c;
  c.title = std::move(title);
  c.subtitle = std::move(subtitle);
  c.x_label = "interval start";
  c.labels = d.starts;
  const auto finite = [](std::vector<double> v) {
    for (double& x : v) {
      x = std::isfinite(x) ? x : nan;
    }
    return v;
  };
  chart_panel agents{"agents", axis_unit::number, 0.0, std::nullopt, {}, {}};
  agents.series.push_back({d.roster ? "agents on the phones (roster)" : "agents required",
                           finite(d.agents), true, false});
  agents.series.push_back({"agents to schedule", finite(d.scheduled), true, false});
  chart_panel shares{"share of calls", axis_unit::percent, 0.0, 1.0, {}, {}};
  shares.series.push_back({"service level", finite(d.service_level), false, true});
  if (!d.abandon.empty()) {
    shares.series.push_back({"abandoned", finite(d.abandon), false, false});
  }
  chart_panel waits{"ASA", axis_unit::seconds, 0.0, std::nullopt, {}, {}};
  waits.series.push_back({"ASA", finite(d.asa), false, true});
  if (goal) {
    if (goal->service_level) {
      shares.references.push_back(
          {fmt::format("service level target {}", describe_percent(*goal->service_level)),
           *goal->service_level});
    }
    if (goal->max_abandon) {
      shares.references.push_back(
          {fmt::format("abandoned at most {}", describe_percent(*goal->max_abandon)),
           *goal->max_abandon});
    }
    if (goal->max_asa) {
      waits.references.push_back(
          {fmt::format("ASA target {}", describe_duration(*goal->max_asa)), *goal->max_asa});
    }
  }
  c.panels = {std::move(agents), std::move(shares), std::move(waits)};
  c.shaded = d.missed;
  c.shaded_label = "misses its targets";
  return c;
}

void add_chart(CLI::App& app, std::string& path, const std::string& help) {
  app.add_option("--chart", path, help)
      ->type_name("FILE")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            try {
              check_chart_path(text, "--chart");
              return {};
            } catch (const usage_error& e) {
              return e.what();
            }
          },
          ""));
}

void write_chart(const chart& c, const std::string& path) {
  write_side_file(path, render_chart_file(c, path), "--chart");
}

}  // namespace erlangc
