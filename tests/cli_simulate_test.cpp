// erlangc simulate: runs on the sample forecast in every format, the same seed gives the
// same output, the exponential case agrees with the exact `erlangc c` and `erlangc a`
// within the confidence intervals it prints, and bad options exit 2 naming the option.
#include "cli.hpp"
#include "cli_test_support.hpp"

#include <erlang/erlang_c.hpp>
#include <erlang/erlang_x.hpp>
#include <erlang/response_time.hpp>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
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

TEST(CliSimulate, ChartOfTheDayCarriesTheSimulatedEstimates) {
  const std::string path = ::testing::TempDir() + "simulated-day.svg";
  const std::vector<std::string> args{"simulate",   forecast, "--service-level", "80/20s",
                                      "--patience", "2m",     "--replications",  "3",
                                      "--chart",    path};
  const json j = json_of(args);
  const std::string svg = slurp(path);
  // Each series' data-values, as the chart writes them.
  const auto series = [&](const std::string& name) {
    std::vector<double> v;
    const std::string key = "data-name=\"" + name + "\" data-values=\"";
    const std::size_t at = svg.find(key);
    if (at == std::string::npos) {
      ADD_FAILURE() << "no series " << name;
      return v;
    }
    const std::size_t from = at + key.size();
    std::istringstream in(svg.substr(from, svg.find('"', from) - from));
    for (double x = 0; in >> x;) {
      v.push_back(x);
    }
    return v;
  };
  const auto agents = series("agents required");
  const auto sl = series("service level");
  const auto abandoned = series("abandoned");
  ASSERT_EQ(sl.size(), 24U);
  ASSERT_EQ(agents.size(), 24U);
  ASSERT_EQ(abandoned.size(), 24U);
  for (std::size_t k = 0; k < 24; ++k) {
    EXPECT_EQ(agents[k], j[k]["agents"].get<double>()) << k;
    EXPECT_DOUBLE_EQ(sl[k], j[k]["service_level"].get<double>()) << k;
    EXPECT_DOUBLE_EQ(abandoned[k], j[k]["abandon_probability"].get<double>()) << k;
  }
  std::remove(path.c_str());
  // A stationary run has no day to draw.
  const auto stationary =
      cli({"simulate", "--traffic", "10", "--aht", "3m", "--agents", "12", "--chart", path});
  EXPECT_EQ(stationary.code, 2);
  EXPECT_TRUE(contains(stationary.err, "forecast")) << stationary.err;
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

/// Each simulated value lies within its printed half width of the exact value (95 %
/// intervals at a fixed seed).
void expect_within_printed_interval(const json& sim, const std::string& key, double exact) {
  const double v = sim[key].get<double>();
  const double h = sim[key + "_half_width"].get<double>();
  EXPECT_GT(h, 0) << key;
  EXPECT_LT(h, 0.1 * std::max(std::abs(exact), 0.1)) << key;
  EXPECT_NEAR(v, exact, h) << key;
}

TEST(CliSimulate, PercentilesAgreeWithTheErlangCWaitAndResponseTimeQuantiles) {
  const json sim = json_of({"simulate", "--traffic", "10", "--aht", "3m", "--agents", "13",
                            "--percentiles", "80,90,99", "--run-calls", "200000", "--seed", "4"});
  for (const double p : {0.8, 0.9, 0.99}) {
    const std::string name = p == 0.99 ? "p99" : (p == 0.9 ? "p90" : "p80");
    // The exact quantiles of M/M/c, from the closed forms (wait: C e^{-(c - E) t / h}).
    expect_within_printed_interval(sim, "wait_" + name,
                                   erlang::wait_time_quantile(10.0, 13.0, 180.0, p));
    expect_within_printed_interval(sim, "response_time_" + name,
                                   erlang::response_time_quantile(10.0, 13.0, 180.0, p));
  }
  const auto bad = cli(
      {"simulate", "--traffic", "10", "--aht", "3m", "--agents", "13", "--percentiles", "90,100"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(contains(bad.err, "--percentiles")) << bad.err;
}

TEST(CliSimulate, EveryServiceLevelDefinitionAgreesWithTheFiniteQueueWithAbandonment) {
  const json sim =
      json_of({"simulate", "--traffic", "10", "--aht", "3m", "--agents", "11", "--patience", "90s",
               "--queue-capacity", "4", "--run-calls", "200000", "--seed", "6"});
  erlang::erlang_x_model<double> model;
  model.waiting_places = 4;
  model.mean_patience = 90;
  const auto x = erlang::erlang_x(10.0, 11.0, 180.0, model, 20.0);  // no redials: M/M/c/K+M
  expect_within_printed_interval(sim, "service_level", x.service_level_of_offered);
  expect_within_printed_interval(sim, "service_level_of_answered", x.service_level_of_answered);
  expect_within_printed_interval(sim, "service_level_excluding_early_abandon",
                                 x.service_level_without_short_abandons);
  expect_within_printed_interval(sim, "mean_wait", x.mean_wait);
  expect_within_printed_interval(sim, "blocking", x.blocking);
  // The counts add up: every offered call is answered, abandoned or blocked.
  EXPECT_EQ(sim["offered"].get<double>(), sim["answered"].get<double>() +
                                              sim["abandoned"].get<double>() +
                                              sim["blocked"].get<double>());
  EXPECT_EQ(sim["offered"].get<double>(), 10 * 200000);
}

/// A file holding `text`, removed with the object.
struct temp_file {
  std::string path;
  explicit temp_file(const std::string& name, const std::string& text)
      : path(::testing::TempDir() + name) {
    std::ofstream(path) << text;
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  ~temp_file() { std::remove(path.c_str()); }
};

TEST(CliSimulate, ObservedHandlingTimesGiveThePollaczekKhinchineWait) {
  // Two observed times, 60 s and 300 s (a header line first): M/G/1 at 70 % load, whose mean
  // wait is lambda E[S^2] / (2 (1 - rho)) (Pollaczek-Khinchine).
  const temp_file samples("aht-samples.txt", "aht\n60\n300\n");
  const auto pk = [](double mean, double second_moment) {
    const double lambda = 0.7 / mean;
    return lambda * second_moment / (2 * (1 - 0.7));
  };
  const std::vector<std::string> base{"simulate", "--traffic",     "0.7",       "--agents",
                                      "1",        "--run-calls",   "1000000",   "--seed",
                                      "2",        "--aht-samples", samples.path};
  const json own_mean = json_of(base);  // the AHT is the samples' mean, 180 s
  EXPECT_EQ(own_mean["aht"].get<double>(), 180);
  EXPECT_EQ(own_mean["aht_distribution"], "empirical");
  expect_within_printed_interval(own_mean, "asa", pk(180, (60.0 * 60 + 300.0 * 300) / 2));
  auto scaled = base;  // --aht 6m scales them to 120 s and 600 s
  scaled.insert(scaled.end(), {"--aht", "6m"});
  expect_within_printed_interval(json_of(scaled), "asa", pk(360, (120.0 * 120 + 600.0 * 600) / 2));
  auto with_cv = base;
  with_cv.insert(with_cv.end(), {"--aht-cv", "0.5"});
  EXPECT_EQ(cli(with_cv).code, 2);
  const auto missing = cli(
      {"simulate", "--traffic", "1", "--aht", "3m", "--agents", "2", "--aht-dist", "empirical"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(contains(missing.err, "--aht-samples")) << missing.err;
}

TEST(CliSimulate, RedialsFollowTheirProbability) {
  const json sim = json_of({"simulate", "--traffic",        "10",    "--aht",
                            "3m",       "--agents",         "10",    "--patience",
                            "1m",       "--queue-capacity", "3",     "--redial-abandoned",
                            "40%",      "--redial-blocked", "70%",   "--redial-delay",
                            "20s",      "--run-calls",      "50000", "--seed",
                            "9"});
  EXPECT_EQ(sim["redial_abandoned"].get<double>(), 0.4);
  EXPECT_EQ(sim["redial_blocked"].get<double>(), 0.7);
  EXPECT_EQ(sim["redial_delay"].get<double>(), 20);
  // Each abandoned (blocked) caller redials with probability 0.4 (0.7): the redials are a
  // sum of Bernoulli draws, within 4 standard deviations of their mean. The measured window
  // counts by arrival, so redials of warm-up calls come in and the last ones go out: at
  // 20 s of delay a handful per replication, below 1 % of the count.
  const double ab = sim["abandoned"].get<double>();
  const double bl = sim["blocked"].get<double>();
  const double mean = 0.4 * ab + 0.7 * bl;
  const double sd = std::sqrt(0.4 * 0.6 * ab + 0.7 * 0.3 * bl);
  EXPECT_GT(ab, 1000);
  EXPECT_GT(bl, 1000);
  EXPECT_NEAR(sim["redials"].get<double>(), mean, 4 * sd + 0.01 * mean);
}

TEST(CliSimulate, ARosterColumnIsTheAgentsOfEachInterval) {
  const std::string header = "start,calls,aht,agents\n";
  const std::string rows = "08:00,40,180,6\n08:30,60,180,\n09:00,80,200,6\n";
  const std::vector<std::string> args{"simulate", "-", "--replications", "3", "--patience", "2m"};
  // The same agents in every interval, from the column (one cell empty: --agents) or from
  // --agents alone: the same simulation.
  auto with_default = args;
  with_default.insert(with_default.end(), {"--agents", "6", "--format", "json"});
  const auto column = cli(with_default, header + rows);
  const auto plain =
      cli(with_default, "start,calls,aht\n08:00,40,180\n08:30,60,180\n09:00,80,200\n");
  ASSERT_EQ(column.code, 0) << column.err;
  EXPECT_EQ(column.out, plain.out);
  const auto missing = cli(args, header + rows);
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(contains(missing.err, "line 3")) << missing.err;
  EXPECT_TRUE(contains(missing.err, "agents")) << missing.err;
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
      {{"--redial-abandoned", "10%", "--redial-delay", "1m"}, "--patience"},
      {{"--redial-blocked", "10%", "--redial-delay", "1m"}, "--queue-capacity"},
      {{"--patience", "1m", "--redial-abandoned", "10%"}, "--redial-delay"},
      {{"--redial-delay", "1m"}, "--redial-delay"},
      {{"--redial-abandoned", "120%"}, "--redial-abandoned"},
      {{"--aht-samples", "/nonexistent/samples.txt"}, "--aht-samples"},
      {{"--patience-samples", "/nonexistent/samples.txt"}, "--patience"},
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
  expect_documented("simulate",
                    keys_of(json_of({"simulate", forecast, "--agents", "25", "--patience", "3m",
                                     "--queue-capacity", "10", "--replications", "2"})[0]));
}

}  // namespace
