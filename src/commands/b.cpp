// erlangc b: the Erlang B blocking of a group of servers.
#include "commands.hpp"
#include "commands/command.hpp"
#include "schema.hpp"

#include <fmt/format.h>

#include <memory>

namespace erlangc {
namespace {

struct blocking_options {
  traffic_options traffic;
  arg<double> servers;
  output_format format = output_format::text;
};

blocking_request check(const blocking_options& o) {
  reject_interval_without_calls(o.traffic);
  return {traffic_of(o.traffic), *o.servers};
}

struct blocking_result {
  double traffic;
  double servers;
  double blocking;
  double carried;
  double occupancy;
};

const record_schema<blocking_result>& schema() {
  using R = blocking_result;
  static const record_schema<R> s{"one object",
                                  {
                                      {&key::traffic, "offered traffic", &R::traffic},
                                      {&key::servers, "servers", &R::servers},
                                      {&key::blocking, "blocking", &R::blocking, "of calls lost"},
                                      {&key::carried, "carried traffic", &R::carried},
                                      {&key::occupancy, "occupancy", &R::occupancy, "per server"},
                                  }};
  return s;
}

}  // namespace

void run_blocking(const blocking_request& r, output_format format, std::ostream& out) {
  const double b = erlang_b_blocking(r.traffic, r.servers);
  const double carried = r.traffic * (1 - b);
  schema().print(out, format,
                 fmt::format("Erlang B (blocked calls lost): {} offered to {}",
                             describe_traffic(r.traffic), describe_count(r.servers, "server")),
                 {r.traffic, r.servers, b, carried, carried / r.servers});
}

command_runner setup_blocking(CLI::App& app) {
  auto o = std::make_shared<blocking_options>();
  add_traffic_and_holding_time(app, o->traffic);
  add_parsed(app, "--servers,--lines", o->servers, whole("the number of servers", 1),
             "Number of servers (>= 1)", "N")
      ->required();
  return finish_setup(app, o, schema().help(), check, run_blocking);
}

}  // namespace erlangc
