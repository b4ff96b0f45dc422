// erlangc pool: the fewest servers, the largest rate and every measure, against the library
// called directly (M/M/c exactly; the G/G/c approximations with --cv-*), the units software
// engineers write, text in ms, and bad requests exit 2 (1 when overloaded) naming the option.
#include "cli_test_support.hpp"

#include <erlang/erlang_c.hpp>
#include <erlang/gg_c.hpp>
#include <erlang/response_time.hpp>
#include <erlang/staffing.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace erlangc::test;

TEST(CliPool, FewestServersForAPercentileAreTheLibrarys) {
  const json j = json_of({"pool", "--rate", "1000/s", "--service-time", "35ms", "--p99", "250ms"});
  const double n = erlang::servers_for_response_time(35.0, 0.035, 0.99, 0.25);
  EXPECT_EQ(j["model"], "mm_c");
  EXPECT_EQ(j["servers"].get<double>(), n);
  EXPECT_DOUBLE_EQ(j["traffic"].get<double>(), 35);
  EXPECT_EQ(j["response_time_p99"].get<double>(),
            erlang::response_time_quantile(35.0, n, 0.035, 0.99));
  EXPECT_EQ(j["response_time_p99_9"].get<double>(),
            erlang::response_time_quantile(35.0, n, 0.035, 0.999));
  EXPECT_EQ(j["wait_p90"].get<double>(), erlang::wait_time_quantile(35.0, n, 0.035, 0.9));
  EXPECT_EQ(j["mean_response_time"].get<double>(), erlang::mean_response_time(35.0, n, 0.035));
  EXPECT_EQ(j["wait_probability"].get<double>(), erlang::erlang_c(35.0, n));
  EXPECT_DOUBLE_EQ(j["utilization"].get<double>(), 35 / n);
  EXPECT_LE(j["response_time_p99"].get<double>(), 0.25);
  // The same request written the other ways.
  for (const char* rate : {"1k/s", "1000 req/s", "1/ms", "1000rps", "60k/m"}) {
    const json k = json_of({"pool", "--rate", rate, "--service-time", "35ms", "--p99", "250ms"});
    EXPECT_EQ(k["servers"].get<double>(), n) << rate;
  }
  const json generic =
      json_of({"pool", "--rate", "1000/s", "--aht", "0.035", "--response-percentile", "99/250ms"});
  EXPECT_EQ(generic["servers"].get<double>(), n);
}

TEST(CliPool, EveryTargetTogetherNeedsTheMostServersAnyOneNeeds) {
  const json j = json_of({"pool", "--rate", "1200/s", "--service-time", "35ms", "--p95", "120ms",
                          "--mean-response", "45ms", "--max-utilization", "80%",
                          "--wait-percentile", "99/30ms"});
  const double e = 1200 * 0.035;
  const double n = std::max(
      {erlang::servers_for_response_time(e, 0.035, 0.95, 0.12),
       erlang::servers_for_mean_response_time(e, 0.035, 0.045),
       erlang::agents_for_targets(e, 0.035, erlang::staffing_targets<double>{.max_occupancy = 0.8}),
       erlang::agents_for_targets(
           e, 0.035,
           erlang::staffing_targets<double>{.service_level = 0.99, .answer_time = 0.03})});
  EXPECT_EQ(j["servers"].get<double>(), n);
}

TEST(CliPool, LargestRateOfGivenServers) {
  const json j = json_of({"pool", "--servers", "40", "--service-time", "35ms", "--p99", "250ms"});
  const double e = erlang::traffic_for_response_time(40.0, 0.035, 0.99, 0.25);
  EXPECT_NEAR(j["rate"].get<double>(), e / 0.035, 1e-9 * e / 0.035);
  EXPECT_NEAR(j["max_rate"].get<double>(), e / 0.035, 1e-9 * e / 0.035);
  const json both = json_of(
      {"pool", "--rate", "900/s", "--servers", "40", "--service-time", "35ms", "--p99", "250ms"});
  EXPECT_EQ(both["meets_target"], true);
  EXPECT_EQ(both["servers"].get<double>(), 40);
  EXPECT_EQ(both["rate"].get<double>(), 900);
}

TEST(CliPool, VariabilityUsesTheGGcApproximations) {
  const json j = json_of({"pool", "--rate", "1000/s", "--service-time", "35ms", "--p99", "250ms",
                          "--cv-arrival", "1.5", "--cv-service", "0.5"});
  EXPECT_EQ(j["model"], "gg_c");
  const double n = erlang::pool_servers_for_targets(
      35.0, 0.035, 1.5, 0.5,
      erlang::pool_targets<double>{.response_fraction = 0.99, .response_time = 0.25});
  EXPECT_EQ(j["servers"].get<double>(), n);
  EXPECT_EQ(j["mean_wait"].get<double>(), erlang::qna_mean_wait(35.0, n, 0.035, 1.5, 0.5));
  EXPECT_EQ(j["response_time_p99"].get<double>(),
            erlang::gg_c_response_time_quantile(35.0, n, 0.035, 1.5, 0.5, 0.99));
  const auto text = cli({"pool", "--rate", "1000/s", "--service-time", "35ms", "--p99", "250ms",
                         "--cv-arrival", "1.5"});
  EXPECT_TRUE(contains(text.out, "G/G/c approximation")) << text.out;
}

TEST(CliPool, TextShowsMilliseconds) {
  const auto r = cli({"pool", "--rate", "1000/s", "--service-time", "35ms", "--p99", "250ms"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "service time        35.0 ms")) << r.out;
  EXPECT_TRUE(contains(r.out, "response p99.9")) << r.out;
}

TEST(CliPool, BadRequestsNameTheOption) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"pool", "--rate", "1000/s", "--p99", "250ms"}, "--service-time"},
      {{"pool", "--rate", "1000/s", "--service-time", "35ms"}, "--servers"},
      {{"pool", "--service-time", "35ms", "--p99", "250ms"}, "--rate"},
      {{"pool", "--rate", "1000/s", "--service-time", "35ms", "--p99", "250ms", "--p90", "100ms"},
       "percentile"},
      {{"pool", "--rate", "1000/s", "--service-time", "35ms", "--response-percentile", "100/1s"},
       "--response-percentile"},
      {{"pool", "--rate", "1000/s", "--service-time", "35ms", "--cv-arrival", "-1", "--p99", "1s"},
       "--cv-arrival"},
      {{"pool", "--rate", "5 apples/s", "--service-time", "35ms", "--p99", "1s"}, "--rate"},
  };
  for (const auto& [args, option] : cases) {
    const auto r = cli(args);
    EXPECT_EQ(r.code, 2) << option;
    EXPECT_TRUE(contains(r.err, option)) << r.err;
    EXPECT_EQ(r.out, "");
  }
  // A p99 of 10 ms when the service alone takes 35 ms on average: no pool meets it.
  const auto impossible =
      cli({"pool", "--rate", "1000/s", "--service-time", "35ms", "--p99", "10ms"});
  EXPECT_EQ(impossible.code, 2);
  EXPECT_TRUE(contains(impossible.err, "cannot be met by any number of servers")) << impossible.err;
  const auto overloaded =
      cli({"pool", "--rate", "1000/s", "--servers", "30", "--service-time", "35ms"});
  EXPECT_EQ(overloaded.code, 1);
  EXPECT_EQ(overloaded.out, "");
}

TEST(CliPool, EveryKeyIsDocumented) {
  // The percentile keys are documented once, as response_time_p<N> and wait_p<N>.
  std::vector<std::string> documented;
  for (const std::string& key : keys_of(json_of({"pool", "--rate", "900/s", "--servers", "40",
                                                 "--service-time", "35ms", "--p99", "250ms"}))) {
    const bool percentile = key.rfind("response_time_p", 0) == 0 || key.rfind("wait_p", 0) == 0;
    documented.push_back(percentile ? key.substr(0, key.find("_p") + 2) + "<N>" : key);
  }
  expect_documented("pool", documented);
}

}  // namespace
