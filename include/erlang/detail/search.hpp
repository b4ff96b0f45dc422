// The one integer search of the staffing solvers: the least count n that meets a target,
// for a predicate `meets` that is monotone (false below the answer, true from it on).
//
//   1. Start from a bracket around an estimate (the square-root staffing estimate
//      E + beta sqrt(E) for most models): `fail` below which nothing meets, `pass` above.
//   2. Grow the bracket while `pass` does not meet: pass += step, step doubling. A search
//      that reaches `top` without meeting reports it (found = false); the solver raises an
//      overflow error when top is the largest finite value (raise_count_overflow), or a
//      domain error when top is the end of the scale the model evaluates
//      (raise_count_beyond_scale).
//   3. Narrow it: TOMS 748 on the model's continuous extension (`score`, a function of a
//      real count, < 0 exactly where the target fails) where the model has one, then
//      bisection on the integers with `meets` itself; bisection alone otherwise.
//   4. Confirm: the answer n meets and n - 1 does not (both evaluated, or n - 1 below a
//      proven lower bound).
//
// Beyond 2^53 (in double) neighbouring doubles are more than one apart: the answer is then
// the least representable whole number that meets, and the searches stop when no whole
// number lies strictly between the bounds. Templates and lambdas only: the predicates
// inline into the search.
#ifndef ERLANG_DETAIL_SEARCH_HPP
#define ERLANG_DETAIL_SEARCH_HPP

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/next.hpp>
#include <boost/math/tools/precision.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>

namespace erlang::detail {

/// Stops TOMS 748 once the bracket [lo, hi] (lo fails, hi meets) holds at most one
/// integer in (lo, hi]: the least integer that meets is then floor(lo) + 1.
struct integer_bracket_tolerance {
  template <class Real>
  bool operator()(const Real& lo, const Real& hi) const {
    using std::floor;
    return floor(hi) - floor(lo) <= 1;
  }
};

/// The model has no continuous extension: bisection on the integers only.
struct no_score {};

/// The whole number before x: x - 1, or beyond 2^53 (where every double is whole and
/// x - 1 may round back to x) the double before x.
template <class Real>
Real prior_count(Real x) {
  const Real p = x - 1;
  return p < x ? p : Real(boost::math::float_prior(x));
}

/// Least whole number in (fail, pass] with meets, for meets(pass) true and meets(fail)
/// false. When fail_evaluated is false, fail is a lower bound that was not evaluated: the
/// answer's predecessor is then confirmed by evaluating it (stepping down while it meets).
template <class Real, class Meets>
Real bisect_counts(Meets meets, Real fail, Real pass, bool fail_evaluated) {
  using std::floor;
  for (;;) {
    const Real mid = floor(fail + (pass - fail) / 2);
    if (!(mid > fail && mid < pass)) {
      break;  // neighbours (beyond 2^53: no whole number is left between them)
    }
    if (meets(mid)) {
      pass = mid;
    } else {
      fail = mid;
      fail_evaluated = true;
    }
  }
  while (!fail_evaluated && fail >= 0 && meets(fail)) {
    pass = fail;
    fail = prior_count(fail);
  }
  return pass;
}

/// Least integer n > lo with meets(n), for `meets` monotone (false below, true above).
/// score(x) is a continuous function of real x with score < 0 exactly where the target
/// fails; [lo, hi] is a bracket with score(lo) < 0 <= score(hi).
template <class Real, class Score, class Meets>
Real least_integer(Score score, Meets meets, Real lo, Real hi) {
  using std::floor;
  std::uintmax_t max_iter = 200;
  const Real s_lo = score(lo);
  const Real s_hi = score(hi);
  Real a = lo;
  Real b = hi;
  if (s_hi == 0) {
    a = floor(hi) - 1;
  } else if (s_lo < 0 && s_hi > 0 && hi * boost::math::tools::epsilon<Real>() <= 2) {
    // Beyond 2^digits the tolerance cannot be met (neighbouring values are more than 1
    // apart) and TOMS 748 interpolates across scores of wildly different size (ln B of
    // -1e173 at twice the traffic), which can make NaN: the bisection below is enough.
    const auto r = boost::math::tools::toms748_solve(score, lo, hi, s_lo, s_hi,
                                                     integer_bracket_tolerance(), max_iter);
    a = r.first;
    b = r.second;
  }
  // Integer bisection on [floor(a), ceil(b)] with `meets` itself (the root finder may stop
  // early, and rounding at the bracket's ends is settled here): O(log) evaluations.
  using std::ceil;
  Real fail = floor(a);
  Real pass = ceil(b);
  while (!meets(pass)) {  // rounding left the bracket's top just short
    fail = pass;
    pass = 2 * pass + 1;
  }
  while (fail >= 1 && meets(fail)) {  // or its bottom just past the answer
    pass = fail;
    fail = floor(fail / 2);
  }
  return bisect_counts(meets, fail, pass, true);
}

/// The outcome of least_count: the least count that meets, or found = false when no count
/// up to `top` meets.
template <class Real>
struct count_search {
  Real count;
  bool found;
};

/// Step 2 of the file comment: grows pass (step doubling, at most top) until it meets,
/// fail following it. False when top does not meet.
template <class Real, class Meets>
bool grow_until_meets(Meets& meets, Real& fail, Real& pass, Real step, Real top,
                      bool& fail_evaluated) {
  while (!meets(pass)) {
    if (pass >= top) {
      return false;
    }
    fail = pass;
    fail_evaluated = true;
    const Real next = pass + step;
    pass = next > pass ? next : Real(boost::math::float_next(pass));
    pass = pass < top ? pass : top;
    step *= 2;
  }
  return true;
}

/// The least count that meets (see the file comment). fail: a count below the answer
/// (evaluated when fail_evaluated, else a proven or estimated lower bound, confirmed at
/// the end); pass: the first count tried above it; step: the first growth step (> 0);
/// top: the largest count the search may try. With a score (see least_integer) the bracket
/// is narrowed by TOMS 748 first.
template <class Real, class Meets, class Score = no_score>
count_search<Real> least_count(Meets meets, Real fail, Real pass, Real step, Real top,
                               bool fail_evaluated, Score score = {}) {
  if (!grow_until_meets(meets, fail, pass, step, top, fail_evaluated)) {
    return {top, false};
  }
  if constexpr (std::is_same_v<Score, no_score>) {
    return {bisect_counts(meets, fail, pass, fail_evaluated), true};
  } else {
    return {least_integer(score, meets, fail, pass), true};
  }
}

/// The least count that meets where the answer is expected at `pass` or just below it,
/// every count up to `fail` failing: pass is confirmed (grown as by least_count), then
/// pass - 1, pass - 3, pass - 7, ... are tried while they meet, and the last gap bisected.
/// Two evaluations when the estimate is the answer.
template <class Real, class Meets>
count_search<Real> least_count_below(Meets meets, Real fail, Real pass, Real top) {
  bool fail_evaluated = true;
  if (!grow_until_meets(meets, fail, pass, Real(1), top, fail_evaluated)) {
    return {top, false};
  }
  for (Real down = 1;; down *= 2) {
    Real probe = pass - down;
    if (!(probe < pass)) {
      probe = prior_count(pass);  // beyond 2^53
    }
    if (!(probe > fail)) {
      break;
    }
    if (!meets(probe)) {
      fail = probe;
      break;
    }
    pass = probe;
  }
  return {bisect_counts(meets, fail, pass, true), true};
}

/// The overflow error of a search that found no count up to the largest finite value
/// (`what`: "servers" or "agents").
template <class Real, class Policy>
Real raise_count_overflow(const char* function, const char* what, const Policy& pol) {
  const std::string message =
      std::string("The ") + what + " needed exceed the largest finite value.";
  return boost::math::policies::raise_overflow_error<Real>(function, message.c_str(), pol);
}

/// The domain error of a search that found no count up to the end of the scale the model
/// evaluates (`scale`: what ends it), top the last count tried.
template <class Real, class Policy>
Real raise_count_beyond_scale(const char* function, const char* scale, const Real& top,
                              const Policy& pol) {
  const std::string message = std::string(
                                  "The targets need more agents than the evaluated "
                                  "scale allows (") +
                              scale + "): more than %1% agents.";
  return boost::math::policies::raise_domain_error<Real>(function, message.c_str(), top, pol);
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_SEARCH_HPP
