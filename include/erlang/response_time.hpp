// Response time (sojourn time) of the M/M/c queue: T = W + S, the wait W of an arriving
// request in the FIFO queue plus its own exponential service time S of mean h, with c
// servers and traffic E = lambda h erlangs. With C the Erlang C probability of waiting,
// mu = 1/h and a = c mu - lambda the rate of the wait's exponential part
// (P(W > t) = C e^(-a t)):
//
//   P(T > t) = (1 - C) e^(-mu t) + C (a e^(-mu t) - mu e^(-a t)) / (a - mu),
//
// with the limit (1 + C mu t) e^(-mu t) at a = mu. The functions evaluate it in a form
// without cancellation, also near a = mu (a e^(-mu t) - mu e^(-a t) = (a - mu) e^(-mu t) +
// mu e^(-mu t) (1 - e^(-(a - mu) t)), and expm1 carries the last factor divided by a - mu to
// full accuracy; see detail/response_time_imp.hpp).
//
// Times (mean service time h, the time t, the returned times) are in one unit chosen by
// the caller (seconds, milliseconds, ...); traffic in erlangs, servers real (> 0).
//
// Overload rule, as erlang_c's: when traffic >= servers the queue grows without bound;
// then P(T > t) = 1, P(T <= t) = 0, and the mean and every quantile are +infinity.
#ifndef ERLANG_RESPONSE_TIME_HPP
#define ERLANG_RESPONSE_TIME_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/response_time_imp.hpp>
#include <erlang/erlang_c.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/log1p.hpp>
#include <boost/math/tools/promotion.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

namespace erlang {
namespace detail {

template <class Real, class Policy>
bool check_response_time_arguments(const char* function, const Real& e, const Real& x,
                                   const Real& h, const Real& t, Real& err, const Policy& pol) {
  return check_traffic_servers_time(function, e, x, h, err, pol) &&
         check_non_negative(function, "Time must be finite and >= 0, got %1%.", t, err, pol);
}

}  // namespace detail

/// P(T > time): the probability that a request's response time (wait plus service)
/// exceeds `time`, in [0, 1]. mean_handling_time h > 0 (the mean service time) and time
/// >= 0 in the same unit. Overloaded (traffic >= servers): 1.
template <class RealE, class RealM, class RealH, class RealT, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type
response_time_exceedance(RealE traffic, RealM servers, RealH mean_handling_time, RealT time,
                         const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::response_time_exceedance<%1%>(%1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  const value_type t = time;
  value_type err = 0;
  if (!detail::check_response_time_arguments(function, e, x, h, t, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return result_type(1);
  }
  const detail::internal_policy_t<Policy> ipol;
  const auto w = detail::erlang_c_pair(x, e, ipol);
  const value_type s = detail::response_exceedance_units(w.c, value_type(x - e), t / h, ipol);
  return static_cast<result_type>(s < 1 ? s : value_type(1));
}

template <class RealE, class RealM, class RealH, class RealT>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type
response_time_exceedance(RealE traffic, RealM servers, RealH mean_handling_time, RealT time) {
  return response_time_exceedance(traffic, servers, mean_handling_time, time, default_policy());
}

/// P(T <= time): the fraction of requests whose response time (wait plus service) is at
/// most `time`, in [0, 1]; accurate also where it is small (short times), not formed as
/// 1 - P(T > time). Overloaded: 0.
template <class RealE, class RealM, class RealH, class RealT, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type response_time_within(
    RealE traffic, RealM servers, RealH mean_handling_time, RealT time, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::response_time_within<%1%>(%1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  const value_type t = time;
  value_type err = 0;
  if (!detail::check_response_time_arguments(function, e, x, h, t, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return result_type(0);
  }
  const detail::internal_policy_t<Policy> ipol;
  const auto w = detail::erlang_c_pair(x, e, ipol);
  return static_cast<result_type>(
      detail::response_within_units(w.c, w.one_minus_c, value_type(x - e), t / h, ipol));
}

template <class RealE, class RealM, class RealH, class RealT>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealT>::type response_time_within(
    RealE traffic, RealM servers, RealH mean_handling_time, RealT time) {
  return response_time_within(traffic, servers, mean_handling_time, time, default_policy());
}

/// Mean response time E[T] = ASA + h = C h / (m - E) + h, in the unit of
/// mean_handling_time. Overloaded: +infinity.
template <class RealE, class RealM, class RealH, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH>::type mean_response_time(
    RealE traffic, RealM servers, RealH mean_handling_time, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealH>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::mean_response_time<%1%>(%1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  value_type err = 0;
  if (!detail::check_traffic_servers_time(function, e, x, h, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (e >= x) {
    return std::numeric_limits<result_type>::infinity();
  }
  const detail::internal_policy_t<Policy> ipol;
  return static_cast<result_type>(average_speed_of_answer(e, x, h, ipol) + h);
}

template <class RealE, class RealM, class RealH>
typename boost::math::tools::promote_args<RealE, RealM, RealH>::type mean_response_time(
    RealE traffic, RealM servers, RealH mean_handling_time) {
  return mean_response_time(traffic, servers, mean_handling_time, default_policy());
}

/// The response time within which the given fraction of requests completes (a quantile of
/// T): the t with P(T <= t) = fraction, fraction in [0, 1) (0 gives 0), in the unit of
/// mean_handling_time. Found by TOMS 748 on the monotone distribution function inside the
/// analytic bracket
///   max(quantile of S, quantile of W) <= t <= quantile of W at 1 - (1 - p)/2
///                                             + quantile of S at 1 - (1 - p)/2
/// (T >= S, T >= W, and P(W + S > w + s) <= P(W > w) + P(S > s)), to full precision.
/// Overloaded: +infinity. An answer beyond the largest value of the type is an overflow
/// error.
template <class RealE, class RealM, class RealH, class RealP, class Policy>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealP>::type response_time_quantile(
    RealE traffic, RealM servers, RealH mean_handling_time, RealP fraction, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealE, RealM, RealH, RealP>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::response_time_quantile<%1%>(%1%, %1%, %1%, %1%)";
  const value_type e = traffic;
  const value_type x = servers;
  const value_type h = mean_handling_time;
  const value_type p = fraction;
  value_type err = 0;
  if (!detail::check_traffic_servers_time(function, e, x, h, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (!(p >= 0 && p < 1)) {
    return static_cast<result_type>(boost::math::policies::raise_domain_error<value_type>(
        function, "Fraction must be in [0, 1), got %1%.", p, pol));
  }
  if (e >= x) {
    return std::numeric_limits<result_type>::infinity();
  }
  if (p == 0) {
    return result_type(0);
  }
  using std::log;
  const detail::internal_policy_t<Policy> ipol;
  const auto w = detail::erlang_c_pair(x, e, ipol);
  const value_type k = x - e;
  const value_type q = 1 - p;  // exact for p >= 1/2
  // The bracket in units of h: quantiles of S (Exp(1)) and of W (atom 1 - C at 0, then
  // C e^(-k u)).
  const value_type s_quantile = -boost::math::log1p(-p, ipol);
  const value_type w_quantile = w.c > q ? log(w.c / q) / k : value_type(0);
  const value_type lo = s_quantile > w_quantile ? s_quantile : w_quantile;
  const value_type half_q = q / 2;
  const value_type hi = log(2 / q) + (w.c > half_q ? log(w.c / half_q) / k : value_type(0));
  // Below the median the distribution function itself, above it the complement (both
  // accurate where they are small): f < 0 below the quantile, > 0 above.
  const auto f = [&](const value_type& u) -> value_type {
    if (p <= value_type(0.5)) {
      return detail::response_within_units(w.c, w.one_minus_c, k, u, ipol) - p;
    }
    return q - detail::response_exceedance_units(w.c, k, u, ipol);
  };
  value_type u = 0;
  const value_type f_lo = f(lo);
  const value_type f_hi = f(hi);
  if (f_lo >= 0) {
    u = lo;
  } else if (f_hi <= 0) {
    u = hi;
  } else {
    std::uintmax_t max_iter = boost::math::policies::get_max_root_iterations<Policy>();
    const boost::math::tools::eps_tolerance<value_type> tol(
        boost::math::policies::digits<value_type, Policy>());
    const auto r = boost::math::tools::toms748_solve(f, lo, hi, f_lo, f_hi, tol, max_iter, ipol);
    if (max_iter >= boost::math::policies::get_max_root_iterations<Policy>()) {
      return static_cast<result_type>(boost::math::policies::raise_evaluation_error<value_type>(
          function, "The root finder did not converge; last bracket midpoint %1%.",
          (r.first + r.second) / 2, pol));
    }
    u = (r.first + r.second) / 2;
  }
  const value_type t = u * h;
  if (!(boost::math::isfinite)(t)) {
    return static_cast<result_type>(
        boost::math::policies::raise_overflow_error<value_type>(function, nullptr, pol));
  }
  return static_cast<result_type>(t);
}

template <class RealE, class RealM, class RealH, class RealP>
typename boost::math::tools::promote_args<RealE, RealM, RealH, RealP>::type response_time_quantile(
    RealE traffic, RealM servers, RealH mean_handling_time, RealP fraction) {
  return response_time_quantile(traffic, servers, mean_handling_time, fraction, default_policy());
}

}  // namespace erlang

#endif  // ERLANG_RESPONSE_TIME_HPP
