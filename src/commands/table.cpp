// erlangc table: the Erlang B capacity table, the most traffic each number of servers
// carries at each blocking target.
#include "commands.hpp"
#include "commands/charts.hpp"
#include "commands/command.hpp"
#include "commands/erlang_b_result.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace erlangc {
namespace {

constexpr std::size_t max_servers = 100000;
/// The most server counts a chart draws (one point each, per target).
constexpr std::size_t max_chart_servers = 10000;

struct table_options {
  arg<std::vector<double>> servers;
  arg<std::vector<double>> blocking;
  output_format format = output_format::text;
  std::string chart;
};

table_request check(const table_options& o) {
  table_request r{o.servers.value_or(parse_count_list("1-50", max_servers)),
                  o.blocking.value_or(parse_probability_list("0.1%,0.5%,1%,2%,5%")), o.chart};
  if (!r.chart.empty() && r.servers.size() > max_chart_servers) {
    throw usage_error(fmt::format("--chart draws at most {} server counts, --servers gives {}",
                                  max_chart_servers, r.servers.size()));
  }
  return r;
}

/// The capacity curves: the most traffic against the servers, one line per target.
chart capacity_chart(const table_request& r) {
  chart c;
  c.title = "Erlang B capacity: the most offered traffic the servers carry";
  c.subtitle = "one line per blocking target: blocked calls at or below the target";
  c.x_label = "servers";
  c.x = r.servers;
  std::sort(c.x.begin(), c.x.end());
  c.x.erase(std::unique(c.x.begin(), c.x.end()), c.x.end());
  chart_panel p{"offered traffic", axis_unit::erlangs, 0.0, std::nullopt, {}, {}};
  for (const double b : r.blocking) {
    chart_series s{fmt::format("blocking {}", describe_percent(b)), {}, false, c.x.size() <= 60};
    for (const double m : c.x) {
      s.y.push_back(erlang_b_traffic(m, b));
    }
    p.series.push_back(std::move(s));
  }
  c.panels.push_back(std::move(p));
  return c;
}

/// csv and json: one row per server count and target, the most traffic it carries.
const table_schema<erlang_b_result>& schema() {
  using C = erlang_b_result;
  static const table_schema<C> s{
      "an array of objects, one per server count and target (text: servers down, targets "
      "across)",
      {
          {&key::servers, "servers", [](const C& r) -> cell { return r.servers; }},
          {&key::blocking, "blocking", [](const C& r) -> cell { return r.blocking; }},
          {&key::traffic, "traffic", [](const C& r) -> cell { return r.traffic; }},
      }};
  return s;
}

/// Text: servers down, one column per target.
void write_text(const table_request& r, std::string& text) {
  std::vector<column> columns{{std::string(key::servers.name), "servers", "", value_kind::count}};
  for (const double p : r.blocking) {
    columns.push_back({"", describe_percent(p), std::string(key::traffic.unit), key::traffic.kind});
  }
  table_writer writer(output_format::text, columns);
  std::vector<std::vector<cell>> rows;
  for (const double m : r.servers) {
    std::vector<cell> row{m};
    for (const double p : r.blocking) {
      row.emplace_back(erlang_b_traffic(m, p));
    }
    writer.fit(row);
    rows.push_back(std::move(row));
  }
  text +=
      "Erlang B capacity: the most offered traffic (erlangs) each number of servers carries "
      "with blocking at or below each target\n\n";
  writer.begin(text);
  for (const auto& row : rows) {
    writer.row(text, row);
  }
  writer.end(text);
}

}  // namespace

void run_table(const table_request& r, output_format format, std::ostream& out) {
  if (!r.chart.empty()) {
    write_chart(capacity_chart(r), r.chart);
  }
  std::string text;
  if (format == output_format::text) {
    write_text(r, text);
  } else {
    const table_schema<erlang_b_result>::selection columns(schema(), {});
    table_writer writer(format, columns.columns());
    writer.begin(text);
    for (const double m : r.servers) {
      for (const double p : r.blocking) {
        writer.row(text,
                   columns.cells({.traffic = erlang_b_traffic(m, p), .servers = m, .blocking = p}));
      }
    }
    writer.end(text);
  }
  write_all(out, text);
}

command_runner setup_table(CLI::App& app) {
  auto o = std::make_shared<table_options>();
  add_parsed<std::vector<double>>(
      app, "--servers", o->servers,
      [](const std::string& s) { return parse_count_list(s, max_servers); },
      "Server counts: a list of N, A-B or A-B:STEP (default 1-50)", "LIST");
  add_parsed<std::vector<double>>(
      app, "--blocking", o->blocking,
      [](const std::string& s) { return parse_probability_list(s); },
      "Blocking targets (default 0.1%,0.5%,1%,2%,5%)", "LIST");
  add_chart(app, o->chart,
            "Draw the table in FILE (.svg or .png): the traffic carried against the servers, a "
            "line per blocking target");
  return finish_setup(app, o, schema().help(), check, run_table);
}

}  // namespace erlangc
