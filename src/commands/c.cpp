// erlangc c: Erlang C (M/M/c/K with --queue-capacity) measures at a number of agents, and
// the staffing curve around it.
#include "commands.hpp"
#include "commands/charts.hpp"
#include "commands/command.hpp"
#include "commands/queue_result.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace erlangc {
namespace {

constexpr double max_curve_rows = 10000;

const record_schema<queue_result>& schema() {
  using namespace queue_fields;
  static const record_schema<queue_result> s{
      "one object (--curve: an array of objects, one per agent count; agent counts that cannot "
      "serve the traffic are left out). queue_capacity and blocking only with --queue-capacity "
      "(M/M/c/K)",
      join({{traffic(), agents(), aht(), queue_capacity(), answer_time()},
            measures(),
            {meets_target()}})};
  return s;
}

/// A row of the curve: the measures at one agent count.
const table_schema<queue_result>& curve_schema() {
  using C = queue_result;
  static const table_schema<C> s{
      "an array of objects",
      {
          {&key::agents, "agents", [](const C& r) -> cell { return r.agents; }},
          {&key::traffic, "traffic", [](const C& r) -> cell { return r.traffic; }},
          {&key::queue_capacity, "queue capacity",
           [](const C& r) -> cell { return r.facts.waiting_places.value_or(0); }, if_blocks,
           "calls"},
          {&key::blocking, "blocking", [](const C& r) -> cell { return r.q.blocking; }, if_blocks},
          {&key::abandon_probability, "abandoned",
           [](const C& r) -> cell { return r.q.abandon_probability; }, if_abandons},
          {&key::wait_probability, "P(wait)",
           [](const C& r) -> cell { return r.q.wait_probability; }},
          {&key::service_level, "service level",
           [](const C& r) -> cell { return r.q.service_level; }},
          {&key::asa, "ASA", [](const C& r) -> cell { return r.q.average_speed_of_answer; }},
          {&key::mean_queue_length, "queue",
           [](const C& r) -> cell { return r.q.mean_queue_length; }},
          {&key::occupancy, "occupancy", [](const C& r) -> cell { return r.q.occupancy; }},
          {&key::meets_target, "meets target",
           [](const C& r) -> cell { return r.meets.value_or(false); }, if_targets},
      }};
  return s;
}

/// The agent counts of the curve: --from/--to, or around the centre.
std::pair<double, double> curve_range(const curve_request& r, std::optional<double> answer,
                                      double stable) {
  double lo = 0;
  double hi = 0;
  if (r.from || r.to) {
    if (!r.from || !r.to) {
      throw usage_error("--from and --to go together: give both, or neither");
    }
    lo = *r.from;
    hi = *r.to;
    if (lo > hi) {
      throw usage_error(
          fmt::format("--from {} is above --to {}", describe_count(lo), describe_count(hi)));
    }
  } else {
    const auto centre = r.agents ? r.agents : answer;
    if (!centre) {
      throw usage_error(
          "--curve needs a centre: give --agents, a target (--service-level, --asa, ...) or "
          "--from and --to");
    }
    lo = *centre - 5;
    hi = std::max(*centre + 5, stable + 5);
  }
  if (hi < stable) {
    throw infeasible_error(fmt::format(
        "every agent count from {} to {} is overloaded by {}: a finite wait needs at least {} "
        "agents",
        describe_count(lo), describe_count(hi), describe_traffic(r.load.traffic),
        describe_count(stable)));
  }
  lo = std::max(lo, std::max(stable, 1.0));
  if (hi - lo >= max_curve_rows) {
    throw usage_error(fmt::format("the curve would have more than {:.0f} rows: narrow --from/--to",
                                  max_curve_rows));
  }
  return {lo, hi};
}

}  // namespace

void run_wait(const measures_request& r, output_format format, std::ostream& out) {
  std::string title;
  const queue_result result = evaluate(r, title);
  schema().print(out, format, title, result);
}

void run_curve(const curve_request& r, output_format format, std::ostream& out) {
  const model_facts f = facts(r.model);
  // The fewest agents with a finite wait (a finite queue never overflows).
  const double stable = f.overflows() ? std::floor(r.load.traffic) + 1 : 1.0;
  std::optional<double> answer;
  if (r.goal) {
    answer = agents_for(r.model, r.load, *r.goal);
  }
  const auto [lo, hi] = curve_range(r, answer, stable);
  const table_schema<queue_result>::selection columns(curve_schema(),
                                                      {.text = format == output_format::text,
                                                       .blocks = f.blocks(),
                                                       .abandons = f.abandons(),
                                                       .targets = answer.has_value()});
  table_writer writer(format, columns.columns());
  std::vector<std::vector<cell>> rows;
  const curve_points points = curve_around(r.model, r.load, lo, hi);
  for (std::size_t i = 0; i < points.agents.size(); ++i) {
    const queue_measures& q = points.measures[i];
    rows.push_back(columns.cells({.facts = f,
                                  .traffic = r.load.traffic,
                                  .agents = points.agents[i],
                                  .q = q,
                                  .meets = r.goal && meets(q, *r.goal)}));
    writer.fit(rows.back());
  }
  if (!r.chart.empty()) {
    write_chart(curve_chart(r.model, r.load, points, r.goal, answer), r.chart);
  }
  std::string text;
  if (format == output_format::text) {
    text += fmt::format("{} staffing curve: {}, AHT {}, service level within {}\n",
                        describe(r.model), describe_traffic(r.load.traffic),
                        describe_duration(r.load.aht), describe_duration(r.load.answer_time));
    if (answer) {
      text += fmt::format("targets: {}: {}\n", describe(*r.goal), describe_count(*answer, "agent"));
    }
    text += '\n';
  }
  writer.begin(text);
  for (const auto& row : rows) {
    writer.row(text, row);
  }
  writer.end(text);
  write_all(out, text);
}

void add_measures_options(CLI::App& app, measures_options& o) {
  add_traffic(app, o.traffic);
  add_agents(app, o.agents);
  add_aht(app, o.traffic, "Mean handling time, e.g. 3m (required)");
  add_targets(app, o.targets);
  app.add_flag("--curve", o.curve,
               "Print the staffing curve: the measures for each agent count around --agents or "
               "around the fewest agents meeting the targets");
  add_parsed(app, "--from", o.from, whole("the first agent count", 0),
             "First agent count of the curve", "N")
      ->needs("--curve");
  add_parsed(app, "--to", o.to, whole("the last agent count", 1), "Last agent count of the curve",
             "N")
      ->needs("--curve");
  add_queue_capacity(app, o.queue_capacity);
  add_format(app, o.format);
  add_chart(app, o.chart, "Draw the staffing curve (with --curve) in FILE: .svg or .png");
}

void run_measures(const measures_options& o,
                  const std::function<queue_model(std::optional<double>, double)>& model_of,
                  void (*run)(const measures_request&, output_format, std::ostream&),
                  const char* agents_missing, std::ostream& out) {
  reject_interval_without_calls(o.traffic);
  const double aht = required_aht(o.traffic);
  const double traffic = traffic_of(o.traffic);
  const staffing_targets goal = targets_of(o.targets);
  const auto goal_given = any_target(goal) ? std::optional(goal) : std::nullopt;
  const load_point load{traffic, aht, goal.answer_time};
  if (o.curve) {
    run_curve({model_of(std::nullopt, aht), load, o.agents.optional(), goal_given,
               o.from.optional(), o.to.optional(), o.chart},
              o.format, out);
    return;
  }
  if (!o.chart.empty()) {
    throw usage_error("--chart draws the staffing curve: add --curve");
  }
  if (!o.agents) {
    throw usage_error(agents_missing);
  }
  run({model_of(*o.agents, aht), load, *o.agents, goal_given}, o.format, out);
}

command_runner setup_c(CLI::App& app) {
  auto o = std::make_shared<measures_options>();
  add_measures_options(app, *o);
  app.footer(schema().help());
  return [o](std::istream&, std::ostream& out) {
    run_measures(
        *o,
        [&](std::optional<double>, double) {
          return choose_model(std::nullopt, o->queue_capacity.optional());
        },
        run_wait,
        "missing --agents N: the number of agents (or use --curve; 'erlangc staff' finds the "
        "agents a target needs)",
        out);
  };
}

}  // namespace erlangc
