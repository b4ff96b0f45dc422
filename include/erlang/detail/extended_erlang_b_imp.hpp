// The retry fixed point of Extended Erlang B and the imps of extended_erlang_b.hpp (see
// there for the model and the method).
#ifndef ERLANG_DETAIL_EXTENDED_ERLANG_B_IMP_HPP
#define ERLANG_DETAIL_EXTENDED_ERLANG_B_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/staffing_imp.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/next.hpp>
#include <boost/math/tools/precision.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace erlang::detail {

/// f(E) = E (1 - r B(E, m)) - E0 at one E, with B, the slope df/dE and whether rounding
/// leaves that slope usable.
template <class Real>
struct retry_residual {
  Real f;
  Real tolerance;  // the absolute rounding error of f
  Real blocking;
  Real slope;
  bool slope_usable;
};

template <class Real, class Policy>
retry_residual<Real> retry_residual_at(Real e, Real e0, Real x, Real r, const Policy& pol) {
  using std::fmax;
  using std::fmin;
  const Real eps = boost::math::tools::epsilon<Real>();
  // f = E (1 - r) + r carried - E0 with carried = E (1 - B) and 1 - B = excess / (1 +
  // excess) from 1/B = 1 + excess: no cancellation when B is near 1 (with r = 1 and E0
  // just below m the root lies where E is huge and B near 1).
  const auto ib = inverse_blocking_of(x, e, pol);
  const Real b = blocking_from(ib);
  const Real pass = (boost::math::isfinite)(ib.excess) ? ib.excess / (1 + ib.excess) : Real(1);
  const Real carried = e * pass;
  const Real served = e * (1 - r) + r * carried;  // <= E: no overflow
  const Real f = served - e0;
  // d carried / dE = (1 - B) - B (m - carried), since dB/dE = B (m/E - 1 + B). The slope
  // lies in [1 - r, 1] (carried traffic rises with E, at most as fast). m - carried is
  // known only to about eps (m + carried): in heavy overload on many servers that error
  // swamps the slope.
  const Real raw = (1 - r) + r * (pass - b * (x - carried));
  const Real slope = fmin(Real(1), fmax(1 - r, raw));
  const Real slope_error = 16 * eps * r * b * (x + carried);
  return {f, 8 * eps * served + 8 * eps * e0, b, slope, slope_error <= slope / 4};
}

/// The total offered traffic E solving E = e0 + r E B(E, x), and B(E, x). Requires a
/// solution to exist (r < 1, or e0 < x, or e0 = 0). Where E exceeds the largest finite
/// value, traffic is +infinity and blocking is the fluid limit (E0 - m) / (E0 - r m)
/// (carried traffic m to within rounding there).
template <class Real>
struct retry_fixed_point {
  Real traffic;
  Real blocking;
};

template <class Real, class Policy>
retry_fixed_point<Real> retry_solve(Real e0, Real x, Real r, const char* function,
                                    const Policy& pol) {
  using std::fabs;
  using std::fmax;
  using std::fmin;
  using std::sqrt;
  if (e0 == 0) {
    return {Real(0), blocking_of(x, Real(0), pol)};
  }
  if (r == 0) {
    return {e0, blocking_of(x, e0, pol)};
  }
  const Real inf = std::numeric_limits<Real>::infinity();
  const Real top = boost::math::tools::max_value<Real>();
  const Real eps = boost::math::tools::epsilon<Real>();
  const auto residual = [&](Real e) { return retry_residual_at(e, e0, x, r, pol); };
  // Newton from E = E0, in the bracket [E0, E0 / (1 - r)] (f(E0) <= 0 and, as E B <= E,
  // f(E0 / (1 - r)) >= 0); f is concave, so the iterates rise to the root in a handful of
  // steps while the slope is usable.
  Real lo = e0;
  Real hi = r < 1 ? e0 / (1 - r) : inf;
  Real e = e0;
  Real f_lo = -inf;  // f at lo and hi, once evaluated there
  Real f_hi = inf;
  // Every evaluation of f counts against the policy's iteration limit.
  const std::uintmax_t max_iter = boost::math::policies::get_max_root_iterations<Policy>();
  std::uintmax_t used = 0;
  const auto not_found = [&](Real last) {
    const Real failed = boost::math::policies::raise_evaluation_error<Real>(
        function, "Fixed point of the retry traffic not found; last estimate %1%.", last, pol);
    return retry_fixed_point<Real>{failed, failed};
  };
  for (; used < max_iter; ++used) {
    const auto at = residual(e);
    if (fabs(at.f) <= at.tolerance) {
      return {e, at.blocking};
    }
    if (at.f < 0) {
      lo = fmax(lo, e);
      f_lo = at.f;
    } else {
      hi = fmin(hi, e);
      f_hi = at.f;
    }
    if (lo < top && hi <= boost::math::float_next(lo, pol)) {
      // Neighbours (subnormal E0, where f's tolerance underflows to 0): the nearer one.
      const Real nearer = -f_lo < f_hi ? lo : hi;
      return {nearer, nearer == e ? at.blocking : blocking_of(x, nearer, pol)};
    }
    if (!at.slope_usable) {
      break;
    }
    Real next = e - at.f / at.slope;
    if (!(next >= lo && next <= hi)) {
      next = (boost::math::isfinite)(hi) ? lo + (hi - lo) / 2 : 2 * lo;  // safeguard
    }
    if (!(next <= top)) {
      break;
    }
    if (fabs(next - e) <= 2 * eps * e) {
      return {next, blocking_of(x, next, pol)};
    }
    e = next;
  }
  // Bracketing, for the slopes rounding swamps and for roots far above E0 (r near 1): a
  // finite upper end, the bracket narrowed to a factor 2 by bisection in ln E, then
  // TOMS 748, which needs no slope.
  if (!(hi <= top)) {
    ++used;
    if (residual(top).f < 0) {
      return {inf, (e0 - x) / (e0 - r * x)};  // the root lies beyond the largest value
    }
    hi = top;
  }
  while (hi > 4 * lo && used < max_iter) {
    const Real mid = sqrt(lo) * sqrt(hi);
    (residual(mid).f < 0 ? lo : hi) = mid;
    ++used;
  }
  if (used + 2 >= max_iter) {
    return not_found(lo + (hi - lo) / 2);
  }
  used += 2;
  const auto at_lo = residual(lo);
  const auto at_hi = residual(hi);
  if (!(at_lo.f < 0)) {
    return {lo, at_lo.blocking};  // within rounding of the root
  }
  if (!(at_hi.f > 0)) {
    return {hi, at_hi.blocking};
  }
  // In units of a power of two near E (exact), so that the interpolation's products of
  // differences stay far from overflow.
  using std::ilogb;
  using std::ldexp;
  const int scale = ilogb(lo);
  std::uintmax_t bracket_iter = max_iter - used;
  const auto root = boost::math::tools::toms748_solve(
      [&](Real t) { return ldexp(residual(ldexp(t, scale)).f, -scale); }, ldexp(lo, -scale),
      ldexp(hi, -scale), ldexp(at_lo.f, -scale), ldexp(at_hi.f, -scale),
      boost::math::tools::eps_tolerance<Real>(), bracket_iter, pol);
  const Real found = ldexp(root.first + (root.second - root.first) / 2, scale);
  if (bracket_iter >= max_iter - used) {
    return not_found(found);
  }
  return {found, blocking_of(x, found, pol)};
}

/// Checks (traffic, recall fraction); on failure stores the error result in err.
template <class Real, class Policy>
bool check_retry(const char* function, const Real& e0, const Real& r, Real& err,
                 const Policy& pol) {
  return check_traffic(function, e0, err, pol) &&
         check_probability(function, "Recall fraction must be in [0, 1], got %1%.", r, err, pol);
}

/// True when the fixed point exists; raises the domain error otherwise.
template <class Real, class Policy>
bool check_retry_solvable(const char* function, const Real& e0, const Real& x, const Real& r,
                          Real& err, const Policy& pol) {
  return check_that(r < 1 || e0 == 0 || e0 < x, function,
                    "With every blocked call retried (recall fraction 1) the traffic must be "
                    "below the number of servers; no fixed point exists for traffic %1%.",
                    e0, err, pol);
}

/// Checks (traffic, servers, recall fraction) and that the fixed point exists.
template <class Real, class Policy>
bool check_retry_servers(const char* function, const Real& e0, const Real& x, const Real& r,
                         Real& err, const Policy& pol) {
  return check_retry(function, e0, r, err, pol) &&
         check_non_negative(function, "Servers must be finite and >= 0, got %1%.", x, err, pol) &&
         check_retry_solvable(function, e0, x, r, err, pol);
}

/// extended_erlang_b (Blocking = true: the blocking per attempt) and
/// extended_erlang_b_offered_traffic (false: the total offered traffic).
template <bool Blocking>
struct extended_erlang_b_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e0, Real x, Real r, const Policy& pol) const {
    if (Real err = 0; !check_retry_servers(function, e0, x, r, err, pol)) {
      return err;
    }
    const auto fixed = retry_solve(e0, x, r, function, pol);
    if constexpr (Blocking) {
      return fixed.blocking;
    } else {
      if (!(boost::math::isfinite)(fixed.traffic)) {
        return boost::math::policies::raise_overflow_error<Real>(
            function, "The total offered traffic exceeds the largest finite value.", pol);
      }
      return fixed.traffic;
    }
  }
};

struct extended_erlang_b_servers_for_blocking_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real e0, Real r, Real target, const Policy& pol) const {
    if (Real err = 0; !check_retry(function, e0, r, err, pol) ||
                      !check_blocking_target(function, target, err, pol)) {
      return err;
    }
    if (e0 == 0) {
      return Real(0);  // no traffic needs no servers (as servers_for_blocking)
    }
    // The Erlang B bounds as +infinity when beyond the largest double (reported below under
    // this function's name).
    using bound_policy = typename boost::math::policies::normalise<
        Policy, boost::math::policies::overflow_error<boost::math::policies::ignore_error>>::type;
    const auto top = boost::math::tools::max_value<Real>();
    const Real lo = servers_for_blocking_imp{}(function, e0, target, bound_policy());
    const Real upper_traffic = e0 / (1 - r * target);  // may overflow: then no bound
    Real hi =
        upper_traffic <= top
            ? (std::min)(
                  servers_for_blocking_imp{}(function, upper_traffic, target, bound_policy()), top)
            : top;
    if (!(lo <= top)) {
      return raise_count_overflow<Real>(function, "servers", pol);
    }
    const auto meets = [&](Real x) {
      if (!(r < 1 || e0 == 0 || e0 < x)) {
        return false;  // no fixed point: every attempt is eventually blocked
      }
      // As servers_for_blocking decides (in B, or in ln B where B is subnormal).
      const auto fixed = retry_solve(e0, x, r, function, pol);
      return fixed.blocking >= boost::math::tools::min_value<Real>()
                 ? fixed.blocking <= target
                 : blocking_at_most(x, fixed.traffic, target, pol);
    };
    // The answer lies in [lo, hi]: counts below lo fail (more traffic than Erlang B's
    // offered traffic blocks more), and hi meets in exact arithmetic; where the fixed
    // point's rounding leaves its blocking just above the target, the search steps up until
    // the evaluation agrees, so that the answer is what extended_erlang_b confirms. The
    // total traffic is close to the bound's traffic / (1 - r target), so the answer is
    // hi or just below it: the search goes down from hi.
    const auto found = least_count_below(meets, prior_count(lo), hi, top);
    if (!found.found) {
      return raise_count_overflow<Real>(function, "servers", pol);
    }
    return found.count;
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_EXTENDED_ERLANG_B_IMP_HPP
