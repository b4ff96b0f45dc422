// The erlangc commands, independent of the command line: each takes a checked request,
// computes with the erlang library and writes its result to a stream in the chosen
// format. Nothing is written unless the command succeeds. Errors: usage_error (bad
// input, exit 2), infeasible_error (no answer, exit 1), and std::domain_error from the
// library (exit 2). All times are in seconds, all ratios are fractions.
#ifndef ERLANGC_COMMANDS_HPP
#define ERLANGC_COMMANDS_HPP

#include "output.hpp"

#include <erlang/engset.hpp>
#include <erlang/staffing.hpp>

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

/// Queue measures at a staffing level. Erlang C leaves abandon_probability NaN; blocking is
/// 0 without a queue capacity.
struct queue_measures {
  double blocking = 0;             ///< finite queue: P(the queue is full on arrival), lost
  double wait_probability = 0;     ///< P(an arriving call waits)
  double service_level = 1;        ///< fraction of calls answered within the answer time
  double asa = 0;                  ///< seconds; Erlang C: mean wait of all calls;
                                   ///< Erlang A, finite queue: mean wait of answered calls
  double mean_queue_length = 0;    ///< mean number of calls waiting
  double occupancy = 0;            ///< fraction of agent time busy
  double abandon_probability = 0;  ///< Erlang A: fraction of calls that hang up waiting
};

/// Erlang C measures at `agents` (> traffic, or traffic 0). No traffic: nothing waits.
queue_measures erlang_c_measures(double traffic, double agents, double aht, double answer_time);

/// Erlang A measures at `agents` >= 0 with mean patience `patience`.
queue_measures erlang_a_measures(double traffic, double agents, double aht, double patience,
                                 double answer_time);

/// M/M/c/K measures (M/M/c/K+M with a patience) at `agents` >= 1 with `waiting_places`
/// calls able to wait at once.
queue_measures finite_queue_measures_at(double traffic, double agents, double waiting_places,
                                        double aht, std::optional<double> patience,
                                        double answer_time);

/// The targets in words: "service level 80 % within 20 s, ASA <= 15 s".
std::string describe_targets(const erlang::staffing_targets<double>& targets);

/// True when the measures meet every target set (and blocking <= max_blocking if given).
/// The wait probability target bounds the calls that find every agent busy: those that
/// wait and, with a finite queue, those blocked.
bool meets_targets(const queue_measures& measures, const erlang::staffing_targets<double>& targets,
                   std::optional<double> max_blocking = std::nullopt);

/// What staffing searches aim for and the limits they work within.
struct staffing_options {
  erlang::staffing_targets<double> targets;  ///< seconds for times
  double shrinkage = 0;                      ///< in [0, 1)
  std::optional<double> patience;            ///< seconds; set: Erlang A, else Erlang C
  std::optional<double> queue_capacity;      ///< waiting places; set: M/M/c/K(+M)
  std::optional<double> max_blocking;        ///< target, with queue_capacity only
  double min_agents = 0;                     ///< floor on productive agents
  std::optional<double> max_agents;          ///< more needed: infeasible
};

/// The model the options select: "erlang_c", "erlang_a", "finite_queue" (M/M/c/K) or
/// "finite_queue_abandonment" (M/M/c/K+M).
std::string model_key(const staffing_options& options);

/// The model in words for headings: "Erlang C", "M/M/c/K (a queue of 5 waiting places)";
/// with_patience adds the mean patience when there is one.
std::string describe_model(const staffing_options& options, bool with_patience = false);

/// The targets of the options in words, the blocking target included.
std::string describe_staffing_targets(const staffing_options& options);

/// The least productive agents meeting the targets (at least min_agents; none for no
/// traffic unless min_agents says otherwise). Does not apply max_agents.
double required_agents(double traffic, double aht, const staffing_options& options);

/// The measures at `agents` under the model the options select.
queue_measures measures_at(double traffic, double agents, double aht,
                           const staffing_options& options);

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
  erlang::engset_measure measure = erlang::engset_measure::call_congestion;
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

// ---- c: Erlang C measures, and the staffing curve ------------------------------------
struct wait_request {
  double traffic = 0;
  double agents = 1;
  double aht = 0;
  double answer_time = 20;
  std::optional<double> queue_capacity;                     ///< waiting places: M/M/c/K
  std::optional<erlang::staffing_targets<double>> targets;  ///< reported as meets_target
};
void run_wait(const wait_request& request, output_format format, std::ostream& out);

struct curve_request {
  double traffic = 0;
  double aht = 0;
  double answer_time = 20;
  std::optional<double> agents;                             ///< centre of the curve
  std::optional<erlang::staffing_targets<double>> targets;  ///< marks the answer, centres on it
  std::optional<double> from;
  std::optional<double> to;
  std::optional<double> queue_capacity;  ///< waiting places: M/M/c/K
};
void run_curve(const curve_request& request, output_format format, std::ostream& out);

// ---- a: Erlang A measures -----------------------------------------------------------
struct abandon_request {
  double traffic = 0;
  double agents = 1;
  double aht = 0;
  double patience = 0;
  double answer_time = 20;
  std::optional<double> queue_capacity;  ///< waiting places: M/M/c/K+M
};
void run_abandon(const abandon_request& request, output_format format, std::ostream& out);

// ---- staff --------------------------------------------------------------------------
struct staff_request {
  double traffic = 0;
  double aht = 0;
  staffing_options staffing;
  std::optional<double> calls;
  std::optional<double> interval;
};
void run_staff(const staff_request& request, output_format format, std::ostream& out);

// ---- plan ---------------------------------------------------------------------------
struct plan_request {
  staffing_options staffing;
  std::optional<double> aht;       ///< default for rows without one
  std::optional<double> interval;  ///< seconds; inferred from start times when empty
};
/// Reads the forecast from `in` (`source` names it in messages), staffs every interval,
/// then writes the plan: one row per interval and a totals row.
void run_plan(const plan_request& request, std::istream& in, const std::string& source,
              output_format format, std::ostream& out);

// ---- table: the Erlang B capacity table ----------------------------------------------
struct table_request {
  std::vector<double> servers;
  std::vector<double> blocking;
};
void run_table(const table_request& request, output_format format, std::ostream& out);

/// Writes `text` to `out`; throws std::runtime_error when the stream fails.
void write_all(std::ostream& out, const std::string& text);

}  // namespace erlangc

#endif  // ERLANGC_COMMANDS_HPP
