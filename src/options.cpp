#include "options.hpp"

#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>

namespace erlangc {

std::function<double(const std::string&)> positive_duration(const char* what) {
  return [what](const std::string& s) {
    const double v = parse_duration(s);
    if (!(v > 0)) {
      throw usage_error(fmt::format("{} must be longer than 0, got '{}'", what, s));
    }
    return v;
  };
}

std::function<double(const std::string&)> interval_duration() {
  return [](const std::string& s) {
    const double v = parse_duration(s);
    if (!(v >= min_interval)) {
      throw usage_error(fmt::format("the interval must be at least 1 us, got '{}'", shown(s)));
    }
    return v;
  };
}

std::function<double(const std::string&)> non_negative_duration() {
  return [](const std::string& s) { return parse_duration(s); };
}

std::function<double(const std::string&)> whole(const char* what, double min) {
  return [what, min](const std::string& s) {
    double v = 0;
    try {
      v = parse_count(s);
    } catch (const usage_error& e) {
      throw usage_error(fmt::format("{}: {} must be a whole number >= {}", e.what(), what, min));
    }
    if (v < min) {
      throw usage_error(fmt::format("{} must be at least {}, got '{}'", what, min, s));
    }
    return v;
  };
}

std::function<double(const std::string&)> ratio(const char* what, bound lower, bound upper,
                                                double smallest) {
  return [what, lower, upper, smallest](const std::string& s) {
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
    return p;
  };
}

CLI::Option* add_format(CLI::App& app, output_format& format) {
  return app.add_option("--format", "Output format: text (default), csv or json")
      ->type_name("FORMAT")
      ->check(CLI::Validator(
          [&format](std::string& text) -> std::string {
            try {
              format = parse_format(text);
              return {};
            } catch (const usage_error& e) {
              return e.what();
            }
          },
          ""));
}

std::vector<std::pair<std::string, std::string>> parse_columns(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> columns;
  while (!text.empty()) {
    const std::string_view item = text.substr(0, text.find(','));
    text.remove_prefix(std::min(text.size(), item.size() + 1));
    const auto equals = item.find('=');
    std::string column(item.substr(0, equals));
    std::transform(column.begin(), column.end(), column.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string_view header =
        equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1);
    if (column == "time") {
      column = "start";
    }
    constexpr std::array<std::string_view, 5> known{"start", "date", "calls", "aht", "agents"};
    if (std::find(known.begin(), known.end(), column) == known.end() || header.empty()) {
      throw usage_error(fmt::format(
          "'{}' is not COLUMN=HEADER with COLUMN one of start, date, calls, aht and agents "
          "(e.g. calls=Offered)",
          shown(item)));
    }
    if (std::any_of(columns.begin(), columns.end(),
                    [&](const auto& c) { return c.first == column; })) {
      throw usage_error(fmt::format("the column {} is mapped twice", column));
    }
    columns.emplace_back(std::move(column), header);
  }
  return columns;
}

void add_forecast_options(CLI::App& app, forecast_options& o) {
  const char* group = "Forecast input";
  app.add_flag("--strict", o.strict,
               "A gap between intervals (a missing start time) is an error, not a warning")
      ->group(group);
  app.add_flag("--decimal-comma", o.decimal_comma,
               "Numbers in the forecast use a decimal comma (12,5), with '.', blanks or ' "
               "between thousands: for ',' files whose numbers are quoted (\"12,5\") and for tab "
               "files (';' files always read so)")
      ->group(group);
  app.add_option("--columns",
                 "The forecast's names for erlangc's columns, e.g. "
                 "start=Interval,calls=Offered,aht=AHT (start, date, calls, aht, agents; header "
                 "names compared without case)")
      ->type_name("COLUMN=HEADER,...")
      ->group(group)
      ->check(CLI::Validator(
          [&o](std::string& text) -> std::string {
            try {
              o.columns = parse_columns(text);
              return {};
            } catch (const usage_error& e) {
              return e.what();
            }
          },
          ""));
}

// ---- traffic ---------------------------------------------------------------------------
void add_calls(CLI::App& app, traffic_options& o) {
  const char* group = "Traffic (one form: --traffic, --calls with --interval, or --rate)";
  add_parsed<double>(
      app, "--calls", o.calls,
      [](const std::string& s) {
        const double v = parse_number(s);
        if (v < 0) {
          throw usage_error(fmt::format("'{}' is negative: the number of calls must be >= 0", s));
        }
        return v;
      },
      "Offered calls in --interval (>= 0)", "N")
      ->group(group);
  add_parsed(app, "--interval", o.interval, interval_duration(),
             "The period the --calls arrive in, e.g. 30m", "DURATION")
      ->group(group);
  add_parsed<double>(
      app, "--rate", o.rate, [](const std::string& s) { return parse_rate(s); },
      "Arrival rate instead of --calls: 200/h, 3.5/m, 0.05/s, 100/30m, 1200 req/s, 1.2k/s, 5/ms (a "
      "bare "
      "number is per second)",
      "RATE")
      ->excludes("--calls")
      ->excludes("--interval")
      ->group(group);
}

void add_traffic(CLI::App& app, traffic_options& o) {
  auto* traffic = add_parsed<double>(
      app, "--traffic", o.traffic,
      [](const std::string& s) {
        const double v = parse_traffic(s);
        check_traffic(v, "'" + s + "'");
        return v;
      },
      "Offered traffic in erlangs, at most 1e9 (or give --calls or --rate)", "ERLANGS");
  add_calls(app, o);
  traffic->excludes("--calls")
      ->excludes("--rate")
      ->excludes("--interval")
      ->group(app.get_option("--calls")->get_group());
}

void add_aht(CLI::App& app, traffic_options& o, const char* help) {
  add_parsed(app, "--aht", o.aht, positive_duration("AHT"), help, "DURATION");
}

void add_traffic_and_holding_time(CLI::App& app, traffic_options& o) {
  add_traffic(app, o);
  add_aht(app, o, "Mean holding time, with --calls or --rate");
}

double traffic_of(const traffic_options& o) {
  if (o.traffic) {
    return *o.traffic;
  }
  if (!o.calls && !o.rate) {
    throw usage_error(
        "the offered traffic is missing: give --traffic E, or --calls N "
        "--interval T --aht H, or --rate R --aht H");
  }
  if (o.calls && !o.interval) {
    throw usage_error("--calls needs --interval: the period the calls arrive in (e.g. 30m)");
  }
  const char* form = o.calls ? "--calls" : "--rate";
  if (!o.aht) {
    throw usage_error(fmt::format("{} needs --aht: the mean handling time (e.g. 3m)", form));
  }
  const double rate = o.calls ? *o.calls / *o.interval : *o.rate;
  const double traffic = offered_traffic(rate, *o.aht);
  check_traffic(traffic, form);
  return traffic;
}

double required_aht(const traffic_options& o) {
  if (!o.aht) {
    throw usage_error("missing --aht DURATION: the mean handling time (e.g. --aht 3m)");
  }
  return *o.aht;
}

void reject_interval_without_calls(const traffic_options& o) {
  if (o.interval && !o.calls) {
    throw usage_error("--interval goes with --calls (the period the calls arrive in)");
  }
}

// ---- agents, queue, targets ------------------------------------------------------------
CLI::Option* add_agents(CLI::App& app, arg<double>& agents) {
  return add_parsed(app, "--agents,--servers", agents, whole("the number of agents", 1),
                    "Number of agents (>= 1)", "N");
}

CLI::Option* add_blocking_target(CLI::App& app, arg<double>& blocking, const char* help) {
  return add_parsed(app, "--blocking", blocking, ratio("blocking target", bound::open, bound::open),
                    help, "RATIO");
}

CLI::Option* add_queue_capacity(CLI::App& app, arg<double>& places) {
  return add_parsed(app, "--queue-capacity", places, whole("the queue capacity", 0),
                    "Waiting places: at most N calls wait at once, a call finding every agent "
                    "busy and N waiting is blocked (M/M/c/K with K = agents + N; 0: nobody "
                    "waits). Default: no limit",
                    "N");
}

std::optional<double> queue_capacity_of(const arg<double>& places, const arg<double>& patience) {
  if (places && patience && *places > max_waiting_places_with_patience) {
    throw usage_error(fmt::format(
        "--queue-capacity: {} waiting places is above the {:g} erlangc works with when callers "
        "hang up (--patience); with so many places the queue is practically unlimited: leave "
        "--queue-capacity out",
        places.text, max_waiting_places_with_patience));
  }
  return places.optional();
}

void add_targets(CLI::App& app, target_options& o) {
  const char* group = "Targets";
  add_parsed<service_level_spec>(
      app, "--service-level", o.service_level,
      [](const std::string& s) { return parse_service_level(s); },
      "Service-level target: 80/20s is 80 % of calls answered within 20 s (80%/20s and 0.8/20s "
      "also work)",
      "PCT/TIME")
      ->group(group);
  add_parsed(app, "--target", o.target, non_negative_duration(),
             "Answer time of the service level, if not in --service-level (default 20s)",
             "DURATION")
      ->group(group);
  add_parsed<double>(
      app, "--asa", o.asa,
      [](const std::string& s) {
        const double v = parse_duration(s);
        if (!(v >= min_asa_target)) {
          throw usage_error(
              fmt::format("the ASA target must be at least 1 microsecond, got '{}'", s));
        }
        return v;
      },
      "Target: average speed of answer at most this, e.g. 15s", "DURATION")
      ->group(group);
  add_parsed(app, "--max-wait-probability", o.max_wait,
             ratio("wait probability target", bound::open, bound::closed, min_probability_target),
             "Target: fraction of calls that wait at most this, e.g. 30%", "RATIO")
      ->group(group);
  add_parsed(app, "--max-occupancy", o.max_occupancy,
             ratio("occupancy target", bound::open, bound::closed, min_occupancy_target),
             "Target: occupancy at most this, e.g. 85%", "RATIO")
      ->group(group);
}

double answer_time_of(const target_options& o) {
  const auto from_sl = o.service_level ? o.service_level->answer_time : std::nullopt;
  if (from_sl && o.target && *from_sl != *o.target) {
    throw usage_error(fmt::format("--target {} contradicts the answer time in --service-level {}",
                                  o.target.text, o.service_level.text));
  }
  return from_sl ? *from_sl : o.target.value_or(20.0);
}

staffing_targets targets_of(const target_options& o) {
  staffing_targets t;
  t.answer_time = answer_time_of(o);
  if (o.service_level) {
    t.service_level = o.service_level->fraction;  // answer time: --target, else 20 s
  }
  t.max_asa = o.asa.optional();
  t.max_wait_probability = o.max_wait.optional();
  t.max_occupancy = o.max_occupancy.optional();
  return t;
}

void add_staffing(CLI::App& app, staffing_options& o) {
  add_targets(app, o.targets);
  const char* targets = "Targets";
  const char* limits = "Model and limits";
  add_parsed(app, "--max-abandon", o.max_abandon,
             ratio("abandonment target", bound::open, bound::open, min_probability_target),
             "Target: fraction of calls hanging up at most this, e.g. 5% (needs --patience)",
             "RATIO")
      ->group(targets);
  add_parsed(app, "--patience", o.patience, positive_duration("the patience"),
             "Mean patience before callers hang up, e.g. 5m: staffs with Erlang A (default: "
             "Erlang C, nobody hangs up)",
             "DURATION")
      ->group(limits);
  add_parsed(app, "--shrinkage", o.shrinkage, ratio("shrinkage", bound::closed, bound::open),
             "Fraction of scheduled time not on the phones (breaks, training), e.g. 30%", "RATIO")
      ->group(limits);
  add_parsed(app, "--min-agents", o.min_agents, whole("the minimum number of agents", 0),
             "Staff at least this many agents (default 0)", "N")
      ->group(limits);
  add_parsed(app, "--max-agents", o.max_agents, whole("the maximum number of agents", 1),
             "Agents available: needing more is an error (exit code 1)", "N")
      ->group(limits);
  add_parsed(app, "--max-blocking", o.max_blocking,
             ratio("blocking target", bound::open, bound::open, min_probability_target),
             "Target: fraction of calls blocked by a full queue at most this, e.g. 1% (needs "
             "--queue-capacity)",
             "RATIO")
      ->group(targets);
  add_queue_capacity(app, o.queue_capacity)->group(limits);
}

void throw_no_target() {
  throw usage_error(
      "no staffing target: give --service-level (e.g. 80/20s), --asa, "
      "--max-wait-probability, --max-occupancy or --max-abandon (or --max-blocking with "
      "--queue-capacity)");
}

staffing_request staffing_of(const staffing_options& o, bool require_target) {
  const auto places = queue_capacity_of(o.queue_capacity, o.patience);
  if (o.max_blocking && !places) {
    throw usage_error(
        "--max-blocking needs --queue-capacity: without a limit on the waiting places no "
        "call is blocked");
  }
  staffing_targets goal = targets_of(o.targets);
  if (o.max_abandon) {
    if (!o.patience) {
      throw usage_error(
          "--max-abandon needs --patience: abandonment is modelled only when "
          "callers have a finite mean patience (Erlang A)");
    }
    goal.max_abandon = *o.max_abandon;
  }
  goal.max_blocking = o.max_blocking.optional();
  if (!any_target(goal) && require_target) {
    throw_no_target();
  }
  staffing_request s{choose_model(o.patience.optional(), places),
                     goal,
                     o.shrinkage.value_or(0.0),
                     o.shrinkage ? parse_decimal_ratio(o.shrinkage.text) : std::nullopt,
                     o.min_agents.value_or(0.0),
                     o.max_agents.optional()};
  if (s.max_agents && s.min_agents > *s.max_agents) {
    throw usage_error(fmt::format("--min-agents {} is above --max-agents {}", o.min_agents.text,
                                  o.max_agents.text));
  }
  return s;
}

double scheduled_of(const staffing_request& s, double agents) {
  __extension__ using wide = unsigned __int128;  // a * denominator needs up to 100 bits
  const auto& exact = s.shrinkage_as_written;
  if (!exact || !(agents >= 0 && agents <= 1e12) || agents != std::floor(agents) ||
      exact->numerator >= exact->denominator) {
    return scheduled_agents(agents, s.shrinkage);
  }
  const wide on_phone = exact->denominator - exact->numerator;
  const wide numerator = static_cast<wide>(static_cast<std::uint64_t>(agents)) * exact->denominator;
  const wide scheduled = (numerator + on_phone - 1) / on_phone;  // the ceiling, exactly
  return static_cast<double>(scheduled);
}

double required_agents(const staffing_request& s, const load_point& p) {
  return std::max(agents_for(s.model, p, s.goal), s.min_agents);
}

}  // namespace erlangc
