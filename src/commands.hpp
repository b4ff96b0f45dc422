// The erlangc commands, independent of the command line: each takes a checked request,
// computes with the models (models.hpp) and writes its result to a stream in the chosen
// format. Nothing is written unless the command succeeds. Errors: usage_error (bad
// input, exit 2), infeasible_error (no answer, exit 1), and std::domain_error from the
// library (exit 2). All times are in seconds, all ratios are fractions.
//
// The command line of each command (its options, their checks and its schema) is in
// src/commands/<name>.cpp, registered from the one table in src/commands/registry.cpp.
#ifndef ERLANGC_COMMANDS_HPP
#define ERLANGC_COMMANDS_HPP

#include "forecast_csv.hpp"
#include "models.hpp"
#include "options.hpp"
#include "output.hpp"

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace erlangc {

/// The largest offered traffic the tool accepts, in erlangs (far above any real system;
/// beyond it agent counts approach the limit of exact integers in double precision).
inline constexpr double max_traffic = 1e9;

/// Smallest targets accepted: below them the measures underflow double precision.
inline constexpr double min_asa_target = 1e-6;          ///< seconds
inline constexpr double min_probability_target = 1e-6;  ///< wait probability, abandonment
inline constexpr double min_occupancy_target = 0.01;

/// The largest Engset population the tool accepts: Engset takes time proportional to the
/// servers (at most the sources); beyond it Erlang B gives the same answer to many digits.
inline constexpr double max_engset_sources = 1e8;

/// The most waiting places the tool accepts with --patience: M/M/c/K+M takes time
/// proportional to the waiting places that hold calls (M/M/c/K without patience costs the
/// same for any queue).
inline constexpr double max_waiting_places_with_patience = 1e7;

/// Throws usage_error when traffic exceeds max_traffic; `what` names its source.
void check_traffic(double traffic, const std::string& what);

/// Traffic for headings: "10 E".
std::string describe_traffic(double erlangs);

// ---- load ---------------------------------------------------------------------------
struct load_request {
  double rate = 0;  ///< calls per second
  double aht = 0;   ///< seconds, > 0
  std::optional<double> calls;
  std::optional<double> interval;  ///< seconds
};
void run_load(const load_request& request, output_format format, std::ostream& out);

// ---- b: Erlang B blocking -----------------------------------------------------------
struct blocking_request {
  double traffic = 0;
  double servers = 1;
};
void run_blocking(const blocking_request& request, output_format format, std::ostream& out);

// ---- lines: servers for a blocking target, or the traffic servers carry -------------
struct lines_request {
  std::optional<double> traffic;  ///< exactly one of traffic and servers
  std::optional<double> servers;
  double blocking = 0.01;  ///< target, in (0, 1)
};
void run_lines(const lines_request& request, output_format format, std::ostream& out);

// ---- engset: a finite number of sources, blocked calls lost --------------------------
struct engset_request {
  double sources = 1;
  double idle_source_traffic = 0;  ///< beta: erlangs offered by each idle source
  std::optional<double> servers;   ///< exactly one of servers and blocking
  std::optional<double> blocking;  ///< target, in (0, 1): find the fewest servers
  engset_measure measure = engset_measure::call_congestion;
};
void run_engset(const engset_request& request, output_format format, std::ostream& out);

// ---- retry: extended Erlang B, blocked callers try again ---------------------------------
struct retry_request {
  double traffic = 0;              ///< first-attempt traffic, erlangs
  double retry = 0;                ///< fraction of blocked attempts tried again, [0, 1]
  std::optional<double> servers;   ///< exactly one of servers and blocking
  std::optional<double> blocking;  ///< target, in (0, 1): find the fewest servers
};
void run_retry(const retry_request& request, output_format format, std::ostream& out);

// ---- c and a: the measures at a number of agents, and the staffing curve -------------
struct measures_request {
  queue_model model;  ///< c: Erlang C or M/M/c/K; a: Erlang A or M/M/c/K+M
  load_point load;
  double agents = 1;
  std::optional<staffing_targets> goal;  ///< reported as meets_target
};
/// c: Erlang C or M/M/c/K.
void run_wait(const measures_request& request, output_format format, std::ostream& out);
/// a: Erlang A or M/M/c/K+M.
void run_abandon(const measures_request& request, output_format format, std::ostream& out);

struct curve_request {
  queue_model model;  ///< Erlang C or M/M/c/K
  load_point load;
  std::optional<double> agents;          ///< centre of the curve
  std::optional<staffing_targets> goal;  ///< marks the answer, centres on it
  std::optional<double> from;
  std::optional<double> to;
  std::string chart;  ///< a file to draw the curve in (empty: none)
};
void run_curve(const curve_request& request, output_format format, std::ostream& out);

// ---- staff --------------------------------------------------------------------------
struct staff_request {
  double traffic = 0;
  double aht = 0;
  staffing_request staffing;
  std::optional<double> calls;
  std::optional<double> interval;
  std::string chart;  ///< a file to draw the staffing curve in (empty: none)
};
void run_staff(const staff_request& request, output_format format, std::ostream& out);

// ---- plan ---------------------------------------------------------------------------
struct plan_request {
  staffing_request staffing;
  std::optional<double> aht;                 ///< default for rows without one
  std::optional<double> interval;            ///< seconds; inferred from start times when empty
  forecast_options forecast;                 ///< how the forecast is read (--strict, ...)
  std::optional<double> agents;              ///< roster: agents for rows without an agents cell
  std::optional<std::uint64_t> input_bytes;  ///< the size of a regular input file (progress)
  day_method method = day_method::sipp;      ///< how the agents are found (not for a roster)
  bool evaluate = false;  ///< measures under the exact evaluation of the day (exact: always)
  std::string chart;      ///< a file for the intraday chart (empty: none)
  std::string report;     ///< a file for the HTML report (empty: none)
};
/// Reads the forecast from `in` (`source` names it in messages), staffs every interval,
/// then writes the plan: one row per interval and a totals row. With a roster (an agents
/// column, or request.agents) it reports what those agents achieve instead, and where the
/// targets (optional then) are missed.
void run_plan(const plan_request& request, std::istream& in, const std::string& source,
              output_format format, std::ostream& out);

// ---- table: the Erlang B capacity table ----------------------------------------------
struct table_request {
  std::vector<double> servers;
  std::vector<double> blocking;
  std::string chart;  ///< a file to draw the table in (empty: none)
};
void run_table(const table_request& request, output_format format, std::ostream& out);

}  // namespace erlangc

#endif  // ERLANGC_COMMANDS_HPP
