// erlangc table: the Erlang B capacity table, the most traffic each number of servers
// carries at each blocking target.
#include "commands.hpp"
#include "commands/command.hpp"
#include "commands/erlang_b_result.hpp"
#include "schema.hpp"

#include <memory>

namespace erlangc {
namespace {

constexpr std::size_t max_servers = 100000;

struct table_options {
  arg<std::vector<double>> servers;
  arg<std::vector<double>> blocking;
  output_format format = output_format::text;
};

table_request check(const table_options& o) {
  return {o.servers.value_or(parse_count_list("1-50", max_servers)),
          o.blocking.value_or(parse_probability_list("0.1%,0.5%,1%,2%,5%"))};
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
  return finish_setup(app, o, schema().help(), check, run_table);
}

}  // namespace erlangc
