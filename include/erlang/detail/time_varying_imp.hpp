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

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <type_traits>
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

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_TIME_VARYING_IMP_HPP
