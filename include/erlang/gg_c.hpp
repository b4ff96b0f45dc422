// G/G/c mean waiting time: two-moment APPROXIMATIONS for queues whose interarrival and
// service times are not exponential, from the traffic E = lambda h, the servers c, the mean
// service time h and the coefficients of variation (standard deviation / mean) c_a of the
// interarrival times and c_s of the service times. They are approximations, not exact
// results, except in the special cases named below; their error depends on the
// distributions beyond the first two moments.
//
//   Allen-Cunneen:  Wq ~ Wq(M/M/c) (c_a^2 + c_s^2) / 2, Wq(M/M/c) = C h / (c - E) the
//                   Erlang C mean wait (average_speed_of_answer). Exact for M/M/c
//                   (c_a = c_s = 1) and, with c_a = 1 and c = 1, equal to the
//                   Pollaczek-Khinchine formula of M/G/1: rho h (1 + c_s^2) / (2 (1 - rho)).
//   Kingman:        one server, rho = E < 1: Wq ~ (rho / (1 - rho)) ((c_a^2 + c_s^2) / 2) h
//                   (Kingman's heavy-traffic approximation; the Allen-Cunneen formula at
//                   c = 1). Exact for M/M/1 and Pollaczek-Khinchine for c_a = 1.
//   QNA:            W. Whitt, "The Queueing Network Analyzer", Bell System Technical
//                   Journal 62(9), 1983, pp. 2779-2815, its approximations for the mean wait
//                   at one node: for one server
//                     Wq ~ h rho (c_a^2 + c_s^2) g / (2 (1 - rho)),
//                     g = exp(-2 (1 - rho) (1 - c_a^2)^2 / (3 rho (c_a^2 + c_s^2)))  (c_a^2 < 1),
//                     g = 1                                                            (c_a^2 >=
//                     1),
//                   the correction of Kraemer and Langenbach-Belz (1976) for smooth arrivals,
//                   which QNA adopts for c_a^2 < 1 only; for c > 1 servers QNA uses
//                   Wq ~ ((c_a^2 + c_s^2) / 2) Wq(M/M/c), the Allen-Cunneen form. Exact for
//                   M/M/c and, at c = 1 and c_a = 1 (g = 1), Pollaczek-Khinchine.
//
// Times (h and the returned waits) in one unit chosen by the caller. Overload rule, as
// erlang_c's: traffic >= servers gives +infinity. Coefficients of variation must be finite
// and >= 0 (0: deterministic).
#ifndef ERLANG_GG_C_HPP
#define ERLANG_GG_C_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/erlang_c.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/fpclassify.hpp>
#include <boost/math/tools/promotion.hpp>

#include <cmath>
#include <limits>

namespace erlang {
namespace detail {

template <class Real, class Policy>
bool check_variation(const char* function, const Real& ca, const Real& cs, Real& err,
                     const Policy& pol) {
  return check_non_negative(
             function,
             "Coefficient of variation of the interarrival times must be finite and >= 0, got %1%.",
             ca, err, pol) &&
         check_non_negative(
             function,
             "Coefficient of variation of the service times must be finite and >= 0, got %1%.", cs,
             err, pol);
}

/// (c_a^2 + c_s^2) / 2 times base, or an overflow error when that is beyond the type's range
/// (base finite).
template <class Real, class Policy>
Real scale_by_variability(const char* function, const Real& base, const Real& ca, const Real& cs,
                          const Policy& pol) {
  const Real variability = (ca * ca + cs * cs) / 2;
  if (variability == 0 || base == 0) {
    return 0;
  }
  Real w = base * variability;
  if (!(boost::math::isfinite)(w)) {
    return boost::math::policies::raise_overflow_error<Real>(function, nullptr, pol);
  }
  return w;
}

}  // namespace detail

/// Allen-Cunneen approximation of the mean wait in G/G/c (all requests, in the unit of
/// mean_handling_time): Wq(M/M/c) (c_a^2 + c_s^2) / 2. An approximation (see the header's
/// notes); exact for M/M/c and for M/G/1 (Pollaczek-Khinchine). Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class RealA, class RealS, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealA, RealS>::type
allen_cunneen_mean_wait(RealE traffic, RealM servers, RealH mean_handling_time, RealA cv_arrival,
                        RealS cv_service, const Policy& pol) {
  using result_type =
      typename boost::math::tools::promote_args<RealE, RealM, RealH, RealA, RealS>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::allen_cunneen_mean_wait<%1%>(%1%, %1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  const value_type ca = cv_arrival;
  const value_type cs = cv_service;
  value_type err = 0;
  if (!detail::check_traffic_servers_time(function, e, x, h, err, pol) ||
      !detail::check_variation(function, ca, cs, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return std::numeric_limits<result_type>::infinity();
  }
  const detail::internal_policy_t<Policy> ipol;
  return static_cast<result_type>(
      detail::scale_by_variability(function, average_speed_of_answer(e, x, h, ipol), ca, cs, pol));
}

template <class RealE, class RealM, class RealH, class RealA, class RealS>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealA, RealS>::type
allen_cunneen_mean_wait(RealE traffic, RealM servers, RealH mean_handling_time, RealA cv_arrival,
                        RealS cv_service) {
  return allen_cunneen_mean_wait(traffic, servers, mean_handling_time, cv_arrival, cv_service,
                                 default_policy());
}

/// Kingman's approximation of the mean wait in G/G/1: (rho / (1 - rho)) ((c_a^2 + c_s^2) / 2) h
/// with rho = traffic = lambda h (the utilisation of the one server), in the unit of
/// mean_handling_time. An approximation; exact for M/M/1 and M/G/1 (c_a = 1).
/// traffic >= 1: +infinity.
template <class RealE, class RealH, class RealA, class RealS, class Policy>
typename boost::math::tools::promote_args<RealE, RealH, RealA, RealS>::type kingman_mean_wait(
    RealE traffic, RealH mean_handling_time, RealA cv_arrival, RealS cv_service,
    const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealH, RealA, RealS>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::kingman_mean_wait<%1%>(%1%, %1%, %1%, %1%)";
  const value_type rho = traffic;
  const value_type h = mean_handling_time;
  const value_type ca = cv_arrival;
  const value_type cs = cv_service;
  value_type err = 0;
  if (!detail::check_traffic_servers_time(function, rho, value_type(1), h, err, pol) ||
      !detail::check_variation(function, ca, cs, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (rho >= 1) {
    return std::numeric_limits<result_type>::infinity();
  }
  // rho h / (1 - rho) in an order that does not overflow on the way for h near the largest
  // value (rho / (1 - rho) <= 2^53 in double).
  const value_type base = rho / (1 - rho) * h;
  return static_cast<result_type>(detail::scale_by_variability(function, base, ca, cs, pol));
}

template <class RealE, class RealH, class RealA, class RealS>
typename boost::math::tools::promote_args<RealE, RealH, RealA, RealS>::type kingman_mean_wait(
    RealE traffic, RealH mean_handling_time, RealA cv_arrival, RealS cv_service) {
  return kingman_mean_wait(traffic, mean_handling_time, cv_arrival, cv_service, default_policy());
}

/// Whitt's QNA approximation of the mean wait in G/G/c (1983; the formulas are in the
/// header's notes): for servers == 1 the Kraemer and Langenbach-Belz factor g
/// refines Kingman's formula for smooth arrivals (c_a < 1); otherwise it is the
/// Allen-Cunneen form. An approximation; exact for M/M/c and for M/G/1.
/// Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class RealA, class RealS, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealA, RealS>::type qna_mean_wait(
    RealE traffic, RealM servers, RealH mean_handling_time, RealA cv_arrival, RealS cv_service,
    const Policy& pol) {
  using result_type =
      typename boost::math::tools::promote_args<RealE, RealM, RealH, RealA, RealS>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::qna_mean_wait<%1%>(%1%, %1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  const value_type ca = cv_arrival;
  const value_type cs = cv_service;
  value_type err = 0;
  if (!detail::check_traffic_servers_time(function, e, x, h, err, pol) ||
      !detail::check_variation(function, ca, cs, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return std::numeric_limits<result_type>::infinity();
  }
  const detail::internal_policy_t<Policy> ipol;
  const value_type base = average_speed_of_answer(e, x, h, ipol);
  value_type w = detail::scale_by_variability(function, base, ca, cs, pol);
  const value_type ca2 = ca * ca;
  if (x == 1 && ca2 < 1 && w > 0) {
    // w > 0: rho > 0 and c_a^2 + c_s^2 > 0, so the exponent is finite.
    using std::exp;
    const value_type d = 1 - ca2;
    w *= exp(-2 * (1 - e) * d * d / (3 * e * (ca2 + cs * cs)));
  }
  return static_cast<result_type>(w);
}

template <class RealE, class RealM, class RealH, class RealA, class RealS>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealA, RealS>::type qna_mean_wait(
    RealE traffic, RealM servers, RealH mean_handling_time, RealA cv_arrival, RealS cv_service) {
  return qna_mean_wait(traffic, servers, mean_handling_time, cv_arrival, cv_service,
                       default_policy());
}

}  // namespace erlang

#endif  // ERLANG_GG_C_HPP
