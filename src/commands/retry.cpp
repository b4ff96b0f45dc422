// erlangc retry: extended Erlang B, a fraction of the blocked callers try again.
#include "commands.hpp"
#include "commands/command.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>

namespace erlangc {
namespace {

struct retry_options {
  traffic_options traffic;
  arg<double> servers;
  arg<double> blocking;
  arg<double> retry;
  output_format format = output_format::text;
};

retry_request check(const retry_options& o) {
  reject_interval_without_calls(o.traffic);
  if (o.servers.value.has_value() == o.blocking.value.has_value()) {
    throw usage_error(o.servers ? "give either --servers (to find the blocking) or --blocking (to "
                                  "find the fewest lines), not both"
                                : "give --servers (to find the blocking) or --blocking (to find "
                                  "the fewest lines)");
  }
  return {traffic_of(o.traffic), *o.retry, o.servers.optional(), o.blocking.optional()};
}

struct retry_result {
  double traffic;
  double retry;
  double servers;
  retry_measures m;
  std::optional<double> blocking_target;
  [[nodiscard]] double carried() const { return m.total_traffic * (1 - m.blocking); }
};

const record_schema<retry_result>& schema() {
  using R = retry_result;
  static const record_schema<R> s{
      "one object (occupancy only with --servers, blocking_target only with --blocking)",
      {
          {&key::traffic, "offered traffic", &R::traffic, "first attempts"},
          {&key::retry, "retried", &R::retry, "of blocked calls"},
          {&key::servers, "lines", &R::servers},
          {&key::blocking, "blocking", [](const R& r) { return r.m.blocking; }, "of attempts"},
          {&key::blocking_target, "blocking target", &R::blocking_target},
          {&key::total_traffic, "total offered", [](const R& r) { return r.m.total_traffic; },
           "first attempts and retries"},
          {&key::carried, "carried traffic", [](const R& r) { return r.carried(); }},
          {&key::lost, "lost traffic",
           [](const R& r) { return r.m.total_traffic * r.m.blocking * (1 - r.retry); },
           "blocked and not retried"},
          {&key::occupancy, "occupancy",
           [](const R& r) -> std::optional<cell> {
             if (r.blocking_target) {
               return std::nullopt;
             }
             return r.carried() / r.servers;
           },
           "per line"},
      }};
  return s;
}

}  // namespace

void run_retry(const retry_request& r, output_format format, std::ostream& out) {
  double servers = 0;
  std::string title;
  if (r.blocking) {
    servers = retry_servers(r.traffic, *r.blocking, r.retry);
    title = fmt::format(
        "Extended Erlang B sizing: the fewest lines that keep blocking at or below {} for {} "
        "with {} of blocked calls retried",
        describe_percent(*r.blocking), describe_traffic(r.traffic), describe_percent(r.retry));
  } else {
    servers = *r.servers;
    if (r.retry >= 1 && r.traffic >= servers && r.traffic > 0) {
      throw infeasible_error(fmt::format(
          "--retry: with every blocked call retried, {} cannot carry {}: the retries grow "
          "without bound (it needs at least {}, or a retry fraction below 100 %)",
          describe_count(servers, "line"), describe_traffic(r.traffic),
          describe_count(std::floor(r.traffic) + 1, "line")));
    }
    title = fmt::format(
        "Extended Erlang B (blocked calls retry): {} offered to {}, {} of blocked calls "
        "retried",
        describe_traffic(r.traffic), describe_count(servers, "line"), describe_percent(r.retry));
  }
  schema().print(out, format, title,
                 {r.traffic, r.retry, servers, retry_at(r.traffic, servers, r.retry), r.blocking});
}

command_runner setup_retry(CLI::App& app) {
  auto o = std::make_shared<retry_options>();
  add_traffic_and_holding_time(app, o->traffic);
  add_parsed(app, "--servers,--lines", o->servers, whole("the number of lines", 1),
             "Number of lines (>= 1)", "N");
  add_blocking_target(app, o->blocking,
                      "Blocking target, e.g. 1%: find the fewest lines (instead of --servers)");
  add_parsed(app, "--retry", o->retry, ratio("retry fraction", bound::closed, bound::closed),
             "Fraction of blocked calls that try again, e.g. 20% (required)", "RATIO")
      ->required();
  return finish_setup(app, o, schema().help(), check, run_retry);
}

}  // namespace erlangc
