#include "cli.hpp"

#include "commands.hpp"
#include "errors.hpp"
#include "units.hpp"

#include <erlang/engset.hpp>
#include <erlang/offered_load.hpp>
#include <erlang/staffing.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <stdexcept>

namespace erlangc {
namespace {

constexpr const char* version = "erlangc 0.1.0";

// ---- the keys of csv and json output, documented once -------------------------------
const std::map<std::string, std::string>& glossary() {
  static const std::map<std::string, std::string> keys{
      {"start", "the interval's start as written in the forecast; \"total\" on the totals row"},
      {"calls", "offered calls in the interval (totals row: their sum)"},
      {"calls_per_hour", "arrival rate, calls per hour"},
      {"interval", "interval length, seconds"},
      {"aht", "mean handling time, seconds (totals row: weighted by calls)"},
      {"traffic",
       "offered traffic, erlangs: calls per second x AHT in seconds (plan totals "
       "row: the mean over the intervals; engset: of all sources, sources x "
       "idle_source_traffic / (1 + idle_source_traffic); retry: first attempts only)"},
      {"servers", "number of servers (lines, circuits, trunks)"},
      {"blocking",
       "fraction of calls blocked and lost, 0-1 (with --queue-capacity: calls that find every "
       "agent busy and the queue full; retry: fraction of attempts, retries included)"},
      {"blocking_target", "the blocking target, 0-1"},
      {"blocking_measure",
       "the Engset blocking the target applies to: time_congestion, call_congestion or "
       "traffic_congestion"},
      {"carried",
       "carried traffic, erlangs: traffic x (1 - blocking) (engset: traffic x (1 - "
       "traffic_congestion); retry: total_traffic x (1 - blocking))"},
      {"sources", "number of sources (subscribers, machines) offering calls"},
      {"idle_source_traffic",
       "erlangs offered by each idle source: its call rate while idle x the mean holding time"},
      {"time_congestion", "fraction of the time every server is busy, 0-1"},
      {"call_congestion", "fraction of call attempts that find every server busy (lost), 0-1"},
      {"traffic_congestion", "fraction of the offered traffic that is lost, 0-1"},
      {"retry", "fraction of blocked attempts that are tried again, 0-1"},
      {"total_traffic",
       "traffic offered to the lines, erlangs: first attempts plus retries, traffic + retry x "
       "total_traffic x blocking"},
      {"lost", "traffic lost for good, erlangs: blocked attempts not retried"},
      {"queue_capacity",
       "waiting places: calls that can wait at once (--queue-capacity); a call that finds "
       "every agent busy and the queue full is blocked"},
      {"model",
       "erlang_c (callers wait), erlang_a (callers hang up after a mean patience); with "
       "--queue-capacity finite_queue (M/M/c/K) or finite_queue_abandonment (M/M/c/K+M)"},
      {"agents", "productive agents, on the phones (plan totals row: the peak)"},
      {"scheduled", "agents to schedule: ceil(agents / (1 - shrinkage)) (totals row: the peak)"},
      {"shrinkage", "fraction of scheduled time not available for calls, 0-1"},
      {"patience", "mean time a caller waits before hanging up, seconds"},
      {"answer_time", "the service level's answer time, seconds"},
      {"wait_probability",
       "fraction of calls that wait (find every agent busy), 0-1 (with --queue-capacity: "
       "calls queued; blocked calls not included)"},
      {"service_level",
       "fraction of all calls answered within answer_time, 0-1 (Erlang A: "
       "calls that hang up count as not answered in time)"},
      {"asa",
       "average speed of answer, seconds: Erlang C the mean wait of all calls, Erlang A "
       "and --queue-capacity the mean wait of answered calls"},
      {"mean_queue_length", "mean number of calls waiting"},
      {"occupancy", "fraction of time an agent or server is busy, 0-1"},
      {"abandon_probability", "fraction of calls that hang up before an answer, 0-1 (Erlang A)"},
      {"meets_target", "true when every target given is met"},
      {"agent_hours", "agents x interval length, hours (totals row: the sum)"},
      {"scheduled_hours", "scheduled x interval length, hours (totals row: the sum)"},
  };
  return keys;
}

std::string keys_footer(std::string_view shape, std::initializer_list<const char*> keys) {
  std::string s = fmt::format(
      "Output (--format): text is an aligned table with units; csv and json carry the same\n"
      "keys in base units (fractions 0-1, seconds, erlangs) at full precision; json is {}.\n"
      "Keys:\n",
      shape);
  for (const char* k : keys) {
    s += fmt::format("  {:<20} {}\n", k, glossary().at(k));
  }
  s += "Times take s, m or h (20s, 3m, 1.5h, 3:20; a bare number is seconds); ratios take %\n"
       "or a fraction (80% or 0.8).";
  return s;
}

// ---- validators: each parses the text with the same parser the command uses ----------
CLI::Validator check(std::function<void(const std::string&)> parse) {
  return {[parse = std::move(parse)](std::string& text) -> std::string {
            try {
              parse(text);
              return {};
            } catch (const usage_error& e) {
              return e.what();
            }
          },
          ""};
}

CLI::Validator positive_duration(const char* what) {
  return check([what](const std::string& s) {
    if (!(parse_duration(s) > 0)) {
      throw usage_error(fmt::format("{} must be longer than 0, got '{}'", what, s));
    }
  });
}

CLI::Validator non_negative_duration() {
  return check([](const std::string& s) { parse_duration(s); });
}

CLI::Validator whole(const char* what, double min) {
  return check([what, min](const std::string& s) {
    double v = 0;
    try {
      v = parse_count(s);
    } catch (const usage_error& e) {
      throw usage_error(fmt::format("{}: {} must be a whole number >= {}", e.what(), what, min));
    }
    if (v < min) {
      throw usage_error(fmt::format("{} must be at least {}, got '{}'", what, min, s));
    }
  });
}

CLI::Validator non_negative_number(const char* what) {
  return check([what](const std::string& s) {
    const double v = parse_number(s);
    if (v < 0) {
      throw usage_error(fmt::format("'{}' is negative: {} must be >= 0", s, what));
    }
  });
}

enum class bound { open, closed };

CLI::Validator ratio(const char* what, bound lower, bound upper, double smallest = 0) {
  return check([what, lower, upper, smallest](const std::string& s) {
    const double p = parse_ratio(s);
    if (p > 0 && p < smallest) {
      throw usage_error(fmt::format("'{}' is below {}, the smallest {} erlangc accepts", s,
                                    describe_percent(smallest), what));
    }
    const bool above = lower == bound::open ? p > 0 : p >= 0;
    const bool below = upper == bound::open ? p < 1 : p <= 1;
    if (!above || !below) {
      throw usage_error(fmt::format("'{}' is out of range: the {} must be {} 0 % and {} 100 %", s,
                                    what, lower == bound::open ? "above" : "at least",
                                    upper == bound::open ? "below" : "at most"));
    }
  });
}

// ---- raw option values (empty: not given) -------------------------------------------
struct raw_options {
  std::string format = "text";
  std::string traffic, calls, interval, rate, aht;
  std::string servers, agents, blocking;
  std::string target, service_level, asa, max_wait, max_occupancy, max_abandon;
  std::string shrinkage, patience, min_agents, max_agents;
  std::string queue_capacity, max_blocking;
  std::string sources, idle_source_traffic, measure = "call", retry;
  std::string from, to;
  bool curve = false;
  std::string file;
  std::string server_list = "1-50";
  std::string blocking_list = "0.1%,0.5%,1%,2%,5%";
};

void add_format(CLI::App* app, raw_options& o) {
  app->add_option("--format", o.format, "Output format: text (default), csv or json")
      ->type_name("FORMAT")
      ->check(check([](const std::string& s) { parse_format(s); }));
}

void add_calls(CLI::App* app, raw_options& o) {
  app->add_option("--calls", o.calls, "Offered calls in --interval (>= 0)")
      ->type_name("N")
      ->check(non_negative_number("the number of calls"));
  app->add_option("--interval", o.interval, "The period the --calls arrive in, e.g. 30m")
      ->type_name("DURATION")
      ->check(positive_duration("the interval"));
  app->add_option("--rate", o.rate,
                  "Arrival rate instead of --calls: 200/h, 3.5/m, 0.05/s, 100/30m (a bare "
                  "number is per second)")
      ->type_name("RATE")
      ->check(check([](const std::string& s) { parse_rate(s); }))
      ->excludes("--calls")
      ->excludes("--interval");
}

void add_traffic(CLI::App* app, raw_options& o) {
  app->add_option("--traffic", o.traffic,
                  "Offered traffic in erlangs, at most 1e9 (or give --calls or --rate)")
      ->type_name("ERLANGS")
      ->check(check([](const std::string& s) { check_traffic(parse_traffic(s), "'" + s + "'"); }));
  add_calls(app, o);
  app->get_option("--traffic")->excludes("--calls")->excludes("--rate")->excludes("--interval");
}

void add_aht(CLI::App* app, raw_options& o, const char* help) {
  app->add_option("--aht", o.aht, help)->type_name("DURATION")->check(positive_duration("AHT"));
}

void add_agents(CLI::App* app, raw_options& o) {
  app->add_option("--agents,--servers", o.agents, "Number of agents (>= 1)")
      ->type_name("N")
      ->check(whole("the number of agents", 1));
}

void add_targets(CLI::App* app, raw_options& o) {
  app->add_option("--service-level", o.service_level,
                  "Service-level target: 80/20s is 80 % of calls answered within 20 s "
                  "(80%/20s and 0.8/20s also work)")
      ->type_name("PCT/TIME")
      ->check(check([](const std::string& s) { parse_service_level(s); }));
  app->add_option("--target", o.target,
                  "Answer time of the service level, if not in --service-level (default 20s)")
      ->type_name("DURATION")
      ->check(non_negative_duration());
  app->add_option("--asa", o.asa, "Target: average speed of answer at most this, e.g. 15s")
      ->type_name("DURATION")
      ->check(check([](const std::string& s) {
        if (!(parse_duration(s) >= min_asa_target)) {
          throw usage_error(
              fmt::format("the ASA target must be at least 1 microsecond, got '{}'", s));
        }
      }));
  app->add_option("--max-wait-probability", o.max_wait,
                  "Target: fraction of calls that wait at most this, e.g. 30%")
      ->type_name("RATIO")
      ->check(ratio("wait probability target", bound::open, bound::closed, min_probability_target));
  app->add_option("--max-occupancy", o.max_occupancy, "Target: occupancy at most this, e.g. 85%")
      ->type_name("RATIO")
      ->check(ratio("occupancy target", bound::open, bound::closed, min_occupancy_target));
}

void add_staffing(CLI::App* app, raw_options& o) {
  add_targets(app, o);
  app->add_option("--max-abandon", o.max_abandon,
                  "Target: fraction of calls hanging up at most this, e.g. 5% (needs --patience)")
      ->type_name("RATIO")
      ->check(ratio("abandonment target", bound::open, bound::open, min_probability_target));
  app->add_option("--patience", o.patience,
                  "Mean patience before callers hang up, e.g. 5m: staffs with Erlang A "
                  "(default: Erlang C, nobody hangs up)")
      ->type_name("DURATION")
      ->check(positive_duration("the patience"));
  app->add_option("--shrinkage", o.shrinkage,
                  "Fraction of scheduled time not on the phones (breaks, training), e.g. 30%")
      ->type_name("RATIO")
      ->check(ratio("shrinkage", bound::closed, bound::open));
  app->add_option("--min-agents", o.min_agents, "Staff at least this many agents (default 0)")
      ->type_name("N")
      ->check(whole("the minimum number of agents", 0));
  app->add_option("--max-agents", o.max_agents,
                  "Agents available: needing more is an error (exit code 1)")
      ->type_name("N")
      ->check(whole("the maximum number of agents", 1));
  app->add_option("--max-blocking", o.max_blocking,
                  "Target: fraction of calls blocked by a full queue at most this, e.g. 1% "
                  "(needs --queue-capacity)")
      ->type_name("RATIO")
      ->check(ratio("blocking target", bound::open, bound::open, min_probability_target));
}

void add_queue_capacity(CLI::App* app, raw_options& o) {
  app->add_option("--queue-capacity", o.queue_capacity,
                  "Waiting places: at most N calls wait at once, a call finding every agent busy "
                  "and N waiting is blocked (M/M/c/K with K = agents + N; 0: nobody waits). "
                  "Default: no limit")
      ->type_name("N")
      ->check(whole("the queue capacity", 0));
}

// ---- from raw options to requests ---------------------------------------------------
std::optional<double> opt(const std::string& s, double (*parse)(std::string_view)) {
  if (s.empty()) {
    return std::nullopt;
  }
  return parse(s);
}

double traffic_of(const raw_options& o) {
  if (!o.traffic.empty()) {
    return parse_traffic(o.traffic);
  }
  if (o.calls.empty() && o.rate.empty()) {
    throw usage_error(
        "the offered traffic is missing: give --traffic E, or --calls N "
        "--interval T --aht H, or --rate R --aht H");
  }
  if (!o.calls.empty() && o.interval.empty()) {
    throw usage_error("--calls needs --interval: the period the calls arrive in (e.g. 30m)");
  }
  if (o.aht.empty()) {
    throw usage_error(fmt::format("{} needs --aht: the mean handling time (e.g. 3m)",
                                  o.calls.empty() ? "--rate" : "--calls"));
  }
  const double rate =
      o.calls.empty() ? parse_rate(o.rate) : parse_number(o.calls) / parse_duration(o.interval);
  const double traffic = erlang::offered_load(rate, parse_duration(o.aht));
  check_traffic(traffic, o.calls.empty() ? "--rate" : "--calls");
  return traffic;
}

/// --queue-capacity, checked against --patience (whose model takes time proportional to
/// the waiting places).
std::optional<double> queue_capacity_of(const raw_options& o) {
  const auto n = opt(o.queue_capacity, parse_count);
  if (n && !o.patience.empty() && *n > max_waiting_places_with_patience) {
    throw usage_error(fmt::format(
        "--queue-capacity: {} waiting places is above the {:g} erlangc works with when callers "
        "hang up (--patience); with so many places the queue is practically unlimited: leave "
        "--queue-capacity out",
        o.queue_capacity, max_waiting_places_with_patience));
  }
  return n;
}

double required_aht(const raw_options& o) {
  if (o.aht.empty()) {
    throw usage_error("--aht is required: the mean handling time (e.g. --aht 3m)");
  }
  return parse_duration(o.aht);
}

/// The answer time: from --service-level 80/20s, else --target, else 20 s.
double answer_time_of(const raw_options& o) {
  std::optional<double> from_sl;
  if (!o.service_level.empty()) {
    from_sl = parse_service_level(o.service_level).answer_time;
  }
  const auto from_target = opt(o.target, parse_duration);
  if (from_sl && from_target && *from_sl != *from_target) {
    throw usage_error(fmt::format("--target {} contradicts the answer time in --service-level {}",
                                  o.target, o.service_level));
  }
  return from_sl ? *from_sl : from_target ? *from_target : 20.0;
}

/// Targets from the options; empty when none is given.
std::optional<erlang::staffing_targets<double>> targets_of(const raw_options& o) {
  erlang::staffing_targets<double> t;
  t.answer_time = answer_time_of(o);
  bool any = false;
  if (!o.service_level.empty()) {
    const auto spec = parse_service_level(o.service_level);
    if (!spec.answer_time && o.target.empty()) {
      throw usage_error(fmt::format(
          "--service-level {} has no answer time: write it as 80/20s, or add --target 20s",
          o.service_level));
    }
    t.service_level = spec.fraction;
    any = true;
  }
  if (!o.asa.empty()) {
    t.max_asa = parse_duration(o.asa);
    any = true;
  }
  if (!o.max_wait.empty()) {
    t.max_wait_probability = parse_ratio(o.max_wait);
    any = true;
  }
  if (!o.max_occupancy.empty()) {
    t.max_occupancy = parse_ratio(o.max_occupancy);
    any = true;
  }
  if (!o.max_abandon.empty()) {
    if (o.patience.empty()) {
      throw usage_error(
          "--max-abandon needs --patience: abandonment is modelled only when "
          "callers have a finite mean patience (Erlang A)");
    }
    t.max_abandon = parse_ratio(o.max_abandon);
    any = true;
  }
  if (!any) {
    return std::nullopt;
  }
  return t;
}

staffing_options staffing_of(const raw_options& o) {
  staffing_options s;
  s.queue_capacity = queue_capacity_of(o);
  if (!o.max_blocking.empty()) {
    if (!s.queue_capacity) {
      throw usage_error(
          "--max-blocking needs --queue-capacity: without a limit on the waiting places no "
          "call is blocked");
    }
    s.max_blocking = parse_ratio(o.max_blocking);
  }
  const auto targets = targets_of(o);
  if (!targets && !s.max_blocking) {
    throw usage_error(
        "no staffing target: give --service-level (e.g. 80/20s), --asa, "
        "--max-wait-probability, --max-occupancy or --max-abandon (or --max-blocking with "
        "--queue-capacity)");
  }
  if (targets) {
    s.targets = *targets;
  } else {
    s.targets.answer_time = answer_time_of(o);
  }
  s.shrinkage = o.shrinkage.empty() ? 0.0 : parse_ratio(o.shrinkage);
  s.patience = opt(o.patience, parse_duration);
  s.min_agents = o.min_agents.empty() ? 0.0 : parse_count(o.min_agents);
  s.max_agents = opt(o.max_agents, parse_count);
  if (s.max_agents && s.min_agents > *s.max_agents) {
    throw usage_error(
        fmt::format("--min-agents {} is above --max-agents {}", o.min_agents, o.max_agents));
  }
  return s;
}

void reject_interval_without_calls(const raw_options& o) {
  if (!o.interval.empty() && o.calls.empty()) {
    throw usage_error("--interval goes with --calls (the period the calls arrive in)");
  }
}

// ---- the application ----------------------------------------------------------------
struct application {
  CLI::App app{
      "erlangc: Erlang B, C and A, Engset, extended Erlang B (retries) and finite-queue "
      "capacity planning for call centres, trunks and server pools",
      "erlangc"};
  raw_options o;
  CLI::App* load = nullptr;
  CLI::App* blocking = nullptr;
  CLI::App* lines = nullptr;
  CLI::App* engset = nullptr;
  CLI::App* retry = nullptr;
  CLI::App* wait = nullptr;
  CLI::App* abandon = nullptr;
  CLI::App* staff = nullptr;
  CLI::App* plan = nullptr;
  CLI::App* table = nullptr;

  application();
  void execute(std::istream& in, std::ostream& out);
};

application::application() {
  app.set_version_flag("--version", version);
  app.require_subcommand(1, 1);
  app.footer(
      "Exit codes: 0 success; 1 infeasible request (an overloaded system, a target beyond "
      "--max-agents); 2 usage error (bad option, value, unit or input row).\n"
      "Run 'erlangc COMMAND --help' for a command's options and output keys.");

  load = app.add_subcommand("load", "Offered traffic (erlangs) from calls and handling time");
  add_calls(load, o);
  add_aht(load, o, "Mean handling time, e.g. 3m (required)");
  add_format(load, o);
  load->footer(
      keys_footer("one object", {"traffic", "calls_per_hour", "aht", "calls", "interval"}));

  blocking = app.add_subcommand("b", "Erlang B: the blocking of a group of servers (lost calls)");
  blocking->alias("blocking");
  add_traffic(blocking, o);
  add_aht(blocking, o, "Mean holding time, with --calls or --rate");
  blocking->add_option("--servers,--lines", o.servers, "Number of servers (>= 1)")
      ->type_name("N")
      ->check(whole("the number of servers", 1))
      ->required();
  add_format(blocking, o);
  blocking->footer(
      keys_footer("one object", {"traffic", "servers", "blocking", "carried", "occupancy"}));

  lines = app.add_subcommand(
      "lines",
      "Erlang B sizing: the fewest servers for a blocking target (from --traffic), or "
      "the most traffic --servers carry");
  lines->alias("circuits");
  add_traffic(lines, o);
  add_aht(lines, o, "Mean holding time, with --calls or --rate");
  lines->add_option("--servers", o.servers, "Number of servers: find the traffic they carry")
      ->type_name("N")
      ->check(whole("the number of servers", 1));
  lines->add_option("--blocking", o.blocking, "Blocking target, e.g. 1% (required)")
      ->type_name("RATIO")
      ->check(ratio("blocking target", bound::open, bound::open))
      ->required();
  add_format(lines, o);
  lines->footer(
      keys_footer("one object", {"traffic", "servers", "blocking", "blocking_target", "carried"}));

  engset = app.add_subcommand(
      "engset",
      "Engset: time, call and traffic congestion of a finite number of sources offering calls "
      "to servers (blocked calls lost), or the fewest servers for a --blocking target");
  engset->add_option("--sources", o.sources, "Number of sources (>= 1, at most 1e8) (required)")
      ->type_name("N")
      ->check(check([](const std::string& s) {
        double v = 0;
        try {
          v = parse_count(s);
        } catch (const usage_error& e) {
          throw usage_error(
              fmt::format("{}: the number of sources must be a whole number >= 1", e.what()));
        }
        if (v < 1 || v > max_engset_sources) {
          throw usage_error(fmt::format(
              "the number of sources must be from 1 to {:g}, got '{}' (for more sources "
              "Erlang B, 'erlangc b', gives the same answer)",
              max_engset_sources, s));
        }
      }))
      ->required();
  engset
      ->add_option("--idle-source-traffic", o.idle_source_traffic,
                   "Erlangs each idle source offers: its call rate while idle x the mean "
                   "holding time (or give --traffic)")
      ->type_name("ERLANGS")
      ->check(check([](const std::string& s) { parse_traffic(s); }));
  engset
      ->add_option("--traffic", o.traffic,
                   "Offered traffic of all sources, erlangs, below --sources: sources x b / (1 + "
                   "b) for b the --idle-source-traffic")
      ->type_name("ERLANGS")
      ->check(check([](const std::string& s) { parse_traffic(s); }))
      ->excludes("--idle-source-traffic");
  engset->add_option("--servers,--lines", o.servers, "Number of servers (>= 1)")
      ->type_name("N")
      ->check(whole("the number of servers", 1));
  engset
      ->add_option("--blocking", o.blocking,
                   "Blocking target, e.g. 1%: find the fewest servers (instead of --servers)")
      ->type_name("RATIO")
      ->check(ratio("blocking target", bound::open, bound::open))
      ->excludes("--servers");
  engset
      ->add_option("--measure", o.measure,
                   "The blocking --blocking applies to: call (default: calls lost), time "
                   "(time all servers are busy) or traffic (offered traffic lost)")
      ->type_name("MEASURE")
      ->check(check([](const std::string& s) {
        if (s != "call" && s != "time" && s != "traffic") {
          throw usage_error(fmt::format("unknown measure '{}': use call, time or traffic", s));
        }
      }))
      ->needs("--blocking");
  add_format(engset, o);
  engset->footer(keys_footer(
      "one object",
      {"sources", "traffic", "idle_source_traffic", "servers", "time_congestion", "call_congestion",
       "traffic_congestion", "blocking_target", "blocking_measure", "carried"}));

  retry = app.add_subcommand(
      "retry",
      "Extended Erlang B: blocking when a fraction of blocked callers try again, or the fewest "
      "lines for a --blocking target");
  add_traffic(retry, o);
  add_aht(retry, o, "Mean holding time, with --calls or --rate");
  retry->add_option("--servers,--lines", o.servers, "Number of lines (>= 1)")
      ->type_name("N")
      ->check(whole("the number of lines", 1));
  retry
      ->add_option("--blocking", o.blocking,
                   "Blocking target, e.g. 1%: find the fewest lines (instead of --servers)")
      ->type_name("RATIO")
      ->check(ratio("blocking target", bound::open, bound::open));
  retry
      ->add_option("--retry", o.retry,
                   "Fraction of blocked calls that try again, e.g. 20% (required)")
      ->type_name("RATIO")
      ->check(ratio("retry fraction", bound::closed, bound::closed))
      ->required();
  add_format(retry, o);
  retry->footer(
      keys_footer("one object (occupancy only with --servers, blocking_target only "
                  "with --blocking)",
                  {"traffic", "retry", "servers", "blocking", "blocking_target", "total_traffic",
                   "carried", "lost", "occupancy"}));

  wait = app.add_subcommand(
      "c", "Erlang C: waiting, service level, ASA, queue and occupancy for a number of agents");
  wait->alias("wait");
  add_traffic(wait, o);
  add_agents(wait, o);
  add_aht(wait, o, "Mean handling time, e.g. 3m (required)");
  add_targets(wait, o);
  wait->add_flag("--curve", o.curve,
                 "Print the staffing curve: the measures for each agent count around --agents "
                 "or around the fewest agents meeting the targets");
  wait->add_option("--from", o.from, "First agent count of the curve")
      ->type_name("N")
      ->check(whole("the first agent count", 0))
      ->needs("--curve");
  wait->add_option("--to", o.to, "Last agent count of the curve")
      ->type_name("N")
      ->check(whole("the last agent count", 1))
      ->needs("--curve");
  add_queue_capacity(wait, o);
  add_format(wait, o);
  wait->footer(keys_footer(
      "one object (--curve: an array of objects, one per agent count; agent counts that "
      "cannot serve the traffic are left out). queue_capacity and blocking only with "
      "--queue-capacity (M/M/c/K)",
      {"traffic", "agents", "aht", "queue_capacity", "answer_time", "blocking", "wait_probability",
       "service_level", "asa", "mean_queue_length", "occupancy", "meets_target"}));

  abandon =
      app.add_subcommand("a", "Erlang A: as c, with callers who hang up after a mean --patience");
  abandon->alias("abandon");
  add_traffic(abandon, o);
  add_agents(abandon, o);
  add_aht(abandon, o, "Mean handling time, e.g. 3m (required)");
  abandon->add_option("--patience", o.patience, "Mean patience, e.g. 5m (required)")
      ->type_name("DURATION")
      ->check(positive_duration("the patience"))
      ->required();
  abandon->add_option("--target", o.target, "Answer time of the service level (default 20s)")
      ->type_name("DURATION")
      ->check(non_negative_duration());
  add_queue_capacity(abandon, o);
  add_format(abandon, o);
  abandon->footer(
      keys_footer("one object; queue_capacity and blocking only with --queue-capacity (M/M/c/K+M)",
                  {"traffic", "agents", "aht", "patience", "queue_capacity", "answer_time",
                   "blocking", "wait_probability", "abandon_probability", "service_level", "asa",
                   "mean_queue_length", "occupancy"}));

  staff = app.add_subcommand(
      "staff",
      "The fewest agents meeting the targets (Erlang C, or Erlang A with --patience), "
      "the agents to schedule, and every measure at that staffing");
  add_traffic(staff, o);
  add_aht(staff, o, "Mean handling time, e.g. 3m (required)");
  add_staffing(staff, o);
  add_queue_capacity(staff, o);
  add_format(staff, o);
  staff->footer(keys_footer(
      "one object; patience and abandon_probability only with --patience, queue_capacity and "
      "blocking only with --queue-capacity",
      {"model", "traffic", "aht", "patience", "queue_capacity", "agents", "scheduled", "shrinkage",
       "answer_time", "blocking", "wait_probability", "abandon_probability", "service_level", "asa",
       "mean_queue_length", "occupancy"}));

  plan = app.add_subcommand(
      "plan",
      "Staff every interval of a forecast CSV (columns start, calls and optionally aht): one "
      "row per interval plus totals");
  plan->add_option("file", o.file, "The forecast CSV; - reads standard input")
      ->type_name("FILE.csv")
      ->required();
  plan->add_option("--aht", o.aht, "Mean handling time for rows without one, e.g. 3m")
      ->type_name("DURATION")
      ->check(positive_duration("AHT"));
  plan->add_option("--interval", o.interval,
                   "Interval length (default: the gap between the first two start times)")
      ->type_name("DURATION")
      ->check(positive_duration("the interval"));
  add_staffing(plan, o);
  add_queue_capacity(plan, o);
  add_format(plan, o);
  plan->footer(
      "Input: a header line naming start, calls and optionally aht, then one row per "
      "interval.\nstart is a label; as a time (08:30, 2024-03-04 08:30) it sets the default "
      "--interval and\nis checked for overlapping intervals. calls >= 0; aht a duration (an "
      "empty cell: --aht).\nA UTF-8 BOM, CRLF, quoted fields and ';' or tab separators are "
      "accepted; blank lines are\nskipped; any other fault stops the plan with its line and "
      "column (exit code 2).\n\n" +
      keys_footer("an array of row objects, the last one the totals row (start \"total\")",
                  {"start", "calls", "aht", "traffic", "agents", "scheduled", "agent_hours",
                   "scheduled_hours", "blocking", "wait_probability", "service_level", "asa",
                   "abandon_probability", "mean_queue_length", "occupancy"}) +
      "\nThe totals row weights the measures by calls (ASA by answered calls), averages the "
      "queue\nover time and occupancy over agent time. blocking only with --queue-capacity, "
      "abandon_probability\nonly with --patience.");

  table = app.add_subcommand(
      "table",
      "The Erlang B capacity table: the most traffic each number of servers carries "
      "at each blocking target");
  table
      ->add_option("--servers", o.server_list,
                   "Server counts: a list of N, A-B or A-B:STEP (default 1-50)")
      ->type_name("LIST")
      ->check(check([](const std::string& s) { parse_count_list(s, 100000); }));
  table->add_option("--blocking", o.blocking_list, "Blocking targets (default 0.1%,0.5%,1%,2%,5%)")
      ->type_name("LIST")
      ->check(check([](const std::string& s) { parse_probability_list(s); }));
  add_format(table, o);
  table->footer(keys_footer(
      "an array of objects, one per server count and target (text: servers down, targets "
      "across)",
      {"servers", "blocking", "traffic"}));
}

void application::execute(std::istream& in, std::ostream& out) {
  const output_format format = parse_format(o.format);
  if (*load) {
    if (o.calls.empty() && o.rate.empty()) {
      throw usage_error("give --calls N --interval T, or --rate R");
    }
    if (!o.calls.empty() && o.interval.empty()) {
      throw usage_error("--calls needs --interval: the period the calls arrive in (e.g. 30m)");
    }
    reject_interval_without_calls(o);
    load_request r;
    r.aht = required_aht(o);
    if (!o.calls.empty()) {
      r.calls = parse_number(o.calls);
      r.interval = parse_duration(o.interval);
      r.rate = *r.calls / *r.interval;
    } else {
      r.rate = parse_rate(o.rate);
    }
    check_traffic(r.rate * r.aht, o.calls.empty() ? "--rate" : "--calls");
    run_load(r, format, out);
  } else if (*blocking) {
    reject_interval_without_calls(o);
    run_blocking({traffic_of(o), parse_count(o.servers)}, format, out);
  } else if (*lines) {
    reject_interval_without_calls(o);
    const bool has_traffic = !o.traffic.empty() || !o.calls.empty() || !o.rate.empty();
    if (has_traffic == !o.servers.empty()) {
      throw usage_error(has_traffic
                            ? "give either the traffic (to find the servers) or --servers (to "
                              "find the traffic they carry), not both"
                            : "give the traffic (--traffic, --calls or --rate) to find the "
                              "servers, or --servers to find the traffic they carry");
    }
    lines_request r;
    r.blocking = parse_ratio(o.blocking);
    if (has_traffic) {
      r.traffic = traffic_of(o);
    } else {
      r.servers = parse_count(o.servers);
    }
    run_lines(r, format, out);
  } else if (*engset) {
    engset_request r;
    r.sources = parse_count(o.sources);
    if (o.traffic.empty() == o.idle_source_traffic.empty()) {
      throw usage_error(
          "give the offered traffic: --idle-source-traffic (erlangs per idle source) or "
          "--traffic (erlangs of all sources)");
    }
    if (o.servers.empty() && o.blocking.empty()) {
      throw usage_error(
          "give --servers (to find the congestion) or --blocking (to find the fewest servers)");
    }
    if (!o.traffic.empty()) {
      const double a = parse_traffic(o.traffic);
      if (!(a < r.sources)) {
        throw usage_error(fmt::format(
            "--traffic: {} sources offer less than {} erlangs (each source less than 1), got "
            "'{}': give --idle-source-traffic for a per-source load",
            o.sources, o.sources, o.traffic));
      }
      r.idle_source_traffic = erlang::engset_traffic_per_idle_source(a, r.sources);
    } else {
      r.idle_source_traffic = parse_traffic(o.idle_source_traffic);
    }
    check_traffic(erlang::engset_offered_traffic(r.idle_source_traffic, r.sources),
                  "--idle-source-traffic");
    r.servers = opt(o.servers, parse_count);
    r.blocking = opt(o.blocking, parse_ratio);
    r.measure = o.measure == "time"      ? erlang::engset_measure::time_congestion
                : o.measure == "traffic" ? erlang::engset_measure::traffic_congestion
                                         : erlang::engset_measure::call_congestion;
    run_engset(r, format, out);
  } else if (*retry) {
    reject_interval_without_calls(o);
    if (o.servers.empty() == o.blocking.empty()) {
      throw usage_error(o.servers.empty()
                            ? "give --servers (to find the blocking) or --blocking (to find "
                              "the fewest lines)"
                            : "give either --servers (to find the blocking) or --blocking (to "
                              "find the fewest lines), not both");
    }
    retry_request r;
    r.traffic = traffic_of(o);
    r.retry = parse_ratio(o.retry);
    r.servers = opt(o.servers, parse_count);
    r.blocking = opt(o.blocking, parse_ratio);
    run_retry(r, format, out);
  } else if (*wait) {
    reject_interval_without_calls(o);
    const double aht = required_aht(o);
    const double traffic = traffic_of(o);
    const auto targets = targets_of(o);
    if (o.curve) {
      curve_request r;
      r.traffic = traffic;
      r.aht = aht;
      r.answer_time = answer_time_of(o);
      r.agents = opt(o.agents, parse_count);
      r.targets = targets;
      r.from = opt(o.from, parse_count);
      r.to = opt(o.to, parse_count);
      r.queue_capacity = queue_capacity_of(o);
      run_curve(r, format, out);
    } else {
      if (o.agents.empty()) {
        throw usage_error(
            "--agents is required (or use --curve; 'erlangc staff' finds the "
            "agents a target needs)");
      }
      wait_request r;
      r.traffic = traffic;
      r.agents = parse_count(o.agents);
      r.aht = aht;
      r.answer_time = answer_time_of(o);
      r.targets = targets;
      r.queue_capacity = queue_capacity_of(o);
      run_wait(r, format, out);
    }
  } else if (*abandon) {
    reject_interval_without_calls(o);
    if (o.agents.empty()) {
      throw usage_error(
          "--agents is required ('erlangc staff --patience' finds the agents a "
          "target needs)");
    }
    abandon_request r;
    r.aht = required_aht(o);
    r.traffic = traffic_of(o);
    r.agents = parse_count(o.agents);
    r.patience = parse_duration(o.patience);
    r.answer_time = answer_time_of(o);
    r.queue_capacity = queue_capacity_of(o);
    run_abandon(r, format, out);
  } else if (*staff) {
    reject_interval_without_calls(o);
    staff_request r;
    r.aht = required_aht(o);
    r.traffic = traffic_of(o);
    r.staffing = staffing_of(o);
    r.calls = opt(o.calls, parse_number);
    r.interval = opt(o.interval, parse_duration);
    run_staff(r, format, out);
  } else if (*plan) {
    plan_request r;
    r.staffing = staffing_of(o);
    r.aht = opt(o.aht, parse_duration);
    r.interval = opt(o.interval, parse_duration);
    if (o.file == "-") {
      run_plan(r, in, "<stdin>", format, out);
    } else {
      std::ifstream file(o.file, std::ios::binary);
      if (!file) {
        throw usage_error(
            fmt::format("cannot open the forecast '{}': {}", o.file, std::strerror(errno)));
      }
      run_plan(r, file, o.file, format, out);
    }
  } else if (*table) {
    run_table({parse_count_list(o.server_list, 100000), parse_probability_list(o.blocking_list)},
              format, out);
  }
}

}  // namespace

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
  // Every error ends here: usage errors exit 2, infeasible requests 1; the message names
  // the option, value or CSV location and nothing is written to `out`.
  std::unique_ptr<application> a;
  try {
    a = std::make_unique<application>();
    if (argc > 1 && argv[1][0] != '-' &&
        a->app.get_subcommands([&](const CLI::App* c) { return c->check_name(argv[1]); }).empty()) {
      throw usage_error(
          fmt::format("unknown command '{}': the commands are load, b, lines, engset, "
                      "retry, c, a, staff, plan and table (erlangc --help lists them)",
                      argv[1]));
    }
    a->app.parse(argc, argv);
    a->execute(in, out);
    return exit_ok;
  } catch (const CLI::Success& e) {  // --help, --version
    return a->app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    const auto commands = a->app.get_subcommands();
    err << "erlangc: error: " << e.what() << "\nRun 'erlangc "
        << (commands.empty() ? std::string() : commands.front()->get_name() + " ")
        << "--help' for usage.\n";
    return exit_usage;
  } catch (const usage_error& e) {
    err << "erlangc: error: " << e.what() << '\n';
    return exit_usage;
  } catch (const infeasible_error& e) {
    err << "erlangc: infeasible: " << e.what() << '\n';
    return exit_infeasible;
  } catch (const std::domain_error& e) {
    // The library refused an argument the command line let through.
    err << "erlangc: error: " << e.what() << '\n';
    return exit_usage;
  } catch (const std::bad_alloc&) {
    err << "erlangc: error: out of memory\n";
    return exit_infeasible;
  } catch (const std::exception& e) {
    err << "erlangc: error: cannot compute the result: " << e.what() << '\n';
    return exit_infeasible;
  } catch (...) {
    err << "erlangc: error: unexpected failure\n";
    return exit_infeasible;
  }
}

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
  std::vector<const char*> argv{"erlangc"};
  for (const auto& a : args) {
    argv.push_back(a.c_str());
  }
  return run(static_cast<int>(argv.size()), argv.data(), in, out, err);
}

}  // namespace erlangc
