#include "units.hpp"

#include "errors.hpp"
#include "output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace erlangc {
namespace {

constexpr double max_count = 1e12;

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && blank(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && blank(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string shown(std::string_view text) {
  constexpr std::size_t longest = 64;
  const std::string_view head = text.size() <= longest ? text : text.substr(0, longest - 4);
  std::string s = escape_controls(head);
  if (head.size() < text.size()) {
    s += fmt::format("... ({} bytes)", text.size());
  }
  return s;
}

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool is_one_of(std::string_view unit, std::initializer_list<std::string_view> names) {
  return std::any_of(names.begin(), names.end(),
                     [unit](std::string_view n) { return iequals(unit, n); });
}

/// A number at the start of `text` followed by an optional unit (blanks between allowed).
struct number_and_unit {
  double value;
  std::string_view unit;
  std::string_view number;  ///< the number as written
};

/// The double nearest to the decimal `number` times 10^shift: the exponent of the text is
/// moved, so "1.1" with shift -2 reads "1.1e-2", 0.011 and not 1.1 / 100.
double shifted(std::string_view number, int shift) {
  const auto e = number.find_first_of("eE");
  long exponent = 0;
  if (e != std::string_view::npos) {
    std::from_chars(number.data() + e + 1 + (number[e + 1] == '+' ? 1 : 0),
                    number.data() + number.size(), exponent);
  }
  const std::string text =
      fmt::format("{}e{}", number.substr(0, e), exponent + static_cast<long>(shift));
  double v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range) {
    // Below the smallest subnormal: 0 (from_chars leaves v unchanged).
    return 0;
  }
  return v + 0.0;
}

number_and_unit split_number(std::string_view original) {
  std::string_view text = trim(original);
  if (text.empty()) {
    throw usage_error("the value is empty");
  }
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (*first == '+') {
    ++first;
    if (first != last && (*first == '-' || *first == '+')) {
      throw usage_error(fmt::format("'{}' is not a number", shown(original)));
    }
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    throw usage_error(fmt::format("'{}' is out of range", shown(original)));
  }
  if (ec != std::errc() || ptr == first) {
    throw usage_error(fmt::format("'{}' is not a number", shown(original)));
  }
  if (!std::isfinite(value)) {
    throw usage_error(fmt::format("'{}' is not a finite number", shown(original)));
  }
  return {value + 0.0, trim(std::string_view(ptr, static_cast<std::size_t>(last - ptr))),
          std::string_view(first, static_cast<std::size_t>(ptr - first))};
}

/// `value`, or a usage_error when the text's value overflowed to infinity.
double finite_or_out_of_range(double value, std::string_view original) {
  if (!std::isfinite(value)) {
    throw usage_error(fmt::format("'{}' is out of range", shown(original)));
  }
  return value;
}

void require_non_negative(double value, std::string_view original) {
  if (value < 0) {
    throw usage_error(fmt::format("'{}' is negative", shown(original)));
  }
}

/// Seconds in one unit of time, or 0 when `unit` names none.
double seconds_per(std::string_view unit) {
  if (is_one_of(unit, {"s", "sec", "secs", "second", "seconds"})) {
    return 1;
  }
  if (is_one_of(unit, {"m", "min", "mins", "minute", "minutes"})) {
    return 60;
  }
  if (is_one_of(unit, {"h", "hr", "hrs", "hour", "hours"})) {
    return 3600;
  }
  return 0;
}

/// The power of ten of a metric time unit below the second (ms -3, us -6), 0 for none.
int metric_shift(std::string_view unit) {
  if (is_one_of(unit, {"ms", "msec", "msecs", "millisecond", "milliseconds"})) {
    return -3;
  }
  if (is_one_of(unit, {"us", "\xC2\xB5s", "usec", "usecs", "microsecond", "microseconds"})) {
    return -6;
  }
  return 0;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> split(std::string_view text, char sep);

/// "m:ss" or "h:mm:ss" (the last field may have a fraction).
double parse_colon_duration(std::string_view original, std::string_view text) {
  const auto parts = split(text, ':');
  const auto bad = [&] {
    return usage_error(fmt::format("'{}' is not a duration: write 20s, 3m, 1.5h, m:ss or h:mm:ss",
                                   shown(original)));
  };
  if (parts.size() < 2 || parts.size() > 3) {
    throw bad();
  }
  double total = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view p = parts[i];
    const auto dot = p.find('.');
    const bool ok = i + 1 == parts.size()
                        ? all_digits(p.substr(0, dot)) &&
                              (dot == std::string_view::npos || all_digits(p.substr(dot + 1)))
                        : all_digits(p);
    if (!ok) {
      throw bad();
    }
    double v = 0;
    if (std::from_chars(p.data(), p.data() + p.size(), v, std::chars_format::fixed).ec !=
        std::errc()) {
      throw usage_error(fmt::format("'{}' is out of range", shown(original)));
    }
    if (i > 0 && v >= 60) {
      throw bad();
    }
    total = total * 60 + v;
  }
  return finite_or_out_of_range(total, original);
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    const auto pos = text.find(sep);
    out.push_back(trim(text.substr(0, pos)));
    if (pos == std::string_view::npos) {
      return out;
    }
    text.remove_prefix(pos + 1);
  }
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int to_int(std::string_view digits) {
  int v = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return v;
}

/// "H:MM", "HH:MM", "HH:MM:SS" or "HH:MM:SS.fff" -> seconds since midnight.
std::optional<double> parse_time_of_day(std::string_view t) {
  const auto c1 = t.find(':');
  if (c1 == std::string_view::npos || c1 < 1 || c1 > 2 || !all_digits(t.substr(0, c1))) {
    return std::nullopt;
  }
  const int h = to_int(t.substr(0, c1));
  std::string_view rest = t.substr(c1 + 1);
  if (rest.size() < 2 || !all_digits(rest.substr(0, 2))) {
    return std::nullopt;
  }
  const int mi = to_int(rest.substr(0, 2));
  rest.remove_prefix(2);
  double s = 0;
  if (!rest.empty()) {
    if (rest.front() != ':' || rest.size() < 3 || !all_digits(rest.substr(1, 2))) {
      return std::nullopt;
    }
    s = to_int(rest.substr(1, 2));
    rest.remove_prefix(3);
    if (!rest.empty()) {
      if (rest.front() != '.' || !all_digits(rest.substr(1))) {
        return std::nullopt;
      }
      // The fraction of a second: ".ddd" read as "0.ddd". A fraction too small for a double
      // (out of range: underflow) is 0.
      const std::string fraction = "0" + std::string(rest);
      double f = 0;
      std::from_chars(fraction.data(), fraction.data() + fraction.size(), f,
                      std::chars_format::fixed);
      s += f;
    }
  }
  if (h > 23 || mi > 59 || s >= 60) {
    return std::nullopt;
  }
  // 23:59:59.99999999999999 is before midnight although the sum rounds up to 86400.
  return std::min(h * 3600.0 + mi * 60.0 + s, std::nextafter(86400.0, 0.0));
}

}  // namespace

double parse_number(std::string_view text) {
  const auto nu = split_number(text);
  if (!nu.unit.empty()) {
    throw usage_error(fmt::format("'{}' is not a number", shown(text)));
  }
  return nu.value;
}

double parse_duration(std::string_view original) {
  const std::string_view text = trim(original);
  if (text.find(':') != std::string_view::npos) {
    if (!text.empty() && text.front() == '-') {
      throw usage_error(fmt::format("'{}' is negative", shown(original)));
    }
    return parse_colon_duration(original, text);
  }
  const auto nu = split_number(text);
  require_non_negative(nu.value, original);
  if (nu.unit.empty()) {
    return nu.value;
  }
  if (const int shift = metric_shift(nu.unit); shift != 0) {
    return shifted(nu.number, shift);
  }
  const double scale = seconds_per(nu.unit);
  if (scale == 0) {
    throw usage_error(
        fmt::format("'{}' has an unknown time unit '{}': use us, ms, s, m or h (a bare "
                    "number is seconds)",
                    shown(original), shown(nu.unit)));
  }
  return finite_or_out_of_range(nu.value * scale, original);
}

double parse_ratio(std::string_view original) {
  const auto nu = split_number(original);
  require_non_negative(nu.value, original);
  if (nu.unit == "%") {
    return shifted(nu.number, -2);
  }
  if (!nu.unit.empty()) {
    throw usage_error(
        fmt::format("'{}' has an unknown unit '{}': write a percentage (80%) or a fraction (0.8)",
                    shown(original), shown(nu.unit)));
  }
  if (nu.value > 1) {
    throw usage_error(
        fmt::format("'{}' is not a fraction between 0 and 1: write {}% for a percentage",
                    shown(trim(original)), shown(trim(original))));
  }
  return nu.value;
}

service_level_spec parse_service_level(std::string_view original) {
  const std::string_view text = trim(original);
  const auto slash = text.find('/');
  const std::string_view left = trim(text.substr(0, slash));
  const auto nu = split_number(left);
  require_non_negative(nu.value, original);
  double fraction = 0;
  if (nu.unit == "%") {
    fraction = shifted(nu.number, -2);
  } else if (nu.unit.empty()) {
    fraction = nu.value >= 1 ? shifted(nu.number, -2) : nu.value;
  } else {
    throw usage_error(fmt::format(
        "'{}' is not a service level: write 80/20s (80 % of calls answered within 20 s)",
        shown(original)));
  }
  if (!(fraction > 0 && fraction < 1)) {
    throw usage_error(
        fmt::format("'{}': the service level must be above 0 % and below 100 %", shown(original)));
  }
  service_level_spec spec{fraction, std::nullopt};
  if (slash != std::string_view::npos) {
    try {
      spec.answer_time = parse_duration(text.substr(slash + 1));
    } catch (const usage_error& e) {
      throw usage_error(
          fmt::format("'{}': the answer time after '/' is wrong: {}", shown(original), e.what()));
    }
  }
  return spec;
}

std::optional<decimal_fraction> parse_decimal_ratio(std::string_view text) {
  const auto nu = split_number(text);
  if (nu.value < 0 || (!nu.unit.empty() && nu.unit != "%")) {
    return std::nullopt;
  }
  const std::string_view number = nu.number;
  const auto e = number.find_first_of("eE");
  long exponent = 0;
  if (e != std::string_view::npos &&
      std::from_chars(number.data() + e + 1 + (number[e + 1] == '+' ? 1 : 0),
                      number.data() + number.size(), exponent)
              .ec != std::errc()) {
    return std::nullopt;
  }
  std::uint64_t digits = 0;
  int decimals = nu.unit == "%" ? 2 : 0;
  bool after_point = false;
  for (const char c : number.substr(0, e)) {
    if (c == '.') {
      after_point = true;
      continue;
    }
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    if (digits > (std::uint64_t{1} << 59)) {
      return std::nullopt;  // more digits than an exact 64-bit fraction holds
    }
    digits = digits * 10 + static_cast<std::uint64_t>(c - '0');
    decimals += after_point ? 1 : 0;
  }
  long power = decimals - exponent;
  while (power < 0 && digits <= (std::uint64_t{1} << 59)) {
    digits *= 10;
    ++power;
  }
  if (power < 0 || power > 18) {
    return std::nullopt;
  }
  std::uint64_t denominator = 1;
  for (long i = 0; i < power; ++i) {
    denominator *= 10;
  }
  return decimal_fraction{digits, denominator};
}

namespace {

/// What may name the things counted in a rate: "1200 req/s", "50 calls/m".
bool is_rate_noun(std::string_view word) {
  return word.empty() ||
         is_one_of(word,
                   {"req",  "reqs",    "request",  "requests",     "call",          "calls", "msg",
                    "msgs", "message", "messages", "job",          "jobs",          "op",    "ops",
                    "tx",   "query",   "queries",  "conversation", "conversations", "chats"});
}

/// Rates per second written as one word: "1200rps", "300 qps".
bool is_per_second_word(std::string_view word) {
  return is_one_of(word, {"rps", "qps", "tps", "ops/s"});
}

}  // namespace

double parse_rate(std::string_view original) {
  const std::string_view text = trim(original);
  const auto slash = text.find('/');
  const auto nu = split_number(text.substr(0, slash));
  require_non_negative(nu.value, original);
  // A multiplier k (10^3) or M (10^6) before the noun: "1.2k/s", "2M req/h".
  std::string_view noun = nu.unit;
  int shift = 0;
  if (!noun.empty() && (noun.front() == 'k' || noun.front() == 'K' || noun.front() == 'M') &&
      (noun.size() == 1 || noun[1] == ' ' || is_rate_noun(trim(noun.substr(1))) ||
       is_per_second_word(trim(noun.substr(1))))) {
    shift = noun.front() == 'M' ? 6 : 3;
    noun = trim(noun.substr(1));
  }
  const auto bad = [&] {
    return usage_error(fmt::format(
        "'{}' is not a rate: write 1200/s, 1.2k/s, 1200 req/s, 200/h, 3.5/m, 5/ms or 100/30m "
        "(a bare number is per second)",
        shown(original)));
  };
  if (slash == std::string_view::npos) {
    if (!noun.empty() && !is_per_second_word(noun)) {
      throw bad();
    }
    return finite_or_out_of_range(shifted(nu.number, shift), original);
  }
  if (!is_rate_noun(noun)) {
    throw bad();
  }
  std::string_view per = trim(text.substr(slash + 1));
  if (const int metric = metric_shift(per); metric != 0) {  // per ms, per us: exact
    return finite_or_out_of_range(shifted(nu.number, shift - metric), original);
  }
  double seconds = 0;
  if (!per.empty() && seconds_per(per) > 0) {
    seconds = seconds_per(per);
  } else {
    try {
      seconds = parse_duration(per);
    } catch (const usage_error&) {
      throw usage_error(fmt::format(
          "'{}' has an unknown time unit after '/': write 200/h, 3.5/m, 0.05/s, 5/ms or 100/30m",
          shown(original)));
    }
  }
  if (!(seconds > 0)) {
    throw usage_error(
        fmt::format("'{}': the period after '/' must be longer than 0", shown(original)));
  }
  return finite_or_out_of_range(shifted(nu.number, shift) / seconds, original);
}

double parse_traffic(std::string_view original) {
  const auto nu = split_number(original);
  require_non_negative(nu.value, original);
  if (!nu.unit.empty() && !is_one_of(nu.unit, {"e", "erl", "erlang", "erlangs"})) {
    throw usage_error(
        fmt::format("'{}' has an unknown unit '{}': traffic is in erlangs (10 or 10E)",
                    shown(original), shown(nu.unit)));
  }
  return nu.value;
}

double parse_count(std::string_view original) {
  const double v = parse_number(original);
  require_non_negative(v, original);
  if (v != std::floor(v)) {
    throw usage_error(fmt::format("'{}' is not a whole number", shown(trim(original))));
  }
  if (v > max_count) {
    throw usage_error(fmt::format("'{}' is too large (at most 1e12)", shown(trim(original))));
  }
  return v;
}

std::vector<double> parse_count_list(std::string_view text, std::size_t max_items) {
  std::vector<double> out;
  for (const std::string_view item : split(text, ',')) {
    if (item.empty()) {
      throw usage_error(fmt::format("'{}' has an empty item", shown(text)));
    }
    const auto dash = item.find('-', 1);
    if (dash == std::string_view::npos) {
      out.push_back(parse_count(item));
    } else {
      const std::string_view to_and_step = item.substr(dash + 1);
      const auto colon = to_and_step.find(':');
      const double a = parse_count(item.substr(0, dash));
      const double b = parse_count(to_and_step.substr(0, colon));
      const double step =
          colon == std::string_view::npos ? 1 : parse_count(to_and_step.substr(colon + 1));
      if (a > b) {
        throw usage_error(fmt::format("'{}': the range runs backwards", shown(item)));
      }
      if (step < 1) {
        throw usage_error(fmt::format("'{}': the step must be at least 1", shown(item)));
      }
      if ((b - a) / step + static_cast<double>(out.size()) >= static_cast<double>(max_items)) {
        throw usage_error(fmt::format("'{}' has more than {} values", shown(text), max_items));
      }
      for (double v = a; v <= b; v += step) {
        out.push_back(v);
      }
    }
    if (out.size() > max_items) {
      throw usage_error(fmt::format("'{}' has more than {} values", shown(text), max_items));
    }
  }
  return out;
}

std::vector<double> parse_percentile_list(const std::string& s) {
  std::vector<double> out;
  for (std::string_view item : split(s, ',')) {
    item = trim(item);
    if (!item.empty() && item.back() == '%') {
      item.remove_suffix(1);
    }
    if (item.empty()) {
      throw usage_error(fmt::format("'{}' has an empty item", shown(s)));
    }
    const double p = parse_number(item);
    if (!(p > 0 && p < 100)) {
      throw usage_error(fmt::format(
          "'{}': a percentile must lie above 0 and below 100 (e.g. 50,90,99)", shown(s)));
    }
    out.push_back(shifted(item, -2));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > 20) {
    throw usage_error(fmt::format("'{}': at most 20 percentiles", shown(s)));
  }
  return out;
}

std::string percentile_key(double fraction) {
  std::string s = fmt::format("p{:.10g}", fraction * 100);
  std::replace(s.begin(), s.end(), '.', '_');
  return s;
}

std::vector<double> parse_probability_list(std::string_view text) {
  std::vector<double> out;
  for (const std::string_view item : split(text, ',')) {
    if (item.empty()) {
      throw usage_error(fmt::format("'{}' has an empty item", shown(text)));
    }
    const double p = parse_ratio(item);
    if (!(p > 0 && p < 1)) {
      throw usage_error(fmt::format(
          "'{}' is out of range: each value must be above 0 % and below 100 %", shown(item)));
    }
    out.push_back(p);
  }
  return out;
}

/// A time of day with an optional AM/PM suffix ("8:30 AM", "12:15pm"): hours 1-12 then.
std::optional<double> parse_time_of_day_12h(std::string_view t) {
  t = trim(t);
  if (t.size() < 2) {
    return parse_time_of_day(t);
  }
  const std::string_view suffix = t.substr(t.size() - 2);
  const bool am = iequals(suffix, "am");
  const bool pm = iequals(suffix, "pm");
  if (!am && !pm) {
    return parse_time_of_day(t);
  }
  const std::string_view clock = trim(t.substr(0, t.size() - 2));
  const auto colon = clock.find(':');
  const auto tod = parse_time_of_day(clock);
  if (!tod || colon == std::string_view::npos) {
    return std::nullopt;
  }
  const int h = to_int(clock.substr(0, colon));
  if (h < 1 || h > 12) {
    return std::nullopt;
  }
  // 12 AM is midnight, 12 PM noon.
  const double hour_shift = (h == 12 ? -12.0 : 0.0) + (pm ? 12.0 : 0.0);
  return *tod + hour_shift * 3600;
}

/// An ISO 8601 offset at the end of a date and time: "Z", "+01:00", "-0530"; its seconds
/// east of UTC, and `t` without it.
std::optional<double> split_offset(std::string_view& t) {
  if (!t.empty() && (t.back() == 'Z' || t.back() == 'z')) {
    t.remove_suffix(1);
    return 0.0;
  }
  const auto sign = t.find_last_of("+-");
  if (sign == std::string_view::npos || sign < 4) {
    return std::nullopt;
  }
  std::string_view offset = t.substr(sign + 1);
  std::string digits;
  for (const char c : offset) {
    if (c != ':') {
      digits += c;
    }
  }
  if ((digits.size() != 2 && digits.size() != 4) || !all_digits(digits)) {
    return std::nullopt;
  }
  const int h = to_int(std::string_view(digits).substr(0, 2));
  const int m = digits.size() == 4 ? to_int(std::string_view(digits).substr(2, 2)) : 0;
  if (h > 23 || m > 59) {
    return std::nullopt;
  }
  const double east = (t[sign] == '-' ? -1.0 : 1.0) * (h * 3600.0 + m * 60.0);
  t = t.substr(0, sign);
  return east;
}

std::optional<clock_time> parse_clock(std::string_view original) {
  std::string_view text = trim(original);
  // Optional date YYYY-MM-DD followed by 'T' or ' '.
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-' && all_digits(text.substr(0, 4)) &&
      all_digits(text.substr(5, 2)) && all_digits(text.substr(8, 2))) {
    const int y = to_int(text.substr(0, 4));
    const int m = to_int(text.substr(5, 2));
    const int d = to_int(text.substr(8, 2));
    static constexpr std::array<int, 12> month_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 ||
        d > month_days[static_cast<std::size_t>(m - 1)] + (m == 2 && leap(y) ? 1 : 0)) {
      return std::nullopt;
    }
    const double day_seconds = static_cast<double>(days_from_civil(y, static_cast<unsigned>(m),
                                                                   static_cast<unsigned>(d))) *
                               86400.0;
    if (text.size() == 10) {
      return clock_time{day_seconds, true};
    }
    if (text[10] != 'T' && text[10] != ' ') {
      return std::nullopt;
    }
    std::string_view time = text.substr(11);
    const auto east = text[10] == 'T' ? split_offset(time) : std::nullopt;
    const auto tod = parse_time_of_day_12h(time);
    if (!tod) {
      return std::nullopt;
    }
    // With an offset the instant in UTC: starts in different offsets compare correctly.
    return clock_time{day_seconds + *tod - east.value_or(0.0), true};
  }
  const auto tod = parse_time_of_day_12h(text);
  if (!tod) {
    return std::nullopt;
  }
  return clock_time{*tod, false};
}

std::string describe_duration(double seconds) {
  if (seconds >= 3600 && std::fmod(seconds, 3600) == 0) {
    return fmt::format("{:g} h", seconds / 3600);
  }
  if (seconds >= 60 && std::fmod(seconds, 60) == 0) {
    return fmt::format("{:g} min", seconds / 60);
  }
  if (seconds > 0 && seconds < 1e-3) {
    return fmt::format("{:.6g} us", seconds * 1e6);
  }
  if (seconds > 0 && seconds < 1) {
    return fmt::format("{:.6g} ms", seconds * 1e3);
  }
  return fmt::format("{:.6g} s", seconds);
}

std::string describe_percent(double fraction) { return fmt::format("{:.6g} %", 100 * fraction); }

std::string describe_count(double n, std::string_view noun) {
  std::string s = fmt::format("{:.3f}", n);  // at most 3 decimals, trailing zeros dropped
  if (!std::isfinite(n) || std::fabs(n) >= 1e15) {
    s = fmt::format("{:.6g}", n);
  } else {
    while (s.back() == '0') {
      s.pop_back();
    }
    if (s.back() == '.') {
      s.pop_back();
    }
  }
  if (!noun.empty()) {
    s += ' ';
    s += noun;
    if (n != 1) {  // batch, batches
      const bool sibilant = noun.ends_with("s") || noun.ends_with("x") || noun.ends_with("ch") ||
                            noun.ends_with("sh");
      s += sibilant ? "es" : "s";
    }
  }
  return s;
}

}  // namespace erlangc
