// M/M/c/K+M: the sums over the waiting places and the imps of finite_queue_abandonment.hpp
// (see there for the model and the method).
#ifndef ERLANG_DETAIL_FINITE_QUEUE_ABANDONMENT_IMP_HPP
#define ERLANG_DETAIL_FINITE_QUEUE_ABANDONMENT_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/finite_queue_imp.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/measures.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/precision.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

namespace erlang::detail {

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
queue_measures<Real> finite_queue_abandonment_all(Real e, Real c, Real n, Real h, Real patience,
                                                  Real t, const Policy& pol,
                                                  bool with_service_level = true) {
  using std::exp;
  using std::ldexp;
  using std::log;
  const Real g = h / patience;  // gamma = theta / mu
  if (e == 0 || !(g > 0)) {
    // No traffic, or no abandonment: the M/M/c/K measures.
    return finite_queue_all(e, c, n, h, t, pol, with_service_level);
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
  queue_measures<Real> r{};
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
  return check_mean_patience(function, patience, err, pol) &&
         check_that(h / patience <= Real(1e290), function,
                    "Mean patience must be at least 1e-290 mean handling times, got %1%.", patience,
                    err, pol);
}

/// finite_queue_abandonment: every measure.
struct finite_queue_abandonment_imp {
  template <class Real, class Policy>
  queue_measures<Real> operator()(const char* function, Real e, Real c, Real n, Real h, Real p,
                                  Real t, const Policy& pol) const {
    if (Real err = 0; !check_finite_queue(function, e, c, n, err, pol) ||
                      !check_times(function, h, t, err, pol) ||
                      !check_patience(function, p, h, err, pol)) {
      return measures_filled_with(err);
    }
    return finite_queue_abandonment_all(e, c, n, h, p, t, pol);
  }
};

/// finite_queue_abandonment_agents_for_targets.
struct finite_queue_abandonment_agents_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real h, Real p, Real n,
                  const staffing_targets<Real>& t, const Policy& pol) const {
    if (Real err = 0; !check_finite_queue_targets(function, e, h, n, t,
                                                  finite_queue_abandonment_support, err, pol) ||
                      !check_patience(function, p, h, err, pol)) {
      return err;
    }
    const auto measures = [&](Real c) {
      return finite_queue_abandonment_all(e, c, n, h, p, t.answer_time, pol,
                                          t.service_level.has_value());
    };
    return finite_queue_search(function, e, n, t, true, measures, pol);
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_FINITE_QUEUE_ABANDONMENT_IMP_HPP
