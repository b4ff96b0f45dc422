// erlangc load: offered traffic from calls and handling time.
#include "commands.hpp"
#include "commands/command.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <memory>

namespace erlangc {
namespace {

struct load_options {
  traffic_options traffic;
  output_format format = output_format::text;
};

load_request check(const load_options& o) {
  const traffic_options& t = o.traffic;
  if (!t.calls && !t.rate) {
    throw usage_error("give --calls N --interval T, or --rate R");
  }
  if (t.calls && !t.interval) {
    throw usage_error("--calls needs --interval: the period the calls arrive in (e.g. 30m)");
  }
  reject_interval_without_calls(t);
  load_request r;
  r.aht = required_aht(t);
  if (t.calls) {
    r.calls = *t.calls;
    r.interval = *t.interval;
    r.rate = *r.calls / *r.interval;
  } else {
    r.rate = *t.rate;
  }
  check_traffic(r.rate * r.aht, t.calls ? "--calls" : "--rate");
  return r;
}

struct load_result {
  double traffic;
  double calls_per_hour;
  double aht;
  std::optional<double> calls;
  std::optional<double> interval;
};

const record_schema<load_result>& schema() {
  using R = load_result;
  static const record_schema<R> s{"one object",
                                  {
                                      {&key::traffic, "offered traffic", &R::traffic},
                                      {&key::calls_per_hour, "arrival rate", &R::calls_per_hour},
                                      {&key::aht, "AHT", &R::aht},
                                      {&key::calls, "calls", &R::calls},
                                      {&key::interval, "interval", &R::interval},
                                  }};
  return s;
}

}  // namespace

void run_load(const load_request& r, output_format format, std::ostream& out) {
  const bool both = r.calls && r.interval;
  const load_result result{offered_traffic(r.rate, r.aht), r.rate * 3600, r.aht,
                           both ? r.calls : std::nullopt, both ? r.interval : std::nullopt};
  schema().print(out, format, "Offered traffic (arrival rate x AHT)", result);
}

command_runner setup_load(CLI::App& app) {
  auto o = std::make_shared<load_options>();
  add_calls(app, o->traffic);
  add_aht(app, o->traffic, "Mean handling time, e.g. 3m (required)");
  return finish_setup(app, o, schema().help(), check, run_load);
}

}  // namespace erlangc
