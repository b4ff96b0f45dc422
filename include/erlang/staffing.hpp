// Sizing and staffing: the number of circuits or agents a demand needs, and the demand a
// given capacity carries. Every count returned is minimal: it meets the targets and one
// fewer does not.
//
// Searches run on the continuous extension of the formulas (real servers, see
// erlang_b.hpp), where every measure is monotone, with Boost.Math's TOMS 748 root finder
// from a bracket around the square-root staffing estimate E + beta sqrt(E); each
// evaluation is O(1), so a solve costs a few microseconds at any traffic. The integer
// answer is then confirmed by evaluating it and its predecessor.
#ifndef ERLANG_STAFFING_HPP
#define ERLANG_STAFFING_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/targets.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/precision.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

namespace erlang {

namespace detail {

/// Erlang C: true when `servers` (> traffic) meets every target in t.
template <class Real, class Policy>
bool erlang_c_meets(Real e, Real x, Real h, const staffing_targets<Real>& t, const Policy& pol) {
  using std::exp;
  if (e >= x) {
    return false;
  }
  if (t.max_occupancy && e > *t.max_occupancy * x) {
    return false;
  }
  const auto w = erlang_c_pair(x, e, pol);
  if (t.max_wait_probability && w.c > *t.max_wait_probability) {
    return false;
  }
  if (t.service_level) {
    if (erlang_c_service_level(w, e, x, h, t.answer_time, pol) < *t.service_level) {
      return false;
    }
  }
  if (t.max_asa && w.c * h / (x - e) > *t.max_asa) {
    return false;
  }
  return true;
}

/// Erlang C: the most violated target as a continuous score (< 0 fails, >= 0 meets),
/// each target scaled so that the scores are comparable in sign only.
template <class Real, class Policy>
Real erlang_c_score(Real e, Real x, Real h, const staffing_targets<Real>& t, const Policy& pol) {
  using std::log;
  if (e >= x) {
    return -1;
  }
  // Capped to [-1, 1] (the sign is what counts): a wait probability that underflows to 0,
  // or an ASA that overflows, must not hand TOMS 748 infinite values to interpolate (NaN).
  Real score = 1;
  if (t.max_occupancy) {
    score = (std::min)(score, *t.max_occupancy - e / x);
  }
  const auto w = erlang_c_pair(x, e, pol);
  if (t.max_wait_probability) {
    score = (std::min)(score, log(*t.max_wait_probability) - log(w.c));
  }
  if (t.service_level) {
    score = (std::min)(score,
                       erlang_c_service_level(w, e, x, h, t.answer_time, pol) - *t.service_level);
  }
  if (t.max_asa) {
    score = (std::min)(score, log(*t.max_asa) - log(w.c * h / (x - e)));
  }
  return (std::max)(Real(-1), score);
}

/// B(e, x) <= target, decided as erlang_b rounds B, so that erlang_b(e, x) <= target
/// holds for the counts the solvers return: B itself while it is a normal number (ln B
/// carries only |ln B| eps / B of it), ln B where B is subnormal or underflows.
template <class Real, class Policy>
bool blocking_at_most(Real x, Real e, Real target, const Policy& pol) {
  using std::log;
  const auto ib = inverse_blocking_of(x, e, pol);
  const Real b = blocking_from(ib);
  return b >= boost::math::tools::min_value<Real>() ? b <= target
                                                    : log(target) + ib.log_inverse >= 0;
}

}  // namespace detail

/// The least number of servers m (an integer) with B(traffic, m) <= target_blocking.
/// traffic >= 0 in erlangs, target in (0, 1). No traffic needs no servers: 0. An overflow
/// error (std::overflow_error under the default policy) when the count exceeds the
/// largest double (traffic near the top of the range).
template <class RealE, class RealP, class Policy>
typename boost::math::tools::promote_args<RealE, RealP>::type servers_for_blocking(
    RealE traffic, RealP target_blocking, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealP>::type;
  using value_type = detail::evaluation_t<result_type>;
  using std::log;
  using std::sqrt;
  static const char* function = "erlang::servers_for_blocking<%1%>(%1%, %1%)";
  const value_type e = traffic;
  const value_type target = target_blocking;
  value_type err = 0;
  if (!detail::check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", e, err,
                                  pol) ||
      !detail::check_open_probability(function, "Blocking target must be in (0, 1), got %1%.",
                                      target, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const detail::internal_policy_t<Policy> ipol;
  const value_type log_target = log(target);
  auto score = [&](value_type x) {
    return log_target + detail::inverse_blocking_of(x, e, ipol).log_inverse;
  };
  auto meets = [&](value_type x) { return detail::blocking_at_most(x, e, target, ipol); };
  // B(E, E + beta sqrt(E)) falls like exp(-beta^2 / 2): bracket above the estimate, and
  // double it while it falls short. Traffic near the top of the range needs a count
  // beyond it: an overflow error.
  const value_type hi = e + 2 * sqrt(e) * sqrt(-log_target + 1) + 2;
  const auto r = detail::least_count(meets, value_type(0), hi, hi,
                                     boost::math::tools::max_value<value_type>(), true, score);
  if (!r.found) {
    return static_cast<result_type>(
        detail::raise_count_overflow<value_type>(function, "servers", pol));
  }
  return static_cast<result_type>(r.count);
}

template <class RealE, class RealP>
typename boost::math::tools::promote_args<RealE, RealP>::type servers_for_blocking(
    RealE traffic, RealP target_blocking) {
  return servers_for_blocking(traffic, target_blocking, default_policy());
}

/// The largest traffic E (erlangs) with B(E, servers) <= target_blocking: the capacity of
/// a trunk group, as in the classic Erlang B tables (15 lines at 1 %: 8.108 E).
/// servers real >= 0 (0 carries nothing), target in (0, 1). An overflow error when the
/// answer exceeds the largest double. Newton on u = ln E with
/// d ln B / d ln E = m - E (1 - B), bracketed by E^m / m! <= target and E <= m / (1 - target).
template <class RealM, class RealP, class Policy>
typename boost::math::tools::promote_args<RealM, RealP>::type traffic_for_blocking(
    RealM servers, RealP target_blocking, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealM, RealP>::type;
  using value_type = detail::evaluation_t<result_type>;
  using std::exp;
  using std::log;
  static const char* function = "erlang::traffic_for_blocking<%1%>(%1%, %1%)";
  const value_type m = servers;
  const value_type target = target_blocking;
  value_type err = 0;
  if (!detail::check_non_negative(function, "Servers must be finite and >= 0, got %1%.", m, err,
                                  pol) ||
      !detail::check_open_probability(function, "Blocking target must be in (0, 1), got %1%.",
                                      target, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (m == 0) {
    return result_type(0);
  }
  const detail::internal_policy_t<Policy> ipol;
  const value_type log_target = log(target);
  // B <= E^m / Gamma(m + 1) and B >= 1 - m / E bound the root in ln E.
  // ln Gamma(m + 1) / m by Stirling's series beyond 1e300, where ln Gamma(m + 1) itself
  // overflows near the largest double (the omitted terms are below 1 / (12 m^2)).
  const value_type lgamma_per_server =
      m < value_type(1e300)
          ? boost::math::lgamma(m + 1, ipol) / m
          : log(m) - 1 + (log(2 * boost::math::constants::pi<value_type>()) + log(m)) / (2 * m);
  value_type u_min = log_target / m + lgamma_per_server;
  // With few servers (m of 1e-77, say) even the smallest positive traffic may block more
  // than the target: then only no traffic meets it.
  const value_type u_floor =
      log(boost::math::tools::min_value<value_type>() * std::numeric_limits<value_type>::epsilon());
  if (!(u_min > u_floor)) {
    const value_type e_floor = exp(u_floor);
    if (-detail::inverse_blocking_of(m, e_floor, ipol).log_inverse > log_target) {
      return result_type(0);
    }
    u_min = u_floor;
  }
  value_type u_max = log(m) - boost::math::log1p(-target, ipol);
  const auto e_top = boost::math::tools::max_value<value_type>();
  auto f = [&](value_type u) {
    const value_type e = (std::min)(value_type(exp(u)), e_top);
    const auto ib = detail::inverse_blocking_of(m, e, ipol);
    const value_type b = detail::blocking_from(ib);
    return std::make_pair(-ib.log_inverse - log_target, m - e * (1 - b));
  };
  // With a fraction of a server the bound E^m / Gamma(m + 1) puts u_min where E is
  // subnormal, and E = exp(u_min) rounds to a few bits there (B(E, 0.001) at E of 1e-318
  // moves by 3e-9 relative per ulp): step down until the bracket's lower end holds.
  for (auto step = value_type(1e-3); f(u_min).first > 0; step *= 2) {
    if (u_min <= u_floor) {
      return result_type(0);  // even the smallest positive traffic blocks too much
    }
    u_min = (std::max)(u_floor, u_min - step);
  }
  // The answer may lie beyond the largest finite traffic (servers near the top of the
  // range, high targets): an overflow error then, as Boost.Math reports results too large.
  const value_type u_cap = log(e_top);
  if (u_max >= u_cap) {
    if (-detail::inverse_blocking_of(m, e_top, ipol).log_inverse < log_target) {
      return static_cast<result_type>(boost::math::policies::raise_overflow_error<value_type>(
          function, "The traffic carried exceeds the largest finite value.", pol));
    }
    u_max = u_cap;
  }
  const value_type guess = (std::min)(u_max, (std::max)(u_min, log(m)));
  std::uintmax_t max_iter = 100;
  const int digits = std::numeric_limits<value_type>::digits - 4;
  value_type u = guess;
  bool settled = false;
  try {
    u = boost::math::tools::newton_raphson_iterate(f, guess, u_min, u_max, digits, max_iter);
    // Newton's steps can shrink to nothing far from the root where ln B is steep (from
    // E = m with m of 1e300 and more): the root must lie within a few of its own
    // tolerances of u.
    using std::fabs;
    using std::ldexp;
    const value_type eta = ldexp(fabs(u) + 1, 8 - digits);
    settled = f(u - eta).first <= 0 && f(u + eta).first >= 0;
  } catch (const boost::math::evaluation_error&) {
    settled = false;
  }
  if (!settled) {
    // Newton stalls against the upper bound when the target is high and the servers many
    // (E near m / (1 - target) with m from about 1e12), or far from the root as above:
    // settle the bracket, which holds the root (f <= 0 at u_min, f >= 0 at u_max), by
    // TOMS 748 and keep its lower end (B <= target).
    // (B >= 1 - m / E is tight there to rounding: the top is moved up by a few ulps.)
    std::uintmax_t bracket_iter = 200;
    using std::fabs;
    const value_type top =
        u_max + 64 * std::numeric_limits<value_type>::epsilon() * (1 + fabs(u_max));
    const auto r = boost::math::tools::toms748_solve(
        [&](value_type v) { return f(v).first; }, u_min, top,
        boost::math::tools::eps_tolerance<value_type>(digits + 4), bracket_iter, ipol);
    u = r.first;
  }
  value_type e = (std::min)(value_type(exp(u)), e_top);
  // ln E carries E only to about |ln E| 2^-48 relative (1e-12 near the top of the range):
  // polish on E itself, by TOMS 748 in a bracket of a few of those tolerances around E,
  // keeping the lower end (B <= target). (The slope m - E (1 - B) cancels there, so no
  // Newton step on E.)
  {
    using std::fabs;
    using std::ldexp;
    const value_type w = ldexp(fabs(u) + 1, 8 - digits);
    value_type lo = e * (1 - w);
    value_type hi = (std::min)(value_type(e * (1 + w)), e_top);
    auto g = [&](value_type x) {
      return -detail::inverse_blocking_of(m, x, ipol).log_inverse - log_target;
    };
    const bool narrow = w < value_type(1e-6);  // else ln E is far below the range of E
    value_type g_lo = narrow ? g(lo) : value_type(0);
    value_type g_hi = narrow ? g(hi) : value_type(0);
    // Newton's end is settled to within its tolerance in ln E only, which near the top of
    // the range (1e308 servers, tiny targets, where ln B falls by 1e288 over that
    // tolerance) can leave the root just outside the bracket: widen it on that side.
    for (value_type width = 2 * w; narrow && width < value_type(1e-6) && (g_lo > 0 || g_hi < 0);
         width *= 2) {
      if (g_hi < 0 && hi < e_top) {
        lo = hi;
        g_lo = g_hi;
        hi = (std::min)(value_type(e * (1 + width)), e_top);
        g_hi = g(hi);
      } else if (g_lo > 0) {
        hi = lo;
        g_hi = g_lo;
        lo = e * (1 - width);
        g_lo = g(lo);
      } else {
        break;
      }
    }
    if (narrow && lo < hi && g_lo <= 0 && g_hi >= 0) {
      const std::uintmax_t polish_limit = 40;
      std::uintmax_t polish_iter = polish_limit;
      value_type polished = boost::math::tools::toms748_solve(
                                g, lo, hi, g_lo, g_hi,
                                boost::math::tools::eps_tolerance<value_type>(), polish_iter, ipol)
                                .first;
      if (!(polished >= lo && polished <= hi) || polish_iter >= polish_limit) {
        // Where ln B drops by 1e270 over the bracket (servers of 1e300, tiny targets) the
        // interpolation overflows, or crawls from the steep end without converging (ln B
        // from -1e288 to 1 at 1e308 servers): bisect instead.
        // Near the largest double in E / 2 (exact there), so that the midpoints do not
        // overflow; elsewhere in E itself (halving a subnormal bracket can close it).
        std::uintmax_t bisect_iter = 80;
        const auto tol = boost::math::tools::eps_tolerance<value_type>();
        polished =
            hi > e_top / 2
                ? 2 * boost::math::tools::bisect([&](value_type half) { return g(2 * half); },
                                                 lo / 2, hi / 2, tol, bisect_iter, ipol)
                          .first
                : boost::math::tools::bisect(g, lo, hi, tol, bisect_iter, ipol).first;
      }
      e = polished;
    }
  }
  // Largest E that meets, both as ln B and as B (erlang_b's own rounding): step down by
  // ulps if rounding left the root just above.
  auto above = [&](value_type x) {
    const auto ib = detail::inverse_blocking_of(m, x, ipol);
    return -ib.log_inverse > log_target || detail::blocking_from(ib) > target;
  };
  for (int i = 0; i < 64 && above(e); ++i) {
    e = boost::math::float_prior(e, ipol);
  }
  return static_cast<result_type>(e);
}

template <class RealM, class RealP>
typename boost::math::tools::promote_args<RealM, RealP>::type traffic_for_blocking(
    RealM servers, RealP target_blocking) {
  return traffic_for_blocking(servers, target_blocking, default_policy());
}

/// Erlang C staffing: the least number of agents (an integer) meeting every target set
/// in `targets`. traffic in erlangs (>= 0), mean_handling_time > 0 in the same time unit
/// as targets.answer_time and targets.max_asa. No traffic needs no agents: 0. Errors: a
/// bad argument or target, or no target set (domain errors); an overflow error when no
/// count up to the largest double meets the targets (an occupancy target of 1e-300, say).
template <class RealE, class RealH, class Real, class Policy>
typename boost::math::tools::promote_args<RealE, RealH, Real>::type agents_for_targets(
    RealE traffic, RealH mean_handling_time, const staffing_targets<Real>& targets,
    const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealH, Real>::type;
  using value_type = detail::evaluation_t<result_type>;
  using std::sqrt;
  static const char* function = "erlang::agents_for_targets<%1%>(%1%, %1%, targets)";
  const value_type e = traffic;
  const value_type h = mean_handling_time;
  value_type err = 0;
  const auto t = detail::targets_cast<value_type>(targets);
  if (!detail::check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", e, err,
                                  pol) ||
      !detail::check_positive(function, "Mean handling time must be finite and > 0, got %1%.", h,
                              err, pol) ||
      !detail::check_targets(function, t, detail::erlang_c_support, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e == 0) {
    return result_type(0);
  }
  const detail::internal_policy_t<Policy> ipol;
  auto score = [&](value_type x) { return detail::erlang_c_score(e, x, h, t, ipol); };
  auto meets = [&](value_type x) { return detail::erlang_c_meets(e, x, h, t, ipol); };
  // From E + 2 sqrt(E) + 1 (nothing up to E meets). A target so strict (occupancy of
  // 1e-300, say) that no finite count meets it: an overflow error.
  const value_type step = 2 * sqrt(e) + 1;
  const auto r = detail::least_count(meets, e, value_type(e + step), step,
                                     boost::math::tools::max_value<value_type>(), true, score);
  if (!r.found) {
    return static_cast<result_type>(
        detail::raise_count_overflow<value_type>(function, "agents", pol));
  }
  return static_cast<result_type>(r.count);
}

template <class RealE, class RealH, class Real>
typename boost::math::tools::promote_args<RealE, RealH, Real>::type agents_for_targets(
    RealE traffic, RealH mean_handling_time, const staffing_targets<Real>& targets) {
  return agents_for_targets(traffic, mean_handling_time, targets, default_policy());
}

/// Erlang C: the largest traffic (erlangs) that `agents` serve while meeting every target
/// set in `targets` (the inverse of agents_for_targets). agents > 0.
template <class RealM, class RealH, class Real, class Policy>
typename boost::math::tools::promote_args<RealM, RealH, Real>::type traffic_for_targets(
    RealM agents, RealH mean_handling_time, const staffing_targets<Real>& targets,
    const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealM, RealH, Real>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::traffic_for_targets<%1%>(%1%, %1%, targets)";
  const value_type m = agents;
  const value_type h = mean_handling_time;
  value_type err = 0;
  const auto t = detail::targets_cast<value_type>(targets);
  if (!detail::check_positive(function, "Agents must be finite and > 0, got %1%.", m, err, pol) ||
      !detail::check_positive(function, "Mean handling time must be finite and > 0, got %1%.", h,
                              err, pol) ||
      !detail::check_targets(function, t, detail::erlang_c_support, err, pol)) {
    return static_cast<result_type>(err);
  }
  const detail::internal_policy_t<Policy> ipol;
  // Every measure worsens as traffic grows; the root lies in (0, m).
  auto score = [&](value_type e) {
    return e == 0 ? value_type(1) : detail::erlang_c_score(e, m, h, t, ipol);
  };
  value_type lo = 0;
  value_type hi = m;
  std::uintmax_t max_iter = 200;
  const auto r = boost::math::tools::toms748_solve(
      score, lo, hi, score(lo), value_type(-1),
      boost::math::tools::eps_tolerance<value_type>(std::numeric_limits<value_type>::digits - 3),
      max_iter);
  value_type e = r.first;
  for (int i = 0; i < 64 && e > 0 && !detail::erlang_c_meets(e, m, h, t, ipol); ++i) {
    e = boost::math::float_prior(e, ipol);
  }
  return static_cast<result_type>(e);
}

template <class RealM, class RealH, class Real>
typename boost::math::tools::promote_args<RealM, RealH, Real>::type traffic_for_targets(
    RealM agents, RealH mean_handling_time, const staffing_targets<Real>& targets) {
  return traffic_for_targets(agents, mean_handling_time, targets, default_policy());
}

/// Scheduled agents for a productive count under shrinkage (breaks, training, absence):
/// the least integer s with s (1 - shrinkage) >= agents, i.e. ceil(agents / (1 - shrinkage)).
/// A quotient within 4 ulps of an integer counts as that integer (0.7 is not exact in
/// binary: 14 / (1 - 0.3) gives 20, not 21). shrinkage in [0, 1), agents >= 0.
template <class RealA, class RealS, class Policy>
typename boost::math::tools::promote_args<RealA, RealS>::type scheduled_agents(RealA agents,
                                                                               RealS shrinkage,
                                                                               const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealA, RealS>::type;
  using value_type = detail::evaluation_t<result_type>;
  using std::ceil;
  static const char* function = "erlang::scheduled_agents<%1%>(%1%, %1%)";
  const value_type a = agents;
  const value_type s = shrinkage;
  value_type err = 0;
  if (!detail::check_non_negative(function, "Agents must be finite and >= 0, got %1%.", a, err,
                                  pol)) {
    return static_cast<result_type>(err);
  }
  if (!(s >= 0 && s < 1)) {
    return static_cast<result_type>(boost::math::policies::raise_domain_error<value_type>(
        function, "Shrinkage must be in [0, 1), got %1%.", s, pol));
  }
  const value_type q = a / (1 - s);
  value_type n = ceil(q);
  if (n >= 1 && n - 1 >= q * (1 - 4 * std::numeric_limits<value_type>::epsilon())) {
    n -= 1;
  }
  return static_cast<result_type>(n);
}

template <class RealA, class RealS>
typename boost::math::tools::promote_args<RealA, RealS>::type scheduled_agents(RealA agents,
                                                                               RealS shrinkage) {
  return scheduled_agents(agents, shrinkage, default_policy());
}

}  // namespace erlang

#endif  // ERLANG_STAFFING_HPP
