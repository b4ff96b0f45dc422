// erlangc chat: agents who each hold up to k conversations at once (erlang/chat.hpp), with
// a mean handling time for each number of open conversations, a queue, patience and
// waiting places. The measures of --agents, or the fewest agents for targets.
#include "commands.hpp"
#include "commands/charts.hpp"
#include "commands/command.hpp"
#include "errors.hpp"
#include "schema.hpp"
#include "units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace erlangc {
namespace {

struct chat_options {
  traffic_options traffic;  ///< --calls with --interval, or --rate; aht unused
  arg<std::vector<double>> aht;
  arg<double> concurrency;
  arg<double> agents;
  staffing_options staffing;
  std::string chart;
  output_format format = output_format::text;
};

/// "4m" or "4m,5m,6.5m": the mean handling time with 1, 2, ... conversations open.
std::vector<double> parse_handling_times(const std::string& s) {
  const auto duration = positive_duration("AHT");
  std::vector<double> times;
  std::size_t from = 0;
  while (true) {
    const std::size_t comma = s.find(',', from);
    times.push_back(duration(s.substr(from, comma - from)));
    if (comma == std::string::npos) {
      break;
    }
    from = comma + 1;
  }
  return times;
}

/// The most traffic (erlangs, the rate times the longest handling time) a chat request may
/// carry: staffing grows as its square (0.13 s at 10 800 E with patience, 5.6 s at 108 000).
constexpr double max_chat_traffic = 2e4;

/// The checked request: arrival rate, the handling times, the queue and the targets.
struct chat_request {
  double rate = 0;               ///< conversations per second
  std::vector<double> aht;       ///< seconds, one per number of open conversations
  chat_model model;              ///< patience and waiting places
  std::optional<double> agents;  ///< the agents to evaluate (else staffed)
  staffing_request staffing;     ///< targets, shrinkage, limits
  std::string chart;
};

double rate_of(const traffic_options& o) {
  reject_interval_without_calls(o);
  if (o.rate) {
    return *o.rate;
  }
  if (!o.calls) {
    throw usage_error(
        "the arrival rate is missing: give --rate (e.g. 120/h) or --calls N with --interval T");
  }
  if (!o.interval) {
    throw usage_error("--calls needs --interval: the period the calls arrive in (e.g. 30m)");
  }
  return *o.calls / *o.interval;
}

chat_request check(const chat_options& o) {
  chat_request r;
  r.rate = rate_of(o.traffic);
  if (!o.aht) {
    throw usage_error(
        "missing --aht: the mean handling time, one (e.g. --aht 4m with --concurrency 3) or one "
        "per number of open conversations (e.g. --aht 4m,5m,6.5m)");
  }
  r.aht = *o.aht;
  if (o.concurrency) {
    const auto k = static_cast<std::size_t>(*o.concurrency);
    if (r.aht.size() == 1) {
      r.aht.assign(k, r.aht.front());
    } else if (r.aht.size() != k) {
      throw usage_error(
          fmt::format("--aht gives {} handling times but --concurrency is {}: give "
                      "one time, or one per number of open conversations",
                      r.aht.size(), o.concurrency.text));
    }
  }
  r.agents = o.agents.optional();
  r.staffing = staffing_of(o.staffing, !r.agents.has_value());
  const model_facts f = facts(r.staffing.model);
  r.model.patience = f.patience;
  r.model.waiting_places = f.waiting_places;
  const double top = r.rate * *std::max_element(r.aht.begin(), r.aht.end());
  if (!(top <= max_chat_traffic)) {
    throw usage_error(
        fmt::format("the traffic {:.6g} E (the rate x the longest --aht) is above "
                    "the {:g} erlangs erlangc chat works with",
                    top, max_chat_traffic));
  }
  r.chart = o.chart;
  return r;
}

// ---- output -----------------------------------------------------------------------------
namespace chat_key {
const output_key concurrency{"concurrency", "", value_kind::count,
                             "the most conversations an agent holds at once"};
const output_key handling_times{
    "handling_times", "s", value_kind::text,
    "mean handling time with 1, 2, ... conversations open, seconds, separated by blanks"};
const output_key slots{"slots", "", value_kind::count, "agents x concurrency"};
}  // namespace chat_key

std::string describe_chat(const chat_request& r) {
  std::string times;
  if (std::all_of(r.aht.begin(), r.aht.end(), [&](double h) { return h == r.aht.front(); })) {
    times = describe_duration(r.aht.front()) + (r.aht.size() > 1 ? " at every level" : "");
  } else {
    for (std::size_t i = 0; i < r.aht.size(); ++i) {
      times += (i == 0 ? "" : ", ") + describe_duration(r.aht[i]);
    }
  }
  std::string s = fmt::format("Chat, up to {} per agent (AHT {}){}", r.aht.size(), times,
                              r.model.patience || r.model.waiting_places ? ":" : "");
  if (r.model.waiting_places) {
    s += fmt::format(" {:.0f} waiting places", *r.model.waiting_places);
  }
  if (r.model.patience) {
    s += fmt::format("{} mean patience {}", r.model.waiting_places ? "," : "",
                     describe_duration(*r.model.patience));
  }
  return s;
}

std::vector<field> fields_of(const chat_request& r, double agents, const queue_measures& m) {
  std::vector<field> v;
  const auto add = [&v](const output_key& k, std::string_view label, cell value,
                        std::string note = "", bool in_text = true) {
    v.push_back({std::string(k.name), std::string(label), std::move(value), k.kind,
                 std::string(k.unit), std::move(note), in_text});
  };
  std::string times;
  for (std::size_t i = 0; i < r.aht.size(); ++i) {
    times += fmt::format("{}{:.17g}", i == 0 ? "" : " ", r.aht[i]);
  }
  add(key::calls_per_hour, "arrival rate", r.rate * 3600, "conversations per hour");
  add(chat_key::handling_times, "", times, "", data_only);
  add(chat_key::concurrency, "concurrency", static_cast<double>(r.aht.size()),
      "conversations per agent at most");
  add(key::agents, "agents", agents, r.agents ? "" : "the fewest meeting the targets");
  if (!r.agents) {
    add(key::scheduled, "scheduled", scheduled_of(r.staffing, agents),
        fmt::format("with {} shrinkage", describe_percent(r.staffing.shrinkage)));
  }
  add(chat_key::slots, "slots", agents * static_cast<double>(r.aht.size()), "agents x concurrency");
  if (r.model.waiting_places) {
    add(key::queue_capacity, "", *r.model.waiting_places, "", data_only);
  }
  if (r.model.patience) {
    add(key::patience, "", *r.model.patience, "", data_only);
  }
  add(key::answer_time, "", r.staffing.goal.answer_time, "", data_only);
  if (r.model.waiting_places) {
    add(key::blocking, "blocked", m.blocking);
  }
  add(key::wait_probability, "wait probability", m.wait_probability, "every slot taken");
  if (r.model.patience) {
    add(key::abandon_probability, "abandoned", m.abandon_probability);
  }
  add(key::service_level, "service level", m.service_level,
      fmt::format("within {}", describe_duration(r.staffing.goal.answer_time)));
  add(key::asa, "ASA", m.average_speed_of_answer,
      r.model.patience || r.model.waiting_places ? "mean wait of answered conversations" : "");
  add(key::mean_queue_length, "mean queue length", m.mean_queue_length);
  add(key::occupancy, "occupancy", m.occupancy, "share of the slots in use");
  if (any_target(r.staffing.goal) && r.agents) {
    add(key::meets_target, "meets the targets", meets(m, r.staffing.goal));
  }
  return v;
}

/// The staffing curve around the agents shown: ten whole counts either side (from the least
/// that keeps an unlimited queue finite).
chart chat_chart(const chat_request& r, double agents, const std::string& title) {
  const auto k = static_cast<double>(r.aht.size());
  const bool overflows = !r.model.patience && !r.model.waiting_places;
  const double least = overflows ? std::max(1.0, std::floor(r.rate * r.aht.back() / k) + 1) : 1.0;
  curve_points points;
  for (double n = std::max(least, agents - 10); n <= agents + 10; n += 1) {
    points.agents.push_back(n);
    points.measures.push_back(
        chat_measures_at(r.model, r.rate, n, r.aht, r.staffing.goal.answer_time));
  }
  chart c = curve_chart(r.staffing.model, {}, points,
                        any_target(r.staffing.goal) ? std::optional(r.staffing.goal) : std::nullopt,
                        agents);
  c.title = title;
  c.subtitle =
      any_target(r.staffing.goal) ? "targets: " + describe(r.staffing.goal) : std::string();
  c.x_label = "agents";
  return c;
}

void run_chat(const chat_request& r, output_format format, std::ostream& out) {
  const double agents = r.agents
                            ? *r.agents
                            : std::max(chat_agents_for(r.model, r.rate, r.aht, r.staffing.goal),
                                       r.staffing.min_agents);
  if (!r.agents && r.staffing.max_agents && agents > *r.staffing.max_agents) {
    throw infeasible_error(fmt::format("the targets need {}, more than --max-agents {:.0f}",
                                       describe_count(agents, "agent"), *r.staffing.max_agents));
  }
  const queue_measures m =
      chat_measures_at(r.model, r.rate, agents, r.aht, r.staffing.goal.answer_time);
  if (!std::isfinite(m.mean_queue_length)) {
    throw infeasible_error(fmt::format(
        "{} cannot serve {} conversations per hour: without abandonment or a limit on the queue "
        "it grows without bound",
        describe_count(agents, "agent"), text_number(r.rate * 3600, value_kind::calls)));
  }
  std::string title = fmt::format("{}: {} conversations per hour", describe_chat(r),
                                  text_number(r.rate * 3600, value_kind::calls));
  if (!r.chart.empty()) {
    write_chart(chat_chart(r, agents, title), r.chart);
  }
  if (any_target(r.staffing.goal)) {
    title += fmt::format("\ntargets: {}", describe(r.staffing.goal));
  }
  std::string text;
  write_record(text, format, title, fields_of(r, agents, m));
  write_all(out, text);
}

std::vector<const output_key*> all_keys() {
  return {&key::calls_per_hour,    &chat_key::handling_times,
          &chat_key::concurrency,  &key::agents,
          &key::scheduled,         &chat_key::slots,
          &key::queue_capacity,    &key::patience,
          &key::answer_time,       &key::blocking,
          &key::wait_probability,  &key::abandon_probability,
          &key::service_level,     &key::asa,
          &key::mean_queue_length, &key::occupancy,
          &key::meets_target};
}

}  // namespace

command_runner setup_chat(CLI::App& app) {
  auto o = std::make_shared<chat_options>();
  add_calls(app, o->traffic);
  for (const char* name : {"--calls", "--interval", "--rate"}) {
    app.get_option(name)->group("Arrivals (--rate, or --calls with --interval)");
  }
  add_parsed<std::vector<double>>(
      app, "--aht", o->aht, parse_handling_times,
      "Mean handling time of a conversation with 1, 2, ... open: 4m,5m,6.5m (the most an agent "
      "holds is their count); or one time with --concurrency (required)",
      "DURATION[,...]");
  add_parsed(app, "--concurrency", o->concurrency, whole("the concurrency", 1),
             "Conversations an agent holds at most (with one --aht: the same time at every "
             "level)",
             "K");
  add_agents(app, o->agents);
  add_staffing(app, o->staffing);
  add_chart(app, o->chart, "Draw the staffing curve around the agents in FILE: .svg or .png");
  return finish_setup(
      app, o,
      keys_help("one object; blocking with --queue-capacity, abandon_probability with "
                "--patience, meets_target with --agents and a target",
                all_keys()),
      check, run_chat);
}

}  // namespace erlangc
