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

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/detail/time_varying_imp.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/measures.hpp>
#include <erlang/staffing.hpp>

#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/log1p.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace erlang {

/// The model of a day. Times in one unit chosen by the caller.
template <class Real = double>
struct day_parameters {
  Real interval_length = 0;                                    ///< length of every interval, > 0
  Real mean_handling_time = 0;                                 ///< h > 0
  Real mean_patience = std::numeric_limits<Real>::infinity();  ///< > 0; +inf: nobody abandons
  std::optional<Real> waiting_places{};  ///< waiting places N (a whole number); unset: no limit
  Real answer_time = 0;                  ///< the service level's answer time, >= 0
  Real tolerance = Real(1e-12);  ///< bound on the probability mass left out over the day, (0, 1)
};

/// The performance of one interval (see the file comment for the definitions).
template <class Real>
struct interval_performance {
  Real wait_probability;         ///< P(queued on arrival)
  Real blocking;                 ///< P(system full on arrival)
  Real abandon_probability;      ///< P(queued, then abandons)
  Real service_level;            ///< P(answered within answer_time), over all arrivals
  Real average_speed_of_answer;  ///< mean wait of the answered calls
  Real mean_queue_length;        ///< time average of the calls waiting
  Real occupancy;                ///< time average of busy agents / agents
  Real mean_in_system_at_end;    ///< mean calls present at the interval's end
  Real mean_queue_at_end;        ///< mean calls waiting at the interval's end
  Real truncation_mass;          ///< bound on the mass left out within this interval
};

/// One interval evaluated from a start distribution.
template <class Real>
struct interval_evaluation {
  interval_performance<Real> performance;
  std::vector<Real> distribution;  ///< P(k calls present) at the interval's end, k = 0, 1, ...
  Real truncation_mass;  ///< bound on the mass missing from `distribution` (start deficit included)
};

/// A day evaluated.
template <class Real>
struct day_evaluation {
  std::vector<interval_performance<Real>> intervals;
  std::vector<Real> final_distribution;  ///< P(k calls present) at the day's end
  Real truncation_mass;  ///< bound on the mass missing at the day's end (start deficit included)
  std::size_t largest_state;  ///< the largest state the window reached (state space used)
};

/// The modified offered loads of a day: per interval the time average of m(t) over it and
/// its value at the interval's end, in erlangs.
template <class Real>
struct offered_load_path {
  std::vector<Real> average;
  std::vector<Real> end;
};

namespace detail {

template <class Real>
interval_performance<Real> performance_filled_with(Real v) {
  return {v, v, v, v, v, v, v, v, v, v};
}

/// Checks the day's parameters; on failure stores the error result in err.
template <class Real, class Policy>
bool check_day_parameters(const char* function, const day_parameters<Real>& d, Real& err,
                          const Policy& pol) {
  if (!check_positive(function, "Interval length must be finite and > 0, got %1%.",
                      d.interval_length, err, pol) ||
      !check_positive(function, "Mean handling time must be finite and > 0, got %1%.",
                      d.mean_handling_time, err, pol) ||
      !check_answer_time(function, d.answer_time, err, pol)) {
    return false;
  }
  if (!(d.mean_patience > 0)) {  // +infinity allowed; NaN fails
    err = boost::math::policies::raise_domain_error<Real>(
        function, "Mean patience must be > 0 (+infinity: no abandonment), got %1%.",
        d.mean_patience, pol);
    return false;
  }
  if (d.waiting_places && !check_count(function, "Waiting places must be an integer >= 0, got %1%.",
                                       *d.waiting_places, 0U, err, pol)) {
    return false;
  }
  if (!(d.tolerance > 0 && d.tolerance < 1)) {
    err = boost::math::policies::raise_domain_error<Real>(
        function, "Tolerance must be in (0, 1), got %1%.", d.tolerance, pol);
    return false;
  }
  return true;
}

/// Checks an interval's rate and agents (a whole number, at most 2^31 so that the states
/// fit in memory-sized indices).
template <class Real, class Policy>
bool check_interval(const char* function, const Real& rate, const Real& agents, Real& err,
                    const Policy& pol) {
  if (!check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.", rate, err,
                          pol)) {
    return false;
  }
  if (!check_count(function, "Agents must be an integer >= 0, got %1%.", agents, 0U, err, pol)) {
    return false;
  }
  if (agents > Real(2147483648.0)) {
    err = boost::math::policies::raise_domain_error<Real>(
        function, "Agents must be at most 2^31, got %1%.", agents, pol);
    return false;
  }
  return true;
}

/// Checks a start distribution: entries finite and >= 0, summing to at most 1 (within
/// rounding).
template <class Real, class Policy>
bool check_distribution(const char* function, const std::vector<Real>& p, Real& err,
                        const Policy& pol) {
  Real sum = 0;
  for (const Real& x : p) {
    if (!check_non_negative(function, "Start probabilities must be finite and >= 0, got %1%.", x,
                            err, pol)) {
      return false;
    }
    sum += x;
  }
  if (sum > 1 + 64 * std::numeric_limits<Real>::epsilon() * Real(p.size() + 1)) {
    err = boost::math::policies::raise_domain_error<Real>(
        function, "Start probabilities must sum to at most 1, got %1%.", sum, pol);
    return false;
  }
  return true;
}

/// The tagged caller's measures over the arrival distribution `avg` (not normalised;
/// states 0..avg.size() - 1): see the file comment. n agents, capacity `cap` (first state
/// without arrivals), mu, theta, answer time t.
template <class Real>
void tagged_caller_measures(const std::vector<Real>& avg, std::size_t lo, std::size_t hi,
                            std::size_t n, std::size_t cap, Real mu, Real theta, Real t,
                            interval_performance<Real>& out) {
  using std::exp;
  using std::log;
  Real total = 0;
  Real served_at_once = 0;
  Real queued = 0;
  Real blocked = 0;
  Real queue = 0;
  Real busy = 0;
  for (std::size_t k = lo; k <= hi; ++k) {
    const Real q = avg[k];
    total += q;
    if (k < n) {
      served_at_once += q;
    } else if (k < cap) {
      queued += q;
    } else {
      blocked += q;
    }
    busy += q * Real((std::min)(k, n));
    if (k > n) {
      queue += q * Real(k - n);
    }
  }
  // Callers who find k = n + j (j calls waiting ahead, a waiting place free).
  Real answered = served_at_once;
  Real abandoned = 0;
  Real wait_answered = 0;
  Real within = served_at_once;
  const std::size_t last = (std::min)(hi, cap > 0 ? cap - 1 : std::size_t(0));
  if (last >= n && hi >= n && cap > n) {
    const Real nm = Real(n) * mu;
    // P(V <= t) with V the sum of Exp(r_i), r_i = n mu + (i + 1) theta, i = 0..j, is
    // P(X > j) for X negative binomial (theta > 0: size n mu / theta + 1, success
    // probability x = 1 - e^(-theta t)) or Poisson(n mu t) (theta = 0): its terms in
    // logarithms, summed upwards.
    const bool timed = t > 0 && (theta > 0 || nm > 0);
    Real log_term = 0;
    Real log_x = 0;
    Real size = 0;
    if (timed) {
      if (theta > 0) {
        log_x = log(-boost::math::expm1(-theta * t));
        size = nm / theta + 1;
        log_term = -(nm + theta) * t;
      } else {
        log_x = log(nm * t);
        log_term = -nm * t;
      }
    }
    Real cumulative = 0;
    Real survive = 1;  // S_j: P(served) from j
    Real inverse_sum = 0;
    const std::size_t start = (std::max)(lo, n);
    for (std::size_t k = n; k <= last; ++k) {
      const std::size_t j = k - n;
      const Real a = nm + Real(j) * theta;
      const Real r = a + theta;
      if (r > 0) {
        survive *= a / r;
        inverse_sum += 1 / r;
      } else {
        survive = 0;
      }
      Real f = 0;  // P(V <= t)
      if (timed) {
        cumulative += exp(log_term);
        f = cumulative < 1 ? 1 - cumulative : Real(0);
        log_term += log_x + (theta > 0 ? log(Real(j) + size) : Real(0)) - log(Real(j + 1));
      }
      if (k < start) {
        continue;
      }
      const Real q = avg[k];
      answered += q * survive;
      abandoned += q * (1 - survive);
      wait_answered += q * survive * inverse_sum;
      within += q * survive * f;
    }
  }
  const Real busy_share = n > 0 ? busy / (total * Real(n)) : Real(0);
  out.wait_probability = queued / total;
  out.blocking = blocked / total;
  out.abandon_probability = (std::max)(Real(0), abandoned / total);
  out.service_level = (std::min)(Real(1), within / total);
  out.average_speed_of_answer =
      answered > 0 ? wait_answered / answered : std::numeric_limits<Real>::infinity();
  out.mean_queue_length = queue / total;
  out.occupancy = (std::min)(Real(1), busy_share);
}

/// One interval: advances `state` over the interval and returns its performance; adds the
/// mass bound lost to `lost`.
template <class Real>
interval_performance<Real> evaluate_interval_imp(state_window<Real>& state, Real rate,
                                                 std::size_t n, const day_parameters<Real>& d,
                                                 Real tolerance, std::vector<Real>& avg) {
  using std::ceil;
  using std::isinf;
  using std::sqrt;
  const Real mu = 1 / d.mean_handling_time;
  const Real theta = isinf(d.mean_patience) ? Real(0) : 1 / d.mean_patience;
  constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();
  const std::size_t cap =
      d.waiting_places ? n + static_cast<std::size_t>(*d.waiting_places) : unlimited;
  const birth_death_rates<Real> rates{rate, mu, theta, n, cap};
  const Real length = d.interval_length;
  // With abandonment the uniformization rate grows with the top state: the interval is cut
  // into pieces, each with room for the arrivals it can bring, so that the abandonment
  // part theta x growth stays below about a quarter of lambda + n mu.
  Real pieces = 1;
  if (theta > 0 && cap == unlimited) {
    pieces = (std::max)(Real(1), ceil(4 * theta * length * rate / (rate + Real(n) * mu + theta)));
  }
  const Real piece = length / pieces;
  std::fill(avg.begin(), avg.end(), Real(0));
  Real lost = 0;
  std::size_t largest = state.hi;
  for (Real i = 0; i < pieces; i += 1) {
    const Real arrivals = rate * piece;
    const Real growth_real = ceil(arrivals + 12 * sqrt(arrivals) + 12);
    const auto growth = static_cast<std::size_t>(growth_real);
    std::size_t top = state.hi + growth;
    if (cap != unlimited) {
      top = (std::max)(state.hi, cap);
    }
    lost += advance(state, rates, top, piece, tolerance / pieces, &avg, 1 / pieces);
    largest = (std::max)(largest, state.hi);
  }
  interval_performance<Real> out{};
  std::size_t lo = avg.size();
  std::size_t hi = 0;
  for (std::size_t k = 0; k < avg.size(); ++k) {
    if (avg[k] != 0) {
      lo = (std::min)(lo, k);
      hi = k;
    }
  }
  if (lo > hi) {
    lo = 0;
    hi = 0;
  }
  tagged_caller_measures(avg, lo, hi, n, cap, mu, theta, d.answer_time, out);
  Real mass = 0;
  Real present = 0;
  Real waiting = 0;
  for (std::size_t k = state.lo; k <= state.hi; ++k) {
    mass += state.p[k];
    present += state.p[k] * Real(k);
    if (k > n) {
      waiting += state.p[k] * Real(k - n);
    }
  }
  out.mean_in_system_at_end = present / mass;
  out.mean_queue_at_end = waiting / mass;
  out.truncation_mass = lost;
  (void)largest;
  return out;
}

/// target + (m - target) e^(-u): for u < 1/2 as m + (m - target)(e^(-u) - 1), which keeps
/// m's digits when little decays; beyond, as written, which keeps target's when m has
/// mostly decayed (the other form would cancel m against m (1 - e^(-u))).
template <class Real, class Policy>
Real load_step(Real m, Real target, Real u, const Policy& pol) {
  using std::exp;
  if (u < Real(0.5)) {
    return m + (m - target) * boost::math::expm1(-u, pol);
  }
  return target + (m - target) * exp(-u);
}

template <class To, class From>
day_parameters<To> parameters_cast(const day_parameters<From>& d) {
  return {static_cast<To>(d.interval_length),
          static_cast<To>(d.mean_handling_time),
          static_cast<To>(d.mean_patience),
          d.waiting_places ? std::optional<To>(static_cast<To>(*d.waiting_places)) : std::nullopt,
          static_cast<To>(d.answer_time),
          static_cast<To>(d.tolerance)};
}

template <class To, class From>
interval_performance<To> performance_cast(const interval_performance<From>& p) {
  return {static_cast<To>(p.wait_probability),
          static_cast<To>(p.blocking),
          static_cast<To>(p.abandon_probability),
          static_cast<To>(p.service_level),
          static_cast<To>(p.average_speed_of_answer),
          static_cast<To>(p.mean_queue_length),
          static_cast<To>(p.occupancy),
          static_cast<To>(p.mean_in_system_at_end),
          static_cast<To>(p.mean_queue_at_end),
          static_cast<To>(p.truncation_mass)};
}

/// The start window for a distribution (empty: the empty system).
template <class Value, class Real>
state_window<Value> start_window(const std::vector<Real>& start, Value& deficit) {
  state_window<Value> w;
  if (start.empty()) {
    w.p.assign(1, Value(1));
    deficit = 0;
    return w;
  }
  w.p.assign(start.begin(), start.end());
  Value sum = 0;
  std::size_t lo = w.p.size();
  std::size_t hi = 0;
  for (std::size_t k = 0; k < w.p.size(); ++k) {
    sum += w.p[k];
    if (w.p[k] != 0) {
      lo = (std::min)(lo, k);
      hi = k;
    }
  }
  if (lo > hi) {
    lo = 0;
    hi = 0;
  }
  w.lo = lo;
  w.hi = hi;
  deficit = (std::max)(Value(0), 1 - sum);
  return w;
}

/// Checks a day: its parameters, each interval's rate and agents (agents empty: the rates
/// alone, as a staffing search has them) and the start distribution.
template <class Real, class Rates, class Policy>
bool check_day(const char* function, const day_parameters<Real>& d, const Rates& rates,
               const Rates& agents, const std::vector<Real>& start, Real& err, const Policy& pol) {
  if (!check_day_parameters(function, d, err, pol)) {
    return false;
  }
  for (std::size_t i = 0; i < rates.size(); ++i) {
    const Real n = agents.empty() ? Real(0) : Real(agents[i]);
    if (!check_interval(function, Real(rates[i]), n, err, pol)) {
      return false;
    }
  }
  return check_distribution(function, start, err, pol);
}

template <class Real, class Policy>
day_evaluation<Real> evaluate_day_imp(const char* function, const std::vector<Real>& rates,
                                      const std::vector<Real>& agents,
                                      const day_parameters<Real>& parameters,
                                      const std::vector<Real>& start, const Policy& pol) {
  using value_type = evaluation_t<Real>;
  value_type err = 0;
  const auto d = parameters_cast<value_type>(parameters);
  const auto fail = [&](value_type e) {
    const auto x = static_cast<Real>(e);
    day_evaluation<Real> r{};
    r.intervals.assign(rates.size(), performance_filled_with(x));
    r.truncation_mass = x;
    return r;
  };
  if (rates.size() != agents.size()) {
    return fail(boost::math::policies::raise_domain_error<value_type>(
        function, "Arrival rates and agents must have the same length; agents has %1%.",
        value_type(agents.size()), pol));
  }
  std::vector<value_type> start_v(start.begin(), start.end());
  if (!check_day(function, d, rates, agents, start_v, err, pol)) {
    return fail(err);
  }
  value_type deficit = 0;
  auto state = start_window<value_type>(start_v, deficit);
  day_evaluation<Real> result{};
  result.intervals.reserve(rates.size());
  const value_type per_interval =
      d.tolerance / value_type(rates.empty() ? std::size_t(1) : rates.size());
  std::vector<value_type> avg;
  value_type lost = deficit;
  std::size_t largest = state.hi;
  for (std::size_t i = 0; i < rates.size(); ++i) {
    const auto perf = evaluate_interval_imp(state, value_type(rates[i]),
                                            static_cast<std::size_t>(value_type(agents[i])), d,
                                            per_interval, avg);
    lost += perf.truncation_mass;
    largest = (std::max)(largest, state.hi);
    result.intervals.push_back(performance_cast<Real>(perf));
  }
  result.final_distribution.assign(state.p.begin(), state.p.begin() + state.hi + 1);
  result.truncation_mass = static_cast<Real>(lost);
  result.largest_state = largest;
  return result;
}

/// The targets the day's model honours: Erlang C without patience or waiting places,
/// Erlang A with patience, M/M/c/K with waiting places, M/M/c/K+M with both.
template <class Real>
const target_support& day_target_support(const day_parameters<Real>& d) {
  using std::isinf;
  if (d.waiting_places) {
    return isinf(d.mean_patience) ? finite_queue_support : finite_queue_abandonment_support;
  }
  return isinf(d.mean_patience) ? erlang_c_support : erlang_a_support;
}

/// The least agents for interval `rate` from `state` (see exact_agents_for_targets); on
/// return `state` is advanced over the interval with them. The search starts at `guess`
/// with steps of `step` (>= 1).
template <class Real>
Real exact_interval_agents(state_window<Real>& state, Real rate, const day_parameters<Real>& d,
                           const staffing_targets<Real>& t, Real tolerance, Real guess, Real step,
                           std::vector<Real>& avg) {
  // The state after the least count that met so far: the answer's, at the end.
  state_window<Real> best;
  Real best_count = -1;
  const auto meets_with = [&](Real n) {
    auto trial = state;
    const auto perf =
        evaluate_interval_imp(trial, rate, static_cast<std::size_t>(n), d, tolerance, avg);
    const bool ok = meets(perf, t);
    if (ok && (best_count < 0 || n < best_count)) {
      best = std::move(trial);
      best_count = n;
    }
    return ok;
  };
  // Down from the guess while it meets or up while it does not, the steps doubling: a
  // bracket (fail, pass] for the bisection.
  Real answer = 0;
  if (meets_with(guess)) {
    Real pass = guess;
    Real fail = -1;
    while (pass > 0) {
      const Real next = (std::max)(Real(0), pass - step);
      if (!meets_with(next)) {
        fail = next;
        break;
      }
      pass = next;
      step *= 2;
    }
    answer = bisect_counts(meets_with, fail, pass, true);
  } else {
    answer = least_count(meets_with, guess, guess + step, step, Real(2147483648.0), true).count;
  }
  if (best_count == answer) {
    state = std::move(best);
  } else {
    (void)evaluate_interval_imp(state, rate, static_cast<std::size_t>(answer), d, tolerance, avg);
  }
  return answer;
}

template <class Real, class Policy>
std::vector<Real> exact_agents_imp(const char* function, const std::vector<Real>& rates,
                                   const day_parameters<Real>& parameters,
                                   const staffing_targets<Real>& targets,
                                   const std::vector<Real>& start, const Policy& pol) {
  using value_type = evaluation_t<Real>;
  value_type err = 0;
  auto d = parameters_cast<value_type>(parameters);
  const staffing_targets<value_type> t = targets_cast<value_type>(targets);
  std::vector<value_type> start_v(start.begin(), start.end());
  if (!check_day(function, d, rates, std::vector<Real>{}, start_v, err, pol) ||
      !check_targets(function, t, day_target_support(d), err, pol)) {
    return std::vector<Real>(rates.size(), static_cast<Real>(err));
  }
  d.answer_time = t.answer_time;
  value_type deficit = 0;
  auto state = start_window<value_type>(start_v, deficit);
  const value_type per_interval =
      d.tolerance / value_type(rates.empty() ? std::size_t(1) : rates.size());
  std::vector<value_type> avg;
  std::vector<Real> out;
  out.reserve(rates.size());
  // The search's start: the interval before's count moved by the change of the modified
  // offered load (its interval average), from the start's mean calls present; the first
  // interval: the square-root estimate on that load.
  using std::ceil;
  using std::sqrt;
  const internal_policy_t<Policy> ipol;
  const value_type u = d.interval_length / d.mean_handling_time;
  const value_type share = -boost::math::expm1(-u, ipol) / u;
  value_type load = 0;
  for (std::size_t k = state.lo; k <= state.hi && k < state.p.size(); ++k) {
    load += value_type(k) * state.p[k];
  }
  value_type previous = -1;
  value_type previous_load = 0;
  for (const Real& r : rates) {
    const value_type target = value_type(r) * d.mean_handling_time;
    const value_type average = target + (load - target) * share;
    load = load_step(load, target, u, ipol);
    const value_type guess =
        previous < 0 ? ceil(average + sqrt(average))
                     : (std::max)(value_type(0), previous + ceil(average - previous_load));
    const value_type step =
        previous < 0 ? (std::max)(value_type(1), ceil(sqrt(average) / 4)) : value_type(1);
    previous = exact_interval_agents(state, value_type(r), d, t, per_interval, guess, step, avg);
    previous_load = average;
    out.push_back(static_cast<Real>(previous));
  }
  return out;
}
}  // namespace detail

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
  using value_type = detail::evaluation_t<Real>;
  static const char* function = "erlang::modified_offered_load_step<%1%>(%1%, %1%, %1%, %1%)";
  const value_type m = load;
  const value_type rate = arrival_rate;
  const value_type h = mean_handling_time;
  const value_type d = length;
  value_type err = 0;
  if (!detail::check_non_negative(function, "Load must be finite and >= 0, got %1%.", m, err,
                                  pol) ||
      !detail::check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.", rate,
                                  err, pol) ||
      !detail::check_mean_handling_time(function, h, err, pol) ||
      !detail::check_non_negative(function, "Length must be finite and >= 0, got %1%.", d, err,
                                  pol)) {
    return static_cast<Real>(err);
  }
  const detail::internal_policy_t<Policy> ipol;
  const value_type target = rate * h;
  return static_cast<Real>(detail::load_step(m, target, d / h, ipol));
}

/// The time average of the modified offered load over a step of `length` > 0 at a constant
/// arrival rate, from `load` at its start, in closed form:
/// rate h + (load - rate h) (1 - e^(-D/h)) h / D. Arguments as for
/// modified_offered_load_step (length > 0).
template <class Real, class Policy = default_policy>
Real modified_offered_load_average(Real load, Real arrival_rate, Real mean_handling_time,
                                   Real length, const Policy& pol = Policy()) {
  using value_type = detail::evaluation_t<Real>;
  static const char* function = "erlang::modified_offered_load_average<%1%>(%1%, %1%, %1%, %1%)";
  const value_type m = load;
  const value_type rate = arrival_rate;
  const value_type h = mean_handling_time;
  const value_type d = length;
  value_type err = 0;
  if (!detail::check_non_negative(function, "Load must be finite and >= 0, got %1%.", m, err,
                                  pol) ||
      !detail::check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.", rate,
                                  err, pol) ||
      !detail::check_mean_handling_time(function, h, err, pol) ||
      !detail::check_positive(function, "Length must be finite and > 0, got %1%.", d, err, pol)) {
    return static_cast<Real>(err);
  }
  const detail::internal_policy_t<Policy> ipol;
  const value_type target = rate * h;
  const value_type u = d / h;
  // (1 - e^(-u)) / u, without cancellation for small u.
  const value_type share = -boost::math::expm1(-u, ipol) / u;
  return static_cast<Real>(target + (m - target) * share);
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
  using value_type = detail::evaluation_t<Real>;
  static const char* function = "erlang::modified_offered_loads<%1%>(rates, %1%, %1%, %1%)";
  const value_type d = interval_length;
  const value_type h = mean_handling_time;
  value_type m = initial_load;
  value_type err = 0;
  offered_load_path<Real> out;
  const auto fail = [&](value_type e) {
    out.average.assign(arrival_rates.size(), static_cast<Real>(e));
    out.end.assign(arrival_rates.size(), static_cast<Real>(e));
    return out;
  };
  if (!detail::check_positive(function, "Interval length must be finite and > 0, got %1%.", d, err,
                              pol) ||
      !detail::check_mean_handling_time(function, h, err, pol) ||
      !detail::check_non_negative(function, "Initial load must be finite and >= 0, got %1%.", m,
                                  err, pol)) {
    return fail(err);
  }
  for (const Real& r : arrival_rates) {
    if (!detail::check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.",
                                    value_type(r), err, pol)) {
      return fail(err);
    }
  }
  const detail::internal_policy_t<Policy> ipol;
  const value_type share = -boost::math::expm1(-d / h, ipol) / (d / h);
  out.average.reserve(arrival_rates.size());
  out.end.reserve(arrival_rates.size());
  for (const Real& r : arrival_rates) {
    const value_type target = value_type(r) * h;
    out.average.push_back(static_cast<Real>(target + (m - target) * share));
    m = detail::load_step(m, target, d / h, ipol);
    out.end.push_back(static_cast<Real>(m));
  }
  return out;
}

/// The lag of the lagged-rate method for a service time of mean `mean_handling_time` and
/// squared coefficient of variation `scv`: the stationary-excess mean E[S](1 + c_s^2)/2
/// (scv = 1, exponential service, gives the mean itself). mean > 0, scv >= 0.
template <class Real, class Policy = default_policy>
Real stationary_excess_lag(Real mean_handling_time, Real scv, const Policy& pol = Policy()) {
  using value_type = detail::evaluation_t<Real>;
  static const char* function = "erlang::stationary_excess_lag<%1%>(%1%, %1%)";
  const value_type h = mean_handling_time;
  const value_type c2 = scv;
  value_type err = 0;
  if (!detail::check_mean_handling_time(function, h, err, pol) ||
      !detail::check_non_negative(
          function, "Squared coefficient of variation must be finite and >= 0, got %1%.", c2, err,
          pol)) {
    return static_cast<Real>(err);
  }
  return static_cast<Real>(h * (1 + c2) / 2);
}

/// The lagged offered load of each interval: h times the time average over the interval
/// of lambda(t - lag), the piecewise-constant rate shifted by `lag` >= 0 (before the day
/// the rate is rate_before_day; 0: the day starts empty). In erlangs.
template <class Real, class Policy = default_policy>
std::vector<Real> lagged_offered_loads(const std::vector<Real>& arrival_rates, Real interval_length,
                                       Real mean_handling_time, Real lag, Real rate_before_day = 0,
                                       const Policy& pol = Policy()) {
  using value_type = detail::evaluation_t<Real>;
  using std::floor;
  static const char* function = "erlang::lagged_offered_loads<%1%>(rates, %1%, %1%, %1%, %1%)";
  const value_type d = interval_length;
  const value_type h = mean_handling_time;
  const value_type l = lag;
  const value_type before = rate_before_day;
  value_type err = 0;
  const auto fail = [&](value_type e) {
    return std::vector<Real>(arrival_rates.size(), static_cast<Real>(e));
  };
  if (!detail::check_positive(function, "Interval length must be finite and > 0, got %1%.", d, err,
                              pol) ||
      !detail::check_mean_handling_time(function, h, err, pol) ||
      !detail::check_non_negative(function, "Lag must be finite and >= 0, got %1%.", l, err, pol) ||
      !detail::check_non_negative(function, "Rate before the day must be finite and >= 0, got %1%.",
                                  before, err, pol)) {
    return fail(err);
  }
  for (const Real& r : arrival_rates) {
    if (!detail::check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.",
                                    value_type(r), err, pol)) {
      return fail(err);
    }
  }
  // The shifted interval [i D - lag, (i + 1) D - lag) covers interval j = floor(i - lag/D)
  // for a share 1 - f and interval j + 1 for a share f, f = frac(lag / D) complemented.
  const value_type q = l / d;
  const value_type whole = floor(q);
  const value_type frac = q - whole;  // share of interval j = i - whole - 1
  const auto rate_at = [&](value_type j) {
    return j < 0 ? before : value_type(arrival_rates[static_cast<std::size_t>(j)]);
  };
  std::vector<Real> out;
  out.reserve(arrival_rates.size());
  for (std::size_t i = 0; i < arrival_rates.size(); ++i) {
    const value_type j = value_type(i) - whole;
    const value_type rate = (1 - frac) * rate_at(j) + (frac > 0 ? frac * rate_at(j - 1) : 0);
    out.push_back(static_cast<Real>(rate * h));
  }
  return out;
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
  using std::isinf;
  std::vector<Real> out;
  out.reserve(loads.size());
  const Real h = parameters.mean_handling_time;
  const Real p = parameters.mean_patience;
  for (const Real& e : loads) {
    Real n = 0;
    if (parameters.waiting_places) {
      n = isinf(p) ? finite_queue_agents_for_targets(e, h, *parameters.waiting_places, targets, pol)
                   : finite_queue_abandonment_agents_for_targets(
                         e, h, p, *parameters.waiting_places, targets, pol);
    } else {
      n = isinf(p) ? agents_for_targets(e, h, targets, pol)
                   : erlang_a_agents_for_targets(e, h, p, targets, pol);
    }
    out.push_back(n);
  }
  return out;
}

/// SIPP staffing: each interval's own load (rate x h) in the stationary model.
template <class Real, class Policy = default_policy>
std::vector<Real> sipp_agents_for_targets(const std::vector<Real>& arrival_rates,
                                          const day_parameters<Real>& parameters,
                                          const staffing_targets<Real>& targets,
                                          const Policy& pol = Policy()) {
  std::vector<Real> loads;
  loads.reserve(arrival_rates.size());
  for (const Real& r : arrival_rates) {
    loads.push_back(r * parameters.mean_handling_time);
  }
  return stationary_agents_for_loads(loads, parameters, targets, pol);
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
