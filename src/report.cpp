#include "report.hpp"

#include <fmt/format.h>

#include <string_view>

namespace erlangc {
namespace {

constexpr std::string_view style = R"(
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #222; margin: 24px auto;
       max-width: 1000px; padding: 0 16px; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; font-weight: bold; }
table { border-collapse: collapse; font-size: 0.88em; }
th, td { padding: 2px 8px; border-bottom: 1px solid #e4e4e4; }
th { text-align: left; background: #f4f4f4; position: sticky; top: 0; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.missed td { background: #fbe3c8; }
tr.total td { font-weight: bold; border-top: 2px solid #888; }
.chart svg { max-width: 100%; height: auto; }
.legend-missed { background: #fbe3c8; padding: 0 6px; }
)";

std::string facts_list(const std::vector<std::pair<std::string, std::string>>& facts) {
  std::string s = "<dl class=\"facts\">\n";
  for (const auto& [name, value] : facts) {
    s += fmt::format("<dt>{}</dt><dd>{}</dd>\n", xml_escaped(name), xml_escaped(value));
  }
  return s + "</dl>\n";
}

std::string cells_of(const std::vector<std::string>& cells, const std::vector<bool>& numeric) {
  std::string s;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const bool n = i < numeric.size() && numeric[i];
    s += fmt::format("<td{}>{}</td>", n ? " class=\"n\"" : "", xml_escaped(cells[i]));
  }
  return s;
}

std::string table_of(const plan_report& r) {
  std::string s = "<table>\n<thead><tr>";
  for (std::size_t i = 0; i < r.headers.size(); ++i) {
    const bool n = i < r.numeric.size() && r.numeric[i];
    const std::string unit =
        i < r.units.size() && !r.units[i].empty() ? fmt::format(" ({})", r.units[i]) : "";
    s += fmt::format("<th{}>{}{}</th>", n ? " class=\"n\"" : "", xml_escaped(r.headers[i]),
                     xml_escaped(unit));
  }
  s += "</tr></thead>\n<tbody>\n";
  for (const auto& row : r.rows) {
    s += fmt::format("<tr{}>{}</tr>\n", row.missed ? " class=\"missed\"" : "",
                     cells_of(row.cells, r.numeric));
  }
  if (!r.total_row.empty()) {
    s += fmt::format("<tr class=\"total\">{}</tr>\n", cells_of(r.total_row, r.numeric));
  }
  return s + "</tbody>\n</table>\n";
}

/// The chart's SVG without its XML declaration (inline in HTML).
std::string inline_svg(const chart& c) {
  std::string svg = render_svg(c);
  if (svg.rfind("<?xml", 0) == 0) {
    svg.erase(0, svg.find('\n') + 1);
  }
  return svg;
}

}  // namespace

std::string render_report(const plan_report& r) {
  std::string s = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      "<title>{0}</title>\n<style>{1}</style>\n</head>\n<body>\n<h1>{0}</h1>\n",
      xml_escaped(r.title), style);
  s += "<h2>Inputs</h2>\n" + facts_list(r.inputs);
  s += "<h2>The day</h2>\n" + facts_list(r.totals);
  s += "<h2>Intraday</h2>\n<div class=\"chart\">\n" + inline_svg(r.intraday) + "</div>\n";
  s += "<h2>Intervals</h2>\n";
  bool any_missed = false;
  for (const auto& row : r.rows) {
    any_missed = any_missed || row.missed;
  }
  if (any_missed) {
    s += "<p><span class=\"legend-missed\">Highlighted</span> intervals miss their "
         "targets.</p>\n";
  }
  s += table_of(r);
  if (!r.notes.empty()) {
    s += "<h2>Method and notes</h2>\n<ul>\n";
    for (const auto& n : r.notes) {
      s += fmt::format("<li>{}</li>\n", xml_escaped(n));
    }
    s += "</ul>\n";
  }
  return s + "</body>\n</html>\n";
}

}  // namespace erlangc
