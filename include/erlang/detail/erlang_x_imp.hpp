// Erlang X (erlang_x.hpp): the M/M/c/K+M point with P(abandon within t), fractional
// agents, the redial fixed point, the forecast quadrature, the checks and the imps.
#ifndef ERLANG_DETAIL_ERLANG_X_IMP_HPP
#define ERLANG_DETAIL_ERLANG_X_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/erlang_x_model.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/measures.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/roots.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace erlang::detail {

/// One whole-number staffing at traffic e (redials already in e): the M/M/c/K+M measures
/// and P(abandon within t).
template <class Real>
struct erlang_x_point {
  queue_measures<Real> m;
  Real abandon_within;
};

/// P(abandon within t) over every arrival for M/M/c/(c + N)+M, N finite (see the file
/// comment), given P(queued) = wait_probability: the average of the positions' values with
/// the weights q_j = prod_(k<=j) e / (c + k gamma) of the states c + j, cut where they
/// have fallen below eps^2 of their sum. The incomplete beta functions come from the
/// negative-binomial probabilities tau(m) = y^a x^m Gamma(a + m) / (Gamma(a) m!), y = 1 - x
/// (by their ratio x (a + m) / (m + 1), in logarithms: no overflow or underflow on the
/// way): I_(1-x)(a, p) = sum_(m<p) tau(m) and I_x(p, a) = the rest, summed from the top
/// down onto Boost's value there, so that every sum adds.
template <class Real, class Policy>
Real abandon_within_finite(Real e, Real c, Real n, Real h, Real patience, Real t,
                           Real wait_probability, const Policy& pol) {
  using std::exp;
  using std::ldexp;
  using std::log;
  if (n == 0 || t == 0 || wait_probability == 0) {
    return 0;
  }
  const Real g = h / patience;
  const Real a = c / g;
  const Real x = -boost::math::expm1(-t / patience, pol);
  const Real eps = std::numeric_limits<Real>::epsilon();
  std::vector<Real> q;  // the weights, up to a common factor
  Real weights = 0;
  for (Real j = 0; j < n; j += 1) {
    const Real w = j > 0 ? q.back() * e / (c + j * g) : Real(1);
    q.push_back(w);
    weights += w;
    if (w > ldexp(Real(1), 512)) {
      for (Real& v : q) {
        v = ldexp(v, -512);
      }
      weights = ldexp(weights, -512);
    }
    if (e < c + j * g && w < eps * eps * weights) {
      break;  // the weights only fall from here on
    }
  }
  const std::size_t positions = q.size();
  // tau(0) .. tau(positions + 1).
  std::vector<Real> tau(positions + 2);
  Real log_tau = -a * t / patience;  // a ln y, y = e^(-t / patience)
  const Real log_x = log(x);
  for (std::size_t m = 0; m < tau.size(); ++m) {
    tau[m] = exp(log_tau);
    log_tau += log_x + log((a + Real(m)) / Real(m + 1));
  }
  // I_x(p, a) for p = positions + 1 down to 2, onto Boost's value at the top.
  std::vector<Real> upper(positions + 2);
  upper[positions + 1] = boost::math::ibeta(Real(positions + 1), a, x, pol);
  for (std::size_t p = positions + 1; p-- > 2;) {
    upper[p] = upper[p + 1] + tau[p];
  }
  Real lower = 0;  // I_(1-x)(a, j + 1) = sum_(m<=j) tau(m)
  Real sum = 0;
  for (std::size_t j = 0; j < positions; ++j) {
    lower += tau[j];
    const auto next = static_cast<Real>(j + 1);
    sum += q[j] * (x * lower + next / (next + a) * upper[j + 2]);
  }
  return wait_probability * sum / weights;
}

/// The model at traffic e (redials included) on a whole number of agents c.
template <class Real, class Policy>
erlang_x_point<Real> erlang_x_at(Real e, Real c, Real h, const erlang_x_model<Real>& model, Real t,
                                 const Policy& pol, bool with_abandon_within) {
  const Real n = model.waiting_places;
  const Real p = model.mean_patience;
  if ((boost::math::isfinite)(n)) {
    const auto m = finite_queue_abandonment(e, c, h, p, n, t, pol);
    return {m, with_abandon_within && (boost::math::isfinite)(p)
                   ? abandon_within_finite(e, c, n, h, p, t, m.wait_probability, pol)
                   : Real(0)};
  }
  if ((boost::math::isfinite)(p)) {
    const auto a = erlang_a(e, c, h, p, t, pol);
    return {queue_part(a), (std::max)(Real(0), a.wait_within - a.service_level)};
  }
  return {erlang_c_measures(e, c, h, t, pol), Real(0)};
}

/// The point at traffic e for real agents: linear interpolation between floor and ceil.
template <class Real, class Policy>
erlang_x_point<Real> erlang_x_interpolated(Real e, Real c, Real h,
                                           const erlang_x_model<Real>& model, Real t,
                                           const Policy& pol, bool with_abandon_within = true) {
  using std::floor;
  const Real lo = floor(c);
  const auto below = erlang_x_at(e, lo, h, model, t, pol, with_abandon_within);
  if (lo == c) {
    return below;
  }
  const auto above = erlang_x_at(e, lo + 1, h, model, t, pol, with_abandon_within);
  const Real f = c - lo;
  const auto mix = [f](Real u, Real v) { return u == v ? u : u + f * (v - u); };
  return {map_measures(mix, below.m, above.m), mix(below.abandon_within, above.abandon_within)};
}

/// The total traffic with redials for fresh traffic e0, and the point there.
template <class Real>
struct erlang_x_equilibrium {
  Real total;
  erlang_x_point<Real> point;
};

template <class Real, class Policy>
erlang_x_equilibrium<Real> erlang_x_fixed_point(Real e0, Real c, Real h,
                                                const erlang_x_model<Real>& model, Real t,
                                                const Policy& pol) {
  const Real ra = model.redial_after_abandon;
  const Real rb = model.redial_after_blocking;
  const auto at = [&](Real e) { return erlang_x_interpolated(e, c, h, model, t, pol); };
  if ((ra == 0 && rb == 0) || e0 == 0) {
    return {e0, at(e0)};
  }
  const auto residual = [&](Real e) {
    const auto p = erlang_x_interpolated(e, c, h, model, t, pol, false).m;
    return e - e0 - e * (ra * p.abandon_probability + rb * p.blocking);
  };
  const Real hi = e0 / (1 - (std::max)(ra, rb));
  const Real r_hi = residual(hi);
  if (!(r_hi > 0)) {
    return {hi, at(hi)};
  }
  const Real r_lo = residual(e0);
  if (!(r_lo < 0)) {
    return {e0, at(e0)};
  }
  boost::math::tools::eps_tolerance<Real> tol(std::numeric_limits<Real>::digits - 2);
  std::uintmax_t iterations = 100;
  const auto root =
      boost::math::tools::toms748_solve(residual, e0, hi, r_lo, r_hi, tol, iterations, pol);
  const Real total = (root.first + root.second) / 2;
  return {total, at(total)};
}

/// Every Erlang X measure at a known fresh traffic e0.
template <class Real, class Policy>
erlang_x_measures<Real> erlang_x_known(Real e0, Real c, Real h, const erlang_x_model<Real>& model,
                                       Real t, const Policy& pol) {
  const auto eq = erlang_x_fixed_point(e0, c, h, model, t, pol);
  const auto& m = eq.point.m;
  const Real redial_rate = eq.total / h *
                           (model.redial_after_abandon * m.abandon_probability +
                            model.redial_after_blocking * m.blocking);
  const Real answered = 1 - m.blocking - m.abandon_probability;
  auto x = with_queue_fields<erlang_x_measures<Real>>(m);
  x.service_level_of_offered = m.service_level;
  x.service_level_of_answered = answered > 0 ? m.service_level / answered : Real(0);
  x.service_level_without_short_abandons =
      eq.point.abandon_within < 1 ? m.service_level / (1 - eq.point.abandon_within) : Real(0);
  x.abandon_within_answer_time = eq.point.abandon_within;
  x.redial_rate = redial_rate;
  x.total_traffic = eq.total;
  x.callers_between_attempts = redial_rate * model.mean_redial_delay;
  return x;
}

/// The end of the gamma's log-density window on one side (direction -1 or +1): the d with
/// k (e^d - 1 - d) = 46 (densities below e^-46 of the mode's), by bisection.
template <class Real>
Real gamma_window_end(Real shape, Real direction) {
  Real inner = 0;
  Real outer = direction;
  const auto drop = [shape](Real d) { return shape * (boost::math::expm1(d) - d); };
  while (drop(outer) < 46) {
    outer *= 2;
  }
  for (int i = 0; i < 200 && inner != outer; ++i) {
    const Real mid = (inner + outer) / 2;
    if (mid == inner || mid == outer) {
      break;
    }
    (drop(mid) < 46 ? inner : outer) = mid;
  }
  return outer;
}

/// sum_i f(w_i, e_i) approximating the expectation over the gamma distribution of the
/// given shape k and scale: in d = ln(e / (k scale)) the density is proportional to
/// exp(-k (e^d - 1 - d)), smooth, of width about s = min(1, 1 / sqrt k) at its mode and
/// with tails that fall exponentially (left) and doubly exponentially (right). It is
/// integrated by 20-point Gauss-Legendre on panels of widths s, 2 s, 4 s, ... each side of
/// the mode, out to where the density falls below e^-46 of the mode's; the weights are
/// normalised to sum to 1.
template <class Real, class F>
void gamma_quadrature(Real shape, Real scale, F f) {
  using std::exp;
  using std::sqrt;
  const auto& nodes = boost::math::quadrature::gauss<Real, 20>::abscissa();
  const auto& weights = boost::math::quadrature::gauss<Real, 20>::weights();
  const Real mode = shape * scale;
  const Real s = (std::min)(Real(1), 1 / sqrt(shape));
  std::vector<std::pair<Real, Real>> points;  // (d, weight)
  Real total = 0;
  for (const Real direction : {Real(-1), Real(1)}) {
    const Real end = gamma_window_end(shape, direction);
    Real from = 0;
    Real width = s * direction;
    while (direction * from < direction * end) {
      const Real to = direction * (from + width) < direction * end ? from + width : end;
      const Real half = (to - from) / 2;
      const Real middle = (to + from) / 2;
      // The abscissae are the non-negative half of the symmetric rule on [-1, 1].
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        for (const Real sign : {Real(-1), Real(1)}) {
          if (nodes[i] == 0 && sign > 0) {
            continue;
          }
          const Real d = middle + sign * half * nodes[i];
          const Real w = direction * half * weights[i] * exp(-shape * (boost::math::expm1(d) - d));
          points.emplace_back(d, w);
          total += w;
        }
      }
      from = to;
      width *= 2;
    }
  }
  for (const auto& [d, w] : points) {
    f(w / total, mode * exp(d));
  }
}

/// The measures averaged over the gamma-distributed fresh traffic (see the file comment).
/// A measure over calls weighs each traffic by its total arrival rate.
template <class Real, class Policy>
erlang_x_measures<Real> erlang_x_uncertain(Real e0, Real c, Real h,
                                           const erlang_x_model<Real>& model, Real t,
                                           const Policy& pol) {
  const Real shape = e0 * e0 / model.traffic_variance;
  const Real scale = model.traffic_variance / e0;
  erlang_x_measures<Real> call{};  // sums over calls
  erlang_x_measures<Real> time{};  // sums over time
  Real weight = 0;
  Real answered = 0;  // weighted sums of the answered and of the not-early-abandoned shares
  Real staying = 0;
  gamma_quadrature(shape, scale, [&](Real w, Real e) {
    const auto x = erlang_x_known(e, c, h, model, t, pol);
    const Real wc = w * x.total_traffic;
    weight += wc;
    call.blocking += wc * x.blocking;
    call.wait_probability += wc * x.wait_probability;
    call.abandon_probability += wc * x.abandon_probability;
    call.service_level_of_offered += wc * x.service_level_of_offered;
    call.mean_wait += wc * x.mean_wait;
    call.abandon_within_answer_time += wc * x.abandon_within_answer_time;
    call.average_speed_of_answer +=
        wc * (1 - x.blocking - x.abandon_probability) * x.average_speed_of_answer;
    answered += wc * (1 - x.blocking - x.abandon_probability);
    staying += wc * (1 - x.abandon_within_answer_time);
    time.mean_queue_length += w * x.mean_queue_length;
    time.occupancy += w * x.occupancy;
    time.redial_rate += w * x.redial_rate;
    time.total_traffic += w * x.total_traffic;
  });
  const Real sl = call.service_level_of_offered / weight;
  return {
      .blocking = call.blocking / weight,
      .wait_probability = call.wait_probability / weight,
      .abandon_probability = call.abandon_probability / weight,
      .service_level = sl,
      .average_speed_of_answer = answered > 0 ? call.average_speed_of_answer / answered : Real(0),
      .mean_wait = call.mean_wait / weight,
      .mean_queue_length = time.mean_queue_length,
      .occupancy = time.occupancy,
      .service_level_of_offered = sl,
      .service_level_of_answered =
          answered > 0 ? call.service_level_of_offered / answered : Real(0),
      .service_level_without_short_abandons =
          staying > 0 ? call.service_level_of_offered / staying : Real(0),
      .abandon_within_answer_time = call.abandon_within_answer_time / weight,
      .redial_rate = time.redial_rate,
      .total_traffic = time.total_traffic,
      .callers_between_attempts = time.redial_rate * model.mean_redial_delay};
}

/// Every measure for checked arguments.
template <class Real, class Policy>
erlang_x_measures<Real> erlang_x_evaluate(Real e0, Real c, Real h,
                                          const erlang_x_model<Real>& model, Real t,
                                          const Policy& pol) {
  auto x = model.traffic_variance > 0 && e0 > 0 ? erlang_x_uncertain(e0, c, h, model, t, pol)
                                                : erlang_x_known(e0, c, h, model, t, pol);
  switch (model.definition) {
    case service_level_definition::offered:
      break;
    case service_level_definition::answered:
      x.service_level = x.service_level_of_answered;
      break;
    case service_level_definition::offered_without_short_abandons:
      x.service_level = x.service_level_without_short_abandons;
      break;
  }
  return x;
}

/// Checks the model's fields; on failure stores the policy's error result in err.
template <class Real, class Policy>
bool check_erlang_x_model(const char* function, const erlang_x_model<Real>& m, Real& err,
                          const Policy& pol) {
  return check_mean_patience(function, m.mean_patience, err, pol) &&
         check_waiting_places_or_infinity(function, m.waiting_places, err, pol) &&
         check_below_one(function,
                         "Redial probability after abandoning must be in [0, 1), got %1%.",
                         m.redial_after_abandon, err, pol) &&
         check_below_one(function, "Redial probability after blocking must be in [0, 1), got %1%.",
                         m.redial_after_blocking, err, pol) &&
         check_non_negative(function, "Mean redial delay must be finite and >= 0, got %1%.",
                            m.mean_redial_delay, err, pol) &&
         check_non_negative(function, "Traffic variance must be finite and >= 0, got %1%.",
                            m.traffic_variance, err, pol);
}

template <class Real>
target_support erlang_x_support(const erlang_x_model<Real>& m) {
  unsigned bits = queue_targets;
  if ((boost::math::isfinite)(m.mean_patience)) {
    bits |= abandonment_target;
  }
  if ((boost::math::isfinite)(m.waiting_places)) {
    bits |= blocking_target;
  }
  return {"Erlang X", bits};
}

/// erlang_x(): the checks, then the evaluation.
struct erlang_x_imp {
  template <class Real, class Policy>
  erlang_x_measures<Real> operator()(const char* function, Real traffic, Real agents, Real h,
                                     const erlang_x_model<Real>& model, Real answer_time,
                                     const Policy& pol) const {
    if (Real err = 0; !check_traffic(function, traffic, err, pol) ||
                      !check_at_least_one(function, "Agents must be finite and >= 1, got %1%.",
                                          agents, err, pol) ||
                      !check_mean_handling_time(function, h, err, pol) ||
                      !check_answer_time(function, answer_time, err, pol) ||
                      !check_erlang_x_model(function, model, err, pol)) {
      return measures_filled_with<erlang_x_measures>(err);
    }
    return erlang_x_evaluate(traffic, agents, h, model, answer_time, pol);
  }
};

/// The checks of the Erlang X solvers (the count or traffic, h, model, targets).
template <class Real, class Policy>
bool check_erlang_x_solve(const char* function, const char* count_message, Real count, Real h,
                          const erlang_x_model<Real>& model, const staffing_targets<Real>& t,
                          Real& err, const Policy& pol) {
  return check_non_negative(function, count_message, count, err, pol) &&
         check_mean_handling_time(function, h, err, pol) &&
         check_erlang_x_model(function, model, err, pol) &&
         check_targets(function, t, erlang_x_support(model), err, pol);
}

/// erlang_x_agents_for_targets(): the least whole number of agents that meets.
struct erlang_x_agents_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real traffic, Real h, const erlang_x_model<Real>& model,
                  const staffing_targets<Real>& targets, const Policy& pol) const {
    using std::floor;
    using std::sqrt;
    if (Real err = 0; !check_erlang_x_solve(function, "Traffic must be finite and >= 0, got %1%.",
                                            traffic, h, model, targets, err, pol)) {
      return err;
    }
    if (traffic == 0) {
      return 0;
    }
    const auto meets = [&](Real c) {
      return erlang::meets(erlang_x_evaluate(traffic, c, h, model, targets.answer_time, pol),
                           targets);
    };
    const Real top = Real(max_count);
    const Real from = (std::max)(Real(1), floor(traffic / 2));
    const Real step = floor(sqrt(traffic)) + 1;
    const auto r = least_count(meets, Real(from - 1), from, step, top, from == 1);
    return r.found ? r.count : raise_count_beyond_scale(function, "at most 2^53 agents", top, pol);
  }
};

/// erlang_x_traffic_for_targets(): the largest traffic that meets, by bisection.
struct erlang_x_traffic_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real agents, Real h, const erlang_x_model<Real>& model,
                  const staffing_targets<Real>& targets, const Policy& pol) const {
    if (Real err = 0; !check_at_least_one(function, "Agents must be finite and >= 1, got %1%.",
                                          agents, err, pol) ||
                      !check_erlang_x_solve(function, "Agents must be finite and >= 1, got %1%.",
                                            agents, h, model, targets, err, pol)) {
      return err;
    }
    const auto meets = [&](Real e) {
      return erlang::meets(erlang_x_evaluate(e, agents, h, model, targets.answer_time, pol),
                           targets);
    };
    Real lo = 0;
    Real hi = agents;
    while (meets(hi)) {
      lo = hi;
      hi *= 2;
      if (!(hi <= (std::numeric_limits<Real>::max)() / 2)) {
        return boost::math::policies::raise_overflow_error<Real>(
            function, "The traffic the agents handle exceeds the largest finite value.", pol);
      }
    }
    while (hi - lo > Real(1e-12) * hi) {
      const Real mid = lo + (hi - lo) / 2;
      (meets(mid) ? lo : hi) = mid;
    }
    return lo;
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_ERLANG_X_IMP_HPP
