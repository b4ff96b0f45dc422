// erlangc a: Erlang A (M/M/c/K+M with --queue-capacity) measures at a number of agents.
#include "commands.hpp"
#include "commands/command.hpp"
#include "commands/queue_result.hpp"
#include "errors.hpp"
#include "schema.hpp"
#include "units.hpp"

#include <fmt/format.h>

#include <limits>
#include <memory>

namespace erlangc {
namespace {

struct abandon_options {
  measures_options m;
  arg<double> patience;
};

const record_schema<queue_result>& schema() {
  using namespace queue_fields;
  static const record_schema<queue_result> s{
      "one object (--curve: an array of objects, one per agent count); queue_capacity and "
      "blocking only with --queue-capacity (M/M/c/K+M), meets_target with a target",
      join({{traffic(), agents(), aht(), patience(), queue_capacity(), answer_time()},
            measures(),
            {meets_target()}})};
  return s;
}

/// The Erlang A model; with `agents`, checked against the range Erlang A computes in:
/// agents x patience / AHT within [smallest normal double, 1/epsilon].
queue_model model_of(const abandon_options& o, std::optional<double> agents, double aht) {
  const double scaled = agents.value_or(1.0) * *o.patience / aht;
  if (scaled > 1 / std::numeric_limits<double>::epsilon()) {
    throw usage_error(fmt::format(
        "--patience {}: callers this patient never hang up in double precision (agents x "
        "patience / AHT is {:.3g}, above {:.3g}): use 'erlangc c', which is then exact",
        shown(o.patience.text), scaled, 1 / std::numeric_limits<double>::epsilon()));
  }
  if (scaled < std::numeric_limits<double>::min()) {
    throw usage_error(fmt::format(
        "--patience {}: callers this impatient hang up at once (agents x patience / AHT is "
        "{:.3g}): use 'erlangc b', which is then exact",
        shown(o.patience.text), scaled));
  }
  return choose_model(*o.patience, queue_capacity_of(o.m.queue_capacity, o.patience));
}

}  // namespace

void run_abandon(const measures_request& r, output_format format, std::ostream& out) {
  std::string title;
  const queue_result result = evaluate(r, title);
  schema().print(out, format, title, result);
}

command_runner setup_a(CLI::App& app) {
  auto o = std::make_shared<abandon_options>();
  add_measures_options(app, o->m);
  add_parsed(app, "--patience", o->patience, positive_duration("the patience"),
             "Mean patience, e.g. 5m (required)", "DURATION")
      ->required();
  app.footer(schema().help());
  return [o](std::istream&, std::ostream& out) {
    run_measures(
        o->m, [&](std::optional<double> agents, double aht) { return model_of(*o, agents, aht); },
        run_abandon,
        "missing --agents N: the number of agents (or use --curve; 'erlangc staff --patience' "
        "finds the agents a target needs)",
        out);
  };
}

}  // namespace erlangc
