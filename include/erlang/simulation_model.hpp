// The model, options and results of the queue simulator (see simulation.hpp).
#ifndef ERLANG_SIMULATION_MODEL_HPP
#define ERLANG_SIMULATION_MODEL_HPP

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

namespace erlang {

/// The families of time distributions (handling times, patience).
enum class distribution_family { exponential, deterministic, lognormal, gamma, empirical };

/// A distribution of a positive time: a family with its mean and coefficient of variation
/// (standard deviation / mean; used by lognormal and gamma), or a list of observed values
/// (empirical: each draw picks one of them with equal probability).
struct time_distribution {
  distribution_family family = distribution_family::exponential;
  double mean = 1;
  double cv = 1;
  std::vector<double> samples;

  static time_distribution exponential(double mean) {
    return {distribution_family::exponential, mean, 1, {}};
  }
  static time_distribution deterministic(double value) {
    return {distribution_family::deterministic, value, 0, {}};
  }
  /// ln T normal with sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2.
  static time_distribution lognormal(double mean, double cv) {
    return {distribution_family::lognormal, mean, cv, {}};
  }
  /// Shape 1 / cv^2, scale mean cv^2.
  static time_distribution gamma(double mean, double cv) {
    return {distribution_family::gamma, mean, cv, {}};
  }
  static time_distribution empirical(std::vector<double> values) {
    return {distribution_family::empirical, 0, 0, std::move(values)};
  }
};

/// Redials of blocked or of abandoned callers: each redials with `probability`, after an
/// exponential delay of mean `mean_delay`.
struct redial_behaviour {
  double probability = 0;
  double mean_delay = 1;
};

/// What is simulated. See the file comment for the two kinds of run.
struct simulation_model {
  std::vector<double> arrival_rates{1.0};  ///< calls per time unit, one per interval
  /// None: Poisson arrivals. Otherwise the shape of the gaps between fresh arrivals (a
  /// renewal process: GI/G/c): each gap is a draw divided by the distribution's mean and
  /// by the arrival rate, so that only the shape counts. Exponential is Poisson (and
  /// exponential(1) draws the very calls of no interarrival distribution in a stationary
  /// run); deterministic(1) spaces the calls evenly; gamma(1, cv) and lognormal(1, cv) give
  /// the gaps that coefficient of variation; empirical(gaps) takes observed gaps. In a day
  /// the gaps run in operational time: a gap of x (in units of the mean) ends where the
  /// rate integrated from its start reaches x, so a gap may span intervals (closed ones
  /// included), and the first call arrives one gap after the opening. Redials keep their
  /// exponential delays.
  std::optional<time_distribution> interarrival;
  std::vector<int> agents{1};  ///< one per interval, or one for every interval
  /// Length of an interval of the day; +infinity: a stationary run (one rate, one count).
  double interval_length = std::numeric_limits<double>::infinity();
  time_distribution service = time_distribution::exponential(1);
  /// Empty, or one factor per interval: the handling time of a call arriving in interval k
  /// is drawn from `service` and multiplied by service_scale[k] (a day whose AHT varies).
  std::vector<double> service_scale;
  std::optional<time_distribution> patience;   ///< none: nobody abandons
  std::optional<std::int64_t> waiting_places;  ///< none: unlimited
  redial_behaviour blocked_redial;
  redial_behaviour abandoned_redial;
  double answer_time = 0;  ///< the service-level target time t
};

/// How it is simulated.
struct simulation_options {
  std::uint64_t seed = 1;
  int replications = 10;               ///< independent replications, >= 2
  std::uint64_t calls = 100000;        ///< stationary: measured arrivals per replication
  std::uint64_t warmup_calls = 10000;  ///< stationary: arrivals discarded first
  /// 0: independent replications. >= 2 (stationary runs only): batch means instead: one
  /// run (the random streams of replication 0) discards warmup_calls arrivals, then
  /// measures `calls` arrivals in `batches` consecutive batches of calls / batches
  /// arrivals (the last takes the remainder); each batch stands for a replication in the
  /// confidence intervals (batches - 1 degrees of freedom), and `replications` is unused.
  /// Valid when a batch is long against the time the queue takes to forget its state.
  int batches = 0;
  double confidence = 0.95;                                  ///< of the intervals, in (0, 1)
  std::vector<double> quantiles{0.5, 0.8, 0.9, 0.95, 0.99};  ///< in (0, 1); may be empty
  /// Called, when set, with the calls simulated so far and the calls the whole run will
  /// simulate, at most every 2^16 arrivals and at the end of each replication (to show
  /// progress; the simulation does not depend on it). The reports rise, and the last is
  /// (total, total). Stationary: total = (warmup_calls + calls) x replications (batch
  /// means: warmup_calls + calls), exact. A day: total = the expected arrivals of a day
  /// (the sum of rate x interval_length, rounded up, at least 1) x replications; the
  /// count within a day is held below its share until the day ends, since the day's
  /// actual arrivals (and redials) differ from their expectation.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

/// A simulated value: value +- half_width is the confidence interval. NaN where nothing
/// was observed (no answered call for the ASA, ...).
struct estimate {
  double value = std::numeric_limits<double>::quiet_NaN();
  double half_width = std::numeric_limits<double>::quiet_NaN();
  double standard_error = std::numeric_limits<double>::quiet_NaN();
};

/// The measures of an interval or of the whole run. Fractions are over all offered calls
/// unless said otherwise.
struct simulation_measures {
  estimate wait_probability;           ///< found no free agent and queued (blocked calls excluded)
  estimate abandon_probability;        ///< queued, then hung up before service
  estimate blocking_probability;       ///< found every waiting place taken
  estimate service_level;              ///< answered within answer_time / offered
  estimate service_level_of_answered;  ///< answered within answer_time / answered
  /// answered within answer_time / (offered - abandoned within answer_time)
  estimate service_level_excluding_early_abandon;
  estimate average_speed_of_answer;  ///< mean wait of answered calls
  estimate
      mean_wait;  ///< mean wait of all offered calls (abandoned: until they hang up; blocked: 0)
  estimate mean_queue_length;  ///< time average of the number waiting
  /// busy agent time / present agent time (an agent finishing a call after the staffing
  /// fell is present until the call ends), in [0, 1]
  estimate occupancy;
  std::vector<estimate> wait_quantiles;  ///< of the answered calls' waits, per options.quantiles
  std::vector<estimate> response_time_quantiles;  ///< wait + handling time of answered calls
  std::uint64_t offered = 0;  ///< totals over the replications (measured calls only)
  std::uint64_t answered = 0;
  std::uint64_t abandoned = 0;
  std::uint64_t blocked = 0;
  std::uint64_t redials = 0;  ///< offered calls that were redials
};

struct simulation_result {
  simulation_measures overall;
  std::vector<simulation_measures> intervals;  ///< one per interval (stationary: one)
  std::uint64_t simulated_calls = 0;  ///< every arrival simulated (warm-up too), all replications
};

}  // namespace erlang

#endif  // ERLANG_SIMULATION_MODEL_HPP
