// Engset and Extended Erlang B reference values in 50 digits: the Engset birth-death
// chain and the Extended Erlang B fixed point on the defining sum. Independent of the
// library's algorithms.
#ifndef ERLANG_TESTS_MODEL_REFERENCES_HPP
#define ERLANG_TESTS_MODEL_REFERENCES_HPP

#include "reference.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace erlang::test {

/// Time, call and traffic congestion from the stationary distribution of the Engset
/// birth-death chain (births (S - i) beta, deaths i, states 0..n), in 50 digits:
///   time    p(n);
///   call    (S - n) p(n) / sum_i (S - i) p(i)   (arrival-weighted);
///   traffic (A - Y) / A, A = S beta / (1 + beta), Y = sum_i i p(i) (telescoped when tiny).
struct engset_reference {
  mp time;
  mp call;
  mp traffic;
};

inline engset_reference engset_chain(double beta_d, std::uint64_t s, std::uint64_t n) {
  const mp beta = beta_d;
  const std::uint64_t top = std::min(n, s);
  mp weight = 1;  // unnormalised p(i), rescaled when large
  mp total = 1;
  mp arrivals = mp(s);  // sum (S - i) p(i)
  mp busy = 0;          // sum i p(i)
  for (std::uint64_t i = 1; i <= top; ++i) {
    weight *= mp(s - i + 1) * beta / mp(i);
    total += weight;
    arrivals += mp(s - i) * weight;
    busy += mp(i) * weight;
    if (total > mp("1e1000")) {
      weight /= total;
      arrivals /= total;
      busy /= total;
      total = 1;
    }
  }
  engset_reference r;
  r.time = n > s ? mp(0) : weight / total;
  r.call = n >= s ? mp(0) : mp(s - n) * weight / arrivals;
  const mp a = mp(s) * beta / (1 + beta);
  const mp y = busy / total;
  r.traffic = (a - y) / a;
  if (r.traffic < mp("1e-20")) {
    // A - Y cancels in 50 digits: use the telescoped sum
    // sum_i p(i) ((S - i) beta - i) = (S - n) beta p(n), so A - Y = (S - n) beta p(n) / (1 + beta).
    r.traffic = n >= s ? mp(0) : mp(s - n) * beta * (weight / total) / (1 + beta) / a;
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

}  // namespace erlang::test

#endif  // ERLANG_TESTS_MODEL_REFERENCES_HPP
