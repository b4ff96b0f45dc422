// erlangc b: the Erlang B blocking of a group of servers.
#include "commands.hpp"
#include "commands/command.hpp"
#include "commands/erlang_b_result.hpp"
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

}  // namespace

const record_schema<erlang_b_result>& erlang_b_schema() {
  using R = erlang_b_result;
  static const record_schema<R> s{
      "one object",
      {
          {&key::traffic, "offered traffic", &R::traffic},
          {&key::servers, "servers", &R::servers},
          {&key::blocking, "blocking", &R::blocking,
           [](const R& r) { return r.occupancy ? "of calls lost" : ""; }},
          {&key::blocking_target, "blocking target", &R::blocking_target},
          {&key::carried, "carried traffic", &R::carried},
          {&key::occupancy, "occupancy", &R::occupancy, "per server"},
      }};
  return s;
}

void run_blocking(const blocking_request& r, output_format format, std::ostream& out) {
  const double b = erlang_b_blocking(r.traffic, r.servers);
  const double carried = r.traffic * (1 - b);
  erlang_b_schema().print(
      out, format,
      fmt::format("Erlang B (blocked calls lost): {} offered to {}", describe_traffic(r.traffic),
                  describe_count(r.servers, "server")),
      {r.traffic, r.servers, b, std::nullopt, carried, carried / r.servers});
}

command_runner setup_blocking(CLI::App& app) {
  auto o = std::make_shared<blocking_options>();
  add_traffic_and_holding_time(app, o->traffic);
  add_parsed(app, "--servers,--lines", o->servers, whole("the number of servers", 1),
             "Number of servers (>= 1)", "N")
      ->required();
  return finish_setup(app, o, erlang_b_schema().help({&key::blocking_target}), check, run_blocking);
}

}  // namespace erlangc
