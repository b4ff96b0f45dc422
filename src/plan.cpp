// erlangc plan: staffs every interval of a forecast. The input is read one row at a time;
// each row is checked and solved, and its result kept in a spool (memory, then a
// temporary file past a few megabytes) so that nothing is written until every row has
// succeeded, while memory stays flat for any number of rows.
#include "commands.hpp"
#include "errors.hpp"
#include "forecast_csv.hpp"
#include "units.hpp"

#include <erlang/staffing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
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
  double blocking;
  double wait_probability;
  double service_level;
  double asa;
  double abandon_probability;
  double mean_queue_length;
  double occupancy;
};
static_assert(std::is_trivially_copyable_v<plan_record>);

/// Records and their labels in arrival order: in memory up to spill_bytes, then appended
/// to an anonymous temporary file (falls back to memory if none can be created).
class record_spool {
 public:
  record_spool() = default;
  record_spool(const record_spool&) = delete;
  record_spool& operator=(const record_spool&) = delete;
  ~record_spool() {
    if (file_ != nullptr) {
      std::fclose(file_);
    }
  }

  void add(const plan_record& record, std::string_view label) {
    const auto size = static_cast<std::uint32_t>(label.size());
    buffer_.append(reinterpret_cast<const char*>(&record), sizeof record);
    buffer_.append(reinterpret_cast<const char*>(&size), sizeof size);
    buffer_.append(label);
    if (buffer_.size() >= spill_bytes && !memory_only_) {
      spill();
    }
  }

  /// Calls f(record, label) for every record in order.
  template <class F>
  void for_each(F f) {
    if (file_ != nullptr) {
      spill();
      std::rewind(file_);
      plan_record record{};
      std::uint32_t size = 0;
      std::string label;
      while (std::fread(&record, sizeof record, 1, file_) == 1) {
        if (std::fread(&size, sizeof size, 1, file_) != 1) {
          throw std::runtime_error("the temporary file of the plan is truncated");
        }
        label.resize(size);
        if (size > 0 && std::fread(label.data(), size, 1, file_) != 1) {
          throw std::runtime_error("the temporary file of the plan is truncated");
        }
        f(record, std::string_view(label));
      }
      if (std::ferror(file_) != 0) {
        throw std::runtime_error("cannot read the temporary file of the plan");
      }
      return;
    }
    std::size_t pos = 0;
    while (pos < buffer_.size()) {
      plan_record record{};
      std::uint32_t size = 0;
      std::memcpy(&record, buffer_.data() + pos, sizeof record);
      pos += sizeof record;
      std::memcpy(&size, buffer_.data() + pos, sizeof size);
      pos += sizeof size;
      f(record, std::string_view(buffer_.data() + pos, size));
      pos += size;
    }
  }

 private:
  static constexpr std::size_t spill_bytes = std::size_t{8} << 20;

  void spill() {
    if (file_ == nullptr) {
      file_ = std::tmpfile();
      if (file_ == nullptr) {
        memory_only_ = true;
        return;
      }
    }
    if (!buffer_.empty() && std::fwrite(buffer_.data(), buffer_.size(), 1, file_) != 1) {
      throw std::runtime_error("cannot write the temporary file of the plan (disk full?)");
    }
    buffer_.clear();
  }

  std::string buffer_;
  std::FILE* file_ = nullptr;
  bool memory_only_ = false;
};

/// Sums over the intervals for the totals row.
struct plan_totals {
  double intervals = 0;
  double calls = 0;
  double calls_with_aht = 0;
  double calls_times_aht = 0;
  double traffic = 0;
  double agents = 0;
  double scheduled = 0;
  double peak_agents = 0;
  double peak_scheduled = 0;
  double blocked = 0;  // sum of calls x blocking
  double wait = 0;     // sum of calls x P(wait)
  double served = 0;   // answered calls
  double answered_in_time = 0;
  double asa_weight = 0;  // calls the ASA refers to
  double waiting = 0;     // sum of weight x ASA
  double abandoned = 0;
  double queue = 0;
  double busy = 0;  // sum of agents x occupancy
};

/// Largest value of each numeric field (sizes the text columns), and the longest label.
struct plan_extent {
  plan_record max{};
  std::size_t label = 0;
};

void widen(plan_extent& e, const plan_record& r, std::string_view label) {
  const auto up = [](double& m, double v) {
    if (v > m) {
      m = v;
    }
  };
  up(e.max.calls, r.calls);
  up(e.max.aht, r.aht);
  up(e.max.traffic, r.traffic);
  up(e.max.agents, r.agents);
  up(e.max.scheduled, r.scheduled);
  up(e.max.blocking, r.blocking);
  up(e.max.wait_probability, r.wait_probability);
  up(e.max.service_level, r.service_level);
  up(e.max.asa, r.asa);
  up(e.max.abandon_probability, r.abandon_probability);
  up(e.max.mean_queue_length, r.mean_queue_length);
  up(e.max.occupancy, r.occupancy);
  e.label = std::max(e.label, label.size());
}

double checked_ratio(double num, double den) { return den > 0 ? num / den : nan; }

/// Seconds between two starts, or nothing when they cannot be compared.
std::optional<double> start_gap(const std::optional<clock_time>& a,
                                const std::optional<clock_time>& b) {
  if (!a || !b || a->has_date != b->has_date) {
    return std::nullopt;
  }
  double d = b->seconds - a->seconds;
  if (!a->has_date && d < 0) {
    d += 86400;  // a time of day past midnight: the next day
  }
  return d;
}

class planner {
 public:
  planner(const plan_request& request, forecast_reader& reader, double interval)
      : request_(request),
        reader_(reader),
        erlang_a_(request.staffing.patience.has_value()),
        finite_(request.staffing.queue_capacity.has_value()),
        interval_(interval) {}

  void write(output_format format, std::ostream& out, bool interval_inferred);

  void add(const forecast_row& row);

 private:
  const plan_request& request_;
  forecast_reader& reader_;
  bool erlang_a_;
  bool finite_;  // M/M/c/K(+M): calls can be blocked
  double interval_ = 0;
  record_spool spool_;
  plan_totals totals_;
  plan_extent extent_;
  std::optional<clock_time> previous_start_;
  std::string previous_label_;
};

void planner::add(const forecast_row& row) {
  const auto clock = parse_clock(row.start);
  if (const auto gap = start_gap(previous_start_, clock); gap && *gap < interval_) {
    reader_.fail(row.line, reader_.start_column(),
                 fmt::format("interval '{}' starts {} after '{}', less than the interval length "
                             "{}: intervals overlap (check the order of the rows and --interval)",
                             row.start, describe_duration(*gap), previous_label_,
                             describe_duration(interval_)));
  }
  previous_start_ = clock;
  previous_label_ = row.start;

  double aht = nan;
  if (row.aht) {
    aht = *row.aht;
  } else if (request_.aht) {
    aht = *request_.aht;
  } else if (row.calls > 0) {
    reader_.fail(row.line, reader_.aht_column(),
                 "the AHT is empty and no default was given (add --aht)");
  }
  const staffing_options& s = request_.staffing;
  plan_record r{};
  r.calls = row.calls;
  r.aht = aht;
  r.traffic = row.calls > 0 ? row.calls * aht / interval_ : 0.0;
  if (r.traffic > max_traffic) {
    reader_.fail(row.line, reader_.calls_column(),
                 fmt::format("{} calls of {} in {} make {:.6g} E, above the {:g} erlangs "
                             "erlangc works with",
                             row.calls, describe_duration(aht), describe_duration(interval_),
                             r.traffic, max_traffic));
  }
  try {
    r.agents = required_agents(r.traffic, std::isnan(aht) ? 1.0 : aht, s);
    if (s.max_agents && r.agents > *s.max_agents) {
      throw infeasible_error(
          fmt::format("{}: line {} ({}): the targets need {:.0f} agents for {:.6g} E, more than "
                      "--max-agents {:.0f}",
                      reader_.source(), row.line, row.start, r.agents, r.traffic, *s.max_agents));
    }
    r.scheduled = erlang::scheduled_agents(r.agents, s.shrinkage);
    const queue_measures q = measures_at(r.traffic, r.agents, std::isnan(aht) ? 1.0 : aht, s);
    r.blocking = q.blocking;
    r.wait_probability = q.wait_probability;
    r.service_level = q.service_level;
    r.asa = q.asa;
    r.abandon_probability = erlang_a_ ? q.abandon_probability : nan;
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
  if (!std::isfinite(r.asa) || !std::isfinite(r.service_level) || !std::isfinite(r.occupancy)) {
    throw infeasible_error(fmt::format("{}: line {} ({}): no finite result for {:.6g} E",
                                       reader_.source(), row.line, row.start, r.traffic));
  }

  plan_totals& t = totals_;
  t.intervals += 1;
  t.calls += r.calls;
  if (!std::isnan(aht)) {
    t.calls_with_aht += r.calls;
    t.calls_times_aht += r.calls * aht;
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
  const double answered =
      r.calls * (1 - (erlang_a_ ? r.abandon_probability : 0.0) - (finite_ ? r.blocking : 0.0));
  t.asa_weight += answered;
  t.waiting += answered * r.asa;
  if (erlang_a_) {
    t.abandoned += r.calls * r.abandon_probability;
  }
  t.queue += r.mean_queue_length;
  t.busy += r.agents * r.occupancy;
  widen(extent_, r, row.start);
  spool_.add(r, row.start);
}

void planner::write(output_format format, std::ostream& out, bool interval_inferred) {
  const double hours = interval_ / 3600;
  const plan_totals& t = totals_;
  std::vector<column> columns{
      {"start", "start", "", value_kind::text},
      {"calls", "calls", "", value_kind::calls},
      {"aht", "AHT", "s", value_kind::seconds},
      {"traffic", "traffic", "E", value_kind::erlangs},
      {"agents", "agents", "", value_kind::count},
      {"scheduled", "scheduled", "", value_kind::count},
  };
  const bool text = format == output_format::text;
  if (!text) {
    columns.push_back({"agent_hours", "agent-hours", "h", value_kind::hours});
    columns.push_back({"scheduled_hours", "scheduled hours", "h", value_kind::hours});
  }
  if (finite_) {
    columns.push_back({"blocking", "blocked", "%", value_kind::small_percent});
  }
  columns.push_back({"wait_probability", "P(wait)", "%", value_kind::percent});
  columns.push_back({"service_level", "service level", "%", value_kind::percent});
  columns.push_back({"asa", "ASA", "s", value_kind::seconds});
  if (erlang_a_) {
    columns.push_back({"abandon_probability", "abandoned", "%", value_kind::percent});
  }
  columns.push_back({"mean_queue_length", "queue", "calls", value_kind::number});
  columns.push_back({"occupancy", "occupancy", "%", value_kind::percent});

  const auto cells = [&](const plan_record& r, std::string_view label) {
    std::vector<cell> c{std::string(label), r.calls, r.aht, r.traffic, r.agents, r.scheduled};
    if (!text) {
      c.emplace_back(r.agents * hours);
      c.emplace_back(r.scheduled * hours);
    }
    if (finite_) {
      c.emplace_back(r.blocking);
    }
    c.emplace_back(r.wait_probability);
    c.emplace_back(r.service_level);
    c.emplace_back(r.asa);
    if (erlang_a_) {
      c.emplace_back(r.abandon_probability);
    }
    c.emplace_back(r.mean_queue_length);
    c.emplace_back(r.occupancy);
    return c;
  };

  // The totals row: sums of calls and hours, peaks of agents, the mean traffic, and the
  // measures over the whole period (weighted by calls; ASA by the calls it refers to;
  // the queue averaged over time; occupancy over all agent time).
  plan_record total{};
  total.calls = t.calls;
  total.aht = checked_ratio(t.calls_times_aht, t.calls_with_aht);
  total.traffic = t.traffic / t.intervals;
  total.agents = t.peak_agents;
  total.scheduled = t.peak_scheduled;
  total.blocking = t.calls > 0 ? t.blocked / t.calls : 0.0;
  total.wait_probability = t.calls > 0 ? t.wait / t.calls : 0.0;
  total.service_level = t.calls > 0 ? t.answered_in_time / t.calls : 1.0;
  total.asa = t.asa_weight > 0 ? t.waiting / t.asa_weight : 0.0;
  total.abandon_probability = t.calls > 0 ? t.abandoned / t.calls : 0.0;
  total.mean_queue_length = t.queue / t.intervals;
  total.occupancy = t.agents > 0 ? t.busy / t.agents : 0.0;
  std::vector<cell> total_cells = cells(total, "total");
  if (!text) {
    total_cells[6] = t.agents * hours;
    total_cells[7] = t.scheduled * hours;
  }

  table_writer writer(format, columns);
  if (text) {
    plan_record widest = extent_.max;
    widest.aht = std::isnan(widest.aht) ? 0.0 : widest.aht;
    writer.fit(cells(widest, std::string(extent_.label, 'x')));
    writer.fit(total_cells);
    writer.fit_text(2, "n/a");
  }

  std::string buffer;
  const auto drain = [&](bool force) {
    if (force || buffer.size() >= (std::size_t{1} << 20)) {
      write_all(out, buffer);
      buffer.clear();
    }
  };
  if (text) {
    const staffing_options& s = request_.staffing;
    buffer += fmt::format("Staffing plan, {}: {} intervals of {}{}; targets: {}\n",
                          describe_model(s, true), t.intervals, describe_duration(interval_),
                          interval_inferred ? " (from the start times)" : "",
                          describe_staffing_targets(s));
    buffer += fmt::format("shrinkage {}", describe_percent(s.shrinkage));
    if (request_.aht) {
      buffer +=
          fmt::format("; AHT {} where the forecast gives none", describe_duration(*request_.aht));
    }
    if (s.min_agents > 0) {
      buffer += fmt::format("; at least {:.0f} agents per interval", s.min_agents);
    }
    buffer += "\n\n";
  }
  writer.begin(buffer);
  spool_.for_each([&](const plan_record& r, std::string_view label) {
    writer.row(buffer, cells(r, label));
    drain(false);
  });
  writer.rule(buffer);
  writer.row(buffer, total_cells);
  writer.end(buffer);
  if (text) {
    buffer += fmt::format(
        "\ntotal: {} calls, workload {:.2f} erlang-hours; {:.2f} agent-hours, {:.2f} scheduled "
        "hours; peak {:.0f} agents ({:.0f} scheduled)\n",
        text_number(t.calls, value_kind::calls), t.traffic * hours, t.agents * hours,
        t.scheduled * hours, t.peak_agents, t.peak_scheduled);
    buffer += fmt::format(
        "over the period: service level {} %, ASA {} s{}{}, occupancy {} %\n",
        text_number(total.service_level, value_kind::percent),
        text_number(total.asa, value_kind::seconds),
        erlang_a_ ? fmt::format(", abandoned {} %",
                                text_number(total.abandon_probability, value_kind::percent))
                  : "",
        finite_
            ? fmt::format(", blocked {} %", text_number(total.blocking, value_kind::small_percent))
            : "",
        text_number(total.occupancy, value_kind::percent));
  }
  drain(true);
}

}  // namespace

void run_plan(const plan_request& request, std::istream& in, const std::string& source,
              output_format format, std::ostream& out) {
  forecast_reader reader(in, source);
  if (!reader.has_aht_column() && !request.aht) {
    throw usage_error(fmt::format(
        "{} has no aht column: give the mean handling time with --aht (e.g. --aht 3m)", source));
  }
  forecast_row first;
  if (!reader.next(first)) {
    throw usage_error(fmt::format("{}: no intervals after the header", source));
  }
  forecast_row second;
  const bool have_second = reader.next(second);
  double interval = 0;
  if (request.interval) {
    interval = *request.interval;
  } else {
    const auto gap =
        have_second ? start_gap(parse_clock(first.start), parse_clock(second.start)) : std::nullopt;
    if (!gap || *gap <= 0) {
      throw usage_error(
          have_second
              ? fmt::format("--interval is needed: the interval length cannot be inferred from "
                            "the starts '{}' and '{}' (lines {} and {})",
                            first.start, second.start, first.line, second.line)
              : fmt::format("--interval is needed: {} has a single interval", source));
    }
    interval = *gap;
  }
  planner p(request, reader, interval);
  p.add(first);
  if (have_second) {
    p.add(second);
    forecast_row row;
    while (reader.next(row)) {
      p.add(row);
    }
  }
  p.write(format, out, !request.interval.has_value());
}

}  // namespace erlangc
