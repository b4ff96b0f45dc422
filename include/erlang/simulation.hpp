// A discrete-event simulation of a multi-server queue: the independent check of the
// analytic models, and answers where no closed form exists (lognormal handling times,
// deterministic patience, a day whose traffic and staffing change by interval, redials).
//
// Model. Calls arrive as a Poisson process whose rate is constant, or constant within each
// interval of a day, or as a renewal process at those rates whose gaps have a given shape
// (deterministic, gamma, lognormal, observed gaps: GI/G/c; see simulation_model). Each
// call brings a handling time and (optionally) a patience drawn from their distributions
// (exponential, deterministic, lognormal or gamma given the mean and coefficient of
// variation, or drawn uniformly from a list of observed values). A call
// that finds a free agent is answered at once; otherwise it waits in FIFO order if a
// waiting place is free (the number of places may be unlimited), or is blocked. A waiting
// call abandons when its patience runs out before its service starts. The number of agents
// may change at each interval boundary: an increase takes calls from the queue at once, a
// decrease takes effect as agents free up (no call in service is interrupted). Blocked and
// abandoned callers may redial: each with its own probability, after an exponential delay
// with its own mean; a redial is a new offered call (new handling time and patience).
// Times (interval length, handling times, patience, delays, answer time, the returned
// waits) are in one unit chosen by the caller, and rates in calls per that unit.
//
// Two kinds of run:
// - stationary (model.interval_length infinite, one rate and one number of agents): each
//   replication starts empty, discards the first options.warmup_calls arrivals (warm-up)
//   and measures the next options.calls arrivals; the time averages cover the time from the
//   first measured arrival to the first arrival after the measured ones. The measured calls
//   are followed to their end (the queue is emptied without new arrivals; in FIFO order a
//   later arrival cannot change an earlier call's fate).
// - a day (interval_length finite): each replication starts empty at time 0 and needs no
//   warm-up; calls arrive during intervals 0..n-1 and are counted in the interval of their
//   arrival, also when they are answered after it ends. At the end of the day no more calls
//   arrive (redials due after it are dropped) and the calls still waiting are served by the
//   last interval's agents. Time averages (queue, occupancy) are over each interval.
//
// Results: for each interval and for the whole run, every measure with a confidence
// interval from independent replications (their own random streams, seeded from
// options.seed and the replication number): per-call ratios as the ratio of the totals
// over the replications, with the standard error of a ratio estimator; quantiles as the
// mean of the replications' sample quantiles; the half width is the Student t quantile with
// replications - 1 degrees of freedom times the standard error. Every attempt (first call
// or redial) counts as one offered call.
//
// Random numbers: Boost.Random distributions (ziggurat exponential and normal) on
// boost::random::mt19937_64, both fully specified by their source, and gamma variates by
// Marsaglia and Tsang's method from those normals, so that a seed gives the same calls on
// every platform with an IEEE double and a correctly rounded libm for exp, log and pow
// (lognormal and gamma variates use them). No global state: everything lives in the
// call to simulate().
//
// Only double: the statistical error of a simulation is far above the rounding of double,
// so the Real template parameter of the analytic functions would add nothing here.
#ifndef ERLANG_SIMULATION_HPP
#define ERLANG_SIMULATION_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/simulation_imp.hpp>
#include <erlang/simulation_model.hpp>

namespace erlang {

/// Simulates `model` as `options` say (see the file comment). Domain errors through the
/// policy (a non-throwing policy gets a result whose estimates are NaN): no arrival rate;
/// a stationary run with several rates or agent counts, a rate not > 0 or no calls; a day
/// whose interval length is not > 0, whose agents are neither one count nor one per
/// interval, or a rate negative or not finite; agents < 0; a mean time (handling,
/// patience, interarrival) or coefficient of variation not finite and > 0; empirical
/// samples empty, negative, not finite or all 0; waiting places < 0; a redial probability
/// outside [0, 1] or a delay not > 0; an answer time < 0; fewer than 2 replications; a
/// confidence or a quantile outside (0, 1).
/// Time: about (arrivals simulated) x (log of agents + log of waiting calls with patience).
template <class Policy = default_policy>
simulation_result simulate(const simulation_model& model, const simulation_options& options,
                           const Policy& pol = Policy()) {
  return detail::simulate_imp("erlang::simulate<%1%>(simulation_model, simulation_options)", model,
                              options, pol);
}

}  // namespace erlang

#endif  // ERLANG_SIMULATION_HPP
