// erlangc x: Erlang X, the call centre as planners model it (erlang/erlang_x.hpp): a finite
// number of lines, patience, redials of callers who hung up or were blocked, an uncertain
// forecast, the service-level definitions in use and fractional agents. The measures of
// --agents, the fewest agents for targets, or the largest forecast --agents handle.
#include "commands.hpp"
#include "commands/charts.hpp"
#include "commands/command.hpp"
#include "errors.hpp"
#include "schema.hpp"
#include "units.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <memory>

namespace erlangc {
namespace {

struct x_options {
  traffic_options traffic;
  arg<double> agents;
  staffing_options staffing;
  arg<double> lines;
  arg<double> redial_abandoned;
  arg<double> redial_blocked;
  arg<double> redial_delay;
  arg<double> forecast_cv;
  arg<sl_definition> definition;
  std::string chart;
  output_format format = output_format::text;
};

/// Agents as a real number >= 1 (Erlang X interpolates between whole numbers).
double fractional_agents(const std::string& s) {
  const double v = parse_number(s);
  if (!(v >= 1) || v > 1e7) {
    throw usage_error(
        fmt::format("'{}': the number of agents must lie between 1 and 10^7", shown(s)));
  }
  return v;
}

sl_definition parse_definition(const std::string& s) {
  if (s == "offered") {
    return sl_definition::offered;
  }
  if (s == "answered") {
    return sl_definition::answered;
  }
  if (s == "excluding-early-abandon") {
    return sl_definition::excluding_early_abandon;
  }
  throw usage_error(fmt::format(
      "'{}' is not a service-level definition: use offered (answered in time / all calls), "
      "answered (answered in time / answered) or excluding-early-abandon (answered in time / "
      "all calls but those who hung up within the answer time)",
      shown(s)));
}

const char* definition_name(sl_definition d) {
  switch (d) {
    case sl_definition::answered:
      return "answered";
    case sl_definition::excluding_early_abandon:
      return "excluding-early-abandon";
    case sl_definition::offered:
      break;
  }
  return "offered";
}

/// The checked request: the model, the load or the agents, and the targets.
struct x_request {
  x_model model;
  std::optional<double> traffic;  ///< fresh traffic, erlangs
  double aht = 0;
  std::optional<double> agents;
  staffing_targets goal;
  double shrinkage = 0;
  std::optional<decimal_fraction> shrinkage_as_written;
  std::string chart;  ///< a file for the staffing curve (empty: none)
};

x_model model_of(const x_options& o) {
  x_model m;
  const auto places = queue_capacity_of(o.staffing.queue_capacity, o.staffing.patience);
  if (o.lines) {
    if (places) {
      throw usage_error("--lines and --queue-capacity give the same limit: give one");
    }
    if (!o.agents) {
      throw usage_error(
          "--lines needs --agents (the waiting places are lines - agents); to staff, give the "
          "waiting places with --queue-capacity");
    }
    if (*o.lines < std::ceil(*o.agents)) {
      throw usage_error(fmt::format("--lines {} is below --agents {}: every agent needs a line",
                                    o.lines.text, o.agents.text));
    }
    m.waiting_places = *o.lines - std::ceil(*o.agents);  // fractional agents: the lines of the
                                                         // next whole number
  } else if (places) {
    m.waiting_places = *places;
  }
  m.patience = o.staffing.patience.optional();
  if (o.redial_abandoned && !m.patience) {
    throw usage_error("--redial-abandoned needs --patience: without it nobody hangs up");
  }
  if (o.redial_blocked && !m.waiting_places) {
    throw usage_error(
        "--redial-blocked needs --lines or --queue-capacity: without a limit nobody is blocked");
  }
  m.redial_abandoned = o.redial_abandoned.value_or(0);
  m.redial_blocked = o.redial_blocked.value_or(0);
  m.redial_delay = o.redial_delay.value_or(0);
  if (o.redial_delay && !o.redial_abandoned && !o.redial_blocked) {
    throw usage_error("--redial-delay goes with --redial-abandoned or --redial-blocked");
  }
  m.forecast_cv = o.forecast_cv.value_or(0);
  m.definition = o.definition.value_or(sl_definition::offered);
  return m;
}

x_request check(const x_options& o) {
  x_request r;
  r.model = model_of(o);
  r.aht = required_aht(o.traffic);
  const bool traffic_given = o.traffic.traffic || o.traffic.calls || o.traffic.rate;
  if (traffic_given) {
    reject_interval_without_calls(o.traffic);
    r.traffic = traffic_of(o.traffic);
  }
  r.agents = o.agents.optional();
  r.chart = o.chart;
  const staffing_request s = staffing_of(o.staffing, false);
  r.goal = s.goal;
  r.shrinkage = s.shrinkage;
  r.shrinkage_as_written = s.shrinkage_as_written;
  if (!r.traffic && !r.agents) {
    throw usage_error(
        "give the traffic (--traffic, --calls with --interval, or --rate) with --agents or a "
        "target, or --agents with a target for the largest forecast they handle");
  }
  if (!r.traffic && !any_target(r.goal)) {
    throw usage_error("--agents without a traffic needs a target: the largest forecast meeting it");
  }
  if (!r.agents && !any_target(r.goal)) {
    throw usage_error(
        "--agents is required, or a target to staff for (--service-level 80/20s, --asa, "
        "--max-abandon, ...)");
  }
  if (r.model.forecast_cv > 0 && !r.traffic) {
    throw usage_error(
        "--forecast-cv goes with a traffic: the largest forecast is found without uncertainty "
        "(drop --forecast-cv)");
  }
  return r;
}

// ---- output -----------------------------------------------------------------------------
namespace x_key {
const output_key lines{"lines", "", value_kind::count,
                       "lines: agents + waiting places (absent: no limit)"};
const output_key redial_abandoned{"redial_abandoned", "%", value_kind::percent,
                                  "fraction of callers who hang up and call again, 0-1"};
const output_key redial_blocked{"redial_blocked", "%", value_kind::percent,
                                "fraction of blocked callers who call again, 0-1"};
const output_key forecast_cv{"forecast_cv", "%", value_kind::percent,
                             "coefficient of variation of the forecast traffic (--forecast-cv)"};
const output_key definition{"service_level_definition", "", value_kind::text,
                            "the definition service_level and the target use: offered, answered "
                            "or excluding-early-abandon"};
const output_key sl_offered{"service_level_of_offered", "%", value_kind::percent,
                            "calls answered within answer_time / all calls, 0-1"};
const output_key sl_answered{"service_level_of_answered", "%", value_kind::percent,
                             "calls answered within answer_time / answered calls, 0-1"};
const output_key sl_excluding{
    "service_level_excluding_early_abandon", "%", value_kind::percent,
    "calls answered within answer_time / (all calls - those who hung up within it), 0-1"};
const output_key mean_wait{"mean_wait", "s", value_kind::seconds,
                           "mean wait of all calls, seconds (a caller who hangs up: until then)"};
const output_key redial_rate{"redial_rate", "calls/h", value_kind::calls,
                             "redials per hour in the steady state"};
const output_key total_traffic{"total_traffic", "E", value_kind::erlangs,
                               "traffic of every attempt, fresh calls and redials, erlangs"};
const output_key max_traffic{"max_traffic", "E", value_kind::erlangs,
                             "the largest fresh traffic --agents handle within every target"};
}  // namespace x_key

std::string describe_x_model(const x_model& m) {
  std::string s = "Erlang X";
  std::vector<std::string> parts;
  if (m.waiting_places) {
    parts.push_back(fmt::format("{:.0f} waiting places", *m.waiting_places));
  }
  if (m.patience) {
    parts.push_back(fmt::format("mean patience {}", describe_duration(*m.patience)));
  }
  if (m.redial_abandoned > 0 || m.redial_blocked > 0) {
    parts.push_back(fmt::format("redials {} of abandoned, {} of blocked callers",
                                describe_percent(m.redial_abandoned),
                                describe_percent(m.redial_blocked)));
  }
  if (m.forecast_cv > 0) {
    parts.push_back(fmt::format("forecast cv {}", describe_percent(m.forecast_cv)));
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    s += (i == 0 ? " (" : ", ") + parts[i];
  }
  return parts.empty() ? s : s + ")";
}

std::vector<field> fields_of(const x_request& r, double traffic, double agents, const x_result& x,
                             std::optional<double> max_traffic) {
  std::vector<field> v;
  const auto add = [&v](const output_key& k, std::string_view label, cell value,
                        std::string note = "", bool in_text = true) {
    v.push_back({std::string(k.name), std::string(label), std::move(value), k.kind,
                 std::string(k.unit), std::move(note), in_text});
  };
  add(key::traffic, "offered traffic", traffic,
      r.traffic ? "fresh calls" : "the largest meeting the targets");
  add(key::aht, "AHT", r.aht);
  v.push_back({std::string(key::agents.name), "agents", agents,
               agents == std::floor(agents) ? key::agents.kind : value_kind::number, "",
               r.agents ? (agents == std::floor(agents) ? "" : "interpolated between whole numbers")
                        : "the fewest meeting the targets",
               true});
  if (!r.agents) {
    add(key::scheduled, "scheduled", scheduled_agents(agents, r.shrinkage),
        fmt::format("with {} shrinkage", describe_percent(r.shrinkage)));
  }
  if (r.model.waiting_places) {
    add(key::queue_capacity, "", *r.model.waiting_places, "", data_only);
    add(x_key::lines, "lines", std::ceil(agents) + *r.model.waiting_places);
  }
  if (r.model.patience) {
    add(key::patience, "", *r.model.patience, "", data_only);
  }
  add(key::answer_time, "", r.goal.answer_time, "", data_only);
  add(x_key::redial_abandoned, "", r.model.redial_abandoned, "", data_only);
  add(x_key::redial_blocked, "", r.model.redial_blocked, "", data_only);
  add(x_key::forecast_cv, "", r.model.forecast_cv, "", data_only);
  add(x_key::definition, "", std::string(definition_name(r.model.definition)), "", data_only);
  if (r.model.waiting_places) {
    add(key::blocking, "blocked", x.blocking);
  }
  add(key::wait_probability, "wait probability", x.wait_probability);
  if (r.model.patience) {
    add(key::abandon_probability, "abandoned", x.abandon_probability);
  }
  add(key::service_level, "service level", x.service_level,
      fmt::format("{} within {}", definition_name(r.model.definition),
                  describe_duration(r.goal.answer_time)));
  add(x_key::sl_offered, "", x.service_level_of_offered, "", data_only);
  add(x_key::sl_answered, "", x.service_level_of_answered, "", data_only);
  add(x_key::sl_excluding, "", x.service_level_excluding_early_abandon, "", data_only);
  add(key::asa, "ASA", x.asa, "mean wait of answered calls");
  add(x_key::mean_wait, "", x.mean_wait, "", data_only);
  add(key::mean_queue_length, "mean queue length", x.mean_queue_length);
  add(key::occupancy, "occupancy", x.occupancy);
  if (r.model.redial_abandoned > 0 || r.model.redial_blocked > 0) {
    add(x_key::redial_rate, "redials", x.redial_rate * 3600);
    add(x_key::total_traffic, "total traffic", x.total_traffic, "fresh calls and redials");
  }
  if (max_traffic) {
    add(x_key::max_traffic, "largest traffic", *max_traffic, "meeting every target");
  }
  if (any_target(r.goal) && r.agents && r.traffic) {
    add(key::meets_target, "meets the targets", x_meets(x, r.goal));
  }
  return v;
}

/// The staffing curve: the measures at each whole number of agents around the count shown
/// (ten either side, from the least that keeps an unlimited queue finite), the targets as
/// lines and the count shown marked.
chart x_chart(const x_request& r, double traffic, double agents) {
  const bool overflows = !r.model.patience && !r.model.waiting_places;
  const double least = overflows ? std::floor(traffic) + 1 : 1.0;
  const double first = std::max(least, std::floor(agents) - 10);
  chart c;
  c.title = fmt::format("{}: {}, AHT {}", describe_x_model(r.model), describe_traffic(traffic),
                        describe_duration(r.aht));
  c.subtitle = any_target(r.goal) ? "targets: " + describe(r.goal) : "";
  c.x_label = "agents";
  chart_series sl{
      fmt::format("service level ({})", definition_name(r.model.definition)), {}, false, true};
  chart_series abandoned{"abandoned", {}, false, false};
  chart_series blocked{"blocked", {}, false, false};
  chart_series occupancy{"occupancy", {}, false, false};
  chart_series asa{"ASA", {}, false, true};
  for (double n = first; n <= std::floor(agents) + 10; n += 1) {
    const x_result x = x_measures_at(r.model, traffic, n, r.aht, r.goal.answer_time);
    c.x.push_back(n);
    sl.y.push_back(x.service_level);
    abandoned.y.push_back(x.abandon_probability);
    blocked.y.push_back(x.blocking);
    occupancy.y.push_back(x.occupancy);
    asa.y.push_back(x.asa);
  }
  chart_panel shares{"share of calls", axis_unit::percent, 0.0, 1.0, {std::move(sl)}, {}};
  if (r.model.patience) {
    shares.series.push_back(std::move(abandoned));
  }
  if (r.model.waiting_places) {
    shares.series.push_back(std::move(blocked));
  }
  shares.series.push_back(std::move(occupancy));
  chart_panel waits{"ASA", axis_unit::seconds, 0.0, std::nullopt, {std::move(asa)}, {}};
  const auto target = [](chart_panel& p, const char* what, std::optional<double> v, bool percent) {
    if (v) {
      p.references.push_back(
          {fmt::format("{} {}", what, percent ? describe_percent(*v) : describe_duration(*v)), *v});
    }
  };
  target(shares, "service level target", r.goal.service_level, true);
  target(shares, "abandoned at most", r.goal.max_abandon, true);
  target(shares, "blocked at most", r.goal.max_blocking, true);
  target(shares, "occupancy at most", r.goal.max_occupancy, true);
  target(waits, "ASA target", r.goal.max_asa, false);
  c.panels = {std::move(shares), std::move(waits)};
  c.marker_x = agents;
  c.marker_label =
      fmt::format("{}: {}", r.agents ? "the agents given" : "the fewest meeting the targets",
                  describe_count(agents, "agent"));
  return c;
}

void run_x(const x_request& r, output_format format, std::ostream& out) {
  std::optional<double> max_traffic;
  if (r.agents && any_target(r.goal)) {
    max_traffic = x_traffic_for(r.model, *r.agents, r.aht, r.goal);
  }
  const double traffic = r.traffic ? *r.traffic : *max_traffic;
  const double agents = r.agents ? *r.agents : x_agents_for(r.model, traffic, r.aht, r.goal);
  if (!r.model.patience && !r.model.waiting_places && traffic >= agents) {
    throw infeasible_error(fmt::format(
        "{} agents cannot serve {}: without abandonment or a limit on the queue it grows without "
        "bound",
        describe_count(agents), describe_traffic(traffic)));
  }
  const x_result x = x_measures_at(r.model, traffic, agents, r.aht, r.goal.answer_time);
  if (!r.chart.empty()) {
    write_chart(x_chart(r, traffic, agents), r.chart);
  }
  std::string title = fmt::format("{}: {}, AHT {}", describe_x_model(r.model),
                                  describe_traffic(traffic), describe_duration(r.aht));
  if (any_target(r.goal)) {
    title += fmt::format("\ntargets: {}", describe(r.goal));
  }
  std::string text;
  write_record(text, format, title, fields_of(r, traffic, agents, x, max_traffic));
  write_all(out, text);
}

std::vector<const output_key*> all_keys() {
  return {&key::traffic,
          &key::aht,
          &key::agents,
          &key::scheduled,
          &key::queue_capacity,
          &x_key::lines,
          &key::patience,
          &key::answer_time,
          &x_key::redial_abandoned,
          &x_key::redial_blocked,
          &x_key::forecast_cv,
          &x_key::definition,
          &key::blocking,
          &key::wait_probability,
          &key::abandon_probability,
          &key::service_level,
          &x_key::sl_offered,
          &x_key::sl_answered,
          &x_key::sl_excluding,
          &key::asa,
          &x_key::mean_wait,
          &key::mean_queue_length,
          &key::occupancy,
          &x_key::redial_rate,
          &x_key::total_traffic,
          &x_key::max_traffic,
          &key::meets_target};
}

}  // namespace

command_runner setup_x(CLI::App& app) {
  auto o = std::make_shared<x_options>();
  add_traffic(app, o->traffic);
  add_parsed<double>(app, "--agents,--servers", o->agents, fractional_agents,
                     "Agents (a fraction interpolates between the whole numbers either side)", "N");
  add_aht(app, o->traffic, "Mean handling time, e.g. 3m (required)");
  add_staffing(app, o->staffing);
  const char* group = "Erlang X";
  add_parsed(app, "--lines", o->lines, whole("the number of lines", 1),
             "Lines: agents + waiting places (instead of --queue-capacity; needs --agents)", "N")
      ->group(group);
  add_parsed(app, "--redial-abandoned", o->redial_abandoned,
             ratio("the redial probability", bound::closed, bound::open),
             "Fraction of callers who hang up and call again, e.g. 30% (needs --patience)", "RATIO")
      ->group(group);
  add_parsed(app, "--redial-blocked", o->redial_blocked,
             ratio("the redial probability", bound::closed, bound::open),
             "Fraction of blocked callers who call again (needs --lines or --queue-capacity)",
             "RATIO")
      ->group(group);
  add_parsed(app, "--redial-delay", o->redial_delay, positive_duration("the redial delay"),
             "Mean time before a redial, e.g. 10m (it changes no measure of the steady state, "
             "only how many callers are between attempts)",
             "DURATION")
      ->group(group);
  add_parsed(app, "--forecast-cv", o->forecast_cv,
             ratio("forecast coefficient of variation", bound::closed, bound::open),
             "Forecast uncertainty: the coefficient of variation of the traffic, e.g. 10% (the "
             "traffic gamma distributed)",
             "RATIO")
      ->group(group);
  add_parsed<sl_definition>(app, "--sl-definition", o->definition, parse_definition,
                            "Service level of: offered (default), answered or "
                            "excluding-early-abandon calls",
                            "NAME")
      ->group(group);
  add_chart(app, o->chart, "Draw the staffing curve around the agents in FILE: .svg or .png");
  return finish_setup(
      app, o,
      keys_help("one object; blocking and lines with a limit on the queue, abandon_probability "
                "with --patience, redial_rate and total_traffic with redials, max_traffic with "
                "--agents and a target",
                all_keys()),
      check, run_x);
}

}  // namespace erlangc
