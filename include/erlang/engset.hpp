// Engset: a loss system with a finite population. S sources each alternate between idle
// periods (exponential, rate gamma) and calls (mean holding time h, mu = 1/h); n servers;
// a call that finds all n busy is lost and its source goes back to idle. The offered
// traffic per idle source is beta = gamma / mu = gamma h. The number of busy servers has
// the truncated binomial distribution
//
//   p(i) = C(S, i) beta^i / sum_{k=0..n} C(S, k) beta^k,   i = 0..n.
//
// Three measures of blocking (Iversen, "Teletraffic Engineering and Network Planning",
// DTU 2015, chapter 8):
//   time congestion     E = p(n), the fraction of time all servers are busy;
//   call congestion     B = the fraction of call attempts that are lost, which equals the
//                       time congestion of the same system with S - 1 sources;
//   traffic congestion  C = (A - Y) / A, the fraction of the offered traffic that is lost,
//                       with A = S beta / (1 + beta) and Y the carried traffic; C equals
//                       B / (1 + beta (1 - B)).
// Offered traffic (Iversen 8.2): a source that is never blocked is busy a fraction
// alpha = beta / (1 + beta) of the time, so the total offered traffic is A = S alpha;
// beta = A / (S - A) converts back (engset_traffic_per_idle_source).
//
// Evaluated with the recurrence 1/E_x = 1 + (x / ((S - x + 1) beta)) / E_{x-1}, E_0 = 1: a
// sum of positive terms, so rounding errors do not grow; no powers or factorials.
// O(min(n, S)) time. E with n >= S + 1 servers is 0; with n = S it is alpha^S.
// Sources and servers are whole numbers (up to 2^53).
#ifndef ERLANG_ENGSET_HPP
#define ERLANG_ENGSET_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>

#include <cstdint>

namespace erlang {

/// Which blocking probability an Engset solver targets.
enum class engset_measure { time_congestion, call_congestion, traffic_congestion };

namespace detail {

/// 1/E(S, n) = 1 + excess by the reciprocal recurrence, n <= S, with the excess (1/E - 1)
/// kept separately so that 1 - E = excess / (1 + excess) carries no cancellation. Both may
/// be +inf (E below the smallest positive value).
template <class Real>
struct engset_reciprocal {
  Real r;
  Real excess;
};

template <class Real>
engset_reciprocal<Real> engset_inverse_time_congestion(Real beta, std::uint64_t sources,
                                                       std::uint64_t servers) {
  Real r = 1;
  Real excess = 0;
  for (std::uint64_t x = 1; x <= servers; ++x) {
    excess = r * (static_cast<Real>(x) / (static_cast<Real>(sources - x + 1) * beta));
    r = 1 + excess;
  }
  return {r, excess};
}

/// Time congestion E(S, n) for any n >= 0, beta > 0.
template <class Real>
Real engset_time_congestion_imp(Real beta, std::uint64_t sources, std::uint64_t servers) {
  if (servers > sources) {
    return Real(0);
  }
  return 1 / engset_inverse_time_congestion(beta, sources, servers).r;
}

/// Call congestion: the time congestion seen with one source fewer.
template <class Real>
Real engset_call_congestion_imp(Real beta, std::uint64_t sources, std::uint64_t servers) {
  return engset_time_congestion_imp(beta, sources - 1, servers);
}

/// Traffic congestion C = B / (1 + beta (1 - B)) = 1 / (r + beta (r - 1)) with r = 1/B the
/// reciprocal call congestion (S - 1 sources): positive terms only.
template <class Real>
Real engset_traffic_from_reciprocal(Real beta, const engset_reciprocal<Real>& call) {
  return 1 / (call.r + beta * call.excess);
}

/// Traffic congestion for any n >= 0, beta > 0.
template <class Real>
Real engset_traffic_congestion_imp(Real beta, std::uint64_t sources, std::uint64_t servers) {
  if (servers >= sources) {
    return Real(0);
  }
  return engset_traffic_from_reciprocal(beta,
                                        engset_inverse_time_congestion(beta, sources - 1, servers));
}

/// Shared checks of (beta, sources, servers). beta = 0 is allowed (no traffic).
template <class Real, class Policy>
bool check_engset(const char* function, const Real& beta, const Real& sources, const Real& servers,
                  Real& err, const Policy& pol) {
  return check_non_negative(function, "Traffic per idle source must be finite and >= 0, got %1%.",
                            beta, err, pol) &&
         check_count(function, "Sources must be an integer >= 1, got %1%.", sources, 1U, err,
                     pol) &&
         check_count(function, "Servers must be an integer >= 0, got %1%.", servers, 0U, err, pol);
}

/// Blocking with no traffic: 1 with no servers, 0 otherwise.
template <class Real>
Real engset_no_traffic(std::uint64_t servers) {
  return servers == 0 ? Real(1) : Real(0);
}

}  // namespace detail

/// Offered traffic per idle source, beta = A / (S - A), from the total offered traffic A
/// (erlangs, 0 <= A < S) of S sources: the inverse of A = S beta / (1 + beta).
template <class RealA, class RealS, class Policy>
typename boost::math::tools::promote_args<RealA, RealS>::type engset_traffic_per_idle_source(
    RealA offered_traffic, RealS sources, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealA, RealS>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::engset_traffic_per_idle_source<%1%>(%1%, %1%)";
  const value_type a = offered_traffic;
  const value_type s = sources;
  value_type err = 0;
  if (!detail::check_count(function, "Sources must be an integer >= 1, got %1%.", s, 1U, err,
                           pol) ||
      !detail::check_non_negative(function, "Offered traffic must be finite and >= 0, got %1%.", a,
                                  err, pol)) {
    return static_cast<result_type>(err);
  }
  if (!(a < s)) {
    return static_cast<result_type>(boost::math::policies::raise_domain_error<value_type>(
        function, "Offered traffic must be below the number of sources, got %1%.", a, pol));
  }
  return static_cast<result_type>(a / (s - a));
}

template <class RealA, class RealS>
typename boost::math::tools::promote_args<RealA, RealS>::type engset_traffic_per_idle_source(
    RealA offered_traffic, RealS sources) {
  return engset_traffic_per_idle_source(offered_traffic, sources, default_policy());
}

/// Total offered traffic A = S beta / (1 + beta) (erlangs) of S sources offering beta each
/// while idle.
template <class RealB, class RealS, class Policy>
typename boost::math::tools::promote_args<RealB, RealS>::type engset_offered_traffic(
    RealB traffic_per_idle_source, RealS sources, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealB, RealS>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::engset_offered_traffic<%1%>(%1%, %1%)";
  const value_type beta = traffic_per_idle_source;
  const value_type s = sources;
  value_type err = 0;
  if (!detail::check_non_negative(
          function, "Traffic per idle source must be finite and >= 0, got %1%.", beta, err, pol) ||
      !detail::check_count(function, "Sources must be an integer >= 1, got %1%.", s, 1U, err,
                           pol)) {
    return static_cast<result_type>(err);
  }
  // s / (1 + 1/beta) for beta > 1: s beta overflows near the largest double.
  return static_cast<result_type>(beta > 1 ? s / (1 + 1 / beta) : s * beta / (1 + beta));
}

template <class RealB, class RealS>
typename boost::math::tools::promote_args<RealB, RealS>::type engset_offered_traffic(
    RealB traffic_per_idle_source, RealS sources) {
  return engset_offered_traffic(traffic_per_idle_source, sources, default_policy());
}

/// Time congestion E: the fraction of time all servers are busy, in [0, 1].
/// traffic_per_idle_source beta >= 0; sources S >= 1 and servers n >= 0 whole numbers.
template <class RealB, class RealS, class RealN, class Policy>
typename boost::math::tools::promote_args<RealB, RealS, RealN>::type engset_time_congestion(
    RealB traffic_per_idle_source, RealS sources, RealN servers, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealB, RealS, RealN>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::engset_time_congestion<%1%>(%1%, %1%, %1%)";
  const value_type beta = traffic_per_idle_source;
  const value_type s = sources;
  const value_type n = servers;
  value_type err = 0;
  if (!detail::check_engset(function, beta, s, n, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (beta == 0) {
    return static_cast<result_type>(detail::engset_no_traffic<value_type>(detail::to_count(n)));
  }
  return static_cast<result_type>(
      detail::engset_time_congestion_imp(beta, detail::to_count(s), detail::to_count(n)));
}

template <class RealB, class RealS, class RealN>
typename boost::math::tools::promote_args<RealB, RealS, RealN>::type engset_time_congestion(
    RealB traffic_per_idle_source, RealS sources, RealN servers) {
  return engset_time_congestion(traffic_per_idle_source, sources, servers, default_policy());
}

/// Call congestion B: the fraction of call attempts that find all servers busy, in [0, 1];
/// the time congestion of the same system with one source fewer. Arguments as for
/// engset_time_congestion.
template <class RealB, class RealS, class RealN, class Policy>
typename boost::math::tools::promote_args<RealB, RealS, RealN>::type engset_call_congestion(
    RealB traffic_per_idle_source, RealS sources, RealN servers, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealB, RealS, RealN>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::engset_call_congestion<%1%>(%1%, %1%, %1%)";
  const value_type beta = traffic_per_idle_source;
  const value_type s = sources;
  const value_type n = servers;
  value_type err = 0;
  if (!detail::check_engset(function, beta, s, n, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (beta == 0) {
    return static_cast<result_type>(detail::engset_no_traffic<value_type>(detail::to_count(n)));
  }
  return static_cast<result_type>(
      detail::engset_call_congestion_imp(beta, detail::to_count(s), detail::to_count(n)));
}

template <class RealB, class RealS, class RealN>
typename boost::math::tools::promote_args<RealB, RealS, RealN>::type engset_call_congestion(
    RealB traffic_per_idle_source, RealS sources, RealN servers) {
  return engset_call_congestion(traffic_per_idle_source, sources, servers, default_policy());
}

/// Traffic congestion C: the fraction of the offered traffic A = S beta / (1 + beta) that
/// is lost, (A - carried) / A, in [0, 1]; C = B / (1 + beta (1 - B)) <= B. Arguments as
/// for engset_time_congestion.
template <class RealB, class RealS, class RealN, class Policy>
typename boost::math::tools::promote_args<RealB, RealS, RealN>::type engset_traffic_congestion(
    RealB traffic_per_idle_source, RealS sources, RealN servers, const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealB, RealS, RealN>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::engset_traffic_congestion<%1%>(%1%, %1%, %1%)";
  const value_type beta = traffic_per_idle_source;
  const value_type s = sources;
  const value_type n = servers;
  value_type err = 0;
  if (!detail::check_engset(function, beta, s, n, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (beta == 0) {
    return static_cast<result_type>(detail::engset_no_traffic<value_type>(detail::to_count(n)));
  }
  return static_cast<result_type>(
      detail::engset_traffic_congestion_imp(beta, detail::to_count(s), detail::to_count(n)));
}

template <class RealB, class RealS, class RealN>
typename boost::math::tools::promote_args<RealB, RealS, RealN>::type engset_traffic_congestion(
    RealB traffic_per_idle_source, RealS sources, RealN servers) {
  return engset_traffic_congestion(traffic_per_idle_source, sources, servers, default_policy());
}

/// The least number of servers n whose blocking (the chosen measure, call congestion by
/// default) is at most target_blocking, in (0, 1). Returns a whole number in [0, S + 1]
/// (S + 1 only for a time-congestion target below alpha^S); no traffic needs no servers:
/// 0. O(n) time.
template <class RealB, class RealS, class RealP, class Policy>
typename boost::math::tools::promote_args<RealB, RealS, RealP>::type engset_servers_for_blocking(
    RealB traffic_per_idle_source, RealS sources, RealP target_blocking, engset_measure measure,
    const Policy& pol) {
  using result_type = typename boost::math::tools::promote_args<RealB, RealS, RealP>::type;
  using value_type = detail::evaluation_t<result_type>;
  static const char* function = "erlang::engset_servers_for_blocking<%1%>(%1%, %1%, %1%)";
  const value_type beta = traffic_per_idle_source;
  const value_type s = sources;
  const value_type target = target_blocking;
  value_type err = 0;
  if (!detail::check_non_negative(
          function, "Traffic per idle source must be finite and >= 0, got %1%.", beta, err, pol) ||
      !detail::check_count(function, "Sources must be an integer >= 1, got %1%.", s, 1U, err,
                           pol) ||
      !detail::check_open_probability(function, "Blocking target must be in (0, 1), got %1%.",
                                      target, err, pol)) {
    return static_cast<result_type>(err);
  }
  if (beta == 0) {
    return result_type(0);  // no traffic needs no servers (as servers_for_blocking)
  }
  const std::uint64_t big_s = detail::to_count(s);
  // Step both recurrences (S and S - 1 sources) one server at a time.
  value_type r_time = 1;                             // 1 / E(S, n)
  detail::engset_reciprocal<value_type> call{1, 0};  // 1 / E(S - 1, n)
  for (std::uint64_t n = 0;; ++n) {
    if (n > 0) {
      const auto x = static_cast<value_type>(n);
      r_time = 1 + r_time * (x / (static_cast<value_type>(big_s - n + 1) * beta));
      if (n < big_s) {
        call.excess = call.r * (x / (static_cast<value_type>(big_s - n) * beta));
        call.r = 1 + call.excess;
      }
    }
    value_type value = 0;
    if (measure == engset_measure::time_congestion) {
      value = 1 / r_time;
    } else if (n < big_s) {
      value = measure == engset_measure::call_congestion
                  ? 1 / call.r
                  : detail::engset_traffic_from_reciprocal(beta, call);
    }
    if (value <= target) {
      return static_cast<result_type>(n);
    }
    if (n == big_s) {
      return static_cast<result_type>(big_s + 1);  // time congestion alpha^S above target
    }
  }
}

template <class RealB, class RealS, class RealP>
typename boost::math::tools::promote_args<RealB, RealS, RealP>::type engset_servers_for_blocking(
    RealB traffic_per_idle_source, RealS sources, RealP target_blocking,
    engset_measure measure = engset_measure::call_congestion) {
  return engset_servers_for_blocking(traffic_per_idle_source, sources, target_blocking, measure,
                                     default_policy());
}

}  // namespace erlang

#endif  // ERLANG_ENGSET_HPP
