// The HTML report of a staffing plan (erlangc plan --report FILE.html): one self-contained
// file (inline CSS and SVG, no script, nothing fetched) that opens from disk: the inputs,
// the totals, the intraday chart, the per-interval table and the method's notes.
#ifndef ERLANGC_REPORT_HPP
#define ERLANGC_REPORT_HPP

#include "chart.hpp"

#include <string>
#include <utility>
#include <vector>

namespace erlangc {

struct report_row {
  std::vector<std::string> cells;  ///< as the text table shows them
  bool missed = false;             ///< the interval misses its targets
};

struct plan_report {
  std::string title;
  std::vector<std::pair<std::string, std::string>> inputs;  ///< what was asked
  std::vector<std::pair<std::string, std::string>> totals;  ///< the day in numbers
  chart intraday;
  std::vector<std::string> headers;
  std::vector<std::string> units;
  std::vector<bool> numeric;  ///< right-aligned columns
  std::vector<report_row> rows;
  std::vector<std::string> total_row;
  std::vector<std::string> notes;  ///< the method, its assumptions, what to watch
};

/// The report as a complete HTML document.
std::string render_report(const plan_report& r);

}  // namespace erlangc

#endif  // ERLANGC_REPORT_HPP
