// The staffing searches of staffing.hpp: the Erlang C predicates and scores, and the imps.
#ifndef ERLANG_DETAIL_STAFFING_IMP_HPP
#define ERLANG_DETAIL_STAFFING_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/erlang_c_imp.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/targets.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/log1p.hpp>
#include <boost/math/special_functions/next.hpp>
#include <boost/math/tools/precision.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

namespace erlang::detail {

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

/// servers_for_blocking.
struct servers_for_blocking_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real target, const Policy& pol) const {
    using std::log;
    using std::sqrt;
    if (Real err = 0; !check_traffic(function, e, err, pol) ||
                      !check_blocking_target(function, target, err, pol)) {
      return err;
    }
    if (e == 0) {
      return Real(0);
    }
    const Real log_target = log(target);
    auto score = [&](Real x) { return log_target + inverse_blocking_of(x, e, pol).log_inverse; };
    auto meets = [&](Real x) { return blocking_at_most(x, e, target, pol); };
    // B(E, E + beta sqrt(E)) falls like exp(-beta^2 / 2): bracket above the estimate, and
    // double it while it falls short. Traffic near the top of the range needs a count
    // beyond it: an overflow error.
    const Real hi = e + 2 * sqrt(e) * sqrt(-log_target + 1) + 2;
    const auto r =
        least_count(meets, Real(0), hi, hi, boost::math::tools::max_value<Real>(), true, score);
    if (!r.found) {
      return raise_count_overflow<Real>(function, "servers", pol);
    }
    return r.count;
  }
};

/// traffic_for_blocking.
struct traffic_for_blocking_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real m, Real target, const Policy& pol) const {
    using std::exp;
    using std::log;
    if (Real err = 0;
        !check_non_negative(function, "Servers must be finite and >= 0, got %1%.", m, err, pol) ||
        !check_blocking_target(function, target, err, pol)) {
      return err;
    }
    if (m == 0) {
      return Real(0);
    }
    const Real log_target = log(target);
    // B <= E^m / Gamma(m + 1) and B >= 1 - m / E bound the root in ln E.
    // ln Gamma(m + 1) / m by Stirling's series beyond 1e300, where ln Gamma(m + 1) itself
    // overflows near the largest double (the omitted terms are below 1 / (12 m^2)).
    const Real lgamma_per_server =
        m < Real(1e300)
            ? boost::math::lgamma(m + 1, pol) / m
            : log(m) - 1 + (log(2 * boost::math::constants::pi<Real>()) + log(m)) / (2 * m);
    Real u_min = log_target / m + lgamma_per_server;
    // With few servers (m of 1e-77, say) even the smallest positive traffic may block more
    // than the target: then only no traffic meets it.
    const Real u_floor =
        log(boost::math::tools::min_value<Real>() * std::numeric_limits<Real>::epsilon());
    if (!(u_min > u_floor)) {
      const Real e_floor = exp(u_floor);
      if (-inverse_blocking_of(m, e_floor, pol).log_inverse > log_target) {
        return Real(0);
      }
      u_min = u_floor;
    }
    Real u_max = log(m) - boost::math::log1p(-target, pol);
    const auto e_top = boost::math::tools::max_value<Real>();
    auto f = [&](Real u) {
      const Real e = (std::min)(Real(exp(u)), e_top);
      const auto ib = inverse_blocking_of(m, e, pol);
      const Real b = blocking_from(ib);
      return std::make_pair(-ib.log_inverse - log_target, m - e * (1 - b));
    };
    // With a fraction of a server the bound E^m / Gamma(m + 1) puts u_min where E is
    // subnormal, and E = exp(u_min) rounds to a few bits there (B(E, 0.001) at E of 1e-318
    // moves by 3e-9 relative per ulp): step down until the bracket's lower end holds.
    for (auto step = Real(1e-3); f(u_min).first > 0; step *= 2) {
      if (u_min <= u_floor) {
        return Real(0);  // even the smallest positive traffic blocks too much
      }
      u_min = (std::max)(u_floor, u_min - step);
    }
    // The answer may lie beyond the largest finite traffic (servers near the top of the
    // range, high targets): an overflow error then, as Boost.Math reports results too large.
    const Real u_cap = log(e_top);
    if (u_max >= u_cap) {
      if (-inverse_blocking_of(m, e_top, pol).log_inverse < log_target) {
        return boost::math::policies::raise_overflow_error<Real>(
            function, "The traffic carried exceeds the largest finite value.", pol);
      }
      u_max = u_cap;
    }
    const Real guess = (std::min)(u_max, (std::max)(u_min, log(m)));
    std::uintmax_t max_iter = 100;
    const int digits = std::numeric_limits<Real>::digits - 4;
    Real u = guess;
    bool settled = false;
    try {
      u = boost::math::tools::newton_raphson_iterate(f, guess, u_min, u_max, digits, max_iter);
      // Newton's steps can shrink to nothing far from the root where ln B is steep (from
      // E = m with m of 1e300 and more): the root must lie within a few of its own
      // tolerances of u.
      using std::fabs;
      using std::ldexp;
      const Real eta = ldexp(fabs(u) + 1, 8 - digits);
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
      const Real top = u_max + 64 * std::numeric_limits<Real>::epsilon() * (1 + fabs(u_max));
      const auto r = boost::math::tools::toms748_solve(
          [&](Real v) { return f(v).first; }, u_min, top,
          boost::math::tools::eps_tolerance<Real>(digits + 4), bracket_iter, pol);
      u = r.first;
    }
    Real e = (std::min)(Real(exp(u)), e_top);
    // ln E carries E only to about |ln E| 2^-48 relative (1e-12 near the top of the range):
    // polish on E itself, by TOMS 748 in a bracket of a few of those tolerances around E,
    // keeping the lower end (B <= target). (The slope m - E (1 - B) cancels there, so no
    // Newton step on E.)
    {
      using std::fabs;
      using std::ldexp;
      const Real w = ldexp(fabs(u) + 1, 8 - digits);
      Real lo = e * (1 - w);
      Real hi = (std::min)(Real(e * (1 + w)), e_top);
      auto g = [&](Real x) { return -inverse_blocking_of(m, x, pol).log_inverse - log_target; };
      const bool narrow = w < Real(1e-6);  // else ln E is far below the range of E
      Real g_lo = narrow ? g(lo) : Real(0);
      Real g_hi = narrow ? g(hi) : Real(0);
      // Newton's end is settled to within its tolerance in ln E only, which near the top of
      // the range (1e308 servers, tiny targets, where ln B falls by 1e288 over that
      // tolerance) can leave the root just outside the bracket: widen it on that side.
      for (Real width = 2 * w; narrow && width < Real(1e-6) && (g_lo > 0 || g_hi < 0); width *= 2) {
        if (g_hi < 0 && hi < e_top) {
          lo = hi;
          g_lo = g_hi;
          hi = (std::min)(Real(e * (1 + width)), e_top);
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
        Real polished =
            boost::math::tools::toms748_solve(
                g, lo, hi, g_lo, g_hi, boost::math::tools::eps_tolerance<Real>(), polish_iter, pol)
                .first;
        if (!(polished >= lo && polished <= hi) || polish_iter >= polish_limit) {
          // Where ln B drops by 1e270 over the bracket (servers of 1e300, tiny targets) the
          // interpolation overflows, or crawls from the steep end without converging (ln B
          // from -1e288 to 1 at 1e308 servers): bisect instead.
          // Near the largest double in E / 2 (exact there), so that the midpoints do not
          // overflow; elsewhere in E itself (halving a subnormal bracket can close it).
          std::uintmax_t bisect_iter = 80;
          const auto tol = boost::math::tools::eps_tolerance<Real>();
          polished = hi > e_top / 2
                         ? 2 * boost::math::tools::bisect([&](Real half) { return g(2 * half); },
                                                          lo / 2, hi / 2, tol, bisect_iter, pol)
                                   .first
                         : boost::math::tools::bisect(g, lo, hi, tol, bisect_iter, pol).first;
        }
        e = polished;
      }
    }
    // Largest E that meets, both as ln B and as B (erlang_b's own rounding): step down by
    // ulps if rounding left the root just above.
    auto above = [&](Real x) {
      const auto ib = inverse_blocking_of(m, x, pol);
      return -ib.log_inverse > log_target || blocking_from(ib) > target;
    };
    for (int i = 0; i < 64 && above(e); ++i) {
      e = boost::math::float_prior(e, pol);
    }
    return e;
  }
};

/// agents_for_targets.
struct agents_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real h, const staffing_targets<Real>& t,
                  const Policy& pol) const {
    using std::sqrt;
    if (Real err = 0; !check_traffic(function, e, err, pol) ||
                      !check_mean_handling_time(function, h, err, pol) ||
                      !check_targets(function, t, erlang_c_support, err, pol)) {
      return err;
    }
    if (e == 0) {
      return Real(0);
    }
    auto score = [&](Real x) { return erlang_c_score(e, x, h, t, pol); };
    auto meets = [&](Real x) { return erlang_c_meets(e, x, h, t, pol); };
    // From E + 2 sqrt(E) + 1 (nothing up to E meets). A target so strict (occupancy of
    // 1e-300, say) that no finite count meets it: an overflow error.
    const Real step = 2 * sqrt(e) + 1;
    const auto r = least_count(meets, e, Real(e + step), step,
                               boost::math::tools::max_value<Real>(), true, score);
    if (!r.found) {
      return raise_count_overflow<Real>(function, "agents", pol);
    }
    return r.count;
  }
};

/// traffic_for_targets.
struct traffic_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real m, Real h, const staffing_targets<Real>& t,
                  const Policy& pol) const {
    if (Real err = 0;
        !check_positive(function, "Agents must be finite and > 0, got %1%.", m, err, pol) ||
        !check_mean_handling_time(function, h, err, pol) ||
        !check_targets(function, t, erlang_c_support, err, pol)) {
      return err;
    }
    // Every measure worsens as traffic grows; the root lies in (0, m).
    auto score = [&](Real e) { return e == 0 ? Real(1) : erlang_c_score(e, m, h, t, pol); };
    Real lo = 0;
    Real hi = m;
    std::uintmax_t max_iter = 200;
    const auto r = boost::math::tools::toms748_solve(
        score, lo, hi, score(lo), Real(-1),
        boost::math::tools::eps_tolerance<Real>(std::numeric_limits<Real>::digits - 3), max_iter);
    Real e = r.first;
    for (int i = 0; i < 64 && e > 0 && !erlang_c_meets(e, m, h, t, pol); ++i) {
      e = boost::math::float_prior(e, pol);
    }
    return e;
  }
};

/// scheduled_agents.
struct scheduled_agents_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real a, Real s, const Policy& pol) const {
    using std::ceil;
    if (Real err = 0;
        !check_non_negative(function, "Agents must be finite and >= 0, got %1%.", a, err, pol) ||
        !check_below_one(function, "Shrinkage must be in [0, 1), got %1%.", s, err, pol)) {
      return err;
    }
    const Real q = a / (1 - s);
    Real n = ceil(q);
    if (n >= 1 && n - 1 >= q * (1 - 4 * std::numeric_limits<Real>::epsilon())) {
      n -= 1;
    }
    return n;
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_STAFFING_IMP_HPP
