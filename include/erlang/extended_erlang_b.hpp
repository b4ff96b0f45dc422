// Extended Erlang B: a loss system whose blocked callers try again. A fraction r (the
// recall fraction, 0 <= r <= 1) of the blocked attempts comes back, so the traffic offered
// to the m servers is the first-attempt traffic E0 plus the retries:
//
//   E = E0 + r E B(E, m),
//
// and the blocking probability per attempt is B(E, m) at that fixed point: the retry model
// of the Extended Erlang B tables and calculator of Westbay Engineers, whose published
// examples the tests reproduce. E is found by Newton's method on f(E) = E - E0 - r E B(E, m),
// written as E (1 - r) + r E (1 - B) - E0 with 1 - B taken from 1/B - 1 (no cancellation
// when B is near 1), whose derivative 1 - r B (1 + m - E + E B) lies in [1 - r, 1]; from
// E = E0 the iterates rise to the root in a handful of steps (f is concave). The fixed
// point exists for every r < 1; for r = 1 only when E0 < m (every blocked call retries
// until served, which m servers can do only for E0 < m). Each step evaluates Erlang B in
// O(1) (erlang_b.hpp), so the cost does not grow with m. Where rounding swamps the slope
// (heavy overload on 1e15 servers or more: m - E (1 - B) is then a difference of numbers
// near m) or the root lies far above E0 (r near 1), a bracketing solve (bisection in ln E,
// then TOMS 748) takes over. A total traffic beyond the largest finite value is an
// overflow error; the blocking there is the fluid limit (E0 - m) / (E0 - r m).
#ifndef ERLANG_EXTENDED_ERLANG_B_HPP
#define ERLANG_EXTENDED_ERLANG_B_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/erlang_b_imp.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/staffing.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/next.hpp>
#include <boost/math/tools/precision.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

namespace erlang {
namespace detail {

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

/// Shared argument checks; on failure stores the error result in err.
template <class Real, class Policy>
bool check_retry(const char* function, const Real& e0, const Real& r, Real& err,
                 const Policy& pol) {
  return check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", e0, err, pol) &&
         check_probability(function, "Recall fraction must be in [0, 1], got %1%.", r, err, pol);
}

/// True when the fixed point exists; raises the domain error otherwise.
template <class Real, class Policy>
bool check_retry_solvable(const char* function, const Real& e0, const Real& x, const Real& r,
                          Real& err, const Policy& pol) {
  if (r < 1 || e0 == 0 || e0 < x) {
    return true;
  }
  err = boost::math::policies::raise_domain_error<Real>(
      function,
      "With every blocked call retried (recall fraction 1) the traffic must be below the "
      "number of servers; no fixed point exists for traffic %1%.",
      e0, pol);
  return false;
}

}  // namespace detail

/// Blocking probability per attempt, B(E, m), where E = traffic + recall_fraction * E * B is
/// the total offered traffic (first attempts plus retries), in [0, 1].
/// traffic: first-attempt traffic in erlangs (>= 0); servers: real >= 0; recall_fraction
/// in [0, 1]. Domain error also when recall_fraction = 1 and 0 < traffic >= servers (no
/// fixed point exists then).
template <class RealE, class RealM, class RealR, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealR>::type extended_erlang_b(
    RealE traffic, RealM servers, RealR recall_fraction, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealR>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::extended_erlang_b<%1%>(%1%, %1%, %1%)";
  const value_type e0 = traffic;
  const value_type x = servers;
  const value_type r = recall_fraction;
  value_type err = 0;
  if (!detail::check_retry(function, e0, r, err, pol) ||
      !detail::check_non_negative(function, "Servers must be finite and >= 0, got %1%.", x, err,
                                  pol) ||
      !detail::check_retry_solvable(function, e0, x, r, err, pol)) {
    return static_cast<result_type>(err);
  }
  return static_cast<result_type>(
      detail::retry_solve(e0, x, r, function, detail::internal_policy_t<Policy>()).blocking);
}

template <class RealE, class RealM, class RealR>
typename boost::math::tools::promote_args<RealE, RealM, RealR>::type extended_erlang_b(
    RealE traffic, RealM servers, RealR recall_fraction) {
  return extended_erlang_b(traffic, servers, recall_fraction, default_policy());
}

/// The total offered traffic E (erlangs): first attempts plus retries, the solution of
/// E = traffic + recall_fraction * E * B(E, servers). Arguments as for extended_erlang_b.
/// An overflow error (std::overflow_error under the default policy) when E exceeds the
/// largest finite value (recall fractions near 1 with traffic near the top of the range).
template <class RealE, class RealM, class RealR, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealR>::type
extended_erlang_b_offered_traffic(RealE traffic, RealM servers, RealR recall_fraction,
                                  const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealR>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::extended_erlang_b_offered_traffic<%1%>(%1%, %1%, %1%)";
  const value_type e0 = traffic;
  const value_type x = servers;
  const value_type r = recall_fraction;
  value_type err = 0;
  if (!detail::check_retry(function, e0, r, err, pol) ||
      !detail::check_non_negative(function, "Servers must be finite and >= 0, got %1%.", x, err,
                                  pol) ||
      !detail::check_retry_solvable(function, e0, x, r, err, pol)) {
    return static_cast<result_type>(err);
  }
  const value_type total =
      detail::retry_solve(e0, x, r, function, detail::internal_policy_t<Policy>()).traffic;
  if (!(boost::math::isfinite)(total)) {
    return static_cast<result_type>(boost::math::policies::raise_overflow_error<value_type>(
        function, "The total offered traffic exceeds the largest finite value.", pol));
  }
  return static_cast<result_type>(total);
}

template <class RealE, class RealM, class RealR>
typename boost::math::tools::promote_args<RealE, RealM, RealR>::type
extended_erlang_b_offered_traffic(RealE traffic, RealM servers, RealR recall_fraction) {
  return extended_erlang_b_offered_traffic(traffic, servers, recall_fraction, default_policy());
}

/// The least whole number of servers m whose blocking with retries,
/// extended_erlang_b(traffic, m, recall_fraction), is at most target_blocking, in (0, 1).
/// No traffic needs no servers: 0.
/// The answer lies between the plain Erlang B answers for traffic and for
/// traffic / (1 - recall_fraction * target_blocking); it is found by bisection between
/// them, each step one fixed-point solve.
template <class RealE, class RealP, class RealR, class Policy>
typename boost::math::tools::promote_args<RealE, RealP, RealR>::type
extended_erlang_b_servers_for_blocking(RealE traffic, RealP target_blocking, RealR recall_fraction,
                                       const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealP, RealR>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function =
      "erlang::extended_erlang_b_servers_for_blocking<%1%>(%1%, %1%, %1%)";
  const value_type e0 = traffic;
  const value_type target = target_blocking;
  const value_type r = recall_fraction;
  value_type err = 0;
  if (!detail::check_retry(function, e0, r, err, pol) ||
      !detail::check_open_probability(function, "Blocking target must be in (0, 1), got %1%.",
                                      target, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e0 == 0) {
    return result_type(0);  // no traffic needs no servers (as servers_for_blocking)
  }
  const detail::internal_policy_t<Policy> ipol;
  // The Erlang B bounds as +infinity when beyond the largest double (reported below under
  // this function's name).
  using bound_policy = typename boost::math::policies::normalise<
      detail::internal_policy_t<Policy>,
      boost::math::policies::overflow_error<boost::math::policies::ignore_error>>::type;
  const auto top = boost::math::tools::max_value<value_type>();
  const value_type lo = servers_for_blocking(e0, target, bound_policy());
  const value_type upper_traffic = e0 / (1 - r * target);  // may overflow: then no bound
  value_type hi = upper_traffic <= top
                      ? (std::min)(servers_for_blocking(upper_traffic, target, bound_policy()), top)
                      : top;
  if (!(lo <= top)) {
    return static_cast<result_type>(
        detail::raise_count_overflow<value_type>(function, "servers", pol));
  }
  const auto meets = [&](value_type x) {
    if (!(r < 1 || e0 == 0 || e0 < x)) {
      return false;  // no fixed point: every attempt is eventually blocked
    }
    // As servers_for_blocking decides (in B, or in ln B where B is subnormal).
    const auto fixed = detail::retry_solve(e0, x, r, function, ipol);
    return fixed.blocking >= boost::math::tools::min_value<value_type>()
               ? fixed.blocking <= target
               : detail::blocking_at_most(x, fixed.traffic, target, ipol);
  };
  // The answer lies in [lo, hi]: counts below lo fail (more traffic than Erlang B's
  // offered traffic blocks more), and hi meets in exact arithmetic; where the fixed
  // point's rounding leaves its blocking just above the target, the search steps up until
  // the evaluation agrees, so that the answer is what extended_erlang_b confirms.
  const auto found =
      detail::least_count(meets, detail::prior_count(lo), hi, value_type(1), top, true);
  if (!found.found) {
    return static_cast<result_type>(
        detail::raise_count_overflow<value_type>(function, "servers", pol));
  }
  return static_cast<result_type>(found.count);
}

template <class RealE, class RealP, class RealR>
typename boost::math::tools::promote_args<RealE, RealP, RealR>::type
extended_erlang_b_servers_for_blocking(RealE traffic, RealP target_blocking,
                                       RealR recall_fraction) {
  return extended_erlang_b_servers_for_blocking(traffic, target_blocking, recall_fraction,
                                                default_policy());
}

}  // namespace erlang

#endif  // ERLANG_EXTENDED_ERLANG_B_HPP
