// erlangc simulate: the measures of c, a and plan by discrete-event simulation
// (erlang/simulation.hpp), each with its confidence interval, for handling times and
// patience that need not be exponential. One stationary queue (the traffic options of c),
// or a day from a forecast CSV (as plan reads it), with the agents given or staffed for
// the targets.
#include "commands.hpp"
#include "commands/command.hpp"
#include "errors.hpp"
#include "forecast_csv.hpp"
#include "progress.hpp"
#include "schema.hpp"
#include "units.hpp"

#include <erlang/simulation.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>

namespace erlangc {
namespace {

using erlang::distribution_family;

/// The most agents a simulation takes (memory and time grow with them).
constexpr double max_simulated_agents = 1e6;
/// The most intervals of a simulated day.
constexpr std::size_t max_simulated_intervals = 100000;

struct simulate_options {
  std::string file;
  traffic_options traffic;
  arg<double> agents;
  staffing_options staffing;
  arg<distribution_family> aht_dist;
  arg<double> aht_cv;
  arg<distribution_family> patience_dist;
  arg<double> patience_cv;
  arg<double> seed;
  arg<double> replications;
  arg<double> run_calls;
  arg<double> warmup_calls;
  arg<double> batches;
  forecast_options forecast;
  output_format format = output_format::text;
};

const char* family_name(distribution_family f) {
  switch (f) {
    case distribution_family::exponential:
      return "exponential";
    case distribution_family::deterministic:
      return "deterministic";
    case distribution_family::lognormal:
      return "lognormal";
    case distribution_family::gamma:
      return "gamma";
    case distribution_family::empirical:
      break;
  }
  return "empirical";
}

distribution_family parse_family(const std::string& s) {
  for (const auto f : {distribution_family::exponential, distribution_family::deterministic,
                       distribution_family::lognormal, distribution_family::gamma}) {
    if (s == family_name(f)) {
      return f;
    }
  }
  throw usage_error(fmt::format(
      "'{}' is not a distribution: use exponential, deterministic, lognormal or gamma", shown(s)));
}

double parse_cv(const std::string& s) {
  const double v = parse_number(s);
  if (!(v >= 0) || v > 100) {
    throw usage_error(
        fmt::format("'{}': the coefficient of variation must lie in [0, 100]", shown(s)));
  }
  return v;
}

/// A time distribution of mean `mean` from --X-dist and --X-cv (`what` names them).
/// The family defaults to lognormal when a cv is given, else exponential.
erlang::time_distribution distribution_of(const arg<distribution_family>& family,
                                          const arg<double>& cv, double mean, const char* what) {
  const distribution_family f =
      family ? *family : (cv ? distribution_family::lognormal : distribution_family::exponential);
  const double c = cv.value_or(f == distribution_family::deterministic ? 0.0 : 1.0);
  if (f == distribution_family::exponential && c != 1) {
    throw usage_error(
        fmt::format("--{}-cv {}: an exponential time has a cv of 1 (use --{}-dist lognormal or "
                    "gamma)",
                    what, cv.text, what));
  }
  if (f == distribution_family::deterministic && c != 0) {
    throw usage_error(fmt::format("--{}-cv {}: a deterministic time has a cv of 0", what, cv.text));
  }
  if ((f == distribution_family::lognormal || f == distribution_family::gamma) && !(c > 0)) {
    throw usage_error(
        fmt::format("--{}-cv must be above 0 for a {} time (0: --{}-dist "
                    "deterministic)",
                    what, family_name(f), what));
  }
  switch (f) {
    case distribution_family::deterministic:
      return erlang::time_distribution::deterministic(mean);
    case distribution_family::lognormal:
      return erlang::time_distribution::lognormal(mean, c);
    case distribution_family::gamma:
      return erlang::time_distribution::gamma(mean, c);
    default:
      return erlang::time_distribution::exponential(mean);
  }
}

// ---- output -----------------------------------------------------------------------------
namespace sim_key = key;  // the keys of simulate are in schema.cpp

/// A simulated measure: its key, the key of its half width, labels, where it is in the
/// result and whether the model has it.
struct measure_spec {
  const output_key* key;
  const output_key* half_width;
  std::string_view label;
  std::string_view header;
  const erlang::estimate& (*get)(const erlang::simulation_measures&, const model_facts&);
  bool (*shown)(const model_facts&);
};

bool always(const model_facts& /*f*/) { return true; }

const std::vector<measure_spec>& measure_specs() {
  using M = erlang::simulation_measures;
  using F = model_facts;
  static const std::vector<measure_spec> specs{
      {&key::blocking, &key::half_width(key::blocking), "blocking", "blocked",
       [](const M& m, const F&) -> const erlang::estimate& { return m.blocking_probability; },
       [](const F& f) { return f.blocks(); }},
      {&key::wait_probability, &key::half_width(key::wait_probability), "wait probability",
       "P(wait)",
       [](const M& m, const F&) -> const erlang::estimate& { return m.wait_probability; }, always},
      {&key::abandon_probability, &key::half_width(key::abandon_probability), "abandoned",
       "abandoned",
       [](const M& m, const F&) -> const erlang::estimate& { return m.abandon_probability; },
       [](const F& f) { return f.abandons(); }},
      {&key::service_level, &key::half_width(key::service_level), "service level", "service level",
       [](const M& m, const F&) -> const erlang::estimate& { return m.service_level; }, always},
      {&key::asa, &key::half_width(key::asa), "ASA", "ASA",
       [](const M& m, const F& f) -> const erlang::estimate& {
         return f.asa_of_answered() ? m.average_speed_of_answer : m.mean_wait;
       },
       always},
      {&key::mean_queue_length, &key::half_width(key::mean_queue_length), "mean queue length",
       "queue", [](const M& m, const F&) -> const erlang::estimate& { return m.mean_queue_length; },
       always},
      {&key::occupancy, &key::half_width(key::occupancy), "occupancy", "occupancy",
       [](const M& m, const F&) -> const erlang::estimate& { return m.occupancy; }, always},
  };
  return specs;
}

std::string plus_minus(const erlang::estimate& e, value_kind kind) {
  return fmt::format("± {}", text_number(e.half_width, kind));
}

/// What both kinds of run print.
struct run_facts {
  queue_model model;
  erlang::simulation_model sim;
  erlang::simulation_options options;
  std::optional<double> scheduled_shrinkage;  ///< staffed for targets
};

/// The fields that describe the simulation (after those of the load).
std::vector<field> setting_fields(const run_facts& r, bool stationary,
                                  const erlang::simulation_result& result) {
  const model_facts f = facts(r.model);
  std::vector<field> v;
  const auto add = [&v](const output_key& k, std::string_view label, cell value, bool in_text) {
    v.push_back({std::string(k.name), std::string(label), std::move(value), k.kind,
                 std::string(k.unit), "", in_text});
  };
  add(sim_key::aht_distribution, "AHT distribution", std::string(family_name(r.sim.service.family)),
      false);
  add(sim_key::aht_cv, "AHT cv", r.sim.service.cv, false);
  if (f.abandons()) {
    add(key::patience, "mean patience", *f.patience, false);
    add(sim_key::patience_distribution, "patience distribution",
        std::string(family_name(r.sim.patience->family)), false);
    add(sim_key::patience_cv, "patience cv", r.sim.patience->cv, false);
  }
  if (f.blocks()) {
    add(key::queue_capacity, "queue capacity", *f.waiting_places, false);
  }
  add(key::answer_time, "answer time", r.sim.answer_time, false);
  add(sim_key::seed, "seed", static_cast<double>(r.options.seed), false);
  if (r.options.batches > 0) {
    add(sim_key::batches, "batches", static_cast<double>(r.options.batches), false);
  } else {
    add(sim_key::replications, "replications", static_cast<double>(r.options.replications), false);
  }
  if (stationary) {
    add(sim_key::calls_per_replication, "calls per replication",
        static_cast<double>(r.options.calls), false);
    add(sim_key::warmup_calls, "warm-up calls", static_cast<double>(r.options.warmup_calls), false);
  }
  add(sim_key::simulated_calls, "simulated calls", static_cast<double>(result.simulated_calls),
      false);
  return v;
}

std::string describe_setting(const run_facts& r, bool stationary) {
  const model_facts f = facts(r.model);
  std::string s = fmt::format("handling times {}", family_name(r.sim.service.family));
  if (r.sim.service.family != distribution_family::exponential &&
      r.sim.service.family != distribution_family::deterministic) {
    s += fmt::format(" (cv {:g})", r.sim.service.cv);
  }
  if (f.abandons()) {
    s += fmt::format(", patience {} of mean {}", family_name(r.sim.patience->family),
                     describe_duration(*f.patience));
    if (r.sim.patience->family != distribution_family::exponential &&
        r.sim.patience->family != distribution_family::deterministic) {
      s += fmt::format(" (cv {:g})", r.sim.patience->cv);
    }
  }
  if (f.blocks()) {
    s += fmt::format(", {}", describe_count(*f.waiting_places, "waiting place"));
  }
  if (r.options.batches > 0) {
    s += fmt::format("\nbatch means: one run of {} after a warm-up of {}, in {}",
                     describe_count(static_cast<double>(r.options.calls), "call"),
                     r.options.warmup_calls, describe_count(r.options.batches, "batch"));
  } else if (stationary) {
    s += fmt::format(
        "\n{} of {} after a warm-up of {}", describe_count(r.options.replications, "replication"),
        describe_count(static_cast<double>(r.options.calls), "call"), r.options.warmup_calls);
  } else {
    s += fmt::format("\n{} of the day, each starting empty",
                     describe_count(r.options.replications, "replication"));
  }
  s +=
      fmt::format(", seed {}; ± is the half width of the 95 % confidence interval", r.options.seed);
  return s;
}

void show_progress(int done, int total) {
  constexpr int width = 30;
  const int filled = width * done / total;
  std::fprintf(stderr, "\rsimulating [%s%s] %d/%d replications", std::string(filled, '#').c_str(),
               std::string(width - filled, ' ').c_str(), done, total);
  if (done == total) {
    std::fprintf(stderr, "\r%*s\r", width + 40, "");
  }
  std::fflush(stderr);
}

erlang::simulation_result run(run_facts& r) {
  if (progress_wanted()) {
    r.options.progress = show_progress;
  }
  return erlang::simulate(r.sim, r.options);
}

int agent_count(double agents) {
  if (agents > max_simulated_agents) {
    throw usage_error(fmt::format("{:.0f} agents: erlangc simulates at most {:g} agents", agents,
                                  max_simulated_agents));
  }
  return static_cast<int>(agents);
}

// ---- checks -------------------------------------------------------------------------------
bool targets_given(const staffing_options& s) {
  const target_options& t = s.targets;
  return t.service_level || t.asa || t.max_wait || t.max_occupancy || s.max_abandon ||
         s.max_blocking;
}

/// The model, the simulation settings common to both runs, and the staffing when the
/// agents come from targets.
run_facts common_of(const simulate_options& o, double mean_aht,
                    std::optional<staffing_request>& staffing) {
  const arg<double>& patience = o.staffing.patience;
  if (!patience && (o.patience_dist || o.patience_cv)) {
    throw usage_error(fmt::format("--patience-{} needs --patience: the mean patience",
                                  o.patience_dist ? "dist" : "cv"));
  }
  run_facts r;
  if (o.agents) {
    if (o.staffing.shrinkage || o.staffing.min_agents || o.staffing.max_agents) {
      throw usage_error("--shrinkage, --min-agents and --max-agents go with targets, not --agents");
    }
    r.model =
        choose_model(patience.optional(), queue_capacity_of(o.staffing.queue_capacity, patience));
    r.sim.answer_time = targets_of(o.staffing.targets).answer_time;
  } else {
    if (!targets_given(o.staffing)) {
      throw usage_error(
          "--agents is required, or a target to staff for (--service-level 80/20s, --asa, "
          "--max-wait-probability, ...)");
    }
    staffing = staffing_of(o.staffing);
    r.model = staffing->model;
    r.sim.answer_time = staffing->goal.answer_time;
    r.scheduled_shrinkage = staffing->shrinkage;
  }
  r.sim.service = distribution_of(o.aht_dist, o.aht_cv, mean_aht, "aht");
  if (patience) {
    r.sim.patience = distribution_of(o.patience_dist, o.patience_cv, *patience, "patience");
  }
  if (const auto places = facts(r.model).waiting_places) {
    r.sim.waiting_places = static_cast<std::int64_t>(*places);
  }
  r.options.seed = static_cast<std::uint64_t>(o.seed.value_or(1));
  r.options.replications = static_cast<int>(o.replications.value_or(10));
  r.options.quantiles.clear();
  return r;
}

double staffed_agents(const staffing_request& s, const load_point& p, const std::string& where) {
  const double n = required_agents(s, p);
  if (s.max_agents && n > *s.max_agents) {
    throw infeasible_error(
        fmt::format("{}the targets need {}, more than --max-agents "
                    "{:.0f}",
                    where, describe_count(n, "agent"), *s.max_agents));
  }
  return n;
}

// ---- a stationary queue ---------------------------------------------------------------------
void run_stationary(const simulate_options& o, std::ostream& out) {
  reject_interval_without_calls(o.traffic);
  const double aht = required_aht(o.traffic);
  const double traffic = traffic_of(o.traffic);
  std::optional<staffing_request> staffing;
  run_facts r = common_of(o, aht, staffing);
  const model_facts f = facts(r.model);
  if (!(traffic > 0)) {
    throw usage_error("the offered traffic must be above 0 to simulate");
  }
  const double agents =
      staffing ? staffed_agents(*staffing, {traffic, aht, r.sim.answer_time}, "") : *o.agents;
  if (f.overflows() && traffic >= agents) {
    throw infeasible_error(
        fmt::format("{} cannot serve {}: without abandonment the queue grows without bound",
                    describe_count(agents, "agent"), describe_traffic(traffic)));
  }
  r.sim.arrival_rates = {traffic / aht};
  r.sim.agents = {agent_count(agents)};
  r.options.calls = static_cast<std::uint64_t>(o.run_calls.value_or(100000));
  r.options.warmup_calls = static_cast<std::uint64_t>(o.warmup_calls.value_or(10000));
  if (o.batches) {
    if (o.replications) {
      throw usage_error(
          "--batches and --replications exclude each other: batch means make one "
          "run");
    }
    r.options.batches = static_cast<int>(*o.batches);
    if (!o.run_calls) {
      r.options.calls = r.options.calls * 10;  // the calls of the default replications
    }
    if (r.options.calls < static_cast<std::uint64_t>(*o.batches)) {
      throw usage_error(fmt::format("--batches {}: more batches than --run-calls {}",
                                    o.batches.text, r.options.calls));
    }
  }
  const erlang::simulation_result result = run(r);

  std::vector<field> fields;
  const auto add = [&fields](const output_key& k, std::string_view label, cell value,
                             std::string note = "") {
    fields.push_back({std::string(k.name), std::string(label), std::move(value), k.kind,
                      std::string(k.unit), std::move(note), true});
  };
  add(key::traffic, "offered traffic", traffic);
  add(key::agents, "agents", agents, staffing ? "staffed for the targets" : "");
  if (staffing) {
    add(key::scheduled, "scheduled", scheduled_agents(agents, staffing->shrinkage),
        fmt::format("with {} shrinkage", describe_percent(staffing->shrinkage)));
  }
  add(key::aht, "AHT", aht);
  for (auto& s : setting_fields(r, true, result)) {
    fields.push_back(std::move(s));
  }
  for (const auto& m : measure_specs()) {
    if (!m.shown(f)) {
      continue;
    }
    const erlang::estimate& e = m.get(result.overall, f);
    add(*m.key, m.label, e.value, plus_minus(e, m.key->kind));
    fields.push_back(
        {std::string(m.half_width->name), "", e.half_width, m.half_width->kind, "", "", false});
  }
  const std::string title = fmt::format(
      "Simulation, {}: {}, {}, AHT {}\n{}", describe(r.model, true), describe_traffic(traffic),
      describe_count(agents, "agent"), describe_duration(aht), describe_setting(r, true));
  std::string text;
  write_record(text, o.format, title, fields);
  write_all(out, text);
}

// ---- a day from a forecast ------------------------------------------------------------------
struct day_row {
  std::size_t line;
  std::string start;
  double calls;
  double aht;
  double agents;
};

/// The interval length: --interval, or the gap between the first two start times.
double day_interval(const simulate_options& o, const std::vector<day_row>& rows,
                    const std::string& source) {
  if (o.traffic.interval) {
    return *o.traffic.interval;
  }
  const auto a = rows.size() > 1 ? parse_clock(rows[0].start) : std::nullopt;
  const auto b = rows.size() > 1 ? parse_clock(rows[1].start) : std::nullopt;
  if (a && b && a->has_date == b->has_date) {
    const double gap =
        b->seconds - a->seconds + (!a->has_date && b->seconds < a->seconds ? 86400 : 0);
    if (gap > 0) {
      return gap;
    }
  }
  throw usage_error(fmt::format(
      "--interval is needed: the interval length cannot be inferred from the starts of {}",
      source));
}

void run_day(const simulate_options& o, std::istream& in, const std::string& source,
             std::ostream& out) {
  if (o.traffic.traffic || o.traffic.calls || o.traffic.rate) {
    throw usage_error(
        "--traffic, --calls and --rate do not go with a forecast file (its calls "
        "column is the traffic)");
  }
  if (o.run_calls || o.warmup_calls || o.batches) {
    throw usage_error(
        "--run-calls, --warmup-calls and --batches set a stationary run; a forecast day starts "
        "empty and "
        "lasts its intervals (--replications sets the number of days)");
  }
  forecast_reader reader(in, source, o.forecast);
  if (!reader.has_aht_column() && !o.traffic.aht) {
    throw usage_error(fmt::format(
        "{} has no aht column: give the mean handling time with --aht (e.g. --aht 3m)", source));
  }
  std::vector<day_row> rows;
  forecast_row row;
  double calls = 0;
  double work = 0;
  while (reader.next(row)) {
    if (rows.size() == max_simulated_intervals) {
      reader.fail(row.line, 0,
                  fmt::format("erlangc simulates at most {} intervals", max_simulated_intervals));
    }
    const auto aht = row.aht ? row.aht : o.traffic.aht.optional();
    if (!aht && row.calls > 0) {
      reader.fail(row.line, reader.aht_column(),
                  "the AHT is empty and no default was given (add --aht)");
    }
    rows.push_back({row.line, row.start, row.calls, aht.value_or(std::nan("")), 0});
    if (aht) {
      calls += row.calls;
      work += row.calls * *aht;
    }
  }
  if (rows.empty()) {
    throw usage_error(fmt::format("{}: no intervals after the header", source));
  }
  const double interval = day_interval(o, rows, source);
  start_checker starts(reader, interval);
  for (const day_row& d : rows) {
    starts.check(d.line, d.start);
  }
  const double mean_aht = calls > 0 ? work / calls : o.traffic.aht.value_or(1.0);
  std::optional<staffing_request> staffing;
  run_facts r = common_of(o, mean_aht, staffing);
  r.sim.interval_length = interval;
  r.sim.arrival_rates.clear();
  r.sim.agents.clear();
  for (auto& d : rows) {
    const double aht = std::isnan(d.aht) ? mean_aht : d.aht;
    const double traffic = d.calls * aht / interval;
    check_traffic(traffic, fmt::format("{}: interval '{}'", source, d.start));
    d.agents = staffing ? staffed_agents(*staffing, {traffic, aht, r.sim.answer_time},
                                         fmt::format("interval '{}': ", d.start))
                        : *o.agents;
    r.sim.arrival_rates.push_back(d.calls / interval);
    r.sim.agents.push_back(agent_count(d.agents));
    r.sim.service_scale.push_back(aht / mean_aht);
  }
  const erlang::simulation_result result = run(r);

  const model_facts f = facts(r.model);
  const bool text = o.format == output_format::text;
  std::vector<column> columns{{"start", "start", "", value_kind::text},
                              {"calls", "calls", "", value_kind::calls},
                              {"aht", "AHT", "s", value_kind::seconds},
                              {"agents", "agents", "", value_kind::count}};
  for (const auto& m : measure_specs()) {
    if (m.shown(f)) {
      columns.push_back({std::string(m.key->name), std::string(m.header), std::string(m.key->unit),
                         text ? value_kind::text : m.key->kind});
      if (!text) {
        columns.push_back({std::string(m.half_width->name), "", "", m.half_width->kind});
      }
    }
  }
  const auto cells = [&](const std::string& start, double n, double aht, double agents,
                         const erlang::simulation_measures& sm) {
    std::vector<cell> c{start, n, aht, agents};
    for (const auto& m : measure_specs()) {
      if (m.shown(f)) {
        const erlang::estimate& e = m.get(sm, f);
        if (text) {
          c.emplace_back(
              fmt::format("{} {}", text_number(e.value, m.key->kind), plus_minus(e, m.key->kind)));
        } else {
          c.emplace_back(e.value);
          c.emplace_back(e.half_width);
        }
      }
    }
    return c;
  };
  std::vector<std::vector<cell>> table;
  double peak = 0;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const day_row& d = rows[k];
    table.push_back(cells(d.start, d.calls, d.aht, d.agents, result.intervals[k]));
    peak = std::max(peak, d.agents);
  }
  table.push_back(cells("total", calls, mean_aht, peak, result.overall));
  table_writer writer(o.format, columns);
  for (const auto& t : table) {
    writer.fit(t);
  }
  std::string s;
  if (text) {
    s += fmt::format("Simulated day, {}: {} of {} from {}{}\n{}\n\n", describe(r.model, true),
                     describe_count(static_cast<double>(rows.size()), "interval"),
                     describe_duration(interval), shown(source),
                     staffing ? fmt::format(", agents staffed for {}", describe(staffing->goal))
                              : fmt::format(", {}", describe_count(*o.agents, "agent")),
                     describe_setting(r, false));
  }
  writer.begin(s);
  for (std::size_t k = 0; k + 1 < table.size(); ++k) {
    writer.row(s, table[k]);
  }
  writer.rule(s);
  writer.row(s, table.back());
  writer.end(s);
  write_all(out, s);
}

void execute(const simulate_options& o, std::istream& in, std::ostream& out) {
  if (o.file.empty()) {
    run_stationary(o, out);
    return;
  }
  if (o.file == "-") {
    run_day(o, in, "<stdin>", out);
    return;
  }
  std::ifstream file(o.file, std::ios::binary);
  if (!file) {
    throw usage_error(
        fmt::format("cannot open the forecast '{}': {}", o.file, std::strerror(errno)));
  }
  run_day(o, file, o.file, out);
}

std::vector<const output_key*> all_keys() {
  std::vector<const output_key*> k{&key::start,
                                   &key::calls,
                                   &key::traffic,
                                   &key::agents,
                                   &key::scheduled,
                                   &key::aht,
                                   &sim_key::aht_distribution,
                                   &sim_key::aht_cv,
                                   &key::patience,
                                   &sim_key::patience_distribution,
                                   &sim_key::patience_cv,
                                   &key::queue_capacity,
                                   &key::answer_time,
                                   &sim_key::seed,
                                   &sim_key::replications,
                                   &sim_key::batches,
                                   &sim_key::calls_per_replication,
                                   &sim_key::warmup_calls,
                                   &sim_key::simulated_calls};
  for (const auto& m : measure_specs()) {
    k.push_back(m.key);
    k.push_back(m.half_width);
  }
  return k;
}

}  // namespace

command_runner setup_simulate(CLI::App& app) {
  auto o = std::make_shared<simulate_options>();
  app.add_option("file", o->file,
                 "A forecast CSV (as plan reads it; - reads standard input): simulate the day, "
                 "one rate per interval")
      ->type_name("FILE.csv");
  add_traffic(app, o->traffic);
  add_agents(app, o->agents);
  add_aht(app, o->traffic, "Mean handling time, e.g. 3m (a forecast: for rows without one)");
  add_staffing(app, o->staffing);
  const char* group = "Simulation";
  add_parsed<distribution_family>(app, "--aht-dist", o->aht_dist, parse_family,
                                  "Handling time distribution: exponential (default), "
                                  "deterministic, lognormal (default with --aht-cv) or gamma",
                                  "NAME")
      ->group(group);
  add_parsed<double>(app, "--aht-cv", o->aht_cv, parse_cv,
                     "Handling time coefficient of variation (lognormal, gamma; default 1)", "CV")
      ->group(group);
  add_parsed<distribution_family>(app, "--patience-dist", o->patience_dist, parse_family,
                                  "Patience distribution, as --aht-dist", "NAME")
      ->group(group);
  add_parsed<double>(app, "--patience-cv", o->patience_cv, parse_cv,
                     "Patience coefficient of variation (default 1)", "CV")
      ->group(group);
  add_parsed(app, "--seed", o->seed, whole("the seed", 0), "Seed of the random numbers (default 1)",
             "N")
      ->group(group);
  add_parsed(app, "--replications", o->replications, whole("the number of replications", 2),
             "Independent replications, at least 2 (default 10)", "N")
      ->group(group);
  add_parsed(app, "--run-calls", o->run_calls, whole("the run length", 1),
             "Measured calls per replication of a stationary run (default 100000): the half "
             "widths fall as 1/sqrt(calls)",
             "N")
      ->group(group);
  add_parsed(app, "--warmup-calls", o->warmup_calls, whole("the warm-up", 0),
             "Calls simulated and discarded before measuring (default 10000)", "N")
      ->group(group);
  add_parsed(app, "--batches", o->batches, whole("the number of batches", 2),
             "Batch means instead of replications: one run of --run-calls calls (default "
             "1000000) after the warm-up, cut into N batches",
             "N")
      ->group(group);
  add_forecast_options(app, o->forecast);
  add_format(app, o->format);
  app.footer(keys_help(
      "one object (a forecast: an array of row objects, one per interval, then the totals "
      "row, start \"total\"); each measure comes with its half width",
      all_keys()));
  return [o](std::istream& in, std::ostream& out) { execute(*o, in, out); };
}

}  // namespace erlangc
