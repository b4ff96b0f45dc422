// Checks and helpers for whole-number arguments (sources, servers, capacities) and the
// integer searches of the staffing solvers.
#ifndef ERLANG_DETAIL_COUNTS_HPP
#define ERLANG_DETAIL_COUNTS_HPP

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/fpclassify.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

namespace erlang::detail {

/// Largest count accepted: 2^53, beyond which doubles no longer hold every integer.
inline constexpr double max_count = 9007199254740992.0;

/// True when x is an integer with min_value <= x <= 2^53; otherwise raises the policy's
/// domain error naming the argument (`what`) and its value, and returns false.
template <class Real, class Policy>
bool check_count(const char* function, const char* what, const Real& x, unsigned min_value,
                 Real& error_result, const Policy& pol) {
  using std::floor;
  if ((boost::math::isfinite)(x) && x >= min_value && x <= Real(max_count) && floor(x) == x) {
    return true;
  }
  error_result = boost::math::policies::raise_domain_error<Real>(function, what, x, pol);
  return false;
}

/// A checked count as an unsigned integer.
template <class Real>
std::uint64_t to_count(const Real& x) {
  return static_cast<std::uint64_t>(x);
}

/// The least n in [lo, hi] with meets(n) true, for a predicate that is monotone (false up
/// to some n*, true from n* on) and true at hi. O(log(hi - lo)) calls.
template <class Predicate>
std::uint64_t least_meeting(std::uint64_t lo, std::uint64_t hi, Predicate meets) {
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (meets(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

/// The least n >= lo with meets(n) true, for a monotone predicate that becomes true below
/// `limit`: steps of `step`, doubling, to bracket the answer, then bisection. Returns
/// `limit` + 1 when meets(limit) is false.
template <class Predicate>
std::uint64_t least_meeting_from(std::uint64_t lo, std::uint64_t step, std::uint64_t limit,
                                 Predicate meets) {
  if (lo > limit) {
    return limit + 1;
  }
  if (step == 0) {
    step = 1;
  }
  std::uint64_t known_false = lo;  // first candidate; tested below
  if (meets(lo)) {
    return lo;
  }
  for (;;) {
    const std::uint64_t probe = (limit - known_false > step) ? known_false + step : limit;
    if (meets(probe)) {
      return least_meeting(known_false + 1, probe, meets);
    }
    if (probe == limit) {
      return limit + 1;
    }
    known_false = probe;
    step = step > std::numeric_limits<std::uint64_t>::max() / 2 ? step : 2 * step;
  }
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_COUNTS_HPP
