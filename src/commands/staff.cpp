// erlangc staff: the fewest agents meeting the targets, and every measure at that staffing.
#include "commands.hpp"
#include "commands/charts.hpp"
#include "commands/command.hpp"
#include "commands/queue_result.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace erlangc {
namespace {

struct staff_options {
  traffic_options traffic;
  staffing_options staffing;
  output_format format = output_format::text;
  std::string chart;
};

const record_schema<queue_result>& schema() {
  using namespace queue_fields;
  using R = queue_result;
  static const record_schema<R> s{
      "one object; patience and abandon_probability only with --patience, queue_capacity and "
      "blocking only with --queue-capacity",
      join({{{&key::model,
              "model",
              [](const R& r) { return std::string(r.facts.key); },
              {},
              data_only},
             traffic(),
             aht(),
             patience(),
             queue_capacity(),
             agents("productive"),
             {&key::scheduled, "scheduled", &R::scheduled,
              [](const R& r) {
                return fmt::format("with {} shrinkage", describe_percent(r.shrinkage));
              }},
             {&key::shrinkage, "shrinkage", &R::shrinkage, {}, data_only},
             answer_time()},
            measures()})};
  return s;
}

staff_request check(const staff_options& o) {
  reject_interval_without_calls(o.traffic);
  staff_request r;
  r.aht = required_aht(o.traffic);
  r.traffic = traffic_of(o.traffic);
  r.staffing = staffing_of(o.staffing);
  r.calls = o.traffic.calls.optional();
  r.interval = o.traffic.interval.optional();
  r.chart = o.chart;
  return r;
}

std::string title_of(const staff_request& r) {
  const staffing_request& s = r.staffing;
  std::string title =
      fmt::format("Staffing, {}: {}", describe(s.model), describe_traffic(r.traffic));
  if (r.calls && r.interval) {
    title += fmt::format(" ({} per {}, AHT {})", describe_count(*r.calls, "call"),
                         describe_duration(*r.interval), describe_duration(r.aht));
  } else {
    title += fmt::format(", AHT {}", describe_duration(r.aht));
  }
  title += fmt::format("\ntargets: {}", describe(s.goal));
  if (s.min_agents > 0) {
    title += fmt::format("; at least {}", describe_count(s.min_agents, "agent"));
  }
  return title;
}

}  // namespace

void run_staff(const staff_request& r, output_format format, std::ostream& out) {
  const staffing_request& s = r.staffing;
  const load_point load{r.traffic, r.aht, s.goal.answer_time};
  const double agents = required_agents(s, load);
  if (s.max_agents && agents > *s.max_agents) {
    throw infeasible_error(
        fmt::format("--max-agents: the targets ({}) need {} for {}, more than the {} available",
                    describe(s.goal), describe_count(agents, "agent"), describe_traffic(r.traffic),
                    describe_count(*s.max_agents)));
  }
  const queue_result result{.facts = facts(s.model),
                            .traffic = r.traffic,
                            .aht = r.aht,
                            .answer_time = s.goal.answer_time,
                            .agents = agents,
                            .q = measures_at(s.model, load, agents),
                            .scheduled = scheduled_of(s, agents),
                            .shrinkage = s.shrinkage};
  if (!r.chart.empty()) {
    // The staffing curve around the answer: six agent counts either side of it.
    const double stable = result.facts.overflows() ? std::floor(r.traffic) + 1 : 1.0;
    write_chart(curve_chart(s.model, load,
                            curve_around(s.model, load, std::max(agents - 6, stable), agents + 6),
                            s.goal, agents),
                r.chart);
  }
  schema().print(out, format, title_of(r), result);
}

command_runner setup_staff(CLI::App& app) {
  auto o = std::make_shared<staff_options>();
  add_traffic(app, o->traffic);
  add_aht(app, o->traffic, "Mean handling time, e.g. 3m (required)");
  add_staffing(app, o->staffing);
  add_chart(app, o->chart,
            "Draw the staffing curve around the answer in FILE (.svg or .png): every measure "
            "against agents, the targets as lines");
  return finish_setup(app, o, schema().help(), check, run_staff);
}

}  // namespace erlangc
