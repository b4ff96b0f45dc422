// erlangc x: Erlang X from the command line against the library called directly (its
// measures, fractional agents, staffing and the largest forecast), lines against waiting
// places, and bad requests exit 2 naming the option.
#include "cli_test_support.hpp"

#include <erlang/erlang_x.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace {

using namespace erlangc::test;

erlang::erlang_x_model<double> model(double places, double patience, double redial = 0) {
  erlang::erlang_x_model<double> m;
  m.waiting_places = places;
  m.mean_patience = patience;
  m.redial_after_abandon = redial;
  m.mean_redial_delay = redial > 0 ? 600 : 0;
  return m;
}

TEST(CliX, MeasuresAreTheLibrarys) {
  const json j =
      json_of({"x", "--traffic", "10", "--aht", "3m", "--agents", "12.5", "--patience", "2m",
               "--queue-capacity", "8", "--redial-abandoned", "30%", "--redial-delay", "10m"});
  const auto x = erlang::erlang_x(10.0, 12.5, 180.0, model(8, 120, 0.3), 20.0);
  EXPECT_EQ(j["agents"].get<double>(), 12.5);
  EXPECT_EQ(j["blocking"].get<double>(), x.blocking);
  EXPECT_EQ(j["wait_probability"].get<double>(), x.wait_probability);
  EXPECT_EQ(j["abandon_probability"].get<double>(), x.abandon_probability);
  EXPECT_EQ(j["service_level"].get<double>(), x.service_level);
  EXPECT_EQ(j["service_level_of_answered"].get<double>(), x.service_level_of_answered);
  EXPECT_EQ(j["service_level_excluding_early_abandon"].get<double>(),
            x.service_level_without_short_abandons);
  EXPECT_EQ(j["asa"].get<double>(), x.average_speed_of_answer);
  EXPECT_EQ(j["occupancy"].get<double>(), x.occupancy);
  EXPECT_EQ(j["total_traffic"].get<double>(), x.total_traffic);
  EXPECT_DOUBLE_EQ(j["redial_rate"].get<double>(), x.redial_rate * 3600);
  // --lines 21 with 13 agents is 8 waiting places.
  const json lines = json_of({"x", "--traffic", "10", "--aht", "3m", "--agents", "13", "--patience",
                              "2m", "--lines", "21"});
  EXPECT_EQ(lines["queue_capacity"].get<double>(), 8);
  EXPECT_EQ(lines["blocking"].get<double>(),
            erlang::erlang_x(10.0, 13.0, 180.0, model(8, 120), 20.0).blocking);
}

TEST(CliX, StaffingAndTheLargestForecastAreTheLibrarys) {
  const erlang::staffing_targets<double> t{
      .service_level = 0.8, .answer_time = 20, .max_abandon = 0.05};
  const json staffed =
      json_of({"x", "--traffic", "10", "--aht", "3m", "--patience", "2m", "--service-level",
               "80/20s", "--max-abandon", "5%", "--sl-definition", "answered"});
  auto m = model(std::numeric_limits<double>::infinity(), 120);
  m.definition = erlang::service_level_definition::answered;
  EXPECT_EQ(staffed["agents"].get<double>(),
            erlang::erlang_x_agents_for_targets(10.0, 180.0, m, t));
  EXPECT_EQ(staffed["service_level_definition"], "answered");
  const json largest =
      json_of({"x", "--agents", "14", "--aht", "3m", "--patience", "2m", "--service-level",
               "80/20s", "--max-abandon", "5%", "--sl-definition", "answered"});
  EXPECT_EQ(largest["traffic"].get<double>(),
            erlang::erlang_x_traffic_for_targets(14.0, 180.0, m, t));
  EXPECT_EQ(largest["max_traffic"].get<double>(), largest["traffic"].get<double>());
}

TEST(CliX, BadRequestsNameTheOption) {
  const std::vector<std::string> base{"x", "--traffic", "10", "--aht", "3m", "--agents", "12"};
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"--redial-abandoned", "10%"}, "--patience"},
      {{"--redial-blocked", "10%"}, "--queue-capacity"},
      {{"--patience", "1m", "--redial-delay", "1m"}, "--redial-delay"},
      {{"--lines", "11"}, "--lines"},
      {{"--sl-definition", "virtual"}, "--sl-definition"},
      {{"--queue-capacity", "4", "--lines", "20"}, "--lines"},
  };
  for (const auto& [extra, option] : cases) {
    auto args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = cli(args);
    EXPECT_EQ(r.code, 2) << option;
    EXPECT_TRUE(contains(r.err, option)) << r.err;
    EXPECT_EQ(r.out, "");
  }
  const auto cv = cli(
      {"x", "--agents", "14", "--aht", "3m", "--service-level", "80/20s", "--forecast-cv", "10%"});
  EXPECT_EQ(cv.code, 2);
  EXPECT_TRUE(contains(cv.err, "--forecast-cv")) << cv.err;
  const auto overloaded = cli({"x", "--traffic", "10", "--aht", "3m", "--agents", "10"});
  EXPECT_EQ(overloaded.code, 1);
  EXPECT_EQ(overloaded.out, "");
}

TEST(CliX, EveryKeyIsDocumented) {
  expect_documented(
      "x", keys_of(json_of({"x", "--traffic", "10", "--aht", "3m", "--agents", "12", "--patience",
                            "2m", "--queue-capacity", "8", "--redial-blocked", "20%",
                            "--redial-delay", "5m", "--service-level", "80/20s"})));
}

}  // namespace
