// erlangc plan: staffs every interval of a forecast. The input is read one row at a time;
// each row is checked and solved, and its result kept in a spool (memory, then a
// temporary file past a few megabytes) so that nothing is written until every row has
// succeeded, while memory stays flat for any number of rows.
#include "commands.hpp"
#include "commands/charts.hpp"
#include "commands/command.hpp"
#include "errors.hpp"
#include "files.hpp"
#include "forecast_csv.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "schema.hpp"
#include "spool.hpp"
#include "units.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <stdexcept>
#include <type_traits>

namespace erlangc {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// One interval's result.
struct plan_record {
  double calls;
  double aht;
  double traffic;
  double agents;
  double scheduled;
  double agent_hours;
  double scheduled_hours;
  double blocking;
  double wait_probability;
  double service_level;
  double asa;
  double abandon_probability;
  double mean_queue_length;
  double occupancy;
  bool meets;  ///< roster with targets: the interval meets them
};
/// Sums over the intervals for the totals row.
struct plan_totals {
  double intervals = 0;
  double calls = 0;
  double calls_error = 0;  // Neumaier compensation: 0.1 ten times totals 1, not 0.9999999999999999
  double calls_with_aht = 0;
  double calls_times_aht = 0;
  double traffic = 0;
  double agents = 0;
  double scheduled = 0;
  double peak_agents = 0;
  double peak_scheduled = 0;
  double blocked = 0;  // sum of calls x blocking
  double wait = 0;     // sum of calls x P(wait)
  double answered_in_time = 0;
  double asa_weight = 0;  // calls the ASA refers to
  double waiting = 0;     // sum of weight x ASA
  double abandoned = 0;
  double queue = 0;
  double busy = 0;  // sum of agents x occupancy
};

double checked_ratio(double num, double den) { return den > 0 ? num / den : nan; }

/// A row of the plan table: an interval's record and its label.
struct plan_row {
  const plan_record* r;
  std::string_view label;
};

const table_schema<plan_row>& schema() {
  using P = plan_row;
  static const table_schema<P> s{
      "an array of row objects, the last one the totals row (start \"total\")",
      {
          {&key::start, "start", [](const P& p) -> cell { return std::string(p.label); }},
          {&key::calls, "calls", [](const P& p) -> cell { return p.r->calls; }},
          {&key::aht, "AHT", [](const P& p) -> cell { return p.r->aht; }},
          {&key::traffic, "traffic", [](const P& p) -> cell { return p.r->traffic; }},
          {&key::agents, "agents", [](const P& p) -> cell { return p.r->agents; }},
          {&key::scheduled, "scheduled", [](const P& p) -> cell { return p.r->scheduled; }},
          {&key::agent_hours, "agent-hours", [](const P& p) -> cell { return p.r->agent_hours; },
           if_not_text},
          {&key::scheduled_hours, "scheduled hours",
           [](const P& p) -> cell { return p.r->scheduled_hours; }, if_not_text},
          {&key::blocking, "blocked", [](const P& p) -> cell { return p.r->blocking; }, if_blocks},
          {&key::wait_probability, "P(wait)",
           [](const P& p) -> cell { return p.r->wait_probability; }},
          {&key::service_level, "service level",
           [](const P& p) -> cell { return p.r->service_level; }},
          {&key::asa, "ASA", [](const P& p) -> cell { return p.r->asa; }},
          {&key::abandon_probability, "abandoned",
           [](const P& p) -> cell { return p.r->abandon_probability; }, if_abandons},
          {&key::mean_queue_length, "queue",
           [](const P& p) -> cell { return p.r->mean_queue_length; }},
          {&key::occupancy, "occupancy", [](const P& p) -> cell { return p.r->occupancy; }},
          {&key::meets_target, "meets target", [](const P& p) -> cell { return p.r->meets; },
           if_targets},
      }};
  return s;
}

/// What the whole-day pass decided for a row before the planner sees it: its agents (the
/// method's staffing) and its measures (the exact evaluation of the day).
struct row_override {
  std::optional<double> agents;
  std::optional<queue_measures> measures;
};

/// The most intervals a plan keeps in memory: for --method lag, mol or exact, --evaluate,
/// --chart and --report (the others stream).
constexpr std::size_t max_day_intervals = 20000;

/// The plan needs the whole day before it can write a row: a method other than SIPP, the
/// exact evaluation, or a picture of the day.
bool whole_day(const plan_request& r) {
  return r.method != day_method::sipp || r.evaluate || !r.chart.empty() || !r.report.empty();
}

const char* method_name(day_method m) {
  static constexpr const char* names[] = {"sipp", "lag", "mol", "exact"};
  return names[static_cast<int>(m)];
}

/// Staffs (or evaluates) the rows as they arrive and keeps each row of the output, as it
/// will be written, in a spool: nothing is written before every row has succeeded, memory
/// stays flat, and the spool is no larger than the output.
class planner {
 public:
  planner(const plan_request& request, forecast_reader& reader, double interval,
          output_format format)
      : request_(request),
        reader_(reader),
        facts_(facts(request.staffing.model)),
        interval_(interval),
        roster_(reader.has_agents_column() || request.agents.has_value()),
        targets_(any_target(request.staffing.goal)),
        judged_(targets_ && (roster_ || request.evaluate || request.method == day_method::exact)),
        format_(format),
        columns_(schema(), {.text = format == output_format::text,
                            .blocks = facts_.blocks(),
                            .abandons = facts_.abandons(),
                            .targets = judged_}),
        writer_(format, columns_.columns()),
        starts_(reader, interval),
        progress_("plan", "rows", std::nullopt, request.input_bytes) {}

  void add(const forecast_row& row, const row_override& over = {});
  void write(std::ostream& out, bool interval_inferred);
  /// The intraday chart and the report of the rows added (kept when asked for).
  void write_pictures(bool interval_inferred) const;

  [[nodiscard]] double aht_of(const forecast_row& row) const;
  [[nodiscard]] double traffic_of(const forecast_row& row, double aht) const;
  [[nodiscard]] double roster_agents(const forecast_row& row) const;
  [[nodiscard]] bool roster() const noexcept { return roster_; }
  /// Under --evaluate, a note on stderr naming the intervals that miss the targets.
  void note_missed_intervals() const;
  [[nodiscard]] double interval() const noexcept { return interval_; }

 private:
  [[nodiscard]] plan_record staff(const forecast_row& row, double aht,
                                  const row_override& over) const;
  void count(const plan_record& r);
  [[nodiscard]] plan_record total() const;
  void write_heading(std::string& out, bool interval_inferred) const;
  void write_summary(std::string& out, const plan_record& total) const;

  const plan_request& request_;
  forecast_reader& reader_;
  model_facts facts_;
  double interval_ = 0;
  bool roster_ = false;   ///< evaluate the agents given instead of staffing
  bool targets_ = false;  ///< targets given
  bool judged_ = false;   ///< each interval judged against the targets (meets_target)
  output_format format_;
  table_schema<plan_row>::selection columns_;
  table_writer writer_;
  std::size_t missed_ = 0;
  std::string missed_starts_;  ///< the first intervals missing the targets, for the summary
  spool spool_{"plan"};
  plan_totals totals_;
  start_checker starts_;
  static constexpr std::size_t max_missed_listed = 10;
  progress progress_;
  /// Per interval, kept for --chart and --report: the start and the record.
  std::vector<std::pair<std::string, plan_record>> kept_;
};

double planner::aht_of(const forecast_row& row) const {
  if (row.aht) {
    return *row.aht;
  }
  if (request_.aht) {
    return *request_.aht;
  }
  if (row.calls > 0) {
    reader_.fail(row.line, reader_.aht_column(),
                 "the AHT is empty and no default was given (add --aht)");
  }
  return nan;
}

/// The measures of agents that cannot serve the traffic (Erlang C, traffic >= agents): every
/// call waits, without bound.
queue_measures overloaded_measures() {
  constexpr double inf = std::numeric_limits<double>::infinity();
  return {.blocking = 0,
          .wait_probability = 1,
          .abandon_probability = 0,
          .service_level = 0,
          .average_speed_of_answer = inf,
          .mean_wait = inf,
          .mean_queue_length = inf,
          .occupancy = 1};
}

double planner::roster_agents(const forecast_row& row) const {
  if (row.agents) {
    return *row.agents;
  }
  if (request_.agents) {
    return *request_.agents;
  }
  reader_.fail(row.line, reader_.agents_column(),
               "the number of agents is empty and no default was given (add --agents)");
}

double planner::traffic_of(const forecast_row& row, double aht) const {
  const double traffic = row.calls > 0 ? row.calls * aht / interval_ : 0.0;
  if (!(traffic <= max_traffic)) {
    // An AHT cell longer than the interval is the likely fault, else the calls.
    const bool aht_at_fault = row.aht && *row.aht > interval_;
    reader_.fail(row.line, aht_at_fault ? reader_.aht_column() : reader_.calls_column(),
                 fmt::format("{} calls of {} in {} make {:.6g} E, above the {:g} erlangs "
                             "erlangc works with",
                             row.calls, describe_duration(aht), describe_duration(interval_),
                             traffic, max_traffic));
  }
  return traffic;
}

plan_record planner::staff(const forecast_row& row, double aht, const row_override& over) const {
  const staffing_request& s = request_.staffing;
  plan_record r{};
  r.calls = row.calls;
  r.aht = aht;
  r.traffic = traffic_of(row, aht);
  try {
    const load_point load{r.traffic, std::isnan(aht) ? 1.0 : aht, s.goal.answer_time};
    r.agents = over.agents ? *over.agents : roster_ ? roster_agents(row) : required_agents(s, load);
    if (!roster_ && s.max_agents && r.agents > *s.max_agents) {
      throw infeasible_error(
          fmt::format("{}: line {} ({}): the targets need {} for {:.6g} E, more than "
                      "--max-agents {:.0f}",
                      reader_.source(), row.line, shown(row.start),
                      describe_count(r.agents, "agent"), r.traffic, *s.max_agents));
    }
    r.scheduled = scheduled_of(s, r.agents);
    const bool overloaded = facts_.overflows() && r.traffic > 0 && r.traffic >= r.agents;
    const queue_measures q = over.measures ? *over.measures
                             : overloaded  ? overloaded_measures()
                                           : measures_at(s.model, load, r.agents);
    r.meets = targets_ && meets(q, s.goal);
    r.blocking = q.blocking;
    r.wait_probability = q.wait_probability;
    r.service_level = q.service_level;
    r.asa = q.average_speed_of_answer;
    r.abandon_probability = facts_.abandons() ? q.abandon_probability : nan;
    r.mean_queue_length = q.mean_queue_length;
    r.occupancy = q.occupancy;
  } catch (const std::domain_error& e) {
    reader_.fail(row.line, 0, fmt::format("cannot staff this interval: {}", e.what()));
  } catch (const infeasible_error&) {
    throw;
  } catch (const std::exception& e) {
    throw infeasible_error(fmt::format("{}: line {} ({}): cannot staff this interval: {}",
                                       reader_.source(), row.line, row.start, e.what()));
  }
  if (!roster_ && !over.agents && !over.measures &&
      (!std::isfinite(r.asa) || !std::isfinite(r.service_level) || !std::isfinite(r.occupancy))) {
    throw infeasible_error(fmt::format("{}: line {} ({}): no finite result for {:.6g} E",
                                       reader_.source(), row.line, row.start, r.traffic));
  }
  r.agent_hours = r.agents * interval_ / 3600;
  r.scheduled_hours = r.scheduled * interval_ / 3600;
  return r;
}

void planner::count(const plan_record& r) {
  plan_totals& t = totals_;
  t.intervals += 1;
  const double sum = t.calls + r.calls;
  t.calls_error += std::fabs(t.calls) >= std::fabs(r.calls) ? (t.calls - sum) + r.calls
                                                            : (r.calls - sum) + t.calls;
  t.calls = sum;
  if (!std::isnan(r.aht)) {
    t.calls_with_aht += r.calls;
    t.calls_times_aht += r.calls * r.aht;
  }
  t.traffic += r.traffic;
  t.agents += r.agents;
  t.scheduled += r.scheduled;
  t.peak_agents = std::max(t.peak_agents, r.agents);
  t.peak_scheduled = std::max(t.peak_scheduled, r.scheduled);
  t.blocked += r.calls * r.blocking;
  t.wait += r.calls * r.wait_probability;
  t.answered_in_time += r.calls * r.service_level;
  // The calls the ASA refers to: all calls in Erlang C, answered calls otherwise.
  const double answered = r.calls * (1 - (facts_.abandons() ? r.abandon_probability : 0.0) -
                                     (facts_.blocks() ? r.blocking : 0.0));
  t.asa_weight += answered;
  t.waiting += answered * r.asa;
  if (facts_.abandons()) {
    t.abandoned += r.calls * r.abandon_probability;
  }
  t.queue += r.mean_queue_length;
  t.busy += r.agents * r.occupancy;
}

void planner::add(const forecast_row& row, const row_override& over) {
  progress_.step_to(reader_.bytes_read());
  starts_.check(row.line, row.start);
  const plan_record r = staff(row, aht_of(row), over);
  count(r);
  if (!request_.chart.empty() || !request_.report.empty()) {
    kept_.emplace_back(row.start, r);
  }
  if (judged_ && !r.meets) {
    if (++missed_ <= max_missed_listed) {
      missed_starts_ += (missed_ == 1 ? "" : ", ") + escape_controls(row.start);
    }
  }
  writer_.keep(spool_.buffer(), columns_.cells({&r, row.start}));
  spool_.spill_if_full();
}

// The totals row: sums of calls and hours, peaks of agents, the mean traffic, and the
// measures over the whole period (weighted by calls; ASA by the calls it refers to; the
// queue averaged over time; occupancy over all agent time).
plan_record planner::total() const {
  const plan_totals& t = totals_;
  const double hours = interval_ / 3600;
  plan_record total{};
  total.calls = t.calls + t.calls_error;
  total.aht = checked_ratio(t.calls_times_aht, t.calls_with_aht);
  total.traffic = t.traffic / t.intervals;
  total.agents = t.peak_agents;
  total.scheduled = t.peak_scheduled;
  total.agent_hours = t.agents * hours;
  total.scheduled_hours = t.scheduled * hours;
  total.blocking = t.calls > 0 ? t.blocked / t.calls : 0.0;
  total.wait_probability = t.calls > 0 ? t.wait / t.calls : 0.0;
  total.service_level = t.calls > 0 ? t.answered_in_time / t.calls : 1.0;
  total.asa = t.asa_weight > 0 ? t.waiting / t.asa_weight : 0.0;
  total.abandon_probability = t.calls > 0 ? t.abandoned / t.calls : 0.0;
  total.mean_queue_length = t.queue / t.intervals;
  total.occupancy = t.agents > 0 ? t.busy / t.agents : 0.0;
  total.meets = missed_ == 0;
  return total;
}

/// "method exact; measures under the exact evaluation of the day" and the like.
std::string describe_method(const plan_request& r, bool roster) {
  static constexpr const char* names[] = {"SIPP (each interval as if alone and stationary)",
                                          "lag (the traffic of one handling time before)",
                                          "MOL (the modified offered load)",
                                          "exact (the fewest agents under the exact evaluation)"};
  std::string s =
      roster ? std::string() : fmt::format("method {}", names[static_cast<int>(r.method)]);
  if (r.evaluate || r.method == day_method::exact) {
    s += fmt::format(
        "{}measures under the exact evaluation of the day (the queue carried from "
        "interval to interval, from an empty start)",
        s.empty() ? "" : "; ");
  } else if (!roster && r.method != day_method::sipp) {
    s += "; measures of each interval as if stationary (--evaluate: the exact evaluation)";
  }
  return s;
}

void planner::write_heading(std::string& out, bool interval_inferred) const {
  const staffing_request& s = request_.staffing;
  out += fmt::format("{}, {}: {} of {}{}; targets: {}\n",
                     roster_ ? "Roster evaluation" : "Staffing plan", describe(s.model, true),
                     describe_count(totals_.intervals, "interval"), describe_duration(interval_),
                     interval_inferred ? " (from the start times)" : "",
                     targets_ ? describe(s.goal) : std::string("none"));
  if (roster_) {
    out += reader_.has_agents_column()
               ? std::string("agents from the forecast's agents column")
               : fmt::format("{} in every interval", describe_count(*request_.agents, "agent"));
    out += "\n";
  }
  if (const std::string m = describe_method(request_, roster_); !m.empty()) {
    out += m + "\n";
  }
  out += fmt::format("shrinkage {}", describe_percent(s.shrinkage));
  if (request_.aht) {
    out += fmt::format("; AHT {} where the forecast gives none", describe_duration(*request_.aht));
  }
  if (s.min_agents > 0) {
    out += fmt::format("; at least {} per interval", describe_count(s.min_agents, "agent"));
  }
  out += "\n\n";
}

void planner::write_summary(std::string& out, const plan_record& total) const {
  const plan_totals& t = totals_;
  const double hours = interval_ / 3600;
  out += fmt::format(
      "\ntotal: {}, workload {:.2f} erlang-hours; {:.2f} agent-hours, {:.2f} scheduled "
      "hours; peak {} ({:.0f} scheduled)\n",
      describe_count(t.calls + t.calls_error, "call"), t.traffic * hours, t.agents * hours,
      t.scheduled * hours, describe_count(t.peak_agents, "agent"), t.peak_scheduled);
  out += fmt::format(
      "over the period: service level {} %, ASA {} s{}{}, occupancy {} %\n",
      text_number(total.service_level, value_kind::percent),
      text_number(total.asa, value_kind::seconds),
      facts_.abandons() ? fmt::format(", abandoned {} %",
                                      text_number(total.abandon_probability, value_kind::percent))
                        : "",
      facts_.blocks()
          ? fmt::format(", blocked {} %", text_number(total.blocking, value_kind::small_percent))
          : "",
      text_number(total.occupancy, value_kind::percent));
  if (judged_) {
    out += missed_ == 0
               ? std::string("the targets are met in every interval\n")
               : fmt::format("the targets are missed in {:.0f} of {}: {}{}\n",
                             static_cast<double>(missed_), describe_count(t.intervals, "interval"),
                             missed_starts_, missed_ > max_missed_listed ? ", ..." : "");
  }
}

void planner::write(std::ostream& out, bool interval_inferred) {
  const bool text = format_ == output_format::text;
  const plan_record sum = total();
  const std::vector<cell> total_cells = columns_.cells({&sum, "total"});
  if (text) {
    writer_.fit(total_cells);
  }
  std::string buffer;
  const auto drain = [&](bool force) {
    if (force || buffer.size() >= (std::size_t{1} << 20)) {
      write_all(out, buffer);
      buffer.clear();
    }
  };
  if (text) {
    write_heading(buffer, interval_inferred);
  }
  writer_.begin(buffer);
  spool_.for_each([&](std::string_view kept) {
    writer_.write_kept(buffer, kept);
    drain(false);
  });
  writer_.rule(buffer);
  writer_.row(buffer, total_cells);
  writer_.end(buffer);
  if (text) {
    write_summary(buffer, sum);
  }
  drain(true);
}

void planner::note_missed_intervals() const {
  if (request_.evaluate && judged_ && missed_ > 0) {
    warn(
        fmt::format("{}: under the exact evaluation of the day the targets are missed in {:.0f} "
                    "of {}: {}{}",
                    reader_.source(), static_cast<double>(missed_),
                    describe_count(totals_.intervals, "interval"), missed_starts_,
                    missed_ > max_missed_listed ? ", ..." : ""));
  }
}

void planner::write_pictures(bool interval_inferred) const {
  if (request_.chart.empty() && request_.report.empty()) {
    return;
  }
  const staffing_request& s = request_.staffing;
  day_points d;
  d.roster = roster_;
  for (std::size_t i = 0; i < kept_.size(); ++i) {
    const plan_record& r = kept_[i].second;
    d.starts.push_back(kept_[i].first);
    d.agents.push_back(r.agents);
    d.scheduled.push_back(r.scheduled);
    d.service_level.push_back(r.service_level);
    d.asa.push_back(r.asa);
    if (facts_.abandons()) {
      d.abandon.push_back(r.abandon_probability);
    }
    if (judged_ && !r.meets) {
      d.missed.push_back(i);
    }
  }
  const std::string title = fmt::format(
      "{}, {}: {} of {}", roster_ ? "Roster evaluation" : "Staffing plan", describe(s.model, true),
      describe_count(totals_.intervals, "interval"), describe_duration(interval_));
  std::string subtitle = targets_ ? "targets: " + describe(s.goal) : std::string("no targets");
  if (const std::string m = describe_method(request_, roster_); !m.empty()) {
    subtitle += "; " + m;
  }
  const chart c = day_chart(title, subtitle, d, targets_ ? std::optional(s.goal) : std::nullopt);
  if (!request_.chart.empty()) {
    write_chart(c, request_.chart);
  }
  if (request_.report.empty()) {
    return;
  }
  plan_report rep;
  rep.title = fmt::format("{}: {}", title, reader_.source());
  rep.inputs = {
      {"forecast", reader_.source()},
      {"model", describe(s.model, true)},
      {"targets", targets_ ? describe(s.goal) : std::string("none")},
      {"intervals", fmt::format("{} of {}{}", describe_count(totals_.intervals, "interval"),
                                describe_duration(interval_),
                                interval_inferred ? " (from the start times)" : "")},
      {"shrinkage", describe_percent(s.shrinkage)}};
  if (!roster_) {
    rep.inputs.emplace_back("method", method_name(request_.method));
  }
  if (roster_) {
    rep.inputs.emplace_back("agents", reader_.has_agents_column()
                                          ? std::string("the forecast's agents column")
                                          : describe_count(*request_.agents, "agent"));
  }
  if (request_.aht) {
    rep.inputs.emplace_back("AHT where the forecast gives none", describe_duration(*request_.aht));
  }
  const plan_record sum = total();
  const double hours = interval_ / 3600;
  rep.totals = {
      {"calls", text_number(sum.calls, value_kind::calls)},
      {"workload", fmt::format("{:.2f} erlang-hours", totals_.traffic * hours)},
      {"agent-hours", fmt::format("{:.2f}", sum.agent_hours)},
      {"scheduled hours", fmt::format("{:.2f}", sum.scheduled_hours)},
      {"peak agents", fmt::format("{:.0f} ({:.0f} scheduled)", sum.agents, sum.scheduled)},
      {"service level over the day",
       fmt::format("{} %", text_number(sum.service_level, value_kind::percent))},
      {"ASA over the day", fmt::format("{} s", text_number(sum.asa, value_kind::seconds))},
      {"occupancy", fmt::format("{} %", text_number(sum.occupancy, value_kind::percent))}};
  if (judged_) {
    rep.totals.emplace_back(
        "intervals missing the targets",
        fmt::format("{:.0f} of {:.0f}", static_cast<double>(missed_), totals_.intervals));
  }
  rep.intraday = c;
  for (const auto& col : columns_.columns()) {
    rep.headers.push_back(col.header);
    rep.units.push_back(col.unit);
    rep.numeric.push_back(col.kind != value_kind::text);
  }
  const auto texts = [&](const std::vector<cell>& cells) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out.push_back(text_value(cells[i], columns_.columns()[i].kind));
    }
    return out;
  };
  for (const auto& [start, r] : kept_) {
    rep.rows.push_back({texts(columns_.cells({&r, start})), judged_ && !r.meets});
  }
  rep.total_row = texts(columns_.cells({&sum, "total"}));
  rep.notes = {describe_method(request_, roster_).empty()
                   ? std::string("SIPP: each interval staffed as a stationary queue with its own "
                                 "traffic.")
                   : describe_method(request_, roster_) + ".",
               "The service level is the share of all calls answered within the answer time; "
               "the totals weight the intervals by their calls (ASA by the calls it refers to), "
               "average the queue over time and occupancy over agent time.",
               "Scheduled agents are the agents on the phones divided by one minus the "
               "shrinkage, rounded up."};
  if (request_.method != day_method::sipp || request_.evaluate) {
    rep.notes.push_back(fmt::format(
        "The day's model has one handling time, the calls-weighted mean ({}); each interval's "
        "arrival rate is its traffic over that mean, so its workload is kept. A caller is "
        "evaluated with the agents of its arrival interval throughout its wait.",
        describe_duration(sum.aht)));
  }
  if (request_.method == day_method::sipp && !request_.evaluate && !roster_) {
    rep.notes.emplace_back(
        "SIPP ignores the queue one interval leaves to the next: with long handling times or "
        "a steep ramp, check the plan with --evaluate (or staff it with --method exact).");
  }
  write_side_file(request_.report, render_report(rep), "--report");
}

/// The interval length: --interval, or the gap between the first two starts.
double interval_of(const plan_request& request, const forecast_row& first,
                   const std::optional<forecast_row>& second, const std::string& source) {
  if (request.interval) {
    return *request.interval;
  }
  const auto gap = second ? start_gap(first.start, second->start) : std::nullopt;
  if (!gap || *gap <= 0) {
    throw usage_error(
        second ? fmt::format("--interval is needed: the interval length cannot be inferred from "
                             "the starts '{}' and '{}' (lines {} and {})",
                             first.start, second->start, first.line, second->line)
               : fmt::format("--interval is needed: {} has a single interval", source));
  }
  return *gap;
}

struct plan_options {
  std::string file;
  arg<double> aht;
  arg<double> interval;
  staffing_options staffing;
  forecast_options forecast;
  arg<double> agents;
  arg<day_method> method;
  bool evaluate = false;
  std::string chart;
  std::string report;
  output_format format = output_format::text;
};

day_method parse_method(const std::string& s) {
  static constexpr std::pair<const char*, day_method> names[] = {{"sipp", day_method::sipp},
                                                                 {"lag", day_method::lag},
                                                                 {"mol", day_method::mol},
                                                                 {"exact", day_method::exact}};
  for (const auto& [name, m] : names) {
    if (s == name) {
      return m;
    }
  }
  throw usage_error(fmt::format("'{}' is not a method: use sipp, lag, mol or exact", shown(s)));
}

void execute(const plan_options& o, std::istream& in, std::ostream& out) {
  plan_request r{.staffing = staffing_of(o.staffing, false),
                 .aht = o.aht.optional(),
                 .interval = o.interval.optional(),
                 .forecast = o.forecast,
                 .agents = o.agents.optional(),
                 .input_bytes = std::nullopt,
                 .method = o.method.optional().value_or(day_method::sipp),
                 .evaluate = o.evaluate,
                 .chart = o.chart,
                 .report = o.report};
  std::error_code ec;
  const auto status = std::filesystem::status(o.file, ec);
  if (std::filesystem::is_directory(status)) {
    throw usage_error(fmt::format("'{}' is a folder, not a forecast CSV file", shown(o.file)));
  }
  if (std::filesystem::is_regular_file(status)) {
    r.input_bytes = std::filesystem::file_size(o.file, ec);  // for the progress: time left
    if (ec) {
      r.input_bytes.reset();
    }
  }
  if (o.file == "-") {
    run_plan(r, in, "<stdin>", o.format, out);
    return;
  }
  std::ifstream file(o.file, std::ios::binary);
  if (!file) {
    throw usage_error(
        fmt::format("cannot open the forecast '{}': {}", shown(o.file), std::strerror(errno)));
  }
  run_plan(r, file, o.file, o.format, out);
}

constexpr const char* input_help =
    "Input: a header line naming start, calls and optionally aht and agents, then one row per\n"
    "interval. start is a label; as a time (08:30, 8:30 AM, 2024-03-04 08:30, ISO 8601 with an\n"
    "offset; or separate date and time columns) it sets the default --interval and is checked:\n"
    "starts that go backwards, repeat or overlap are errors, a gap a warning (--strict: an\n"
    "error). calls >= 0; aht a duration (an empty cell: --aht). Other names: --columns.\n"
    "A UTF-8 BOM, CRLF, quoted fields and ';' or tab separators are accepted; blank lines are\n"
    "skipped; any other fault stops the plan with its line and column (exit code 2).\n\n";

constexpr const char* totals_help =
    "\nThe totals row weights the measures by calls (ASA by answered calls), averages the "
    "queue\nover time and occupancy over agent time. blocking only with --queue-capacity, "
    "abandon_probability\nonly with --patience.";

/// The most state updates (estimated as below) the exact evaluation of a day may take:
/// measured at 2.8 ns (evaluation) to 7 ns (staffing) an update, so at most about a minute.
/// Beyond it the plan is refused rather than left running.
constexpr double max_day_updates = 1e10;

/// Refuses a day whose exact evaluation or exact staffing would take more than
/// max_day_updates: uniformization takes (rate + agents / h) x interval steps per interval,
/// each over a window of states that grows as the square root of the load; exact staffing
/// evaluates each interval about three times, the first about twenty (its search starts
/// from the stationary estimate). `agents` empty: not known yet (staffing), estimated as
/// E + 3 sqrt(E) + 1.
void check_day_size(const day_input& day, const std::vector<double>& agents, day_method method) {
  double updates = 0;
  for (std::size_t i = 0; i < day.traffic.size(); ++i) {
    const double e = day.traffic[i];
    const double n = agents.empty() ? e + 3 * std::sqrt(e) + 1 : agents[i];
    const double steps = (e + n) / day.mean_aht * day.interval;
    const double evaluations = method != day_method::exact ? 1 : i == 0 ? 20 : 3;
    updates += evaluations * steps * (50 + 40 * std::sqrt(std::max(e, n)));
  }
  if (!(updates <= max_day_updates)) {
    throw usage_error(fmt::format(
        "the exact {} of this day would take about {:.1e} state updates, more than the {:.0e} "
        "(about a minute) erlangc allows: use --method mol or lag without --evaluate, or split "
        "the day",
        method == day_method::exact ? "staffing" : "evaluation", updates, max_day_updates));
  }
}

/// Staffs (or evaluates) the day's rows together: the method's agents for the whole day,
/// the exact evaluation of the day where asked for, then each row through the planner.
void plan_day(planner& p, const plan_request& request, const std::vector<forecast_row>& rows) {
  const staffing_request& s = request.staffing;
  const bool exact_measures = request.evaluate || request.method == day_method::exact;
  if (p.roster() && request.method != day_method::sipp) {
    throw usage_error(fmt::format(
        "--method {} staffs the day; a roster (--agents or an agents column) is evaluated as "
        "given (with --evaluate, exactly)",
        method_name(request.method)));
  }
  std::vector<row_override> over(rows.size());
  if (request.method == day_method::sipp && !exact_measures) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      p.add(rows[i], over[i]);
    }
    return;
  }
  day_input day;
  day.interval = p.interval();
  day.answer_time = s.goal.answer_time;
  double calls = 0;
  double workload = 0;
  std::vector<double> ahts;
  for (const forecast_row& row : rows) {
    const double aht = p.aht_of(row);
    ahts.push_back(aht);
    day.traffic.push_back(p.traffic_of(row, aht));
    if (row.calls > 0) {
      calls += row.calls;
      workload += row.calls * aht;
    }
  }
  // One handling time for the day, the calls-weighted mean; each interval keeps its workload.
  day.mean_aht = calls > 0 ? workload / calls : p.aht_of(rows.front());
  if (!(day.mean_aht > 0)) {
    day.mean_aht = request.aht.value_or(1.0);
  }
  if (request.method == day_method::exact) {
    check_day_size(day, {}, request.method);
  }
  std::vector<double> agents(rows.size());
  try {
    if (p.roster()) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        agents[i] = p.roster_agents(rows[i]);
      }
    } else if (request.method != day_method::sipp) {
      agents = day_agents(s.model, day, request.method, s.goal);
    } else {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const double aht = std::isnan(ahts[i]) ? day.mean_aht : ahts[i];
        agents[i] = required_agents(s, {day.traffic[i], aht, s.goal.answer_time});
      }
    }
    for (double& n : agents) {
      n = std::max(n, s.min_agents);
    }
    if (exact_measures) {
      check_day_size(day, agents, day_method::sipp);
      const std::vector<queue_measures> m = day_exact_measures(s.model, day, agents);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        over[i].measures = m[i];
      }
    }
  } catch (const std::domain_error& e) {
    throw infeasible_error(fmt::format("cannot plan the day by --method {}: {}",
                                       method_name(request.method), e.what()));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!p.roster()) {
      over[i].agents = agents[i];
    }
    p.add(rows[i], over[i]);
  }
  p.note_missed_intervals();
}

}  // namespace

void run_plan(const plan_request& request, std::istream& in, const std::string& source,
              output_format format, std::ostream& out) {
  forecast_reader reader(in, source, request.forecast);
  if (!any_target(request.staffing.goal) && !reader.has_agents_column() && !request.agents) {
    throw_no_target();  // a roster (agents column or --agents) needs none
  }
  if (!reader.has_aht_column() && !request.aht) {
    throw usage_error(fmt::format(
        "{} has no aht column: give the mean handling time with --aht (e.g. --aht 3m)", source));
  }
  forecast_row first;
  if (!reader.next(first)) {
    throw usage_error(fmt::format("{}: no intervals after the header", source));
  }
  std::optional<forecast_row> second(std::in_place);
  if (!reader.next(*second)) {
    second.reset();
  }
  planner p(request, reader, interval_of(request, first, second, source), format);
  if (!whole_day(request)) {
    p.add(first);
    if (second) {
      p.add(*second);
      forecast_row row;
      while (reader.next(row)) {
        p.add(row);
      }
    }
  } else {
    std::vector<forecast_row> rows{first};
    if (second) {
      rows.push_back(*second);
      forecast_row row;
      while (reader.next(row)) {
        if (rows.size() == max_day_intervals) {
          throw usage_error(fmt::format(
              "{}: line {}: a plan with --method lag, mol or exact, --evaluate, --chart or "
              "--report takes at most {} intervals (it keeps the day in memory)",
              source, row.line, max_day_intervals));
        }
        rows.push_back(row);
      }
    }
    plan_day(p, request, rows);
  }
  p.write_pictures(!request.interval.has_value());
  p.write(out, !request.interval.has_value());
}

command_runner setup_plan(CLI::App& app) {
  auto o = std::make_shared<plan_options>();
  app.add_option("file", o->file, "The forecast CSV; - reads standard input")
      ->type_name("FILE.csv")
      ->required();
  add_parsed(app, "--aht", o->aht, positive_duration("AHT"),
             "Mean handling time for rows without one, e.g. 3m", "DURATION");
  add_parsed(app, "--interval", o->interval, interval_duration(),
             "Interval length (default: the gap between the first two start times)", "DURATION");
  add_staffing(app, o->staffing);
  add_parsed(app, "--agents", o->agents, whole("the number of agents", 0),
             "Roster evaluation: the agents on the phones in every interval (or an agents "
             "column in the forecast): reports what they achieve and where the targets are "
             "missed, instead of staffing",
             "N");
  add_parsed<day_method>(
      app, "--method", o->method, parse_method,
      "How the day is staffed: sipp (default; each interval as if alone and stationary), lag "
      "(the traffic one handling time earlier), mol (the modified offered load) or exact (the "
      "fewest agents under the exact evaluation of the day, interval by interval)",
      "NAME");
  app.add_flag("--evaluate", o->evaluate,
               "Report the measures of the exact evaluation of the day (the queue carried from "
               "interval to interval, from an empty start) instead of each interval's "
               "stationary ones; a note on stderr names the intervals that miss the targets");
  add_chart(app, o->chart,
            "Draw the day (agents, measures, missed intervals) in FILE: .svg or .png");
  app.add_option("--report", o->report,
                 "Write an HTML report (inputs, totals, the day's chart, the table, notes) to "
                 "FILE.html, self-contained")
      ->type_name("FILE.html")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            const std::filesystem::path path(text);
            if (path.extension() != ".html" && path.extension() != ".htm") {
              return fmt::format("'{}': the report is HTML: give a FILE.html", shown(text));
            }
            return {};
          },
          ""));
  add_forecast_options(app, o->forecast);
  add_format(app, o->format);
  app.footer(input_help + schema().help() + totals_help);
  return [o](std::istream& in, std::ostream& out) { execute(*o, in, out); };
}

}  // namespace erlangc
