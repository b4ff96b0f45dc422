// The G/G/c mean-wait approximations of gg_c.hpp (see there for the formulas).
#ifndef ERLANG_DETAIL_GG_C_IMP_HPP
#define ERLANG_DETAIL_GG_C_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/erlang_c_imp.hpp>

#include <boost/math/policies/error_handling.hpp>
#include <boost/math/special_functions/fpclassify.hpp>

#include <cmath>
#include <limits>

namespace erlang::detail {

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

/// Which approximation of the G/G/c mean wait.
enum class gg_c_approximation { allen_cunneen, kingman, qna };

/// allen_cunneen_mean_wait, qna_mean_wait and (with servers 1) kingman_mean_wait.
template <gg_c_approximation A>
struct gg_c_mean_wait_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real rho, Real h, Real ca, Real cs,
                  const Policy& pol) const {
    return (*this)(function, rho, Real(1), h, ca, cs, pol);
  }
  template <class Real, class Policy>
  Real operator()(const char* function, Real e, Real x, Real h, Real ca, Real cs,
                  const Policy& pol) const {
    if (Real err = 0; !check_traffic_servers_time(function, e, x, h, err, pol) ||
                      !check_variation(function, ca, cs, err, pol)) {
      return err;
    }
    if (e >= x) {
      return std::numeric_limits<Real>::infinity();
    }
    if constexpr (A == gg_c_approximation::kingman) {
      // rho h / (1 - rho) in an order that does not overflow on the way for h near the
      // largest value (rho / (1 - rho) <= 2^53 in double).
      return scale_by_variability(function, e / (1 - e) * h, ca, cs, pol);
    } else {
      Real w =
          scale_by_variability(function, erlang_c_pair(x, e, pol).c * h / (x - e), ca, cs, pol);
      const Real ca2 = ca * ca;
      if (A == gg_c_approximation::qna && x == 1 && ca2 < 1 && w > 0) {
        // w > 0: rho > 0 and c_a^2 + c_s^2 > 0, so the exponent is finite.
        using std::exp;
        const Real d = 1 - ca2;
        w *= exp(-2 * (1 - e) * d * d / (3 * e * (ca2 + cs * cs)));
      }
      return w;
    }
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_GG_C_IMP_HPP
