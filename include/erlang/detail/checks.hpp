// Argument checks shared by every public function. Errors go through Boost.Math's
// policies: the default policy throws std::domain_error whose message names the function
// and the offending value; a policy with domain_error<errno_on_error> or
// domain_error<ignore_error> makes the function return NaN instead.
#ifndef ERLANG_DETAIL_CHECKS_HPP
#define ERLANG_DETAIL_CHECKS_HPP

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/fpclassify.hpp>
#include <boost/math/tools/promotion.hpp>

#include <type_traits>

namespace erlang {

/// The default policy: domain errors throw std::domain_error.
using default_policy = boost::math::policies::policy<>;

namespace detail {

/// The type the computation runs in: float is evaluated in double (as Boost.Math does
/// under its default policy), every other type in itself.
template <class Real>
using evaluation_t = std::conditional_t<std::is_same_v<Real, float>, double, Real>;

/// The policy passed to the Boost.Math functions called internally: the caller's error
/// handling, but no promotion of double to long double (the code is written for the
/// precision it runs in).
template <class Policy>
using internal_policy_t =
    typename boost::math::policies::normalise<Policy, boost::math::policies::promote_float<false>,
                                              boost::math::policies::promote_double<false>>::type;

/// True when `holds`; otherwise raises the policy's domain error naming the argument
/// (`what`, a message whose %1% stands for the value x), stores its error result in
/// error_result and returns false. Every argument check ends here.
template <class Real, class Policy>
bool check_that(bool holds, const char* function, const char* what, const Real& x,
                Real& error_result, const Policy& pol) {
  if (holds) {
    return true;
  }
  error_result = boost::math::policies::raise_domain_error<Real>(function, what, x, pol);
  return false;
}

/// The range an argument must lie in.
enum class argument_range {
  non_negative,          ///< finite and >= 0
  positive,              ///< finite and > 0
  at_least_one,          ///< finite and >= 1
  probability,           ///< in [0, 1]
  below_one,             ///< in [0, 1), e.g. a shrinkage or a quantile's fraction
  positive_probability,  ///< in (0, 1], e.g. an occupancy to stay under
  open_probability       ///< in (0, 1), e.g. a blocking probability to reach
};

/// True when x lies in the range.
template <argument_range Range, class Real>
bool lies_in(const Real& x) {
  const bool finite = (boost::math::isfinite)(x);
  switch (Range) {
    case argument_range::non_negative:
      return finite && x >= 0;
    case argument_range::positive:
      return finite && x > 0;
    case argument_range::at_least_one:
      return finite && x >= 1;
    case argument_range::probability:
      return x >= 0 && x <= 1;
    case argument_range::below_one:
      return x >= 0 && x < 1;
    case argument_range::positive_probability:
      return x > 0 && x <= 1;
    case argument_range::open_probability:
      return x > 0 && x < 1;
  }
  return false;
}

/// A check that x lies in the range: (function, what, x, error_result, pol) as check_that.
/// The checks below are its objects, one per range.
template <argument_range Range>
struct range_check {
  template <class Real, class Policy>
  bool operator()(const char* function, const char* what, const Real& x, Real& error_result,
                  const Policy& pol) const {
    return check_that(lies_in<Range>(x), function, what, x, error_result, pol);
  }
};

inline constexpr range_check<argument_range::non_negative> check_non_negative{};
inline constexpr range_check<argument_range::positive> check_positive{};
inline constexpr range_check<argument_range::at_least_one> check_at_least_one{};
inline constexpr range_check<argument_range::probability> check_probability{};
inline constexpr range_check<argument_range::below_one> check_below_one{};
inline constexpr range_check<argument_range::positive_probability> check_positive_probability{};
inline constexpr range_check<argument_range::open_probability> check_open_probability{};

/// Checks a traffic in erlangs: finite and >= 0.
template <class Real, class Policy>
bool check_traffic(const char* function, const Real& e, Real& err, const Policy& pol) {
  return check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", e, err, pol);
}

/// Checks a mean handling time: finite and > 0.
template <class Real, class Policy>
bool check_mean_handling_time(const char* function, const Real& h, Real& err, const Policy& pol) {
  return check_positive(function, "Mean handling time must be finite and > 0, got %1%.", h, err,
                        pol);
}

/// Checks an answer time: finite and >= 0.
template <class Real, class Policy>
bool check_answer_time(const char* function, const Real& t, Real& err, const Policy& pol) {
  return check_non_negative(function, "Answer time must be finite and >= 0, got %1%.", t, err, pol);
}

/// Checks (traffic, servers) of a function of Erlang B or C, both finite and >= 0.
template <class Real, class Policy>
bool check_traffic_servers(const char* function, const Real& traffic, const Real& servers,
                           Real& err, const Policy& pol) {
  return check_traffic(function, traffic, err, pol) &&
         check_non_negative(function, "Servers must be finite and >= 0, got %1%.", servers, err,
                            pol);
}

/// Checks (traffic, servers, mean handling time): the handling time finite and > 0.
template <class Real, class Policy>
bool check_traffic_servers_time(const char* function, const Real& traffic, const Real& servers,
                                const Real& handling_time, Real& err, const Policy& pol) {
  return check_traffic_servers(function, traffic, servers, err, pol) &&
         check_mean_handling_time(function, handling_time, err, pol);
}

/// Checks a blocking probability to reach: in (0, 1).
template <class Real, class Policy>
bool check_blocking_target(const char* function, const Real& target, Real& err, const Policy& pol) {
  return check_open_probability(function, "Blocking target must be in (0, 1), got %1%.", target,
                                err, pol);
}

/// Checks a mean patience: > 0, +infinity for callers who never hang up.
template <class Real, class Policy>
bool check_mean_patience(const char* function, const Real& patience, Real& err, const Policy& pol) {
  return check_that(patience > 0, function,
                    "Mean patience must be > 0 (+infinity: no abandonment), got %1%.", patience,
                    err, pol);
}

}  // namespace detail
}  // namespace erlang

#endif  // ERLANG_DETAIL_CHECKS_HPP
