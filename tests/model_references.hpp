// Engset, Extended Erlang B and finite-queue reference values in 50 digits: the Engset,
// M/M/c/K and M/M/c/K+M birth-death chains (support/birth_death_chain.hpp) and the
// Extended Erlang B fixed point on the defining sum. Independent of the library's
// algorithms.
#ifndef ERLANG_TESTS_MODEL_REFERENCES_HPP
#define ERLANG_TESTS_MODEL_REFERENCES_HPP

#include "reference.hpp"
#include "support/birth_death_chain.hpp"

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace erlang::test {

/// Time, call and traffic congestion from the stationary distribution of the Engset
/// birth-death chain (births (S - i) beta, deaths i, states 0..n), in 50 digits:
///   time    p(n);
///   call    (S - n) p(n) / sum_i (S - i) p(i)   (what the arrivals find);
///   traffic (A - Y) / A, A = S beta / (1 + beta), Y = sum_i i p(i) (telescoped when tiny).
struct engset_reference {
  mp time;
  mp call;
  mp traffic;
};

inline engset_reference engset_chain(double beta_d, std::uint64_t s, std::uint64_t n) {
  const mp beta = beta_d;
  const std::uint64_t top = std::min(n, s);
  const birth_death_chain chain(
      top, [&](std::uint64_t i) { return mp(s - i) * beta; },
      [](std::uint64_t i) { return mp(i); });
  engset_reference r;
  r.time = n > s ? mp(0) : chain.probability(top);
  r.call = n >= s ? mp(0) : chain.arrival_probability(top);
  const mp a = mp(s) * beta / (1 + beta);
  const mp y = chain.mean();
  r.traffic = (a - y) / a;
  if (r.traffic < mp("1e-20")) {
    // A - Y cancels in 50 digits: use the telescoped sum
    // sum_i p(i) ((S - i) beta - i) = (S - n) beta p(n), so A - Y = (S - n) beta p(n) / (1 + beta).
    r.traffic = n >= s ? mp(0) : mp(s - n) * beta * chain.probability(top) / (1 + beta) / a;
  }
  return r;
}

/// B(E, m) in 50 digits by the defining sum (integer m) or the incomplete gamma function.
inline mp reference_b(const mp& e, double m) {
  if (m == std::floor(m)) {
    return exp(-erlang::test::log_inverse_b_sum(e, static_cast<std::uint64_t>(m)));
  }
  return exp(-erlang::test::log_inverse_b_gamma(e, mp(m)));
}

/// The fixed point E = E0 + r E B(E, m) in 50 digits: bisection on [E0, E0 / (1 - r)] (or
/// a doubled bracket for r = 1) to 1e-12, then the secant method to 1e-45.
inline mp reference_fixed_point(double e0_d, double m, double r_d) {
  const mp e0 = e0_d;
  const mp r = r_d;
  const auto f = [&](const mp& e) { return e - e0 - r * e * reference_b(e, m); };
  mp lo = e0;
  mp hi = r < 1 ? e0 / (1 - r) : 2 * e0;
  while (f(hi) < 0) {
    hi *= 2;
  }
  while (hi - lo > lo * mp("1e-12")) {
    const mp mid = (lo + hi) / 2;
    (f(mid) < 0 ? lo : hi) = mid;
  }
  mp a = lo;
  mp b = hi;
  mp fa = f(a);
  mp fb = f(b);
  for (int i = 0; i < 50 && abs(b - a) > abs(b) * mp("1e-46") && fb != fa; ++i) {
    const mp c = b - fb * (b - a) / (fb - fa);
    a = b;
    fa = fb;
    b = c;
    fb = f(b);
  }
  return b;
}

struct mmck_reference {
  mp blocking;
  mp wait;
  mp service_level;
  mp asa;
  mp queue;
  mp occupancy;
};

/// The M/M/c/K measures from the stationary distribution of its birth-death chain
/// (births E, deaths min(i, c); states 0..K) in 50 digits. A call that finds c + j
/// present (j < N) waits for j + 1 service completions at rate c/h: it is answered
/// within t with probability P(j + 1, c t / h) (regularised lower incomplete gamma),
/// taken from Boost at the top index and then by the downward recurrence
/// P(j, x) = P(j + 1, x) + e^-x x^j / j!, which only adds.
inline mmck_reference mmck_chain(double e_d, std::uint64_t c, std::uint64_t k, double h_d,
                                 double t_d) {
  const mp e = e_d;
  const mp h = h_d;
  const mp x = mp(c) * mp(t_d) / h;
  const std::uint64_t n = k - c;
  const birth_death_chain chain(
      k, [&](std::uint64_t) -> const mp& { return e; },
      [&](std::uint64_t i) { return mp(std::min(i, c)); });
  // P(j + 1, x) for j = N - 1 down to 0.
  std::vector<mp> within(n);
  if (n > 0) {
    mp p_upper = x > 0 ? mp(boost::math::gamma_p(mp(n), x)) : mp(0);  // P(N, x)
    mp pois = x > 0 ? exp(mp(n - 1) * log(x) - x - boost::math::lgamma(mp(n)))
                    : mp(0);  // x^(N-1) e^-x / (N-1)!
    for (std::uint64_t jj = n; jj-- > 0;) {
      // here p_upper = P(jj + 1, x), pois = Pois(jj; x)
      within[jj] = p_upper;
      p_upper += pois;
      pois = jj > 0 && x > 0 ? pois * mp(jj) / x : mp(0);
    }
  }
  // The queue: state c + j (j < N) holds j waiting ahead of an arrival.
  const auto in_queue = [&](auto f) {
    return chain.expectation([&](std::uint64_t i) { return i < c || i == k ? mp(0) : f(i - c); });
  };
  mmck_reference r;
  r.blocking = chain.probability(k);
  r.wait = n > 0 ? chain.probability(c, k - 1) : mp(0);
  r.service_level =
      chain.probability(0, c - 1) + in_queue([&](std::uint64_t j) { return within[j]; });
  r.asa = in_queue([&](std::uint64_t j) { return mp(j + 1) * h / mp(c); }) /
          chain.probability(0, k - 1);
  r.queue = chain.expectation([&](std::uint64_t i) { return i > c ? mp(i - c) : mp(0); });
  r.occupancy = chain.expectation([&](std::uint64_t i) { return mp(std::min(i, c)); }) / mp(c);
  return r;
}

struct mmckm_reference {
  mp blocking;
  mp wait;
  mp abandon;
  mp service_level;
  mp asa;
  mp queue;
  mp occupancy;
};

/// M/M/c/K+M from the stationary distribution of its birth-death chain in 50 digits:
/// births E, deaths min(i, c) + max(i - c, 0) gamma (time in units of h, gamma = h /
/// patience). P(abandon) comes from the rate balance theta L_q / lambda = gamma L_q / E and
/// the occupancy from the busy servers, neither through the tagged-caller argument. A call
/// finding j waiting is served with probability c / (c + (j + 1) gamma) (competing
/// exponential stages), within t with that times I_x(j + 1, c / gamma + 1) (Boost's ibeta
/// in 50 digits at the top index, then the downward recurrence, which only adds; the
/// identity is checked against the stage-by-stage formula in HypoexponentialStages), and
/// waits h sum_{k<=j+1} 1 / (c + k gamma) on average if served.
///
/// `deaths_below` (in units of 1 / h) replaces the death rate i of the states i < c where
/// the servers' rate depends on more than their number (a chat system's agents); the queue
/// from state c on is unchanged.
inline mmckm_reference mmckm_chain(double e_d, std::uint64_t c, std::uint64_t k, double h_d,
                                   double patience_d, double t_d, bool with_service_level = true,
                                   const std::function<mp(std::uint64_t)>& deaths_below = {}) {
  const mp e = e_d;
  const mp g = mp(h_d) / mp(patience_d);
  const mp a = mp(c) / g;
  const mp x = -expm1(-g * mp(t_d) / mp(h_d));
  const std::uint64_t n = k - c;
  const birth_death_chain chain(
      k, [&](std::uint64_t) -> const mp& { return e; },
      [&](std::uint64_t i) {
        if (i < c && deaths_below) {
          return deaths_below(i);
        }
        return i <= c ? mp(i) : mp(c) + mp(i - c) * g;
      });
  // I_x(j + 1, a + 1) for j = N-1 down to 0: Boost's ibeta at the top, then
  // I_x(m, b) = I_x(m + 1, b) + x^m (1 - x)^b / (m B(m, b)), which only adds.
  std::vector<mp> within(n);
  if (with_service_level && t_d > 0 && n > 0) {
    const mp b = a + 1;
    mp cdf = boost::math::ibeta(mp(n), b, x);                                 // I_x(N, b)
    mp pmf = boost::math::ibeta_derivative(mp(n - 1 > 0 ? n - 1 : 1), b, x);  // for m = N - 1
    pmf *= x * (1 - x) / mp(n - 1 > 0 ? n - 1 : 1);
    for (std::uint64_t m = n; m-- > 0;) {
      within[m] = cdf;  // I_x(m + 1, b)
      if (m > 0) {
        cdf += pmf;  // + term m
        pmf *= mp(m) / (x * (mp(m) - 1 + b));
      }
    }
  }
  // The queue: state c + j (j < N) holds j waiting ahead of an arrival, who is served
  // with probability c / (c + (j + 1) gamma).
  const auto in_queue = [&](auto f) {
    return chain.expectation([&](std::uint64_t i) { return i < c || i == k ? mp(0) : f(i - c); });
  };
  const auto served = [&](std::uint64_t j) { return mp(c) / (mp(c) + mp(j + 1) * g); };
  mp stages = 0;  // sum_{i<=j} 1 / (c + (i + 1) gamma), for j in increasing order
  const mp served_wait = in_queue([&](std::uint64_t j) {
    stages += 1 / (mp(c) + mp(j + 1) * g);
    return served(j) * stages * mp(h_d);
  });
  const mp lower = chain.probability(0, c - 1);
  mmckm_reference r;
  r.blocking = chain.probability(k);
  r.wait = n > 0 ? chain.probability(c, k - 1) : mp(0);
  r.queue = chain.expectation([&](std::uint64_t i) { return i > c ? mp(i - c) : mp(0); });
  r.abandon = g * r.queue / e;
  r.service_level = lower + (with_service_level && t_d > 0
                                 ? in_queue([&](std::uint64_t j) { return served(j) * within[j]; })
                                 : mp(0));
  r.asa = served_wait / (lower + in_queue(served));
  r.occupancy = chain.expectation([&](std::uint64_t i) { return mp(std::min(i, c)); }) / mp(c);
  return r;
}

/// Random finite-queue points: agents c and waiting places N log-uniform in [1, limit]
/// (rounded), traffic e = load c with the load uniform in [load_lo, load_hi); rng() for a
/// test's own further draws.
class random_queue_points {
 public:
  struct point {
    double c;
    double n;
    double e;
  };

  random_queue_points(std::uint64_t seed, double limit, double load_lo, double load_hi)
      : rng_(seed), log_count_(0, std::log(limit)), load_(load_lo, load_hi) {}

  point next() {
    const double c = std::round(std::exp(log_count_(rng_)));
    const double n = std::round(std::exp(log_count_(rng_)));
    return {c, n, load_(rng_) * c};
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
  std::uniform_real_distribution<double> log_count_;
  std::uniform_real_distribution<double> load_;
};

/// One measure of a model beside its 50-digit chain reference.
struct measure_pair {
  const char* name;
  double computed;
  const mp* reference;
};

/// The measures a chain reference (mmck_reference, mmckm_reference) holds, each beside the
/// computed one of m: blocking, wait, abandon (M/M/c/K+M), service level, ASA, queue,
/// occupancy.
template <class Measures, class Reference>
std::vector<measure_pair> measure_pairs(const Measures& m, const Reference& ref) {
  std::vector<measure_pair> out{{"blocking", m.blocking, &ref.blocking},
                                {"wait", m.wait_probability, &ref.wait}};
  if constexpr (requires { ref.abandon; }) {
    out.push_back({"abandon", m.abandon_probability, &ref.abandon});
  }
  out.insert(out.end(), {{"service level", m.service_level, &ref.service_level},
                         {"ASA", m.average_speed_of_answer, &ref.asa},
                         {"mean queue", m.mean_queue_length, &ref.queue},
                         {"occupancy", m.occupancy, &ref.occupancy}});
  return out;
}

/// The worst relative error of each measure over a set of points, every one within its
/// tolerance. A reference of 0 wants exactly 0; one below the double range (under 1e-290)
/// is passed over.
class worst_by_measure {
 public:
  void check(const std::vector<measure_pair>& pairs, double tolerance, const std::string& where) {
    for (const auto& p : pairs) {
      if (*p.reference > 0 && *p.reference < mp("1e-290")) {
        continue;
      }
      const double err = relative_error(p.computed, *p.reference);
      EXPECT_LE(err, tolerance) << p.name << " " << where;
      auto it = std::find_if(worst_.begin(), worst_.end(),
                             [&](const auto& w) { return w.first == p.name; });
      if (it == worst_.end()) {
        worst_.emplace_back(p.name, err);
      } else {
        it->second = (std::max)(it->second, err);
      }
    }
    ++points_;
  }

  /// "N points: worst relative error blocking 1e-16, wait ...".
  [[nodiscard]] std::string summary() const {
    std::string out = std::to_string(points_) + " points: worst relative error";
    for (const auto& [name, err] : worst_) {
      char value[32];
      std::snprintf(value, sizeof value, " %.3g", err);
      out += std::string(worst_.front().first == name ? " " : ", ") + name + value;
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, double>> worst_;
  int points_ = 0;
};

}  // namespace erlang::test

#endif  // ERLANG_TESTS_MODEL_REFERENCES_HPP
