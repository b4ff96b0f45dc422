// M/M/c/K+M: the finite queue of finite_queue.hpp with impatient callers. Each waiting
// call hangs up after an exponential patience (mean `mean_patience`, theta = 1/patience)
// unless its service starts first. With mu = 1/h, gamma = theta/mu = h / patience and
// traffic E = lambda h, the birth-death chain on 0..K has births lambda below K and deaths
// min(i, c) mu + max(i - c, 0) theta, so that
//
//   p(i) = p(0) E^i / i! for i <= c,   p(c + j) = p(c) prod_{k=1..j} E / (c + k gamma).
//
// A call that finds j others waiting (j < N = K - c) advances one place at rate
// mu (c + k gamma) while k are ahead, and hangs up at rate theta: it is served with
// probability prod_k (c + k gamma) / (c + (k + 1) gamma) = c / (c + (j + 1) gamma), and,
// since each stage lasts Exp(mu (c + (k + 1) gamma)) whatever ends it, it is served within
// t with probability c / (c + (j + 1) gamma) * I_x(j + 1, c/gamma + 1), x = 1 - e^-(theta t),
// I the regularised incomplete beta function (the sum of independent exponentials with
// rates mu (c + gamma), ..., mu (c + (j + 1) gamma) is at most t exactly when a
// negative-binomial count reaches j + 1; the tests check this against the partial-fraction
// form of the sum). Its mean wait, if served, is h sum_{k=1..j+1} 1/(c + k gamma).
//
// Measures are those of finite_queue_measures: blocking, P(queued), P(abandon),
// service level (answered within t, over all offered calls), ASA (mean wait of answered
// calls), mean wait over all offered calls (Little's law on the queue), mean queue length
// and occupancy (carried traffic per agent). Limits: K -> infinity gives Erlang A
// (M/M/c+M), mean_patience -> infinity gives M/M/c/K (and mean_patience = +infinity is
// exactly M/M/c/K).
//
// Evaluation: one pass over the queue states j = 0..N (about 4 ns a state), all sums of
// positive terms, kept on a running power-of-two scale (so that neither rho^N-like growth
// nor e^-(c t/h)-like starts overflow or underflow, and rescaling is exact); the measures
// are ratios of these sums. The service level swaps its double sum into
// sum_n d(n) W(n), with d the negative-binomial probabilities and W the running sum of the
// served weights, plus one incomplete beta tail. O(K - c) time; the pass stops early once
// the states left hold less than a rounding error of every sum and the blocking is below
// the smallest normal number. Times (h, patience, answer time, the returned waits) are in
// one unit chosen by the caller.
#ifndef ERLANG_FINITE_QUEUE_ABANDONMENT_HPP
#define ERLANG_FINITE_QUEUE_ABANDONMENT_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/finite_queue_imp.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/staffing.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/precision.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

namespace erlang {
namespace detail {

/// P(a, x), or 0 where it underflows: P(a, x) <= x^a / Gamma(a + 1) (a + 1) / (a + 1 - x)
/// for x < a + 1. (Boost.Math's gamma_p raises an overflow error from tgamma(a + 1) at
/// x of 1e-96 and a of 1000, where the result is far below the smallest double.)
template <class Real, class Policy>
Real gamma_p_or_underflow(Real a, Real x, const Policy& pol) {
  using std::log;
  if (x < a / 2 && a * log(x) - boost::math::lgamma(a + 1, pol) + log(Real(2)) <
                       log((std::numeric_limits<Real>::min)())) {
    return 0;
  }
  return boost::math::gamma_p(a, x, pol);
}

/// Every M/M/c/K+M measure: e >= 0, c >= 1, n = K - c >= 0, h > 0, patience > 0 (may be
/// +inf), t >= 0. The service level only when with_service_level (else 0).
template <class Real, class Policy>
finite_queue_measures<Real> finite_queue_abandonment_all(Real e, Real c, Real n, Real h,
                                                         Real patience, Real t, const Policy& pol,
                                                         bool with_service_level = true) {
  using std::exp;
  using std::ldexp;
  using std::log;
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
  const Real g = h / patience;  // gamma = theta / mu
  if (!(g > 0)) {
    return finite_queue_all(e, c, n, h, t, pol, with_service_level);  // no abandonment
  }
  const Real inf = std::numeric_limits<Real>::infinity();
  const Real tiny = boost::math::tools::epsilon<Real>() / 64;
  const Real log_min = log((std::numeric_limits<Real>::min)());
  // Rescaling by 2^332 (about 1e100) keeps every scaled sum exact under rescaling.
  const int big_exponent = 332;
  const Real big = ldexp(Real(1), big_exponent);
  const Real log_big = big_exponent * boost::math::constants::ln_two<Real>();

  const auto ib = inverse_blocking_of(c, e, pol);
  const Real log_lower = (boost::math::isfinite)(ib.excess) ? Real(log(ib.excess)) : ib.log_inverse;

  // Queue sums, all on the scale e^L: weights p(c + j) / p(c).
  Real term = 1;       // p(c + j) / p(c)
  Real zq = 0;         // sum_{j<=N} term
  Real waiting = 0;    // sum_{j<N} term
  Real served = 0;     // W = sum term c / (c + (j+1) g): queued, then served
  Real aband = 0;      // sum term (j+1) g / (c + (j+1) g): queued, then abandon
  Real queue = 0;      // sum j term
  Real wait_sum = 0;   // sum term c / (c + (j+1) g) H_j, H_j = sum_{k<=j+1} 1 / (c + k g)
  Real stage_sum = 0;  // H_j
  int rescales = 0;    // L = rescales * ln(big)
  Real log_scale = 0;  // L

  // Service level: sum_{n=1}^{n_last} d(n) W(n) on the scale e^Ls (slq), with d(n) the
  // negative-binomial probabilities on the scale e^Ld (d), d(0) = e^-(s (c + g)).
  const Real s = settled_answer_time_ratio(t, h, c, n);
  const Real x_nb = -boost::math::expm1(-g * s, pol);  // 1 - e^-(theta t)
  const Real q = x_nb / g;                             // d(n+1)/d(n) = q (c + g (n+1)) / (n+1)
  Real d = 1;
  // Ld = -s (c + g) + (rescales of d) ln 2^332, formed afresh from the count: summed step
  // by step, its rounding grew with each of the hundreds of rescales at 1e4 agents
  // (1e-8 relative in the service level).
  const Real log_d_start = -s * (c + g);
  long d_rescales = 0;
  Real log_d_scale = log_d_start;
  Real slq = 0;
  Real log_slq_scale = log_scale + log_d_scale;
  Real slq_factor = 1;  // e^(L + Ld - Ls) <= 1
  Real n_last = 0;      // last n with d(n) W(n) added
  const bool track_d = with_service_level && s > 0;
  const auto rebase_slq = [&]() {
    const Real target = log_scale + log_d_scale;
    if (target > log_slq_scale) {
      slq *= exp(log_slq_scale - target);
      log_slq_scale = target;
    }
    slq_factor = exp(target - log_slq_scale);
  };

  const auto rescale = [&]() {
    term /= big;
    zq /= big;
    waiting /= big;
    served /= big;
    aband /= big;
    queue /= big;
    wait_sum /= big;
    ++rescales;
    log_scale = rescales * log_big;
    rebase_slq();
  };

  bool stopped_early = false;
  Real next_check = 0;
  for (Real j = 0;; j += 1) {
    zq += term;
    queue += j * term;
    if (j >= n) {
      break;  // term is p(K) / p(c)
    }
    waiting += term;
    const Real inv = 1 / (c + (j + 1) * g);  // one division per state
    const Real w = term * c * inv;
    served += w;
    aband += term * ((j + 1) * g * inv);  // the fraction first: g may be near 1e290
    stage_sum += inv;
    wait_sum += w * stage_sum;
    if (track_d && j + 1 <= n - 1) {
      d *= q * (c + g * (j + 1)) / (j + 1);
      slq += slq_factor * d * served;
      n_last = j + 1;
      if (d > big || (d < 1 / big && d > 0)) {
        const bool up = d > big;
        d = up ? d / big : d * big;
        d_rescales += up ? 1 : -1;
        log_d_scale = log_d_start + static_cast<Real>(d_rescales) * log_big;
        rebase_slq();
      }
      if (slq > big) {
        slq /= big;
        log_slq_scale += log_big;
        rebase_slq();
      }
    }
    const Real ratio = e * inv;
    // Every sum is kept below 2^332 and term below 2^332 before it is added; a ratio
    // above 2^332 (traffic of 1e154 and more) is met by rescaling first, so that the
    // product cannot overflow.
    if (ratio > big && term > 1) {
      rescale();
    }
    term *= ratio;
    while (zq > big || term > big) {
      rescale();
    }
    if (ratio < 1 && term <= tiny * zq && j >= next_check) {
      // The states after j + 1 weigh at most term r^k (the ratios keep falling).
      const Real r1 = 1 / (1 - ratio);
      const Real tail = term * r1;
      if (tail <= tiny * zq && tail <= tiny * served && tail <= tiny * aband &&
          term * ((j + 1) * r1 + r1 * r1) <= tiny * queue &&
          term * (stage_sum * r1 + r1 * r1 / c) <= tiny * wait_sum) {
        // Blocking p(K) <= term ratio^(N - j - 1): stop once it is below the range.
        const Real log_z_now = log_add_exp(log_lower, log(zq) + log_scale);
        const Real log_block = log(term) + log_scale + (n - j - 1) * log(ratio) - log_z_now;
        if (log_block < log_min - 2) {
          // The remaining states still count in the sums up to the rounding error; the
          // service-level terms left go to the tail below.
          stopped_early = true;
          break;
        }
        next_check = j + 64;  // the logarithms cost more than 64 plain steps
      }
    }
  }

  // The weight of the states below c on the scale of the queue sums: 1/B - 1 times
  // 2^-(332 rescales), exact while 1/B - 1 is finite.
  finite_queue_measures<Real> r{};
  Real lower = 0;
  if ((boost::math::isfinite)(ib.excess)) {
    lower = ldexp(ib.excess, -big_exponent * rescales);
  } else {
    lower = exp(log_lower - log_scale);
  }
  const Real log_z = log_add_exp(log_lower, log(zq) + log_scale);
  if ((boost::math::isfinite)(lower)) {
    // Ratios of the scaled sums: no logarithms, no rounding of large exponents.
    const Real z = lower + zq;
    const Real answered = lower + served;
    r.blocking = stopped_early ? Real(0) : term / z;
    r.wait_probability = waiting / z;
    r.abandon_probability = aband / z;
    r.mean_queue_length = queue / z;
    r.average_speed_of_answer = h * wait_sum / answered;
    const Real occ = e / c * (answered / z);
    r.occupancy = occ > 1 ? Real(1) : occ;
  } else {
    // 1/B overflows: the queue states are negligible next to those below c.
    const Real log_answered = log_add_exp(log_lower, log(served) + log_scale);
    r.blocking = stopped_early ? Real(0) : exp(log(term) + log_scale - log_z);
    r.wait_probability = exp(log(waiting) + log_scale - log_z);
    r.abandon_probability = exp(log(aband) + log_scale - log_z);
    r.mean_queue_length = exp(log(queue) + log_scale - log_z);
    r.average_speed_of_answer = h * exp(log(wait_sum) + log_scale - log_answered);
    const Real occ = e / c * exp(log_answered - log_z);
    r.occupancy = occ > 1 ? Real(1) : occ;
  }
  r.mean_wait = r.mean_queue_length * h / e;
  r.service_level = 0;
  if (with_service_level) {
    // Answered from the queue within t, on the scale e^L:
    // sum_{n<=n_last} d(n) W(n) + W_N I_x(n_last + 1, c/g + 1) (the terms n > n_last).
    Real in_queue = 0;
    if (n >= 1 && s > 0) {
      if (slq > 0) {
        in_queue += slq * exp(log_slq_scale - log_scale);
      }
      // I_x(a, b) with b = c/g + 1 -> infinity (patience far above h) tends to
      // P(a, -b ln(1 - x)) = P(a, (c + g) s), with a relative error of order a / b;
      // ibeta itself gives NaN there (b of 1e300).
      const Real a_nb = n_last + 1;
      const Real b_nb = c / g + 1;
      in_queue +=
          served * (b_nb > Real(1e16) * (a_nb + 1) ? gamma_p_or_underflow(a_nb, (c + g) * s, pol)
                                                   : boost::math::ibeta(a_nb, b_nb, x_nb, pol));
    }
    // Answered within t is at most answered: rounding must not put it above.
    in_queue = (std::min)(in_queue, served);
    Real sl = 0;
    if ((boost::math::isfinite)(lower)) {
      sl = (lower + in_queue) / (lower + zq);
    } else {
      const Real log_in_queue = in_queue > 0 ? Real(log(in_queue) + log_scale) : -inf;
      sl = exp(log_add_exp(log_lower, log_in_queue) - log_z);
    }
    r.service_level = sl > 1 ? Real(1) : sl;
  }
  return r;
}

/// Checks the patience (> 0; +infinity allowed) against the handling time h: the
/// abandonment rate relative to the service rate, h / patience, must be at most 1e290
/// (the sums over the waiting places multiply it by their count).
template <class Real, class Policy>
bool check_patience(const char* function, const Real& patience, const Real& h, Real& err,
                    const Policy& pol) {
  if (!(patience > 0)) {
    err = boost::math::policies::raise_domain_error<Real>(
        function, "Mean patience must be > 0, got %1%.", patience, pol);
    return false;
  }
  if (!(h / patience <= Real(1e290))) {
    err = boost::math::policies::raise_domain_error<Real>(
        function, "Mean patience must be at least 1e-290 handling times, got %1%.", patience, pol);
    return false;
  }
  return true;
}

}  // namespace detail

/// Every M/M/c/K+M measure (see finite_queue_measures). traffic E >= 0 (erlangs); agents
/// c and capacity K whole numbers with 1 <= c <= K; mean_handling_time > 0,
/// mean_patience > 0 (+infinity: nobody abandons) and answer_time >= 0, all in one time
/// unit. O(K - c) time. Domain errors: a bad argument, a patience below 1e-290 handling
/// times, or an answer time / handling time that overflows.
template <class RealE, class RealC, class RealK, class RealH, class RealP, class RealT,
          class Policy>
finite_queue_measures<
    typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH, RealP, RealT>::type>
finite_queue_abandonment(RealE traffic, RealC agents, RealK capacity, RealH mean_handling_time,
                         RealP mean_patience, RealT answer_time, const Policy& pol) {
  using result_type =
      typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH, RealP, RealT>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function =
      "erlang::finite_queue_abandonment<%1%>(%1%, %1%, %1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type c = agents;
  const value_type k = capacity;
  const value_type h = mean_handling_time;
  const value_type p = mean_patience;
  const value_type t = answer_time;
  value_type err = 0;
  if (!detail::check_finite_queue(function, e, c, k, err, pol) ||
      !detail::check_times(function, h, t, err, pol) ||
      !detail::check_patience(function, p, h, err, pol)) {
    return detail::measures_filled_with(static_cast<result_type>(err));
  }
  return detail::measures_cast<result_type>(detail::finite_queue_abandonment_all(
      e, c, k - c, h, p, t, detail::internal_policy_t<Policy>()));
}

template <class RealE, class RealC, class RealK, class RealH, class RealP, class RealT>
finite_queue_measures<
    typename boost::math::tools::promote_args<RealE, RealC, RealK, RealH, RealP, RealT>::type>
finite_queue_abandonment(RealE traffic, RealC agents, RealK capacity, RealH mean_handling_time,
                         RealP mean_patience, RealT answer_time) {
  return finite_queue_abandonment(traffic, agents, capacity, mean_handling_time, mean_patience,
                                  answer_time, default_policy());
}

/// M/M/c/K+M staffing: the least number of agents c (a whole number) meeting every target
/// set in `targets` (service level, ASA, P(every agent busy on arrival) = P(queued) +
/// P(blocked), occupancy, P(abandon), blocking), with the number of waiting places
/// N = K - c fixed (capacity K = c + N). With N fixed every measure improves as c grows.
/// (With the capacity K fixed instead it need not: fewer agents leave more waiting places,
/// which impatient callers empty, and the blocking can then fall.) No traffic needs no
/// agents: 0. Domain errors: a bad argument or target, no target set, or traffic above
/// 2^53 erlangs (counts beyond are not exact in double).
template <class RealE, class RealH, class RealP, class RealN, class Real, class Policy>
typename boost::math::tools::promote_args<RealE, RealH, RealP, RealN, Real>::type
finite_queue_abandonment_agents_for_targets(RealE traffic, RealH mean_handling_time,
                                            RealP mean_patience, RealN waiting_places,
                                            const staffing_targets<Real>& targets,
                                            const Policy& pol) {
  using result_type =
      typename boost::math::tools::promote_args<RealE, RealH, RealP, RealN, Real>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function =
      "erlang::finite_queue_abandonment_agents_for_targets<%1%>(%1%, %1%, %1%, %1%, targets)";
  const value_type e = traffic;
  const value_type h = mean_handling_time;
  const value_type p = mean_patience;
  const value_type n = waiting_places;
  const auto t = detail::targets_cast<value_type>(targets);
  value_type err = 0;
  if (!detail::check_finite_queue_targets(function, e, h, n, t,
                                          detail::finite_queue_abandonment_support, err, pol) ||
      !detail::check_patience(function, p, h, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const detail::internal_policy_t<Policy> ipol;
  const auto measures = [&](value_type c) {
    return detail::finite_queue_abandonment_all(e, c, n, h, p, t.answer_time, ipol,
                                                t.service_level.has_value());
  };
  const auto r = detail::least_agents(measures, t, e, n, detail::agents_lower_bound(e, t, true));
  return static_cast<result_type>(
      r.found ? r.count : detail::raise_agents_beyond_exact_counts(function, n, pol));
}

template <class RealE, class RealH, class RealP, class RealN, class Real>
typename boost::math::tools::promote_args<RealE, RealH, RealP, RealN, Real>::type
finite_queue_abandonment_agents_for_targets(RealE traffic, RealH mean_handling_time,
                                            RealP mean_patience, RealN waiting_places,
                                            const staffing_targets<Real>& targets) {
  return finite_queue_abandonment_agents_for_targets(traffic, mean_handling_time, mean_patience,
                                                     waiting_places, targets, default_policy());
}

}  // namespace erlang

#endif  // ERLANG_FINITE_QUEUE_ABANDONMENT_HPP
