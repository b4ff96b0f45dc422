// Fuzz target: every public library function outside Erlang B/C (library_contract covers
// those) against its documented contract, for double under the default policy: the
// staffing solvers (servers_for_blocking, traffic_for_blocking, agents_for_targets,
// traffic_for_targets, scheduled_agents), Erlang A and its solver, Engset, Extended
// Erlang B, M/M/c/K and M/M/c/K+M with their solvers.
//
// Contract checked on every input:
//   - a std::domain_error whose message names the function exactly when an argument is
//     outside the documented domain, and no other exception ever (one exception below);
//   - traffic_for_blocking: a std::overflow_error naming the function only where the
//     answer may exceed the largest double (m / (1 - target) beyond it), and otherwise the
//     largest traffic meeting the target (1e-4 more does not, where that can be told);
//   - probabilities in [0, 1] and never NaN; counts whole and >= 0; times and queue
//     lengths >= 0 and never NaN;
//   - solver results minimal where that is cheap to check (the count meets the targets,
//     one less does not, for counts up to 1e6), within a relative slack of 1e-9 for the
//     rounding between the solver's own evaluation and the public functions;
//   - measures consistent: P(abandon) <= P(wait), blocking + P(wait) <= 1, service level
//     between the calls answered at once and the calls answered, Engset traffic
//     congestion <= call congestion <= time congestion, Extended Erlang B at its fixed
//     point, the finite-queue functions equal to the fields of finite_queue, Little's law.
// A violation prints the function, the problem, the result and the arguments (exactly, in
// %a) and aborts, which libFuzzer reports as a crash.
//
// Input layout: byte 0 selects how the rest is decoded (low two bits) and carries flags;
// byte 1 selects the staffing targets (bit 0 service level, 1 ASA, 2 wait probability,
// 3 occupancy, 4 abandonment, 5 max blocking of the finite-queue solvers; bits 6-7 the
// Engset measure). Then ten slots: traffic, servers (agents), handling time, patience,
// answer time, three probabilities q1 q2 q3, waiting places (also the Engset sources) and
// an ASA target.
//   mode 0: ten raw IEEE doubles, any bit pattern: NaN, infinities, -0, subnormals;
//   mode 1: realistic: traffic 1e-3 .. 1e6 erlangs (log scale), servers traffic +
//           z sqrt(traffic) with |z| <= 16, times on log scales around the handling time,
//           probabilities from 16 bits, waiting places 0 .. 1e6 (log scale);
//   mode 2: each slot one byte picking a critical value (0, -0, subnormal, 1 - eps, 1,
//           1 + eps, 2^53, 1e300, max, inf, NaN, ...);
//   mode 3: raw doubles folded into the valid domain (absolute values, probabilities
//           mod 1).
// Flag bit 2 rounds traffic, servers and waiting places down to integers.
//
// Sizes bounded in the decoder (documented cost that grows with them): the waiting places
// and Engset sources (the same slot), when finite and between 1e6 and 2^53, are folded to
// below 1e6 (values beyond 2^53 stay: they are domain errors). Engset is O(min(servers,
// sources)), M/M/c/K+M O(waiting places) per evaluation, and the M/M/c/K service level sums
// a window bounded by the waiting places. Missing bytes read as zero.
#include "byte_reader.hpp"

#include <erlang/erlang.hpp>

#include <algorithm>
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

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double max_count = 9007199254740992.0;  // 2^53
constexpr double max_double = std::numeric_limits<double>::max();
constexpr double min_normal = std::numeric_limits<double>::min();
constexpr double denorm_min = std::numeric_limits<double>::denorm_min();
constexpr double size_bound = 1e6;
/// Relative slack between a solver's own evaluation and the public functions.
constexpr double slack = 1e-9;
/// Largest count whose minimality is checked (one or two more evaluations).
constexpr double check_bound = 1e6;

struct arguments {
  unsigned flags = 0;
  double traffic = 0;
  double servers = 0;
  double handling_time = 0;
  double patience = 0;
  double answer_time = 0;
  double q1 = 0;
  double q2 = 0;
  double q3 = 0;
  double waiting = 0;
  double asa = 0;
};

using erlang::fuzz::byte_reader;

double critical(std::uint8_t pick) {
  static constexpr double values[] = {0.0,
                                      -0.0,
                                      5e-324,
                                      2.2250738585072014e-308,
                                      eps,
                                      1e-9,
                                      0.001,
                                      0.5,
                                      1 - eps / 2,
                                      1,
                                      1 + eps,
                                      2,
                                      3,
                                      10,
                                      100,
                                      1e6,
                                      max_count - 1,
                                      max_count,
                                      max_count + 2,
                                      1e154,
                                      1e300,
                                      std::numeric_limits<double>::max(),
                                      inf,
                                      -inf,
                                      std::numeric_limits<double>::quiet_NaN(),
                                      -1,
                                      0.8,
                                      0.99,
                                      20,
                                      180,
                                      1e-300,
                                      7.5};
  return values[pick % std::size(values)];
}

/// Folds a finite count above the size bound (but not beyond 2^53) to below it.
double bounded_size(double x) {
  if (std::isfinite(x) && std::fabs(x) > size_bound && std::fabs(x) <= max_count) {
    return std::fmod(x, size_bound);
  }
  return x;
}

arguments decode(const std::uint8_t* data, std::size_t size) {
  byte_reader in(data, size);
  const auto control = in.next<std::uint8_t>();
  arguments a;
  a.flags = in.next<std::uint8_t>();
  double* slots[] = {&a.traffic, &a.servers, &a.handling_time, &a.patience, &a.answer_time, &a.q1,
                     &a.q2,      &a.q3,      &a.waiting,       &a.asa};
  switch (control & 3U) {
    case 0:
    case 3:
      for (double* s : slots) {
        *s = in.next<double>();
      }
      if ((control & 3U) == 3) {
        for (double* s : slots) {
          *s = std::fabs(*s);
        }
        a.q1 = std::fmod(a.q1, 1.0);
        a.q2 = std::fmod(a.q2, 1.0);
        a.q3 = std::fmod(a.q3, 1.0);
      }
      break;
    case 1: {
      a.traffic = std::pow(10.0, -3 + 9 * in.unit());
      const double z = in.next<std::int16_t>() / 2048.0;
      a.servers = std::fmax(0.0, a.traffic + z * std::sqrt(std::fmax(a.traffic, 1.0)));
      a.handling_time = std::pow(10.0, -2 + 5 * in.unit());
      a.patience = a.handling_time * std::pow(10.0, -3 + 6 * in.unit());
      a.answer_time = a.handling_time * std::pow(10.0, -3 + 4 * in.unit());
      a.q1 = in.next<std::uint16_t>() / 65536.0;
      a.q2 = in.next<std::uint16_t>() / 65536.0;
      a.q3 = in.next<std::uint16_t>() / 65536.0;
      a.waiting = std::floor(std::pow(10.0, 6 * in.unit())) - 1;
      a.asa = a.handling_time * std::pow(10.0, -4 + 5 * in.unit());
      break;
    }
    default:
      for (double* s : slots) {
        *s = critical(in.next<std::uint8_t>());
      }
      break;
  }
  if ((control & 4U) != 0) {
    a.traffic = std::floor(a.traffic);
    a.servers = std::floor(a.servers);
    a.waiting = std::floor(a.waiting);
  }
  a.waiting = bounded_size(a.waiting);
  return a;
}

[[noreturn]] void fail(const char* function, const arguments& a, const std::string& problem,
                       double result) {
  std::fprintf(stderr,
               "contract violation: %s: %s\n  result %.17g (%a)\n  flags %#x\n"
               "  traffic %.17g (%a)\n  servers %.17g (%a)\n  handling_time %.17g (%a)\n"
               "  patience %.17g (%a)\n  answer_time %.17g (%a)\n  q1 %.17g (%a)\n"
               "  q2 %.17g (%a)\n  q3 %.17g (%a)\n  waiting %.17g (%a)\n  asa %.17g (%a)\n",
               function, problem.c_str(), result, result, a.flags, a.traffic, a.traffic, a.servers,
               a.servers, a.handling_time, a.handling_time, a.patience, a.patience, a.answer_time,
               a.answer_time, a.q1, a.q1, a.q2, a.q2, a.q3, a.q3, a.waiting, a.waiting, a.asa,
               a.asa);
  std::abort();
}

bool finite_non_negative(double x) { return std::isfinite(x) && x >= 0; }
bool finite_positive(double x) { return std::isfinite(x) && x > 0; }

/// Where an Erlang A scale x y / z (agents or traffic times patience over handling time,
/// all finite and > 0) lies against the documented range [lo, hi], evaluated in long
/// double: inside, outside, or within rounding of a bound, where either outcome is right.
enum class scale_state { inside, outside, borderline };

scale_state erlang_a_scale(double x, double y, double z, long double lo, long double hi) {
  const long double v = static_cast<long double>(x) * y / z;
  const long double margin = 1e-12L;
  if (v >= lo * (1 + margin) && v <= hi * (1 - margin)) {
    return scale_state::inside;
  }
  if (v < lo * (1 - margin) || v > hi * (1 + margin)) {
    return scale_state::outside;
  }
  return scale_state::borderline;
}

constexpr long double scale_min = std::numeric_limits<double>::min();
constexpr long double scale_max = 1 / eps;  // 2^52

/// The Erlang A scale check for agents n (or one agent for the solver) and traffic e.
scale_state erlang_a_scales(double e, double n, double h, double p) {
  const scale_state agents = erlang_a_scale(n, p, h, scale_min, scale_max);
  const scale_state traffic = e == 0 ? scale_state::inside : erlang_a_scale(e, p, h, 0, scale_max);
  if (agents == scale_state::outside || traffic == scale_state::outside) {
    return scale_state::outside;
  }
  if (agents == scale_state::borderline || traffic == scale_state::borderline) {
    return scale_state::borderline;
  }
  return scale_state::inside;
}
bool open_probability(double x) { return x > 0 && x < 1; }
bool probability(double x) { return x >= 0 && x <= 1; }
bool count(double x, double min_value) {
  return std::isfinite(x) && x >= min_value && x <= max_count && std::floor(x) == x;
}
bool whole_non_negative(double x) { return x >= 0 && std::isfinite(x) && std::floor(x) == x; }

class contract {
 public:
  explicit contract(const arguments& a) : a_(a) {
    // Targets for the staffing solvers, from the flags.
    if ((a.flags & 1U) != 0) {
      targets_.service_level = a.q1;
    }
    targets_.answer_time = a.answer_time;
    if ((a.flags & 2U) != 0) {
      targets_.max_asa = a.asa;
    }
    if ((a.flags & 4U) != 0) {
      targets_.max_wait_probability = a.q2;
    }
    if ((a.flags & 8U) != 0) {
      targets_.max_occupancy = a.q3;
    }
    if ((a.flags & 16U) != 0) {
      targets_.max_abandon = a.q2;
    }
    if ((a.flags & 32U) != 0) {
      max_blocking_ = a.q3;
    }
  }

  void check_all() {
    check_servers_for_blocking();
    check_traffic_for_blocking();
    check_agents_for_targets();
    check_traffic_for_targets();
    check_scheduled_agents();
    check_erlang_a();
    check_erlang_a_agents();
    check_engset();
    check_extended_erlang_b();
    check_finite_queue();
    check_finite_queue_abandonment();
    check_finite_queue_agents();
    check_finite_queue_abandonment_agents();
  }

 private:
  [[noreturn]] void violation(const char* function, const std::string& problem,
                              double result) const {
    fail(function, a_, problem, result);
  }

  /// Calls f(); returns its result, or nothing when it raised the domain error that
  /// `valid` == false asks for. Any other outcome is a violation.
  /// As evaluate, where the arguments lie within rounding of a documented bound: a result
  /// or the domain error are both right.
  template <class F>
  auto evaluate(const char* function, scale_state state, bool valid, F f) const
      -> std::optional<decltype(f())> {
    if (!valid || state == scale_state::outside) {
      return evaluate(function, false, f);
    }
    if (state == scale_state::inside) {
      return evaluate(function, true, f);
    }
    try {
      return f();
    } catch (const std::domain_error& ex) {
      const std::string what = ex.what();
      if (what.find(std::string(function) + "<") == std::string::npos) {
        violation(function, "domain error message does not name the function: " + what, NAN);
      }
    } catch (const std::exception& ex) {
      violation(function, std::string("unexpected exception: ") + ex.what(), NAN);
    }
    return std::nullopt;
  }

  template <class F>
  auto evaluate(const char* function, bool valid, F f) const -> std::optional<decltype(f())> {
    try {
      auto r = f();
      if (!valid) {
        violation(function, "returned instead of raising a domain error", NAN);
      }
      return r;
    } catch (const std::domain_error& ex) {
      const std::string what = ex.what();
      if (valid) {
        violation(function, "domain error for valid arguments: " + what, NAN);
      }
      if (what.find(std::string(function) + "<") == std::string::npos) {
        violation(function, "domain error message does not name the function: " + what, NAN);
      }
    } catch (const std::exception& ex) {
      violation(function, std::string("unexpected exception: ") + ex.what(), NAN);
    }
    return std::nullopt;
  }

  /// Wraps a solver that reports a count beyond its range (an overflow error, or the
  /// domain error past the evaluated scale of Erlang A or of the finite queues' exact
  /// counts, 2^53, both naming the function):
  /// that report is right only when `beyond()` confirms, through the public functions, that
  /// the targets are not met at the end of the range. Returns the wrapped call.
  template <class F, class Beyond>
  auto beyond_range(const char* function, F f, Beyond beyond) const {
    return [=, this]() {
      std::string report;
      try {
        return f();
      } catch (const std::overflow_error& ex) {
        report = ex.what();
      } catch (const std::domain_error& ex) {
        report = ex.what();
        if (report.find("evaluated scale allows") == std::string::npos) {
          throw;
        }
      }
      if (report.find(std::string(function) + "<") == std::string::npos) {
        violation(function, "error message does not name the function: " + report, NAN);
      }
      if (!beyond()) {
        violation(function, "count reported beyond the range, yet its end meets: " + report, NAN);
      }
      return std::numeric_limits<double>::quiet_NaN();  // checked: nothing more to check
    };
  }

  void check_probability(const char* fn, const char* what, double p) const {
    if (!probability(p)) {
      violation(fn, std::string(what) + " is not a probability in [0, 1]", p);
    }
  }

  void check_time(const char* fn, const char* what, double x) const {
    if (!(x >= 0)) {
      violation(fn, std::string(what) + " is negative or NaN", x);
    }
  }

  void check_whole(const char* fn, double n) const {
    if (!whole_non_negative(n)) {
      violation(fn, "not a whole number >= 0", n);
    }
  }

  [[nodiscard]] bool targets_valid() const {
    const auto& t = targets_;
    return (!t.service_level || open_probability(*t.service_level)) &&
           finite_non_negative(t.answer_time) && (!t.max_asa || finite_positive(*t.max_asa)) &&
           (!t.max_wait_probability ||
            (*t.max_wait_probability > 0 && *t.max_wait_probability <= 1)) &&
           (!t.max_occupancy || (*t.max_occupancy > 0 && *t.max_occupancy <= 1)) &&
           (!t.max_abandon || open_probability(*t.max_abandon));
  }

  /// True when traffic, handling time and every target set are far from the subnormal
  /// range: the relative slack of the minimality checks means nothing below it.
  [[nodiscard]] bool normal_scale() const {
    const auto& t = targets_;
    const auto normal = [](std::optional<double> v) { return !v || *v >= 1e-290; };
    return a_.traffic >= 1e-290 && a_.handling_time >= 1e-290 && normal(t.service_level) &&
           normal(t.max_asa) && normal(t.max_wait_probability) && normal(t.max_occupancy) &&
           normal(t.max_abandon) && normal(max_blocking_) &&
           (t.answer_time == 0 || t.answer_time >= 1e-290);
  }

  /// A solver may return +inf agents when the true count overflows: the occupancy target
  /// alone asks for traffic / max_occupancy agents.
  [[nodiscard]] bool count_overflows(double n) const {
    return n == inf && targets_.max_occupancy &&
           !std::isfinite(a_.traffic / *targets_.max_occupancy);
  }

  [[nodiscard]] bool any_target(bool with_abandon) const {
    const auto& t = targets_;
    return t.service_level || t.max_asa || t.max_wait_probability || t.max_occupancy ||
           (with_abandon && t.max_abandon);
  }

  // ---- Erlang B staffing -------------------------------------------------------------

  void check_servers_for_blocking() const {
    const char* fn = "erlang::servers_for_blocking";
    const double e = a_.traffic;
    const double p = a_.q1;
    const auto n = evaluate(fn, finite_non_negative(e) && open_probability(p),
                            beyond_range(
                                fn, [&] { return erlang::servers_for_blocking(e, p); },
                                [&] { return erlang::erlang_b(e, max_double) > p; }));
    if (!n || std::isnan(*n)) {
      return;
    }
    check_whole(fn, *n);
    if (e == 0 && *n != 0) {
      violation(fn, "no traffic must need no servers", *n);
    }
    if (e > 0 && *n <= check_bound) {
      const double b = erlang::erlang_b(e, *n);
      if (b > p * (1 + slack)) {
        violation(fn, "blocking at the result is " + std::to_string(b), *n);
      }
      if (*n >= 1) {
        // In logarithms: B with one server fewer may underflow below a subnormal target.
        const double below = erlang::erlang_b(e, *n - 1);
        if (erlang::log_erlang_b(e, *n - 1) <= std::log(p) - slack) {
          violation(fn, "not minimal: blocking with one server fewer is " + std::to_string(below),
                    *n);
        }
      }
    }
  }

  void check_traffic_for_blocking() const {
    const char* fn = "erlang::traffic_for_blocking";
    const double m = a_.servers;
    const double p = a_.q1;
    const bool valid = finite_non_negative(m) && open_probability(p);
    // The answer lies below m / (1 - p); beyond the largest double it is an overflow error.
    const bool may_overflow =
        valid && static_cast<long double>(m) / (1 - static_cast<long double>(p)) >
                     std::numeric_limits<double>::max();
    std::string overflow;
    const auto e = evaluate(fn, valid, [&] {
      try {
        return erlang::traffic_for_blocking(m, p);
      } catch (const std::overflow_error& ex) {
        overflow = ex.what();
        return inf;
      }
    });
    if (!overflow.empty()) {
      if (!may_overflow) {
        violation(fn, "overflow error below the largest double: " + overflow, inf);
      }
      if (overflow.find(std::string(fn) + "<") == std::string::npos) {
        violation(fn, "overflow error message does not name the function: " + overflow, inf);
      }
      return;
    }
    if (!e) {
      return;
    }
    if (!finite_non_negative(*e)) {
      violation(fn, "not a finite traffic >= 0", *e);
    }
    if (m == 0 && *e != 0) {
      violation(fn, "no servers carry no traffic", *e);
    }
    if (*e > 0) {
      const double b = erlang::erlang_b(*e, m);
      if (b > p * (1 + slack)) {
        violation(fn, "blocking at the result is " + std::to_string(b), *e);
      }
      // The largest such traffic: 1e-4 more exceeds the target wherever d ln B / d ln E
      // is large enough to tell (one server or more, targets up to 0.999).
      const double more = *e * (1 + 1e-4);
      if (m >= 1 && m <= 1e300 && p >= 1e-300 && p <= 0.999 && std::isfinite(more) &&
          erlang::erlang_b(more, m) <= p) {
        violation(fn, "not the largest: 1e-4 more traffic still meets the target", *e);
      }
    }
  }

  // ---- Erlang C staffing -------------------------------------------------------------

  /// The targets of agents_for_targets at m agents, from the public Erlang C functions,
  /// with the limits loosened (tol > 0) or tightened (tol < 0) by a relative tol.
  [[nodiscard]] bool erlang_c_meets(double e, double m, double h, double tol) const {
    const auto& t = targets_;
    if (e >= m) {
      return false;
    }
    if (t.max_occupancy && erlang::occupancy(e, m) > *t.max_occupancy * (1 + tol)) {
      return false;
    }
    if (t.max_wait_probability && erlang::erlang_c(e, m) > *t.max_wait_probability * (1 + tol)) {
      return false;
    }
    if (t.service_level &&
        erlang::service_level(e, m, h, t.answer_time) < *t.service_level * (1 - tol)) {
      return false;
    }
    if (t.max_asa && erlang::average_speed_of_answer(e, m, h) > *t.max_asa * (1 + tol)) {
      return false;
    }
    return true;
  }

  void check_agents_for_targets() const {
    const char* fn = "erlang::agents_for_targets";
    const double e = a_.traffic;
    const double h = a_.handling_time;
    // Erlang C has no abandonment: an abandonment target is a domain error.
    const bool valid = finite_non_negative(e) && finite_positive(h) && targets_valid() &&
                       any_target(false) && !targets_.max_abandon;
    const auto n = evaluate(fn, valid,
                            beyond_range(
                                fn, [&] { return erlang::agents_for_targets(e, h, targets_); },
                                [&] { return !erlang_c_meets(e, max_double, h, -slack); }));
    if (!n || std::isnan(*n) || count_overflows(*n)) {
      return;
    }
    check_whole(fn, *n);
    if (e == 0) {
      if (*n != 0) {
        violation(fn, "no traffic must need no agents", *n);
      }
      return;
    }
    if (!(*n > e)) {
      violation(fn, "not above the traffic", *n);
    }
    if (*n <= check_bound && normal_scale()) {
      if (!erlang_c_meets(e, *n, h, slack)) {
        violation(fn, "the result does not meet the targets", *n);
      }
      if (erlang_c_meets(e, *n - 1, h, -slack)) {
        violation(fn, "not minimal: one agent fewer meets the targets", *n);
      }
    }
  }

  void check_traffic_for_targets() const {
    const char* fn = "erlang::traffic_for_targets";
    const double m = a_.servers;
    const double h = a_.handling_time;
    const bool valid = finite_positive(m) && finite_positive(h) && targets_valid() &&
                       any_target(false) && !targets_.max_abandon;
    const auto e = evaluate(fn, valid, [&] { return erlang::traffic_for_targets(m, h, targets_); });
    if (!e) {
      return;
    }
    if (!(*e >= 0 && *e < m)) {
      violation(fn, "not in [0, agents)", *e);
    }
    if (*e > 0 && !erlang_c_meets(*e, m, h, slack)) {
      violation(fn, "the result does not meet the targets", *e);
    }
  }

  void check_scheduled_agents() const {
    const char* fn = "erlang::scheduled_agents";
    const double n = a_.servers;
    const double s = a_.q3;
    const auto r = evaluate(fn, finite_non_negative(n) && s >= 0 && s < 1,
                            [&] { return erlang::scheduled_agents(n, s); });
    if (!r) {
      return;
    }
    if (*r == inf && !std::isfinite(n / (1 - s))) {
      return;  // the true count overflows
    }
    check_whole(fn, *r);
    if (*r < max_count) {
      if (*r * (1 - s) < n * (1 - 8 * eps)) {
        violation(fn, "too few: times (1 - shrinkage) below the agents", *r);
      }
      if (*r >= 1 && (*r - 1) * (1 - s) >= n * (1 + 8 * eps)) {
        violation(fn, "not minimal", *r);
      }
    }
  }

  /// Checks shared by the models with a queue and abandonment: probabilities and times in
  /// range, P(abandon) <= P(wait), and Little's law L_q = (E / h) W over all arrivals.
  template <class Measures>
  void check_queue_measures(const char* fn, const Measures& r, double e, double h) const {
    check_probability(fn, "wait_probability", r.wait_probability);
    check_probability(fn, "abandon_probability", r.abandon_probability);
    check_probability(fn, "service_level", r.service_level);
    check_probability(fn, "occupancy", r.occupancy);
    check_time(fn, "average_speed_of_answer", r.average_speed_of_answer);
    check_time(fn, "mean_wait", r.mean_wait);
    check_time(fn, "mean_queue_length", r.mean_queue_length);
    if (r.abandon_probability > r.wait_probability + 1e-12) {
      violation(fn, "P(abandon) above P(wait) " + std::to_string(r.wait_probability),
                r.abandon_probability);
    }
    const double tiny = 1e-250;
    const auto lq = static_cast<double>(static_cast<long double>(r.mean_wait) * e / h);
    if (r.mean_queue_length > tiny && r.mean_wait > tiny && std::isfinite(lq) && lq > tiny &&
        std::fabs(lq - r.mean_queue_length) > 1e-8 * r.mean_queue_length) {
      violation(fn, "mean queue differs from traffic / h * mean wait = " + std::to_string(lq),
                r.mean_queue_length);
    }
  }

  // ---- Erlang A ----------------------------------------------------------------------

  void check_erlang_a_measures(const char* fn, const erlang::erlang_a_measures<double>& r, double e,
                               double h, double patience) const {
    check_queue_measures(fn, r, e, h);
    check_probability(fn, "abandon_given_wait", r.abandon_given_wait);
    check_probability(fn, "wait_within", r.wait_within);
    const double tol = 1e-12;
    if (r.service_level > r.wait_within + tol) {
      violation(fn, "service level above P(W <= t) " + std::to_string(r.wait_within),
                r.service_level);
    }
    if (r.service_level > 1 - r.abandon_probability + tol) {
      violation(fn, "service level above 1 - P(abandon)", r.service_level);
    }
    if (r.service_level < 1 - r.wait_probability - tol) {
      violation(fn, "service level below 1 - P(wait) " + std::to_string(1 - r.wait_probability),
                r.service_level);
    }
    // P(abandon) = theta L_q / lambda = mean wait / patience (all arrivals).
    const double tiny = 1e-250;
    const double ab = r.mean_wait / patience;
    if (r.abandon_probability > tiny && r.mean_wait > tiny && std::isfinite(ab) &&
        std::fabs(ab - r.abandon_probability) > 1e-8 * r.abandon_probability) {
      violation(fn, "P(abandon) differs from mean wait / patience = " + std::to_string(ab),
                r.abandon_probability);
    }
  }

  void check_erlang_a() const {
    const char* fn = "erlang::erlang_a";
    const double e = a_.traffic;
    const double n = a_.servers;
    const double h = a_.handling_time;
    const double p = a_.patience;
    const double t = a_.answer_time;
    const bool valid = finite_non_negative(e) && finite_positive(n) && finite_positive(h) &&
                       finite_positive(p) && finite_non_negative(t);
    const scale_state scales = valid ? erlang_a_scales(e, n, h, p) : scale_state::outside;
    const auto r = evaluate(fn, scales, valid, [&] { return erlang::erlang_a(e, n, h, p, t); });
    if (r) {
      check_erlang_a_measures(fn, *r, e, h, p);
    }
  }

  [[nodiscard]] bool erlang_a_meets(double e, double n, double h, double p, double tol) const {
    const auto& t = targets_;
    const auto m = erlang::erlang_a(e, n, h, p, t.answer_time);
    return (!t.service_level || m.service_level >= *t.service_level * (1 - tol)) &&
           (!t.max_abandon || m.abandon_probability <= *t.max_abandon * (1 + tol)) &&
           (!t.max_asa || m.average_speed_of_answer <= *t.max_asa * (1 + tol)) &&
           (!t.max_wait_probability || m.wait_probability <= *t.max_wait_probability * (1 + tol)) &&
           (!t.max_occupancy || m.occupancy <= *t.max_occupancy * (1 + tol));
  }

  void check_erlang_a_agents() const {
    const char* fn = "erlang::erlang_a_agents_for_targets";
    const double e = a_.traffic;
    const double h = a_.handling_time;
    const double p = a_.patience;
    const bool valid = finite_non_negative(e) && finite_positive(h) && finite_positive(p) &&
                       targets_valid() && any_target(true);
    const scale_state scales = valid ? erlang_a_scales(e, 1, h, p) : scale_state::outside;
    // The last agent count inside the evaluated scale (agents x patience / h <= 2^52), or
    // the largest double. Below 1 (within rounding of the bound at one agent) no count is
    // inside, and the report is right.
    const double n_top = std::floor(static_cast<double>(
        std::min(scale_max * (1 - 1e-9L) * h / p, static_cast<long double>(max_double))));
    const auto n =
        evaluate(fn, scales, valid,
                 beyond_range(
                     fn, [&] { return erlang::erlang_a_agents_for_targets(e, h, p, targets_); },
                     [&] { return n_top < 1 || !erlang_a_meets(e, n_top, h, p, -slack); }));
    if (!n || std::isnan(*n) || count_overflows(*n)) {
      return;
    }
    check_whole(fn, *n);
    if (e == 0) {
      if (*n != 0) {
        violation(fn, "no traffic must need no agents", *n);
      }
      return;
    }
    if (*n < 1) {
      violation(fn, "traffic needs at least one agent", *n);
    }
    // The minimality check evaluates erlang_a itself, so its scales must be inside too.
    if (*n <= check_bound && normal_scale() &&
        erlang_a_scales(e, *n, h, p) == scale_state::inside) {
      if (!erlang_a_meets(e, *n, h, p, slack)) {
        violation(fn, "the result does not meet the targets", *n);
      }
      if (*n > 1 && erlang_a_meets(e, *n - 1, h, p, -slack)) {
        violation(fn, "not minimal: one agent fewer meets the targets", *n);
      }
    }
  }

  // ---- Engset ------------------------------------------------------------------------

  [[nodiscard]] static double engset_measure_value(erlang::engset_measure measure, double beta,
                                                   double s, double n) {
    switch (measure) {
      case erlang::engset_measure::time_congestion:
        return erlang::engset_time_congestion(beta, s, n);
      case erlang::engset_measure::call_congestion:
        return erlang::engset_call_congestion(beta, s, n);
      default:
        return erlang::engset_traffic_congestion(beta, s, n);
    }
  }

  void check_engset() const {
    const double a = a_.traffic;
    const double s = a_.waiting;
    const double n = a_.servers;
    const char* fn = "erlang::engset_traffic_per_idle_source";
    const auto per_idle = evaluate(fn, count(s, 1) && finite_non_negative(a) && a < s,
                                   [&] { return erlang::engset_traffic_per_idle_source(a, s); });
    if (per_idle) {
      check_time(fn, "beta", *per_idle);
      if (!std::isfinite(*per_idle)) {
        violation(fn, "infinite", *per_idle);
      }
    }
    // beta from the offered traffic when that is valid, else the raw slot.
    const double beta = per_idle ? *per_idle : a;
    fn = "erlang::engset_offered_traffic";
    const auto offered = evaluate(fn, finite_non_negative(beta) && count(s, 1),
                                  [&] { return erlang::engset_offered_traffic(beta, s); });
    if (offered) {
      if (!(*offered >= 0 && *offered <= s)) {
        violation(fn, "not in [0, sources]", *offered);
      }
      if (per_idle && std::fabs(*offered - a) > 1e-9 * a + 1e-300) {
        violation(fn, "does not invert engset_traffic_per_idle_source: " + std::to_string(a),
                  *offered);
      }
    }
    const bool valid = finite_non_negative(beta) && count(s, 1) && count(n, 0);
    const auto time = evaluate("erlang::engset_time_congestion", valid,
                               [&] { return erlang::engset_time_congestion(beta, s, n); });
    const auto call = evaluate("erlang::engset_call_congestion", valid,
                               [&] { return erlang::engset_call_congestion(beta, s, n); });
    const auto traffic = evaluate("erlang::engset_traffic_congestion", valid,
                                  [&] { return erlang::engset_traffic_congestion(beta, s, n); });
    if (time) {
      check_probability("erlang::engset_time_congestion", "time congestion", *time);
      check_probability("erlang::engset_call_congestion", "call congestion", *call);
      check_probability("erlang::engset_traffic_congestion", "traffic congestion", *traffic);
      if (*traffic > *call * (1 + 1e-12)) {
        violation("erlang::engset_traffic_congestion", "above call congestion", *traffic);
      }
      if (*call > *time * (1 + 1e-12)) {
        violation("erlang::engset_call_congestion", "above time congestion", *call);
      }
      if (n == 0 && (*time != 1 || *call != 1)) {
        violation("erlang::engset_time_congestion", "not 1 with no servers", *time);
      }
      if (n >= s && *call != 0) {
        violation("erlang::engset_call_congestion", "not 0 with servers >= sources", *call);
      }
      if (n > s && *time != 0) {
        violation("erlang::engset_time_congestion", "not 0 with servers > sources", *time);
      }
    }
    fn = "erlang::engset_servers_for_blocking";
    const auto measure = static_cast<erlang::engset_measure>((a_.flags >> 6U) % 3U);
    const double p = a_.q1;
    const auto needed =
        evaluate(fn, finite_non_negative(beta) && count(s, 1) && open_probability(p),
                 [&] { return erlang::engset_servers_for_blocking(beta, s, p, measure); });
    if (!needed) {
      return;
    }
    check_whole(fn, *needed);
    if (*needed > s + 1 ||
        (*needed == s + 1 && measure != erlang::engset_measure::time_congestion)) {
      violation(fn, "above the sources (+1 only for time congestion)", *needed);
    }
    if (beta == 0) {
      if (*needed != 0) {
        violation(fn, "no traffic must need no servers", *needed);
      }
      return;
    }
    if (*needed <= check_bound) {
      const double at = engset_measure_value(measure, beta, s, *needed);
      if (at > p * (1 + slack)) {
        violation(fn, "blocking at the result is " + std::to_string(at), *needed);
      }
      if (*needed >= 1) {
        const double below = engset_measure_value(measure, beta, s, *needed - 1);
        if (below <= p * (1 - slack)) {
          violation(fn, "not minimal: one server fewer gives " + std::to_string(below), *needed);
        }
      }
    }
  }

  // ---- Extended Erlang B -------------------------------------------------------------

  void check_extended_erlang_b() const {
    const double e0 = a_.traffic;
    const double m = a_.servers;
    const double r = a_.q2;
    const bool args_ok = finite_non_negative(e0) && probability(r);
    const bool valid = args_ok && finite_non_negative(m) && (r < 1 || e0 == 0 || e0 < m);
    const char* fn = "erlang::extended_erlang_b";
    const auto b = evaluate(fn, valid, [&] { return erlang::extended_erlang_b(e0, m, r); });
    const auto total = evaluate("erlang::extended_erlang_b_offered_traffic", valid, [&] {
      try {
        return erlang::extended_erlang_b_offered_traffic(e0, m, r);
      } catch (const std::overflow_error&) {
        // Right only when the fixed point lies beyond the largest double: f(E) = E (1 - r B)
        // - E0 is increasing, so f(max) < 0 there.
        const long double b_top = erlang::erlang_b(max_double, m);
        if (!(static_cast<long double>(max_double) * (1 - r * b_top) < e0 * (1 + slack))) {
          violation("erlang::extended_erlang_b_offered_traffic",
                    "overflow error, yet the fixed point lies below the largest double", NAN);
        }
        return inf;
      }
    });
    if (b) {
      check_probability(fn, "blocking", *b);
      const char* fn_t = "erlang::extended_erlang_b_offered_traffic";
      if (!(*total >= e0)) {
        violation(fn_t, "below the first-attempt traffic", *total);
      }
      if (std::isinf(*total) && *b < erlang::erlang_b(max_double, m) * (1 - slack)) {
        violation(fn, "below Erlang B at the largest double, under the total traffic", *b);
      }
      if (std::isfinite(*total) && *total > 0 && *total < 1e300) {
        const double plain = erlang::erlang_b(*total, m);
        if (std::fabs(plain - *b) > 1e-9 * plain + 1e-300) {
          violation(fn, "not Erlang B at the total traffic: " + std::to_string(plain), *b);
        }
        const double fixed = e0 + r * *total * *b;
        // Subnormal traffic carries a few bits only: an absolute slack of a few of its ulps.
        if (std::fabs(fixed - *total) > 1e-9 * *total + 4 * denorm_min) {
          violation(fn_t, "not a fixed point: traffic + r E B = " + std::to_string(fixed), *total);
        }
      }
    }
    fn = "erlang::extended_erlang_b_servers_for_blocking";
    const double p = a_.q1;
    const auto n =
        evaluate(fn, args_ok && open_probability(p),
                 beyond_range(
                     fn, [&] { return erlang::extended_erlang_b_servers_for_blocking(e0, r, p); },
                     [&] {
                       return (r == 1 && e0 >= max_double) ||
                              erlang::extended_erlang_b(e0, max_double, r) > p;
                     }));
    if (!n || std::isnan(*n)) {
      return;
    }
    check_whole(fn, *n);
    if (e0 == 0) {
      if (*n != 0) {
        violation(fn, "no traffic must need no servers", *n);
      }
      return;
    }
    if (*n <= check_bound) {
      const auto meets = [&](double x, double tol) {
        if (!(r < 1 || e0 < x)) {
          return false;
        }
        const double b = erlang::extended_erlang_b(e0, x, r);
        if (b < min_normal && p < min_normal) {
          // Both subnormal: decided in logarithms at the total traffic, as the solver does.
          const double total = erlang::extended_erlang_b_offered_traffic(e0, x, r);
          return erlang::log_erlang_b(total, x) <= std::log(p) + tol;
        }
        return b <= p * (1 + tol);
      };
      if (!meets(*n, slack)) {
        violation(fn, "the result does not meet the target", *n);
      }
      if (*n >= 1 && meets(*n - 1, -slack)) {
        violation(fn, "not minimal: one server fewer meets the target", *n);
      }
    }
  }

  // ---- M/M/c/K and M/M/c/K+M ---------------------------------------------------------

  void check_finite_measures(const char* fn, const erlang::finite_queue_measures<double>& r,
                             double e, double c, double n, double h) const {
    check_queue_measures(fn, r, e, h);
    check_probability(fn, "blocking", r.blocking);
    const double tol = 1e-12;
    if (r.blocking + r.wait_probability > 1 + tol) {
      violation(fn, "blocking + P(wait) above 1: P(wait) " + std::to_string(r.wait_probability),
                r.blocking);
    }
    if (r.service_level > 1 - r.blocking - r.abandon_probability + tol) {
      violation(fn, "service level above the answered calls", r.service_level);
    }
    if (r.service_level < 1 - r.blocking - r.wait_probability - tol) {
      violation(fn, "service level below the calls answered at once", r.service_level);
    }
    if (r.mean_queue_length > n * (1 + tol)) {
      violation(fn, "mean queue above the waiting places", r.mean_queue_length);
    }
    if (n == 0 && (r.wait_probability != 0 || r.mean_queue_length != 0)) {
      violation(fn, "no waiting places but calls wait", r.wait_probability);
    }
    if (e == 0 && (r.blocking != 0 || r.wait_probability != 0)) {
      violation(fn, "no traffic but blocking or waiting", r.blocking);
    }
    // Carried traffic: the calls neither blocked nor abandoned.
    const double occ = e / c * (1 - r.blocking - r.abandon_probability);
    if (std::isfinite(occ) && occ <= 1 &&
        std::fabs(occ - r.occupancy) > 1e-9 * occ + 1e-12 * (e / c) + 1e-300) {
      violation(fn, "occupancy is not E/c (1 - blocking - P(abandon)) = " + std::to_string(occ),
                r.occupancy);
    }
  }

  void check_finite_queue() const {
    const char* fn = "erlang::finite_queue";
    const double e = a_.traffic;
    const double c = a_.servers;
    const double n = a_.waiting;
    const double h = a_.handling_time;
    const double t = a_.answer_time;
    const bool core_ok = finite_non_negative(e) && count(c, 1) && count(n, 0) && c + n <= max_count;
    const bool valid =
        core_ok && finite_positive(h) && finite_non_negative(t) && std::isfinite(t / h);
    const auto r = evaluate(fn, valid, [&] { return erlang::finite_queue(e, c, h, n, t); });
    const auto b = evaluate("erlang::finite_queue_blocking", core_ok,
                            [&] { return erlang::finite_queue_blocking(e, c, n); });
    const auto w = evaluate("erlang::finite_queue_wait_probability", core_ok,
                            [&] { return erlang::finite_queue_wait_probability(e, c, n); });
    const auto lq = evaluate("erlang::finite_queue_mean_queue_length", core_ok,
                             [&] { return erlang::finite_queue_mean_queue_length(e, c, n); });
    const auto occ = evaluate("erlang::finite_queue_occupancy", core_ok,
                              [&] { return erlang::finite_queue_occupancy(e, c, n); });
    const auto sl = evaluate("erlang::finite_queue_service_level", valid,
                             [&] { return erlang::finite_queue_service_level(e, c, h, n, t); });
    const auto asa =
        evaluate("erlang::finite_queue_average_speed_of_answer", core_ok && finite_positive(h),
                 [&] { return erlang::finite_queue_average_speed_of_answer(e, c, h, n); });
    if (!r) {
      return;
    }
    check_finite_measures(fn, *r, e, c, n, h);
    if (r->abandon_probability != 0) {
      violation(fn, "callers abandon in M/M/c/K", r->abandon_probability);
    }
    const auto same = [&](const char* f, double single, double field) {
      if (!(single == field) && !(std::isnan(single) && std::isnan(field))) {
        violation(f, "differs from the field of finite_queue " + std::to_string(field), single);
      }
    };
    same("erlang::finite_queue_blocking", *b, r->blocking);
    same("erlang::finite_queue_wait_probability", *w, r->wait_probability);
    same("erlang::finite_queue_mean_queue_length", *lq, r->mean_queue_length);
    same("erlang::finite_queue_occupancy", *occ, r->occupancy);
    same("erlang::finite_queue_service_level", *sl, r->service_level);
    same("erlang::finite_queue_average_speed_of_answer", *asa, r->average_speed_of_answer);
    if (n == 0 && e > 0) {
      const double plain = erlang::erlang_b(e, c);
      if (std::fabs(plain - r->blocking) > 1e-10 * plain + 1e-300) {
        violation(fn, "K = c is not Erlang B " + std::to_string(plain), r->blocking);
      }
    }
  }

  void check_finite_queue_abandonment() const {
    const char* fn = "erlang::finite_queue_abandonment";
    const double e = a_.traffic;
    const double c = a_.servers;
    const double n = a_.waiting;
    const double h = a_.handling_time;
    const double p = a_.patience;
    const double t = a_.answer_time;
    const bool valid = finite_non_negative(e) && count(c, 1) && count(n, 0) && c + n <= max_count &&
                       finite_positive(h) && finite_non_negative(t) && p > 0 && h / p <= 1e290 &&
                       std::isfinite(t / h);
    const auto r =
        evaluate(fn, valid, [&] { return erlang::finite_queue_abandonment(e, c, h, p, n, t); });
    if (!r) {
      return;
    }
    check_finite_measures(fn, *r, e, c, n, h);
    if (std::isfinite(p)) {
      const double tiny = 1e-250;
      const double ab = r->mean_wait / p;
      if (r->abandon_probability > tiny && r->mean_wait > tiny && std::isfinite(ab) &&
          std::fabs(ab - r->abandon_probability) > 1e-8 * r->abandon_probability) {
        violation(fn, "P(abandon) differs from mean wait / patience = " + std::to_string(ab),
                  r->abandon_probability);
      }
    } else if (r->abandon_probability != 0) {
      violation(fn, "infinite patience but callers abandon", r->abandon_probability);
    }
  }

  [[nodiscard]] bool finite_meets(const erlang::finite_queue_measures<double>& m,
                                  double tol) const {
    const auto& t = targets_;
    return (!max_blocking_ || m.blocking <= *max_blocking_ * (1 + tol)) &&
           (!t.service_level || m.service_level >= *t.service_level * (1 - tol)) &&
           (!t.max_asa || m.average_speed_of_answer <= *t.max_asa * (1 + tol)) &&
           (!t.max_wait_probability ||
            m.wait_probability + m.blocking <= *t.max_wait_probability * (1 + tol)) &&
           (!t.max_occupancy || m.occupancy <= *t.max_occupancy * (1 + tol)) &&
           (!t.max_abandon || m.abandon_probability <= *t.max_abandon * (1 + tol));
  }

  /// M/M/c/K (with_abandon false) has no abandonment: an abandonment target is a domain
  /// error there.
  [[nodiscard]] bool finite_solver_valid(bool with_abandon) const {
    return finite_non_negative(a_.traffic) && a_.traffic <= max_count &&
           finite_positive(a_.handling_time) && count(a_.waiting, 0) && targets_valid() &&
           (!max_blocking_ || open_probability(*max_blocking_)) &&
           (max_blocking_ || any_target(with_abandon)) && (with_abandon || !targets_.max_abandon) &&
           std::isfinite(targets_.answer_time / a_.handling_time);
  }

  /// Solver result n: whole, 0 exactly for no traffic, meets(n) and not meets(n - 1).
  template <class Measures>
  void check_least_agents(const char* fn, double n, Measures measures) const {
    if (count_overflows(n)) {
      return;
    }
    check_whole(fn, n);
    if (a_.traffic == 0) {
      if (n != 0) {
        violation(fn, "no traffic must need no agents", n);
      }
      return;
    }
    if (n < 1) {
      violation(fn, "traffic needs at least one agent", n);
    }
    if (n <= check_bound && normal_scale()) {
      if (!finite_meets(measures(n), slack)) {
        violation(fn, "the result does not meet the targets", n);
      }
      if (n > 1 && finite_meets(measures(n - 1), -slack)) {
        violation(fn, "not minimal: one agent fewer meets the targets", n);
      }
    }
  }

  void check_finite_queue_agents() const {
    const char* fn = "erlang::finite_queue_agents_for_targets";
    const double e = a_.traffic;
    const double h = a_.handling_time;
    const double w = a_.waiting;
    const auto measures = [&](double c) {
      return erlang::finite_queue(e, c, h, w, targets_.answer_time);
    };
    const auto n = evaluate(
        fn, finite_solver_valid(false),
        beyond_range(
            fn, [&] { return erlang::finite_queue_agents_for_targets(e, h, w, finite_targets()); },
            [&] { return !finite_meets(measures(max_count - w), -slack); }));
    if (n && !std::isnan(*n)) {
      check_least_agents(fn, *n, measures);
    }
  }

  void check_finite_queue_abandonment_agents() const {
    const char* fn = "erlang::finite_queue_abandonment_agents_for_targets";
    const double e = a_.traffic;
    const double h = a_.handling_time;
    const double p = a_.patience;
    const double w = a_.waiting;
    const auto measures = [&](double c) {
      return erlang::finite_queue_abandonment(e, c, h, p, w, targets_.answer_time);
    };
    const auto n = evaluate(fn, finite_solver_valid(true) && p > 0 && h / p <= 1e290,
                            beyond_range(
                                fn,
                                [&] {
                                  return erlang::finite_queue_abandonment_agents_for_targets(
                                      e, h, p, w, finite_targets());
                                },
                                [&] { return !finite_meets(measures(max_count - w), -slack); }));
    if (n && !std::isnan(*n)) {
      check_least_agents(fn, *n, measures);
    }
  }

  /// The targets with the blocking target, for the finite-queue solvers.
  [[nodiscard]] erlang::staffing_targets<double> finite_targets() const {
    auto t = targets_;
    t.max_blocking = max_blocking_;
    return t;
  }

  arguments a_;
  erlang::staffing_targets<double> targets_;
  std::optional<double> max_blocking_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  contract(decode(data, size)).check_all();
  return 0;
}
