// erlangc chat: the measures and staffing of agents holding several conversations, against
// the identities of the model (one conversation per agent is Erlang A or M/M/c/K+M; equal
// handling times at every level are one queue of agents x k servers) and the library's chat
// functions; staffing is the least that meets; the chart's points are the measures at each
// agent count; bad requests are usage errors.
#include "cli_test_support.hpp"

#include <erlang/chat.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/finite_queue_abandonment.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace erlangc::test;

TEST(CliChat, OneConversationPerAgentIsErlangA) {
  // 200 conversations per hour of 3 minutes: 10 E; 12 agents, patience 2 minutes.
  const json j = json_of({"chat", "--rate", "200/h", "--aht", "3m", "--agents", "12", "--patience",
                          "2m", "--target", "20s"});
  const auto a = erlang::erlang_a(10.0, 12.0, 180.0, 120.0, 20.0);
  EXPECT_NEAR(j["wait_probability"].get<double>(), a.wait_probability, 1e-13);
  EXPECT_NEAR(j["abandon_probability"].get<double>(), a.abandon_probability, 1e-13);
  EXPECT_NEAR(j["service_level"].get<double>(), a.service_level, 1e-13);
  EXPECT_NEAR(j["asa"].get<double>(), a.average_speed_of_answer, 1e-10);
  EXPECT_EQ(j["concurrency"].get<double>(), 1);
  EXPECT_EQ(j["slots"].get<double>(), 12);
}

TEST(CliChat, OneConversationPerAgentWithAQueueLimitIsMMcKM) {
  const json j = json_of({"chat", "--rate", "200/h", "--aht", "3m", "--agents", "11", "--patience",
                          "2m", "--queue-capacity", "4", "--target", "20s"});
  const auto q = erlang::finite_queue_abandonment(10.0, 11.0, 180.0, 120.0, 4.0, 20.0);
  EXPECT_NEAR(j["blocking"].get<double>(), q.blocking, 1e-13);
  EXPECT_NEAR(j["wait_probability"].get<double>(), q.wait_probability, 1e-13);
  EXPECT_NEAR(j["service_level"].get<double>(), q.service_level, 1e-13);
}

TEST(CliChat, EqualHandlingTimesAreOneQueueOfAllSlots) {
  // 120 per hour of 4 minutes at 3 per agent on 5 agents: Erlang C with 15 servers, 8 E.
  const json j = json_of({"chat", "--rate", "120/h", "--aht", "4m", "--concurrency", "3",
                          "--agents", "5", "--target", "30s"});
  EXPECT_NEAR(j["wait_probability"].get<double>(), erlang::erlang_c(8.0, 15.0), 1e-13);
  EXPECT_NEAR(j["service_level"].get<double>(), erlang::service_level(8.0, 15.0, 240.0, 30.0),
              1e-13);
  EXPECT_NEAR(j["asa"].get<double>(), erlang::average_speed_of_answer(8.0, 15.0, 240.0), 1e-10);
  EXPECT_NEAR(j["occupancy"].get<double>(), 8.0 / 15.0, 1e-13);
  EXPECT_EQ(j["slots"].get<double>(), 15);
}

TEST(CliChat, HandlingTimesByConcurrencyReachTheLibrary) {
  const std::vector<double> aht = {240, 300, 390};
  const json j = json_of({"chat", "--rate", "300/h", "--aht", "4m,5m,6.5m", "--agents", "9",
                          "--patience", "3m", "--queue-capacity", "6", "--target", "1m"});
  const auto m = erlang::chat(300.0 / 3600, 9.0, aht, 180.0, 6.0, 60.0);
  EXPECT_DOUBLE_EQ(j["service_level"].get<double>(), m.service_level);
  EXPECT_DOUBLE_EQ(j["abandon_probability"].get<double>(), m.abandon_probability);
  EXPECT_DOUBLE_EQ(j["blocking"].get<double>(), m.blocking);
  EXPECT_DOUBLE_EQ(j["occupancy"].get<double>(), m.occupancy);
  EXPECT_EQ(j["concurrency"].get<double>(), 3);
  EXPECT_EQ(j["handling_times"].get<std::string>(), "240 300 390");
}

TEST(CliChat, StaffingIsTheLeastThatMeets) {
  const std::vector<std::string> model = {"chat",       "--rate",     "300/h", "--aht",
                                          "4m,5m,6.5m", "--patience", "3m"};
  std::vector<std::string> staff = model;
  staff.insert(staff.end(), {"--service-level", "80/30s", "--max-abandon", "3%"});
  const double n = json_of(staff)["agents"].get<double>();
  ASSERT_GT(n, 1);
  for (const double agents : {n, n - 1}) {
    std::vector<std::string> at = staff;
    at.insert(at.end(), {"--agents", fmt::format("{:g}", agents)});
    EXPECT_EQ(json_of(at)["meets_target"].get<bool>(), agents == n) << agents;
  }
}

TEST(CliChat, ChartPointsAreTheMeasuresAtEachAgentCount) {
  const std::string path = ::testing::TempDir() + "chat.svg";
  const auto r = cli({"chat", "--rate", "300/h", "--aht", "4m,5m,6.5m", "--patience", "3m",
                      "--service-level", "80/30s", "--chart", path, "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const double agents = json::parse(r.out)["agents"].get<double>();
  std::ifstream in(path);
  const std::string svg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The service-level series: its data-values, one per agent count from max(1, n - 10).
  const std::string name = R"(data-name="service level" data-values=")";
  const std::size_t at = svg.find(name);
  ASSERT_NE(at, std::string::npos) << "no service-level series";
  const std::size_t from = at + name.size();
  std::istringstream values(svg.substr(from, svg.find('"', from) - from));
  std::vector<double> sl;
  for (double x = 0; values >> x;) {
    sl.push_back(x);
  }
  const double first = std::max(1.0, agents - 10);
  ASSERT_EQ(sl.size(), static_cast<std::size_t>(agents + 10 - first + 1));
  for (std::size_t i = 0; i < sl.size(); ++i) {
    const json m =
        json_of({"chat", "--rate", "300/h", "--aht", "4m,5m,6.5m", "--patience", "3m", "--target",
                 "30s", "--agents", fmt::format("{:g}", first + static_cast<double>(i))});
    EXPECT_DOUBLE_EQ(sl[i], m["service_level"].get<double>()) << i;
  }
  std::remove(path.c_str());
}

TEST(CliChat, BadRequestsAreUsageErrorsAndOverloadIsInfeasible) {
  const auto mismatch =
      cli({"chat", "--rate", "120/h", "--aht", "4m,5m", "--concurrency", "3", "--agents", "5"});
  EXPECT_EQ(mismatch.code, 2);
  EXPECT_TRUE(contains(mismatch.err, "--concurrency")) << mismatch.err;
  const auto no_aht = cli({"chat", "--rate", "120/h", "--agents", "5"});
  EXPECT_EQ(no_aht.code, 2);
  EXPECT_TRUE(contains(no_aht.err, "--aht")) << no_aht.err;
  const auto no_rate = cli({"chat", "--aht", "4m", "--agents", "5"});
  EXPECT_EQ(no_rate.code, 2);
  EXPECT_TRUE(contains(no_rate.err, "--rate")) << no_rate.err;
  const auto bad_time = cli({"chat", "--rate", "120/h", "--aht", "4m,,5m", "--agents", "5"});
  EXPECT_EQ(bad_time.code, 2);
  const auto no_target = cli({"chat", "--rate", "120/h", "--aht", "4m"});
  EXPECT_EQ(no_target.code, 2);
  // 20 per second of up to 18 minutes: 21 600 E, above the 20 000 chat works with.
  const auto large = cli({"chat", "--rate", "20/s", "--aht", "16m,17m,18m", "--agents", "9000"});
  EXPECT_EQ(large.code, 2);
  EXPECT_TRUE(contains(large.err, "20000 erlangs")) << large.err;
  // 600 per hour of 4 minutes at 2 per agent on 5 agents: 40 E on 10 slots.
  const auto overloaded =
      cli({"chat", "--rate", "600/h", "--aht", "4m", "--concurrency", "2", "--agents", "5"});
  EXPECT_EQ(overloaded.code, 1);
  EXPECT_EQ(overloaded.out, "");
}

TEST(CliChat, EveryKeyIsDocumented) {
  expect_documented(
      "chat",
      keys_of(json_of({"chat", "--rate", "300/h", "--aht", "4m,5m,6.5m", "--agents", "9",
                       "--patience", "3m", "--queue-capacity", "6", "--service-level", "80/1m"})));
}

}  // namespace
