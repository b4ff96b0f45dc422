// Fuzz target: every public library function against its documented contract, for double
// and float arguments, under the default policy (domain errors throw) and under a policy
// that asks for NaN instead.
//
// Contract checked on every input:
//   - a domain error (std::domain_error naming the function and the value) exactly when an
//     argument is outside the documented domain, and no other exception ever;
//   - with domain_error<ignore_error>: NaN for bad input, the default result otherwise;
//   - probabilities (erlang_b, erlang_c, service_level, occupancy) in [0, 1], never NaN;
//     log_erlang_b <= 0 and finite wherever B > 0 is representable in its log;
//   - waits, queue lengths and quantiles >= 0, +inf when overloaded (traffic >= servers),
//     +inf otherwise only when the true value overflows;
//   - the overload rule: C = 1, service level 0, waits and queue +inf, occupancy 1;
//   - B >= 1 - servers/traffic (the carried traffic E (1 - B) is at most the servers);
//   - relations that hold exactly in floating point: B <= C, service level rising with the
//     answer time, ASA <= mean wait of delayed calls, occupancy = E/m; and ones that hold
//     to a few ulps: ln(erlang_b) = log_erlang_b, service level at t = 0 is 1 - C,
//     service level at the wait_time_quantile for p is p.
// A violation prints the function, the arguments (exactly, in %a) and the result, and
// aborts, which libFuzzer reports as a crash.
//
// Input layout: byte 0 selects how the rest is decoded (low two bits) and carries flags;
//   mode 0: five raw IEEE doubles (traffic, servers, handling time, answer time, fraction),
//           any bit pattern: NaN, infinities, negative zero, subnormals;
//   mode 1: near the critical load: traffic 1e-8 .. 1e12 (log scale), servers =
//           traffic + z sqrt(traffic) with |z| <= 32, then times, fraction;
//   mode 2: at the implementation's region borders: servers 1e-3 .. 1e12, traffic =
//           (servers + 1) * ratio with ratio in {0.6, 1.4, 1, 0.5, 2, ...} nudged by a few
//           ulps;
//   mode 3: raw doubles folded into the valid domain (absolute values, fraction mod 1).
// Flag bit 2 rounds servers down to an integer; bit 3 sets the answer time to 0.
// Missing bytes read as zero.
#include "byte_reader.hpp"

#include <erlang/erlang.hpp>

#include <boost/math/policies/policy.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace {

using nan_policy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>>;

struct arguments {
  double traffic = 0;
  double servers = 0;
  double handling_time = 0;
  double answer_time = 0;
  double fraction = 0;
};

using erlang::fuzz::byte_reader;

/// Handling time, answer time and fraction on scales where the measures vary.
void decode_times(byte_reader& in, arguments& a) {
  a.handling_time = std::pow(10.0, -4 + 10 * in.unit());
  a.answer_time = a.handling_time * std::pow(10.0, -6 + 10 * in.unit());
  a.fraction = in.next<std::uint16_t>() / 65536.0;
}

arguments decode(const std::uint8_t* data, std::size_t size) {
  byte_reader in(data, size);
  const auto control = in.next<std::uint8_t>();
  arguments a;
  switch (control & 3U) {
    case 0:
    case 3:
      a.traffic = in.next<double>();
      a.servers = in.next<double>();
      a.handling_time = in.next<double>();
      a.answer_time = in.next<double>();
      a.fraction = in.next<double>();
      if ((control & 3U) == 3) {
        a.traffic = std::fabs(a.traffic);
        a.servers = std::fabs(a.servers);
        a.handling_time = std::fabs(a.handling_time);
        a.answer_time = std::fabs(a.answer_time);
        a.fraction = std::fmod(std::fabs(a.fraction), 1.0);
      }
      break;
    case 1: {
      a.traffic = std::pow(10.0, -8 + 20 * in.unit());
      const double z = in.next<std::int16_t>() / 1024.0;
      a.servers = a.traffic + z * std::sqrt(std::fmax(a.traffic, 1.0));
      decode_times(in, a);
      break;
    }
    default: {
      static constexpr double ratios[] = {0.6, 1.4, 1.0, 0.5, 2.0, 0.9, 1.1, 0.59999, 1.40001};
      a.servers = std::pow(10.0, -3 + 15 * in.unit());
      const auto pick = in.next<std::uint8_t>();
      const auto nudge = in.next<std::int8_t>();
      const double ratio = ratios[pick % std::size(ratios)];
      a.traffic = (a.servers + 1) * ratio * (1 + nudge * std::numeric_limits<double>::epsilon());
      decode_times(in, a);
      break;
    }
  }
  if ((control & 4U) != 0) {
    a.servers = std::floor(a.servers);
  }
  if ((control & 8U) != 0) {
    a.answer_time = 0;
  }
  return a;
}

const char* type_name(float /*unused*/) { return "float"; }
const char* type_name(double /*unused*/) { return "double"; }

[[noreturn]] void fail(const char* function, const char* type, const arguments& a,
                       const std::string& problem, double result) {
  std::fprintf(stderr,
               "contract violation: %s<%s>: %s\n  result %.17g (%a)\n  traffic %.17g (%a)\n"
               "  servers %.17g (%a)\n  handling_time %.17g (%a)\n  answer_time %.17g (%a)\n"
               "  fraction %.17g (%a)\n",
               function, type, problem.c_str(), result, result, a.traffic, a.traffic, a.servers,
               a.servers, a.handling_time, a.handling_time, a.answer_time, a.answer_time,
               a.fraction, a.fraction);
  std::abort();
}

template <class Real>
bool finite_non_negative(Real x) {
  return std::isfinite(x) && x >= 0;
}

template <class Real>
bool finite_positive(Real x) {
  return std::isfinite(x) && x > 0;
}

/// The arguments converted to Real, with the checks of one precision.
template <class Real>
class contract {
 public:
  explicit contract(const arguments& a)
      : args_(a),
        e_(static_cast<Real>(a.traffic)),
        m_(static_cast<Real>(a.servers)),
        h_(static_cast<Real>(a.handling_time)),
        t_(static_cast<Real>(a.answer_time)),
        p_(static_cast<Real>(a.fraction)) {}

  void check_all() {
    const bool em_ok = finite_non_negative(e_) && finite_non_negative(m_);
    const bool emh_ok = em_ok && finite_positive(h_);
    const bool overloaded = em_ok && e_ >= m_;
    check_offered_load(e_, h_);
    check_offered_load(m_, t_);
    const auto b = check_erlang_b(em_ok);
    const auto c = check_erlang_c(em_ok, overloaded, b);
    check_service_level(emh_ok && finite_non_negative(t_), overloaded, c);
    const auto wd = check_mean_wait_if_delayed(emh_ok, overloaded);
    check_average_speed_of_answer(emh_ok, overloaded, c, wd);
    check_mean_queue_length(em_ok, overloaded);
    check_occupancy(finite_non_negative(e_) && finite_positive(m_), overloaded);
    check_wait_time_quantile(emh_ok && p_ >= 0 && p_ < 1, overloaded, c, wd);
  }

 private:
  static constexpr Real inf = std::numeric_limits<Real>::infinity();
  static constexpr double eps = std::numeric_limits<Real>::epsilon();

  /// True when a result of +inf is an overflow of the true value, estimated in long double.
  static bool overflows(long double estimate) {
    return !(estimate <= 0.5L * static_cast<long double>(std::numeric_limits<Real>::max()));
  }

  /// An upper bound of ln(1/B) for E > 0: 1/B = sum_j m!/((m-j)! E^j) <= (m + 1) max(1, m/E)^m
  /// at integer m, and 1/B grows with m. Evaluated in long double.
  [[nodiscard]] long double log_inverse_bound() const {
    const long double m = std::ceil(static_cast<long double>(m_));
    const long double e = e_;
    return std::log1p(m) + m * std::fmax(0.0L, std::log(m) - std::log(e));
  }

  [[noreturn]] void violation(const char* function, const std::string& problem,
                              double result) const {
    fail(function, type_name(Real()), args_, problem, result);
  }

  /// Calls f(policy) under the default and the NaN policy; returns the result, or nothing
  /// when the arguments are invalid (after checking the error behaviour).
  template <class F>
  std::optional<double> evaluate(const char* function, bool valid, F f) const {
    std::optional<double> result;
    try {
      const Real r = f(erlang::default_policy());
      static_assert(std::is_same_v<std::remove_cv_t<decltype(f(erlang::default_policy()))>, Real>);
      if (!valid) {
        violation(function, "returned instead of raising a domain error", r);
      }
      if (std::isnan(r)) {
        violation(function, "NaN under the default policy", r);
      }
      result = r;
    } catch (const std::domain_error& ex) {
      const std::string what = ex.what();
      if (valid) {
        violation(function, "domain error for valid arguments: " + what, NAN);
      }
      if (what.find(std::string(function) + "<") == std::string::npos ||
          what.find("got ") == std::string::npos) {
        violation(function, "domain error message does not name the function and value: " + what,
                  NAN);
      }
    } catch (const std::overflow_error& ex) {
      // A float result beyond float's range is the policy's overflow error (the results
      // are narrowed with checked_narrowing_cast).
      if (!std::is_same_v<Real, float>) {
        violation(function, std::string("unexpected exception: ") + ex.what(), NAN);
      }
      return std::nullopt;
    } catch (const std::exception& ex) {
      violation(function, std::string("unexpected exception: ") + ex.what(), NAN);
    }
    Real q = 0;
    try {
      q = f(nan_policy());
    } catch (const std::exception& ex) {
      violation(function, std::string("exception under the NaN policy: ") + ex.what(), NAN);
    }
    if (result ? !(static_cast<double>(q) == *result) : !std::isnan(q)) {
      violation(function, "NaN policy result differs", q);
    }
    return result;
  }

  void check_offered_load(Real rate, Real time) const {
    const char* fn = "erlang::offered_load";
    const bool valid = finite_non_negative(rate) && finite_non_negative(time);
    const auto r =
        evaluate(fn, valid, [&](auto pol) { return erlang::offered_load(rate, time, pol); });
    if (r && *r != static_cast<Real>(static_cast<double>(rate) * static_cast<double>(time))) {
      violation(fn, "not the product of its arguments", *r);
    }
  }

  [[nodiscard]] std::optional<double> check_erlang_b(bool valid) const {
    const char* fn = "erlang::erlang_b";
    const auto b = evaluate(fn, valid, [&](auto pol) { return erlang::erlang_b(e_, m_, pol); });
    const auto log_b = evaluate("erlang::log_erlang_b", valid,
                                [&](auto pol) { return erlang::log_erlang_b(e_, m_, pol); });
    if (!b) {
      return b;
    }
    if (!(*b >= 0 && *b <= 1)) {
      violation(fn, "probability outside [0, 1]", *b);
    }
    if (m_ == 0 && *b != 1) {
      violation(fn, "B(E, 0) must be 1", *b);
    }
    if (e_ == 0 && m_ > 0 && *b != 0) {
      violation(fn, "B(0, m) must be 0", *b);
    }
    // The carried traffic E (1 - B) cannot exceed the servers: B >= 1 - m/E.
    const double floor_b = 1 - static_cast<double>(m_) / static_cast<double>(e_);
    if (e_ > m_ && *b < floor_b - 4 * eps) {
      violation(fn, "below 1 - servers/traffic = " + std::to_string(floor_b), *b);
    }
    fn = "erlang::log_erlang_b";
    if (!log_b) {
      // Only a float ln B beyond float's range raises the overflow error (evaluate).
      if (!overflows(log_inverse_bound())) {
        violation(fn, "overflow error although ln B is representable", NAN);
      }
      return b;
    }
    const double lb = *log_b;
    if (!(lb <= 0)) {
      violation(fn, "log of a probability above 0", lb);
    }
    if (e_ == 0 && m_ > 0) {
      if (lb != -std::numeric_limits<double>::infinity()) {
        violation(fn, "ln B(0, m) must be -inf", lb);
      }
    } else if (!std::isfinite(lb) && !overflows(log_inverse_bound())) {
      violation(fn, "infinite although B > 0 and ln B representable", lb);
    }
    const double smallest = std::is_same_v<Real, float> ? 1e-30 : 1e-300;
    if (*b >= smallest && std::fabs(std::log(*b) - lb) > 64 * eps * (1 + std::fabs(lb))) {
      violation(fn, "disagrees with ln(erlang_b) = " + std::to_string(std::log(*b)), lb);
    }
    return b;
  }

  [[nodiscard]] std::optional<double> check_erlang_c(bool valid, bool overloaded,
                                                     std::optional<double> b) const {
    const char* fn = "erlang::erlang_c";
    const auto c = evaluate(fn, valid, [&](auto pol) { return erlang::erlang_c(e_, m_, pol); });
    if (!c) {
      return c;
    }
    if (!(*c >= 0 && *c <= 1)) {
      violation(fn, "probability outside [0, 1]", *c);
    }
    if (overloaded && *c != 1) {
      violation(fn, "overloaded: C must be 1", *c);
    }
    if (*c < *b) {
      violation(fn, "C below B = " + std::to_string(*b), *c);
    }
    if (e_ == 0 && m_ > 0 && *c != 0) {
      violation(fn, "C(0, m) must be 0", *c);
    }
    return c;
  }

  void check_service_level(bool valid, bool overloaded, std::optional<double> c) const {
    const char* fn = "erlang::service_level";
    auto at = [&](Real t) {
      return evaluate(fn, valid,
                      [&](auto pol) { return erlang::service_level(e_, m_, h_, t, pol); });
    };
    const auto sl = at(t_);
    if (!sl) {
      return;
    }
    if (!(*sl >= 0 && *sl <= 1)) {
      violation(fn, "probability outside [0, 1]", *sl);
    }
    if (overloaded) {
      if (*sl != 0) {
        violation(fn, "overloaded: service level must be 0", *sl);
      }
      return;
    }
    const double at_zero = *at(0);
    if (at_zero > *sl) {
      violation(fn, "falls with the answer time: at t = 0 it is " + std::to_string(at_zero), *sl);
    }
    if (std::fabs(at_zero - (1 - *c)) > 4 * eps) {
      violation(fn, "at t = 0 differs from 1 - C = " + std::to_string(1 - *c), at_zero);
    }
    if (std::isfinite(2 * t_)) {
      const double at_double = *at(2 * t_);
      if (at_double < *sl) {
        violation(fn, "falls with the answer time: at 2t it is " + std::to_string(at_double), *sl);
      }
    }
  }

  [[nodiscard]] std::optional<double> check_mean_wait_if_delayed(bool valid,
                                                                 bool overloaded) const {
    const char* fn = "erlang::mean_wait_if_delayed";
    const auto w = evaluate(
        fn, valid, [&](auto pol) { return erlang::mean_wait_if_delayed(e_, m_, h_, pol); });
    if (!w) {
      return w;
    }
    if (!(*w >= 0)) {
      violation(fn, "negative wait", *w);
    }
    if (overloaded != (*w == inf) &&
        !(*w == inf &&
          overflows(static_cast<long double>(h_) / (static_cast<long double>(m_) - e_)))) {
      violation(fn, overloaded ? "overloaded: must be +inf" : "+inf without overload", *w);
    }
    return w;
  }

  void check_average_speed_of_answer(bool valid, bool overloaded, std::optional<double> c,
                                     std::optional<double> wd) const {
    const char* fn = "erlang::average_speed_of_answer";
    const auto asa = evaluate(
        fn, valid, [&](auto pol) { return erlang::average_speed_of_answer(e_, m_, h_, pol); });
    if (!asa) {
      return;
    }
    if (!(*asa >= 0)) {
      violation(fn, "negative wait", *asa);
    }
    if (overloaded) {
      if (*asa != inf) {
        violation(fn, "overloaded: must be +inf", *asa);
      }
      return;
    }
    if (!c || !wd) {
      return;  // a float mean wait beyond float's range: nothing to compare with
    }
    if (*asa > *wd) {
      violation(fn, "above the mean wait of delayed calls " + std::to_string(*wd), *asa);
    }
    const double product = *c * *wd;
    // Both factors and the result are rounded to Real: a few ulps, unless one is subnormal.
    const double normal = std::numeric_limits<Real>::min() / eps;
    if (std::isfinite(*asa) && *c >= normal && *wd >= normal && product >= normal &&
        std::fabs(*asa - product) > 8 * eps * product) {
      violation(fn,
                "differs from C times the mean wait of delayed calls " + std::to_string(product),
                *asa);
    }
  }

  void check_mean_queue_length(bool valid, bool overloaded) const {
    const char* fn = "erlang::mean_queue_length";
    const auto lq =
        evaluate(fn, valid, [&](auto pol) { return erlang::mean_queue_length(e_, m_, pol); });
    if (!lq) {
      return;
    }
    if (!(*lq >= 0)) {
      violation(fn, "negative queue", *lq);
    }
    if (overloaded != (*lq == inf)) {
      violation(fn, overloaded ? "overloaded: must be +inf" : "+inf without overload", *lq);
    }
  }

  void check_occupancy(bool valid, bool overloaded) const {
    const char* fn = "erlang::occupancy";
    const auto occ = evaluate(fn, valid, [&](auto pol) { return erlang::occupancy(e_, m_, pol); });
    if (!occ) {
      return;
    }
    const double expected =
        overloaded ? 1.0 : static_cast<Real>(static_cast<double>(e_) / static_cast<double>(m_));
    if (*occ != expected) {
      violation(fn, "not min(1, E/m) = " + std::to_string(expected), *occ);
    }
  }

  void check_wait_time_quantile(bool valid, bool overloaded, std::optional<double> c,
                                std::optional<double> wd) const {
    const char* fn = "erlang::wait_time_quantile";
    const auto q = evaluate(
        fn, valid, [&](auto pol) { return erlang::wait_time_quantile(e_, m_, h_, p_, pol); });
    if (!q) {
      return;
    }
    if (!(*q >= 0)) {
      violation(fn, "negative time", *q);
    }
    if (overloaded) {
      if (*q != inf) {
        violation(fn, "overloaded: must be +inf", *q);
      }
      return;
    }
    if (!c || !wd) {
      return;  // a float mean wait beyond float's range: nothing to compare with
    }
    // ln(C / (1 - p)) <= ln(1 / (1 - p)) < 40 for p < 1 in double.
    if (*q == inf && !overflows(40.0L * *wd)) {
      violation(fn, "+inf without overload", *q);
    }
    if constexpr (std::is_same_v<Real, double>) {
      if (*c <= 1 - p_ && *q != 0) {
        violation(fn, "must be 0 when C <= 1 - fraction", *q);
      }
    }
    // Round trip: the service level at the quantile is the fraction (away from subnormals,
    // where the quantile and the handling time carry few digits).
    const double lo = std::numeric_limits<Real>::min() / eps;
    if (*q >= lo && h_ >= lo && h_ <= 1 / lo && *wd <= 1 / lo && (m_ - e_) * *q >= lo) {
      const double sl = erlang::service_level(e_, m_, h_, static_cast<Real>(*q));
      if (std::fabs(sl - p_) > 1e4 * eps) {
        violation(fn, "service level at the quantile is " + std::to_string(sl), *q);
      }
    }
  }

  arguments args_;
  Real e_;
  Real m_;
  Real h_;
  Real t_;
  Real p_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const arguments a = decode(data, size);
  contract<double>(a).check_all();
  contract<float>(a).check_all();
  return 0;
}
