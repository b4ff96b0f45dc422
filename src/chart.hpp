// Pictures of results: a chart of one or more panels stacked over a shared x axis (a
// staffing curve: service level and ASA against agents; a day: agents and service level
// per interval), written as SVG by hand (a few elements: exact, small, readable and easy to
// check) and as PNG by rendering that same SVG with librsvg, so that both formats show one
// drawing. Colours are the Okabe-Ito palette, distinguishable with every common colour
// vision deficiency, and series also differ by dash pattern and marker.
#ifndef ERLANGC_CHART_HPP
#define ERLANGC_CHART_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace erlangc {

/// How the values of an axis are written.
enum class axis_unit {
  number,   ///< 12, 1.5k
  percent,  ///< fractions 0-1 written 0 % .. 100 %
  seconds,  ///< seconds written in s, ms or min as their size asks
  erlangs,  ///< E
};

struct chart_series {
  std::string name;       ///< the legend's words
  std::vector<double> y;  ///< one per x value; NaN: no value (a gap)
  bool steps = false;     ///< a step line (a value held over its interval), else a line
  bool markers = false;   ///< a marker at each point
};

/// A horizontal reference line: a target.
struct chart_reference {
  std::string label;
  double value;
};

struct chart_panel {
  std::string y_label;  ///< the axis title, with its unit
  axis_unit unit = axis_unit::number;
  std::optional<double> y_min;  ///< forced bounds (percent panels: 0 and 1)
  std::optional<double> y_max;
  std::vector<chart_series> series;
  std::vector<chart_reference> references;
};

struct chart {
  std::string title;
  std::string subtitle;
  std::string x_label;
  /// The x values: numbers (agents, servers) or, when labels is not empty, positions
  /// 0..n-1 named by labels (interval starts).
  std::vector<double> x;
  std::vector<std::string> labels;
  std::vector<chart_panel> panels;
  /// x positions to shade in every panel (intervals that miss their targets), with the
  /// legend's words for them.
  std::vector<std::size_t> shaded;
  std::string shaded_label;
  /// An x value to mark with a vertical line (the staffing answer), with its words.
  std::optional<double> marker_x;
  std::string marker_label;
};

/// The chart as a complete SVG document, width x height pixels.
std::string render_svg(const chart& c, int width = 960, int height = 0);

/// The chart as SVG or PNG bytes, by the extension of `path` (.svg or .png, any case).
/// Throws usage_error for another extension, io_error when PNG rendering fails.
std::string render_chart_file(const chart& c, const std::string& path);

/// Checks that `path` names a chart format (.svg or .png); throws usage_error naming
/// `option` otherwise.
void check_chart_path(const std::string& path, const char* option);

/// Text safe inside XML and HTML: & < > " ' escaped.
std::string xml_escaped(std::string_view text);

}  // namespace erlangc

#endif  // ERLANGC_CHART_HPP
