// erlangc a: Erlang A (M/M/c/K+M with --queue-capacity) measures at a number of agents.
#include "commands.hpp"
#include "commands/command.hpp"
#include "commands/queue_result.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <memory>

namespace erlangc {
namespace {

struct abandon_options {
  traffic_options traffic;
  arg<double> agents;
  arg<double> patience;
  target_options targets;  ///< --target only
  arg<double> queue_capacity;
  output_format format = output_format::text;
};

const record_schema<queue_result>& schema() {
  using namespace queue_fields;
  static const record_schema<queue_result> s{
      "one object; queue_capacity and blocking only with --queue-capacity (M/M/c/K+M)",
      join(
          {{traffic(), agents(), aht(), patience(), queue_capacity(), answer_time()}, measures()})};
  return s;
}

measures_request check(const abandon_options& o) {
  reject_interval_without_calls(o.traffic);
  if (!o.agents) {
    throw usage_error(
        "--agents is required ('erlangc staff --patience' finds the agents a target needs)");
  }
  const double aht = required_aht(o.traffic);
  const double traffic = traffic_of(o.traffic);
  const double answer_time = answer_time_of(o.targets);
  return {choose_model(*o.patience, queue_capacity_of(o.queue_capacity, o.patience)),
          {traffic, aht, answer_time},
          *o.agents,
          std::nullopt};
}

}  // namespace

void run_abandon(const measures_request& r, output_format format, std::ostream& out) {
  std::string title;
  const queue_result result = evaluate(r, title);
  schema().print(out, format, title, result);
}

command_runner setup_a(CLI::App& app) {
  auto o = std::make_shared<abandon_options>();
  add_traffic(app, o->traffic);
  add_agents(app, o->agents);
  add_aht(app, o->traffic, "Mean handling time, e.g. 3m (required)");
  add_parsed(app, "--patience", o->patience, positive_duration("the patience"),
             "Mean patience, e.g. 5m (required)", "DURATION")
      ->required();
  add_parsed(app, "--target", o->targets.target, non_negative_duration(),
             "Answer time of the service level (default 20s)", "DURATION");
  add_queue_capacity(app, o->queue_capacity);
  return finish_setup(app, o, schema().help(), check, run_abandon);
}

}  // namespace erlangc
