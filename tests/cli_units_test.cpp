// The erlangc value parsers: durations, ratios, service levels, rates, traffic, counts,
// lists and interval start times; every error names the text it refuses.
#include "cli_test_support.hpp"
#include "errors.hpp"
#include "progress.hpp"
#include "units.hpp"

#include <erlang/erlang_c.hpp>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using erlangc::usage_error;

/// The message of the usage_error `f` throws ("" if none).
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const usage_error& e) {
    return e.what();
  }
  return "";
}

/// A text a parser refuses, and a fragment its message must contain.
struct refusal {
  std::string text;
  std::string fragment;
};

/// Expects `parse` to refuse every text with a usage_error whose message has the fragment.
template <class Parse>
void expect_refusals(Parse parse, const std::vector<refusal>& cases) {
  for (const auto& c : cases) {
    EXPECT_NE(error_of([&] { parse(c.text); }).find(c.fragment), std::string::npos)
        << c.text << ": " << error_of([&] { parse(c.text); });
  }
}

TEST(CliUnits, DurationsAcceptSecondsMinutesHoursAndClockForms) {
  const std::vector<std::pair<std::string, double>> durations{
      {"20", 20},         {"20s", 20},    {" 20 sec ", 20}, {"3m", 180},       {"3min", 180},
      {"3 minutes", 180}, {"1.5h", 5400}, {"2HOURS", 7200}, {"0.5", 0.5},      {"+7s", 7},
      {"1e2s", 100},      {"3:20", 200},  {"0:20.5", 20.5}, {"1:02:30", 3750}, {"0", 0}};
  for (const auto& [text, value] : durations) {
    EXPECT_EQ(erlangc::parse_duration(text), value) << text;
  }
}

TEST(CliUnits, DurationErrorsQuoteTheText) {
  expect_refusals(erlangc::parse_duration, {{"3x", "unknown time unit 'x'"},
                                            {"-5s", "'-5s' is negative"},
                                            {"abc", "'abc' is not a number"},
                                            {"", "empty"},
                                            {"inf", "not a finite number"},
                                            {"nan", "not a finite number"},
                                            {"1e999", "out of range"},
                                            {"1:60", "'1:60' is not a duration"},
                                            {"1:2:3:4", "not a duration"},
                                            {"-1:00", "negative"},
                                            {"+-3", "not a number"},
                                            {"3 m s", "unknown time unit"}});
}

TEST(CliUnits, RatiosArePercentagesOrFractions) {
  // "120%" parses: the callers check the range.
  const std::vector<std::pair<std::string, double>> ratios{
      {"80%", 0.8}, {"80 %", 0.8}, {"0.8", 0.8}, {"1", 1}, {"0.1%", 0.001}, {"120%", 1.2}};
  for (const auto& [text, value] : ratios) {
    EXPECT_DOUBLE_EQ(erlangc::parse_ratio(text), value) << text;
  }
  expect_refusals(erlangc::parse_ratio, {{"80", "write 80% for a percentage"},
                                         {"-5%", "'-5%' is negative"},
                                         {"5x", "unknown unit 'x'"}});
}

TEST(CliUnits, ServiceLevelSpecs) {
  auto s = erlangc::parse_service_level("80/20s");
  EXPECT_DOUBLE_EQ(s.fraction, 0.8);
  ASSERT_TRUE(s.answer_time);
  EXPECT_EQ(*s.answer_time, 20);
  s = erlangc::parse_service_level("80%/0:30");
  EXPECT_DOUBLE_EQ(s.fraction, 0.8);
  EXPECT_EQ(*s.answer_time, 30);
  s = erlangc::parse_service_level("0.9/1m");
  EXPECT_DOUBLE_EQ(s.fraction, 0.9);
  EXPECT_EQ(*s.answer_time, 60);
  s = erlangc::parse_service_level("90%");
  EXPECT_DOUBLE_EQ(s.fraction, 0.9);
  EXPECT_FALSE(s.answer_time);
  s = erlangc::parse_service_level("80/20");  // bare answer time: seconds
  EXPECT_EQ(*s.answer_time, 20);
  expect_refusals(erlangc::parse_service_level, {{"100/20s", "below 100 %"},
                                                 {"0/20s", "above 0 %"},
                                                 {"80/20x", "unknown time unit 'x'"},
                                                 {"eighty/20s", "not a number"}});
}

TEST(CliUnits, RatesPerSecondMinuteHourOrPeriod) {
  const std::vector<std::pair<std::string, double>> rates{
      {"200/h", 200.0 / 3600},  {"200/hour", 200.0 / 3600}, {"3.5/m", 3.5 / 60},
      {"3.5/min", 3.5 / 60},    {"0.05/s", 0.05},           {"0.05", 0.05},
      {"100/30m", 100.0 / 1800}};
  for (const auto& [text, value] : rates) {
    EXPECT_DOUBLE_EQ(erlangc::parse_rate(text), value) << text;
  }
  // The forms software engineers write, each exact for the decimal written.
  const std::pair<const char*, double> exact[] = {
      {"1200/s", 1200},   {"1.2k/s", 1200}, {"1200 req/s", 1200},     {"1.2k req/s", 1200},
      {"1200rps", 1200},  {"300 qps", 300}, {"2M req/h", 2e6 / 3600}, {"5/ms", 5000},
      {"0.3/ms", 300},    {"2/us", 2e6},    {"1.5k", 1500},           {"60 calls/m", 1},
      {"7 requests/s", 7}};
  for (const auto& [text, value] : exact) {
    EXPECT_EQ(erlangc::parse_rate(text), value) << text;
  }
  expect_refusals(erlangc::parse_rate, {{"200/fortnight", "unknown time unit"},
                                        {"200/0s", "longer than 0"},
                                        {"-1/h", "negative"},
                                        {"5 apples/s", "is not a rate"},
                                        {"5 km/s", "is not a rate"},
                                        {"5 rpm", "is not a rate"}});
}

TEST(CliUnits, TrafficCountsAndLists) {
  EXPECT_EQ(erlangc::parse_traffic("10"), 10);
  EXPECT_EQ(erlangc::parse_traffic("10E"), 10);
  EXPECT_EQ(erlangc::parse_traffic("10 erlangs"), 10);
  expect_refusals(erlangc::parse_traffic, {{"10 calls", "unknown unit 'calls'"}});
  EXPECT_EQ(erlangc::parse_count("14"), 14);
  EXPECT_EQ(erlangc::parse_count("1e3"), 1000);
  expect_refusals(
      erlangc::parse_count,
      {{"14.5", "'14.5' is not a whole number"}, {"-1", "negative"}, {"1e13", "too large"}});
  EXPECT_EQ(erlangc::parse_count_list("1-3,10,20-40:10", 100),
            (std::vector<double>{1, 2, 3, 10, 20, 30, 40}));
  expect_refusals([](std::string_view text) { return erlangc::parse_count_list(text, 100); },
                  {{"5-1", "backwards"},
                   {"1-1000", "more than 100"},
                   {"1,,2", "empty item"},
                   {"1-5:0", "step"}});
  const auto p = erlangc::parse_probability_list("0.1%, 1%,0.05");
  ASSERT_EQ(p.size(), 3U);
  EXPECT_DOUBLE_EQ(p[0], 0.001);
  EXPECT_DOUBLE_EQ(p[1], 0.01);
  EXPECT_DOUBLE_EQ(p[2], 0.05);
  expect_refusals(erlangc::parse_probability_list, {{"1%,120%", "'120%' is out of range"}});
}

TEST(CliUnits, ClockTimesWithAndWithoutDates) {
  auto c = erlangc::parse_clock("08:30");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->seconds, 8 * 3600 + 30 * 60);
  EXPECT_FALSE(c->has_date);
  EXPECT_EQ(erlangc::parse_clock("8:30:15")->seconds, 8 * 3600 + 30 * 60 + 15);
  c = erlangc::parse_clock("1970-01-02 00:30");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->has_date);
  EXPECT_EQ(c->seconds, 86400 + 1800);
  // 2024-03-01 follows 2024-02-29 (a leap day) by one day.
  const auto leap = erlangc::parse_clock("2024-02-29T23:30:00");
  const auto next = erlangc::parse_clock("2024-03-01T00:00:00");
  ASSERT_TRUE(leap && next);
  EXPECT_EQ(next->seconds - leap->seconds, 1800);
  EXPECT_FALSE(erlangc::parse_clock("2023-02-29 08:00"));
  EXPECT_FALSE(erlangc::parse_clock("24:00"));
  EXPECT_FALSE(erlangc::parse_clock("8am"));
  EXPECT_FALSE(erlangc::parse_clock("Monday"));
  EXPECT_FALSE(erlangc::parse_clock("08:30Z"));
  // Found by the units fuzz target: a hair before midnight stays before midnight although
  // 86399.99999999999 rounds to 86400 in double.
  const auto late = erlangc::parse_clock("23:59:59.99999999999999");
  ASSERT_TRUE(late);
  EXPECT_LT(late->seconds, 86400.0);
  EXPECT_GT(late->seconds, 86399.9999);
}

// Found by the units fuzz target (fuzz/corpus/units/finding-*): values whose unit or
// fields overflow a double, and a fraction of a second too small for one.
TEST(CliUnits, OverflowingValuesAreRefusedNotInfinite) {
  expect_refusals(erlangc::parse_duration, {{"1e306h", "'1e306h' is out of range"}});
  const std::string huge_minutes = std::string(400, '9') + ":00";
  EXPECT_NE(error_of([&] { erlangc::parse_duration(huge_minutes); }).find("is out of range"),
            std::string::npos);
  std::string huge_hours(1, '1');       // 1e306 hours (built with += to spare GCC 12 a false
  huge_hours += std::string(306, '0');  // -Wrestrict on "literal" + std::string)
  huge_hours += ":00:00";
  EXPECT_NE(error_of([&] { erlangc::parse_duration(huge_hours); }).find("is out of range"),
            std::string::npos);
  expect_refusals(erlangc::parse_rate, {{"1e308/1e-300s", "'1e308/1e-300s' is out of range"}});
  expect_refusals(erlangc::parse_service_level, {{"80/1e306h", "out of range"}});
  EXPECT_EQ(erlangc::parse_duration("1e300h"), 3.6e303);
}

TEST(CliUnits, ClockWithAVanishingFractionOfASecond) {
  const auto c = erlangc::parse_clock("08:30:15." + std::string(400, '0') + "1");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->seconds, 8 * 3600 + 30 * 60 + 15);
  EXPECT_EQ(erlangc::parse_clock("08:30:15.25")->seconds, 8 * 3600 + 30 * 60 + 15.25);
  EXPECT_FALSE(erlangc::parse_clock("23:59:59.99999999999999999"));  // rounds to 60 s
}

TEST(CliUnits, MessagesQuoteLongOrBinaryTextShortened) {
  EXPECT_EQ(erlangc::shown("3x"), "3x");
  EXPECT_EQ(erlangc::shown(std::string(64, 'a')), std::string(64, 'a'));
  EXPECT_EQ(erlangc::shown(std::string(65, 'a')), std::string(60, 'a') + "... (65 bytes)");
  EXPECT_EQ(erlangc::shown(std::string("a\0b\x1B[2J\x7F\xC3\xA9", 10)),
            "a\\x00b\\x1B[2J\\x7F\xC3\xA9");
  const std::string message = error_of([] { erlangc::parse_number(std::string(1 << 20, '7')); });
  std::string expected(1, '\'');
  expected += std::string(60, '7');
  expected += "... (1048576 bytes)' is out of range";
  EXPECT_EQ(message, expected);
}

TEST(CliUnits, Descriptions) {
  EXPECT_EQ(erlangc::describe_duration(20), "20 s");
  EXPECT_EQ(erlangc::describe_duration(1800), "30 min");
  EXPECT_EQ(erlangc::describe_duration(7200), "2 h");
  EXPECT_EQ(erlangc::describe_percent(0.8), "80 %");
  EXPECT_EQ(erlangc::describe_percent(0.07), "7 %");
  EXPECT_EQ(erlangc::describe_count(1, "agent"), "1 agent");
  EXPECT_EQ(erlangc::describe_count(0, "agent"), "0 agents");
  EXPECT_EQ(erlangc::describe_count(14, "server"), "14 servers");
  EXPECT_EQ(erlangc::describe_count(0.5, "call"), "0.5 calls");
  EXPECT_EQ(erlangc::describe_count(112.25, "call"), "112.25 calls");
  EXPECT_EQ(erlangc::describe_count(2, "batch"), "2 batches");
  EXPECT_EQ(erlangc::describe_count(1, "batch"), "1 batch");
  EXPECT_EQ(erlangc::describe_count(1e12), "1000000000000");
}

}  // namespace

namespace {

TEST(CliUnits, PercentagesAreTheDoubleNearestTheirDecimal) {
  // 1.1 / 100 is 0.011000000000000001; the decimal 0.011 has its own nearest double,
  // the one the compiler reads from the literal.
  EXPECT_EQ(erlangc::parse_ratio("1.1%"), 0.011);
  EXPECT_EQ(erlangc::parse_ratio("0.7%"), 0.007);
  EXPECT_EQ(erlangc::parse_ratio("95.52%"), 0.9552);
  EXPECT_EQ(erlangc::parse_ratio("1.1e1%"), 0.11);
  EXPECT_EQ(erlangc::parse_service_level("80.3/20s").fraction, 0.803);
  EXPECT_EQ(erlangc::parse_service_level("57.7%/20s").fraction, 0.577);
  // Every percentage with one decimal: the same decimal read by strtod as tenths x 10^-3.
  for (int tenths = 1; tenths < 1000; ++tenths) {
    const std::string text = std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
    EXPECT_EQ(erlangc::parse_ratio(text), std::stod(std::to_string(tenths) + "e-3")) << text;
  }
}

TEST(CliUnits, MillisecondsAndMicroseconds) {
  EXPECT_EQ(erlangc::parse_duration("35ms"), 0.035);
  EXPECT_EQ(erlangc::parse_duration("35 ms"), 0.035);
  EXPECT_EQ(erlangc::parse_duration("1.5ms"), 0.0015);
  EXPECT_EQ(erlangc::parse_duration("250us"), 0.00025);
  EXPECT_EQ(erlangc::parse_duration("250\xC2\xB5s"), 0.00025);
  EXPECT_EQ(erlangc::parse_duration("1500MS"), 1.5);
  EXPECT_EQ(erlangc::describe_duration(0.035), "35 ms");
  EXPECT_EQ(erlangc::describe_duration(0.00025), "250 us");
}

TEST(CliUnits, DecimalRatiosAsWritten) {
  const auto f = erlangc::parse_decimal_ratio("95.52%");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->numerator, 9552U);
  EXPECT_EQ(f->denominator, 10000U);
  const auto g = erlangc::parse_decimal_ratio("0.3");
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->numerator * 10, g->denominator * 3);
  const auto h = erlangc::parse_decimal_ratio("3e-1");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->numerator * 10, h->denominator * 3);
  EXPECT_FALSE(erlangc::parse_decimal_ratio("30 erlangs").has_value());
}

}  // namespace

namespace {

/// Steps a progress of 10^15 units for 1.3 s with the sink given; returns what it wrote.
/// (The total is far more than a fast loop steps in that time, so time is always left.)
std::string progress_written(bool terminal, bool quiet) {
  std::ostringstream err;
  {
    const erlangc::scoped_messages messages({&err, quiet, terminal});
    erlangc::progress p("plan", "rows", std::size_t{1000000000000000});
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1300)) {
      for (int i = 0; i < 1024; ++i) {
        p.step();
      }
    }
  }
  return err.str();
}

TEST(CliProgress, OnATerminalAfterASecondSilentOtherwise) {
  const std::string shown = progress_written(true, false);
  EXPECT_NE(shown.find("plan: "), std::string::npos) << shown;
  EXPECT_NE(shown.find(" of 1000000000000000 rows, "), std::string::npos) << shown;
  EXPECT_NE(shown.find(" rows/s, "), std::string::npos) << shown;
  EXPECT_NE(shown.find(" s left"), std::string::npos) << shown;
  // Erased at the end: the last thing written clears the line.
  EXPECT_EQ(shown.substr(shown.size() - 4), "\r\x1b[K");
  EXPECT_EQ(progress_written(false, false), "");
  EXPECT_EQ(progress_written(true, true), "");
}

/// What a bar of calls draws for the updates (done, 1000) with the sink given.
std::string bar_written(bool terminal, bool quiet, const std::vector<std::uint64_t>& done,
                        bool about = false) {
  std::ostringstream err;
  {
    const erlangc::scoped_messages messages({&err, quiet, terminal});
    erlangc::progress_bar bar("simulating", "calls", about);
    for (const std::uint64_t d : done) {
      bar.update(d, 1000);
    }
  }
  return err.str();
}

TEST(CliProgress, BarOfCallsOnATerminalSilentOtherwise) {
  const std::string shown = bar_written(true, false, {0, 420, 421, 425, 1000});
  EXPECT_NE(shown.find("\r\x1b[Ksimulating [" + std::string(12, '#') + std::string(18, ' ') +
                       "] 42 % of 1000 calls"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("] 0 % of 1000 calls"), std::string::npos) << shown;
  // Redrawn only when the whole percentage changes: 420, 421 and 425 are all 42 %.
  EXPECT_EQ(shown.find("42 %"), shown.rfind("42 %")) << shown;
  // Erased when done.
  EXPECT_EQ(shown.substr(shown.size() - 4), "\r\x1b[K");
  EXPECT_EQ(std::count(shown.begin(), shown.end(), '\r'), 3);
  // A bar left unfinished is erased as it goes.
  const std::string unfinished = bar_written(true, false, {500});
  EXPECT_EQ(unfinished.substr(unfinished.size() - 4), "\r\x1b[K");
  EXPECT_NE(bar_written(true, false, {10}, true).find("1 % of about 1000 calls"),
            std::string::npos);
  EXPECT_EQ(bar_written(false, false, {0, 420, 1000}), "");
  EXPECT_EQ(bar_written(true, true, {0, 420, 1000}), "");
}

TEST(CliProgress, WarningsUnlessQuiet) {
  std::ostringstream err;
  {
    const erlangc::scoped_messages messages({&err, false, false});
    erlangc::warn("a gap");
  }
  EXPECT_EQ(err.str(), "erlangc: warning: a gap\n");
  std::ostringstream quiet;
  {
    const erlangc::scoped_messages messages({&quiet, true, false});
    erlangc::warn("a gap");
  }
  EXPECT_EQ(quiet.str(), "");
  erlangc::warn("no sink: nothing happens");
}

}  // namespace

namespace {

TEST(CliUnits, ClockTimesInTwelveHourFormAndWithAnOffset) {
  EXPECT_EQ(erlangc::parse_clock("8:30 AM")->seconds, 8 * 3600 + 30 * 60);
  EXPECT_EQ(erlangc::parse_clock("8:30am")->seconds, 8 * 3600 + 30 * 60);
  EXPECT_EQ(erlangc::parse_clock("12:15 AM")->seconds, 15 * 60);
  EXPECT_EQ(erlangc::parse_clock("12:15 PM")->seconds, 12 * 3600 + 15 * 60);
  EXPECT_EQ(erlangc::parse_clock("1:00 pm")->seconds, 13 * 3600);
  EXPECT_FALSE(erlangc::parse_clock("13:00 PM"));
  EXPECT_FALSE(erlangc::parse_clock("0:30 AM"));
  // 2024-03-04 is day 19786 after 1970-01-01 (19786 x 86400 = 1709510400, the Unix time).
  const double day = 1709510400;
  EXPECT_EQ(erlangc::parse_clock("2024-03-04T08:30:00Z")->seconds, day + 8.5 * 3600);
  EXPECT_EQ(erlangc::parse_clock("2024-03-04T09:30:00+01:00")->seconds, day + 8.5 * 3600);
  EXPECT_EQ(erlangc::parse_clock("2024-03-04T03:00:00-0530")->seconds, day + 8.5 * 3600);
  EXPECT_EQ(erlangc::parse_clock("2024-03-04 8:30 PM")->seconds, day + 20.5 * 3600);
  EXPECT_FALSE(erlangc::parse_clock("2024-03-04T08:30:00+25:00"));
}

}  // namespace

namespace {

// Times below a second print in ms (below a millisecond in us) so that their digits show:
// in a record each value in its own unit, in a table the column in ms when every value is
// below a second. The values are the library's, formatted here.
TEST(CliUnits, TimesBelowASecondPrintInMilliseconds) {
  const auto r = erlangc::test::cli({"c", "--rate", "1200/s", "--aht", "35ms", "--agents", "45"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("AHT                  35.0 ms"), std::string::npos) << r.out;
  const double asa = erlang::average_speed_of_answer(42.0, 45.0, 0.035);
  EXPECT_NE(r.out.find(fmt::format("{:.1f} ms  mean wait", asa * 1e3)), std::string::npos) << r.out;
  const auto curve = erlangc::test::cli(
      {"c", "--rate", "1200/s", "--aht", "35ms", "--curve", "--from", "44", "--to", "45"});
  ASSERT_EQ(curve.code, 0) << curve.err;
  EXPECT_NE(curve.out.find("    ms"), std::string::npos) << curve.out;
  EXPECT_NE(curve.out.find(
                fmt::format("{:.1f}", erlang::average_speed_of_answer(42.0, 44.0, 0.035) * 1e3)),
            std::string::npos)
      << curve.out;
  const auto micro =
      erlangc::test::cli({"c", "--rate", "10/ms", "--aht", "250us", "--agents", "4"});
  ASSERT_EQ(micro.code, 0) << micro.err;
  EXPECT_NE(micro.out.find("250.0 us"), std::string::npos) << micro.out;
}

}  // namespace
