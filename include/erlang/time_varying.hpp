// Time-varying days: the M_t/M/n_t queue (+M with exponential patience, and with an
// optional finite number of waiting places) whose arrival rate and agents are constant
// within each interval of a day and change from one interval to the next.
//
// evaluate_day gives the exact performance of a staffing plan: the transient probabilities
// of the birth-death chain through the day (the Kolmogorov forward equations), from an
// empty system or a given start distribution, by uniformization (detail/time_varying_imp.hpp)
// on a state window that follows the mass. The probability mass the computation leaves out
// (the tails of the Poisson sums, the states dropped at the window's edges, the flow beyond
// the top state) is bounded, and the bound is returned: every computed probability is a
// lower bound of the true one, and the vector sums to one minus at most that mass.
//
// The chain: in state k (calls present) arrivals come at the interval's rate lambda while k
// is below the capacity (agents + waiting places; no limit without waiting places), and
// calls leave at min(k, n) mu + (k - n)^+ theta, with n the interval's agents, mu = 1/h and
// theta = 1/patience (0 without abandonment). When the agents fall below the calls in
// service, the extra calls wait again at the head of the queue (the usual M_t/M/n_t model,
// as in Ingolfsson et al. 2007); the states above a smaller capacity keep their calls but
// take no arrivals.
//
// Per interval, over the calls that ARRIVE in it (Poisson arrivals see the time average of
// the state probabilities over the interval, the rate being constant there):
//   wait_probability         P(queued): every agent busy and a waiting place free;
//   blocking                 P(the system is full): the call is lost;
//   abandon_probability      P(queued, then hangs up before service);
//   service_level            P(answered within answer_time), over all arriving calls;
//   average_speed_of_answer  mean wait of the answered calls (+infinity if none is);
// and over time: mean_queue_length (time average of the calls waiting), occupancy (time
// average of the busy agents over the agents; 0 without agents), and the mean calls present
// and waiting at the interval's end (what it hands to the next interval).
//
// Approximation (stated): a caller's fate (answered within t, answered, abandoned, its
// wait) is evaluated from the state it finds, exactly for that state, but with the agents
// of its arrival interval throughout its wait, even when the wait runs past the interval's
// end (the queue it finds and the calls ahead of it are exact; later intervals' agent counts
// are not used). The calls this concerns are those whose wait crosses the interval's end:
// for the service level only the callers arriving within answer_time of it and still
// waiting then.
//
// Times are in one unit chosen by the caller (interval_length, mean_handling_time,
// mean_patience, answer_time; arrival rates per that unit).
//
// The helpers for the stationary methods: the lagged load lambda(t - L) h (L the mean
// handling time, or the stationary-excess mean E[S](1 + c_s^2)/2), and the modified offered
// load m(t) of the infinite-server queue, m' = lambda(t) - m / h, with the exact step for
// piecewise-constant lambda m(t + D) = lambda h + (m(t) - lambda h) e^(-D/h) and its time
// average over the step in closed form (Jennings, Mandelbaum, Massey and Whitt 1996). The
// staffing functions apply the stationary solvers of this library to those loads, interval
// by interval (SIPP: the interval's own rate).
#ifndef ERLANG_TIME_VARYING_HPP
#define ERLANG_TIME_VARYING_HPP

#include <erlang/detail/forward.hpp>
#include <erlang/detail/time_varying_imp.hpp>
#include <erlang/targets.hpp>
#include <erlang/time_varying_model.hpp>

#include <vector>

namespace erlang {

/// Evaluates a day exactly (see the file comment): arrival_rates[i] (>= 0, per time unit)
/// and agents[i] (whole numbers >= 0) for interval i, from the start distribution `start`
/// (start[k] = P(k calls present); empty: an empty system). Returns each interval's
/// performance, the distribution at the day's end and a bound on the probability mass
/// left out (at most parameters.tolerance plus the start's own deficit). Domain errors: a
/// bad parameter, rate, agent count or start probability, or rates and agents of
/// different lengths.
template <class Real, class Policy = default_policy>
day_evaluation<Real> evaluate_day(const std::vector<Real>& arrival_rates,
                                  const std::vector<Real>& agents,
                                  const day_parameters<Real>& parameters,
                                  const std::vector<Real>& start = {},
                                  const Policy& pol = Policy()) {
  static const char* function = "erlang::evaluate_day<%1%>(rates, agents, parameters, start)";
  return detail::evaluate_day_imp(function, arrival_rates, agents, parameters, start, pol);
}

/// Evaluates one interval from the start distribution `start` (empty: an empty system),
/// with the whole of parameters.tolerance for it: the step a forward staffing search takes
/// interval by interval. Errors as for evaluate_day.
template <class Real, class Policy = default_policy>
interval_evaluation<Real> evaluate_interval(Real arrival_rate, Real agents,
                                            const day_parameters<Real>& parameters,
                                            const std::vector<Real>& start,
                                            const Policy& pol = Policy()) {
  static const char* function = "erlang::evaluate_interval<%1%>(%1%, %1%, parameters, start)";
  const auto day = detail::evaluate_day_imp(function, std::vector<Real>{arrival_rate},
                                            std::vector<Real>{agents}, parameters, start, pol);
  return {day.intervals.front(), day.final_distribution, day.truncation_mass};
}

/// The modified offered load after a step of `length` at a constant arrival rate: the
/// exact solution of m' = rate - m / h, m(t + D) = rate h + (m(t) - rate h) e^(-D/h), in
/// erlangs. load >= 0 (erlangs), rate >= 0, mean_handling_time > 0, length >= 0, all times
/// in one unit.
template <class Real, class Policy = default_policy>
Real modified_offered_load_step(Real load, Real arrival_rate, Real mean_handling_time, Real length,
                                const Policy& pol = Policy()) {
  return detail::forward<detail::modified_offered_load_imp<false>>(
      "erlang::modified_offered_load_step<%1%>(%1%, %1%, %1%, %1%)", pol, load, arrival_rate,
      mean_handling_time, length);
}

/// The time average of the modified offered load over a step of `length` > 0 at a constant
/// arrival rate, from `load` at its start, in closed form:
/// rate h + (load - rate h) (1 - e^(-D/h)) h / D. Arguments as for
/// modified_offered_load_step (length > 0).
template <class Real, class Policy = default_policy>
Real modified_offered_load_average(Real load, Real arrival_rate, Real mean_handling_time,
                                   Real length, const Policy& pol = Policy()) {
  return detail::forward<detail::modified_offered_load_imp<true>>(
      "erlang::modified_offered_load_average<%1%>(%1%, %1%, %1%, %1%)", pol, load, arrival_rate,
      mean_handling_time, length);
}

/// The modified offered load of a day with piecewise-constant rates (interval i at
/// arrival_rates[i] over interval_length), from initial_load erlangs at the day's start
/// (0: an empty system; arrival_rates[0] h: the first interval's stationary load): per
/// interval its time average and its value at the interval's end.
template <class Real, class Policy = default_policy>
offered_load_path<Real> modified_offered_loads(const std::vector<Real>& arrival_rates,
                                               Real interval_length, Real mean_handling_time,
                                               Real initial_load = 0,
                                               const Policy& pol = Policy()) {
  return detail::forward<detail::modified_offered_loads_imp>(
      "erlang::modified_offered_loads<%1%>(rates, %1%, %1%, %1%)", pol, arrival_rates,
      interval_length, mean_handling_time, initial_load);
}

/// The lag of the lagged-rate method for a service time of mean `mean_handling_time` and
/// squared coefficient of variation `scv`: the stationary-excess mean E[S](1 + c_s^2)/2
/// (scv = 1, exponential service, gives the mean itself). mean > 0, scv >= 0.
template <class Real, class Policy = default_policy>
Real stationary_excess_lag(Real mean_handling_time, Real scv, const Policy& pol = Policy()) {
  return detail::forward<detail::stationary_excess_lag_imp>(
      "erlang::stationary_excess_lag<%1%>(%1%, %1%)", pol, mean_handling_time, scv);
}

/// The lagged offered load of each interval: h times the time average over the interval
/// of lambda(t - lag), the piecewise-constant rate shifted by `lag` >= 0 (before the day
/// the rate is rate_before_day; 0: the day starts empty). In erlangs.
template <class Real, class Policy = default_policy>
std::vector<Real> lagged_offered_loads(const std::vector<Real>& arrival_rates, Real interval_length,
                                       Real mean_handling_time, Real lag, Real rate_before_day = 0,
                                       const Policy& pol = Policy()) {
  return detail::forward<detail::lagged_offered_loads_imp>(
      "erlang::lagged_offered_loads<%1%>(rates, %1%, %1%, %1%, %1%)", pol, arrival_rates,
      interval_length, mean_handling_time, lag, rate_before_day);
}

/// Staffing by a stationary model per interval: for each load (erlangs), the least agents
/// meeting `targets` in the stationary model the day's parameters name (the stationary
/// solvers of this library: Erlang C agents_for_targets; with a finite patience
/// erlang_a_agents_for_targets; with waiting places finite_queue_agents_for_targets or,
/// with patience too, finite_queue_abandonment_agents_for_targets). Applied to the
/// intervals' own loads (rate x h) it is SIPP; to lagged_offered_loads the lag method; to
/// modified_offered_loads(...).average the MOL method. Errors are the solvers' own.
template <class Real, class Policy = default_policy>
std::vector<Real> stationary_agents_for_loads(const std::vector<Real>& loads,
                                              const day_parameters<Real>& parameters,
                                              const staffing_targets<Real>& targets,
                                              const Policy& pol = Policy()) {
  return detail::stationary_agents_imp(loads, parameters, targets, pol);
}

/// SIPP staffing: each interval's own load (rate x h) in the stationary model.
template <class Real, class Policy = default_policy>
std::vector<Real> sipp_agents_for_targets(const std::vector<Real>& arrival_rates,
                                          const day_parameters<Real>& parameters,
                                          const staffing_targets<Real>& targets,
                                          const Policy& pol = Policy()) {
  return detail::stationary_agents_imp(
      detail::interval_loads(arrival_rates, parameters.mean_handling_time), parameters, targets,
      pol);
}

/// Lag staffing: the lagged loads (lag, rate before the day) in the stationary model.
template <class Real, class Policy = default_policy>
std::vector<Real> lag_agents_for_targets(const std::vector<Real>& arrival_rates,
                                         const day_parameters<Real>& parameters, Real lag,
                                         Real rate_before_day,
                                         const staffing_targets<Real>& targets,
                                         const Policy& pol = Policy()) {
  return stationary_agents_for_loads(
      lagged_offered_loads(arrival_rates, parameters.interval_length, parameters.mean_handling_time,
                           lag, rate_before_day, pol),
      parameters, targets, pol);
}

/// MOL staffing: each interval's time-averaged modified offered load (from initial_load
/// erlangs) in the stationary model.
template <class Real, class Policy = default_policy>
std::vector<Real> mol_agents_for_targets(const std::vector<Real>& arrival_rates,
                                         const day_parameters<Real>& parameters, Real initial_load,
                                         const staffing_targets<Real>& targets,
                                         const Policy& pol = Policy()) {
  return stationary_agents_for_loads(
      modified_offered_loads(arrival_rates, parameters.interval_length,
                             parameters.mean_handling_time, initial_load, pol)
          .average,
      parameters, targets, pol);
}

/// Exact staffing: interval by interval, in order, the fewest agents (whole numbers >= 0)
/// with which the interval meets `targets` under the exact evaluator (evaluate_day), from
/// the distribution the earlier intervals leave behind with the agents already chosen
/// (start: the day's start distribution; empty: an empty system). The service level is
/// evaluated at targets.answer_time (parameters.answer_time is not used).
///
/// The rule: an interval's measures depend on its own agents and on the state it inherits
/// only (its callers are evaluated with its agents), so one forward pass is exact: every
/// interval meets the targets under evaluate_day of the result, and with one agent fewer
/// in any interval i (the others unchanged) interval i misses them. Fewer agents earlier
/// can need more later: the result is the least plan in that interval-by-interval order,
/// not the least total. The search of an interval starts from the count of the interval
/// before, moved by the change of the modified offered load. Targets: those of the stationary model
/// the parameters name (Erlang C, Erlang A, M/M/c/K, M/M/c/K+M), rejected by name otherwise. Errors
/// as for evaluate_day.
template <class Real, class Policy = default_policy>
std::vector<Real> exact_agents_for_targets(const std::vector<Real>& arrival_rates,
                                           const day_parameters<Real>& parameters,
                                           const std::vector<Real>& start,
                                           const staffing_targets<Real>& targets,
                                           const Policy& pol = Policy()) {
  static const char* function =
      "erlang::exact_agents_for_targets<%1%>(rates, parameters, start, targets)";
  return detail::exact_agents_imp(function, arrival_rates, parameters, targets, start, pol);
}

}  // namespace erlang

#endif  // ERLANG_TIME_VARYING_HPP
