// Parsers for the values an analyst types: durations (20s, 3m, 1.5h, 3:20, bare seconds),
// ratios (80%, 0.8), service-level targets (80/20s), call rates (200/h), traffic (10, 10E),
// whole counts, server ranges (1-30, 10-100:10) and interval start times (08:30,
// 2024-03-04 08:30). Locale-independent. Every parser throws usage_error on bad input with
// a message that quotes the text and says what was expected; callers prefix the option
// name or the CSV location.
#ifndef ERLANGC_UNITS_HPP
#define ERLANGC_UNITS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace erlangc {

/// A finite real number, the whole text (surrounding blanks ignored), '.' as decimal mark.
double parse_number(std::string_view text);

/// A duration in seconds, >= 0: "35ms", "250us", "20", "20s", "20 sec", "3m", "3min", "1.5h",
/// "2hours", "3:20" (minutes:seconds), "1:02:30" (hours:minutes:seconds). Bare numbers are seconds.
/// Units are case-insensitive.
double parse_duration(std::string_view text);

/// A ratio as a fraction >= 0: "80%" (0.8) or a bare fraction "0.8". A bare number above 1
/// is refused (it is almost always a percentage missing its '%').
double parse_ratio(std::string_view text);

/// A service-level target "80/20s": the fraction answered and, after '/', the answer
/// time. The fraction is written "80", "80%" or "0.8" (a bare number >= 1 is a percentage,
/// below 1 a fraction); it must lie strictly between 0 and 100 %. Without '/', only the
/// fraction ("80%") and answer_time is empty.
struct service_level_spec {
  double fraction;
  std::optional<double> answer_time;  ///< seconds
};
service_level_spec parse_service_level(std::string_view text);

/// A ratio as written, exactly: numerator / denominator with the denominator a power of
/// ten ("30%" is 30 / 100, "0.125" 125 / 1000). Empty when the text is not a plain decimal
/// ratio or its digits do not fit 64 bits.
struct decimal_fraction {
  std::uint64_t numerator;
  std::uint64_t denominator;
};
std::optional<decimal_fraction> parse_decimal_ratio(std::string_view text);

/// An arrival rate in calls per second: "200/h", "200/hour", "3.5/m", "3.5/min", "0.05/s",
/// "100/30m", "5/ms", "2/us", with a noun ("1200 req/s", "60 calls/m") and a multiplier
/// k or M ("1.2k/s", "2M req/h"), "1200rps", "300 qps", or a bare number (per second). >= 0;
/// exact for the decimal written where the period is a power of ten of a second.
double parse_rate(std::string_view text);

/// Offered traffic in erlangs, >= 0: "10", "10E", "10 erl", "10 erlangs".
double parse_traffic(std::string_view text);

/// A whole number >= 0 ("14", "1e3"), at most 1e12.
double parse_count(std::string_view text);

/// A list of whole numbers: comma-separated items, each "N", "A-B" or "A-B:STEP"
/// (A <= B, STEP >= 1), e.g. "1-10,15,20-100:10". At most max_items values.
std::vector<double> parse_count_list(std::string_view text, std::size_t max_items);

/// Percentiles "50,90,99" or "95%,99.9%" (each above 0 and below 100) as fractions in
/// increasing order without repeats, at most 20.
std::vector<double> parse_percentile_list(const std::string& text);

/// "p99", "p99_9": a percentile (a fraction) in an output key.
std::string percentile_key(double fraction);

/// A comma-separated list of ratios ("0.1%,1%,0.05"), each strictly between 0 and 1.
std::vector<double> parse_probability_list(std::string_view text);

/// An interval start read as a time: "08:30", "8:30:15", "8:30 AM", "12:15pm",
/// "2024-03-04 08:30", "2024-03-04T08:30:00", and ISO 8601 with an offset
/// ("2024-03-04T08:30:00+01:00", "...Z": the instant in UTC). Returns seconds (since 1970-01-01
/// when a date is given, since midnight otherwise) or nothing when the text is not a time of those
/// forms (a label).
struct clock_time {
  double seconds;
  bool has_date;
};
std::optional<clock_time> parse_clock(std::string_view text);

/// The text as messages quote it: whole up to 64 bytes, else its first 60 bytes, "..." and
/// its length ("1111... (1048576 bytes)"), so that a hostile value cannot flood stderr;
/// control characters as \xNN, so that it cannot drive the terminal.
std::string shown(std::string_view text);

/// Human form of a duration for messages and headings: "20 s", "30 min", "1.5 h".
std::string describe_duration(double seconds);

/// Human form of a fraction as a percentage: "80 %", "0.5 %".
std::string describe_percent(double fraction);

/// A count in words, singular or plural: "1 agent", "14 agents", "0.5 calls", "2 batches"
/// (the plural adds s, or es after s, x, ch and sh); no noun: the number alone, "14". At
/// most three decimals, none for whole numbers.
std::string describe_count(double n, std::string_view noun = {});

}  // namespace erlangc

#endif  // ERLANGC_UNITS_HPP
