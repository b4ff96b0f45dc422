// The options the erlangc commands share, typed: CLI11 parses each value once, with the
// parser of units.hpp, while it checks the command line (a bad value is a CLI11
// validation error naming the option), and stores the result with the text as written
// (for messages). The *_of functions then check how the options combine and build the
// parts of a checked request.
#ifndef ERLANGC_OPTIONS_HPP
#define ERLANGC_OPTIONS_HPP

#include "errors.hpp"
#include "forecast_csv.hpp"
#include "models.hpp"
#include "output.hpp"
#include "units.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

namespace erlangc {

/// An option's value, parsed once, and its text as written; empty when not given.
template <class T>
struct arg {
  std::optional<T> value;
  std::string text;

  explicit operator bool() const noexcept { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
  [[nodiscard]] T value_or(T fallback) const { return value.value_or(fallback); }
  [[nodiscard]] const std::optional<T>& optional() const noexcept { return value; }
};

/// Adds --name with a validator that parses its text with `parse` (which throws
/// usage_error) and stores the result in `target`.
template <class T>
CLI::Option* add_parsed(CLI::App& app, const std::string& name, arg<T>& target,
                        std::function<T(const std::string&)> parse, const std::string& help,
                        const std::string& type) {
  return app.add_option(name, help)
      ->type_name(type)
      ->check(CLI::Validator(
          [&target, parse = std::move(parse)](std::string& text) -> std::string {
            try {
              target.value = parse(text);
              target.text = text;
              return {};
            } catch (const usage_error& e) {
              return e.what();
            }
          },
          ""));
}

// ---- the parsers with the checks of each kind of option --------------------------------
enum class bound { open, closed };
std::function<double(const std::string&)> positive_duration(const char* what);
std::function<double(const std::string&)> non_negative_duration();
/// An interval length, at least min_interval.
inline constexpr double min_interval = 1e-6;  ///< seconds
std::function<double(const std::string&)> interval_duration();
std::function<double(const std::string&)> whole(const char* what, double min);
std::function<double(const std::string&)> ratio(const char* what, bound lower, bound upper,
                                                double smallest = 0);

/// --format.
CLI::Option* add_format(CLI::App& app, output_format& format);

/// The options of a forecast input (plan, simulate FILE): --strict, --decimal-comma and
/// --columns.
void add_forecast_options(CLI::App& app, forecast_options& o);
/// --columns "start=Interval,calls=Offered": erlangc's column and the header name, each
/// column once ("time" is start); throws usage_error.
std::vector<std::pair<std::string, std::string>> parse_columns(std::string_view text);

// ---- traffic: --traffic, or --calls --interval, or --rate, with --aht ---------------------
struct traffic_options {
  arg<double> traffic;   ///< erlangs
  arg<double> calls;     ///< offered in interval
  arg<double> interval;  ///< seconds
  arg<double> rate;      ///< calls per second
  arg<double> aht;       ///< seconds
};
/// --calls, --interval and --rate.
void add_calls(CLI::App& app, traffic_options& o);
/// --traffic and the options of add_calls.
void add_traffic(CLI::App& app, traffic_options& o);
void add_aht(CLI::App& app, traffic_options& o, const char* help);
/// add_traffic and --aht as the mean holding time (b, lines, retry).
void add_traffic_and_holding_time(CLI::App& app, traffic_options& o);
/// The offered traffic from the form given, checked against max_traffic.
double traffic_of(const traffic_options& o);
double required_aht(const traffic_options& o);
void reject_interval_without_calls(const traffic_options& o);

// ---- agents, queue and targets ---------------------------------------------------------
CLI::Option* add_agents(CLI::App& app, arg<double>& agents);
/// --blocking, an Erlang B, Engset or extended Erlang B blocking target in (0, 1).
CLI::Option* add_blocking_target(CLI::App& app, arg<double>& blocking, const char* help);
CLI::Option* add_queue_capacity(CLI::App& app, arg<double>& places);
/// --queue-capacity, checked against --patience.
std::optional<double> queue_capacity_of(const arg<double>& places, const arg<double>& patience);

struct target_options {
  arg<service_level_spec> service_level;
  arg<double> target;  ///< answer time
  arg<double> asa;
  arg<double> max_wait;
  arg<double> max_occupancy;
};
/// --service-level, --target, --asa, --max-wait-probability and --max-occupancy.
void add_targets(CLI::App& app, target_options& o);
/// The answer time: from --service-level 80/20s, else --target, else 20 s.
double answer_time_of(const target_options& o);
/// The targets given (none: any() is false).
staffing_targets targets_of(const target_options& o);

/// What staffing searches take: the targets and the limits they work within.
struct staffing_options {
  target_options targets;
  arg<double> max_abandon;
  arg<double> patience;
  arg<double> shrinkage;
  arg<double> min_agents;
  arg<double> max_agents;
  arg<double> max_blocking;
  arg<double> queue_capacity;
};
/// The targets and the staffing options, --queue-capacity included.
void add_staffing(CLI::App& app, staffing_options& o);

/// A checked staffing request: the model, at least one target and the limits.
struct staffing_request {
  queue_model model;
  staffing_targets goal;
  double shrinkage = 0;                                  ///< in [0, 1)
  std::optional<decimal_fraction> shrinkage_as_written;  ///< exact, when a plain decimal
  double min_agents = 0;                                 ///< floor on productive agents
  std::optional<double> max_agents;                      ///< more needed: infeasible
};
/// Throws usage_error unless `require_target` is false, when no target is given.
staffing_request staffing_of(const staffing_options& o, bool require_target = true);
/// The usage_error staffing_of throws without a target.
[[noreturn]] void throw_no_target();

/// Agents to schedule for `agents` on the phones: the least n with n (1 - shrinkage) >=
/// agents, exact for the decimal shrinkage the user wrote (30 % of 10 scheduled is 7 on the
/// phones: 7 needs 10, not 11).
double scheduled_of(const staffing_request& s, double agents);

/// The least productive agents meeting the targets, at least min_agents. Does not apply
/// max_agents.
double required_agents(const staffing_request& s, const load_point& p);

}  // namespace erlangc

#endif  // ERLANGC_OPTIONS_HPP
