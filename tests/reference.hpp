// High-precision reference values for the tests: the closed forms evaluated with
// Boost.Multiprecision at 50 decimal digits. Independent of the library's own algorithms
// (no recurrence, no Temme expansion, no continued fraction).
#ifndef ERLANG_TESTS_REFERENCE_HPP
#define ERLANG_TESTS_REFERENCE_HPP

#include "support/multiprecision.hpp"

#include <boost/math/special_functions/gamma.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace erlang::test {

/// ln(1/B) for integer m by the defining sum, taken from the top:
/// 1/B = (m!/E^m) sum_{i<=m} E^i/i! = sum_{j=0..m} prod_{i<j} (m - i)/E.
/// Terms rise while m - j > E and then fall; the sum stops once they are below 1e-60 of it.
inline mp log_inverse_b_sum(const mp& e, std::uint64_t m) {
  // Rescale as the terms grow so the sum never leaves the exponent range comfortably.
  mp term = 1;
  mp sum = 1;
  mp log_scale = 0;
  for (std::uint64_t j = 1; j <= m; ++j) {
    term *= mp(m - j + 1) / e;
    sum += term;
    if (term < sum * mp("1e-60") && mp(m - j) < e) {
      break;
    }
    if (sum > mp("1e1000")) {
      term /= sum;
      log_scale += log(sum);
      sum = 1;
    }
  }
  return log_scale + log(sum);
}

/// ln(1/B) for real x through the incomplete gamma function:
/// 1/B = Gamma(x+1, E) e^E / E^x = Q(x+1, E) Gamma(x+1) e^E E^-x.
inline mp log_inverse_b_gamma(const mp& e, const mp& x) {
  return log(boost::math::gamma_q(x + 1, e)) + boost::math::lgamma(x + 1) + e - x * log(e);
}

/// ln(1/B) by whichever closed form is practical: the sum for integer m unless it would
/// take more than 4e5 terms, the incomplete gamma function otherwise.
inline mp log_inverse_b(double e, double x) {
  if (x == 0) {
    return 0;
  }
  if (x == std::floor(x) && x - e < 4e5) {
    return log_inverse_b_sum(mp(e), static_cast<std::uint64_t>(x));
  }
  return log_inverse_b_gamma(mp(e), mp(x));
}

/// Erlang C from ln(1/B): 1/C = 1 + (1 - E/m)(1/B - 1) = E/m + (1 - E/m)/B.
inline mp erlang_c_from_log_inverse_b(double e, double m, const mp& log_inverse) {
  const mp rho = mp(e) / mp(m);
  return 1 / (rho + (1 - rho) * exp(log_inverse));
}

/// Relative error of a computed value against a reference (0 when both are 0).
inline double relative_error(double computed, const mp& reference) {
  if (reference == 0) {
    return computed == 0 ? 0.0 : INFINITY;
  }
  return static_cast<double>(abs((mp(computed) - reference) / reference));
}

/// The worst relative error of computed values against references in the double range
/// (magnitude above `floor`, 1e-290 unless given).
class worst_error {
 public:
  explicit worst_error(double floor = 1e-290) : floor_(floor) {}

  /// Takes relative_error(computed, reference) into the worst where the reference is in
  /// the double range.
  void add(double computed, const mp& reference) {
    if (abs(reference) > mp(floor_)) {
      worst_ = (std::max)(worst_, relative_error(computed, reference));
    }
  }

  /// add, and expects that error within a tolerance; `where` names the point in the
  /// failure message.
  void check(double computed, const mp& reference, double tolerance, const std::string& where) {
    if (abs(reference) > mp(floor_)) {
      const double err = relative_error(computed, reference);
      EXPECT_LE(err, tolerance) << where;
      worst_ = (std::max)(worst_, err);
    }
  }

  [[nodiscard]] double value() const { return worst_; }

 private:
  double floor_;
  double worst_ = 0;
};

}  // namespace erlang::test

#endif  // ERLANG_TESTS_REFERENCE_HPP
