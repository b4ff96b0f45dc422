// Erlang A (M/M/n+M): Poisson arrivals, n agents with exponential handling times, and
// callers who abandon after an exponential patience. Exact formulas (Garnett, Mandelbaum
// & Reiman, MSOM 4 (2002); Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of
// performance measures"), evaluated without overflow or cancellation in O(1) time for
// double (see detail/erlang_a_imp.hpp).
//
// Arguments: traffic E = lambda h in erlangs, agents n > 0, mean handling time h > 0,
// mean patience > 0 (finite: infinite patience is Erlang C) and an answer time t >= 0,
// all times in one unit chosen by the caller. Unlike Erlang C, the system is stable at any
// load: callers who wait too long leave.
//
// Service level convention: `service_level` is the fraction of ALL arrivals that are
// answered within t (abandoned calls count as missed, whenever they abandon).
// `wait_within` is P(W <= t), the fraction whose wait ends (answered or abandoned) within
// t, the convention of tools that count early abandonment as met.
#ifndef ERLANG_ERLANG_A_HPP
#define ERLANG_ERLANG_A_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_a_imp.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/measures.hpp>
#include <erlang/staffing.hpp>

#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/tools/precision.hpp>

#include <cmath>
#include <limits>

namespace erlang {

namespace detail {

/// What an evaluation must compute: the search for agents skips what no target needs.
/// With service_level_target >= 0 the service level need only be compared with it: the
/// direct integration of a short window (early_fraction_of) is skipped where the closed
/// form lies farther from the target than its error could reach.
struct erlang_a_needs {
  bool service_level = true;
  bool wait_within = true;
  bool asa = true;
  double service_level_target = -1;
};

template <class Real, class Policy>
erlang_a_measures<Real> erlang_a_imp(Real e, Real n, Real h, Real patience, Real t,
                                     const erlang_a_needs& needs, const Policy& pol) {
  using std::exp;
  using std::log;
  erlang_a_measures<Real> r{};
  if (e == 0) {
    r.service_level = 1;
    r.wait_within = 1;
    return r;
  }
  const Real a = scaled_ratio(n, patience, h);  // n mu / theta
  const Real b = scaled_ratio(e, patience, h);  // lambda / theta
  const auto ib = inverse_blocking_of(n, e, pol);
  const auto main = delayed_state_of(a, b, pol);
  // P(W > 0) = 1 / (1 + (1/B - 1) / M), formed in logs when either part overflows.
  Real ratio;  // (1/B - 1) / M
  if ((boost::math::isfinite)(ib.excess) && (boost::math::isfinite)(main.m)) {
    ratio = ib.excess / main.m;
  } else {
    const Real log_excess = (boost::math::isfinite)(ib.excess) ? log(ib.excess) : ib.log_inverse;
    ratio = exp(log_excess - main.log_m);
  }
  const Real pw = 1 / (1 + ratio);
  const Real no_wait = ratio / (1 + ratio);
  const Real pab_w = (std::min)(Real(1), (std::max)(Real(0), main.abandon_given_wait));
  r.wait_probability = pw;
  r.abandon_given_wait = pab_w;
  r.abandon_probability = pw * pab_w;
  r.mean_wait = r.abandon_probability * patience;
  r.mean_queue_length = b * r.abandon_probability;
  r.occupancy = (std::min)(Real(1), e / n * (1 - r.abandon_probability));
  const Real v = t / patience;  // theta t
  // ln g(v) = -a v + b (1 - e^-v)
  const Real log_g = -a * v - b * boost::math::expm1(-v, pol);
  if (needs.service_level) {
    // Served after t among delayed callers: U = g(v) e^-v (a/(a+1)) M(a+1, b e^-v) / M(a, b).
    Real served_within = 1 - pab_w;  // among delayed callers, as t -> infinity
    if (t > 0) {
      const Real b_later = b * exp(-v);
      Real u = 0;
      if (main.log_m > large_log_m) {
        // U = (a/b) P(a+1, b e^-v) / P(a, b), free of the large logarithms.
        u = a / b * gamma_p_of(a + 1, b_later, pol) / gamma_p_of(a, b, pol);
      } else {
        const auto later = delayed_state_of(a + 1, b_later, pol);
        u = exp(log_g - v + log(a / (a + 1)) + later.log_m - main.log_m);
      }
      if (u > served_within / 2 && b_later > a + 1) {
        // (1 - P(Ab | W > 0)) - U = (a/b) [Q(a+1, b e^-v) - Q(a+1, b)] / P(a, b): both Q
        // are upper tails here, and their difference is formed without cancellation.
        const Real q_later = gamma_q_of(a + 1, b_later, pol);
        const Real q_now = gamma_q_of(a + 1, b, pol);
        served_within = q_later > 0
                            ? a / b * q_later * -boost::math::expm1(log(q_now / q_later), pol) /
                                  gamma_p_of(a, b, pol)
                            : Real(0);
      } else {
        served_within = (std::max)(Real(0), served_within - u);
      }
      if (served_within < (1 - pab_w) / 8) {
        // Below an eighth of its limit the difference above cancels (short answer times,
        // patient callers): the fraction served within t is integrated directly, unless a
        // search only compares the result with a target from which it lies more than 2^-10
        // of the delayed callers' answered share away (the closed form's error measures
        // below 1e-7 of that share).
        using std::fabs;
        const Real target = needs.service_level_target;
        const bool decided = target >= 0 && fabs(no_wait + pw * served_within - target) >
                                                pw * (1 - pab_w) / 1024 + target / (1024 * 1024);
        if (!decided) {
          served_within = early_fraction_of(a, b, main.log_m, v, true, pol);
        }
      }
    } else {
      served_within = 0;
    }
    r.service_level = (std::min)(Real(1), no_wait + pw * served_within);
  }
  if (needs.wait_within) {
    // P(W <= t) = P(W = 0) + P(W > 0) (1 - e^-v G), G = P(V > t | W > 0)
    // = g(v) M(a, b e^-v) / M(a, b), and 1 - e^-v G = (1 - e^-v) + e^-v (1 - G): a sum of
    // non-negative parts, with 1 - G integrated directly where G is above 7/8.
    Real within_given_wait = 0;
    if (t > 0) {
      Real g_ratio = 0;
      if (main.log_m > large_log_m) {
        // g(v) M(a, b e^-v) / M(a, b) = P(a, b e^-v) / P(a, b).
        g_ratio = gamma_p_of(a, b * exp(-v), pol) / gamma_p_of(a, b, pol);
      } else {
        const auto later = delayed_state_of(a, b * exp(-v), pol);
        g_ratio = exp(log_g + later.log_m - main.log_m);
      }
      g_ratio = (std::min)(Real(1), g_ratio);
      const Real offered_within =
          g_ratio > Real(0.875) ? early_fraction_of(a, b, main.log_m, v, false, pol) : 1 - g_ratio;
      within_given_wait = -boost::math::expm1(-v, pol) + exp(-v) * offered_within;
    }
    r.wait_within = (std::min)(Real(1), no_wait + pw * within_given_wait);
  }
  if (needs.asa) {
    // E[W; served] = P(W > 0) patience I1 / I0; ASA = E[W; served] / (1 - P(Ab)).
    const Real served = 1 - r.abandon_probability;
    r.average_speed_of_answer =
        served > 0 ? pw * patience * answered_wait_ratio(a, b, main.log_m, pol) / served
                   : std::numeric_limits<Real>::infinity();
  }
  return r;
}

template <class Real, class Policy>
bool check_erlang_a(const char* function, Real e, Real n, Real h, Real patience, Real t, Real& err,
                    const Policy& pol) {
  return check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", e, err, pol) &&
         check_positive(function, "Agents must be finite and > 0, got %1%.", n, err, pol) &&
         check_positive(function, "Mean handling time must be finite and > 0, got %1%.", h, err,
                        pol) &&
         check_positive(function, "Mean patience must be finite and > 0, got %1%.", patience, err,
                        pol) &&
         check_non_negative(function, "Answer time must be finite and >= 0, got %1%.", t, err, pol);
}

/// The scales a = agents x patience / h and b = traffic x patience / h must satisfy
/// min normal <= a <= 1/epsilon and b <= 1/epsilon (2.2e-308 and 2^52 = 4.5e15 in
/// double): beyond 1/epsilon, a + 1 is no longer distinct from a, and the callers are so
/// patient that Erlang C applies; below the smallest normal number a has no precision
/// left, and the callers so impatient that Erlang B applies.
template <class Real, class Policy>
bool check_erlang_a_scale(const char* function, Real a, Real b, Real& err, const Policy& pol) {
  const Real largest = 1 / std::numeric_limits<Real>::epsilon();
  if (!(a >= (std::numeric_limits<Real>::min)() && a <= largest)) {
    err = boost::math::policies::raise_domain_error<Real>(
        function,
        "Agents x patience / handling time must lie in [min normal, 1/epsilon] (callers so "
        "patient that Erlang C applies, or so impatient that Erlang B applies), got %1%.",
        a, pol);
    return false;
  }
  if (!(b <= largest)) {
    err = boost::math::policies::raise_domain_error<Real>(
        function,
        "Traffic x patience / handling time must be at most 1/epsilon (callers so patient "
        "that Erlang C applies), got %1%.",
        b, pol);
    return false;
  }
  return true;
}

}  // namespace detail

/// Every Erlang A measure at once. See the file comment for the arguments and the two
/// service-level conventions. Domain errors: negative, NaN or infinite arguments, agents,
/// handling time or patience not > 0, and scales outside the evaluated range:
/// agents x patience / h must lie in [2.2e-308, 2^52] and traffic x patience / h be at most
/// 2^52 for double (the smallest normal number and 1/epsilon of the type).
template <class RealE, class RealN, class RealH, class RealP, class RealT, class Policy>
erlang_a_measures<
    typename boost::math::tools::promote_args<RealE, RealN, RealH, RealP, RealT>::type>
erlang_a(RealE traffic, RealN agents, RealH mean_handling_time, RealP mean_patience,
         RealT answer_time, const Policy& pol) {
  using result_type =
      typename boost::math::tools::promote_args<RealE, RealN, RealH, RealP, RealT>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::erlang_a<%1%>(%1%, %1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type n = agents;
  const value_type h = mean_handling_time;
  const value_type p = mean_patience;
  const value_type t = answer_time;
  value_type err = 0;
  if (!detail::check_erlang_a(function, e, n, h, p, t, err, pol) ||
      !detail::check_erlang_a_scale(function, detail::scaled_ratio(n, p, h),
                                    detail::scaled_ratio(e, p, h), err, pol)) {
    const auto x = static_cast<result_type>(err);
    return {.blocking = x,
            .wait_probability = x,
            .abandon_probability = x,
            .service_level = x,
            .average_speed_of_answer = x,
            .mean_wait = x,
            .mean_queue_length = x,
            .occupancy = x,
            .abandon_given_wait = x,
            .wait_within = x};
  }
  return detail::measures_cast<result_type>(detail::erlang_a_imp(
      e, n, h, p, t, detail::erlang_a_needs{}, detail::internal_policy_t<Policy>()));
}

template <class RealE, class RealN, class RealH, class RealP, class RealT>
erlang_a_measures<
    typename boost::math::tools::promote_args<RealE, RealN, RealH, RealP, RealT>::type>
erlang_a(RealE traffic, RealN agents, RealH mean_handling_time, RealP mean_patience,
         RealT answer_time) {
  return erlang_a(traffic, agents, mean_handling_time, mean_patience, answer_time,
                  default_policy());
}

/// Erlang A staffing: the least number of agents (an integer, possibly well below the
/// traffic when patience is short) meeting every target set in `targets`: service level
/// (answered within answer_time, over all arrivals), max_abandon, max_asa (answered
/// calls), max_wait_probability, max_occupancy. No traffic needs no agents: 0.
/// Domain errors as for erlang_a with one agent: patience / h at least 2.2e-308 and
/// traffic x patience / h at most 2^52 for double; and targets that no count of agents
/// within that scale (agents x patience / h <= 2^52) meets.
template <class RealE, class RealH, class RealP, class Real, class Policy>
typename boost::math::tools::promote_args<RealE, RealH, RealP, Real>::type
erlang_a_agents_for_targets(RealE traffic, RealH mean_handling_time, RealP mean_patience,
                            const staffing_targets<Real>& targets, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealH, RealP, Real>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::erlang_a_agents_for_targets<%1%>(%1%, %1%, %1%, targets)";
  const value_type e = traffic;
  const value_type h = mean_handling_time;
  const value_type p = mean_patience;
  const auto t = detail::targets_cast<value_type>(targets);
  value_type err = 0;
  // One agent bounds a from below; b bounds the scale of the search from above.
  if (!detail::check_erlang_a(function, e, value_type(1), h, p, t.answer_time, err, pol) ||
      !detail::check_erlang_a_scale(function, detail::scaled_ratio(value_type(1), p, h),
                                    detail::scaled_ratio(e, p, h), err, pol) ||
      !detail::check_targets(function, t, detail::erlang_a_support, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const detail::internal_policy_t<Policy> ipol;
  const detail::erlang_a_needs needs{
      t.service_level.has_value(), false, t.max_asa.has_value(),
      t.service_level ? static_cast<double>(*t.service_level) : -1.0};
  auto meets = [&](value_type n) {
    return erlang::meets(detail::erlang_a_imp(e, n, h, p, t.answer_time, needs, ipol), t);
  };
  // Every measure improves with agents. Bracket from the square-root staffing guess,
  // then bisect on the integers (0 agents never meets a target): O(log E) evaluations of
  // O(1) cost. The evaluated scale ends at agents x patience / h = 1/epsilon: n_top
  // agents. With patience below 1e-292 handling times that count is beyond the largest
  // double, which ends the search first (an overflow error, not a domain error).
  using std::ceil;
  using std::floor;
  using std::sqrt;
  const value_type hi = ceil(e + sqrt(e)) + 1;
  const value_type n_scale =
      floor(detail::scaled_ratio(1 / std::numeric_limits<value_type>::epsilon(), h, p));
  const value_type n_top = (std::min)(n_scale, boost::math::tools::max_value<value_type>());
  const auto r = detail::least_count(meets, value_type(0), hi, hi, n_top, true);
  if (!r.found) {
    return static_cast<result_type>(
        n_top < n_scale
            ? detail::raise_count_overflow<value_type>(function, "agents", pol)
            : detail::raise_count_beyond_scale(
                  function, "agents x patience / handling time above 1/epsilon", n_top, pol));
  }
  return static_cast<result_type>(r.count);
}

template <class RealE, class RealH, class RealP, class Real>
typename boost::math::tools::promote_args<RealE, RealH, RealP, Real>::type
erlang_a_agents_for_targets(RealE traffic, RealH mean_handling_time, RealP mean_patience,
                            const staffing_targets<Real>& targets) {
  return erlang_a_agents_for_targets(traffic, mean_handling_time, mean_patience, targets,
                                     default_policy());
}

}  // namespace erlang

#endif  // ERLANG_ERLANG_A_HPP
