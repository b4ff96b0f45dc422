// Building blocks of the finite-queue models (M/M/c/K and M/M/c/K+M): sums of geometric
// and Poisson weights in a form that neither overflows nor cancels.
#ifndef ERLANG_DETAIL_FINITE_QUEUE_IMP_HPP
#define ERLANG_DETAIL_FINITE_QUEUE_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/measures.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/bernoulli.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/factorials.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/log1p.hpp>
#include <boost/math/tools/precision.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>

namespace erlang::detail {

/// ln(e^a + e^b), exact when one side is -infinity.
template <class Real>
Real log_add_exp(Real a, Real b) {
  using std::exp;
  if (a < b) {
    std::swap(a, b);
  }
  if (!(b > -std::numeric_limits<Real>::infinity())) {
    return a;
  }
  return a + boost::math::log1p(exp(b - a));
}

/// ln [n]_rho = ln sum_{j=0}^{n-1} rho^j, rho = e^u, n >= 0 (-infinity for n = 0), times
/// rho^-shift: ln([n]_rho) - shift u. With shift = 0 for u <= 0 nothing overflows; for
/// u > 0 pass shift >= n - 1 so the result stays near 0 and the large n u cancels inside
/// one product, (n - shift) u.
template <class Real, class Policy>
Real log_geometric_sum(Real u, Real n, Real shift, const Policy& pol) {
  using std::log;
  if (n == 0) {
    return -std::numeric_limits<Real>::infinity();
  }
  if (u == 0) {
    return log(n);
  }
  const Real nu = n * u;
  if (u > 0) {
    // [n] = rho^n (1 - rho^-n) / (rho - 1)
    // ln(e^u - 1) = u + ln(1 - e^-u): no overflow of e^u (rho near the largest double).
    return (n - shift) * u + log(-boost::math::expm1(-nu, pol)) -
           (u + log(-boost::math::expm1(-u, pol)));
  }
  return log(boost::math::expm1(nu, pol) / boost::math::expm1(u, pol)) - shift * u;
}

/// 1/expm1(z) without overflow: e^-z / (1 - e^-z) for z > 1.
template <class Real, class Policy>
Real inverse_expm1(Real z, const Policy& pol) {
  using std::exp;
  if (z > 1) {
    return exp(-z) / -boost::math::expm1(-z, pol);
  }
  return 1 / boost::math::expm1(z, pol);
}

/// phi(v) = 1/expm1(-v) + 1/v, a smooth function with phi(0) = -1/2, falling from 0 at
/// -infinity to -1 at +infinity. Near 0 by the Bernoulli series
/// phi(v) = -1/2 - sum_{k>=1} B_{2k} v^{2k-1} / (2k)!, which converges for |v| < 2 pi.
template <class Real, class Policy>
Real bernoulli_phi(Real v, const Policy& pol) {
  using std::fabs;
  if (fabs(v) >= 1) {
    return inverse_expm1(-v, pol) + 1 / v;
  }
  const Real eps = boost::math::tools::epsilon<Real>();
  Real sum = Real(-0.5);
  Real power = v;  // v^(2k-1)
  const Real v2 = v * v;
  for (unsigned k = 1; k < 80; ++k) {
    const Real term = boost::math::bernoulli_b2n<Real>(static_cast<int>(k), pol) /
                      boost::math::factorial<Real>(2 * k, pol) * power;
    sum -= term;
    if (fabs(term) <= eps * Real(0.125)) {
      break;
    }
    power *= v2;
  }
  return sum;
}

/// Mean of the truncated geometric distribution on {0, ..., n} with weights rho^j,
/// rho = e^u: sum j rho^j / sum rho^j, in [0, n], without cancellation at rho = 1.
///   u >= 0 or (n + 1)|u| <= 1:  phi(u) - (n + 1) phi((n + 1) u)
///   otherwise (rho < 1):        rho / (1 - rho) - (n + 1) rho^(n+1) / (1 - rho^(n+1))
/// (each pair loses at most a factor 2.4 to cancellation).
template <class Real, class Policy>
Real truncated_geometric_mean(Real u, Real n, const Policy& pol) {
  using std::fabs;
  const Real n1 = n + 1;
  if (u >= 0 || n1 * fabs(u) <= 1) {
    return bernoulli_phi(u, pol) - n1 * bernoulli_phi(n1 * u, pol);
  }
  return inverse_expm1(-u, pol) - n1 * inverse_expm1(-n1 * u, pol);
}

/// ln Gamma(n + 1) - (n ln n - n + ln(2 pi n) / 2) for n >= 16, by the Stirling series
/// sum_k B_{2k} / (2k (2k - 1) n^(2k-1)) (its terms fall below eps before they grow).
template <class Real, class Policy>
Real stirling_error(Real n, const Policy& pol) {
  using std::fabs;
  const Real eps = boost::math::tools::epsilon<Real>();
  const Real r = 1 / n;
  const Real r2 = r * r;
  Real power = r;
  Real sum = 0;
  Real previous = std::numeric_limits<Real>::infinity();
  for (int k = 1; k < 200; ++k) {
    const Real term = boost::math::bernoulli_b2n<Real>(k, pol) / Real(2 * k * (2 * k - 1)) * power;
    if (fabs(term) >= previous || fabs(term) <= eps * fabs(sum) * Real(0.125)) {
      break;
    }
    sum += term;
    previous = fabs(term);
    power *= r2;
  }
  return sum;
}

/// ln of the Poisson probability e^-x x^n / n! for n >= 0, x > 0, without the
/// cancellation of n ln x - x - ln n! (Loader's form: n log1pmx((x - n)/n) - ln(2 pi n)/2
/// - stirling_error(n)).
template <class Real, class Policy>
Real log_poisson_pmf(Real n, Real x, const Policy& pol) {
  using std::log;
  if (n == 0) {
    return -x;
  }
  if (n < 16) {
    return n * log(x) - x - boost::math::lgamma(n + 1, pol);
  }
  const Real two_pi = boost::math::constants::two_pi<Real>();
  // n log1pmx(x/n - 1) = n (ln(x/n) + 1) - x: below x = n/2 the latter has no cancellation
  // to speak of, and log1pmx raises an overflow error once x/n - 1 rounds to -1.
  const Real ratio = x / n;
  const Real main =
      ratio < Real(0.5) ? n * (log(ratio) + 1) - x : n * boost::math::log1pmx((x - n) / n, pol);
  return main - (log(two_pi) + log(n)) / 2 - stirling_error(n, pol);
}

/// M/M/c/K in logarithms relative to a reference state: c when rho <= 1, K when rho > 1.
template <class Real>
struct finite_queue_core {
  Real e;            // traffic
  Real c;            // servers
  Real n;            // waiting places K - c
  Real u;            // ln rho
  Real rho;          // E / c
  Real shift;        // reference state c + shift
  Real log_lower;    // ln(sum_{i<c} p(i) / p(ref))
  Real log_waiting;  // ln(sum_{j<N} p(c+j) / p(ref))
  Real log_queue;    // ln(sum_{j<=N} p(c+j) / p(ref))
  Real log_z;        // ln(sum_i p(i) / p(ref))
  // The same sums without logarithms (no rounding of large exponents), when 1/B is finite:
  bool direct;
  Real lower;
  Real waiting;
  Real queue;
  Real top;  // p(K) / p(ref)
  Real z;
};

/// [n]_rho / rho^shift (see log_geometric_sum) without logarithms, for n <= shift + 1 when
/// u > 0 (then shift = N) and shift = 0 when u <= 0.
template <class Real, class Policy>
Real geometric_sum_scaled(Real u, Real n, Real shift, const Policy& pol) {
  using std::exp;
  if (n == 0) {
    return 0;
  }
  if (u == 0) {
    return n;
  }
  if (u < 0) {
    return boost::math::expm1(n * u, pol) / boost::math::expm1(u, pol);
  }
  // [n] = rho^(n-1) (1 - rho^-n) / (1 - rho^-1)
  const Real r = boost::math::expm1(-n * u, pol) / boost::math::expm1(-u, pol);
  return n - 1 == shift ? r : r * exp((n - 1 - shift) * u);
}

/// The core for e > 0, c >= 1, n >= 0.
template <class Real, class Policy>
finite_queue_core<Real> make_finite_queue_core(Real e, Real c, Real n, const Policy& pol) {
  using std::log;
  finite_queue_core<Real> q{};
  q.e = e;
  q.c = c;
  q.n = n;
  const auto ib = inverse_blocking_of(c, e, pol);
  // 1/B - 1 = sum_{i<c} p(i) / p(c); when it overflows, ln(1/B - 1) = ln(1/B) to within B.
  const Real log_lower_c =
      (boost::math::isfinite)(ib.excess) ? Real(log(ib.excess)) : ib.log_inverse;
  // ln rho: log1p of the exact difference near rho = 1, else the log of the quotient
  // (whose rounding is an absolute error of eps in ln rho).
  const Real d = (e - c) / c;
  // ln(e / c) from the two logarithms when e / c underflows (subnormal traffic).
  q.u = (d > Real(-0.5) && d < 1) ? Real(boost::math::log1p(d, pol))
        : e / c > 0               ? Real(log(e / c))
                                  : Real(log(e) - log(c));
  q.rho = e / c;
  q.shift = q.u > 0 ? n : Real(0);
  q.log_lower = log_lower_c - q.shift * q.u;
  q.log_waiting = log_geometric_sum(q.u, n, q.shift, pol);
  q.log_queue = log_geometric_sum(q.u, n + 1, q.shift, pol);
  q.log_z = log_add_exp(q.log_lower, q.log_queue);
  q.direct = (boost::math::isfinite)(ib.excess);
  if (q.direct) {
    q.lower = q.u > 0 ? ib.excess * exp(-n * q.u) : ib.excess;
    q.waiting = geometric_sum_scaled(q.u, n, q.shift, pol);
    q.queue = geometric_sum_scaled(q.u, n + 1, q.shift, pol);
    q.top = q.u > 0 ? Real(1) : exp(n * q.u);
    q.z = q.lower + q.queue;
  }
  return q;
}

template <class Real>
Real finite_queue_blocking_of(const finite_queue_core<Real>& q) {
  using std::exp;
  if (q.direct) {
    return q.top / q.z;
  }
  return exp((q.n - q.shift) * q.u - q.log_z);
}

template <class Real>
Real finite_queue_wait_of(const finite_queue_core<Real>& q) {
  using std::exp;
  if (q.direct) {
    return q.waiting / q.z;
  }
  return exp(q.log_waiting - q.log_z);
}

/// 1 - blocking, as a sum of positive terms.
template <class Real>
Real finite_queue_accepted_of(const finite_queue_core<Real>& q) {
  using std::exp;
  if (q.direct) {
    return (q.lower + q.waiting) / q.z;
  }
  return exp(log_add_exp(q.log_lower, q.log_waiting) - q.log_z);
}

template <class Real, class Policy>
Real finite_queue_mean_queue_of(const finite_queue_core<Real>& q, const Policy& pol) {
  using std::exp;
  // Mean index j of the queue states, from the reference end.
  const Real mean_j = q.u > 0 ? q.n - truncated_geometric_mean(-q.u, q.n, pol)
                              : truncated_geometric_mean(q.u, q.n, pol);
  return (q.direct ? q.queue / q.z : exp(q.log_queue - q.log_z)) * mean_j;
}

/// ln sum_{n>=1} Pois(n; x) [min(n, N)]_rho, relative to p(ref) / p(c): the weight of the
/// queued calls answered within the answer time, x = c t / h > 0, N >= 1. A queued call
/// that finds j others waiting is answered within t when at least j + 1 services end by
/// t; summing over j turns the Poisson tail probabilities into this sum of positive terms.
/// The terms are log-concave in n: they are summed over the window around their peak
/// where they matter, with a geometric bound on what is left out on either side. When
/// N < x the terms n >= N add up in closed form to [N]_rho P(N, x).
template <class Real, class Policy>
Real finite_queue_log_answered_in_queue(const finite_queue_core<Real>& q, Real x,
                                        const Policy& pol) {
  using std::floor;
  using std::fmax;
  using std::fmin;
  using std::log;
  const Real inf = std::numeric_limits<Real>::infinity();
  const Real tiny = boost::math::tools::epsilon<Real>() / 64;
  const Real big_n = q.n;
  const Real rho = q.rho;
  const Real up_rho = fmax(Real(1), rho);
  const bool tail_closed = big_n < x;
  const Real top = tail_closed ? big_n - 1 : inf;  // last n summed term by term
  Real log_sum = -inf;
  if (top >= 1) {
    // Near the peak: x max(1, rho) (the weights tilt the Poisson law by rho^n).
    Real n0 = floor(x * up_rho);
    n0 = tail_closed ? fmin(n0, top) : fmin(n0, fmax(big_n, floor(x)));
    n0 = fmax(n0, Real(1));
    // Walk down with an upper bound on a(n-1)/a(n): n/x times [n-1]/[n] <= 1/max(1, rho).
    Real n_lo = n0;
    Real v = 1;  // bound on a(n_lo) / a(n0)
    while (n_lo > 1) {
      const Real b = n_lo / x * (n_lo - 1 >= big_n ? Real(1) : 1 / up_rho);
      if (b < 1 && v * b / (1 - b) <= tiny) {
        break;
      }
      v *= b;
      n_lo -= 1;
    }
    // Sum upwards from n_lo, exactly: a(n+1)/a(n) = x/(n+1) ([n+1]/[n] = rho + 1/[n]).
    const Real m_lo = fmin(n_lo, big_n);
    Real h = exp(-log_geometric_sum(q.u, m_lo, Real(0), pol));  // 1/[n]; 0 if [n] overflows
    const Real log_start =
        log_poisson_pmf(n_lo, x, pol) + log_geometric_sum(q.u, m_lo, q.shift, pol);
    const Real rescale = Real(1e200);
    Real log_scale = 0;
    Real t = 1;
    Real total = 0;
    for (Real n = n_lo;; n += 1) {
      total += t;
      if (n >= top) {
        break;
      }
      Real ratio = x / (n + 1);
      if (n + 1 <= big_n) {
        ratio *= rho + h;
        h = h / (h + rho);
      }
      t *= ratio;
      if (ratio < 1 && t / (1 - ratio) <= tiny * total) {
        total += t;  // the rest is below t ratio / (1 - ratio): the ratios keep falling
        break;
      }
      if (total > rescale) {
        total /= rescale;
        t /= rescale;
        log_scale += log(rescale);
      }
    }
    log_sum = log_start + log_scale + log(total);
  }
  if (tail_closed) {
    const Real log_tail =
        log_geometric_sum(q.u, big_n, q.shift, pol) + log(boost::math::gamma_p(big_n, x, pol));
    log_sum = log_add_exp(log_sum, log_tail);
  }
  return log_sum;
}

/// t / h (finite: check_answer_time_scale), capped where the service level no longer
/// depends on it. A queued call finding j <= N - 1 others waiting leaves the queue (served,
/// or gone with abandonment) after at most j + 1 departures at a rate of at least c / h,
/// so it is still waiting at t with a probability of at most P(Pois(c t / h) <= N), below
/// e^-1000 once c t / h >= 2 (N + 1) + 1000. The cap keeps c t / h and the sums over it
/// finite (answer times of 1e300 handling times made them overflow).
template <class Real>
Real settled_answer_time_ratio(Real t, Real h, Real c, Real n) {
  using std::fmin;
  return fmin(t / h, (2 * (n + 1) + 1000) / c);
}

/// Service level for e > 0: (served at once + answered from the queue within t) / total.
template <class Real, class Policy>
Real finite_queue_service_level_of(const finite_queue_core<Real>& q, Real h, Real t,
                                   const Policy& pol) {
  using std::exp;
  const Real x = q.c * settled_answer_time_ratio(t, h, q.c, q.n);
  const Real log_in_queue = q.n >= 1 && x > 0 ? finite_queue_log_answered_in_queue(q, x, pol)
                                              : -std::numeric_limits<Real>::infinity();
  const Real sl = q.direct ? (q.lower + exp(log_in_queue)) / q.z
                           : exp(log_add_exp(q.log_lower, log_in_queue) - q.log_z);
  return sl > 1 ? Real(1) : sl;
}

/// All measures at once (e >= 0); the service level only when with_service_level (it is
/// the one measure that is not O(1)), else it is left at 0.
template <class Real, class Policy>
queue_measures<Real> finite_queue_all(Real e, Real c, Real n, Real h, Real t, const Policy& pol,
                                      bool with_service_level = true) {
  if (e == 0) {
    return no_traffic_measures<Real>();
  }
  const auto q = make_finite_queue_core(e, c, n, pol);
  queue_measures<Real> r{};
  r.blocking = finite_queue_blocking_of(q);
  r.wait_probability = finite_queue_wait_of(q);
  r.abandon_probability = 0;
  r.service_level = with_service_level ? finite_queue_service_level_of(q, h, t, pol) : Real(0);
  r.mean_queue_length = finite_queue_mean_queue_of(q, pol);
  const Real accepted = finite_queue_accepted_of(q);
  r.average_speed_of_answer = r.mean_queue_length * h / (e * accepted);
  r.mean_wait = r.mean_queue_length * h / e;
  const Real occ = q.rho * accepted;
  r.occupancy = occ > 1 ? Real(1) : occ;
  return r;
}

/// Checks (traffic, agents, waiting places); on failure stores the error result in err.
/// The capacity, agents + waiting places, is at most 2^53 (the largest exact count).
template <class Real, class Policy>
bool check_finite_queue(const char* function, const Real& e, const Real& c, const Real& n,
                        Real& err, const Policy& pol) {
  if (!check_traffic(function, e, err, pol) ||
      !check_count(function, "Agents must be an integer >= 1, got %1%.", c, 1U, err, pol) ||
      !check_count(function, "Waiting places must be an integer >= 0, got %1%.", n, 0U, err, pol)) {
    return false;
  }
  return check_that(c + n <= Real(max_count), function,
                    "Agents + waiting places must be at most 2^53, got %1% waiting places.", n, err,
                    pol);
}

/// Checks the mean handling time (> 0) and the answer time (>= 0).
/// The answer time in handling times, t / h, must be finite (a handling time so short
/// that it overflows leaves the service level undefined in double).
template <class Real, class Policy>
bool check_answer_time_scale(const char* function, const Real& h, const Real& t, Real& err,
                             const Policy& pol) {
  return check_that((boost::math::isfinite)(t / h), function,
                    "Answer time / mean handling time overflows, got an answer time of %1%.", t,
                    err, pol);
}

template <class Real, class Policy>
bool check_times(const char* function, const Real& h, const Real& t, Real& err, const Policy& pol) {
  return check_mean_handling_time(function, h, err, pol) &&
         check_answer_time(function, t, err, pol) &&
         check_answer_time_scale(function, h, t, err, pol);
}

/// Which M/M/c/K measure a function returns.
enum class finite_queue_measure {
  blocking,
  wait_probability,
  service_level,
  average_speed_of_answer,
  mean_queue_length,
  occupancy
};

/// One M/M/c/K measure for checked arguments, n = K - c waiting places; no traffic: nothing
/// is blocked or waits and every call is answered at once.
template <finite_queue_measure M, class Real, class Policy>
Real finite_queue_measure_of(Real e, Real c, Real n, Real h, Real t, const Policy& pol) {
  if (e == 0) {
    return M == finite_queue_measure::service_level ? Real(1) : Real(0);
  }
  const auto q = make_finite_queue_core(e, c, n, pol);
  if constexpr (M == finite_queue_measure::blocking) {
    return finite_queue_blocking_of(q);
  } else if constexpr (M == finite_queue_measure::wait_probability) {
    return finite_queue_wait_of(q);
  } else if constexpr (M == finite_queue_measure::service_level) {
    return finite_queue_service_level_of(q, h, t, pol);
  } else if constexpr (M == finite_queue_measure::average_speed_of_answer) {
    return finite_queue_mean_queue_of(q, pol) * h / (e * finite_queue_accepted_of(q));
  } else if constexpr (M == finite_queue_measure::mean_queue_length) {
    return finite_queue_mean_queue_of(q, pol);
  } else {
    const Real occ = q.rho * finite_queue_accepted_of(q);
    return occ > 1 ? Real(1) : occ;
  }
}

/// finite_queue_blocking and the other single measures of M/M/c/K, with or without the
/// handling time and the answer time.
template <finite_queue_measure M>
struct finite_queue_measure_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real c, Real n, const Policy& pol) const {
    return (*this)(function, e, c, n, Real(1), Real(0), pol);
  }
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real c, Real n, Real h, const Policy& pol) const {
    return (*this)(function, e, c, n, h, Real(0), pol);
  }
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real c, Real n, Real h, Real t,
                  const Policy& pol) const {
    if (Real err = 0; !check_finite_queue(function, e, c, n, err, pol) ||
                      !check_times(function, h, t, err, pol)) {
      return err;
    }
    return finite_queue_measure_of<M>(e, c, n, h, t, pol);
  }
};

/// finite_queue: every measure.
struct finite_queue_imp {
  template <class Real, class Policy>
  queue_measures<Real> operator()(const char* function, Real e, Real c, Real n, Real h, Real t,
                                  const Policy& pol) const {
    if (Real err = 0; !check_finite_queue(function, e, c, n, err, pol) ||
                      !check_times(function, h, t, err, pol)) {
      return measures_filled_with(err);
    }
    return finite_queue_all(e, c, n, h, t, pol);
  }
};

/// Checks shared by the finite-queue solvers: traffic, handling time, waiting places, the
/// targets (those the model honours, at least one set).
template <class Real, class Policy>
bool check_finite_queue_targets(const char* function, const Real& e, const Real& h, const Real& n,
                                const staffing_targets<Real>& t, const target_support& supported,
                                Real& err, const Policy& pol) {
  if (!check_traffic(function, e, err, pol) || !check_mean_handling_time(function, h, err, pol) ||
      !check_count(function, "Waiting places must be an integer >= 0, got %1%.", n, 0U, err, pol) ||
      !check_targets(function, t, supported, err, pol) ||
      !check_answer_time_scale(function, h, t.answer_time, err, pol)) {
    return false;
  }
  // Agent counts are exact integers up to 2^53 only.
  return check_that(e <= Real(max_count), function,
                    "Traffic must be at most 2^53 erlangs for a staffing search, got %1%.", e, err,
                    pol);
}

/// The least c >= 1 for which measures(c) meets the targets, for measures that improve
/// with c (every target is met for c large enough), or found = false when 2^53 - n agents
/// (capacity 2^53, the largest exact count) do not meet them. Every c below `lower` is
/// taken to fail; the
/// search takes doubling steps of about sqrt(E) from there, then bisects, and confirms
/// that c - 1 fails (stepping down while it meets).
template <class Real, class Measures>
count_search<Real> least_agents(Measures measures, const staffing_targets<Real>& t, Real e, Real n,
                                Real lower) {
  using std::floor;
  using std::sqrt;
  const auto meets = [&](Real c) { return erlang::meets(measures(c), t); };
  const Real limit = Real(max_count) - n;
  const Real from = lower > 1 ? floor(lower) : Real(1);
  if (from > limit) {
    return {limit, false};
  }
  const Real root = sqrt(e);
  const Real step = root < limit ? Real(floor(root) + 1) : limit;
  return least_count(meets, Real(from - 1), from, step, limit, from == 1);
}

/// The domain error of a finite-queue search beyond a capacity of 2^53 (n waiting places).
template <class Real, class Policy>
Real raise_agents_beyond_exact_counts(const char* function, const Real& n, const Policy& pol) {
  return raise_count_beyond_scale(function, "a capacity of at most 2^53, the largest exact count",
                                  Real(Real(max_count) - n), pol);
}

/// A number of agents below which the targets surely fail: the answered calls, at most
/// the carried traffic c / E of all calls, must reach the service level target; without
/// abandonment 1 - blocking must also reach 1 - max_blocking.
template <class Real>
Real agents_lower_bound(Real e, const staffing_targets<Real>& t, bool abandonment) {
  const auto& max_blocking = t.max_blocking;
  Real lower = 1;
  if (t.service_level) {
    lower = (std::max)(lower, e * *t.service_level);
  }
  if (max_blocking && !abandonment) {
    lower = (std::max)(lower, e * (1 - *max_blocking));
  }
  if (max_blocking && abandonment && t.max_abandon) {
    lower = (std::max)(lower, e * (1 - *max_blocking - *t.max_abandon));
  }
  return lower;
}

/// The agents a finite-queue model needs, measures(c) its measures with c agents and n
/// waiting places (checked arguments): no traffic needs none.
template <class Real, class Measures, class Policy>
Real finite_queue_search(const char* function, Real e, Real n, const staffing_targets<Real>& t,
                         bool abandonment, Measures measures, const Policy& pol) {
  if (e == 0) {
    return 0;
  }
  const auto r = least_agents(measures, t, e, n, agents_lower_bound(e, t, abandonment));
  return r.found ? r.count : raise_agents_beyond_exact_counts(function, n, pol);
}

/// finite_queue_agents_for_targets.
struct finite_queue_agents_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real h, Real n, const staffing_targets<Real>& t,
                  const Policy& pol) const {
    if (Real err = 0;
        !check_finite_queue_targets(function, e, h, n, t, finite_queue_support, err, pol)) {
      return err;
    }
    const auto measures = [&](Real c) {
      return finite_queue_all(e, c, n, h, t.answer_time, pol, t.service_level.has_value());
    };
    return finite_queue_search(function, e, n, t, false, measures, pol);
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_FINITE_QUEUE_IMP_HPP
