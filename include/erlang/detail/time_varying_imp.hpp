// Transient probabilities of a birth-death chain with constant rates over a time span, by
// uniformization (Jensen's method): with a rate L at least every state's total rate,
// exp(Q s) p = sum_m Pois(m; L s) P^m p and (1/s) int_0^s exp(Q u) p du
// = sum_m P(Pois(L s) > m) / (L s) P^m p, P = I + Q / L (a stochastic matrix: every term is
// a non-negative sum, no cancellation). The span is cut into steps with L s <= 256, so that
// e^(-L s) is a normal number; each step's Poisson sum stops once a computed bound on its
// tail is below the step's share of the tolerance.
//
// The chain is kept on a window of states [lo, hi] that moves with the mass: probabilities
// at the window's edges below a threshold are dropped and their mass counted, and the flow
// out of the top of the allowed range is counted (the chain is killed there). The computed
// vector is therefore a componentwise lower bound of the true one, and its deficit (one
// minus its sum) is at most the counted mass plus the Poisson tails: `lost` below is that
// bound.
#ifndef ERLANG_DETAIL_TIME_VARYING_IMP_HPP
#define ERLANG_DETAIL_TIME_VARYING_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/measures.hpp>
#include <erlang/staffing.hpp>
#include <erlang/time_varying_model.hpp>

#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/log1p.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace erlang::detail {

/// Rates of a birth-death chain on the states 0, 1, 2, ...: births at `birth` in every
/// state below `capacity` (none from capacity up), deaths at min(k, agents) service +
/// (k - agents)^+ abandonment.
template <class Real>
struct birth_death_rates {
  Real birth;
  Real service;      ///< per busy agent
  Real abandonment;  ///< per waiting call
  std::size_t agents;
  std::size_t capacity;  ///< first state without births (SIZE_MAX: none)

  [[nodiscard]] Real births(std::size_t k) const { return k < capacity ? birth : Real(0); }
  [[nodiscard]] Real deaths(std::size_t k) const {
    return k <= agents ? Real(k) * service
                       : Real(agents) * service + Real(k - agents) * abandonment;
  }
};

/// A probability vector on a window of states: p[k] for lo <= k <= hi (absolute states),
/// zero elsewhere. The storage spans 0..p.size() - 1 with zeros outside the window.
template <class Real>
struct state_window {
  std::vector<Real> p;
  std::size_t lo = 0;
  std::size_t hi = 0;
};

/// Poisson weights w[m] = Pois(m; x) for m = 0..M and the tails t[m] = P(Pois(x) > m),
/// with M the least m >= x for which the geometric bound on P(Pois(x) > M) is at most
/// `tail`; `tail_bound` receives that bound. x in (0, 700).
template <class Real>
void poisson_weights(Real x, Real tail, std::vector<Real>& w, std::vector<Real>& t,
                     Real& tail_bound) {
  using std::exp;
  w.clear();
  w.push_back(exp(-x));
  std::size_t m = 0;
  for (;;) {
    const Real next = w[m] * x / Real(m + 1);
    // P(N > m) = sum_{j > m} w_j <= w_{m+1} / (1 - x / (m + 2)) once m + 2 > x.
    if (Real(m + 2) > 2 * x) {
      const Real bound = next / (1 - x / Real(m + 2));
      if (bound <= tail) {
        tail_bound = bound;
        break;
      }
    }
    w.push_back(next);
    ++m;
  }
  t.assign(w.size(), Real(0));
  Real acc = tail_bound;
  for (std::size_t j = w.size(); j-- > 0;) {
    t[j] = acc;  // P(N > j) (an upper bound by at most tail_bound)
    acc += w[j];
  }
}

/// Advances `state` over a span of `length` under constant rates `r`, keeping the window
/// inside [0, top] (births out of `top` are killed). When `average` is non-null, adds
/// weight x (1/length) int exp(Q u) p du to it (same indexing as state.p; it must be at
/// least as long). Returns the mass bound lost (dropped, killed, Poisson tails) in this
/// span. `tolerance` is the span's budget for that bound.
template <class Real>
Real advance(state_window<Real>& state, const birth_death_rates<Real>& r, std::size_t top,
             Real length, Real tolerance, std::vector<Real>* average, Real weight) {
  using std::ceil;
  using std::sqrt;
  if (state.p.size() < top + 1) {
    state.p.resize(top + 1, Real(0));
  }
  if (average != nullptr && average->size() < top + 1) {
    average->resize(top + 1, Real(0));
  }
  Real lost = 0;
  if (length <= 0) {
    if (average != nullptr) {
      for (std::size_t k = state.lo; k <= state.hi; ++k) {
        (*average)[k] += weight * state.p[k];
      }
    }
    return lost;
  }
  // The largest total rate over [0, top].
  Real max_rate = 0;
  for (std::size_t k : {std::size_t(0), (std::min)(top, r.agents), top}) {
    max_rate = (std::max)(max_rate, r.births(k) + r.deaths(k));
  }
  if (top > 0) {
    max_rate = (std::max)(max_rate, r.births(top - 1) + r.deaths(top - 1));
  }
  if (r.capacity <= top && r.capacity > 0) {
    max_rate = (std::max)(max_rate, r.births(r.capacity - 1) + r.deaths(r.capacity - 1));
  }
  if (max_rate <= 0) {  // nothing moves
    if (average != nullptr) {
      for (std::size_t k = state.lo; k <= state.hi; ++k) {
        (*average)[k] += weight * state.p[k];
      }
    }
    return lost;
  }
  const Real steps_real = ceil(max_rate * length / 256);
  const auto steps = static_cast<std::size_t>(steps_real);
  const Real dt = length / steps_real;
  const Real x = max_rate * dt;
  const Real step_tolerance = tolerance / steps_real;
  std::vector<Real> w;
  std::vector<Real> tails;
  Real tail_bound = 0;
  poisson_weights(x, step_tolerance / 2, w, tails, tail_bound);
  const std::size_t terms = w.size();
  // Edge threshold: at most (window + 2 terms) states can be dropped in a step.
  // Transition probabilities per state, with one slot of padding at either end.
  const std::size_t n = top + 1;
  std::vector<Real> stay(n + 2, Real(0));
  std::vector<Real> up(n + 2, Real(0));
  std::vector<Real> down(n + 2, Real(0));
  for (std::size_t k = 0; k < n; ++k) {
    const Real b = r.births(k) / max_rate;
    const Real d = r.deaths(k) / max_rate;
    up[k + 1] = k < top ? b : Real(0);  // births out of top are killed
    down[k + 1] = d;
    stay[k + 1] = 1 - b - d;
    if (stay[k + 1] < 0) {
      stay[k + 1] = 0;
    }
  }
  const Real killed_birth = top < r.capacity ? r.births(top) / max_rate : Real(0);
  // Work vectors with two slots of padding at either end (state k at index k + 2): a step
  // reads one state beyond the window on either side, and those slots are zeroed first.
  std::vector<Real> v(n + 4, Real(0));
  std::vector<Real> next(n + 4, Real(0));
  std::vector<Real> end(n + 4, Real(0));
  std::vector<Real> avg(average != nullptr ? n + 4 : 0, Real(0));
  const Real sub_weight = weight / steps_real;
  // Terms whose Poisson weight is below this are left out of the end vector (their weight
  // is counted as lost): the first ones of a large x.
  const Real negligible = step_tolerance / (4 * Real(terms));
  for (std::size_t s = 0; s < steps; ++s) {
    std::size_t lo = state.lo;
    std::size_t hi = (std::min)(state.hi, top);
    Real mass = 0;
    std::fill(v.begin(), v.end(), Real(0));
    std::fill(next.begin(), next.end(), Real(0));
    std::fill(end.begin(), end.end(), Real(0));
    for (std::size_t k = lo; k <= hi; ++k) {
      v[k + 2] = state.p[k];
      mass += state.p[k];
    }
    const Real threshold = step_tolerance / (4 * Real(hi - lo + 1 + 2 * terms));
    Real skipped = 0;
    if (w[0] >= negligible) {
      for (std::size_t k = lo; k <= hi; ++k) {
        end[k + 2] = w[0] * v[k + 2];
      }
    } else {
      skipped += w[0];
    }
    if (average != nullptr) {
      std::fill(avg.begin(), avg.end(), Real(0));
      for (std::size_t k = lo; k <= hi; ++k) {
        avg[k + 2] = tails[0] * v[k + 2];
      }
    }
    for (std::size_t m = 1; m < terms; ++m) {
      if (hi == top) {
        lost += killed_birth * v[top + 2];
      }
      const std::size_t a = lo > 0 ? lo - 1 : 0;
      const std::size_t b = hi < top ? hi + 1 : top;
      // The new window [a, b] reads v on [a - 1, b + 1]: zero what lies outside [lo, hi].
      v[a + 1] = 0;
      v[b + 3] = 0;
      if (a < lo) {
        v[a + 2] = 0;
      }
      if (b > hi) {
        v[b + 2] = 0;
      }
      const Real wm = w[m];
      const Real* vp = v.data() + 2;
      Real* np = next.data() + 2;
      const Real* sp = stay.data() + 1;
      // up_before[k] = up[k] and v_before[k] = v[k + 1]: the state below k's, indexed
      // without k - 1 (which wraps at k = 0).
      const Real* up_before = up.data();
      const Real* v_before = v.data() + 1;
      const Real* dp = down.data() + 1;
      // One step of the window into np, added with weight wm to the end vector and with
      // weight tails[m] to the average where they are kept: one loop per case, no test
      // inside.
      const auto sweep = [&](auto to_end, auto to_average) {
        Real* ep = to_end ? end.data() + 2 : nullptr;
        Real* ap = to_average ? avg.data() + 2 : nullptr;
        const Real tm = to_average ? tails[m] : Real(0);
        for (std::size_t k = a; k <= b; ++k) {
          const Real y = sp[k] * vp[k] + up_before[k] * v_before[k] + dp[k + 1] * vp[k + 1];
          np[k] = y;
          if constexpr (decltype(to_end)::value) {
            ep[k] += wm * y;
          }
          if constexpr (decltype(to_average)::value) {
            ap[k] += tm * y;
          }
        }
      };
      const auto sweep_to_end = [&](auto to_end) {
        if (average != nullptr) {
          sweep(to_end, std::true_type());
        } else {
          sweep(to_end, std::false_type());
        }
      };
      if (wm < negligible) {
        skipped += wm;
        sweep_to_end(std::false_type());
      } else {
        sweep_to_end(std::true_type());
      }
      std::swap(v, next);
      lo = a;
      hi = b;
      while (hi > lo && v[hi + 2] < threshold) {
        lost += v[hi + 2];
        v[hi + 2] = 0;
        --hi;
      }
      while (lo < hi && v[lo + 2] < threshold) {
        lost += v[lo + 2];
        v[lo + 2] = 0;
        ++lo;
      }
    }
    lost += (tail_bound + skipped) * mass;
    std::size_t new_lo = n;
    std::size_t new_hi = 0;
    for (std::size_t k = 0; k < n; ++k) {
      state.p[k] = end[k + 2];
      if (end[k + 2] != 0) {
        new_lo = (std::min)(new_lo, k);
        new_hi = k;
      }
    }
    if (new_lo > new_hi) {
      new_lo = 0;
      new_hi = 0;
    }
    state.p.resize(n);  // nothing beyond top (an earlier, longer vector may remain)
    state.lo = new_lo;
    state.hi = new_hi;
    if (average != nullptr) {
      for (std::size_t k = 0; k < n; ++k) {
        (*average)[k] += sub_weight * avg[k + 2] / x;
      }
    }
  }
  return lost;
}

template <class Real>
interval_performance<Real> performance_filled_with(Real v) {
  return {v, v, v, v, v, v, v, v, v, v};
}

/// Checks the day's parameters; on failure stores the error result in err.
template <class Real, class Policy>
bool check_day_parameters(const char* function, const day_parameters<Real>& d, Real& err,
                          const Policy& pol) {
  return check_positive(function, "Interval length must be finite and > 0, got %1%.",
                        d.interval_length, err, pol) &&
         check_mean_handling_time(function, d.mean_handling_time, err, pol) &&
         check_answer_time(function, d.answer_time, err, pol) &&
         check_mean_patience(function, d.mean_patience, err, pol) &&
         (!d.waiting_places ||
          check_count(function, "Waiting places must be an integer >= 0, got %1%.",
                      *d.waiting_places, 0U, err, pol)) &&
         check_open_probability(function, "Tolerance must be in (0, 1), got %1%.", d.tolerance, err,
                                pol);
}

/// Checks an arrival rate: finite and >= 0.
template <class Real, class Policy>
bool check_rate(const char* function, const Real& rate, Real& err, const Policy& pol) {
  return check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.", rate, err,
                            pol);
}

/// Checks every arrival rate of a day.
template <class Real, class Policy>
bool check_rates(const char* function, const std::vector<Real>& rates, Real& err,
                 const Policy& pol) {
  return std::all_of(rates.begin(), rates.end(),
                     [&](const Real& r) { return check_rate(function, r, err, pol); });
}

/// Checks an interval's rate and agents (a whole number, at most 2^31 so that the states
/// fit in memory-sized indices).
template <class Real, class Policy>
bool check_interval(const char* function, const Real& rate, const Real& agents, Real& err,
                    const Policy& pol) {
  return check_rate(function, rate, err, pol) &&
         check_count(function, "Agents must be an integer >= 0, got %1%.", agents, 0U, err, pol) &&
         check_that(agents <= Real(2147483648.0), function, "Agents must be at most 2^31, got %1%.",
                    agents, err, pol);
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
  return check_that(sum <= 1 + 64 * std::numeric_limits<Real>::epsilon() * Real(p.size() + 1),
                    function, "Start probabilities must sum to at most 1, got %1%.", sum, err, pol);
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

/// The share (1 - e^(-u)) / u of a step's start that its time average keeps, without
/// cancellation for small u.
template <class Real, class Policy>
Real average_share(Real u, const Policy& pol) {
  return -boost::math::expm1(-u, pol) / u;
}

/// modified_offered_load_step (Average = false: the load after a step of length d >= 0)
/// and modified_offered_load_average (its time average over the step, d > 0).
template <bool Average>
struct modified_offered_load_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real m, Real rate, Real h, Real d,
                  const Policy& pol) const {
    const auto check_length = [&](Real& err) {
      return Average
                 ? check_positive(function, "Length must be finite and > 0, got %1%.", d, err, pol)
                 : check_non_negative(function, "Length must be finite and >= 0, got %1%.", d, err,
                                      pol);
    };
    if (Real err = 0;
        !check_non_negative(function, "Load must be finite and >= 0, got %1%.", m, err, pol) ||
        !check_rate(function, rate, err, pol) || !check_mean_handling_time(function, h, err, pol) ||
        !check_length(err)) {
      return err;
    }
    const Real target = rate * h;
    if constexpr (Average) {
      return target + (m - target) * average_share(d / h, pol);
    } else {
      return load_step(m, target, d / h, pol);
    }
  }
};

/// modified_offered_loads: per interval of length d the time average of the modified
/// offered load and its value at the interval's end, from m at the day's start.
struct modified_offered_loads_imp {
  template <class Real, class Policy>
  offered_load_path<Real> operator()(const char* function, const std::vector<Real>& rates, Real d,
                                     Real h, Real m, const Policy& pol) const {
    if (Real err = 0;
        !check_positive(function, "Interval length must be finite and > 0, got %1%.", d, err,
                        pol) ||
        !check_mean_handling_time(function, h, err, pol) ||
        !check_non_negative(function, "Initial load must be finite and >= 0, got %1%.", m, err,
                            pol) ||
        !check_rates(function, rates, err, pol)) {
      return {std::vector<Real>(rates.size(), err), std::vector<Real>(rates.size(), err)};
    }
    const Real share = average_share(d / h, pol);
    offered_load_path<Real> out;
    out.average.reserve(rates.size());
    out.end.reserve(rates.size());
    for (const Real& r : rates) {
      const Real target = r * h;
      out.average.push_back(target + (m - target) * share);
      m = load_step(m, target, d / h, pol);
      out.end.push_back(m);
    }
    return out;
  }
};

/// stationary_excess_lag: h (1 + scv) / 2.
struct stationary_excess_lag_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real h, Real scv, const Policy& pol) const {
    if (Real err = 0;
        !check_mean_handling_time(function, h, err, pol) ||
        !check_non_negative(function,
                            "Squared coefficient of variation must be finite and >= 0, got %1%.",
                            scv, err, pol)) {
      return err;
    }
    return h * (1 + scv) / 2;
  }
};

/// lagged_offered_loads: h times the time average over each interval of length d of the
/// rate shifted by `lag` (rate `before` before the day).
struct lagged_offered_loads_imp {
  template <class Real, class Policy>
  std::vector<Real> operator()(const char* function, const std::vector<Real>& rates, Real d, Real h,
                               Real lag, Real before, const Policy& pol) const {
    using std::floor;
    if (Real err = 0;
        !check_positive(function, "Interval length must be finite and > 0, got %1%.", d, err,
                        pol) ||
        !check_mean_handling_time(function, h, err, pol) ||
        !check_non_negative(function, "Lag must be finite and >= 0, got %1%.", lag, err, pol) ||
        !check_non_negative(function, "Rate before the day must be finite and >= 0, got %1%.",
                            before, err, pol) ||
        !check_rates(function, rates, err, pol)) {
      return std::vector<Real>(rates.size(), err);
    }
    // The shifted interval [i D - lag, (i + 1) D - lag) covers interval j = floor(i - lag/D)
    // for a share 1 - f and interval j + 1 for a share f, f = frac(lag / D) complemented.
    const Real q = lag / d;
    const Real whole = floor(q);
    const Real frac = q - whole;  // share of interval j = i - whole - 1
    const auto rate_at = [&](Real j) {
      return j < 0 ? before : rates[static_cast<std::size_t>(j)];
    };
    std::vector<Real> out;
    out.reserve(rates.size());
    for (std::size_t i = 0; i < rates.size(); ++i) {
      const Real j = Real(i) - whole;
      const Real rate = (1 - frac) * rate_at(j) + (frac > 0 ? frac * rate_at(j - 1) : 0);
      out.push_back(rate * h);
    }
    return out;
  }
};

/// Each interval's own load, rate x h (the loads of SIPP).
template <class Real>
std::vector<Real> interval_loads(const std::vector<Real>& rates, Real h) {
  std::vector<Real> loads;
  loads.reserve(rates.size());
  for (const Real& r : rates) {
    loads.push_back(r * h);
  }
  return loads;
}

/// stationary_agents_for_loads: the stationary solver the day's parameters name, per load.
template <class Real, class Policy>
std::vector<Real> stationary_agents_imp(const std::vector<Real>& loads,
                                        const day_parameters<Real>& parameters,
                                        const staffing_targets<Real>& targets, const Policy& pol) {
  using std::isinf;
  const Real h = parameters.mean_handling_time;
  const Real p = parameters.mean_patience;
  const auto agents_for = [&](const Real& e) {
    if (parameters.waiting_places) {
      const Real n = *parameters.waiting_places;
      return isinf(p) ? finite_queue_agents_for_targets(e, h, n, targets, pol)
                      : finite_queue_abandonment_agents_for_targets(e, h, p, n, targets, pol);
    }
    return isinf(p) ? agents_for_targets(e, h, targets, pol)
                    : erlang_a_agents_for_targets(e, h, p, targets, pol);
  };
  std::vector<Real> out;
  out.reserve(loads.size());
  for (const Real& e : loads) {
    out.push_back(agents_for(e));
  }
  return out;
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_TIME_VARYING_IMP_HPP
