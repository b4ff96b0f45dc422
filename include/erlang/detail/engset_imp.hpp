// The Engset recurrences and the imps of engset.hpp (see there for the model).
#ifndef ERLANG_DETAIL_ENGSET_IMP_HPP
#define ERLANG_DETAIL_ENGSET_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/measures.hpp>

#include <boost/math/policies/error_handling.hpp>

#include <cstdint>

namespace erlang::detail {

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
Real engset_time_congestion_of(Real beta, std::uint64_t sources, std::uint64_t servers) {
  if (servers > sources) {
    return Real(0);
  }
  return 1 / engset_inverse_time_congestion(beta, sources, servers).r;
}

/// Call congestion: the time congestion seen with one source fewer.
template <class Real>
Real engset_call_congestion_of(Real beta, std::uint64_t sources, std::uint64_t servers) {
  return engset_time_congestion_of(beta, sources - 1, servers);
}

/// Traffic congestion C = B / (1 + beta (1 - B)) = 1 / (r + beta (r - 1)) with r = 1/B the
/// reciprocal call congestion (S - 1 sources): positive terms only.
template <class Real>
Real engset_traffic_from_reciprocal(Real beta, const engset_reciprocal<Real>& call) {
  return 1 / (call.r + beta * call.excess);
}

/// Traffic congestion for any n >= 0, beta > 0.
template <class Real>
Real engset_traffic_congestion_of(Real beta, std::uint64_t sources, std::uint64_t servers) {
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

/// Checks (beta, sources) of the functions without servers.
template <class Real, class Policy>
bool check_beta_sources(const char* function, const Real& beta, const Real& sources, Real& err,
                        const Policy& pol) {
  return check_non_negative(function, "Traffic per idle source must be finite and >= 0, got %1%.",
                            beta, err, pol) &&
         check_count(function, "Sources must be an integer >= 1, got %1%.", sources, 1U, err, pol);
}

/// engset_time_congestion, engset_call_congestion, engset_traffic_congestion.
template <engset_measure Measure>
struct engset_congestion_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real beta, Real s, Real n, const Policy& pol) const {
    if (Real err = 0; !check_engset(function, beta, s, n, err, pol)) {
      return err;
    }
    if (beta == 0) {
      return engset_no_traffic<Real>(to_count(n));
    }
    if constexpr (Measure == engset_measure::time_congestion) {
      return engset_time_congestion_of(beta, to_count(s), to_count(n));
    } else if constexpr (Measure == engset_measure::call_congestion) {
      return engset_call_congestion_of(beta, to_count(s), to_count(n));
    } else {
      return engset_traffic_congestion_of(beta, to_count(s), to_count(n));
    }
  }
};

struct engset_traffic_per_idle_source_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real a, Real s, const Policy& pol) const {
    if (Real err = 0;
        !check_count(function, "Sources must be an integer >= 1, got %1%.", s, 1U, err, pol) ||
        !check_non_negative(function, "Offered traffic must be finite and >= 0, got %1%.", a, err,
                            pol) ||
        !check_that(a < s, function,
                    "Offered traffic must be below the number of sources, got %1%.", a, err, pol)) {
      return err;
    }
    return a / (s - a);
  }
};

struct engset_offered_traffic_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real beta, Real s, const Policy& pol) const {
    if (Real err = 0; !check_beta_sources(function, beta, s, err, pol)) {
      return err;
    }
    // s / (1 + 1/beta) for beta > 1: s beta overflows near the largest double.
    return beta > 1 ? s / (1 + 1 / beta) : s * beta / (1 + beta);
  }
};

struct engset_servers_for_blocking_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real beta, Real s, Real target, engset_measure measure,
                  const Policy& pol) const {
    if (Real err = 0; !check_beta_sources(function, beta, s, err, pol) ||
                      !check_blocking_target(function, target, err, pol)) {
      return err;
    }
    if (beta == 0) {
      return 0;  // no traffic needs no servers (as servers_for_blocking)
    }
    const std::uint64_t big_s = to_count(s);
    // Step both recurrences (S and S - 1 sources) one server at a time.
    Real r_time = 1;                     // 1 / E(S, n)
    engset_reciprocal<Real> call{1, 0};  // 1 / E(S - 1, n)
    for (std::uint64_t n = 0;; ++n) {
      if (n > 0) {
        const auto x = static_cast<Real>(n);
        r_time = 1 + r_time * (x / (static_cast<Real>(big_s - n + 1) * beta));
        if (n < big_s) {
          call.excess = call.r * (x / (static_cast<Real>(big_s - n) * beta));
          call.r = 1 + call.excess;
        }
      }
      Real value = 0;
      if (measure == engset_measure::time_congestion) {
        value = 1 / r_time;
      } else if (n < big_s) {
        value = measure == engset_measure::call_congestion
                    ? 1 / call.r
                    : engset_traffic_from_reciprocal(beta, call);
      }
      if (value <= target) {
        return static_cast<Real>(n);
      }
      if (n == big_s) {
        return static_cast<Real>(big_s + 1);  // time congestion alpha^S above target
      }
    }
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_ENGSET_IMP_HPP
