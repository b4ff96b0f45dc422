// erlangc engset: a finite number of sources offering calls to servers, blocked calls
// lost.
#include "commands.hpp"
#include "commands/command.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>
#include <utility>

namespace erlangc {
namespace {

struct engset_options {
  arg<double> sources;
  arg<double> idle_source_traffic;
  arg<double> traffic;
  arg<double> servers;
  arg<double> blocking;
  arg<engset_measure> measure;
  output_format format = output_format::text;
};

/// The names of each Engset measure, for --measure (its value and its help) and the output.
struct measure_name {
  engset_measure measure;
  std::string_view option;   ///< --measure call
  std::string_view key;      ///< blocking_measure: call_congestion
  std::string_view meaning;  ///< for --help
};
constexpr std::array<measure_name, 3> measure_names{{
    {engset_measure::call_congestion, "call", "call_congestion", "calls lost, the default"},
    {engset_measure::time_congestion, "time", "time_congestion", "time all servers are busy"},
    {engset_measure::traffic_congestion, "traffic", "traffic_congestion", "offered traffic lost"},
}};

std::string_view measure_key(engset_measure m) {
  return std::find_if(measure_names.begin(), measure_names.end(),
                      [m](const measure_name& n) { return n.measure == m; })
      ->key;
}

/// "time congestion" for time_congestion.
std::string measure_words(engset_measure m) {
  std::string s(measure_key(m));
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

engset_request check(const engset_options& o) {
  engset_request r;
  r.sources = *o.sources;
  if (o.traffic.value.has_value() == o.idle_source_traffic.value.has_value()) {
    throw usage_error(
        "give the offered traffic: --idle-source-traffic (erlangs per idle source) or "
        "--traffic (erlangs of all sources)");
  }
  if (!o.servers && !o.blocking) {
    throw usage_error(
        "give --servers (to find the congestion) or --blocking (to find the fewest servers)");
  }
  if (o.traffic) {
    if (!(*o.traffic < r.sources)) {
      throw usage_error(
          fmt::format("--traffic: {} offer less than {} erlangs (each source less than 1), got "
                      "'{}': give --idle-source-traffic for a per-source load",
                      describe_count(r.sources, "source"), o.sources.text, shown(o.traffic.text)));
    }
    r.idle_source_traffic = engset_beta(*o.traffic, r.sources);
  } else {
    r.idle_source_traffic = *o.idle_source_traffic;
  }
  check_traffic(engset_offered(r.idle_source_traffic, r.sources), "--idle-source-traffic");
  r.servers = o.servers.optional();
  r.blocking = o.blocking.optional();
  r.measure = o.measure.value_or(engset_measure::call_congestion);
  return r;
}

struct engset_result {
  double sources;
  double offered;
  double beta;
  double servers;
  engset_congestion congestion;
  std::optional<double> blocking_target;
  engset_measure measure;
};

const record_schema<engset_result>& schema() {
  using R = engset_result;
  const auto target = [](const R& r) -> std::optional<cell> {
    return r.blocking_target ? std::optional<cell>(*r.blocking_target) : std::nullopt;
  };
  static const record_schema<R> s{
      "one object",
      {
          {&key::sources, "sources", &R::sources},
          {&key::traffic, "offered traffic", &R::offered, "all sources, as if never blocked"},
          {&key::idle_source_traffic, "per idle source", &R::beta},
          {&key::servers, "servers", &R::servers},
          {&key::time_congestion, "time congestion", [](const R& r) { return r.congestion.time; },
           "of the time every server is busy"},
          {&key::call_congestion, "call congestion", [](const R& r) { return r.congestion.call; },
           "of calls lost"},
          {&key::traffic_congestion, "traffic congestion",
           [](const R& r) { return r.congestion.traffic; }, "of the offered traffic lost"},
          {&key::blocking_target, "blocking target", target,
           [](const R& r) { return measure_words(r.measure); }},
          {&key::blocking_measure,
           "measure",
           [](const R& r) -> std::optional<cell> {
             if (!r.blocking_target) {
               return std::nullopt;
             }
             return std::string(measure_key(r.measure));
           },
           {},
           data_only},
          {&key::carried, "carried traffic",
           [](const R& r) { return r.offered * (1 - r.congestion.traffic); }},
      }};
  return s;
}

engset_measure parse_measure(const std::string& s) {
  for (const measure_name& n : measure_names) {
    if (s == n.option) {
      return n.measure;
    }
  }
  throw usage_error(fmt::format("unknown measure '{}': use call, time or traffic", shown(s)));
}

std::string measure_help() {
  std::string s = "The blocking --blocking applies to: ";
  for (const measure_name& n : measure_names) {
    s += fmt::format("{}{} ({})", n.measure == measure_names.front().measure ? "" : ", ", n.option,
                     n.meaning);
  }
  return s;
}

double parse_sources(const std::string& s) {
  double v = 0;
  try {
    v = parse_count(s);
  } catch (const usage_error& e) {
    throw usage_error(
        fmt::format("{}: the number of sources must be a whole number >= 1", e.what()));
  }
  if (v < 1 || v > max_engset_sources) {
    throw usage_error(fmt::format(
        "the number of sources must be from 1 to {:g}, got '{}' (for more sources Erlang B, "
        "'erlangc b', gives the same answer)",
        max_engset_sources, s));
  }
  return v;
}

}  // namespace

void run_engset(const engset_request& r, output_format format, std::ostream& out) {
  const double beta = r.idle_source_traffic;
  const double offered = engset_offered(beta, r.sources);
  double servers = 0;
  std::string title;
  if (r.blocking) {
    servers = engset_servers(beta, r.sources, *r.blocking, r.measure);
    title = fmt::format(
        "Engset sizing: the fewest servers that keep the {} at or below {} for {} "
        "offering {}",
        measure_words(r.measure), describe_percent(*r.blocking),
        describe_count(r.sources, "source"), describe_traffic(offered));
  } else {
    servers = *r.servers;
    title = fmt::format("Engset (finite sources, blocked calls lost): {} offering {} to {}",
                        describe_count(r.sources, "source"), describe_traffic(offered),
                        describe_count(servers, "server"));
  }
  schema().print(out, format, title,
                 {r.sources, offered, beta, servers, engset_at(beta, r.sources, servers),
                  r.blocking, r.measure});
}

command_runner setup_engset(CLI::App& app) {
  auto o = std::make_shared<engset_options>();
  add_parsed<double>(app, "--sources", o->sources, parse_sources,
                     "Number of sources (>= 1, at most 1e8) (required)", "N")
      ->required();
  const auto traffic = [](const std::string& s) { return parse_traffic(s); };
  add_parsed<double>(app, "--idle-source-traffic", o->idle_source_traffic, traffic,
                     "Erlangs each idle source offers: its call rate while idle x the mean "
                     "holding time (or give --traffic)",
                     "ERLANGS");
  add_parsed<double>(app, "--traffic", o->traffic, traffic,
                     "Offered traffic of all sources, erlangs, below --sources: sources x b / (1 "
                     "+ b) for b the --idle-source-traffic",
                     "ERLANGS")
      ->excludes("--idle-source-traffic");
  add_parsed(app, "--servers,--lines", o->servers, whole("the number of servers", 1),
             "Number of servers (>= 1)", "N");
  add_blocking_target(app, o->blocking,
                      "Blocking target, e.g. 1%: find the fewest servers (instead of --servers)")
      ->excludes("--servers");
  add_parsed<engset_measure>(app, "--measure", o->measure, parse_measure, measure_help(), "MEASURE")
      ->needs("--blocking");
  return finish_setup(app, o, schema().help(), check, run_engset);
}

}  // namespace erlangc
