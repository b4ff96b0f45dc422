// The erlang library as the erlangc commands see it: every call from the tool into the
// library is made in models.cpp and nowhere else. The queueing models (Erlang C, Erlang A,
// M/M/c/K, M/M/c/K+M) are one value, queue_model, chosen once from the options and
// dispatched once (std::visit) for measures, staffing and the words that describe it.
// All times are in seconds, all ratios are fractions, traffic in erlangs.
//
// Adding a model: a struct with the members the others have (key, words, measures,
// agents_for, the facts in model_facts), one more alternative of queue_model, and the
// option that selects it in choose_model.
#ifndef ERLANGC_MODELS_HPP
#define ERLANGC_MODELS_HPP

#include <erlang/engset.hpp>
#include <erlang/measures.hpp>
#include <erlang/targets.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace erlangc {

/// What a staffing must achieve (the library's targets; times in seconds): an empty target
/// is not set.
using staffing_targets = erlang::staffing_targets<double>;

/// True when at least one target is set.
bool any_target(const staffing_targets& t) noexcept;

/// The targets in words: "service level 80 % within 20 s, ASA <= 15 s, blocking <= 1 %".
std::string describe(const staffing_targets& t);

/// Queue measures at a staffing level, the library's (times in seconds): blocking is 0
/// without a finite queue, abandon_probability 0 without patience. The ASA is the mean
/// wait of the answered calls, which in Erlang C is every call. erlang::meets(measures,
/// targets) decides the targets.
using queue_measures = erlang::queue_measures<double>;
using erlang::meets;

/// Where a model's answer is asked for: the traffic, the mean handling time and the
/// service level's answer time.
struct load_point {
  double traffic = 0;  ///< erlangs
  double aht = 1;      ///< seconds
  double answer_time = 20;
};

/// Erlang C: callers wait as long as it takes.
struct erlang_c_model {
  [[nodiscard]] queue_measures measures(const load_point& p, double agents) const;
  [[nodiscard]] double agents_for(const load_point& p, const staffing_targets& t) const;
};

/// Erlang A: callers hang up after an exponential patience of mean `patience`.
struct erlang_a_model {
  double patience = 0;
  [[nodiscard]] queue_measures measures(const load_point& p, double agents) const;
  [[nodiscard]] double agents_for(const load_point& p, const staffing_targets& t) const;
};

/// M/M/c/K: at most `waiting_places` calls wait; a call finding them all taken is blocked.
struct finite_queue_model {
  double waiting_places = 0;
  [[nodiscard]] queue_measures measures(const load_point& p, double agents) const;
  [[nodiscard]] double agents_for(const load_point& p, const staffing_targets& t) const;
};

/// M/M/c/K+M: a finite queue whose callers hang up after a mean patience.
struct finite_queue_abandonment_model {
  double waiting_places = 0;
  double patience = 0;
  [[nodiscard]] queue_measures measures(const load_point& p, double agents) const;
  [[nodiscard]] double agents_for(const load_point& p, const staffing_targets& t) const;
};

using queue_model = std::variant<erlang_c_model, erlang_a_model, finite_queue_model,
                                 finite_queue_abandonment_model>;

/// The model the options select: a patience adds abandonment, waiting places a finite queue.
queue_model choose_model(std::optional<double> patience, std::optional<double> waiting_places);

/// What the output says about a model.
struct model_facts {
  std::string_view key;                  ///< "erlang_c", "erlang_a", "finite_queue", ...
  std::optional<double> patience;        ///< set: callers hang up
  std::optional<double> waiting_places;  ///< set: calls can be blocked
  [[nodiscard]] bool abandons() const noexcept { return patience.has_value(); }
  [[nodiscard]] bool blocks() const noexcept { return waiting_places.has_value(); }
  /// Without abandonment nor a finite queue, traffic >= agents waits without bound.
  [[nodiscard]] bool overflows() const noexcept { return !abandons() && !blocks(); }
  /// The ASA is the mean wait of answered calls (else of all calls).
  [[nodiscard]] bool asa_of_answered() const noexcept { return !overflows(); }
};
model_facts facts(const queue_model& model);

/// The model in words: "Erlang C", "M/M/c/K (a queue of 5 waiting places)";
/// with_patience adds the mean patience when there is one.
std::string describe(const queue_model& model, bool with_patience = false);

/// The model with how its callers behave, for headings: "Erlang C (callers wait)" or
/// "M/M/c/K (a queue of 5 waiting places; callers wait)".
std::string describe(const queue_model& model, std::string_view behaviour);

/// The measures at `agents` (agents > traffic for a model that overflows).
queue_measures measures_at(const queue_model& model, const load_point& p, double agents);

/// The least agents meeting the targets (none for no traffic).
double agents_for(const queue_model& model, const load_point& p, const staffing_targets& t);

/// Agents to schedule for `agents` on the phones with a fraction `shrinkage` off them.
double scheduled_agents(double agents, double shrinkage);

/// Offered traffic of `rate` calls per second held `aht` seconds.
double offered_traffic(double rate, double aht);

// ---- Erlang B -------------------------------------------------------------------------
double erlang_b_blocking(double traffic, double servers);
double erlang_b_servers(double traffic, double blocking);
double erlang_b_traffic(double servers, double blocking);

// ---- Engset ---------------------------------------------------------------------------
/// The Engset blocking a target applies to: time, call or traffic congestion.
using engset_measure = erlang::engset_measure;
struct engset_congestion {
  double time = 0;
  double call = 0;
  double traffic = 0;
};
/// Offered traffic of all sources, from each idle source's traffic beta.
double engset_offered(double beta, double sources);
/// Each idle source's traffic from the traffic of all sources.
double engset_beta(double traffic, double sources);
engset_congestion engset_at(double beta, double sources, double servers);
double engset_servers(double beta, double sources, double blocking, engset_measure measure);

// ---- extended Erlang B ----------------------------------------------------------------
struct retry_measures {
  double total_traffic = 0;  ///< first attempts and retries
  double blocking = 0;       ///< of attempts
};
retry_measures retry_at(double traffic, double servers, double retry);
double retry_servers(double traffic, double blocking, double retry);

// ---- a day whose traffic changes by interval (plan --method, --evaluate) ---------------
/// How a day is staffed: each interval as a stationary queue with its own traffic (SIPP),
/// with the traffic lagged by the mean handling time (lag), with the modified offered load
/// of the infinite-server queue (mol), or with the fewest agents under the exact
/// evaluation of the day (exact).
enum class day_method { sipp, lag, mol, exact };
/// The day as the time-varying model sees it: the traffic of each interval, one mean
/// handling time for the day (the calls-weighted mean; each interval's arrival rate is its
/// traffic over it, so that its workload is kept), the interval length, the answer time.
struct day_input {
  std::vector<double> traffic;  ///< erlangs, per interval
  double interval = 0;          ///< seconds
  double mean_aht = 0;          ///< seconds
  double answer_time = 0;
};
/// The agents of each interval by the method.
std::vector<double> day_agents(const queue_model& model, const day_input& day, day_method method,
                               const staffing_targets& t);
/// The measures of each interval under the exact evaluation of the day (the transient
/// probabilities from an empty start), with the agents given.
std::vector<queue_measures> day_exact_measures(const queue_model& model, const day_input& day,
                                               const std::vector<double>& agents);

// ---- chat (erlangc chat) ------------------------------------------------------------------
/// Agents holding up to aht.size() conversations each (erlang/chat.hpp): patience and
/// waiting places as for the queueing models (unset: none / no limit).
struct chat_model {
  std::optional<double> patience;
  std::optional<double> waiting_places;
};
/// The measures of `agents` at `rate` conversations per second; aht[j - 1] the mean handling
/// time (seconds) with j conversations open.
queue_measures chat_measures_at(const chat_model& m, double rate, double agents,
                                const std::vector<double>& aht, double answer_time);
/// The fewest agents meeting the targets.
double chat_agents_for(const chat_model& m, double rate, const std::vector<double>& aht,
                       const staffing_targets& t);

// ---- a server pool (erlangc pool) -------------------------------------------------------
/// Requests with a mean service time and the variability of arrivals and service: M/M/c
/// (exact) at unit coefficients of variation, G/G/c by the approximations of gg_c.hpp else.
struct pool_model {
  double service_time = 1;  ///< seconds
  double cv_arrival = 1;
  double cv_service = 1;
  [[nodiscard]] bool exponential() const noexcept { return cv_arrival == 1 && cv_service == 1; }
};
/// A pool's targets (unset: not asked for).
struct pool_goal {
  std::optional<double> response_fraction;  ///< P(response <= response_time) at least this
  double response_time = 0;
  std::optional<double> wait_fraction;  ///< P(wait <= wait_time) at least this
  double wait_time = 0;
  std::optional<double> max_mean_response;
  std::optional<double> max_utilization;
  [[nodiscard]] bool any() const noexcept {
    return response_fraction || wait_fraction || max_mean_response || max_utilization;
  }
};
struct pool_measures {
  double utilization = 0;
  double wait_probability = 0;
  double mean_wait = 0;
  double mean_response = 0;
  std::vector<double> response_quantiles;  ///< at the fractions asked
  std::vector<double> wait_quantiles;
  double response_within = 0;  ///< P(response <= goal's response_time), when asked
  double wait_within = 0;      ///< P(wait <= goal's wait_time), when asked
};
/// The measures at `servers` (> traffic), the quantiles at `fractions`.
pool_measures pool_measures_at(const pool_model& m, double traffic, double servers,
                               const std::vector<double>& fractions, const pool_goal& goal);
bool pool_meets(const pool_measures& measures, const pool_goal& goal);
/// The fewest servers meeting the goal.
double pool_servers_for(const pool_model& m, double traffic, const pool_goal& goal);
/// The largest traffic `servers` serve within the goal.
double pool_traffic_for(const pool_model& m, double servers, const pool_goal& goal);

// ---- Erlang X (erlangc x) ------------------------------------------------------------
/// Which calls the service level is a fraction of.
enum class sl_definition { offered, answered, excluding_early_abandon };
struct x_model {
  std::optional<double> waiting_places;  ///< unset: no limit
  std::optional<double> patience;        ///< seconds; unset: nobody hangs up
  double redial_abandoned = 0;
  double redial_blocked = 0;
  double redial_delay = 0;  ///< seconds
  double forecast_cv = 0;   ///< coefficient of variation of the fresh traffic
  sl_definition definition = sl_definition::offered;
};
struct x_result {
  double blocking = 0;
  double wait_probability = 0;
  double abandon_probability = 0;
  double service_level = 0;  ///< by the model's definition
  double service_level_of_offered = 0;
  double service_level_of_answered = 0;
  double service_level_excluding_early_abandon = 0;
  double asa = 0;  ///< mean wait of answered calls
  double mean_wait = 0;
  double mean_queue_length = 0;
  double occupancy = 0;
  double redial_rate = 0;  ///< per second
  double total_traffic = 0;
};
x_result x_measures_at(const x_model& m, double traffic, double agents, double aht,
                       double answer_time);
bool x_meets(const x_result& x, const staffing_targets& t);
/// The fewest agents meeting the targets.
double x_agents_for(const x_model& m, double traffic, double aht, const staffing_targets& t);
/// The largest fresh traffic `agents` handle within the targets (m.forecast_cv must be 0).
double x_traffic_for(const x_model& m, double agents, double aht, const staffing_targets& t);

}  // namespace erlangc

#endif  // ERLANGC_MODELS_HPP
