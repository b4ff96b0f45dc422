// erlangc simulate: runs on the sample forecast in every format, the same seed gives the
// same output, the exponential case agrees with the exact `erlangc c` and `erlangc a`
// within the confidence intervals it prints, and bad options exit 2 naming the option.
#include "cli.hpp"
#include "cli_test_support.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace {

using namespace erlangc::test;

const std::string forecast = std::string(ERLANGC_EXAMPLES) + "/forecast.csv";

TEST(CliSimulate, RunsOnTheSampleForecast) {
  const std::vector<std::string> args{"simulate",   forecast, "--service-level", "80/20s",
                                      "--patience", "2m",     "--aht-dist",      "lognormal",
                                      "--aht-cv",   "0.8",    "--replications",  "4"};
  const json j = json_of(args);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 25U);  // 24 intervals and the totals row
  EXPECT_EQ(j[0]["start"], "08:00");
  EXPECT_EQ(j[0]["calls"].get<double>(), 42);
  EXPECT_EQ(j[0]["aht"].get<double>(), 195);
  EXPECT_EQ(j[24]["start"], "total");
  double calls = 0;
  for (std::size_t k = 0; k < 24; ++k) {
    calls += j[k]["calls"].get<double>();
    EXPECT_GE(j[k]["agents"].get<double>(), 1);
    for (const char* m : {"wait_probability", "abandon_probability", "service_level"}) {
      const double v = j[k][m].get<double>();
      EXPECT_GE(v, 0) << m;
      EXPECT_LE(v, 1) << m;
      EXPECT_GE(j[k][std::string(m) + "_half_width"].get<double>(), 0) << m;
    }
  }
  EXPECT_EQ(j[24]["calls"].get<double>(), calls);
  // The day staffed for 80/20s: over the day the service level is near 80 % or above.
  EXPECT_GT(j[24]["service_level"].get<double>(), 0.7);
  expect_csv_matches_json(args);
  const auto text = cli(args);
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "24 intervals of 30 min")) << text.out;
  EXPECT_TRUE(contains(text.out, "±")) << text.out;
  EXPECT_EQ(text.err, "");  // no progress bar when stderr is not a terminal
}

TEST(CliSimulate, SameSeedSameOutputOtherSeedOtherOutput) {
  const std::vector<std::string> args{
      "simulate", "--traffic",  "8",     "--aht",    "3m",  "--agents", "10", "--run-calls",
      "20000",    "--aht-dist", "gamma", "--aht-cv", "0.5", "--seed",   "7"};
  const auto a = cli(args);
  const auto b = cli(args);
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  auto other = args;
  other.back() = "8";
  EXPECT_NE(cli(other).out, a.out);
}

/// Each measure of the exact command lies within the interval the simulation prints.
void expect_within_printed_intervals(const json& exact, const json& sim,
                                     const std::vector<std::string>& measures) {
  for (const auto& m : measures) {
    const double v = sim[m].get<double>();
    const double h = sim[m + "_half_width"].get<double>();
    EXPECT_GT(h, 0) << m;
    EXPECT_LT(h, 0.1 * std::max(std::abs(exact[m].get<double>()), 0.1)) << m;
    EXPECT_NEAR(v, exact[m].get<double>(), h) << m;
  }
}

TEST(CliSimulate, ExponentialAgreesWithErlangCAndErlangA) {
  const std::vector<std::string> load{"--traffic", "10", "--aht", "3m", "--agents", "13"};
  std::vector<std::string> c{"c"};
  std::vector<std::string> s{"simulate", "--seed", "3"};
  c.insert(c.end(), load.begin(), load.end());
  s.insert(s.end(), load.begin(), load.end());
  expect_within_printed_intervals(
      json_of(c), json_of(s),
      {"wait_probability", "service_level", "asa", "mean_queue_length", "occupancy"});

  c[0] = "a";
  for (auto* v : {&c, &s}) {
    v->emplace_back("--patience");
    v->emplace_back("90s");
  }
  expect_within_printed_intervals(json_of(c), json_of(s),
                                  {"wait_probability", "abandon_probability", "service_level",
                                   "asa", "mean_queue_length", "occupancy"});
}

TEST(CliSimulate, BatchMeansAgreeWithErlangC) {
  const std::vector<std::string> load{"--traffic", "10", "--aht", "3m", "--agents", "13"};
  std::vector<std::string> c{"c"};
  std::vector<std::string> s{"simulate", "--batches", "20", "--seed", "5"};
  c.insert(c.end(), load.begin(), load.end());
  s.insert(s.end(), load.begin(), load.end());
  const json sim = json_of(s);
  EXPECT_EQ(sim["batches"].get<double>(), 20);
  EXPECT_FALSE(sim.contains("replications"));
  EXPECT_EQ(sim["calls_per_replication"].get<double>(), 1000000);
  expect_within_printed_intervals(json_of(c), sim, {"wait_probability", "service_level", "asa"});
}

TEST(CliSimulate, BadOptionsExitTwoNamingTheOption) {
  const std::vector<std::string> base{"simulate", "--traffic", "10", "--aht",
                                      "3m",       "--agents",  "13"};
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"--aht-dist", "weibull"}, "--aht-dist"},
      {{"--aht-cv", "-1"}, "--aht-cv"},
      {{"--aht-dist", "exponential", "--aht-cv", "0.5"}, "--aht-cv"},
      {{"--patience-dist", "gamma"}, "--patience"},
      {{"--replications", "1"}, "--replications"},
      {{"--seed", "x"}, "--seed"},
      {{"--run-calls", "0"}, "--run-calls"},
      {{"--batches", "1"}, "--batches"},
      {{"--batches", "5", "--replications", "5"}, "--batches"},
      {{"--batches", "50", "--run-calls", "10"}, "--batches"},
  };
  for (const auto& [extra, option] : cases) {
    auto args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = cli(args);
    EXPECT_EQ(r.code, 2) << option;
    EXPECT_TRUE(contains(r.err, option)) << r.err;
    EXPECT_EQ(r.out, "");
  }
  const auto no_agents = cli({"simulate", "--traffic", "10", "--aht", "3m"});
  EXPECT_EQ(no_agents.code, 2);
  EXPECT_TRUE(contains(no_agents.err, "--agents")) << no_agents.err;
  const auto day = cli({"simulate", forecast, "--agents", "20", "--run-calls", "1000"});
  EXPECT_EQ(day.code, 2);
  EXPECT_TRUE(contains(day.err, "--run-calls")) << day.err;
  const auto overloaded = cli({"simulate", "--traffic", "10", "--aht", "3m", "--agents", "10"});
  EXPECT_EQ(overloaded.code, 1);
  EXPECT_EQ(overloaded.out, "");
}

TEST(CliSimulate, EveryKeyIsDocumented) {
  const auto help = cli({"simulate", "--help"});
  ASSERT_EQ(help.code, 0);
  const std::string readme = slurp(std::string(ERLANGC_EXAMPLES) + "/../README.md");
  const json j = json_of({"simulate", forecast, "--agents", "25", "--patience", "3m",
                          "--queue-capacity", "10", "--replications", "2"});
  for (const auto& key : keys_of(j[0])) {
    EXPECT_TRUE(contains(help.out, "  " + key + " ")) << key;
    EXPECT_TRUE(contains(readme, "`" + key + "`")) << key;
  }
}

}  // namespace
