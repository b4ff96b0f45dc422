// Fuzz target: the erlangc value parsers (src/units.hpp) over arbitrary text.
//
// Contract checked on every input: each parser either throws erlangc::usage_error with a
// non-empty message, or returns a finite result in its documented range, and throws
// nothing else:
//   - parse_number: the value strtod reads from the same text (whole text, blanks
//     trimmed);
//   - parse_duration: >= 0; for the colon forms m:ss and h:mm:ss, the value of the fields
//     read independently (a form whose value overflows must be refused);
//   - parse_ratio: >= 0, and <= 1 unless written with '%';
//   - parse_rate, parse_traffic: >= 0;
//   - parse_count: a whole number in [0, 1e12];
//   - parse_count_list: at most max_items whole numbers in [0, 1e12];
//   - parse_probability_list: at least one value, each in (0, 1);
//   - parse_clock: nothing, or seconds >= 0 and below one day without a date;
//   - parse_service_level: fraction in (0, 1), answer time (when given) >= 0.
// A violation prints the parser, the input (escaped) and the result, and aborts, which
// libFuzzer reports as a crash.
//
// Input layout: byte 0 selects the parser (modulo 10), the rest is the text.
#include "units.hpp"

#include "errors.hpp"
#include "escaped.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace {

using erlang::fuzz::escaped;

[[noreturn]] void fail(const char* parser, std::string_view text, const std::string& problem,
                       double result) {
  std::fprintf(stderr, "contract violation: erlangc::%s(\"%s\"): %s\n  result %.17g (%a)\n", parser,
               escaped(text).c_str(), problem.c_str(), result, result);
  std::abort();
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_blank(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

/// The value strtod reads from the whole text, or NaN when it reads only part of it.
double strtod_of(std::string_view text) {
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() ? v : NAN;
}

/// The value of a colon duration (digits, with a fraction in the last field) read field by
/// field with strtod, or NaN when the text is not of that form.
double colon_reference(std::string_view text) {
  double total = 0;
  std::size_t fields = 0;
  while (true) {
    const auto colon = text.find(':');
    const std::string_view field = trimmed(text.substr(0, colon));
    total = total * 60 + strtod_of(field);
    ++fields;
    if (colon == std::string_view::npos) {
      break;
    }
    text.remove_prefix(colon + 1);
  }
  return fields >= 2 ? total : NAN;
}

template <class F>
void expect(const char* parser, std::string_view text, F f) {
  try {
    f();
  } catch (const erlangc::usage_error& e) {
    if (std::string_view(e.what()).empty()) {
      fail(parser, text, "usage_error without a message", NAN);
    }
  } catch (const std::exception& e) {
    fail(parser, text, std::string("unexpected exception: ") + e.what(), NAN);
  } catch (...) {
    fail(parser, text, "unexpected exception of an unknown type", NAN);
  }
}

void require(bool ok, const char* parser, std::string_view text, const char* problem,
             double result) {
  if (!ok) {
    fail(parser, text, problem, result);
  }
}

bool whole_count(double v) { return std::isfinite(v) && v >= 0 && v <= 1e12 && v == std::floor(v); }

void check(unsigned selector, std::string_view text) {
  switch (selector % 10) {
    case 0:
      expect("parse_number", text, [&] {
        const double v = erlangc::parse_number(text);
        require(std::isfinite(v), "parse_number", text, "not finite", v);
        std::string_view t = trimmed(text);
        if (!t.empty() && t.front() == '+') {
          t.remove_prefix(1);
        }
        const double ref = strtod_of(t);
        require(v == ref, "parse_number", text, "differs from strtod", v);
      });
      break;
    case 1:
      expect("parse_duration", text, [&] {
        const double v = erlangc::parse_duration(text);
        require(std::isfinite(v) && v >= 0, "parse_duration", text, "not finite and >= 0", v);
        if (text.find(':') != std::string_view::npos) {
          const double ref = colon_reference(trimmed(text));
          require(std::isfinite(ref) && std::fabs(v - ref) <= 1e-12 * ref, "parse_duration", text,
                  ("differs from the fields read one by one: " + std::to_string(ref)).c_str(), v);
        }
      });
      break;
    case 2:
      expect("parse_ratio", text, [&] {
        const double v = erlangc::parse_ratio(text);
        require(std::isfinite(v) && v >= 0, "parse_ratio", text, "not finite and >= 0", v);
        require(v <= 1 || text.find('%') != std::string_view::npos, "parse_ratio", text,
                "a bare fraction above 1", v);
      });
      break;
    case 3:
      expect("parse_rate", text, [&] {
        const double v = erlangc::parse_rate(text);
        require(std::isfinite(v) && v >= 0, "parse_rate", text, "not finite and >= 0", v);
      });
      break;
    case 4:
      expect("parse_traffic", text, [&] {
        const double v = erlangc::parse_traffic(text);
        require(std::isfinite(v) && v >= 0, "parse_traffic", text, "not finite and >= 0", v);
      });
      break;
    case 5:
      expect("parse_count", text, [&] {
        const double v = erlangc::parse_count(text);
        require(whole_count(v), "parse_count", text, "not a whole number in [0, 1e12]", v);
      });
      break;
    case 6:
      expect("parse_count_list", text, [&] {
        constexpr std::size_t max_items = 1000;
        const std::vector<double> v = erlangc::parse_count_list(text, max_items);
        require(v.size() <= max_items, "parse_count_list", text, "more than max_items values",
                static_cast<double>(v.size()));
        for (const double x : v) {
          require(whole_count(x), "parse_count_list", text,
                  "an item not a whole number in [0, 1e12]", x);
        }
      });
      break;
    case 7:
      expect("parse_probability_list", text, [&] {
        const std::vector<double> v = erlangc::parse_probability_list(text);
        require(!v.empty(), "parse_probability_list", text, "empty list", 0);
        for (const double x : v) {
          require(x > 0 && x < 1, "parse_probability_list", text, "an item outside (0, 1)", x);
        }
      });
      break;
    case 8:
      expect("parse_clock", text, [&] {
        const auto c = erlangc::parse_clock(text);
        if (c) {
          require(std::isfinite(c->seconds), "parse_clock", text, "not finite", c->seconds);
          require(c->has_date || (c->seconds >= 0 && c->seconds < 86400), "parse_clock", text,
                  "a time of day outside [0, 24 h)", c->seconds);
        }
      });
      break;
    default:
      expect("parse_service_level", text, [&] {
        const auto s = erlangc::parse_service_level(text);
        require(s.fraction > 0 && s.fraction < 1, "parse_service_level", text,
                "fraction outside (0, 1)", s.fraction);
        if (s.answer_time) {
          require(std::isfinite(*s.answer_time) && *s.answer_time >= 0, "parse_service_level", text,
                  "answer time not finite and >= 0", *s.answer_time);
        }
        require(s.answer_time.has_value() == (text.find('/') != std::string_view::npos),
                "parse_service_level", text, "answer time given exactly when there is a '/'",
                s.fraction);
      });
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  check(data[0], text);
  return 0;
}
