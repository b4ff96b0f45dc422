// erlangc simulate: the measures of c, a and plan by discrete-event simulation
// (erlang/simulation.hpp), each with its confidence interval, for handling times and
// patience that need not be exponential. One stationary queue (the traffic options of c),
// or a day from a forecast CSV (as plan reads it), with the agents given or staffed for
// the targets.
#include "commands.hpp"
#include "commands/charts.hpp"
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
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <tuple>
#include <utility>

namespace erlangc {
namespace {

using erlang::distribution_family;

/// The most agents a simulation takes (memory and time grow with them).
constexpr double max_simulated_agents = 1e6;
/// The most intervals of a simulated day.
constexpr std::size_t max_simulated_intervals = 100000;

struct simulate_options {
  std::string file;
  forecast_options forecast;
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
  std::string aht_samples;       ///< a file of observed handling times
  std::string patience_samples;  ///< a file of observed patience times
  arg<double> redial_abandoned;
  arg<double> redial_blocked;
  arg<double> redial_delay;
  arg<std::vector<double>> percentiles;  ///< fractions in (0, 1)
  std::string chart;                     ///< a file for the chart of a simulated day
  output_format format = output_format::text;
  std::vector<double> aht_sample_values;       ///< read from aht_samples
  std::vector<double> patience_sample_values;  ///< read from patience_samples
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
                       distribution_family::lognormal, distribution_family::gamma,
                       distribution_family::empirical}) {
    if (s == family_name(f)) {
      return f;
    }
  }
  throw usage_error(fmt::format(
      "'{}' is not a distribution: use exponential, deterministic, lognormal, gamma or empirical "
      "(with a file of observed times)",
      shown(s)));
}

/// The observed times of a samples file: one time per line (a duration as the options take
/// it: 185, 3:05, 3m), blank lines and a first line that is not a time (a header) skipped.
std::vector<double> read_samples(const std::string& path, const char* option) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw usage_error(
        fmt::format("{} '{}': cannot open it: {}", option, shown(path), std::strerror(errno)));
  }
  std::vector<double> values;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.find_first_not_of(" \t") == std::string::npos) {
      continue;
    }
    try {
      values.push_back(parse_duration(line));
    } catch (const usage_error& e) {
      if (number == 1) {
        continue;  // a header
      }
      throw usage_error(fmt::format("{} {}: line {}: {}", option, shown(path), number, e.what()));
    }
    if (values.size() > 10000000) {
      throw usage_error(fmt::format("{} {}: more than 10^7 times", option, shown(path)));
    }
  }
  if (in.bad()) {
    throw io_error(
        fmt::format("{} {}: cannot read it: {}", option, shown(path), std::strerror(errno)));
  }
  double sum = 0;
  for (const double v : values) {
    sum += v;
  }
  if (values.empty() || !(sum > 0)) {
    throw usage_error(fmt::format("{} {}: no time above 0 in the file", option, shown(path)));
  }
  return values;
}

double parse_cv(const std::string& s) {
  const double v = parse_number(s);
  if (!(v >= 0) || v > 100) {
    throw usage_error(
        fmt::format("'{}': the coefficient of variation must lie in [0, 100]", shown(s)));
  }
  return v;
}

/// Observed times scaled to the mean `mean` (the shape of the observations, the mean of the
/// forecast or the option).
erlang::time_distribution scaled_samples(const std::vector<double>& samples, double mean) {
  double sum = 0;
  for (const double v : samples) {
    sum += v;
  }
  const double factor = mean / (sum / static_cast<double>(samples.size()));
  std::vector<double> values;
  values.reserve(samples.size());
  for (const double v : samples) {
    values.push_back(v * factor);
  }
  return erlang::time_distribution::empirical(std::move(values));
}

/// A time distribution of mean `mean` from --X-dist, --X-cv and the observed times of
/// --X-samples (`what` names them). The family defaults to empirical with samples, else to
/// lognormal when a cv is given, else exponential.
erlang::time_distribution distribution_of(const arg<distribution_family>& family,
                                          const arg<double>& cv, double mean, const char* what,
                                          const std::vector<double>& samples) {
  if (!samples.empty()) {
    if (cv) {
      throw usage_error(fmt::format(
          "--{}-samples gives the distribution: it does not go with --{}-cv", what, what));
    }
    if (family && *family != distribution_family::empirical) {
      throw usage_error(
          fmt::format("--{}-samples gives the distribution: it does not go with --{}-dist {}", what,
                      what, family.text));
    }
    return scaled_samples(samples, mean);
  }
  if (family && *family == distribution_family::empirical) {
    throw usage_error(
        fmt::format("--{}-dist empirical needs --{}-samples FILE: the observed times, one per line",
                    what, what));
  }
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
namespace sim_key {
const output_key service_level_of_answered{
    "service_level_of_answered", "%", value_kind::percent,
    "calls answered within answer_time / answered calls, 0-1 (with --patience or "
    "--queue-capacity)"};
const output_key service_level_excluding_early_abandon{
    "service_level_excluding_early_abandon", "%", value_kind::percent,
    "calls answered within answer_time / (offered calls - those that hung up within "
    "answer_time), 0-1 (with --patience)"};
const output_key mean_wait{"mean_wait", "s", value_kind::seconds,
                           "mean wait of all offered calls, seconds (a call that hangs up: until "
                           "it does; a blocked call: 0) (with --patience or --queue-capacity)"};
const output_key wait_percentile{
    "wait_p<N>", "s", value_kind::seconds,
    "with --percentiles: the N-th percentile of the wait of answered calls, seconds "
    "(wait_p90, wait_p99_9), and wait_p<N>_half_width"};
const output_key response_percentile{
    "response_time_p<N>", "s", value_kind::seconds,
    "with --percentiles: the N-th percentile of the response time (wait + handling) of "
    "answered calls, seconds, and response_time_p<N>_half_width"};
const output_key offered{"offered", "", value_kind::count,
                         "calls offered in the measured part of the run, every replication "
                         "(redials included: each attempt is a call)"};
const output_key answered{"answered", "", value_kind::count,
                          "of them answered (every replication)"};
const output_key abandoned{"abandoned", "", value_kind::count,
                           "of them hung up before an answer (every replication)"};
const output_key blocked{"blocked", "", value_kind::count,
                         "of them blocked: every waiting place taken (every replication)"};
const output_key redials{"redials", "", value_kind::count,
                         "of them redials of blocked or abandoned callers (every replication)"};
const output_key redial_abandoned{
    "redial_abandoned", "%", value_kind::percent,
    "fraction of callers who hang up and call again (--redial-abandoned), 0-1"};
const output_key redial_blocked{
    "redial_blocked", "%", value_kind::percent,
    "fraction of blocked callers who call again (--redial-blocked), 0-1"};
const output_key redial_delay{"redial_delay", "s", value_kind::seconds,
                              "mean time before a redial, seconds (exponential, --redial-delay)"};
}  // namespace sim_key

/// A simulated measure: its key, the key of its half width, labels, where it is in the
/// result and whether the model has it.
struct measure_spec {
  const output_key* key;
  const output_key* half_width;
  std::string_view label;
  std::string_view header;
  const erlang::estimate& (*get)(const erlang::simulation_measures&, const model_facts&);
  bool (*shown)(const model_facts&);
  bool in_day_text = true;  ///< a column of the day's text table (csv and json: always)
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
      {&sim_key::service_level_of_answered, &key::half_width(sim_key::service_level_of_answered),
       "service level of answered", "SL answered",
       [](const M& m, const F&) -> const erlang::estimate& { return m.service_level_of_answered; },
       [](const F& f) { return f.abandons() || f.blocks(); }, false},
      {&sim_key::service_level_excluding_early_abandon,
       &key::half_width(sim_key::service_level_excluding_early_abandon),
       "service level excl. early abandon", "SL excl. early",
       [](const M& m, const F&) -> const erlang::estimate& {
         return m.service_level_excluding_early_abandon;
       },
       [](const F& f) { return f.abandons(); }, false},
      {&sim_key::mean_wait, &key::half_width(sim_key::mean_wait), "mean wait of all calls",
       "mean wait", [](const M& m, const F&) -> const erlang::estimate& { return m.mean_wait; },
       [](const F& f) { return f.abandons() || f.blocks(); }, false},
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
  [[nodiscard]] bool redials() const noexcept {
    return sim.blocked_redial.probability > 0 || sim.abandoned_redial.probability > 0;
  }
};

/// A simulated measure as a run shows it: keys, labels and its estimate.
struct shown_estimate {
  std::string key;
  std::string half_width_key;
  std::string label;
  std::string header;
  std::string unit;
  value_kind kind;
  erlang::estimate e;
  bool in_day_text;
};

/// The measures the model has, then the percentiles asked for, of one set of measures.
std::vector<shown_estimate> estimates_of(const run_facts& r, const erlang::simulation_measures& m) {
  const model_facts f = facts(r.model);
  std::vector<shown_estimate> v;
  for (const auto& spec : measure_specs()) {
    if (spec.shown(f)) {
      v.push_back({std::string(spec.key->name), std::string(spec.half_width->name),
                   std::string(spec.label), std::string(spec.header), std::string(spec.key->unit),
                   spec.key->kind, spec.get(m, f), spec.in_day_text});
    }
  }
  const auto& q = r.options.quantiles;
  for (const auto& [what, label, estimates] :
       {std::tuple{"wait", "wait", &m.wait_quantiles},
        std::tuple{"response_time", "response time", &m.response_time_quantiles}}) {
    for (std::size_t i = 0; i < q.size(); ++i) {
      const std::string p = percentile_key(q[i]);
      const std::string key = fmt::format("{}_{}", what, p);
      v.push_back({key, key + "_half_width", fmt::format("{} {}", label, p),
                   fmt::format("{} {}", label, p), "s", value_kind::seconds, (*estimates)[i],
                   true});
    }
  }
  return v;
}

/// The counts of a set of measures (csv and json): key and value.
std::vector<std::pair<const output_key*, double>> counts_of(const run_facts& r,
                                                            const erlang::simulation_measures& m) {
  const model_facts f = facts(r.model);
  std::vector<std::pair<const output_key*, double>> v{
      {&sim_key::offered, static_cast<double>(m.offered)},
      {&sim_key::answered, static_cast<double>(m.answered)}};
  if (f.abandons()) {
    v.emplace_back(&sim_key::abandoned, static_cast<double>(m.abandoned));
  }
  if (f.blocks()) {
    v.emplace_back(&sim_key::blocked, static_cast<double>(m.blocked));
  }
  if (r.redials()) {
    v.emplace_back(&sim_key::redials, static_cast<double>(m.redials));
  }
  return v;
}

/// The fields that describe the simulation (after those of the load).
std::vector<field> setting_fields(const run_facts& r, bool stationary,
                                  const erlang::simulation_result& result) {
  const model_facts f = facts(r.model);
  std::vector<field> v;
  const auto add = [&v](const output_key& k, cell value) {
    v.push_back(
        {std::string(k.name), "", std::move(value), k.kind, std::string(k.unit), "", data_only});
  };
  add(key::aht_distribution, std::string(family_name(r.sim.service.family)));
  add(key::aht_cv, r.sim.service.cv);
  if (f.abandons()) {
    add(key::patience, *f.patience);
    add(key::patience_distribution, std::string(family_name(r.sim.patience->family)));
    add(key::patience_cv, r.sim.patience->cv);
  }
  if (f.blocks()) {
    add(key::queue_capacity, *f.waiting_places);
  }
  if (r.redials()) {
    add(sim_key::redial_abandoned, r.sim.abandoned_redial.probability);
    add(sim_key::redial_blocked, r.sim.blocked_redial.probability);
    add(sim_key::redial_delay,
        std::max(r.sim.abandoned_redial.mean_delay, r.sim.blocked_redial.mean_delay));
  }
  add(key::answer_time, r.sim.answer_time);
  add(key::seed, static_cast<double>(r.options.seed));
  if (r.options.batches > 0) {
    add(key::batches, static_cast<double>(r.options.batches));
  } else {
    add(key::replications, static_cast<double>(r.options.replications));
  }
  if (stationary) {
    add(key::calls_per_replication, static_cast<double>(r.options.calls));
    add(key::warmup_calls, static_cast<double>(r.options.warmup_calls));
  }
  add(key::simulated_calls, static_cast<double>(result.simulated_calls));
  return v;
}

std::string describe_time_distribution(const erlang::time_distribution& d) {
  std::string s = family_name(d.family);
  if (d.family == distribution_family::lognormal || d.family == distribution_family::gamma) {
    s += fmt::format(" (cv {:g})", d.cv);
  } else if (d.family == distribution_family::empirical) {
    s += fmt::format(" ({} observed {})", d.samples.size(),
                     d.samples.size() == 1 ? "time" : "times");
  }
  return s;
}

std::string describe_setting(const run_facts& r, bool stationary) {
  const model_facts f = facts(r.model);
  std::string s = fmt::format("handling times {}", describe_time_distribution(r.sim.service));
  if (f.abandons()) {
    s += fmt::format(", patience {} of mean {}", describe_time_distribution(*r.sim.patience),
                     describe_duration(*f.patience));
  }
  if (f.blocks()) {
    s += fmt::format(", {}", describe_count(*f.waiting_places, "waiting place"));
  }
  if (r.redials()) {
    s += fmt::format(", redials: {} of abandoned and {} of blocked callers after {} on average",
                     describe_percent(r.sim.abandoned_redial.probability),
                     describe_percent(r.sim.blocked_redial.probability),
                     describe_duration(std::max(r.sim.abandoned_redial.mean_delay,
                                                r.sim.blocked_redial.mean_delay)));
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

/// Simulates, with a bar of the calls simulated on standard error when it is a terminal
/// (a day's total is the expected number of calls).
erlang::simulation_result run(run_facts& r) {
  progress_bar bar("simulating", "calls", std::isfinite(r.sim.interval_length));
  if (progress_wanted()) {
    r.options.progress = [&bar](std::uint64_t done, std::uint64_t total) {
      bar.update(done, total);
    };
  }
  auto result = erlang::simulate(r.sim, r.options);
  r.options.progress = nullptr;
  return result;
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

/// Redials from --redial-abandoned, --redial-blocked and --redial-delay.
void set_redials(const simulate_options& o, const model_facts& f, erlang::simulation_model& m) {
  if (!o.redial_abandoned && !o.redial_blocked) {
    if (o.redial_delay) {
      throw usage_error("--redial-delay goes with --redial-abandoned or --redial-blocked");
    }
    return;
  }
  if (o.redial_abandoned && !f.abandons()) {
    throw usage_error("--redial-abandoned needs --patience: without it nobody hangs up");
  }
  if (o.redial_blocked && !f.blocks()) {
    throw usage_error(
        "--redial-blocked needs --queue-capacity: without a limit on the queue nobody is "
        "blocked");
  }
  if (!o.redial_delay) {
    throw usage_error(
        "--redial-abandoned and --redial-blocked need --redial-delay: the mean time before a "
        "caller tries again (e.g. 10m)");
  }
  m.abandoned_redial = {o.redial_abandoned.value_or(0), *o.redial_delay};
  m.blocked_redial = {o.redial_blocked.value_or(0), *o.redial_delay};
}

/// The model, the simulation settings common to both runs, and the staffing when the
/// agents come from targets (`roster`: the agents are given, by --agents or a column).
run_facts common_of(const simulate_options& o, double mean_aht, bool roster,
                    std::optional<staffing_request>& staffing) {
  const arg<double>& patience = o.staffing.patience;
  if (!patience && (o.patience_dist || o.patience_cv || !o.patience_samples.empty())) {
    throw usage_error(fmt::format("--patience-{} needs --patience: the mean patience",
                                  o.patience_dist ? "dist" : (o.patience_cv ? "cv" : "samples")));
  }
  run_facts r;
  if (roster) {
    if (o.staffing.shrinkage || o.staffing.min_agents || o.staffing.max_agents) {
      throw usage_error(
          "--shrinkage, --min-agents and --max-agents go with targets, not with agents given");
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
  r.sim.service = distribution_of(o.aht_dist, o.aht_cv, mean_aht, "aht", o.aht_sample_values);
  if (patience) {
    r.sim.patience = distribution_of(o.patience_dist, o.patience_cv, *patience, "patience",
                                     o.patience_sample_values);
  }
  const model_facts f = facts(r.model);
  if (const auto places = f.waiting_places) {
    r.sim.waiting_places = static_cast<std::int64_t>(*places);
  }
  set_redials(o, f, r.sim);
  r.options.seed = static_cast<std::uint64_t>(o.seed.value_or(1));
  r.options.replications = static_cast<int>(o.replications.value_or(10));
  r.options.quantiles = o.percentiles.value_or({});
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
/// The run length: --run-calls, --warmup-calls and --batches.
void set_run_length(const simulate_options& o, erlang::simulation_options& options) {
  options.calls = static_cast<std::uint64_t>(o.run_calls.value_or(100000));
  options.warmup_calls = static_cast<std::uint64_t>(o.warmup_calls.value_or(10000));
  if (!o.batches) {
    return;
  }
  if (o.replications) {
    throw usage_error("--batches and --replications exclude each other: batch means make one run");
  }
  options.batches = static_cast<int>(*o.batches);
  if (!o.run_calls) {
    options.calls = options.calls * 10;  // the calls of the default replications
  }
  if (options.calls < static_cast<std::uint64_t>(*o.batches)) {
    throw usage_error(fmt::format("--batches {}: more batches than --run-calls {}", o.batches.text,
                                  options.calls));
  }
}

/// The measures of a stationary run: each with its interval, then the counts.
void add_measure_fields(const run_facts& r, const erlang::simulation_measures& m,
                        std::vector<field>& fields) {
  for (const auto& e : estimates_of(r, m)) {
    fields.push_back({e.key, e.label, e.e.value, e.kind, e.unit, plus_minus(e.e, e.kind), true});
    fields.push_back({e.half_width_key, "", e.e.half_width, e.kind, "", "", data_only});
  }
  for (const auto& [k, n] : counts_of(r, m)) {
    fields.push_back({std::string(k->name), "", n, k->kind, "", "", data_only});
  }
}

void run_stationary(const simulate_options& o, std::ostream& out) {
  reject_interval_without_calls(o.traffic);
  const double aht = required_aht(o.traffic);
  const double traffic = traffic_of(o.traffic);
  std::optional<staffing_request> staffing;
  run_facts r = common_of(o, aht, o.agents.optional().has_value(), staffing);
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
  set_run_length(o, r.options);
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
  add_measure_fields(r, result.overall, fields);
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
  double aht;     ///< NaN: the mean AHT
  double agents;  ///< NaN: not given (staffed, or --agents)
};

/// The rows of a forecast, with their totals.
struct day_forecast {
  std::vector<day_row> rows;
  double calls = 0;
  double work = 0;  ///< calls x AHT, over the rows with an AHT
  bool roster = false;
};

/// Reads the forecast: starts, calls, AHT and the agents of a roster column.
day_forecast read_day(const simulate_options& o, forecast_reader& reader) {
  day_forecast d;
  d.roster = reader.has_agents_column() || o.agents;
  forecast_row row;
  while (reader.next(row)) {
    if (d.rows.size() == max_simulated_intervals) {
      reader.fail(row.line, 0,
                  fmt::format("erlangc simulates at most {} intervals", max_simulated_intervals));
    }
    const auto aht = row.aht ? row.aht : o.traffic.aht.optional();
    if (!aht && row.calls > 0) {
      reader.fail(row.line, reader.aht_column(),
                  "the AHT is empty and no default was given (add --aht)");
    }
    std::optional<double> agents = row.agents ? row.agents : o.agents.optional();
    if (d.roster && !agents) {
      reader.fail(row.line, reader.agents_column(),
                  "the number of agents is empty and no default was given (add --agents)");
    }
    d.rows.push_back({row.line, row.start, row.calls, aht.value_or(std::nan("")),
                      agents.value_or(std::nan(""))});
    if (aht) {
      d.calls += row.calls;
      d.work += row.calls * *aht;
    }
  }
  if (d.rows.empty()) {
    throw usage_error(fmt::format("{}: no intervals after the header", reader.source()));
  }
  return d;
}

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

/// The rates, agents and handling-time scales of the day; staffs the rows without agents.
void set_day(const std::optional<staffing_request>& staffing, const std::string& source,
             double interval, double mean_aht, std::vector<day_row>& rows, run_facts& r) {
  r.sim.interval_length = interval;
  r.sim.arrival_rates.clear();
  r.sim.agents.clear();
  for (auto& d : rows) {
    const double aht = std::isnan(d.aht) ? mean_aht : d.aht;
    const double traffic = d.calls * aht / interval;
    check_traffic(traffic, fmt::format("{}: interval '{}'", source, d.start));
    if (staffing) {
      d.agents = staffed_agents(*staffing, {traffic, aht, r.sim.answer_time},
                                fmt::format("interval '{}': ", d.start));
    }
    r.sim.arrival_rates.push_back(d.calls / interval);
    r.sim.agents.push_back(agent_count(d.agents));
    r.sim.service_scale.push_back(aht / mean_aht);
  }
}

/// The day's table: one row per interval, then the totals.
std::string day_table(const simulate_options& o, const run_facts& r, const day_forecast& d,
                      double mean_aht, const erlang::simulation_result& result) {
  const bool text = o.format == output_format::text;
  std::vector<column> columns{{"start", "start", "", value_kind::text},
                              {"calls", "calls", "", value_kind::calls},
                              {"aht", "AHT", "s", value_kind::seconds},
                              {"agents", "agents", "", value_kind::count}};
  for (const auto& e : estimates_of(r, result.overall)) {
    if (text && e.in_day_text) {
      columns.push_back({e.key, e.header, e.unit, value_kind::text});
    } else if (!text) {
      columns.push_back({e.key, "", "", e.kind});
      columns.push_back({e.half_width_key, "", "", e.kind});
    }
  }
  if (!text) {
    for (const auto& [k, n] : counts_of(r, result.overall)) {
      columns.push_back({std::string(k->name), "", "", k->kind});
    }
  }
  const auto cells = [&](const std::string& start, double n, double aht, double agents,
                         const erlang::simulation_measures& sm) {
    std::vector<cell> c{start, n, aht, agents};
    for (const auto& e : estimates_of(r, sm)) {
      if (text && e.in_day_text) {
        c.emplace_back(
            fmt::format("{} {}", text_number(e.e.value, e.kind), plus_minus(e.e, e.kind)));
      } else if (!text) {
        c.emplace_back(e.e.value);
        c.emplace_back(e.e.half_width);
      }
    }
    if (!text) {
      for (const auto& [k, count] : counts_of(r, sm)) {
        c.emplace_back(count);
      }
    }
    return c;
  };
  std::vector<std::vector<cell>> table;
  double peak = 0;
  for (std::size_t k = 0; k < d.rows.size(); ++k) {
    const day_row& row = d.rows[k];
    table.push_back(cells(row.start, row.calls, row.aht, row.agents, result.intervals[k]));
    peak = std::max(peak, row.agents);
  }
  table.push_back(cells("total", d.calls, mean_aht, peak, result.overall));
  table_writer writer(o.format, columns);
  for (const auto& t : table) {
    writer.fit(t);
  }
  std::string s;
  writer.begin(s);
  for (std::size_t k = 0; k + 1 < table.size(); ++k) {
    writer.row(s, table[k]);
  }
  writer.rule(s);
  writer.row(s, table.back());
  writer.end(s);
  return s;
}

/// The simulated day as the plan's chart shows a day: the agents, the service level,
/// abandonment and ASA per interval (the estimates; the confidence half widths are in the
/// table), the targets as lines.
chart simulated_day_chart(const run_facts& r, const day_forecast& d,
                          const std::optional<staffing_request>& staffing,
                          const erlang::simulation_result& result, const std::string& title) {
  const model_facts f = facts(r.model);
  day_points p;
  p.roster = !staffing.has_value();
  for (std::size_t i = 0; i < d.rows.size(); ++i) {
    const double agents = r.sim.agents[i];
    const erlang::simulation_measures& m = result.intervals[i];
    p.starts.push_back(d.rows[i].start);
    p.agents.push_back(agents);
    p.scheduled.push_back(staffing ? scheduled_of(*staffing, agents) : agents);
    p.service_level.push_back(m.service_level.value);
    p.asa.push_back(m.average_speed_of_answer.value);
    if (f.abandons()) {
      p.abandon.push_back(m.abandon_probability.value);
    }
  }
  std::string setting = describe_setting(r, false);
  for (auto at = setting.find('\n'); at != std::string::npos; at = setting.find('\n', at)) {
    setting.replace(at, 1, "; ");
  }
  const std::string plus_minus = "; \u00b1 is the half width";
  if (const auto at = setting.find(plus_minus); at != std::string::npos) {
    setting = setting.substr(0, at) + "; the estimates (their 95 % half widths in the table)";
  }
  return day_chart(title, setting, p, staffing ? std::optional(staffing->goal) : std::nullopt);
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
        "empty and lasts its intervals (--replications sets the number of days)");
  }
  forecast_reader reader(in, source, o.forecast);
  if (!reader.has_aht_column() && !o.traffic.aht) {
    throw usage_error(fmt::format(
        "{} has no aht column: give the mean handling time with --aht (e.g. --aht 3m)", source));
  }
  day_forecast d = read_day(o, reader);
  const double interval = day_interval(o, d.rows, source);
  start_checker starts(reader, interval);
  for (const day_row& row : d.rows) {
    starts.check(row.line, row.start);
  }
  const double mean_aht = d.calls > 0 ? d.work / d.calls : o.traffic.aht.value_or(1.0);
  std::optional<staffing_request> staffing;
  run_facts r = common_of(o, mean_aht, d.roster, staffing);
  set_day(staffing, source, interval, mean_aht, d.rows, r);
  const erlang::simulation_result result = run(r);

  std::string s;
  if (o.format == output_format::text) {
    const std::string agents =
        staffing ? fmt::format(", agents staffed for {}", describe(staffing->goal))
        : reader.has_agents_column() ? std::string(", agents from the forecast's agents column")
                                     : fmt::format(", {}", describe_count(*o.agents, "agent"));
    s +=
        fmt::format("Simulated day, {}: {} of {} from {}{}\n{}\n\n", describe(r.model, true),
                    describe_count(static_cast<double>(d.rows.size()), "interval"),
                    describe_duration(interval), shown(source), agents, describe_setting(r, false));
  }
  if (!o.chart.empty()) {
    write_chart(simulated_day_chart(
                    r, d, staffing, result,
                    fmt::format("Simulated day, {}: {} of {}", describe(r.model, true),
                                describe_count(static_cast<double>(d.rows.size()), "interval"),
                                describe_duration(interval))),
                o.chart);
  }
  s += day_table(o, r, d, mean_aht, result);
  write_all(out, s);
}

/// The options with the observed times of the samples files read, and --aht and --patience
/// from their means when not given.
simulate_options with_samples(simulate_options o) {
  const auto mean_of = [](const std::vector<double>& v) {
    double sum = 0;
    for (const double x : v) {
      sum += x;
    }
    return sum / static_cast<double>(v.size());
  };
  if (!o.aht_samples.empty()) {
    o.aht_sample_values = read_samples(o.aht_samples, "--aht-samples");
    if (!o.traffic.aht) {
      o.traffic.aht.value = mean_of(o.aht_sample_values);
      o.traffic.aht.text = "the mean of --aht-samples";
    }
  }
  if (!o.patience_samples.empty()) {
    o.patience_sample_values = read_samples(o.patience_samples, "--patience-samples");
    if (!o.staffing.patience) {
      o.staffing.patience.value = mean_of(o.patience_sample_values);
      o.staffing.patience.text = "the mean of --patience-samples";
    }
  }
  return o;
}

void execute(const simulate_options& given, std::istream& in, std::ostream& out) {
  const simulate_options o = with_samples(given);
  if (o.file.empty()) {
    if (!o.chart.empty()) {
      throw usage_error("--chart draws a simulated day: give a forecast file");
    }
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
                                   &key::aht_distribution,
                                   &key::aht_cv,
                                   &key::patience,
                                   &key::patience_distribution,
                                   &key::patience_cv,
                                   &key::queue_capacity,
                                   &sim_key::redial_abandoned,
                                   &sim_key::redial_blocked,
                                   &sim_key::redial_delay,
                                   &key::answer_time,
                                   &key::seed,
                                   &key::replications,
                                   &key::batches,
                                   &key::calls_per_replication,
                                   &key::warmup_calls,
                                   &key::simulated_calls};
  for (const auto& m : measure_specs()) {
    k.push_back(m.key);
    k.push_back(m.half_width);
  }
  for (const auto* c :
       {&sim_key::wait_percentile, &sim_key::response_percentile, &sim_key::offered,
        &sim_key::answered, &sim_key::abandoned, &sim_key::blocked, &sim_key::redials}) {
    k.push_back(c);
  }
  return k;
}

}  // namespace

command_runner setup_simulate(CLI::App& app) {
  auto o = std::make_shared<simulate_options>();
  app.add_option("file", o->file,
                 "A forecast CSV (as plan reads it; - reads standard input): simulate the day, "
                 "one rate per interval (an agents column: the agents of each interval)")
      ->type_name("FILE.csv");
  add_forecast_options(app, o->forecast);
  add_traffic(app, o->traffic);
  add_agents(app, o->agents);
  add_aht(app, o->traffic,
          "Mean handling time, e.g. 3m (a forecast: for rows without one; with --aht-samples: "
          "their mean when not given)");
  add_staffing(app, o->staffing);
  const char* group = "Simulation";
  add_parsed<distribution_family>(app, "--aht-dist", o->aht_dist, parse_family,
                                  "Handling time distribution: exponential (default), "
                                  "deterministic, lognormal (default with --aht-cv), gamma or "
                                  "empirical (with --aht-samples)",
                                  "NAME")
      ->group(group);
  add_parsed<double>(app, "--aht-cv", o->aht_cv, parse_cv,
                     "Handling time coefficient of variation (lognormal, gamma; default 1)", "CV")
      ->group(group);
  app.add_option("--aht-samples", o->aht_samples,
                 "A file of observed handling times, one per line (185, 3:05, 3m; a header line "
                 "is skipped): each call draws one, scaled to the mean AHT")
      ->type_name("FILE")
      ->group(group);
  add_parsed<distribution_family>(app, "--patience-dist", o->patience_dist, parse_family,
                                  "Patience distribution, as --aht-dist", "NAME")
      ->group(group);
  add_parsed<double>(app, "--patience-cv", o->patience_cv, parse_cv,
                     "Patience coefficient of variation (default 1)", "CV")
      ->group(group);
  app.add_option("--patience-samples", o->patience_samples,
                 "A file of observed patience times, as --aht-samples (scaled to --patience, or "
                 "their mean is the patience)")
      ->type_name("FILE")
      ->group(group);
  add_parsed(app, "--redial-abandoned", o->redial_abandoned,
             ratio("the redial probability", bound::closed, bound::closed),
             "Fraction of callers who hang up and call again (with --patience), e.g. 30%", "RATIO")
      ->group(group);
  add_parsed(app, "--redial-blocked", o->redial_blocked,
             ratio("the redial probability", bound::closed, bound::closed),
             "Fraction of blocked callers who call again (with --queue-capacity)", "RATIO")
      ->group(group);
  add_parsed(app, "--redial-delay", o->redial_delay, positive_duration("the redial delay"),
             "Mean time before a redial (exponential), e.g. 10m", "TIME")
      ->group(group);
  add_parsed<std::vector<double>>(
      app, "--percentiles", o->percentiles, parse_percentile_list,
      "Percentiles of the wait and of the response time (wait + handling) of answered calls, "
      "e.g. 50,90,99",
      "LIST")
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
  add_chart(app, o->chart,
            "With a forecast: draw the simulated day (agents, service level, abandonment, "
            "ASA) in FILE: .svg or .png");
  add_format(app, o->format);
  app.footer(keys_help(
      "one object (a forecast: an array of row objects, one per interval, then the totals "
      "row, start \"total\"); each measure comes with its half width",
      all_keys()));
  return [o](std::istream& in, std::ostream& out) { execute(*o, in, out); };
}

}  // namespace erlangc
