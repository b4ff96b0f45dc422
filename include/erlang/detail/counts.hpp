// Checks and helpers for whole-number arguments (sources, servers, capacities). The
// integer search of the staffing solvers is in search.hpp.
#ifndef ERLANG_DETAIL_COUNTS_HPP
#define ERLANG_DETAIL_COUNTS_HPP

#include <erlang/detail/checks.hpp>

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
  return check_that(
      (boost::math::isfinite)(x) && x >= min_value && x <= Real(max_count) && floor(x) == x,
      function, what, x, error_result, pol);
}

/// Checks a number of waiting places: a whole number >= 0, or +infinity (no limit).
template <class Real, class Policy>
bool check_waiting_places_or_infinity(const char* function, const Real& n, Real& err,
                                      const Policy& pol) {
  return n == std::numeric_limits<Real>::infinity() ||
         check_count(function, "Waiting places must be an integer >= 0 or infinity, got %1%.", n,
                     0U, err, pol);
}

/// A checked count as an unsigned integer.
template <class Real>
std::uint64_t to_count(const Real& x) {
  return static_cast<std::uint64_t>(x);
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_COUNTS_HPP
