// M/M/c/K: Poisson arrivals, c servers with exponential handling times, and room for K
// calls in the system (c in service, K - c = N waiting in FIFO order); a call that finds
// K calls present is blocked (lost). With traffic E = lambda h and rho = E/c the state
// probabilities are
//
//   p(i) = p(0) E^i / i! for i <= c,   p(c + j) = p(c) rho^j for j <= N,
//   sum_{i<c} p(i) = p(c) (1/B - 1),   1/p(c) = (1/B - 1) + sum_{j=0..N} rho^j,
// with B = B(E, c) the Erlang B blocking of c servers.
//
// Measures (all over every offered call, blocked ones included, unless said otherwise):
//   blocking            p(K);
//   wait probability    P(queued) = p(c) + ... + p(K - 1);
//   service level       fraction of calls answered within t: those served at once and
//                       those queued behind j others whose j + 1 service completions
//                       (rate c/h) come within t; blocked calls count as not answered;
//   ASA                 mean wait of the answered calls, L_q h / (E (1 - blocking));
//   mean queue length   L_q = sum_j j p(c + j);
//   occupancy           carried traffic per server, rho (1 - blocking).
// K = c is Erlang B (blocking B, nothing waits); as K -> infinity with rho < 1 every
// measure tends to its Erlang C value. Any rho is allowed: the queue is finite.
//
// Numerics: the weights are taken relative to state c (rho <= 1) or to state K (rho > 1),
// so that nothing overflows for huge N and no large exponent cancels; the geometric sums
// use expm1 (exact at rho = 1), the mean of the truncated geometric law a Bernoulli series
// near rho = 1. Measures are ratios of these sums (logarithms only where 1/B overflows).
// Blocking, P(wait), mean queue, ASA and occupancy cost O(1); the service level sums
// Poisson weights over a window of O(sqrt(c t / h)) terms around their peak. Measures
// that depend on rho^N carry a relative error of about N eps (1 + |ln rho|), the
// condition number of rho^N for a one-ulp change of the traffic.
// Staffing (finite_queue_agents_for_targets) keeps the number of waiting places fixed.
// Times (mean handling time h, answer time t, the returned ASA) are in one unit chosen by
// the caller. Servers and capacity are whole numbers, 1 <= servers <= capacity <= 2^53.
#ifndef ERLANG_FINITE_QUEUE_HPP
#define ERLANG_FINITE_QUEUE_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/finite_queue_imp.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/measures.hpp>
#include <erlang/staffing.hpp>

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/precision.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

namespace erlang {

/// The measures of a finite-queue model (M/M/c/K, or M/M/c/K+M with abandonment): the
/// queue_measures of every queueing model (see measures.hpp).
template <class Real>
using finite_queue_measures = queue_measures<Real>;

namespace detail {

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
finite_queue_measures<Real> finite_queue_all(Real e, Real c, Real n, Real h, Real t,
                                             const Policy& pol, bool with_service_level = true) {
  if (e == 0) {
    return {.blocking = 0,
            .wait_probability = 0,
            .abandon_probability = 0,
            .service_level = 1,
            .average_speed_of_answer = 0,
            .mean_wait = 0,
            .mean_queue_length = 0,
            .occupancy = 0};
  }
  const auto q = make_finite_queue_core(e, c, n, pol);
  finite_queue_measures<Real> r{};
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

/// Checks (traffic, servers, capacity); on failure stores the error result in err.
template <class Real, class Policy>
bool check_finite_queue(const char* function, const Real& e, const Real& c, const Real& k,
                        Real& err, const Policy& pol) {
  if (!check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", e, err, pol) ||
      !check_count(function, "Servers must be an integer >= 1, got %1%.", c, 1U, err, pol) ||
      !check_count(function, "Capacity must be an integer >= 1, got %1%.", k, 1U, err, pol)) {
    return false;
  }
  if (k < c) {
    err = boost::math::policies::raise_domain_error<Real>(
        function, "Capacity must be at least the number of servers, got %1%.", k, pol);
    return false;
  }
  return true;
}

/// Checks the mean handling time (> 0) and the answer time (>= 0).
/// The answer time in handling times, t / h, must be finite (a handling time so short
/// that it overflows leaves the service level undefined in double).
template <class Real, class Policy>
bool check_answer_time_scale(const char* function, const Real& h, const Real& t, Real& err,
                             const Policy& pol) {
  if ((boost::math::isfinite)(t / h)) {
    return true;
  }
  err = boost::math::policies::raise_domain_error<Real>(
      function, "Answer time / handling time overflows, got an answer time of %1%.", t, pol);
  return false;
}

template <class Real, class Policy>
bool check_times(const char* function, const Real& h, const Real& t, Real& err, const Policy& pol) {
  return check_positive(function, "Mean handling time must be finite and > 0, got %1%.", h, err,
                        pol) &&
         check_non_negative(function, "Answer time must be finite and >= 0, got %1%.", t, err,
                            pol) &&
         check_answer_time_scale(function, h, t, err, pol);
}

}  // namespace detail

/// Blocking probability of M/M/c/K: the fraction of offered calls that find the system
/// full (capacity calls present) and are lost. traffic E >= 0 (erlangs); servers c and
/// capacity K whole numbers with 1 <= c <= K. K = c gives Erlang B.
template <class RealE, class RealC, class RealK, class Policy>
typename boost::math::tools::promote_args<RealE, RealC, RealK>::type finite_queue_blocking(
    RealE traffic, RealC servers, RealK capacity, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealC, RealK>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::finite_queue_blocking<%1%>(%1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type c = servers;
  const value_type k = capacity;
  value_type err = 0;
  if (!detail::check_finite_queue(function, e, c, k, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const auto q = detail::make_finite_queue_core(e, c, k - c, detail::internal_policy_t<Policy>());
  return static_cast<result_type>(detail::finite_queue_blocking_of(q));
}

template <class RealE, class RealC, class RealK>
typename boost::math::tools::promote_args<RealE, RealC, RealK>::type finite_queue_blocking(
    RealE traffic, RealC servers, RealK capacity) {
  return finite_queue_blocking(traffic, servers, capacity, default_policy());
}

/// P(wait) of M/M/c/K: the fraction of offered calls that are queued (all servers busy, a
/// waiting place free). Arguments as for finite_queue_blocking. Tends to Erlang C as
/// K -> infinity (rho < 1); 0 when K = c.
template <class RealE, class RealC, class RealK, class Policy>
typename boost::math::tools::promote_args<RealE, RealC, RealK>::type finite_queue_wait_probability(
    RealE traffic, RealC servers, RealK capacity, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealC, RealK>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::finite_queue_wait_probability<%1%>(%1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type c = servers;
  const value_type k = capacity;
  value_type err = 0;
  if (!detail::check_finite_queue(function, e, c, k, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const auto q = detail::make_finite_queue_core(e, c, k - c, detail::internal_policy_t<Policy>());
  return static_cast<result_type>(detail::finite_queue_wait_of(q));
}

template <class RealE, class RealC, class RealK>
typename boost::math::tools::promote_args<RealE, RealC, RealK>::type finite_queue_wait_probability(
    RealE traffic, RealC servers, RealK capacity) {
  return finite_queue_wait_probability(traffic, servers, capacity, default_policy());
}

/// Service level of M/M/c/K: the fraction of offered calls answered within answer_time
/// (blocked calls are not answered). mean_handling_time > 0 and answer_time >= 0 in the
/// same unit; other arguments as for finite_queue_blocking.
template <class RealE, class RealC, class RealK, class RealH, class RealT, class Policy>
typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH, RealT>::type
finite_queue_service_level(RealE traffic, RealC servers, RealK capacity, RealH mean_handling_time,
                           RealT answer_time, const Policy& pol) {
  using result_type =
      typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH, RealT>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::finite_queue_service_level<%1%>(%1%, %1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type c = servers;
  const value_type k = capacity;
  const value_type h = mean_handling_time;
  const value_type t = answer_time;
  value_type err = 0;
  if (!detail::check_finite_queue(function, e, c, k, err, pol) ||
      !detail::check_times(function, h, t, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(1);
  }
  const detail::internal_policy_t<Policy> ipol;
  const auto q = detail::make_finite_queue_core(e, c, k - c, ipol);
  return static_cast<result_type>(detail::finite_queue_service_level_of(q, h, t, ipol));
}

template <class RealE, class RealC, class RealK, class RealH, class RealT>
typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH, RealT>::type
finite_queue_service_level(RealE traffic, RealC servers, RealK capacity, RealH mean_handling_time,
                           RealT answer_time) {
  return finite_queue_service_level(traffic, servers, capacity, mean_handling_time, answer_time,
                                    default_policy());
}

/// Average speed of answer of M/M/c/K: the mean wait of the answered (not blocked) calls,
/// in the unit of mean_handling_time (> 0). Other arguments as for finite_queue_blocking.
template <class RealE, class RealC, class RealK, class RealH, class Policy>
typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH>::type
finite_queue_average_speed_of_answer(RealE traffic, RealC servers, RealK capacity,
                                     RealH mean_handling_time, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function =
      "erlang::finite_queue_average_speed_of_answer<%1%>(%1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type c = servers;
  const value_type k = capacity;
  const value_type h = mean_handling_time;
  value_type err = 0;
  if (!detail::check_finite_queue(function, e, c, k, err, pol) ||
      !detail::check_times(function, h, value_type(0), err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const detail::internal_policy_t<Policy> ipol;
  const auto q = detail::make_finite_queue_core(e, c, k - c, ipol);
  return static_cast<result_type>(detail::finite_queue_mean_queue_of(q, ipol) * h /
                                  (e * detail::finite_queue_accepted_of(q)));
}

template <class RealE, class RealC, class RealK, class RealH>
typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH>::type
finite_queue_average_speed_of_answer(RealE traffic, RealC servers, RealK capacity,
                                     RealH mean_handling_time) {
  return finite_queue_average_speed_of_answer(traffic, servers, capacity, mean_handling_time,
                                              default_policy());
}

/// Mean number of calls waiting in M/M/c/K. Arguments as for finite_queue_blocking.
template <class RealE, class RealC, class RealK, class Policy>
typename boost::math::tools::promote_args<RealE, RealC, RealK>::type finite_queue_mean_queue_length(
    RealE traffic, RealC servers, RealK capacity, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealC, RealK>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::finite_queue_mean_queue_length<%1%>(%1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type c = servers;
  const value_type k = capacity;
  value_type err = 0;
  if (!detail::check_finite_queue(function, e, c, k, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const detail::internal_policy_t<Policy> ipol;
  const auto q = detail::make_finite_queue_core(e, c, k - c, ipol);
  return static_cast<result_type>(detail::finite_queue_mean_queue_of(q, ipol));
}

template <class RealE, class RealC, class RealK>
typename boost::math::tools::promote_args<RealE, RealC, RealK>::type finite_queue_mean_queue_length(
    RealE traffic, RealC servers, RealK capacity) {
  return finite_queue_mean_queue_length(traffic, servers, capacity, default_policy());
}

/// Occupancy of M/M/c/K: carried traffic per server, (E / c)(1 - blocking), in [0, 1].
/// Arguments as for finite_queue_blocking.
template <class RealE, class RealC, class RealK, class Policy>
typename boost::math::tools::promote_args<RealE, RealC, RealK>::type finite_queue_occupancy(
    RealE traffic, RealC servers, RealK capacity, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealC, RealK>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::finite_queue_occupancy<%1%>(%1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type c = servers;
  const value_type k = capacity;
  value_type err = 0;
  if (!detail::check_finite_queue(function, e, c, k, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const auto q = detail::make_finite_queue_core(e, c, k - c, detail::internal_policy_t<Policy>());
  const value_type occ = q.rho * detail::finite_queue_accepted_of(q);
  return static_cast<result_type>(occ > 1 ? value_type(1) : occ);
}

template <class RealE, class RealC, class RealK>
typename boost::math::tools::promote_args<RealE, RealC, RealK>::type finite_queue_occupancy(
    RealE traffic, RealC servers, RealK capacity) {
  return finite_queue_occupancy(traffic, servers, capacity, default_policy());
}

/// Every M/M/c/K measure at once (abandon_probability is 0). Arguments as for
/// finite_queue_service_level.
template <class RealE, class RealC, class RealK, class RealH, class RealT, class Policy>
finite_queue_measures<
    typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH, RealT>::type>
finite_queue(RealE traffic, RealC servers, RealK capacity, RealH mean_handling_time,
             RealT answer_time, const Policy& pol) {
  using result_type =
      typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH, RealT>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::finite_queue<%1%>(%1%, %1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type c = servers;
  const value_type k = capacity;
  const value_type h = mean_handling_time;
  const value_type t = answer_time;
  value_type err = 0;
  if (!detail::check_finite_queue(function, e, c, k, err, pol) ||
      !detail::check_times(function, h, t, err, pol)) {
    return detail::measures_filled_with(static_cast<result_type>(err));
  }
  return detail::measures_cast<result_type>(
      detail::finite_queue_all(e, c, k - c, h, t, detail::internal_policy_t<Policy>()));
}

template <class RealE, class RealC, class RealK, class RealH, class RealT>
finite_queue_measures<
    typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH, RealT>::type>
finite_queue(RealE traffic, RealC servers, RealK capacity, RealH mean_handling_time,
             RealT answer_time) {
  return finite_queue(traffic, servers, capacity, mean_handling_time, answer_time,
                      default_policy());
}

namespace detail {

/// Checks shared by the finite-queue solvers: traffic, handling time, waiting places, the
/// targets (those the model honours, at least one set).
template <class Real, class Policy>
bool check_finite_queue_targets(const char* function, const Real& e, const Real& h, const Real& n,
                                const staffing_targets<Real>& t, const target_support& supported,
                                Real& err, const Policy& pol) {
  if (!check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", e, err, pol) ||
      !check_positive(function, "Mean handling time must be finite and > 0, got %1%.", h, err,
                      pol) ||
      !check_count(function, "Waiting places must be an integer >= 0, got %1%.", n, 0U, err, pol) ||
      !check_targets(function, t, supported, err, pol) ||
      !check_answer_time_scale(function, h, t.answer_time, err, pol)) {
    return false;
  }
  if (e > Real(max_count)) {  // agent counts are exact integers up to 2^53 only
    err = boost::math::policies::raise_domain_error<Real>(
        function, "Traffic must be at most 2^53 erlangs for a staffing search, got %1%.", e, pol);
    return false;
  }
  return true;
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

}  // namespace detail

/// M/M/c/K staffing: the least number of agents c (a whole number) meeting every target
/// set in `targets` (service level, ASA, P(every agent busy on arrival) = P(queued) +
/// P(blocked), occupancy, blocking), with the number of waiting places N = K - c fixed (a
/// queue that holds N calls; capacity K = c + N). Every measure improves as c grows with N
/// fixed, so the least c exists and is found by doubling and bisection (O(log c)
/// evaluations). No traffic needs no agents: 0. Domain errors: a bad argument or target,
/// an abandonment target (nobody abandons in M/M/c/K), no target set, or traffic above
/// 2^53 erlangs (counts beyond are not exact integers in double).
template <class RealE, class RealH, class RealN, class Real, class Policy>
typename boost::math::tools::promote_args<RealE, RealH, RealN, Real>::type
finite_queue_agents_for_targets(RealE traffic, RealH mean_handling_time, RealN waiting_places,
                                const staffing_targets<Real>& targets, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealH, RealN, Real>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function =
      "erlang::finite_queue_agents_for_targets<%1%>(%1%, %1%, %1%, targets)";
  const value_type e = traffic;
  const value_type h = mean_handling_time;
  const value_type n = waiting_places;
  const auto t = detail::targets_cast<value_type>(targets);
  value_type err = 0;
  if (!detail::check_finite_queue_targets(function, e, h, n, t, detail::finite_queue_support, err,
                                          pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const detail::internal_policy_t<Policy> ipol;
  const auto measures = [&](value_type c) {
    return detail::finite_queue_all(e, c, n, h, t.answer_time, ipol, t.service_level.has_value());
  };
  const auto r = detail::least_agents(measures, t, e, n, detail::agents_lower_bound(e, t, false));
  return static_cast<result_type>(
      r.found ? r.count : detail::raise_agents_beyond_exact_counts(function, n, pol));
}

template <class RealE, class RealH, class RealN, class Real>
typename boost::math::tools::promote_args<RealE, RealH, RealN, Real>::type
finite_queue_agents_for_targets(RealE traffic, RealH mean_handling_time, RealN waiting_places,
                                const staffing_targets<Real>& targets) {
  return finite_queue_agents_for_targets(traffic, mean_handling_time, waiting_places, targets,
                                         default_policy());
}

}  // namespace erlang

#endif  // ERLANG_FINITE_QUEUE_HPP
