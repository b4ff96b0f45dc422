// erlangc lines: the fewest servers for an Erlang B blocking target, or the most traffic
// a number of servers carries.
#include "commands.hpp"
#include "commands/command.hpp"
#include "commands/erlang_b_result.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <fmt/format.h>

#include <memory>

namespace erlangc {
namespace {

struct lines_options {
  traffic_options traffic;
  arg<double> servers;
  arg<double> blocking;
  output_format format = output_format::text;
};

lines_request check(const lines_options& o) {
  reject_interval_without_calls(o.traffic);
  const bool has_traffic = o.traffic.traffic || o.traffic.calls || o.traffic.rate;
  if (has_traffic == o.servers.value.has_value()) {
    throw usage_error(has_traffic
                          ? "give either the traffic (to find the servers) or --servers (to "
                            "find the traffic they carry), not both"
                          : "give the traffic (--traffic, --calls or --rate) to find the "
                            "servers, or --servers to find the traffic they carry");
  }
  lines_request r;
  r.blocking = *o.blocking;
  if (has_traffic) {
    r.traffic = traffic_of(o.traffic);
  } else {
    r.servers = *o.servers;
  }
  return r;
}

}  // namespace

void run_lines(const lines_request& r, output_format format, std::ostream& out) {
  double traffic = 0;
  double servers = 0;
  std::string title;
  if (r.traffic) {
    traffic = *r.traffic;
    servers = erlang_b_servers(traffic, r.blocking);
    title =
        fmt::format("Erlang B sizing: the fewest servers that keep blocking at or below {} for {}",
                    describe_percent(r.blocking), describe_traffic(traffic));
  } else {
    servers = *r.servers;
    traffic = erlang_b_traffic(servers, r.blocking);
    title = fmt::format("Erlang B capacity: the most traffic {} {} with blocking at or below {}",
                        describe_count(servers, "server"), servers == 1 ? "carries" : "carry",
                        describe_percent(r.blocking));
  }
  const double b = traffic == 0 ? 0.0 : erlang_b_blocking(traffic, servers);
  erlang_b_schema().print(out, format, title,
                          {traffic, servers, b, r.blocking, traffic * (1 - b), std::nullopt});
}

command_runner setup_lines(CLI::App& app) {
  auto o = std::make_shared<lines_options>();
  add_traffic_and_holding_time(app, o->traffic);
  add_parsed(app, "--servers", o->servers, whole("the number of servers", 1),
             "Number of servers: find the traffic they carry", "N");
  add_blocking_target(app, o->blocking, "Blocking target, e.g. 1% (required)")->required();
  return finish_setup(app, o, erlang_b_schema().help({&key::occupancy}), check, run_lines);
}

}  // namespace erlangc
