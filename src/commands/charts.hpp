// The pictures of the commands' results (chart.hpp draws them): what each chart shows is
// decided here, from the same rows the tables print.
#ifndef ERLANGC_COMMANDS_CHARTS_HPP
#define ERLANGC_COMMANDS_CHARTS_HPP

#include "chart.hpp"
#include "models.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace erlangc {

/// A staffing curve: the measures at each agent count, the targets as lines and the
/// fewest agents meeting them marked.
struct curve_points {
  std::vector<double> agents;
  std::vector<queue_measures> measures;
};
/// The measures at each agent count from lo to hi.
curve_points curve_around(const queue_model& model, const load_point& load, double lo, double hi);
chart curve_chart(const queue_model& model, const load_point& load, const curve_points& points,
                  const std::optional<staffing_targets>& goal, std::optional<double> answer);

/// A day: per interval the agents (required, or rostered) and those to schedule, and the
/// measures they give.
struct day_points {
  std::vector<std::string> starts;
  std::vector<double> agents;
  std::vector<double> scheduled;
  std::vector<double> service_level;
  std::vector<double> asa;
  std::vector<double> abandon;      ///< empty without abandonment
  std::vector<std::size_t> missed;  ///< intervals that miss their targets
  bool roster = false;              ///< agents given, not staffed
};
chart day_chart(std::string title, std::string subtitle, const day_points& d,
                const std::optional<staffing_targets>& goal);

/// Adds --chart FILE to a command, its format (.svg or .png) checked when parsed.
void add_chart(CLI::App& app, std::string& path, const std::string& help);

/// Writes the chart to `path` as a side file of the run (committed with the result).
void write_chart(const chart& c, const std::string& path);

}  // namespace erlangc

#endif  // ERLANGC_COMMANDS_CHARTS_HPP
