// erlangc plan --method and --evaluate: the day staffed by the lag, MOL and exact methods
// and evaluated exactly, against the library's time-varying functions called directly and
// against the limits the methods must reach (a constant rate: every method staffs as SIPP,
// the exact evaluation converges to Erlang C and Erlang A).
#include "cli_test_support.hpp"

#include <erlang/erlang_a.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/staffing.hpp>
#include <erlang/time_varying.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace {

using namespace erlangc::test;

constexpr double interval = 1800;  // 30 minutes
constexpr double aht = 360;        // 6 minutes: long against the ramp

/// A steep morning ramp, a plateau and a drop: calls per 30 minutes.
const std::vector<double> ramp_calls = {20,  60,  150, 300, 420, 460, 470, 460,
                                        400, 300, 180, 90,  40,  20,  10,  5};

std::string forecast_of(const std::vector<double>& calls) {
  std::string csv = "start,calls\n";
  for (std::size_t i = 0; i < calls.size(); ++i) {
    csv += fmt::format("{:02}:{:02},{:g}\n", 8 + i / 2, 30 * (i % 2), calls[i]);
  }
  return csv;
}

std::vector<double> rates_of(const std::vector<double>& calls) {
  std::vector<double> r;
  r.reserve(calls.size());
  for (const double c : calls) {
    r.push_back(c / interval);
  }
  return r;
}

std::vector<double> column(const json& rows, const char* key) {
  std::vector<double> v;
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {  // the last row is the totals
    v.push_back(rows[i][key].is_null() ? std::nan("") : rows[i][key].get<double>());
  }
  return v;
}

erlang::day_parameters<double> parameters(double patience = INFINITY) {
  erlang::day_parameters<double> p;
  p.interval_length = interval;
  p.mean_handling_time = aht;
  p.mean_patience = patience;
  p.answer_time = 20;
  return p;
}

erlang::staffing_targets<double> sl_80_20() { return {.service_level = 0.8, .answer_time = 20}; }

json plan(std::vector<std::string> extra, const std::vector<double>& calls) {
  std::vector<std::string> args = {"plan",   "-",        "--aht", "6m", "--service-level",
                                   "80/20s", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = cli(args, forecast_of(calls));
  EXPECT_EQ(r.code, 0) << r.err;
  return json::parse(r.out);
}

TEST(CliPlanDay, MethodsStaffAsTheLibrarysTimeVaryingSolvers) {
  const auto rates = rates_of(ramp_calls);
  const auto p = parameters();
  const auto t = sl_80_20();
  EXPECT_EQ(column(plan({"--method", "lag"}, ramp_calls), "agents"),
            erlang::lag_agents_for_targets(rates, p, aht, 0.0, t));
  EXPECT_EQ(column(plan({"--method", "mol"}, ramp_calls), "agents"),
            erlang::mol_agents_for_targets(rates, p, 0.0, t));
  EXPECT_EQ(column(plan({"--method", "exact"}, ramp_calls), "agents"),
            erlang::exact_agents_for_targets(rates, p, std::vector<double>{}, t));
  EXPECT_EQ(column(plan({}, ramp_calls), "agents"), erlang::sipp_agents_for_targets(rates, p, t));
  // Erlang A: the patience reaches the exact solver.
  const auto pa = parameters(120);
  EXPECT_EQ(column(plan({"--method", "exact", "--patience", "2m"}, ramp_calls), "agents"),
            erlang::exact_agents_for_targets(rates, pa, std::vector<double>{}, t));
}

TEST(CliPlanDay, TheRampNeedsMoreThanSippWhereTheQueueCarriesOver) {
  // With 6-minute calls and a steep ramp the lag and MOL loads trail the arrivals: fewer
  // agents while the rate climbs, more while it falls, the same workload over the day.
  const auto sipp = column(plan({}, ramp_calls), "agents");
  const auto mol = column(plan({"--method", "mol"}, ramp_calls), "agents");
  EXPECT_LE(mol[2], sipp[2]);
  EXPECT_GE(mol[10], sipp[10]);
  // Every interval of the exact method meets the target under the exact evaluation.
  const json exact = plan({"--method", "exact"}, ramp_calls);
  for (std::size_t i = 0; i + 1 < exact.size(); ++i) {
    EXPECT_TRUE(exact[i]["meets_target"].get<bool>()) << i;
    EXPECT_GE(exact[i]["service_level"].get<double>(), 0.8) << i;
  }
}

TEST(CliPlanDay, ConstantRateEveryMethodStaffsAsSipp) {
  // 200 calls per half hour all day: once the day's empty start has worn off, every method
  // needs what SIPP needs. Two intervals: the exact method staffs the first for a system
  // that starts empty, and the queue that leaves can need one agent more in the second.
  const std::vector<double> flat(20, 200);
  const auto sipp = column(plan({}, flat), "agents");
  const double erlang_c = erlang::agents_for_targets(200 * aht / interval, aht, sl_80_20());
  for (const char* m : {"lag", "mol", "exact"}) {
    const auto v = column(plan({"--method", m}, flat), "agents");
    ASSERT_EQ(v.size(), flat.size());
    for (std::size_t i = 2; i < v.size(); ++i) {
      EXPECT_EQ(v[i], sipp[i]) << m << " interval " << i;
      EXPECT_EQ(v[i], erlang_c) << m << " interval " << i;
    }
  }
}

TEST(CliPlanDay, EvaluateConvergesToErlangCAndErlangA) {
  // A constant roster at a constant rate: late in the day the exact evaluation is the
  // stationary queue.
  const std::vector<double> flat(20, 200);
  const double traffic = 200 * aht / interval;
  const json c = plan({"--agents", "24", "--evaluate"}, flat);
  const json& last = c[flat.size() - 1];
  EXPECT_NEAR(last["service_level"].get<double>(), erlang::service_level(traffic, 24.0, aht, 20.0),
              1e-9);
  EXPECT_NEAR(last["wait_probability"].get<double>(), erlang::erlang_c(traffic, 24.0), 1e-9);
  const json a = plan({"--agents", "20", "--evaluate", "--patience", "2m"}, flat);
  const auto m = erlang::erlang_a(traffic, 20.0, aht, 120.0, 20.0);
  const json& end = a[flat.size() - 1];
  EXPECT_NEAR(end["abandon_probability"].get<double>(), m.abandon_probability, 1e-9);
  EXPECT_NEAR(end["service_level"].get<double>(), m.service_level, 1e-9);
  EXPECT_NEAR(end["wait_probability"].get<double>(), m.wait_probability, 1e-9);
}

TEST(CliPlanDay, EvaluateIsTheExactEvaluationOfTheSippPlanWithANoteOnMisses) {
  const auto rates = rates_of(ramp_calls);
  const auto p = parameters();
  const auto agents = erlang::sipp_agents_for_targets(rates, p, sl_80_20());
  const auto day = erlang::evaluate_day(rates, agents, p);
  const auto r = cli(
      {"plan", "-", "--aht", "6m", "--service-level", "80/20s", "--evaluate", "--format", "json"},
      forecast_of(ramp_calls));
  ASSERT_EQ(r.code, 0) << r.err;
  const json rows = json::parse(r.out);
  std::string missed;
  for (std::size_t i = 0; i < ramp_calls.size(); ++i) {
    const auto& e = day.intervals[i];
    EXPECT_EQ(rows[i]["agents"].get<double>(), agents[i]);
    EXPECT_DOUBLE_EQ(rows[i]["service_level"].get<double>(), e.service_level) << i;
    EXPECT_DOUBLE_EQ(rows[i]["wait_probability"].get<double>(), e.wait_probability) << i;
    EXPECT_DOUBLE_EQ(rows[i]["asa"].get<double>(), e.average_speed_of_answer) << i;
    EXPECT_DOUBLE_EQ(rows[i]["mean_queue_length"].get<double>(), e.mean_queue_length) << i;
    EXPECT_DOUBLE_EQ(rows[i]["occupancy"].get<double>(), e.occupancy) << i;
    EXPECT_EQ(rows[i]["meets_target"].get<bool>(), e.service_level >= 0.8) << i;
    if (e.service_level < 0.8) {
      missed += (missed.empty() ? "" : ", ") + rows[i]["start"].get<std::string>();
    }
  }
  // The ramp makes SIPP miss somewhere; stderr names exactly those intervals.
  ASSERT_FALSE(missed.empty());
  EXPECT_TRUE(contains(r.err, "warning")) << r.err;
  EXPECT_TRUE(contains(r.err, missed)) << r.err << "\nexpected: " << missed;
}

TEST(CliPlanDay, TextSaysWhichMethod) {
  const auto plain =
      cli({"plan", "-", "--aht", "6m", "--service-level", "80/20s"}, forecast_of(ramp_calls));
  EXPECT_TRUE(contains(plain.out, "method SIPP")) << plain.out;
  const auto mol = cli({"plan", "-", "--aht", "6m", "--service-level", "80/20s", "--method", "mol"},
                       forecast_of(ramp_calls));
  EXPECT_TRUE(contains(mol.out, "method MOL")) << mol.out;
  EXPECT_TRUE(contains(mol.out, "as if stationary")) << mol.out;
}

TEST(CliPlanDay, BadRequestsAreUsageErrors) {
  const std::string f = forecast_of(ramp_calls);
  const auto bad =
      cli({"plan", "-", "--aht", "6m", "--service-level", "80/20s", "--method", "x"}, f);
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(contains(bad.err, "sipp, lag, mol or exact")) << bad.err;
  const auto roster = cli({"plan", "-", "--aht", "6m", "--agents", "20", "--method", "exact"}, f);
  EXPECT_EQ(roster.code, 2);
  EXPECT_TRUE(contains(roster.err, "roster")) << roster.err;
  EXPECT_EQ(roster.out, "");
  const auto report =
      cli({"plan", "-", "--aht", "6m", "--service-level", "80/20s", "--report", "plan.pdf"}, f);
  EXPECT_EQ(report.code, 2);
  EXPECT_TRUE(contains(report.err, "FILE.html")) << report.err;
}

TEST(CliPlanDay, ADayTooLargeToEvaluateIsRefusedAtOnce) {
  // 1 000 000 and 2 000 000 calls of 3 minutes in half an hour (100 000 and 200 000 E): the
  // exact evaluation would take minutes, the exact staffing far longer.
  const std::string f = "start,calls\n08:00,1000000\n08:30,2000000\n";
  const auto exact =
      cli({"plan", "-", "--aht", "3m", "--service-level", "80/20s", "--method", "exact"}, f);
  EXPECT_EQ(exact.code, 2);
  EXPECT_TRUE(contains(exact.err, "state updates")) << exact.err;
  EXPECT_TRUE(contains(exact.err, "--method mol")) << exact.err;
  EXPECT_EQ(exact.out, "");
  const auto evaluate =
      cli({"plan", "-", "--aht", "3m", "--service-level", "80/20s", "--evaluate"}, f);
  EXPECT_EQ(evaluate.code, 2);
  EXPECT_TRUE(contains(evaluate.err, "exact evaluation")) << evaluate.err;
}

TEST(CliPlanDay, AWholeDayIsAtMostTwentyThousandIntervals) {
  std::string f = "start,calls\n";
  for (int i = 0; i <= 20000; ++i) {
    f += fmt::format("{},10\n", i);
  }
  const auto r = cli({"plan", "-", "--aht", "3m", "--interval", "30m", "--service-level", "80/20s",
                      "--method", "mol"},
                     f);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "line 20002")) << r.err;
  EXPECT_TRUE(contains(r.err, "at most 20000 intervals")) << r.err;
  EXPECT_EQ(r.out, "");
  // Without the whole day, the plan streams any number.
  const auto streamed =
      cli({"plan", "-", "--aht", "3m", "--interval", "30m", "--service-level", "80/20s"}, f);
  EXPECT_EQ(streamed.code, 0) << streamed.err;
}

}  // namespace
