#include "commands.hpp"

#include "errors.hpp"
#include "units.hpp"

#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/extended_erlang_b.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/offered_load.hpp>
#include <erlang/staffing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace erlangc {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double max_curve_rows = 10000;

}  // namespace

std::string describe_targets(const erlang::staffing_targets<double>& t) {
  std::vector<std::string> parts;
  if (t.service_level) {
    parts.push_back(fmt::format("service level {} within {}", describe_percent(*t.service_level),
                                describe_duration(t.answer_time)));
  }
  if (t.max_asa) {
    parts.push_back(fmt::format("ASA <= {}", describe_duration(*t.max_asa)));
  }
  if (t.max_wait_probability) {
    parts.push_back(fmt::format("P(wait) <= {}", describe_percent(*t.max_wait_probability)));
  }
  if (t.max_occupancy) {
    parts.push_back(fmt::format("occupancy <= {}", describe_percent(*t.max_occupancy)));
  }
  if (t.max_abandon) {
    parts.push_back(fmt::format("abandonment <= {}", describe_percent(*t.max_abandon)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

namespace {

std::string describe_count(double n) { return fmt::format("{:.0f}", n); }

std::string describe_traffic(double e) { return fmt::format("{:.6g} E", e); }

std::string describe_places(double n) {
  return fmt::format("{:.0f} waiting place{}", n, n == 1 ? "" : "s");
}

/// The measure fields shared by c, a and staff. With a finite queue, blocking comes first
/// and the ASA is the mean wait of answered calls.
void add_measures(std::vector<field>& fields, const queue_measures& q, double answer_time,
                  bool erlang_a, bool finite_queue) {
  if (finite_queue) {
    fields.push_back({"blocking", "blocking", q.blocking, value_kind::small_percent, "%",
                      "find the queue full: lost"});
  }
  fields.push_back(
      {"wait_probability", "wait probability", q.wait_probability, value_kind::percent, "%", ""});
  if (erlang_a) {
    fields.push_back({"abandon_probability", "abandonment", q.abandon_probability,
                      value_kind::percent, "%", "of all calls"});
  }
  fields.push_back({"service_level", "service level", q.service_level, value_kind::percent, "%",
                    fmt::format("answered within {}", describe_duration(answer_time))});
  fields.push_back(
      {"asa", "ASA", q.asa, value_kind::seconds, "s",
       erlang_a || finite_queue ? "mean wait of answered calls" : "mean wait of all calls"});
  fields.push_back({"mean_queue_length", "mean queue length", q.mean_queue_length,
                    value_kind::number, "calls", ""});
  fields.push_back({"occupancy", "occupancy", q.occupancy, value_kind::percent, "%", ""});
}

}  // namespace

void check_traffic(double traffic, const std::string& what) {
  if (traffic > max_traffic) {
    throw usage_error(
        fmt::format("{}: the offered traffic, {:.6g} E, is above the {:g} erlangs "
                    "erlangc works with",
                    what, traffic, max_traffic));
  }
}

void write_all(std::ostream& out, const std::string& text) {
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) {
    throw std::runtime_error("cannot write the output");
  }
}

queue_measures erlang_c_measures(double traffic, double agents, double aht, double answer_time) {
  queue_measures q;
  q.abandon_probability = nan;
  if (traffic == 0) {
    return q;
  }
  q.wait_probability = erlang::erlang_c(traffic, agents);
  q.service_level = erlang::service_level(traffic, agents, aht, answer_time);
  q.asa = erlang::average_speed_of_answer(traffic, agents, aht);
  q.mean_queue_length = erlang::mean_queue_length(traffic, agents);
  q.occupancy = erlang::occupancy(traffic, agents);
  return q;
}

queue_measures erlang_a_measures(double traffic, double agents, double aht, double patience,
                                 double answer_time) {
  queue_measures q;
  if (traffic == 0) {
    return q;
  }
  const auto r = erlang::erlang_a(traffic, agents, aht, patience, answer_time);
  q.wait_probability = r.wait_probability;
  q.service_level = r.service_level;
  q.asa = r.average_speed_of_answer;
  q.mean_queue_length = r.mean_queue_length;
  q.occupancy = r.occupancy;
  q.abandon_probability = r.abandon_probability;
  return q;
}

queue_measures finite_queue_measures_at(double traffic, double agents, double waiting_places,
                                        double aht, std::optional<double> patience,
                                        double answer_time) {
  const double capacity = agents + waiting_places;
  const auto m = patience ? erlang::finite_queue_abandonment(traffic, agents, capacity, aht,
                                                             *patience, answer_time)
                          : erlang::finite_queue(traffic, agents, capacity, aht, answer_time);
  queue_measures q;
  q.blocking = m.blocking;
  q.wait_probability = m.wait_probability;
  q.service_level = m.service_level;
  q.asa = m.average_speed_of_answer;
  q.mean_queue_length = m.mean_queue_length;
  q.occupancy = m.occupancy;
  q.abandon_probability = patience ? m.abandon_probability : nan;
  return q;
}

bool meets_targets(const queue_measures& q, const erlang::staffing_targets<double>& t,
                   std::optional<double> max_blocking) {
  return (!max_blocking || q.blocking <= *max_blocking) &&
         (!t.service_level || q.service_level >= *t.service_level) &&
         (!t.max_asa || q.asa <= *t.max_asa) &&
         (!t.max_wait_probability || q.wait_probability + q.blocking <= *t.max_wait_probability) &&
         (!t.max_occupancy || q.occupancy <= *t.max_occupancy) &&
         (!t.max_abandon || q.abandon_probability <= *t.max_abandon);
}

double required_agents(double traffic, double aht, const staffing_options& options) {
  double n = 0;
  if (traffic > 0) {
    const auto& t = options.targets;
    if (options.queue_capacity) {
      const double places = *options.queue_capacity;
      auto tb = t;
      tb.max_blocking = options.max_blocking;
      n = options.patience ? erlang::finite_queue_abandonment_agents_for_targets(
                                 traffic, aht, *options.patience, places, tb)
                           : erlang::finite_queue_agents_for_targets(traffic, aht, places, tb);
    } else {
      n = options.patience ? erlang::erlang_a_agents_for_targets(traffic, aht, *options.patience, t)
                           : erlang::agents_for_targets(traffic, aht, t);
    }
  }
  return std::max(n, options.min_agents);
}

queue_measures measures_at(double traffic, double agents, double aht,
                           const staffing_options& options) {
  const double t = options.targets.answer_time;
  if (options.queue_capacity) {
    if (agents < 1) {  // no traffic, no agents: nothing waits, nothing is lost
      queue_measures q;
      q.abandon_probability = options.patience ? 0.0 : nan;
      return q;
    }
    return finite_queue_measures_at(traffic, agents, *options.queue_capacity, aht, options.patience,
                                    t);
  }
  return options.patience ? erlang_a_measures(traffic, agents, aht, *options.patience, t)
                          : erlang_c_measures(traffic, agents, aht, t);
}

std::string model_key(const staffing_options& options) {
  if (options.queue_capacity) {
    return options.patience ? "finite_queue_abandonment" : "finite_queue";
  }
  return options.patience ? "erlang_a" : "erlang_c";
}

std::string describe_model(const staffing_options& options, bool with_patience) {
  const std::string patience =
      with_patience && options.patience
          ? fmt::format("mean patience {}", describe_duration(*options.patience))
          : std::string();
  if (options.queue_capacity) {
    return fmt::format("M/M/c/K{} (a queue of {}{}{})", options.patience ? "+M" : "",
                       describe_places(*options.queue_capacity), patience.empty() ? "" : ", ",
                       patience);
  }
  if (options.patience) {
    return patience.empty() ? "Erlang A" : fmt::format("Erlang A ({})", patience);
  }
  return "Erlang C";
}

std::string describe_staffing_targets(const staffing_options& options) {
  std::string s = describe_targets(options.targets);
  if (options.max_blocking) {
    s += fmt::format("{}blocking <= {}", s.empty() ? "" : ", ",
                     describe_percent(*options.max_blocking));
  }
  return s;
}

void run_load(const load_request& r, output_format format, std::ostream& out) {
  const double traffic = erlang::offered_load(r.rate, r.aht);
  std::vector<field> fields{
      {"traffic", "offered traffic", traffic, value_kind::erlangs, "E", ""},
      {"calls_per_hour", "arrival rate", r.rate * 3600, value_kind::calls, "calls/h", ""},
      {"aht", "AHT", r.aht, value_kind::seconds, "s", ""},
  };
  if (r.calls && r.interval) {
    fields.push_back({"calls", "calls", *r.calls, value_kind::calls, "", ""});
    fields.push_back({"interval", "interval", *r.interval, value_kind::seconds, "s", ""});
  }
  std::string text;
  write_record(text, format, "Offered traffic (arrival rate x AHT)", fields);
  write_all(out, text);
}

void run_blocking(const blocking_request& r, output_format format, std::ostream& out) {
  const double b = erlang::erlang_b(r.traffic, r.servers);
  const double carried = r.traffic * (1 - b);
  std::string text;
  write_record(
      text, format,
      fmt::format("Erlang B (blocked calls lost): {} offered to {} servers",
                  describe_traffic(r.traffic), describe_count(r.servers)),
      {
          {"traffic", "offered traffic", r.traffic, value_kind::erlangs, "E", ""},
          {"servers", "servers", r.servers, value_kind::count, "", ""},
          {"blocking", "blocking", b, value_kind::small_percent, "%", "of calls lost"},
          {"carried", "carried traffic", carried, value_kind::erlangs, "E", ""},
          {"occupancy", "occupancy", carried / r.servers, value_kind::percent, "%", "per server"},
      });
  write_all(out, text);
}

void run_lines(const lines_request& r, output_format format, std::ostream& out) {
  double traffic = 0;
  double servers = 0;
  std::string title;
  if (r.traffic) {
    traffic = *r.traffic;
    servers = erlang::servers_for_blocking(traffic, r.blocking);
    title = fmt::format(
        "Erlang B sizing: the fewest servers that keep blocking at or below {} "
        "for {}",
        describe_percent(r.blocking), describe_traffic(traffic));
  } else {
    servers = *r.servers;
    traffic = erlang::traffic_for_blocking(servers, r.blocking);
    title = fmt::format(
        "Erlang B capacity: the most traffic {} servers carry with blocking at or "
        "below {}",
        describe_count(servers), describe_percent(r.blocking));
  }
  const double b = traffic == 0 ? 0.0 : erlang::erlang_b(traffic, servers);
  std::string text;
  write_record(
      text, format, title,
      {
          {"traffic", "offered traffic", traffic, value_kind::erlangs, "E", ""},
          {"servers", "servers", servers, value_kind::count, "", ""},
          {"blocking", "blocking", b, value_kind::small_percent, "%", ""},
          {"blocking_target", "blocking target", r.blocking, value_kind::small_percent, "%", ""},
          {"carried", "carried traffic", traffic * (1 - b), value_kind::erlangs, "E", ""},
      });
  write_all(out, text);
}

namespace {

const char* engset_measure_key(erlang::engset_measure m) {
  switch (m) {
    case erlang::engset_measure::time_congestion:
      return "time_congestion";
    case erlang::engset_measure::traffic_congestion:
      return "traffic_congestion";
    case erlang::engset_measure::call_congestion:
      break;
  }
  return "call_congestion";
}

const char* engset_measure_words(erlang::engset_measure m) {
  switch (m) {
    case erlang::engset_measure::time_congestion:
      return "time congestion";
    case erlang::engset_measure::traffic_congestion:
      return "traffic congestion";
    case erlang::engset_measure::call_congestion:
      break;
  }
  return "call congestion";
}

}  // namespace

void run_engset(const engset_request& r, output_format format, std::ostream& out) {
  const double beta = r.idle_source_traffic;
  const double offered = erlang::engset_offered_traffic(beta, r.sources);
  double servers = 0;
  std::string title;
  if (r.blocking) {
    servers = erlang::engset_servers_for_blocking(beta, r.sources, *r.blocking, r.measure);
    title = fmt::format(
        "Engset sizing: the fewest servers that keep the {} at or below {} for {} sources "
        "offering {}",
        engset_measure_words(r.measure), describe_percent(*r.blocking), describe_count(r.sources),
        describe_traffic(offered));
  } else {
    servers = *r.servers;
    title = fmt::format(
        "Engset (finite sources, blocked calls lost): {} sources offering {} to {} "
        "servers",
        describe_count(r.sources), describe_traffic(offered), describe_count(servers));
  }
  // No traffic: nothing is blocked (also with the 0 servers the sizing then returns).
  const bool none = beta == 0;
  const double time = none ? 0.0 : erlang::engset_time_congestion(beta, r.sources, servers);
  const double call = none ? 0.0 : erlang::engset_call_congestion(beta, r.sources, servers);
  const double lost = none ? 0.0 : erlang::engset_traffic_congestion(beta, r.sources, servers);
  std::vector<field> fields{
      {"sources", "sources", r.sources, value_kind::count, "", ""},
      {"traffic", "offered traffic", offered, value_kind::erlangs, "E",
       "all sources, as if never blocked"},
      {"idle_source_traffic", "per idle source", beta, value_kind::number, "E", ""},
      {"servers", "servers", servers, value_kind::count, "", ""},
      {"time_congestion", "time congestion", time, value_kind::small_percent, "%",
       "of the time every server is busy"},
      {"call_congestion", "call congestion", call, value_kind::small_percent, "%", "of calls lost"},
      {"traffic_congestion", "traffic congestion", lost, value_kind::small_percent, "%",
       "of the offered traffic lost"},
  };
  if (r.blocking) {
    fields.push_back({"blocking_target", "blocking target", *r.blocking, value_kind::small_percent,
                      "%", engset_measure_words(r.measure)});
    fields.push_back({"blocking_measure", "measure", std::string(engset_measure_key(r.measure)),
                      value_kind::text, "", "", false});
  }
  fields.push_back(
      {"carried", "carried traffic", offered * (1 - lost), value_kind::erlangs, "E", ""});
  std::string text;
  write_record(text, format, title, fields);
  write_all(out, text);
}

void run_retry(const retry_request& r, output_format format, std::ostream& out) {
  double servers = 0;
  std::string title;
  if (r.blocking) {
    servers = erlang::extended_erlang_b_servers_for_blocking(r.traffic, *r.blocking, r.retry);
    title = fmt::format(
        "Extended Erlang B sizing: the fewest lines that keep blocking at or below {} for {} "
        "with {} of blocked calls retried",
        describe_percent(*r.blocking), describe_traffic(r.traffic), describe_percent(r.retry));
  } else {
    servers = *r.servers;
    if (r.retry >= 1 && r.traffic >= servers && r.traffic > 0) {
      throw infeasible_error(fmt::format(
          "--retry: with every blocked call retried, {} lines cannot carry {}: the retries grow "
          "without bound (it needs at least {} lines, or a retry fraction below 100 %)",
          describe_count(servers), describe_traffic(r.traffic),
          describe_count(std::floor(r.traffic) + 1)));
    }
    title = fmt::format(
        "Extended Erlang B (blocked calls retry): {} offered to {} lines, {} of blocked "
        "calls retried",
        describe_traffic(r.traffic), describe_count(servers), describe_percent(r.retry));
  }
  double total = 0;
  double b = 0;
  if (r.traffic > 0) {
    total = erlang::extended_erlang_b_offered_traffic(r.traffic, servers, r.retry);
    b = erlang::extended_erlang_b(r.traffic, servers, r.retry);
  }
  const double carried = total * (1 - b);
  std::vector<field> fields{
      {"traffic", "offered traffic", r.traffic, value_kind::erlangs, "E", "first attempts"},
      {"retry", "retried", r.retry, value_kind::percent, "%", "of blocked calls"},
      {"servers", "lines", servers, value_kind::count, "", ""},
      {"blocking", "blocking", b, value_kind::small_percent, "%", "of attempts"},
  };
  if (r.blocking) {
    fields.push_back(
        {"blocking_target", "blocking target", *r.blocking, value_kind::small_percent, "%", ""});
  }
  fields.push_back({"total_traffic", "total offered", total, value_kind::erlangs, "E",
                    "first attempts and retries"});
  fields.push_back({"carried", "carried traffic", carried, value_kind::erlangs, "E", ""});
  fields.push_back({"lost", "lost traffic", total * b * (1 - r.retry), value_kind::erlangs, "E",
                    "blocked and not retried"});
  if (!r.blocking) {
    fields.push_back(
        {"occupancy", "occupancy", carried / servers, value_kind::percent, "%", "per line"});
  }
  std::string text;
  write_record(text, format, title, fields);
  write_all(out, text);
}

namespace {

[[noreturn]] void throw_overloaded(double traffic, double agents) {
  throw infeasible_error(fmt::format(
      "--agents: {} agents cannot serve {}: without abandonment the queue grows without bound "
      "(a finite wait needs at least {} agents; 'erlangc staff' sizes for a target, "
      "'erlangc a --patience' models callers who hang up)",
      describe_count(agents), describe_traffic(traffic), describe_count(std::floor(traffic) + 1)));
}

}  // namespace

void run_wait(const wait_request& r, output_format format, std::ostream& out) {
  const bool finite = r.queue_capacity.has_value();
  if (!finite && r.traffic >= r.agents) {
    throw_overloaded(r.traffic, r.agents);
  }
  const queue_measures q = finite ? finite_queue_measures_at(r.traffic, r.agents, *r.queue_capacity,
                                                             r.aht, std::nullopt, r.answer_time)
                                  : erlang_c_measures(r.traffic, r.agents, r.aht, r.answer_time);
  std::vector<field> fields{
      {"traffic", "offered traffic", r.traffic, value_kind::erlangs, "E", ""},
      {"agents", "agents", r.agents, value_kind::count, "", ""},
      {"aht", "AHT", r.aht, value_kind::seconds, "s", ""},
  };
  if (finite) {
    fields.push_back(
        {"queue_capacity", "queue capacity", *r.queue_capacity, value_kind::count, "", "calls"});
  }
  fields.push_back(
      {"answer_time", "answer time", r.answer_time, value_kind::seconds, "s", "", false});
  add_measures(fields, q, r.answer_time, false, finite);
  std::string title =
      finite ? fmt::format(
                   "M/M/c/K (a queue of {}; callers wait, none hang up): {}, {} agents, "
                   "AHT {}",
                   describe_places(*r.queue_capacity), describe_traffic(r.traffic),
                   describe_count(r.agents), describe_duration(r.aht))
             : fmt::format("Erlang C (callers wait, none hang up): {}, {} agents, AHT {}",
                           describe_traffic(r.traffic), describe_count(r.agents),
                           describe_duration(r.aht));
  if (r.targets) {
    fields.push_back({"meets_target", "meets target", meets_targets(q, *r.targets),
                      value_kind::text, "", describe_targets(*r.targets)});
  }
  std::string text;
  write_record(text, format, title, fields);
  write_all(out, text);
}

void run_curve(const curve_request& r, output_format format, std::ostream& out) {
  const bool finite = r.queue_capacity.has_value();
  // The fewest agents with a finite wait (a finite queue never overflows).
  const double stable = finite ? 1.0 : std::floor(r.traffic) + 1;
  std::optional<double> answer;
  if (r.targets) {
    answer = finite ? erlang::finite_queue_agents_for_targets(r.traffic, r.aht, *r.queue_capacity,
                                                              *r.targets)
                    : erlang::agents_for_targets(r.traffic, r.aht, *r.targets);
  }
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
          "--curve needs a centre: give --agents, a target (--service-level, "
          "--asa, ...) or --from and --to");
    }
    lo = *centre - 5;
    hi = std::max(*centre + 5, stable + 5);
  }
  if (hi < stable) {
    throw infeasible_error(fmt::format(
        "every agent count from {} to {} is overloaded by {}: a finite wait needs at least {} "
        "agents",
        describe_count(lo), describe_count(hi), describe_traffic(r.traffic),
        describe_count(stable)));
  }
  lo = std::max(lo, std::max(stable, 1.0));
  if (hi - lo >= max_curve_rows) {
    throw usage_error(fmt::format("the curve would have more than {:.0f} rows: narrow --from/--to",
                                  max_curve_rows));
  }
  std::vector<column> columns{
      {"agents", "agents", "", value_kind::count},
      {"traffic", "traffic", "E", value_kind::erlangs},
  };
  if (finite) {
    columns.push_back({"queue_capacity", "queue capacity", "calls", value_kind::count});
    columns.push_back({"blocking", "blocking", "%", value_kind::small_percent});
  }
  columns.insert(columns.end(), {
                                    {"wait_probability", "P(wait)", "%", value_kind::percent},
                                    {"service_level", "service level", "%", value_kind::percent},
                                    {"asa", "ASA", "s", value_kind::seconds},
                                    {"mean_queue_length", "queue", "calls", value_kind::number},
                                    {"occupancy", "occupancy", "%", value_kind::percent},
                                });
  if (answer) {
    columns.push_back({"meets_target", "meets target", "", value_kind::text});
  }
  table_writer writer(format, columns);
  std::vector<std::vector<cell>> rows;
  for (double n = lo; n <= hi; n += 1) {
    const queue_measures q = finite ? finite_queue_measures_at(r.traffic, n, *r.queue_capacity,
                                                               r.aht, std::nullopt, r.answer_time)
                                    : erlang_c_measures(r.traffic, n, r.aht, r.answer_time);
    std::vector<cell> row{n, r.traffic};
    if (finite) {
      row.emplace_back(*r.queue_capacity);
      row.emplace_back(q.blocking);
    }
    row.insert(row.end(),
               {q.wait_probability, q.service_level, q.asa, q.mean_queue_length, q.occupancy});
    if (answer) {
      row.emplace_back(meets_targets(q, *r.targets));
    }
    writer.fit(row);
    rows.push_back(std::move(row));
  }
  std::string text;
  if (format == output_format::text) {
    text += fmt::format(
        "{} staffing curve: {}, AHT {}, service level within {}\n",
        finite ? fmt::format("M/M/c/K (a queue of {})", describe_places(*r.queue_capacity))
               : std::string("Erlang C"),
        describe_traffic(r.traffic), describe_duration(r.aht), describe_duration(r.answer_time));
    if (answer) {
      text += fmt::format("targets: {}: {} agents\n", describe_targets(*r.targets),
                          describe_count(*answer));
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

void run_abandon(const abandon_request& r, output_format format, std::ostream& out) {
  const bool finite = r.queue_capacity.has_value();
  const queue_measures q =
      finite ? finite_queue_measures_at(r.traffic, r.agents, *r.queue_capacity, r.aht, r.patience,
                                        r.answer_time)
             : erlang_a_measures(r.traffic, r.agents, r.aht, r.patience, r.answer_time);
  std::vector<field> fields{
      {"traffic", "offered traffic", r.traffic, value_kind::erlangs, "E", ""},
      {"agents", "agents", r.agents, value_kind::count, "", ""},
      {"aht", "AHT", r.aht, value_kind::seconds, "s", ""},
      {"patience", "mean patience", r.patience, value_kind::seconds, "s", ""},
  };
  if (finite) {
    fields.push_back(
        {"queue_capacity", "queue capacity", *r.queue_capacity, value_kind::count, "", "calls"});
  }
  fields.push_back(
      {"answer_time", "answer time", r.answer_time, value_kind::seconds, "s", "", false});
  add_measures(fields, q, r.answer_time, true, finite);
  std::string text;
  write_record(text, format,
               fmt::format("{}callers hang up after a mean patience of {}): {}, {} agents, "
                           "AHT {}",
                           finite ? fmt::format("M/M/c/K+M (a queue of {}; ",
                                                describe_places(*r.queue_capacity))
                                  : std::string("Erlang A ("),
                           describe_duration(r.patience), describe_traffic(r.traffic),
                           describe_count(r.agents), describe_duration(r.aht)),
               fields);
  write_all(out, text);
}

void run_staff(const staff_request& r, output_format format, std::ostream& out) {
  const staffing_options& s = r.staffing;
  const double agents = required_agents(r.traffic, r.aht, s);
  if (s.max_agents && agents > *s.max_agents) {
    throw infeasible_error(fmt::format(
        "--max-agents: the targets ({}) need {} agents for {}, more than the {} available",
        describe_staffing_targets(s), describe_count(agents), describe_traffic(r.traffic),
        describe_count(*s.max_agents)));
  }
  const double scheduled = erlang::scheduled_agents(agents, s.shrinkage);
  const queue_measures q = measures_at(r.traffic, agents, r.aht, s);
  const bool erlang_a = s.patience.has_value();
  const bool finite = s.queue_capacity.has_value();
  std::vector<field> fields{
      {"model", "model", model_key(s), value_kind::text, "", "", false},
      {"traffic", "offered traffic", r.traffic, value_kind::erlangs, "E", ""},
      {"aht", "AHT", r.aht, value_kind::seconds, "s", ""},
  };
  if (erlang_a) {
    fields.push_back({"patience", "mean patience", *s.patience, value_kind::seconds, "s", ""});
  }
  if (finite) {
    fields.push_back(
        {"queue_capacity", "queue capacity", *s.queue_capacity, value_kind::count, "", "calls"});
  }
  fields.push_back({"agents", "agents", agents, value_kind::count, "", "productive"});
  fields.push_back({"scheduled", "scheduled", scheduled, value_kind::count, "",
                    fmt::format("with {} shrinkage", describe_percent(s.shrinkage))});
  fields.push_back({"shrinkage", "shrinkage", s.shrinkage, value_kind::percent, "%", "", false});
  fields.push_back(
      {"answer_time", "answer time", s.targets.answer_time, value_kind::seconds, "s", "", false});
  add_measures(fields, q, s.targets.answer_time, erlang_a, finite);
  std::string title =
      fmt::format("Staffing, {}: {}", describe_model(s), describe_traffic(r.traffic));
  if (r.calls && r.interval) {
    title += fmt::format(" ({} calls per {}, AHT {})", text_number(*r.calls, value_kind::calls),
                         describe_duration(*r.interval), describe_duration(r.aht));
  } else {
    title += fmt::format(", AHT {}", describe_duration(r.aht));
  }
  title += fmt::format("\ntargets: {}", describe_staffing_targets(s));
  if (s.min_agents > 0) {
    title += fmt::format("; at least {} agents", describe_count(s.min_agents));
  }
  std::string text;
  write_record(text, format, title, fields);
  write_all(out, text);
}

void run_table(const table_request& r, output_format format, std::ostream& out) {
  std::string text;
  if (format == output_format::text) {
    std::vector<column> columns{{"servers", "servers", "", value_kind::count}};
    for (const double p : r.blocking) {
      columns.push_back({"", describe_percent(p), "E", value_kind::erlangs});
    }
    table_writer writer(format, columns);
    std::vector<std::vector<cell>> rows;
    for (const double m : r.servers) {
      std::vector<cell> row{m};
      for (const double p : r.blocking) {
        row.emplace_back(erlang::traffic_for_blocking(m, p));
      }
      writer.fit(row);
      rows.push_back(std::move(row));
    }
    text +=
        "Erlang B capacity: the most offered traffic (erlangs) each number of servers carries "
        "with blocking at or below each target\n\n";
    writer.begin(text);
    for (const auto& row : rows) {
      writer.row(text, row);
    }
    writer.end(text);
  } else {
    table_writer writer(format, {{"servers", "servers", "", value_kind::count},
                                 {"blocking", "blocking", "%", value_kind::small_percent},
                                 {"traffic", "traffic", "E", value_kind::erlangs}});
    writer.begin(text);
    for (const double m : r.servers) {
      for (const double p : r.blocking) {
        writer.row(text, {m, p, erlang::traffic_for_blocking(m, p)});
      }
    }
    writer.end(text);
  }
  write_all(out, text);
}

}  // namespace erlangc
