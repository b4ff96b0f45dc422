#include "schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <string>

namespace erlangc {

namespace key {
const output_key start{
    "start", "", value_kind::text,
    "the interval's start as written in the forecast; \"total\" on the totals row"};
const output_key calls{"calls", "", value_kind::calls,
                       "offered calls in the interval (totals row: their sum)"};
const output_key calls_per_hour{"calls_per_hour", "calls/h", value_kind::calls,
                                "arrival rate, calls per hour"};
const output_key interval{"interval", "s", value_kind::seconds, "interval length, seconds"};
const output_key aht{"aht", "s", value_kind::seconds,
                     "mean handling time, seconds (totals row: weighted by calls)"};
const output_key traffic{
    "traffic", "E", value_kind::erlangs,
    "offered traffic, erlangs: calls per second x AHT in seconds (plan totals "
    "row: the mean over the intervals; engset: of all sources, sources x "
    "idle_source_traffic / (1 + idle_source_traffic); retry: first attempts only)"};
const output_key servers{"servers", "", value_kind::count,
                         "number of servers (lines, circuits, trunks)"};
const output_key blocking{
    "blocking", "%", value_kind::small_percent,
    "fraction of calls blocked and lost, 0-1 (with --queue-capacity: calls that find every "
    "agent busy and the queue full; retry: fraction of attempts, retries included)"};
const output_key blocking_target{"blocking_target", "%", value_kind::small_percent,
                                 "the blocking target, 0-1"};
const output_key blocking_measure{
    "blocking_measure", "", value_kind::text,
    "the Engset blocking the target applies to: time_congestion, call_congestion or "
    "traffic_congestion"};
const output_key carried{
    "carried", "E", value_kind::erlangs,
    "carried traffic, erlangs: traffic x (1 - blocking) (engset: traffic x (1 - "
    "traffic_congestion); retry: total_traffic x (1 - blocking))"};
const output_key sources{"sources", "", value_kind::count,
                         "number of sources (subscribers, machines) offering calls"};
const output_key idle_source_traffic{
    "idle_source_traffic", "E", value_kind::number,
    "erlangs offered by each idle source: its call rate while idle x the mean holding time"};
const output_key time_congestion{"time_congestion", "%", value_kind::small_percent,
                                 "fraction of the time every server is busy, 0-1"};
const output_key call_congestion{
    "call_congestion", "%", value_kind::small_percent,
    "fraction of call attempts that find every server busy (lost), 0-1"};
const output_key traffic_congestion{"traffic_congestion", "%", value_kind::small_percent,
                                    "fraction of the offered traffic that is lost, 0-1"};
const output_key retry{"retry", "%", value_kind::percent,
                       "fraction of blocked attempts that are tried again, 0-1"};
const output_key total_traffic{
    "total_traffic", "E", value_kind::erlangs,
    "traffic offered to the lines, erlangs: first attempts plus retries, traffic + retry x "
    "total_traffic x blocking"};
const output_key lost{"lost", "E", value_kind::erlangs,
                      "traffic lost for good, erlangs: blocked attempts not retried"};
const output_key queue_capacity{
    "queue_capacity", "", value_kind::count,
    "waiting places: calls that can wait at once (--queue-capacity); a call that finds "
    "every agent busy and the queue full is blocked"};
const output_key model{
    "model", "", value_kind::text,
    "erlang_c (callers wait), erlang_a (callers hang up after a mean patience); with "
    "--queue-capacity finite_queue (M/M/c/K) or finite_queue_abandonment (M/M/c/K+M)"};
const output_key agents{"agents", "", value_kind::count,
                        "productive agents, on the phones (plan totals row: the peak)"};
const output_key scheduled{
    "scheduled", "", value_kind::count,
    "agents to schedule: ceil(agents / (1 - shrinkage)) (totals row: the peak)"};
const output_key shrinkage{"shrinkage", "%", value_kind::percent,
                           "fraction of scheduled time not available for calls, 0-1"};
const output_key patience{"patience", "s", value_kind::seconds,
                          "mean time a caller waits before hanging up, seconds"};
const output_key answer_time{"answer_time", "s", value_kind::seconds,
                             "the service level's answer time, seconds"};
const output_key wait_probability{
    "wait_probability", "%", value_kind::percent,
    "fraction of calls that wait (find every agent busy), 0-1 (with --queue-capacity: "
    "calls queued; blocked calls not included)"};
const output_key service_level{"service_level", "%", value_kind::percent,
                               "fraction of all calls answered within answer_time, 0-1 (Erlang A: "
                               "calls that hang up count as not answered in time)"};
const output_key asa{
    "asa", "s", value_kind::seconds,
    "average speed of answer, seconds: Erlang C the mean wait of all calls, Erlang A "
    "and --queue-capacity the mean wait of answered calls"};
const output_key mean_queue_length{"mean_queue_length", "calls", value_kind::number,
                                   "mean number of calls waiting"};
const output_key occupancy{"occupancy", "%", value_kind::percent,
                           "fraction of time an agent or server is busy, 0-1"};
const output_key abandon_probability{
    "abandon_probability", "%", value_kind::percent,
    "fraction of calls that hang up before an answer, 0-1 (Erlang A)"};
const output_key meets_target{"meets_target", "", value_kind::text,
                              "true when every target given is met (c and a with a target; "
                              "plan with a roster: per interval, totals row: in every interval)"};
const output_key agent_hours{"agent_hours", "h", value_kind::hours,
                             "agents x interval length, hours (totals row: the sum)"};
const output_key scheduled_hours{"scheduled_hours", "h", value_kind::hours,
                                 "scheduled x interval length, hours (totals row: the sum)"};
// simulate
const output_key aht_distribution{"aht_distribution", "", value_kind::text,
                                  "handling time distribution: exponential, deterministic, "
                                  "lognormal or gamma (--aht-dist)"};
const output_key aht_cv{"aht_cv", "", value_kind::number,
                        "handling time coefficient of variation, standard deviation / mean"};
const output_key patience_distribution{"patience_distribution", "", value_kind::text,
                                       "patience distribution (--patience-dist)"};
const output_key patience_cv{"patience_cv", "", value_kind::number,
                             "patience coefficient of variation"};
const output_key seed{"seed", "", value_kind::count, "seed of the random numbers (--seed)"};
const output_key replications{"replications", "", value_kind::count,
                              "independent replications (--replications); stationary: runs of "
                              "calls_per_replication calls, forecast: days"};
const output_key calls_per_replication{
    "calls_per_replication", "", value_kind::count,
    "measured arrivals per replication of a stationary run (--run-calls)"};
const output_key warmup_calls{
    "warmup_calls", "", value_kind::count,
    "arrivals simulated and discarded before measuring, per replication (--warmup-calls)"};
const output_key batches{"batches", "", value_kind::count,
                         "batch means (--batches): the one run's measured calls are cut into "
                         "this many batches, each standing for a replication"};
const output_key simulated_calls{"simulated_calls", "", value_kind::count,
                                 "every arrival simulated, warm-up included, all replications"};

const output_key& half_width(const output_key& measure) {
  // Generated once per measure; a deque keeps each key, and the text it refers to, in place.
  struct generated {
    const output_key* measure;
    std::string name;
    std::string description;
    output_key key;
  };
  static std::mutex mutex;
  static std::deque<generated> keys;
  const std::lock_guard<std::mutex> lock(mutex);
  for (const generated& g : keys) {
    if (g.measure == &measure) {
      return g.key;
    }
  }
  generated& g = keys.emplace_back();
  g.measure = &measure;
  g.name = fmt::format("{}_half_width", measure.name);
  g.description = fmt::format("half width of the 95 % confidence interval of {}", measure.name);
  g.key = {g.name, measure.unit, measure.kind, g.description};
  return g.key;
}
}  // namespace key

std::string keys_help(std::string_view shape, const std::vector<const output_key*>& keys) {
  std::string s = fmt::format(
      "Output (--format): text is an aligned table with units; csv and json carry the same\n"
      "keys in base units (fractions 0-1, seconds, erlangs) at full precision; json is {}.\n"
      "Keys:\n",
      shape);
  for (const output_key* k : keys) {
    s += fmt::format("  {:<20} {}\n", k->name, k->description);
  }
  s += "Times take s, m or h (20s, 3m, 1.5h, 3:20; a bare number is seconds); ratios take %\n"
       "or a fraction (80% or 0.8).";
  return s;
}

std::vector<const output_key*> merge_keys(
    std::initializer_list<std::vector<const output_key*>> lists) {
  std::vector<const output_key*> out;
  for (const auto& list : lists) {
    for (const output_key* k : list) {
      if (std::find(out.begin(), out.end(), k) == out.end()) {
        out.push_back(k);
      }
    }
  }
  return out;
}

}  // namespace erlangc
