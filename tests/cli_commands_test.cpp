// The erlangc commands end to end: every subcommand in every format, values checked
// against the erlang library (and the classic published cases), json keys checked one by
// one, csv read back, every error with its exit code and message and an empty stdout, a
// 100 000-row plan, and the built binary for exit codes and standard input.
#include "cli.hpp"
#include "cli_test_support.hpp"
#include "messages.hpp"

#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/offered_load.hpp>
#include <erlang/staffing.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace erlangc::test;

// ---- classic cases ------------------------------------------------------------------

TEST(CliCommands, ClassicCallCentreNeedsFourteenAgents) {
  // 100 calls per 30 minutes, AHT 180 s, 80 % within 20 s: 14 agents (the textbook case).
  const std::vector<std::string> args{"staff",  "--calls",     "100", "--interval",
                                      "30m",    "--aht",       "180", "--service-level",
                                      "80/20s", "--shrinkage", "30%"};
  const json j = json_of(args);
  EXPECT_EQ(j["agents"].get<double>(), 14);
  EXPECT_EQ(j["scheduled"].get<double>(), 20);  // 14 / (1 - 0.3)
  EXPECT_EQ(j["model"], "erlang_c");
  EXPECT_EQ(j["traffic"].get<double>(), erlang::offered_load(100.0 / 1800.0, 180.0));
  // Minimal: 13 agents miss 80/20, 14 meet it.
  EXPECT_LT(erlang::service_level(10.0, 13.0, 180.0, 20.0), 0.8);
  EXPECT_GE(erlang::service_level(10.0, 14.0, 180.0, 20.0), 0.8);
  EXPECT_DOUBLE_EQ(j["wait_probability"].get<double>(), erlang::erlang_c(10.0, 14.0));
  EXPECT_NEAR(j["wait_probability"].get<double>(), 0.174132, 5e-7);
  EXPECT_DOUBLE_EQ(j["service_level"].get<double>(),
                   erlang::service_level(10.0, 14.0, 180.0, 20.0));
  EXPECT_DOUBLE_EQ(j["asa"].get<double>(), erlang::average_speed_of_answer(10.0, 14.0, 180.0));
  EXPECT_DOUBLE_EQ(j["mean_queue_length"].get<double>(), erlang::mean_queue_length(10.0, 14.0));
  EXPECT_DOUBLE_EQ(j["occupancy"].get<double>(), 10.0 / 14.0);
  EXPECT_EQ(j["shrinkage"].get<double>(), 0.3);
  EXPECT_EQ(j["answer_time"].get<double>(), 20);

  const auto text = cli(args);
  EXPECT_EQ(text.code, 0);
  EXPECT_TRUE(contains(text.out, "agents                 14")) << text.out;
  EXPECT_TRUE(contains(text.out, pct(erlang::service_level(10.0, 14.0, 180.0, 20.0)) + " %"));
  EXPECT_TRUE(contains(text.out, "with 30 % shrinkage"));
  expect_csv_matches_json(args);
}

TEST(CliCommands, FifteenLinesAtOnePercentCarry8108Erlangs) {
  // The Erlang B table: 15 circuits at 1 % blocking carry 8.108 E.
  const json j = json_of({"lines", "--servers", "15", "--blocking", "1%"});
  EXPECT_NEAR(j["traffic"].get<double>(), 8.108, 5e-4);
  EXPECT_EQ(j["traffic"].get<double>(), erlang::traffic_for_blocking(15.0, 0.01));
  // At the capacity, blocking is the target (to rounding: the search compares logarithms).
  EXPECT_LE(erlang::erlang_b(j["traffic"].get<double>(), 15.0), 0.01 * (1 + 1e-13));
  EXPECT_DOUBLE_EQ(j["blocking"].get<double>(), erlang::erlang_b(j["traffic"].get<double>(), 15.0));
  EXPECT_EQ(j["servers"].get<double>(), 15);
  EXPECT_EQ(j["blocking_target"].get<double>(), 0.01);
  // The other way round: 8.108 E at 1 % needs 15 lines, 14 are not enough.
  const json k = json_of({"circuits", "--traffic", "8.108", "--blocking", "1%"});
  EXPECT_EQ(k["servers"].get<double>(), 15);
  EXPECT_GT(erlang::erlang_b(8.108, 14.0), 0.01);
  EXPECT_LE(erlang::erlang_b(8.108, 15.0), 0.01);
  const auto text = cli({"lines", "--servers", "15", "--blocking", "1%"});
  EXPECT_TRUE(contains(text.out, "8.108 E")) << text.out;
}

// ---- every subcommand in every format --------------------------------------------------

struct expectation {
  std::vector<std::string> args;
  std::vector<std::string> keys;         // exactly, in order
  std::map<std::string, double> values;  // from the library
  std::vector<std::string> text;         // parts the text output shows
};

std::vector<expectation> single_result_cases() {
  const double e = erlang::offered_load(100.0 / 1800.0, 180.0);
  const double b = erlang::erlang_b(10.0, 15.0);
  const double lines10 = erlang::servers_for_blocking(10.0, 0.01);
  const auto a = erlang::erlang_a(10.0, 12.0, 180.0, 300.0, 20.0);
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  t.max_abandon = 0.05;
  const double na = erlang::erlang_a_agents_for_targets(10.0, 180.0, 300.0, t);
  const auto sa = erlang::erlang_a(10.0, na, 180.0, 300.0, 20.0);
  return {
      {{"load", "--calls", "100", "--interval", "30m", "--aht", "3m"},
       {"traffic", "calls_per_hour", "aht", "calls", "interval"},
       {{"traffic", e}, {"calls_per_hour", 200}, {"aht", 180}, {"calls", 100}, {"interval", 1800}},
       {"10.000 E", "200 calls/h"}},
      {{"load", "--rate", "200/h", "--aht", "180"},
       {"traffic", "calls_per_hour", "aht"},
       {{"traffic", erlang::offered_load(200.0 / 3600.0, 180.0)}, {"calls_per_hour", 200}},
       {"10.000 E"}},
      {{"b", "--traffic", "10", "--servers", "15"},
       {"traffic", "servers", "blocking", "carried", "occupancy"},
       {{"traffic", 10},
        {"servers", 15},
        {"blocking", b},
        {"carried", 10 * (1 - b)},
        {"occupancy", 10 * (1 - b) / 15}},
       {pct(b) + " %", fmt::format("{:.3f} E", 10 * (1 - b))}},
      {{"blocking", "--calls", "100", "--interval", "30m", "--aht", "3m", "--lines", "15"},
       {"traffic", "servers", "blocking", "carried", "occupancy"},
       {{"traffic", e}, {"blocking", erlang::erlang_b(e, 15.0)}},
       {"15"}},
      {{"lines", "--traffic", "10", "--blocking", "1%"},
       {"traffic", "servers", "blocking", "blocking_target", "carried"},
       {{"servers", lines10}, {"blocking", erlang::erlang_b(10.0, lines10)}},
       {fmt::format("{:.0f}", lines10)}},
      {{"c", "--traffic", "10", "--agents", "14", "--aht", "3m", "--target", "30s"},
       {"traffic", "agents", "aht", "answer_time", "wait_probability", "service_level", "asa",
        "mean_queue_length", "occupancy"},
       {{"agents", 14},
        {"answer_time", 30},
        {"wait_probability", erlang::erlang_c(10.0, 14.0)},
        {"service_level", erlang::service_level(10.0, 14.0, 180.0, 30.0)},
        {"asa", erlang::average_speed_of_answer(10.0, 14.0, 180.0)},
        {"mean_queue_length", erlang::mean_queue_length(10.0, 14.0)},
        {"occupancy", erlang::occupancy(10.0, 14.0)}},
       {pct(erlang::service_level(10.0, 14.0, 180.0, 30.0)) + " %", "answered within 30 s",
        fmt::format("{:.1f} s", erlang::average_speed_of_answer(10.0, 14.0, 180.0))}},
      {{"wait", "--traffic", "10", "--servers", "13", "--aht", "180", "--service-level", "80/20s"},
       {"traffic", "agents", "aht", "answer_time", "wait_probability", "service_level", "asa",
        "mean_queue_length", "occupancy", "meets_target"},
       {{"agents", 13}, {"service_level", erlang::service_level(10.0, 13.0, 180.0, 20.0)}},
       {"meets target", "no"}},
      {{"a", "--traffic", "10", "--agents", "12", "--aht", "3m", "--patience", "5m"},
       {"traffic", "agents", "aht", "patience", "answer_time", "wait_probability",
        "abandon_probability", "service_level", "asa", "mean_queue_length", "occupancy"},
       {{"patience", 300},
        {"wait_probability", a.wait_probability},
        {"abandon_probability", a.abandon_probability},
        {"service_level", a.service_level},
        {"asa", a.average_speed_of_answer},
        {"mean_queue_length", a.mean_queue_length},
        {"occupancy", a.occupancy}},
       {pct(a.abandon_probability) + " %", pct(a.service_level) + " %"}},
      {{"abandon", "--traffic", "10", "--agents", "12", "--aht", "3m", "--patience", "5m",
        "--target", "1m"},
       {"traffic", "agents", "aht", "patience", "answer_time", "wait_probability",
        "abandon_probability", "service_level", "asa", "mean_queue_length", "occupancy"},
       {{"answer_time", 60},
        {"service_level", erlang::erlang_a(10.0, 12.0, 180.0, 300.0, 60.0).service_level}},
       {"answered within 1 min"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s", "--patience", "5m",
        "--max-abandon", "5%"},
       {"model", "traffic", "aht", "patience", "agents", "scheduled", "shrinkage", "answer_time",
        "wait_probability", "abandon_probability", "service_level", "asa", "mean_queue_length",
        "occupancy"},
       {{"agents", na},
        {"scheduled", na},
        {"wait_probability", sa.wait_probability},
        {"abandon_probability", sa.abandon_probability},
        {"service_level", sa.service_level},
        {"asa", sa.average_speed_of_answer},
        {"occupancy", sa.occupancy}},
       {"Erlang A", fmt::format("{:.0f}", na)}},
  };
}

TEST(CliCommands, EverySingleResultCommandInEveryFormat) {
  for (const auto& c : single_result_cases()) {
    SCOPED_TRACE(fmt::format("{}", fmt::join(c.args, " ")));
    const auto j = cli(with(c.args, "json"));
    ASSERT_EQ(j.code, 0) << j.err;
    EXPECT_EQ(keys_in_order(j.out), c.keys);
    const json doc = json::parse(j.out);
    for (const auto& [key, value] : c.values) {
      ASSERT_TRUE(doc.contains(key)) << key;
      EXPECT_DOUBLE_EQ(doc[key].get<double>(), value) << key;
    }
    expect_csv_matches_json(c.args);
    const auto t = cli(c.args);
    ASSERT_EQ(t.code, 0) << t.err;
    EXPECT_EQ(t.err, "");
    for (const auto& part : c.text) {
      EXPECT_TRUE(contains(t.out, part)) << part << " not in\n" << t.out;
    }
    const auto explicit_text = cli(with(c.args, "text"));
    EXPECT_EQ(explicit_text.out, t.out);
  }
}

TEST(CliCommands, StaffingCurveAroundTheAnswer) {
  const std::vector<std::string> args{"c",     "--calls", "100",     "--interval",      "30m",
                                      "--aht", "3m",      "--curve", "--service-level", "80/20s"};
  const json rows = json_of(args);
  ASSERT_TRUE(rows.is_array());
  ASSERT_EQ(rows.size(), 9U);  // from 11 (the fewest with a finite wait) to 14 + 5
  double expected_agents = 11;
  for (const auto& row : rows) {
    const double n = row["agents"].get<double>();
    EXPECT_EQ(n, expected_agents++);
    EXPECT_EQ(keys_of(row).size(), 8U);
    EXPECT_DOUBLE_EQ(row["wait_probability"].get<double>(), erlang::erlang_c(10.0, n));
    EXPECT_DOUBLE_EQ(row["service_level"].get<double>(),
                     erlang::service_level(10.0, n, 180.0, 20.0));
    EXPECT_DOUBLE_EQ(row["asa"].get<double>(), erlang::average_speed_of_answer(10.0, n, 180.0));
    EXPECT_DOUBLE_EQ(row["mean_queue_length"].get<double>(), erlang::mean_queue_length(10.0, n));
    EXPECT_DOUBLE_EQ(row["occupancy"].get<double>(), 10.0 / n);
    EXPECT_EQ(row["meets_target"].get<bool>(), n >= 14) << n;
  }
  expect_csv_matches_json(args);
  const auto text = cli(args);
  EXPECT_TRUE(contains(text.out, "targets: service level 80 % within 20 s: 14 agents")) << text.out;
  // An explicit range; overloaded counts (<= 10 E) are left out.
  const json ranged =
      json_of({"c", "--traffic", "10", "--aht", "3m", "--curve", "--from", "5", "--to", "12"});
  ASSERT_EQ(ranged.size(), 2U);
  EXPECT_EQ(ranged[0]["agents"].get<double>(), 11);
  EXPECT_FALSE(ranged[0].contains("meets_target"));
}

TEST(CliCommands, ErlangBCapacityTable) {
  const std::vector<std::string> args{"table", "--servers", "1-20,30", "--blocking", "0.1%,1%"};
  const json rows = json_of(args);
  ASSERT_EQ(rows.size(), 42U);
  for (const auto& row : rows) {
    EXPECT_EQ(keys_of(row).size(), 3U);
    EXPECT_EQ(
        row["traffic"].get<double>(),
        erlang::traffic_for_blocking(row["servers"].get<double>(), row["blocking"].get<double>()));
  }
  // Published Erlang B table values (3 decimals).
  const auto at = [&](double m, double p) {
    for (const auto& row : rows) {
      if (row["servers"].get<double>() == m && row["blocking"].get<double>() == p) {
        return row["traffic"].get<double>();
      }
    }
    return -1.0;
  };
  EXPECT_NEAR(at(15, 0.01), 8.108, 5e-4);
  EXPECT_NEAR(at(10, 0.01), 4.461, 5e-4);
  EXPECT_NEAR(at(20, 0.01), 12.031, 5e-4);
  EXPECT_NEAR(at(5, 0.001), 0.762, 5e-4);
  EXPECT_NEAR(at(15, 0.001), 6.077, 5e-4);
  expect_csv_matches_json(args);
  const auto text = cli(args);
  EXPECT_TRUE(contains(text.out, "0.1 %")) << text.out;
  EXPECT_TRUE(contains(text.out, "     15   6.077   8.108")) << text.out;
  // Defaults: servers 1-50, five targets.
  EXPECT_EQ(json_of({"table"}).size(), 250U);
}

// ---- plan ---------------------------------------------------------------------------

const std::string forecast = std::string(ERLANGC_EXAMPLES) + "/forecast.csv";

TEST(CliCommands, PlanOfTheSampleDayMatchesTheLibrary) {
  const std::vector<std::string> args{"plan",   forecast,      "--service-level",
                                      "80/20s", "--shrinkage", "30%"};
  const json rows = json_of(args);
  EXPECT_EQ(keys_in_order(cli(with(args, "json")).out),
            (std::vector<std::string>{"start", "calls", "aht", "traffic", "agents", "scheduled",
                                      "agent_hours", "scheduled_hours", "wait_probability",
                                      "service_level", "asa", "mean_queue_length", "occupancy"}));
  const auto input = parse_csv(slurp(forecast));
  ASSERT_EQ(rows.size(), input.size());  // rows - header + totals
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  double agent_hours = 0;
  double calls = 0;
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    const auto& row = rows[i];
    EXPECT_EQ(keys_of(row).size(), 13U);
    EXPECT_EQ(row["start"], input[i + 1][0]);
    const double c = number_of(input[i + 1][1]);
    const double h = number_of(input[i + 1][2]);
    const double e = c * h / 1800;
    const double n = erlang::agents_for_targets(e, h, t);
    EXPECT_EQ(row["calls"].get<double>(), c);
    EXPECT_DOUBLE_EQ(row["traffic"].get<double>(), e);
    EXPECT_EQ(row["agents"].get<double>(), n);
    EXPECT_EQ(row["scheduled"].get<double>(), erlang::scheduled_agents(n, 0.3));
    EXPECT_DOUBLE_EQ(row["service_level"].get<double>(), erlang::service_level(e, n, h, 20.0));
    EXPECT_GE(row["service_level"].get<double>(), 0.8);
    EXPECT_DOUBLE_EQ(row["asa"].get<double>(), erlang::average_speed_of_answer(e, n, h));
    EXPECT_DOUBLE_EQ(row["agent_hours"].get<double>(), n / 2);
    agent_hours += n / 2;
    calls += c;
  }
  const auto& total = rows.back();
  EXPECT_EQ(total["start"], "total");
  EXPECT_DOUBLE_EQ(total["agent_hours"].get<double>(), agent_hours);
  EXPECT_EQ(total["calls"].get<double>(), calls);
  expect_csv_matches_json(args);

  const auto text = cli(args);
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "24 intervals of 30 min (from the start times)")) << text.out;
  EXPECT_TRUE(contains(text.out, fmt::format("{:.2f} agent-hours", agent_hours))) << text.out;
  EXPECT_TRUE(contains(text.out, "\ntotal ")) << text.out;
}

TEST(CliCommands, PlanCsvReadsBackAsAForecast) {
  // The plan's start, calls and aht columns, fed back in, give the same plan.
  const std::vector<std::string> args{"plan",  "-",   "--service-level", "90/15s",
                                      "--asa", "10s", "--format",        "csv"};
  const auto first = cli(args, slurp(forecast));
  ASSERT_EQ(first.code, 0) << first.err;
  const auto table = parse_csv(first.out);
  std::string again = "start,calls,aht\n";
  for (std::size_t i = 1; i + 1 < table.size(); ++i) {
    again += table[i][0] + "," + table[i][1] + "," + table[i][2] + "\n";
  }
  const auto second = cli(args, again);
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.out, first.out);
}

TEST(CliCommands, PlanLabelsAreQuotedInCsvAndEscapedInJson) {
  const std::string input = "start,calls,aht\n\"Mon, \"\"early\"\"\",10,3m\nMon late\\,20,3m\n";
  const std::vector<std::string> args{"plan", "-", "--interval", "1h", "--asa", "30s"};
  auto r = cli(with(args, "json"), input);
  ASSERT_EQ(r.code, 0) << r.err;
  const json rows = json::parse(r.out);
  EXPECT_EQ(rows[0]["start"], "Mon, \"early\"");
  EXPECT_EQ(rows[1]["start"], "Mon late\\");
  r = cli(with(args, "csv"), input);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto table = parse_csv(r.out);
  EXPECT_EQ(table[1][0], "Mon, \"early\"");
  EXPECT_EQ(table[2][0], "Mon late\\");
  EXPECT_TRUE(contains(r.out, "\"Mon, \"\"early\"\"\",10,180,")) << r.out;
}

TEST(CliCommands, PlanWithPatienceUsesErlangA) {
  const std::string input = "start,calls\n08:00,120\n08:30,0\n09:00,75.5\n";
  const auto r = cli({"plan", "-", "--aht", "200", "--service-level", "80/20s", "--patience", "90s",
                      "--max-abandon", "4%", "--min-agents", "2", "--format", "json"},
                     input);
  ASSERT_EQ(r.code, 0) << r.err;
  const json plan = json::parse(r.out);
  ASSERT_EQ(plan.size(), 4U);
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  t.max_abandon = 0.04;
  for (int i : {0, 2}) {
    const double c = i == 0 ? 120 : 75.5;
    const double e = c * 200 / 1800;
    const double n = std::max(2.0, erlang::erlang_a_agents_for_targets(e, 200.0, 90.0, t));
    const auto m = erlang::erlang_a(e, n, 200.0, 90.0, 20.0);
    EXPECT_EQ(plan[i]["agents"].get<double>(), n);
    EXPECT_DOUBLE_EQ(plan[i]["abandon_probability"].get<double>(), m.abandon_probability);
    EXPECT_DOUBLE_EQ(plan[i]["service_level"].get<double>(), m.service_level);
    EXPECT_LE(m.abandon_probability, 0.04);
  }
  // No calls: the minimum staffing, nothing waits.
  EXPECT_EQ(plan[1]["agents"].get<double>(), 2);
  EXPECT_EQ(plan[1]["service_level"].get<double>(), 1);
  EXPECT_EQ(plan[1]["occupancy"].get<double>(), 0);
}

TEST(CliCommands, HundredThousandRowPlan) {
  // A year and more of half-hours: a daily curve with noise, AHT varying by row.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0, 1);
  std::string input = "start,calls,aht\n";
  constexpr int rows = 100000;
  std::vector<double> calls(rows);
  std::vector<double> aht(rows);
  for (int i = 0; i < rows; ++i) {
    const int slot = i % 48;
    const double hour = slot / 2.0;
    const double shape = std::max(0.0, std::sin((hour - 7) / 14 * 3.14159265358979));
    calls[i] = std::max(0.0, std::round(180 * shape + 8 * noise(rng)));
    aht[i] = std::round(180 + 15 * noise(rng));
    input += fmt::format("{:02d}:{:02d},{},{}\n", slot / 2, slot % 2 * 30, calls[i], aht[i]);
  }
  const auto r = cli({"plan", "-", "--service-level", "80/20s", "--format", "csv"}, input);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto table = parse_csv(r.out);
  ASSERT_EQ(table.size(), static_cast<std::size_t>(rows) + 2);
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  double agent_hours = 0;
  for (int i = 0; i < rows; ++i) {
    agent_hours += number_of(table[i + 1][6]);
  }
  for (int i : {0, 17, 20, 33, 4999, 50000, rows - 1}) {
    const double e = calls[i] * aht[i] / 1800;
    EXPECT_EQ(number_of(table[i + 1][4]), erlang::agents_for_targets(e, aht[i], t)) << i;
  }
  EXPECT_EQ(table.back()[0], "total");
  EXPECT_NEAR(number_of(table.back()[6]), agent_hours, 1e-9 * agent_hours);
}

// ---- errors -------------------------------------------------------------------------

TEST(CliCommands, MutatedForecastsNeverCrashOrLeavePartialOutput) {
  // Random byte edits of the sample forecast: every run ends with exit code 0, or with 1
  // or 2, a message and nothing on stdout.
  const std::string base = slurp(forecast);
  const std::string alphabet = ",;\"\r\n\t -+.:%e0123456789smhxE\xEF\xBB\xBF\xFF";
  std::mt19937_64 rng(2024);
  int failures = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    std::string input = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits; ++k) {
      const std::size_t pos = rng() % input.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          input[pos] = c;
          break;
        case 1:
          input.insert(input.begin() + static_cast<std::ptrdiff_t>(pos), c);
          break;
        default:
          input.erase(pos, 1 + rng() % 8);
          break;
      }
    }
    const auto r = cli({"plan", "-", "--service-level", "80/20s", "--aht", "3m", "--format",
                        trial % 2 == 0 ? "csv" : "json"},
                       input);
    ASSERT_TRUE(r.code == 0 || r.code == 1 || r.code == 2) << r.code;
    if (r.code != 0) {
      ++failures;
      EXPECT_EQ(r.out, "") << input;
      EXPECT_TRUE(contains(r.err, "erlangc: ")) << r.err;
    } else {
      // Success: nothing on stderr but warnings (a gap, an ignored column), each one line.
      std::istringstream lines(r.err);
      for (std::string line; std::getline(lines, line);) {
        EXPECT_EQ(line.rfind("erlangc: warning: ", 0), 0U) << r.err;
      }
      EXPECT_FALSE(r.out.empty());
    }
  }
  EXPECT_GT(failures, 100);  // the edits do reach the error paths
}

struct error_case {
  std::vector<std::string> args;
  std::string input;
  int code;
  std::vector<std::string> says;
};

std::string good_rows(int n) {
  std::string s = "start,calls,aht\n";
  for (int i = 0; i < n; ++i) {
    s += fmt::format("{:02d}:{:02d},{},180\n", i / 2 % 24, i % 2 * 30, 50 + i % 100);
  }
  return s;
}

TEST(CliCommands, EveryErrorHasItsExitCodeAndMessageAndNoOutput) {
  const std::vector<std::string> sl{"--service-level", "80/20s"};
  const auto plan = [&](std::vector<std::string> extra) {
    std::vector<std::string> a{"plan", "-", "--service-level", "80/20s"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  const std::vector<error_case> cases{
      // Usage errors, exit code 2.
      {{"staff", "--calls", "-5", "--interval", "30m", "--aht", "3m", "--service-level", "80/20s"},
       "",
       2,
       {"--calls", "'-5' is negative"}},
      {{"c", "--traffic", "10", "--agents", "0", "--aht", "3m"},
       "",
       2,
       {"--agents", "at least 1, got '0'"}},
      {{"a", "--traffic", "10", "--agents", "0", "--aht", "3m", "--patience", "1m"},
       "",
       2,
       {"--agents", "at least 1"}},
      {{"b", "--traffic", "10", "--servers", "0"}, "", 2, {"--servers", "at least 1"}},
      {{"c", "--traffic", "10", "--agents", "14", "--aht", "3x"},
       "",
       2,
       {"--aht", "unknown time unit 'x'"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20parsecs"},
       "",
       2,
       {"--service-level", "unknown time unit 'parsecs'"}},
      {{"lines", "--traffic", "10", "--blocking", "120%"},
       "",
       2,
       {"--blocking", "'120%' is out of range", "below 100 %"}},
      {{"lines", "--traffic", "10", "--blocking", "0%"}, "", 2, {"--blocking", "above 0 %"}},
      {{"staff", "--calls", "100", "--interval", "30m", "--aht", "0", "--service-level", "80/20s"},
       "",
       2,
       {"--aht", "AHT must be longer than 0, got '0'"}},
      {{"c", "--traffic", "10", "--agents", "14.5", "--aht", "3m"},
       "",
       2,
       {"--agents", "'14.5' is not a whole number"}},
      {{"c", "--traffic", "-1", "--agents", "14", "--aht", "3m"}, "", 2, {"--traffic", "negative"}},
      {{"c", "--traffic", "2e9", "--agents", "14", "--aht", "3m"},
       "",
       2,
       {"--traffic", "above the 1e+09 erlangs"}},
      {{"staff", "--calls", "1e98", "--interval", "30m", "--aht", "3m", "--service-level",
        "80/20s"},
       "",
       2,
       {"--calls", "above the 1e+09 erlangs"}},
      {{"load", "--rate", "1e12/s", "--aht", "3m"}, "", 2, {"--rate", "above the 1e+09 erlangs"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--asa", "1e-300s"},
       "",
       2,
       {"--asa", "at least 1 microsecond"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--max-wait-probability", "1e-300"},
       "",
       2,
       {"--max-wait-probability", "the smallest wait probability target"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--max-occupancy", "0.5%"},
       "",
       2,
       {"--max-occupancy", "below 1 %"}},
      {{"c", "--traffic", "nan", "--agents", "14", "--aht", "3m"},
       "",
       2,
       {"--traffic", "not a finite number"}},
      {{"c", "--bogus"}, "", 2, {"--bogus"}},
      {{}, "", 2, {"a command is required"}},
      {{"nosuch"}, "", 2, {"unknown command 'nosuch'"}},
      {{"c", "--traffic", "10", "--agents", "14", "--aht", "3m", "--format", "xml"},
       "",
       2,
       {"--format", "unknown format 'xml'"}},
      {{"staff", "--calls", "100", "--aht", "3m", "--service-level", "80/20s"},
       "",
       2,
       {"--calls needs --interval"}},
      {{"staff", "--traffic", "10", "--interval", "30m", "--aht", "3m", "--service-level",
        "80/20s"},
       "",
       2,
       {"--traffic and --interval do not go together"}},
      {{"staff", "--traffic", "10", "--calls", "5", "--interval", "30m", "--aht", "3m"},
       "",
       2,
       // which of --calls and --interval CLI11 names first varies
       {"--traffic and --", "do not go together", "in one form"}},
      {{"staff", "--calls", "100", "--interval", "30m", "--service-level", "80/20s"},
       "",
       2,
       {"missing --aht"}},
      {{"staff", "--aht", "3m", "--service-level", "80/20s"},
       "",
       2,
       {"offered traffic is missing"}},
      {{"lines", "--traffic", "10", "--servers", "3", "--blocking", "1%"}, "", 2, {"not both"}},
      {{"lines", "--blocking", "1%"}, "", 2, {"--servers to find the traffic"}},
      {{"b", "--traffic", "10"}, "", 2, {"missing --servers N: number of servers"}},
      {{"staff", "--traffic", "10", "--aht", "3m"}, "", 2, {"no staffing target"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s", "--target", "30s"},
       "",
       2,
       {"--target 30s contradicts"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s", "--max-abandon",
        "5%"},
       "",
       2,
       {"--max-abandon needs --patience"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "100/20s"},
       "",
       2,
       {"--service-level", "below 100 %"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s", "--shrinkage",
        "100%"},
       "",
       2,
       {"--shrinkage", "below 100 %"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--max-occupancy", "85"},
       "",
       2,
       {"--max-occupancy", "write 85% for a percentage"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s", "--min-agents", "9",
        "--max-agents", "8"},
       "",
       2,
       {"--min-agents 9 is above --max-agents 8"}},
      {{"c", "--traffic", "10", "--aht", "3m"}, "", 2, {"missing --agents"}},
      {{"c", "--traffic", "10", "--aht", "3m", "--curve"}, "", 2, {"--curve needs a centre"}},
      {{"c", "--traffic", "10", "--aht", "3m", "--curve", "--from", "9"},
       "",
       2,
       {"--from and --to go together"}},
      {{"c", "--traffic", "10", "--aht", "3m", "--agents", "12", "--from", "9"},
       "",
       2,
       {"--from goes with --curve"}},
      {{"table", "--blocking", "1%,120%"}, "", 2, {"--blocking", "'120%' is out of range"}},
      {{"table", "--servers", "10-1"}, "", 2, {"--servers", "backwards"}},
      {{"plan", "/nonexistent/forecast.csv", "--service-level", "80/20s"},
       "",
       2,
       {"cannot open the forecast '/nonexistent/forecast.csv'"}},
      {{"plan", "-"}, "start,calls,aht\n08:00,1,1\n", 2, {"no staffing target"}},
      {plan({}), "", 2, {"<stdin>: line 1: the input is empty"}},
      {plan({}), "start,calls,aht\n", 2, {"no intervals after the header"}},
      {plan({}), "start,calls\n08:00,100\n08:30,120\n", 2, {"no aht column", "--aht"}},
      {plan({}), "start,calls,aht\nA,100,180\nB,100,180\n", 2, {"--interval is needed"}},
      {plan({}), "start,calls,aht\n08:00,100,180\n", 2, {"single interval"}},
      {plan({"--interval", "30m"}),
       "start,calls,aht\n08:00,100,180\n08:15,100,180\n",
       2,
       {"line 3, column 1 (start)", "intervals overlap"}},
      {plan({}),
       "start,calls,aht\n08:00,100,180\n08:30,-5,180\n",
       2,
       {"<stdin>: line 3, column 2 (calls): calls must be >= 0, got -5"}},
      {plan({}),
       "start,calls,aht\n08:00,100,180\n08:30,100,0\n",
       2,
       {"line 3, column 3 (aht): AHT must be > 0"}},
      {plan({}),
       "start,calls,aht\n08:00,100,180\n08:30,100,3x\n",
       2,
       {"line 3, column 3 (aht)", "unknown time unit 'x'"}},
      {plan({}),
       "start,calls,aht\n08:00,100,180\n08:30,100\n",
       2,
       {"line 3, column 3 (aht): missing field"}},
      {plan({}),
       "start,calls,aht\n08:00,100,180\n08:30,100,180,1\n",
       2,
       {"line 3, column 4: extra field"}},
      {plan({"--interval", "30m"}),
       "start,calls,aht\nA,100,180\nB,100,\n",
       2,
       {"line 3, column 3 (aht): the AHT is empty"}},
      {plan({}), good_rows(5000) + "23:00,12x,180\n", 2, {"line 5002, column 2 (calls)"}},
      {plan({}),
       "start,calls,aht\n08:00,100,180\n08:30,1E98,180\n",
       2,
       {"line 3, column 2 (calls)", "above the 1e+09 erlangs"}},
      // Infeasible requests, exit code 1.
      {{"c", "--traffic", "12", "--agents", "10", "--aht", "3m"},
       "",
       1,
       {"--agents: 10 agents cannot serve 12 E", "at least 13 agents"}},
      {{"c", "--calls", "200", "--interval", "30m", "--aht", "3m", "--agents", "20"},
       "",
       1,
       {"cannot serve 20 E"}},
      {{"staff", "--traffic", "20", "--aht", "3m", "--service-level", "80/20s", "--max-agents",
        "10"},
       "",
       1,
       {"--max-agents", "need 24 agents", "more than the 10 available"}},
      {{"c", "--traffic", "20", "--aht", "3m", "--curve", "--from", "5", "--to", "15"},
       "",
       1,
       {"overloaded", "at least 21 agents"}},
      {plan({"--max-agents", "30"}),
       good_rows(3000) + "23:30,400,180\n",
       1,
       {"<stdin>: line 3002 (23:30)", "more than --max-agents 30"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(fmt::format("erlangc {}", fmt::join(c.args, " ")));
    const auto r = cli(c.args, c.input);
    EXPECT_EQ(r.code, c.code) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err, "erlangc: ")) << r.err;
    for (const auto& part : c.says) {
      EXPECT_TRUE(contains(r.err, part)) << "'" << part << "' not in: " << r.err;
    }
  }
}

TEST(CliCommands, HostileForecastsEndWithAnErrorNamingTheLineAndNoOutput) {
  const std::vector<std::string> args{"plan", "-", "--service-level", "80/20s", "--format", "csv"};
  const std::string head = "start,calls,aht\n08:00,100,180\n";
  std::string garbage(1 << 16, '\0');
  std::mt19937_64 rng(99);
  for (char& c : garbage) {
    c = static_cast<char>(rng() % 256);
  }
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
      {head + "08:30," + std::string(10 << 20, '9') + ",180\n",
       {"<stdin>: line 3: the line is longer than 1048576 bytes"}},
      {head + std::string(10 << 20, 'x'), {"<stdin>: line 3: the line is longer than"}},
      {garbage, {"<stdin>: line 1"}},
      {head + std::string(garbage.data(), 4096) + "\n", {"<stdin>: line 3"}},
      {"start,aht\n08:00,180\n", {"<stdin>: line 1", "no 'calls' column"}},
      {"calls,aht\n100,180\n", {"<stdin>: line 1", "no 'start' column"}},
      {head + "08:30,1,234,180\n", {"<stdin>: line 3, column 4: extra field '180'"}},
      {head + "08:30,\"1,23\",180\n", {"line 3, column 2 (calls): '1,23' is not a number"}},
      {head + "08:30,1 23,180\n", {"line 3, column 2 (calls): '1 23' is not a number"}},
      {"start;calls;aht\n08:00;100;180\n08:30;1,5,5;180\n",
       {"line 3, column 2 (calls): '1,5,5' is not a number"}},
      {head + std::string(300, 'x') + ",100,180\n",
       {"line 3, column 1 (start): the interval start is longer than 256 bytes"}},
  };
  for (const auto& [input, says] : cases) {
    SCOPED_TRACE(input.substr(0, 60));
    const auto r = cli(args, input);
    EXPECT_EQ(r.code, 2) << r.err.substr(0, 300);
    EXPECT_EQ(r.out, "");
    EXPECT_LT(r.err.size(), 400U) << r.err.substr(0, 300);
    for (const auto& part : says) {
      EXPECT_TRUE(contains(r.err, part)) << "'" << part << "' not in: " << r.err.substr(0, 300);
    }
  }
}

TEST(CliCommands, BomAndCrlfForecastPlansLikeThePlainFile) {
  const std::string plain = "start,calls,aht\n08:00,100,180\n08:30,120,175\n09:00,90,3:05\n";
  std::string windows = "\xEF\xBB\xBF";
  for (const char c : plain) {
    windows += c == '\n' ? std::string("\r\n") : std::string(1, c);
  }
  for (const char* format : {"csv", "json", "text"}) {
    const std::vector<std::string> args{"plan",   "-",        "--service-level",
                                        "80/20s", "--format", format};
    const auto a = cli(args, plain);
    const auto b = cli(args, windows);
    EXPECT_EQ(a.code, 0) << a.err;
    EXPECT_EQ(b.code, 0) << b.err;
    EXPECT_EQ(b.out, a.out) << format;
  }
}

// Found by the units fuzz target: values overflowing to +inf were accepted.
TEST(CliCommands, OverflowingOptionValuesAreUsageErrors) {
  const std::vector<std::vector<std::string>> cases{
      {"c", "--traffic", "10", "--agents", "14", "--aht", "1e306h"},
      {"staff", "--rate", "1e308/1e-300s", "--aht", "3m", "--service-level", "80/20s"},
      {"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/1e306h"},
  };
  for (const auto& args : cases) {
    SCOPED_TRACE(fmt::format("erlangc {}", fmt::join(args, " ")));
    const auto r = cli(args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err, "out of range")) << r.err;
  }
}

TEST(CliCommands, HelpDocumentsEveryOutputKey) {
  const std::map<std::string, std::vector<std::string>> keys{
      {"load", {"traffic", "calls_per_hour", "aht"}},
      {"b", {"traffic", "servers", "blocking", "carried", "occupancy"}},
      {"lines", {"traffic", "servers", "blocking", "blocking_target", "carried"}},
      {"c",
       {"traffic", "agents", "wait_probability", "service_level", "asa", "mean_queue_length",
        "occupancy", "meets_target"}},
      {"a", {"abandon_probability", "service_level", "asa", "patience"}},
      {"staff",
       {"model", "agents", "scheduled", "shrinkage", "wait_probability", "abandon_probability",
        "service_level", "asa", "mean_queue_length", "occupancy"}},
      {"plan",
       {"start", "calls", "aht", "traffic", "agents", "scheduled", "agent_hours", "scheduled_hours",
        "abandon_probability", "occupancy"}},
      {"table", {"servers", "blocking", "traffic"}},
  };
  for (const auto& [command, list] : keys) {
    const auto r = cli({command, "--help"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.err, "");
    for (const auto& key : list) {
      EXPECT_TRUE(contains(r.out, "\n  " + key + " ")) << command << " --help lacks " << key;
    }
    EXPECT_TRUE(contains(r.out, "--format")) << command;
  }
  const auto top = cli({"--help"});
  EXPECT_EQ(top.code, 0);
  EXPECT_TRUE(contains(top.out, "b, blocking"));
  EXPECT_TRUE(contains(top.out, "lines, circuits"));
  EXPECT_TRUE(contains(top.out, "c, wait"));
  EXPECT_TRUE(contains(top.out, "a, abandon"));
  EXPECT_TRUE(contains(top.out, "Exit codes"));
  const auto version = cli({"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_TRUE(contains(version.out, "erlangc"));
}

// ---- the built binary ---------------------------------------------------------------

TEST(CliBinary, ExitCodesAndStreams) {
  auto r = run_binary(
      "staff --calls 100 --interval 30m --aht 180 --service-level 80/20s "
      "--format json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["agents"].get<double>(), 14);
  r = run_binary("c --traffic 12 --agents 10 --aht 3m");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "cannot serve")) << r.err;
  r = run_binary("lines --traffic 10 --blocking 120%");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "--blocking")) << r.err;
  r = run_binary("--help");
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(contains(r.out, "Usage"));
}

TEST(CliBinary, PlanReadsStandardInputLikeAFile) {
  const auto from_file = run_binary("plan '" + forecast + "' --service-level 80/20s --format csv");
  const auto from_stdin = run_binary("plan - --service-level 80/20s --format csv", forecast);
  EXPECT_EQ(from_file.code, 0) << from_file.err;
  EXPECT_EQ(from_stdin.code, 0) << from_stdin.err;
  EXPECT_EQ(from_stdin.out, from_file.out);
  EXPECT_EQ(parse_csv(from_file.out).size(), 26U);
}

}  // namespace

// ---- output: -o, write failures, invalid text --------------------------------------------

TEST(CliBinary, StartChecksAndMessagesInTheToolsWords) {
  // simulate FILE checks the starts as plan does.
  const std::string backwards = test_stem() + "_backwards.csv";
  std::ofstream(backwards) << "start,calls,aht\n08:00,10,3m\n08:30,10,3m\n09:00,10,3m\n"
                              "08:30,10,3m\n";
  for (const std::string& command :
       {"plan '" + backwards + "' --interval 30m --service-level 80/20s",
        "simulate '" + backwards + "' --interval 30m --agents 5 --replications 2"}) {
    const auto r = run_binary(command);
    EXPECT_EQ(r.code, 2) << command;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "erlangc: error: " + backwards +
                         ": line 5, column 1 (start): interval '08:30' starts before '09:00' on "
                         "line 4: the starts go backwards (sort the rows by start)\n");
  }
  const std::vector<std::pair<std::string, std::string>> said{
      {"stafff --traffic 10", "unknown command 'stafff' (did you mean staff?)"},
      {"--verison", "erlangc: error: unknown option '--verison' (did you mean --version?)\n"},
      {"b --traffic 10 --calls 300 --servers 12",
       "--traffic and --calls do not go together: give one of them"},
      {"b --traffic 10", "erlangc: error: missing --servers N: number of servers (>= 1)\n"},
      {"a --traffic 5 --agents 6 --aht 3m --patience 1e-300 --queue-capacity 2",
       "erlangc: error: --patience 1e-300: the value is outside what the model computes: Mean "
       "patience must be at least 1e-290 mean handling times, got 1e-300.\n"},
  };
  for (const auto& [args, words] : said) {
    const auto r = run_binary(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err, words)) << args << ": " << r.err;
  }
}

TEST(CliBinary, WriteFailuresExitThreeWithTheSystemsReason) {
  const std::string load = "load --calls 100 --interval 30m --aht 3m";
  for (const std::string& args :
       {load, std::string("--help"), std::string("--version"), std::string("plan --help"),
        "plan '" + forecast + "' --service-level 80/20s --format json"}) {
    const auto full = run_redirected(args, "> /dev/full");
    EXPECT_EQ(full.code, 3) << args;
    EXPECT_TRUE(contains(full.err, "No space left on device")) << args << ": " << full.err;
  }
  const auto closed = run_redirected(load, ">&-");
  EXPECT_EQ(closed.code, 3);
  EXPECT_TRUE(contains(closed.err, "cannot write the output")) << closed.err;
}

TEST(CliBinary, OutputFileIsCompleteOrUntouched) {
  const std::string folder = testing::TempDir() + "/erlangc_output_file";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::string path = folder + "/plan.csv";
  const std::string plan = "plan '" + forecast + "' --service-level 80/20s --format csv";
  const auto to_stdout = run_binary(plan);
  ASSERT_EQ(to_stdout.code, 0) << to_stdout.err;
  auto r = run_binary(plan + " -o '" + path + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(slurp(path), to_stdout.out);
  EXPECT_EQ(files_in(folder), std::vector<std::string>{"plan.csv"});
  // A failed run leaves the file as it was and no temporary file.
  r = run_binary("plan '" + forecast + "' --format csv --output '" + path + "'");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(slurp(path), to_stdout.out);
  EXPECT_EQ(files_in(folder), std::vector<std::string>{"plan.csv"});
  // In a folder that does not exist: an I/O failure with the reason.
  r = run_binary("b --traffic 3 --servers 3 -o '" + folder + "/missing/x.txt'");
  EXPECT_EQ(r.code, 3);
  EXPECT_TRUE(contains(r.err, "No such file or directory")) << r.err;
}

TEST(CliCommands, InvalidUtf8LabelsGiveValidJson) {
  // A label in Latin-1 (0xE9, "é") and a lone continuation byte: valid json, U+FFFD.
  const std::string input = "start,calls,aht\ncaf\xE9,10,3m\n\x80,12,3m\n";
  const auto r = cli(
      {"plan", "-", "--interval", "30m", "--service-level", "80/20s", "--format", "json"}, input);
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j.size(), 3U);
  EXPECT_EQ(j[0]["start"], "caf\xEF\xBF\xBD");
  EXPECT_EQ(j[1]["start"], "\xEF\xBF\xBD");
  EXPECT_EQ(j[2]["start"], "total");
}

TEST(CliCommands, ScheduledAgentsAreExactForTheShrinkageWritten) {
  // 28 agents at 95.52 % shrinkage: 28 / 0.0448 is exactly 625 (625 x 0.0448 = 28);
  // dividing by the double nearest 1 - 0.9552 gives 625.0000000000x and 626.
  const json j = json_of({"staff", "--traffic", "1", "--aht", "3m", "--service-level", "80/20s",
                          "--min-agents", "28", "--shrinkage", "95.52%"});
  EXPECT_EQ(j["agents"].get<double>(), 28);
  EXPECT_EQ(j["scheduled"].get<double>(), 625);
  // 7 agents at 30 %: 10 scheduled (10 x 0.7 = 7), and 7.7 % of 13 scheduled leaves 11.999.
  EXPECT_EQ(json_of({"staff", "--traffic", "1", "--aht", "3m", "--service-level", "80/20s",
                     "--min-agents", "7", "--shrinkage", "30%"})["scheduled"]
                .get<double>(),
            10);
  EXPECT_EQ(json_of({"staff", "--traffic", "1", "--aht", "3m", "--service-level", "80/20s",
                     "--min-agents", "12", "--shrinkage", "7.7%"})["scheduled"]
                .get<double>(),
            14);  // 13 x 0.923 = 11.999 < 12 <= 14 x 0.923
}

TEST(CliCommands, ServiceLevelAloneTakesTheDefaultAnswerTime) {
  const json j = json_of({"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80%"});
  EXPECT_EQ(j["answer_time"].get<double>(), 20);
  EXPECT_EQ(j["agents"].get<double>(), 14);
  EXPECT_EQ(j["agents"], json_of({"staff", "--traffic", "10", "--aht", "3m", "--service-level",
                                  "80/20s"})["agents"]);
}

TEST(CliCommands, MillisecondHoldingTimesPrintTheirDigits) {
  // A server pool: 2000 requests per second of 35 ms each is 70 E.
  const json j = json_of({"load", "--rate", "2000/s", "--aht", "35ms"});
  EXPECT_DOUBLE_EQ(j["traffic"].get<double>(), 70);
  EXPECT_EQ(j["aht"].get<double>(), 0.035);
  const auto text = cli({"load", "--rate", "2000/s", "--aht", "35ms"});
  EXPECT_TRUE(contains(text.out, "35.0 ms")) << text.out;  // below a second: in ms
  EXPECT_FALSE(contains(text.out, " 0.0 s")) << text.out;
}

// ---- forecast starts: backwards, repeated, gaps ------------------------------------------

namespace starts {

/// plan and simulate read a forecast alike: both check the starts.
const std::vector<std::vector<std::string>> commands{
    {"plan", "-", "--interval", "30m", "--service-level", "80/20s"},
    {"simulate", "-", "--interval", "30m", "--agents", "5", "--replications", "2"}};

std::string forecast_of(const std::vector<std::string>& starts) {
  std::string s = "start,calls,aht\n";
  for (const auto& start : starts) {
    s += start + ",10,3m\n";
  }
  return s;
}

std::vector<std::string> plus(std::vector<std::string> args, const std::string& more) {
  args.push_back(more);
  return args;
}

}  // namespace starts

TEST(CliCommands, StartsGoingBackwardsAreAnErrorNamingBothLines) {
  for (const auto& args : starts::commands) {
    SCOPED_TRACE(args.front());
    // 08:30 after 09:00 was read as 08:30 the next day, which halved the traffic.
    const auto r = cli(args, starts::forecast_of({"08:00", "08:30", "09:00", "08:30"}));
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err,
                         "<stdin>: line 5, column 1 (start): interval '08:30' starts "
                         "before '09:00' on line 4: the starts go backwards"))
        << r.err;
    // With dates too.
    const auto d = cli(args, starts::forecast_of({"2024-03-04 08:00", "2024-03-04 07:30"}));
    EXPECT_EQ(d.code, 2);
    EXPECT_TRUE(contains(d.err, "line 3") && contains(d.err, "line 2")) << d.err;
  }
}

TEST(CliCommands, RepeatedStartsAreAnErrorNamingBothLines) {
  for (const auto& args : starts::commands) {
    SCOPED_TRACE(args.front());
    const auto r = cli(args, starts::forecast_of({"08:00", "08:30", "08:30"}));
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err,
                         "line 4, column 1 (start): interval '08:30' repeats '08:30' on "
                         "line 3"))
        << r.err;
  }
}

TEST(CliCommands, AGapIsAWarningNamingTheMissingIntervalOrAnErrorWithStrict) {
  const std::string input = starts::forecast_of({"08:00", "08:30", "10:00", "10:30"});
  for (const auto& args : starts::commands) {
    SCOPED_TRACE(args.front());
    const auto r = cli(args, input);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err,
              "erlangc: warning: <stdin>: line 4: no interval from 09:00 to 10:00 (between "
              "'08:30' on line 3 and '10:00')\n");
    const auto quiet = cli(starts::plus(args, "--quiet"), input);
    EXPECT_EQ(quiet.code, 0);
    EXPECT_EQ(quiet.err, "");
    EXPECT_EQ(quiet.out, r.out);
    const auto strict = cli(starts::plus(args, "--strict"), input);
    EXPECT_EQ(strict.code, 2);
    EXPECT_EQ(strict.out, "");
    EXPECT_TRUE(contains(strict.err, "no interval from 09:00 to 10:00")) << strict.err;
    // A night between two days is no gap: 20:00 then 08:00 the next morning.
    const auto night = cli(args, starts::forecast_of({"19:30", "20:00", "08:00", "08:30"}));
    EXPECT_EQ(night.code, 0) << night.err;
    EXPECT_EQ(night.err, "");
  }
}

// ---- text and csv output of labels ---------------------------------------------------------

TEST(CliCommands, TextPadsLabelsByDisplayWidthAndEscapesControlCharacters) {
  const auto r = cli({"plan", "-", "--interval", "30m", "--service-level", "80/20s"},
                     "start,calls,aht\ncafe,10,3m\ncaf\xC3\xA9,10,3m\n\xE6\x97\xA5\xE6\x9C\xAC,10,"
                     "3m\nbell\x07,10,3m\n");
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<std::size_t> widths;
  while (std::getline(lines, line)) {
    if (line.rfind("caf", 0) == 0 || line.rfind("\xE6\x97\xA5", 0) == 0 ||
        line.rfind("bell", 0) == 0) {
      // Columns on a terminal: every code point one column, the two CJK ones two.
      std::size_t w = 0;
      for (const unsigned char c : line) {
        w += (c & 0xC0) != 0x80 ? 1 : 0;
      }
      widths.push_back(line.rfind("\xE6\x97\xA5", 0) == 0 ? w + 2 : w);
    }
  }
  ASSERT_EQ(widths.size(), 4U) << r.out;
  EXPECT_EQ(widths[0], widths[1]) << r.out;
  EXPECT_EQ(widths[0], widths[2]) << r.out;
  EXPECT_FALSE(contains(r.out, "\x07"));
  EXPECT_TRUE(contains(r.out, "bell\\x07")) << r.out;
}

TEST(CliCommands, OneIntervalIsSingularAndTotalsHaveNoFloatNoise) {
  const auto one = cli({"plan", "-", "--interval", "30m", "--service-level", "80/20s"},
                       "start,calls,aht\n08:00,10,3m\n");
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_TRUE(contains(one.out, " 1 interval of 30 min")) << one.out;
  std::string input = "start,calls,aht\n";
  for (int i = 0; i < 10; ++i) {
    input += fmt::format("{:02}:00,0.1,3m\n", 8 + i);
  }
  const json j = json_of({"plan", "-", "--interval", "1h", "--service-level", "80/20s"}, input);
  EXPECT_EQ(j.back()["calls"].get<double>(), 1.0);  // ten times 0.1 is 1, not 0.9999999999999999
}

TEST(CliCommands, OneOfAnythingIsSingularInEveryCommand) {
  const auto text_of = [](const std::vector<std::string>& args, const std::string& input = "") {
    const auto r = cli(args, input);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  };
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"b", "--traffic", "0.5", "--servers", "1"}, "offered to 1 server\n"},
      {{"lines", "--servers", "1", "--blocking", "1%"}, "the most traffic 1 server carries"},
      {{"engset", "--sources", "1", "--traffic", "0.5", "--servers", "1"},
       "1 source offering 0.5 E to 1 server\n"},
      {{"retry", "--traffic", "0.5", "--servers", "1", "--retry", "10%"}, "offered to 1 line,"},
      {{"c", "--traffic", "0.5", "--agents", "1", "--aht", "3m"}, "0.5 E, 1 agent, AHT"},
      {{"staff", "--calls", "1", "--interval", "30m", "--aht", "3m", "--service-level", "80/20s",
        "--min-agents", "1"},
       "(1 call per 30 min"},
      {{"staff", "--calls", "1", "--interval", "30m", "--aht", "3m", "--service-level", "80/20s",
        "--min-agents", "1"},
       "at least 1 agent\n"},
      {{"simulate", "--traffic", "0.5", "--agents", "1", "--aht", "3m", "--run-calls", "100",
        "--replications", "2"},
       "0.5 E, 1 agent, AHT"},
  };
  for (const auto& [args, words] : cases) {
    const std::string out = text_of(args);
    EXPECT_TRUE(contains(out, words)) << args.front() << ": " << out;
  }
  const std::string one = "start,calls,aht\n08:00,1,3m\n";
  const std::string plan = text_of(
      {"plan", "-", "--interval", "30m", "--service-level", "80/20s", "--min-agents", "1"}, one);
  for (const std::string words : {"1 interval of 30 min", "at least 1 agent per interval",
                                  "total: 1 call,", "peak 1 agent (1 scheduled)"}) {
    EXPECT_TRUE(contains(plan, words)) << words << ": " << plan;
  }
  const std::string roster = text_of({"plan", "-", "--interval", "30m", "--agents", "1"}, one);
  EXPECT_TRUE(contains(roster, "1 agent in every interval")) << roster;
  const auto overloaded = cli({"c", "--traffic", "1", "--agents", "1", "--aht", "3m"});
  EXPECT_EQ(overloaded.code, 1);
  EXPECT_TRUE(contains(overloaded.err, "1 agent cannot serve 1 E")) << overloaded.err;
  const auto retried = cli({"retry", "--traffic", "1", "--servers", "1", "--retry", "100%"});
  EXPECT_EQ(retried.code, 1);
  EXPECT_TRUE(contains(retried.err, "1 line cannot carry 1 E")) << retried.err;
  // Plurals stay plural, and a fraction of a call is calls.
  EXPECT_TRUE(contains(text_of({"b", "--traffic", "3", "--servers", "2"}), "offered to 2 servers"));
  EXPECT_TRUE(contains(text_of({"staff", "--calls", "0.5", "--interval", "30m", "--aht", "3m",
                                "--service-level", "80/20s"}),
                       "(0.5 calls per 30 min"));
}

TEST(CliCommands, CsvLabelsThatASpreadsheetRunsAreNeutralised) {
  const auto r =
      cli({"plan", "-", "--interval", "30m", "--service-level", "80/20s", "--format", "csv"},
          "start,calls,aht\n=1+2,10,3m\n@SUM(A1),10,3m\n+1,10,3m\n-1,10,3m\n"
          "\"\t=1+2\",10,3m\n\"\r=1+2\",10,3m\n");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto table = parse_csv(r.out);
  ASSERT_EQ(table.size(), 8U);
  EXPECT_EQ(table[1][0], "'=1+2");
  EXPECT_EQ(table[2][0], "'@SUM(A1)");
  EXPECT_EQ(table[3][0], "'+1");
  EXPECT_EQ(table[4][0], "'-1");
  // A leading tab or carriage return, which some spreadsheets skip before a formula.
  EXPECT_EQ(table[5][0], "'\t=1+2");
  EXPECT_EQ(table[6][0], "'\r=1+2");
  EXPECT_TRUE(contains(r.out, "\"'\t=1+2\",")) << r.out;
}

TEST(CliCommands, TextEscapesC1ControlsBidiOverridesAndBytesThatAreNotUtf8) {
  // U+202E (right-to-left override) would show "gnp.exe" reversed; U+0085 and the byte
  // 0x9B are C1 controls (0x9B: CSI on an 8-bit terminal); U+2067 is a bidi isolate.
  const auto r = cli({"plan", "-", "--interval", "30m", "--service-level", "80/20s"},
                     "start,calls,aht\nrlo\xE2\x80\xAEgnp.exe,10,3m\nnel\xC2\x85,10,3m\n"
                     "csi\x9B"
                     "2J,10,3m\niso\xE2\x81\xA7x,10,3m\nok \xC3\xA9,10,3m\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "rlo\\u202Egnp.exe")) << r.out;
  EXPECT_TRUE(contains(r.out, "nel\\u0085")) << r.out;
  EXPECT_TRUE(contains(r.out, "csi\\x9B2J")) << r.out;
  EXPECT_TRUE(contains(r.out, "iso\\u2067x")) << r.out;
  EXPECT_TRUE(contains(r.out, "ok \xC3\xA9")) << r.out;  // ordinary UTF-8 as it is
  for (const std::string raw : {"\xE2\x80\xAE", "\xC2\x85", "\x9B", "\xE2\x81\xA7"}) {
    EXPECT_FALSE(contains(r.out, raw)) << r.out;
  }
  // csv and json keep the label as written (json escapes what it must).
  const auto csv =
      cli({"plan", "-", "--interval", "30m", "--service-level", "80/20s", "--format", "csv"},
          "start,calls,aht\nrlo\xE2\x80\xAEx,10,3m\n");
  EXPECT_EQ(parse_csv(csv.out)[1][0], "rlo\xE2\x80\xAEx");
  // Messages quote a value the same way.
  const auto bad = cli({"b", "--traffic", "x\xE2\x80\xAEy", "--servers", "3"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(contains(bad.err, "x\\u202Ey")) << bad.err;
}

// ---- errors in erlangc's words -------------------------------------------------------------

TEST(CliCommands, ErrorsNameTheOptionAndTheLimitInTheToolsWords) {
  const auto expect_usage = [](const std::vector<std::string>& args, const std::string& part,
                               const std::string& input = "") {
    auto r = cli(args, input);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err, part)) << r.err;
    EXPECT_FALSE(contains(r.err, "Error in function")) << r.err;
    EXPECT_FALSE(contains(r.err, "At Most")) << r.err;
    EXPECT_FALSE(contains(r.err, "A subcommand is required")) << r.err;
    // CLI11's own wording.
    for (const std::string raw : {" excludes ", " requires ", " is required", "required but",
                                  "not expected", "required N missing"}) {
      EXPECT_FALSE(contains(r.err, raw)) << r.err;
    }
    EXPECT_LT(r.err.size(), 600U) << r.err;
    return r;
  };
  expect_usage({"a", "--traffic", "5", "--agents", "6", "--aht", "3m", "--patience", "1e20"},
               "--patience");
  expect_usage({"load", "--calls", "1", "--interval", "4.9e-324", "--aht", "3m"}, "--interval");
  expect_usage({"c", "--traffic", "5", "--agents", "6", "--aht", "3m", "--fromat", "json"},
               "did you mean --format?");
  expect_usage({"--patience", "1"}, "before the command");
  expect_usage({"c", "--traffic", "5", "--agents", "6", "--aht", "3m", "--format", "json",
                "--format", "csv"},
               "--format is given more than once");
  expect_usage({"b", "--traffic", std::string(100000, '7') + "x", "--servers", "3"}, "--traffic");
  expect_usage({"b", "--traffic", "3", "--servers", "3", std::string(100000, 'y')},
               "(100000 bytes)");
  // The AHT cell, not the calls, makes the traffic too large.
  expect_usage({"plan", "-", "--interval", "30m", "--service-level", "80/20s"}, "column 3 (aht)",
               "start,calls,aht\n08:00,10,1e12\n");
  // An unknown command or top-level option, with the closest one.
  expect_usage({"stafff", "--traffic", "10"}, "unknown command 'stafff' (did you mean staff?)");
  expect_usage({"blockng"}, "(did you mean blocking?)");  // aliases too
  expect_usage({"--verison"}, "unknown option '--verison' (did you mean --version?)");
  expect_usage({"--hepl"}, "(did you mean --help?)");
  // CLI11's checks of how options combine, in the tool's words.
  expect_usage({"b", "--traffic", "1", "--calls", "3", "--servers", "2"},
               "--traffic and --calls do not go together: give one of them (the traffic in one "
               "form: --traffic, --calls with --interval, or --rate)");
  expect_usage({"c", "--traffic", "1", "--agents", "3", "--aht", "3m", "--to", "9"},
               "--to goes with --curve: give --curve too, or leave out --to");
  expect_usage({"b", "--traffic", "1"}, "missing --servers N: number of servers (>= 1)");
  expect_usage({"plan"}, "missing the FILE.csv argument: the forecast CSV");
  expect_usage({"staff", "--calls", "100", "--interval", "30m", "--service-level", "80/20s"},
               "missing --aht DURATION");
  expect_usage({"b", "--traffic", "1", "--servers"},
               "--servers is given without its value: N, number of servers (>= 1)");
  expect_usage({"b", "--traffic", "1", "--servers", "3", "7"},
               "unexpected argument '7' for 'b': every value follows its option");
  expect_usage({"b", "--traffic", "1", "--servers", "3", "-x"}, "unknown option '-x' for 'b'");
  // A domain error of the library names the option and its value.
  expect_usage({"staff", "--traffic", "1e9", "--aht", "1e300", "--patience", "1e-300",
                "--service-level", "80/20s"},
               "--patience 1e-300: the value is outside what the model computes: Agents x "
               "patience");
  expect_usage({"a", "--traffic", "5", "--agents", "6", "--aht", "3m", "--patience=1e-300",
                "--queue-capacity", "2"},
               "--patience 1e-300: the value is outside what the model computes: Mean patience "
               "must be at least 1e-290 mean handling times");
}

TEST(CliCommands, DomainErrorsOfTheLibraryNameTheOptionGiven) {
  // The words of the library's message name the option; a value of no such option named
  // lists the options given.
  const char* const with_patience[] = {"erlangc", "a", "--traffic", "5", "--patience", "1e-300"};
  EXPECT_EQ(erlangc::describe_domain_error(
                "Error in function erlang::f<double>(double): Mean patience must be > 0, got 0.", 6,
                with_patience),
            "--patience 1e-300: the value is outside what the model computes: Mean patience must "
            "be > 0, got 0.");
  const char* const with_lines[] = {"erlangc", "b", "--traffic=5", "--lines", "1e13"};
  EXPECT_EQ(
      erlangc::describe_domain_error("Agents must be finite and > 0, got 1e13.", 5, with_lines),
      "--lines 1e13: the value is outside what the model computes: Agents must be finite "
      "and > 0, got 1e13.");
  EXPECT_EQ(erlangc::describe_domain_error("Something else.", 5, with_lines),
            "--traffic 5, --lines 1e13: the values are outside what the model computes: "
            "Something else.");
}

// ---- roster evaluation, and a with targets -------------------------------------------------

TEST(CliCommands, RosterReportsWhatTheAgentsAchieveAndWhereTargetsAreMissed) {
  // 100 and 200 calls of 3 min per half hour: 10 E and 20 E; 14 agents serve the first
  // (80/20s met), 20 agents cannot serve 20 E (every call waits without bound).
  const std::string input = "start,calls,aht,agents\n08:00,100,180,14\n08:30,200,180,20\n";
  const std::vector<std::string> args{"plan", "-", "--service-level", "80/20s"};
  const json j = json_of(args, input);
  ASSERT_EQ(j.size(), 3U);
  EXPECT_EQ(j[0]["agents"].get<double>(), 14);
  EXPECT_EQ(j[1]["agents"].get<double>(), 20);
  EXPECT_DOUBLE_EQ(j[0]["service_level"].get<double>(),
                   erlang::service_level(10.0, 14.0, 180.0, 20.0));
  EXPECT_DOUBLE_EQ(j[0]["wait_probability"].get<double>(), erlang::erlang_c(10.0, 14.0));
  EXPECT_EQ(j[0]["meets_target"], true);
  EXPECT_EQ(j[1]["service_level"].get<double>(), 0);
  EXPECT_TRUE(j[1]["asa"].is_null());  // unbounded
  EXPECT_EQ(j[1]["meets_target"], false);
  EXPECT_EQ(j[2]["start"], "total");
  EXPECT_EQ(j[2]["meets_target"], false);
  const auto text = cli(args, input);
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "Roster evaluation")) << text.out;
  EXPECT_TRUE(contains(text.out, "the targets are missed in 1 of 2 intervals: 08:30")) << text.out;
  // --agents N for every interval, and no target needed: the measures alone.
  const json k = json_of({"plan", "-", "--agents", "13"},
                         "start,calls,aht\n08:00,100,180\n"
                         "08:30,90,180\n");
  ASSERT_EQ(k.size(), 3U);
  EXPECT_EQ(k[0]["agents"].get<double>(), 13);
  EXPECT_DOUBLE_EQ(k[1]["service_level"].get<double>(),
                   erlang::service_level(9.0, 13.0, 180.0, 20.0));
  EXPECT_FALSE(k[0].contains("meets_target"));
  // Without a roster a target is still required.
  const auto none = cli({"plan", "-"}, "start,calls,aht\n08:00,100,180\n08:30,90,180\n");
  EXPECT_EQ(none.code, 2);
  EXPECT_TRUE(contains(none.err, "no staffing target")) << none.err;
}

TEST(CliCommands, ErlangATakesTargetsAndACurve) {
  const std::vector<std::string> base{"a",  "--traffic",       "10",    "--aht", "3m", "--patience",
                                      "5m", "--service-level", "80/20s"};
  auto args = base;
  args.insert(args.end(), {"--agents", "12"});
  const json j = json_of(args);
  const auto a12 = erlang::erlang_a(10.0, 12.0, 180.0, 300.0, 20.0);
  EXPECT_DOUBLE_EQ(j["service_level"].get<double>(), a12.service_level);
  EXPECT_EQ(j["meets_target"], a12.service_level >= 0.8);
  // The curve around the answer marks the fewest agents meeting 80/20s.
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  const double n = erlang::erlang_a_agents_for_targets(10.0, 180.0, 300.0, t);
  auto curve = base;
  curve.emplace_back("--curve");
  const json c = json_of(curve);
  ASSERT_TRUE(c.is_array());
  bool found = false;
  for (const auto& row : c) {
    const double agents = row["agents"].get<double>();
    EXPECT_EQ(row["meets_target"], agents >= n) << agents;
    EXPECT_DOUBLE_EQ(row["abandon_probability"].get<double>(),
                     erlang::erlang_a(10.0, agents, 180.0, 300.0, 20.0).abandon_probability);
    found = found || agents == n;
  }
  EXPECT_TRUE(found);
}

TEST(CliCommands, AFolderOrAByteOrderMarkAloneIsNamedAsSuch) {
  const auto folder = cli({"plan", testing::TempDir(), "--service-level", "80/20s"});
  EXPECT_EQ(folder.code, 2);
  EXPECT_TRUE(contains(folder.err, "is a folder, not a forecast CSV file")) << folder.err;
  const auto bom = cli({"plan", "-", "--service-level", "80/20s"}, "\xEF\xBB\xBF");
  EXPECT_EQ(bom.code, 2);
  EXPECT_TRUE(contains(bom.err, "only a UTF-8 byte-order mark")) << bom.err;
  // A spreadsheet's forecast: blank lines before the header, ';' and decimal commas, an
  // extra column (one warning), a label with a line end.
  const auto sheet =
      cli({"plan", "-", "--interval", "30m", "--service-level", "80/20s", "--format", "json"},
          "\n \nstart;calls;aht;notes\n08:00;100,0;3:00;\"quiet\nmorning\"\n"
          "08:30;1.000;180;\n");
  ASSERT_EQ(sheet.code, 0) << sheet.err;
  const json j = json::parse(sheet.out);
  ASSERT_EQ(j.size(), 3U);
  EXPECT_EQ(j[0]["calls"].get<double>(), 100);
  EXPECT_EQ(j[1]["calls"].get<double>(), 1000);
  EXPECT_TRUE(contains(sheet.err, "warning: <stdin>: line 3: ignoring 'notes' (column 4)"))
      << sheet.err;
}

TEST(CliCommands, DatesTimesAmPmAndOffsetsPlanLikeTheirClockForm) {
  const std::vector<std::string> args{"plan", "-", "--service-level", "80/20s", "--format", "csv"};
  const auto plain = cli(args, "start,calls,aht\n08:00,100,180\n08:30,120,180\n");
  ASSERT_EQ(plain.code, 0) << plain.err;
  const auto split = cli(args,
                         "date,time,calls,aht\n2024-03-04,8:00 AM,100,180\n"
                         "2024-03-04,8:30 AM,120,180\n");
  ASSERT_EQ(split.code, 0) << split.err;
  const auto offset = cli(args,
                          "start,calls,aht\n2024-03-04T08:00:00+01:00,100,180\n"
                          "2024-03-04T07:30:00Z,120,180\n");
  ASSERT_EQ(offset.code, 0) << offset.err;
  const auto numbers = [](const std::string& csv) {
    auto rows = parse_csv(csv);
    for (auto& row : rows) {
      row.erase(row.begin());  // the labels differ
    }
    return rows;
  };
  EXPECT_EQ(numbers(split.out), numbers(plain.out));
  EXPECT_EQ(numbers(offset.out), numbers(plain.out));  // 07:30Z is 30 min after 08:00+01:00
}

TEST(CliCommands, DecimalCommasAndMappedColumnsPlanLikeThePlainFile) {
  const std::vector<std::string> args{"plan", "-", "--service-level", "80/20s", "--format", "csv"};
  const auto plain = cli(args, "start,calls,aht\n08:00,100.5,90\n08:30,1234,190\n");
  ASSERT_EQ(plain.code, 0) << plain.err;
  auto with = [&](std::vector<std::string> more) {
    auto a = args;
    a.insert(a.end(), more.begin(), more.end());
    return a;
  };
  // A German export: its own header names, decimal commas in quoted cells.
  const auto german = cli(with({"--decimal-comma", "--columns", "start=Zeit,calls=Anrufe,aht=BZ"}),
                          "Zeit,Anrufe,BZ\n08:00,\"100,5\",\"1,5m\"\n08:30,\"1.234\",3:10\n");
  ASSERT_EQ(german.code, 0) << german.err;
  EXPECT_EQ(german.err, "");
  // A tab file with a no-break space between thousands.
  const auto tab = cli(with({"--decimal-comma"}),
                       "start\tcalls\taht\n08:00\t100,5\t90\n08:30\t1\xC2\xA0"
                       "234\t190\n");
  ASSERT_EQ(tab.code, 0) << tab.err;
  // A workforce tool's names, read with one note.
  const auto wfm =
      cli(args, "Interval Start,Offered,Handle Time\n08:00,100.5,90\n08:30,1234,190\n");
  ASSERT_EQ(wfm.code, 0) << wfm.err;
  EXPECT_EQ(wfm.err,
            "erlangc: warning: <stdin>: line 1: reading 'Interval Start' as start, 'Offered' as "
            "calls, 'Handle Time' as aht: erlangc reads start, calls, aht and agents\n");
  EXPECT_EQ(german.out, plain.out);
  EXPECT_EQ(tab.out, plain.out);
  EXPECT_EQ(wfm.out, plain.out);
  // simulate reads a forecast with the same options.
  const auto simulated = cli({"simulate", "-", "--agents", "120", "--replications", "2",
                              "--decimal-comma", "--columns", "calls=Anrufe", "--format", "csv"},
                             "start\tAnrufe\taht\n08:00\t100,5\t180\n08:30\t1\xC2\xA0"
                             "234\t190\n");
  ASSERT_EQ(simulated.code, 0) << simulated.err;
  EXPECT_EQ(parse_csv(simulated.out)[2][1], "1234");
}
