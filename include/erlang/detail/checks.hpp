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

/// True when x is finite and x >= 0. Otherwise raises the policy's domain error, naming
/// the argument (`what`) and its value, and returns false.
template <class Real, class Policy>
bool check_non_negative(const char* function, const char* what, const Real& x, Real& error_result,
                        const Policy& pol) {
  if ((boost::math::isfinite)(x) && x >= 0) {
    return true;
  }
  error_result = boost::math::policies::raise_domain_error<Real>(function, what, x, pol);
  return false;
}

/// True when x is finite and x > 0; otherwise raises the policy's domain error.
template <class Real, class Policy>
bool check_positive(const char* function, const char* what, const Real& x, Real& error_result,
                    const Policy& pol) {
  if ((boost::math::isfinite)(x) && x > 0) {
    return true;
  }
  error_result = boost::math::policies::raise_domain_error<Real>(function, what, x, pol);
  return false;
}

/// True when 0 <= x <= 1 (a probability or a fraction); otherwise raises the domain error.
template <class Real, class Policy>
bool check_probability(const char* function, const char* what, const Real& x, Real& error_result,
                       const Policy& pol) {
  if (x >= 0 && x <= 1) {
    return true;
  }
  error_result = boost::math::policies::raise_domain_error<Real>(function, what, x, pol);
  return false;
}

/// True when 0 < x < 1 (an open-interval target such as a blocking probability to reach).
template <class Real, class Policy>
bool check_open_probability(const char* function, const char* what, const Real& x,
                            Real& error_result, const Policy& pol) {
  if (x > 0 && x < 1) {
    return true;
  }
  error_result = boost::math::policies::raise_domain_error<Real>(function, what, x, pol);
  return false;
}

/// Checks (traffic, servers) of a function of Erlang B or C, both finite and >= 0.
template <class Real, class Policy>
bool check_traffic_servers(const char* function, const Real& traffic, const Real& servers,
                           Real& err, const Policy& pol) {
  return check_non_negative(function, "Traffic must be finite and >= 0, got %1%.", traffic, err,
                            pol) &&
         check_non_negative(function, "Servers must be finite and >= 0, got %1%.", servers, err,
                            pol);
}

/// Checks (traffic, servers, mean handling time): the handling time finite and > 0.
template <class Real, class Policy>
bool check_traffic_servers_time(const char* function, const Real& traffic, const Real& servers,
                                const Real& handling_time, Real& err, const Policy& pol) {
  return check_traffic_servers(function, traffic, servers, err, pol) &&
         check_positive(function, "Mean handling time must be finite and > 0, got %1%.",
                        handling_time, err, pol);
}

}  // namespace detail
}  // namespace erlang

#endif  // ERLANG_DETAIL_CHECKS_HPP
