// The erlangc commands for the further models: engset (finite sources), retry (extended
// Erlang B) and --queue-capacity (M/M/c/K, and M/M/c/K+M with --patience) on c, a, staff
// and plan. Every command in every format, values checked against the library called
// directly (and the published Westbay examples, an independent Engset sum, the limits
// K = c and K -> infinity), json keys in order, csv read back, every error with its exit
// code and message and an empty stdout, and every key documented in --help and
// README.md.
#include "cli.hpp"
#include "cli_test_support.hpp"

#include <erlang/engset.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/extended_erlang_b.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/staffing.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace erlangc::test;

/// Engset time congestion from its definition, the truncated binomial distribution,
/// summed in long double: p(n) = C(S, n) b^n / sum_{k<=n} C(S, k) b^k.
double engset_time_congestion_by_sum(double beta, int sources, int servers) {
  long double term = 1;  // C(S, k) b^k
  long double sum = 1;
  for (int k = 1; k <= servers; ++k) {
    term *= static_cast<long double>(sources - k + 1) / k * beta;
    sum += term;
  }
  return static_cast<double>(term / sum);
}

// ---- engset -------------------------------------------------------------------------

TEST(CliEngset, CongestionsMatchTheLibraryAndTheBinomialSum) {
  // 20 sources, 0.1 E per idle source, 4 servers.
  const json j =
      json_of({"engset", "--sources", "20", "--idle-source-traffic", "0.1", "--servers", "4"});
  const double time = erlang::engset_time_congestion(0.1, 20.0, 4.0);
  const double call = erlang::engset_call_congestion(0.1, 20.0, 4.0);
  const double lost = erlang::engset_traffic_congestion(0.1, 20.0, 4.0);
  EXPECT_EQ(j["time_congestion"].get<double>(), time);
  EXPECT_EQ(j["call_congestion"].get<double>(), call);
  EXPECT_EQ(j["traffic_congestion"].get<double>(), lost);
  // Independent: the definition, and the identities of Iversen chapter 8.
  EXPECT_NEAR(time, engset_time_congestion_by_sum(0.1, 20, 4), 1e-14);
  EXPECT_NEAR(call, engset_time_congestion_by_sum(0.1, 19, 4), 1e-14);
  EXPECT_NEAR(lost, call / (1 + 0.1 * (1 - call)), 1e-14);
  EXPECT_DOUBLE_EQ(j["traffic"].get<double>(), 20 * 0.1 / 1.1);
  EXPECT_EQ(j["idle_source_traffic"].get<double>(), 0.1);
  EXPECT_EQ(j["sources"].get<double>(), 20);
  EXPECT_EQ(j["servers"].get<double>(), 4);
  EXPECT_DOUBLE_EQ(j["carried"].get<double>(), 20 * 0.1 / 1.1 * (1 - lost));
  EXPECT_FALSE(j.contains("blocking_target"));

  // The same system given by its total offered traffic.
  const double total = erlang::engset_offered_traffic(0.1, 20.0);
  const json k = json_of(
      {"engset", "--sources", "20", "--traffic", fmt::format("{}", total), "--servers", "4"});
  EXPECT_NEAR(k["idle_source_traffic"].get<double>(), 0.1, 1e-15);
  EXPECT_NEAR(k["call_congestion"].get<double>(), call, 1e-14);

  const auto text =
      cli({"engset", "--sources", "20", "--idle-source-traffic", "0.1", "--servers", "4"});
  EXPECT_EQ(text.code, 0);
  EXPECT_TRUE(contains(text.out, pct(time) + " %")) << text.out;
  EXPECT_TRUE(contains(text.out, pct(call) + " %")) << text.out;
  EXPECT_TRUE(contains(text.out, pct(lost) + " %")) << text.out;
}

TEST(CliEngset, FewestServersForEachMeasure) {
  const std::map<std::string, erlang::engset_measure> measures{
      {"call", erlang::engset_measure::call_congestion},
      {"time", erlang::engset_measure::time_congestion},
      {"traffic", erlang::engset_measure::traffic_congestion},
  };
  const double beta = erlang::engset_traffic_per_idle_source(8.0, 30.0);
  for (const auto& item : measures) {
    const std::string& name = item.first;
    const erlang::engset_measure measure = item.second;
    SCOPED_TRACE(name);
    const json j = json_of(
        {"engset", "--sources", "30", "--traffic", "8", "--blocking", "1%", "--measure", name});
    const double n = erlang::engset_servers_for_blocking(beta, 30.0, 0.01, measure);
    EXPECT_EQ(j["servers"].get<double>(), n);
    EXPECT_EQ(j["blocking_target"].get<double>(), 0.01);
    const std::string key = name + "_congestion";
    EXPECT_EQ(j["blocking_measure"], key);
    // Minimal: n meets the target, n - 1 does not (computed by definition for time).
    const auto value = [&](double servers) {
      return measure == erlang::engset_measure::time_congestion
                 ? erlang::engset_time_congestion(beta, 30.0, servers)
             : measure == erlang::engset_measure::call_congestion
                 ? erlang::engset_call_congestion(beta, 30.0, servers)
                 : erlang::engset_traffic_congestion(beta, 30.0, servers);
    };
    EXPECT_LE(j[key].get<double>(), 0.01);
    EXPECT_EQ(j[key].get<double>(), value(n));
    EXPECT_GT(value(n - 1), 0.01);
  }
  // Call congestion is the default.
  const json d = json_of({"engset", "--sources", "30", "--traffic", "8", "--blocking", "1%"});
  EXPECT_EQ(d["blocking_measure"], "call_congestion");
  // No traffic needs no servers and blocks nothing.
  const json none =
      json_of({"engset", "--sources", "30", "--idle-source-traffic", "0", "--blocking", "1%"});
  EXPECT_EQ(none["servers"].get<double>(), 0);
  EXPECT_EQ(none["call_congestion"].get<double>(), 0);
}

// ---- retry (extended Erlang B) ---------------------------------------------------------

TEST(CliRetry, WestbayBlockingOf1500ErlangsOn1000Lines) {
  // Westbay Engineers, Extended Erlang B: 1500 E offered to 1000 lines with 20 % of the
  // blocked calls retried: blocking 0.386 (0.3857).
  const std::vector<std::string> args{"retry", "--traffic", "1500", "--servers",
                                      "1000",  "--retry",   "20%"};
  const json j = json_of(args);
  const double b = j["blocking"].get<double>();
  EXPECT_NEAR(b, 0.3857, 5e-5);
  EXPECT_EQ(b, erlang::extended_erlang_b(1500.0, 1000.0, 0.2));
  const double total = erlang::extended_erlang_b_offered_traffic(1500.0, 1000.0, 0.2);
  EXPECT_EQ(j["total_traffic"].get<double>(), total);
  // The fixed point: total = first attempts + retried blocked attempts.
  EXPECT_NEAR(total, 1500 + 0.2 * total * b, 1e-9 * total);
  EXPECT_DOUBLE_EQ(j["carried"].get<double>(), total * (1 - b));
  // What is lost for good is what the first attempts offer beyond what is carried.
  EXPECT_NEAR(j["lost"].get<double>(), 1500 - total * (1 - b), 1e-9 * 1500);
  EXPECT_DOUBLE_EQ(j["occupancy"].get<double>(), total * (1 - b) / 1000);
  EXPECT_EQ(j["retry"].get<double>(), 0.2);
  EXPECT_EQ(j["servers"].get<double>(), 1000);
  EXPECT_EQ(j["traffic"].get<double>(), 1500);
  const auto text = cli(args);
  EXPECT_EQ(text.code, 0);
  EXPECT_TRUE(contains(text.out, "38.57 %")) << text.out;
  expect_csv_matches_json(args);
}

TEST(CliRetry, WestbayLinesFor100ErlangsAt2Point5Percent) {
  // Westbay: 100 E, 2.5 % blocking, 50 % of blocked calls retried: 113 lines.
  const std::vector<std::string> args{"retry", "--traffic", "100", "--blocking",
                                      "2.5%",  "--retry",   "50%"};
  const json j = json_of(args);
  EXPECT_EQ(j["servers"].get<double>(), 113);
  EXPECT_EQ(j["servers"].get<double>(),
            erlang::extended_erlang_b_servers_for_blocking(100.0, 0.5, 0.025));
  EXPECT_LE(erlang::extended_erlang_b(100.0, 113.0, 0.5), 0.025);
  EXPECT_GT(erlang::extended_erlang_b(100.0, 112.0, 0.5), 0.025);
  EXPECT_EQ(j["blocking"].get<double>(), erlang::extended_erlang_b(100.0, 113.0, 0.5));
  EXPECT_EQ(j["blocking_target"].get<double>(), 0.025);
  EXPECT_FALSE(j.contains("occupancy"));
  const auto text = cli(args);
  EXPECT_TRUE(contains(text.out, "lines                113")) << text.out;
  expect_csv_matches_json(args);
  // No retries is plain Erlang B.
  const json plain = json_of({"retry", "--traffic", "100", "--blocking", "2.5%", "--retry", "0"});
  EXPECT_EQ(plain["servers"].get<double>(), erlang::servers_for_blocking(100.0, 0.025));
  const json b = json_of({"retry", "--traffic", "10", "--servers", "12", "--retry", "0%"});
  EXPECT_DOUBLE_EQ(b["blocking"].get<double>(), erlang::erlang_b(10.0, 12.0));
  // Traffic from calls and holding time, as in 'b'.
  const json calls = json_of({"retry", "--calls", "300", "--interval", "1h", "--aht", "2m",
                              "--servers", "12", "--retry", "30%"});
  EXPECT_EQ(calls["blocking"].get<double>(), erlang::extended_erlang_b(10.0, 12.0, 0.3));
}

// ---- --queue-capacity ---------------------------------------------------------------

TEST(CliQueueCapacity, ErlangCWithAQueueOfFivePlaces) {
  const std::vector<std::string> good{"c",  "--traffic", "10",  "--agents",         "12", "--aht",
                                      "3m", "--target",  "20s", "--queue-capacity", "5"};
  const auto m = erlang::finite_queue(10.0, 12.0, 180.0, 5.0, 20.0);
  const json j = json_of(good);
  EXPECT_EQ(j["queue_capacity"].get<double>(), 5);
  EXPECT_EQ(j["blocking"].get<double>(), m.blocking);
  EXPECT_EQ(j["wait_probability"].get<double>(), m.wait_probability);
  EXPECT_EQ(j["service_level"].get<double>(), m.service_level);
  EXPECT_EQ(j["asa"].get<double>(), m.average_speed_of_answer);
  EXPECT_EQ(j["mean_queue_length"].get<double>(), m.mean_queue_length);
  EXPECT_EQ(j["occupancy"].get<double>(), m.occupancy);
  // The blocking is that of the birth-death chain: p(K) with p(c + j) = p(c) rho^j.
  double below = 0;
  double term = 1;
  for (int i = 0; i <= 12; ++i) {
    if (i > 0) {
      term *= 10.0 / i;
    }
    if (i < 12) {
      below += term;
    }
  }
  double queue = 0;
  for (int jj = 0; jj <= 5; ++jj) {
    queue += term * std::pow(10.0 / 12.0, jj);
  }
  EXPECT_NEAR(m.blocking, term * std::pow(10.0 / 12.0, 5) / (below + queue), 1e-14);
  // An overloaded group is fine with a finite queue: calls are blocked, not queued forever.
  const json over =
      json_of({"c", "--traffic", "12", "--agents", "10", "--aht", "3m", "--queue-capacity", "4"});
  EXPECT_EQ(over["blocking"].get<double>(), erlang::finite_queue_blocking(12.0, 10.0, 4.0));
  EXPECT_GT(over["blocking"].get<double>(), 0.1);
}

TEST(CliQueueCapacity, NoWaitingPlacesIsErlangB) {
  const json j =
      json_of({"c", "--traffic", "10", "--agents", "12", "--aht", "3m", "--queue-capacity", "0"});
  const double b = erlang::erlang_b(10.0, 12.0);
  EXPECT_NEAR(j["blocking"].get<double>(), b, 1e-15);
  EXPECT_EQ(j["wait_probability"].get<double>(), 0);
  EXPECT_EQ(j["asa"].get<double>(), 0);
  EXPECT_EQ(j["mean_queue_length"].get<double>(), 0);
  EXPECT_NEAR(j["service_level"].get<double>(), 1 - b, 1e-15);
  EXPECT_NEAR(j["occupancy"].get<double>(), 10 * (1 - b) / 12, 1e-15);
  // The same as 'b' with 12 servers.
  const json plain = json_of({"b", "--traffic", "10", "--servers", "12"});
  EXPECT_NEAR(j["blocking"].get<double>(), plain["blocking"].get<double>(), 1e-15);
  EXPECT_NEAR(j["occupancy"].get<double>(), plain["occupancy"].get<double>(), 1e-15);
}

TEST(CliQueueCapacity, AHugeQueueIsErlangCAndErlangA) {
  const std::vector<std::string> base{"c", "--traffic", "10", "--agents", "12", "--aht", "3m"};
  std::vector<std::string> huge = base;
  huge.insert(huge.end(), {"--queue-capacity", "1e12"});
  const json plain = json_of(base);
  const json finite = json_of(huge);
  EXPECT_EQ(finite["blocking"].get<double>(), 0);
  for (const char* key :
       {"wait_probability", "service_level", "asa", "mean_queue_length", "occupancy"}) {
    EXPECT_NEAR(finite[key].get<double>(), plain[key].get<double>(),
                1e-12 * plain[key].get<double>())
        << key;
  }
  // With patience: M/M/c/K+M tends to Erlang A.
  const json a =
      json_of({"a", "--traffic", "10", "--agents", "9", "--aht", "3m", "--patience", "5m"});
  const json ak = json_of({"a", "--traffic", "10", "--agents", "9", "--aht", "3m", "--patience",
                           "5m", "--queue-capacity", "10000000"});
  EXPECT_LT(ak["blocking"].get<double>(), 1e-300);
  for (const char* key : {"wait_probability", "abandon_probability", "service_level", "asa",
                          "mean_queue_length", "occupancy"}) {
    EXPECT_NEAR(ak[key].get<double>(), a[key].get<double>(), 1e-9 * a[key].get<double>()) << key;
  }
  // Staffing: the same agents as without a queue limit.
  const json s = json_of({"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s"});
  const json sk = json_of({"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s",
                           "--queue-capacity", "1e12"});
  EXPECT_EQ(sk["agents"], s["agents"]);
  EXPECT_EQ(sk["model"], "finite_queue");
  const json sa = json_of({"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s",
                           "--patience", "5m", "--max-abandon", "5%"});
  const json sak =
      json_of({"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s", "--patience",
               "5m", "--max-abandon", "5%", "--queue-capacity", "1000000"});
  EXPECT_EQ(sak["agents"], sa["agents"]);
  EXPECT_EQ(sak["model"], "finite_queue_abandonment");
}

TEST(CliQueueCapacity, ErlangAWithAQueueMatchesTheLibrary) {
  const json j = json_of({"a", "--traffic", "10", "--agents", "11", "--aht", "3m", "--patience",
                          "2m", "--queue-capacity", "3", "--target", "30s"});
  const auto m = erlang::finite_queue_abandonment(10.0, 11.0, 180.0, 120.0, 3.0, 30.0);
  EXPECT_EQ(j["queue_capacity"].get<double>(), 3);
  EXPECT_EQ(j["answer_time"].get<double>(), 30);
  EXPECT_EQ(j["blocking"].get<double>(), m.blocking);
  EXPECT_EQ(j["wait_probability"].get<double>(), m.wait_probability);
  EXPECT_EQ(j["abandon_probability"].get<double>(), m.abandon_probability);
  EXPECT_EQ(j["service_level"].get<double>(), m.service_level);
  EXPECT_EQ(j["asa"].get<double>(), m.average_speed_of_answer);
  EXPECT_EQ(j["mean_queue_length"].get<double>(), m.mean_queue_length);
  EXPECT_EQ(j["occupancy"].get<double>(), m.occupancy);
}

TEST(CliQueueCapacity, StaffingUsesTheFiniteQueueSolvers) {
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  // M/M/c/K with a blocking target.
  const json j = json_of({"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s",
                          "--queue-capacity", "5", "--max-blocking", "0.5%", "--shrinkage", "20%"});
  auto tb = t;
  tb.max_blocking = 0.005;
  const double n = erlang::finite_queue_agents_for_targets(10.0, 180.0, 5.0, tb);
  EXPECT_EQ(j["agents"].get<double>(), n);
  EXPECT_EQ(j["scheduled"].get<double>(), std::ceil(n / 0.8));
  const auto m = erlang::finite_queue(10.0, n, 180.0, 5, 20.0);
  EXPECT_EQ(j["blocking"].get<double>(), m.blocking);
  EXPECT_LE(m.blocking, 0.005);
  EXPECT_GE(m.service_level, 0.8);
  const auto fewer = erlang::finite_queue(10.0, n - 1, 180.0, 5.0, 20.0);
  EXPECT_TRUE(fewer.blocking > 0.005 || fewer.service_level < 0.8);
  EXPECT_EQ(j["service_level"].get<double>(), m.service_level);
  EXPECT_EQ(j["model"], "finite_queue");
  const auto text = cli({"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s",
                         "--queue-capacity", "5", "--max-blocking", "0.5%"});
  EXPECT_TRUE(contains(text.out, "blocking <= 0.5 %")) << text.out;
  EXPECT_TRUE(contains(text.out, "M/M/c/K")) << text.out;
  // A blocking target alone is a target.
  const json only = json_of(
      {"staff", "--traffic", "10", "--aht", "3m", "--queue-capacity", "2", "--max-blocking", "1%"});
  EXPECT_EQ(only["agents"].get<double>(),
            erlang::finite_queue_agents_for_targets(
                10.0, 180.0, 2.0, erlang::staffing_targets<double>{.max_blocking = 0.01}));
  // M/M/c/K+M with an abandonment target.
  t.max_abandon = 0.03;
  const json a = json_of({"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s",
                          "--patience", "2m", "--max-abandon", "3%", "--queue-capacity", "4"});
  const double na = erlang::finite_queue_abandonment_agents_for_targets(10.0, 180.0, 120.0, 4.0, t);
  EXPECT_EQ(a["agents"].get<double>(), na);
  const auto ma = erlang::finite_queue_abandonment(10.0, na, 180.0, 120.0, 4, 20.0);
  EXPECT_EQ(a["abandon_probability"].get<double>(), ma.abandon_probability);
  EXPECT_EQ(a["blocking"].get<double>(), ma.blocking);
  EXPECT_EQ(a["model"], "finite_queue_abandonment");
  // The wait probability target bounds the calls that find every agent busy: queued or
  // blocked.
  const json w = json_of({"staff", "--traffic", "10", "--aht", "3m", "--max-wait-probability",
                          "20%", "--queue-capacity", "1"});
  EXPECT_LE(w["wait_probability"].get<double>() + w["blocking"].get<double>(), 0.2);
  erlang::staffing_targets<double> tw;
  tw.max_wait_probability = 0.2;
  EXPECT_EQ(w["agents"].get<double>(),
            erlang::finite_queue_agents_for_targets(10.0, 180.0, 1.0, tw));
}

TEST(CliQueueCapacity, CurveMarksTheFiniteQueueAnswer) {
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  const double n = erlang::finite_queue_agents_for_targets(10.0, 180.0, 3.0, t);
  const std::vector<std::string> args{
      "c",      "--traffic",        "10", "--aht", "3m", "--curve", "--service-level",
      "80/20s", "--queue-capacity", "3"};
  const json rows = json_of(args);
  ASSERT_EQ(rows.size(), 11U);
  for (const auto& row : rows) {
    const double c = row["agents"].get<double>();
    const auto m = erlang::finite_queue(10.0, c, 180.0, 3, 20.0);
    EXPECT_EQ(row["blocking"].get<double>(), m.blocking);
    EXPECT_EQ(row["service_level"].get<double>(), m.service_level);
    EXPECT_EQ(row["queue_capacity"].get<double>(), 3);
    EXPECT_EQ(row["meets_target"].get<bool>(), c >= n) << c;
  }
  // Below the traffic too: a finite queue is never overloaded.
  EXPECT_EQ(rows.front()["agents"].get<double>(), n - 5);
  expect_csv_matches_json(args);
}

TEST(CliQueueCapacity, PlanRowsMatchTheLibraryAndTotalsWeighBlocking) {
  const std::string forecast = "start,calls,aht\n08:00,100,180\n08:30,300,200\n09:00,0,\n";
  const std::vector<std::string> args{
      "plan", "-", "--service-level", "80/20s", "--queue-capacity", "4", "--aht", "3m"};
  const json rows = json_of(args, forecast);
  ASSERT_EQ(rows.size(), 4U);
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  const std::vector<std::pair<double, double>> calls_aht{{100, 180}, {300, 200}};
  double blocked = 0;
  for (std::size_t i = 0; i < calls_aht.size(); ++i) {
    const auto [calls, aht] = calls_aht[i];
    const double e = calls * aht / 1800;
    const double n = erlang::finite_queue_agents_for_targets(e, aht, 4.0, t);
    const auto m = erlang::finite_queue(e, n, aht, 4, 20.0);
    EXPECT_EQ(rows[i]["agents"].get<double>(), n);
    EXPECT_EQ(rows[i]["blocking"].get<double>(), m.blocking);
    EXPECT_EQ(rows[i]["service_level"].get<double>(), m.service_level);
    EXPECT_EQ(rows[i]["asa"].get<double>(), m.average_speed_of_answer);
    blocked += calls * m.blocking;
  }
  EXPECT_EQ(rows[2]["agents"].get<double>(), 0);
  EXPECT_EQ(rows[2]["blocking"].get<double>(), 0);
  EXPECT_EQ(rows[3]["start"], "total");
  EXPECT_NEAR(rows[3]["blocking"].get<double>(), blocked / 400, 1e-15);
  expect_csv_matches_json(args, forecast);
  const auto text = cli(args, forecast);
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "M/M/c/K (a queue of 4 waiting places)")) << text.out;
  EXPECT_TRUE(contains(text.out, "blocked")) << text.out;
  // With patience: M/M/c/K+M rows.
  const json ra = json_of(
      {"plan", "-", "--service-level", "80/20s", "--queue-capacity", "4", "--patience", "2m"},
      forecast);
  const double e = 100 * 180.0 / 1800;
  const double na = erlang::finite_queue_abandonment_agents_for_targets(e, 180.0, 120.0, 4.0, t);
  EXPECT_EQ(ra[0]["agents"].get<double>(), na);
  EXPECT_EQ(ra[0]["abandon_probability"].get<double>(),
            erlang::finite_queue_abandonment(e, na, 180.0, 120.0, 4, 20.0).abandon_probability);
}

// ---- every new command and option in every format ----------------------------------------

struct expectation {
  std::vector<std::string> args;
  std::vector<std::string> keys;  // exactly, in order
};

TEST(CliModels, EveryFormatCarriesTheSameKeysInOrder) {
  const std::vector<expectation> cases{
      {{"engset", "--sources", "20", "--idle-source-traffic", "0.1", "--servers", "4"},
       {"sources", "traffic", "idle_source_traffic", "servers", "time_congestion",
        "call_congestion", "traffic_congestion", "carried"}},
      {{"engset", "--sources", "20", "--traffic", "2", "--blocking", "1%", "--measure", "time"},
       {"sources", "traffic", "idle_source_traffic", "servers", "time_congestion",
        "call_congestion", "traffic_congestion", "blocking_target", "blocking_measure", "carried"}},
      {{"retry", "--traffic", "1500", "--lines", "1000", "--retry", "20%"},
       {"traffic", "retry", "servers", "blocking", "total_traffic", "carried", "lost",
        "occupancy"}},
      {{"retry", "--traffic", "100", "--blocking", "2.5%", "--retry", "0.5"},
       {"traffic", "retry", "servers", "blocking", "blocking_target", "total_traffic", "carried",
        "lost"}},
      {{"c", "--traffic", "10", "--agents", "12", "--aht", "3m", "--queue-capacity", "5",
        "--service-level", "80/20s"},
       {"traffic", "agents", "aht", "queue_capacity", "answer_time", "blocking", "wait_probability",
        "service_level", "asa", "mean_queue_length", "occupancy", "meets_target"}},
      {{"a", "--traffic", "10", "--agents", "12", "--aht", "3m", "--patience", "5m",
        "--queue-capacity", "5"},
       {"traffic", "agents", "aht", "patience", "queue_capacity", "answer_time", "blocking",
        "wait_probability", "abandon_probability", "service_level", "asa", "mean_queue_length",
        "occupancy"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s", "--queue-capacity",
        "5"},
       {"model", "traffic", "aht", "queue_capacity", "agents", "scheduled", "shrinkage",
        "answer_time", "blocking", "wait_probability", "service_level", "asa", "mean_queue_length",
        "occupancy"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s", "--patience", "5m",
        "--queue-capacity", "5"},
       {"model", "traffic", "aht", "patience", "queue_capacity", "agents", "scheduled", "shrinkage",
        "answer_time", "blocking", "wait_probability", "abandon_probability", "service_level",
        "asa", "mean_queue_length", "occupancy"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(fmt::format("{}", fmt::join(c.args, " ")));
    const auto j = cli(with(c.args, "json"));
    ASSERT_EQ(j.code, 0) << j.err;
    EXPECT_EQ(keys_in_order(j.out), c.keys);
    expect_csv_matches_json(c.args);
    const auto t = cli(c.args);
    ASSERT_EQ(t.code, 0) << t.err;
    EXPECT_EQ(t.err, "");
    EXPECT_FALSE(t.out.empty());
    EXPECT_EQ(cli(with(c.args, "text")).out, t.out);
  }
  // The plan's keys with a queue capacity, and with patience as well.
  const std::string forecast = "start,calls,aht\n08:00,100,180\n08:30,120,180\n";
  EXPECT_EQ(
      keys_in_order(
          cli(with({"plan", "-", "--service-level", "80/20s", "--queue-capacity", "3"}, "json"),
              forecast)
              .out),
      (std::vector<std::string>{"start", "calls", "aht", "traffic", "agents", "scheduled",
                                "agent_hours", "scheduled_hours", "blocking", "wait_probability",
                                "service_level", "asa", "mean_queue_length", "occupancy"}));
  EXPECT_EQ(keys_in_order(cli(with({"plan", "-", "--service-level", "80/20s", "--queue-capacity",
                                    "3", "--patience", "1m"},
                                   "json"),
                              forecast)
                              .out),
            (std::vector<std::string>{"start", "calls", "aht", "traffic", "agents", "scheduled",
                                      "agent_hours", "scheduled_hours", "blocking",
                                      "wait_probability", "service_level", "asa",
                                      "abandon_probability", "mean_queue_length", "occupancy"}));
}

// ---- errors -------------------------------------------------------------------------

struct error_case {
  std::vector<std::string> args;
  int code;
  std::vector<std::string> says;
};

TEST(CliModels, EveryErrorHasItsExitCodeAndMessageAndNoOutput) {
  const std::vector<error_case> cases{
      {{"engset", "--traffic", "2", "--servers", "3"}, 2, {"missing --sources"}},
      {{"engset", "--sources", "0", "--traffic", "2", "--servers", "3"},
       2,
       {"--sources", "from 1 to 1e+08, got '0'"}},
      {{"engset", "--sources", "2e8", "--traffic", "2", "--servers", "3"},
       2,
       {"--sources", "from 1 to 1e+08"}},
      {{"engset", "--sources", "2.5", "--traffic", "2", "--servers", "3"},
       2,
       {"--sources", "not a whole number"}},
      {{"engset", "--sources", "20", "--traffic", "25", "--servers", "3"},
       2,
       {"--traffic", "20 sources offer less than 20 erlangs", "'25'"}},
      {{"engset", "--sources", "20", "--traffic", "20", "--servers", "3"},
       2,
       {"--traffic", "less than 20 erlangs"}},
      {{"engset", "--sources", "20", "--idle-source-traffic", "-1", "--servers", "3"},
       2,
       {"--idle-source-traffic", "negative"}},
      {{"engset", "--sources", "20", "--traffic", "2", "--idle-source-traffic", "0.1", "--servers",
        "3"},
       2,
       {"--idle-source-traffic and --traffic do not go together"}},
      {{"engset", "--sources", "20", "--servers", "3"}, 2, {"give the offered traffic"}},
      {{"engset", "--sources", "20", "--traffic", "2"}, 2, {"give --servers", "--blocking"}},
      {{"engset", "--sources", "20", "--traffic", "2", "--servers", "3", "--blocking", "1%"},
       2,
       {"--servers and --blocking do not go together"}},
      {{"engset", "--sources", "20", "--traffic", "2", "--servers", "0"},
       2,
       {"--servers", "at least 1"}},
      {{"engset", "--sources", "20", "--traffic", "2", "--blocking", "100%"},
       2,
       {"--blocking", "below 100 %"}},
      {{"engset", "--sources", "20", "--traffic", "2", "--blocking", "1%", "--measure", "bogus"},
       2,
       {"--measure", "unknown measure 'bogus'", "call, time or traffic"}},
      {{"engset", "--sources", "20", "--traffic", "2", "--servers", "3", "--measure", "time"},
       2,
       {"--measure goes with --blocking"}},
      {{"retry", "--traffic", "10", "--servers", "5"}, 2, {"missing --retry"}},
      {{"retry", "--traffic", "10", "--servers", "5", "--retry", "120%"},
       2,
       {"--retry", "'120%' is out of range", "at most 100 %"}},
      {{"retry", "--traffic", "10", "--servers", "5", "--retry", "20"},
       2,
       {"--retry", "write 20% for a percentage"}},
      {{"retry", "--traffic", "10", "--retry", "20%"}, 2, {"give --servers", "--blocking"}},
      {{"retry", "--traffic", "10", "--retry", "20%", "--servers", "5", "--blocking", "1%"},
       2,
       {"not both"}},
      {{"retry", "--retry", "20%", "--servers", "5"}, 2, {"offered traffic is missing"}},
      {{"retry", "--traffic", "2e9", "--retry", "20%", "--servers", "5"},
       2,
       {"--traffic", "above the 1e+09 erlangs"}},
      {{"retry", "--traffic", "10", "--retry", "20%", "--servers", "0"},
       2,
       {"--servers", "at least 1"}},
      {{"retry", "--traffic", "20", "--retry", "100%", "--servers", "10"},
       1,
       {"--retry", "10 lines cannot carry 20 E", "at least 21 lines"}},
      {{"c", "--traffic", "10", "--agents", "12", "--aht", "3m", "--queue-capacity", "-1"},
       2,
       {"--queue-capacity", "'-1' is negative"}},
      {{"c", "--traffic", "10", "--agents", "12", "--aht", "3m", "--queue-capacity", "2.5"},
       2,
       {"--queue-capacity", "'2.5' is not a whole number"}},
      {{"c", "--traffic", "10", "--agents", "12", "--aht", "3m", "--queue-capacity", "1e13"},
       2,
       {"--queue-capacity"}},
      {{"a", "--traffic", "10", "--agents", "12", "--aht", "3m", "--patience", "1m",
        "--queue-capacity", "1e8"},
       2,
       {"--queue-capacity", "above the 1e+07", "--patience"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--service-level", "80/20s", "--max-blocking",
        "1%"},
       2,
       {"--max-blocking needs --queue-capacity"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--queue-capacity", "5"},
       2,
       {"no staffing target", "--max-blocking"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--queue-capacity", "5", "--max-blocking", "0%"},
       2,
       {"--max-blocking", "above 0 %"}},
      {{"staff", "--traffic", "10", "--aht", "3m", "--queue-capacity", "5", "--max-blocking",
        "0.5%", "--max-agents", "5"},
       1,
       {"--max-agents", "blocking <= 0.5 %", "more than the 5 available"}},
      {{"b", "--traffic", "10", "--servers", "5", "--queue-capacity", "3"},
       2,
       {"--queue-capacity"}},
      {{"nosuch"}, 2, {"engset", "retry"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(fmt::format("erlangc {}", fmt::join(c.args, " ")));
    const auto r = cli(c.args);
    EXPECT_EQ(r.code, c.code) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err, "erlangc: ")) << r.err;
    for (const auto& part : c.says) {
      EXPECT_TRUE(contains(r.err, part)) << "'" << part << "' not in: " << r.err;
    }
  }
}

// ---- documentation --------------------------------------------------------------------

TEST(CliModels, EveryKeyIsDocumentedInHelpAndInTheManual) {
  const std::map<std::string, std::vector<std::string>> keys{
      {"engset",
       {"sources", "traffic", "idle_source_traffic", "servers", "time_congestion",
        "call_congestion", "traffic_congestion", "blocking_target", "blocking_measure", "carried"}},
      {"retry",
       {"traffic", "retry", "servers", "blocking", "blocking_target", "total_traffic", "carried",
        "lost", "occupancy"}},
      {"c", {"queue_capacity", "blocking"}},
      {"a", {"queue_capacity", "blocking"}},
      {"staff", {"model", "queue_capacity", "blocking"}},
      {"plan", {"blocking"}},
  };
  const std::string manual = slurp(std::string(ERLANGC_EXAMPLES) + "/../README.md");
  ASSERT_FALSE(manual.empty());
  for (const auto& [command, list] : keys) {
    const auto r = cli({command, "--help"});
    EXPECT_EQ(r.code, 0);
    for (const auto& key : list) {
      EXPECT_TRUE(contains(r.out, "\n  " + key + " ")) << command << " --help lacks " << key;
      EXPECT_TRUE(contains(manual, "| `" + key + "` |")) << "README.md lacks " << key;
    }
    EXPECT_TRUE(contains(r.out, "--format")) << command;
  }
  for (const char* option : {"--queue-capacity", "--max-blocking", "--sources",
                             "--idle-source-traffic", "--retry", "--measure"}) {
    EXPECT_TRUE(contains(manual, option)) << "README.md lacks " << option;
  }
  for (const char* command : {"c", "a", "staff", "plan"}) {
    EXPECT_TRUE(contains(cli({command, "--help"}).out, "--queue-capacity")) << command;
  }
  const auto top = cli({"--help"});
  EXPECT_TRUE(contains(top.out, "engset"));
  EXPECT_TRUE(contains(top.out, "retry"));
}

}  // namespace
