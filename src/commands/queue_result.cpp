#include "commands/queue_result.hpp"

#include "errors.hpp"
#include "units.hpp"

#include <fmt/format.h>

#include <cmath>

namespace erlangc {
namespace {

using R = queue_result;

[[noreturn]] void throw_overloaded(double traffic, double agents) {
  throw infeasible_error(
      fmt::format("--agents: {} cannot serve {}: without abandonment the queue grows without bound "
                  "(a finite wait needs at least {}; 'erlangc staff' sizes for a target, "
                  "'erlangc a --patience' models callers who hang up)",
                  describe_count(agents, "agent"), describe_traffic(traffic),
                  describe_count(std::floor(traffic) + 1, "agent")));
}

}  // namespace

queue_result evaluate(const measures_request& r, std::string& title) {
  const model_facts f = facts(r.model);
  if (f.overflows() && r.load.traffic >= r.agents) {
    throw_overloaded(r.load.traffic, r.agents);
  }
  queue_result result{.facts = f,
                      .traffic = r.load.traffic,
                      .aht = r.load.aht,
                      .answer_time = r.load.answer_time,
                      .agents = r.agents,
                      .q = measures_at(r.model, r.load, r.agents)};
  if (r.goal) {
    result.meets = meets(result.q, *r.goal);
    result.target_words = describe(*r.goal);
  }
  const std::string behaviour = f.abandons()
                                    ? fmt::format("callers hang up after a mean patience of {}",
                                                  describe_duration(*f.patience))
                                    : std::string("callers wait, none hang up");
  title = fmt::format("{}: {}, {}, AHT {}", describe(r.model, std::string_view(behaviour)),
                      describe_traffic(r.load.traffic), describe_count(r.agents, "agent"),
                      describe_duration(r.load.aht));
  return result;
}

namespace queue_fields {

record_field<R> traffic() { return {&key::traffic, "offered traffic", &R::traffic}; }

record_field<R> agents(const char* note) { return {&key::agents, "agents", &R::agents, note}; }

record_field<R> aht() { return {&key::aht, "AHT", &R::aht}; }

record_field<R> patience() {
  return {&key::patience, "mean patience", [](const R& r) -> std::optional<cell> {
            return r.facts.patience ? std::optional<cell>(*r.facts.patience) : std::nullopt;
          }};
}

record_field<R> queue_capacity() {
  return {&key::queue_capacity, "queue capacity",
          [](const R& r) -> std::optional<cell> {
            return r.facts.waiting_places ? std::optional<cell>(*r.facts.waiting_places)
                                          : std::nullopt;
          },
          "calls"};
}

record_field<R> answer_time() {
  return {&key::answer_time, "answer time", &R::answer_time, {}, data_only};
}

std::vector<record_field<R>> measures() {
  return {
      {&key::blocking, "blocking",
       [](const R& r) -> std::optional<cell> {
         return r.facts.blocks() ? std::optional<cell>(r.q.blocking) : std::nullopt;
       },
       "find the queue full: lost"},
      {&key::wait_probability, "wait probability", [](const R& r) { return r.q.wait_probability; }},
      {&key::abandon_probability, "abandonment",
       [](const R& r) -> std::optional<cell> {
         return r.facts.abandons() ? std::optional<cell>(r.q.abandon_probability) : std::nullopt;
       },
       "of all calls"},
      {&key::service_level, "service level", [](const R& r) { return r.q.service_level; },
       [](const R& r) {
         return fmt::format("answered within {}", describe_duration(r.answer_time));
       }},
      {&key::asa, "ASA", [](const R& r) { return r.q.average_speed_of_answer; },
       [](const R& r) {
         return std::string(r.facts.asa_of_answered() ? "mean wait of answered calls"
                                                      : "mean wait of all calls");
       }},
      {&key::mean_queue_length, "mean queue length",
       [](const R& r) { return r.q.mean_queue_length; }},
      {&key::occupancy, "occupancy", [](const R& r) { return r.q.occupancy; }},
  };
}

}  // namespace queue_fields

record_field<R> meets_target() {
  return {&key::meets_target, "meets target", &R::meets, [](const R& r) { return r.target_words; }};
}

std::vector<record_field<R>> join(std::initializer_list<std::vector<record_field<R>>> lists) {
  std::vector<record_field<R>> out;
  for (const auto& list : lists) {
    out.insert(out.end(), list.begin(), list.end());
  }
  return out;
}

}  // namespace erlangc
