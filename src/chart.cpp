#include "chart.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#ifdef ERLANGC_HAVE_RSVG
#include <cairo.h>
#include <dlfcn.h>
#include <librsvg/rsvg.h>
#endif

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <memory>

namespace erlangc {
namespace {

// Okabe-Ito colours (blue, vermillion, bluish green, reddish purple, orange, sky blue), then
// dash patterns and markers, so that series differ without colour too.
constexpr const char* palette[] = {"#0072B2", "#D55E00", "#009E73",
                                   "#CC79A7", "#E69F00", "#56B4E9"};
constexpr const char* dashes[] = {"", "7 4", "2 3", "9 3 2 3"};
constexpr const char* ink = "#222222";
constexpr const char* grid = "#DDDDDD";
constexpr const char* shade = "#E69F00";

constexpr double left = 88;  // room for the y tick labels and the y axis title
constexpr double right = 24;
constexpr double panel_height = 250;
constexpr double panel_gap = 64;  // between panels: the next panel's legend
constexpr double bottom = 70;     // x tick labels and the x axis title
constexpr double char_width = 7;  // about, at 12 px

/// A readable step for about `ticks` divisions of `span`: 1, 2 or 5 times a power of ten.
double nice_step(double span, int ticks) {
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / magnitude;
  const double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * magnitude;
}

/// Decimals that show a step's digits.
int decimals_of(double step) {
  return std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
}

struct axis {
  double lo;
  double hi;
  double step;
};

/// An axis covering [lo, hi] with nice ends, at least `ticks` divisions.
axis nice_axis(double lo, double hi, int ticks) {
  if (!(hi > lo)) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double step = nice_step(hi - lo, ticks);
  return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step, step};
}

/// The unit and scale a seconds axis shows its values in.
struct time_scale {
  const char* unit;
  double factor;
};

time_scale scale_of(const chart_panel& p, double largest) {
  if (p.unit != axis_unit::seconds) {
    return {p.unit == axis_unit::percent ? "%" : (p.unit == axis_unit::erlangs ? "E" : ""),
            p.unit == axis_unit::percent ? 100.0 : 1.0};
  }
  if (largest < 1) {
    return {"ms", 1000};
  }
  if (largest < 600) {
    return {"s", 1};
  }
  return {"min", 1.0 / 60};
}

std::string tick_text(double v, double step, double factor) {
  const double shown = v * factor;
  const int d = decimals_of(step * factor);
  std::string s = fmt::format("{:.{}f}", shown, d);
  if (s == "-0" || s.rfind("-0.", 0) == 0) {
    const bool all_zero = s.find_first_not_of("-0.") == std::string::npos;
    if (all_zero) {
      s.erase(0, 1);
    }
  }
  return s;
}

/// Full-precision text of a value for the data attributes (NaN and infinities as words).
std::string data_text(double v) {
  if (std::isnan(v)) {
    return "nan";
  }
  if (std::isinf(v)) {
    return v > 0 ? "inf" : "-inf";
  }
  return fmt::format("{}", v);
}

constexpr double title_line = 22;
constexpr double subtitle_line = 16;

/// `text` in lines of at most `width` characters, broken at spaces.
std::vector<std::string> wrapped(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t space = std::min(text.find(' ', from), text.size());
    const std::string word = text.substr(from, space - from);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) {
      line += ' ';
    }
    line += word;
    from = space + 1;
  }
  if (!line.empty()) {
    lines.push_back(line);
  }
  return lines;
}

/// The title and subtitle in lines, and the height they take with the first legend.
struct text_block {
  std::vector<std::string> title;
  std::vector<std::string> subtitle;
  double height;
};

text_block heading_of(const chart& c, int width) {
  const double room = width - left - right;
  text_block b{wrapped(c.title, static_cast<std::size_t>(room / 10.5)),
               wrapped(c.subtitle, static_cast<std::size_t>(room / 7.2)), 0};
  b.height = 26 + title_line * static_cast<double>(b.title.size()) +
             subtitle_line * static_cast<double>(b.subtitle.size()) + 30;
  return b;
}

class svg_writer {
 public:
  svg_writer(const chart& c, int width, int height) : c_(c), width_(width), height_(height) {}

  std::string write() {
    const std::size_t n = c_.labels.empty() ? c_.x.size() : c_.labels.size();
    categories_ = !c_.labels.empty();
    if (categories_) {
      x_axis_ = {0, static_cast<double>(n), 1};
    } else {
      double lo = std::numeric_limits<double>::infinity();
      double hi = -lo;
      for (const double x : c_.x) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
      if (c_.marker_x) {
        lo = std::min(lo, *c_.marker_x);
        hi = std::max(hi, *c_.marker_x);
      }
      x_axis_ = n == 0 ? axis{0, 1, 1} : nice_axis(lo, hi, 8);
    }
    out_ += fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 "
        "{0} {1}\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" font-size=\"12\">\n"
        "<title>{2}</title>\n"
        "<rect width=\"{0}\" height=\"{1}\" fill=\"#FFFFFF\"/>\n",
        width_, height_, xml_escaped(c_.title));
    const text_block heading = heading_of(c_, width_);
    double y = 26;
    for (const auto& line : heading.title) {
      out_ += fmt::format(
          "<text x=\"{}\" y=\"{}\" font-size=\"17\" font-weight=\"bold\" fill=\"{}\">{}</text>\n",
          left, y, ink, xml_escaped(line));
      y += title_line;
    }
    y += 20 - title_line;
    for (const auto& line : heading.subtitle) {
      out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#555555\">{}</text>\n",
                          left, y, xml_escaped(line));
      y += subtitle_line;
    }
    double top = heading.height;
    for (std::size_t i = 0; i < c_.panels.size(); ++i) {
      panel(c_.panels[i], top, i + 1 == c_.panels.size());
      top += panel_height + panel_gap;
    }
    out_ += "</svg>\n";
    return out_;
  }

 private:
  [[nodiscard]] double plot_width() const { return width_ - left - right; }

  [[nodiscard]] double x_of(double x) const {
    return left + (x - x_axis_.lo) / (x_axis_.hi - x_axis_.lo) * plot_width();
  }

  /// The x of point i of a series: its x value, or the middle of its interval.
  [[nodiscard]] double point_x(std::size_t i) const {
    return categories_ ? x_of(static_cast<double>(i) + 0.5) : x_of(c_.x[i]);
  }

  void panel(const chart_panel& p, double top, bool last) {
    // The y range: the data, the references and the forced bounds.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const auto& s : p.series) {
      for (const double v : s.y) {
        if (std::isfinite(v)) {
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
      }
    }
    for (const auto& r : p.references) {
      lo = std::min(lo, r.value);
      hi = std::max(hi, r.value);
    }
    if (!std::isfinite(lo)) {
      lo = 0;
      hi = 1;
    }
    lo = p.y_min.value_or(std::min(lo, 0.0));
    hi = p.y_max.value_or(hi);
    const axis y = nice_axis(lo, hi, 5);
    const time_scale ts = scale_of(p, std::max(std::abs(y.lo), std::abs(y.hi)));
    const double bottom_y = top + panel_height;
    const auto y_of = [&](double v) {
      return bottom_y - (v - y.lo) / (y.hi - y.lo) * panel_height;
    };
    const std::size_t id = panel_id_++;
    out_ += fmt::format(
        "<g class=\"panel\" data-y-label=\"{}\">\n"
        "<clipPath id=\"clip{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>\n",
        xml_escaped(p.y_label), id, left, top, plot_width(), panel_height);
    // Shaded intervals behind everything.
    for (const std::size_t i : c_.shaded) {
      const double x0 = categories_ ? x_of(static_cast<double>(i)) : point_x(i) - 3;
      const double x1 = categories_ ? x_of(static_cast<double>(i + 1)) : point_x(i) + 3;
      out_ += fmt::format(
          "<rect class=\"shaded\" data-index=\"{}\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" "
          "height=\"{:.2f}\" fill=\"{}\" fill-opacity=\"0.22\"/>\n",
          i, x0, top, x1 - x0, panel_height, shade);
    }
    // Grid and y ticks.
    for (double v = y.lo; v <= y.hi + y.step * 1e-6; v += y.step) {
      const double py = y_of(v);
      out_ += fmt::format(
          "<line x1=\"{0}\" y1=\"{1:.2f}\" x2=\"{2:.2f}\" y2=\"{1:.2f}\" stroke=\"{3}\"/>\n"
          "<text x=\"{4}\" y=\"{5:.2f}\" text-anchor=\"end\" fill=\"{6}\">{7}</text>\n",
          left, py, left + plot_width(), grid, left - 8, py + 4, ink,
          tick_text(v, y.step, ts.factor));
    }
    const std::string unit = ts.unit[0] != '\0' ? fmt::format(" ({})", ts.unit) : "";
    out_ += fmt::format(
        "<text x=\"{0}\" y=\"{1:.2f}\" transform=\"rotate(-90 {0} {1:.2f})\" "
        "text-anchor=\"middle\" "
        "fill=\"{2}\">{3}{4}</text>\n",
        22, top + panel_height / 2, ink, xml_escaped(p.y_label), unit);
    x_ticks(bottom_y, last);
    // References, series, marker, clipped to the plot.
    out_ += fmt::format("<g clip-path=\"url(#clip{})\">\n", id);
    for (const auto& r : p.references) {
      const double py = y_of(r.value);
      out_ += fmt::format(
          "<line class=\"reference\" data-label=\"{0}\" data-value=\"{1}\" x1=\"{2}\" "
          "y1=\"{3:.2f}\" x2=\"{4:.2f}\" y2=\"{3:.2f}\" stroke=\"{5}\" stroke-width=\"1.5\" "
          "stroke-dasharray=\"5 4\"/>\n"
          "<text x=\"{6:.2f}\" y=\"{7:.2f}\" text-anchor=\"end\" fill=\"{5}\">{0}</text>\n",
          xml_escaped(r.label), data_text(r.value), left, py, left + plot_width(), "#444444",
          left + plot_width() - 6, py - 6);
    }
    for (std::size_t s = 0; s < p.series.size(); ++s) {
      series(p.series[s], s, y_of);
    }
    if (c_.marker_x) {
      const double px = x_of(*c_.marker_x);
      out_ += fmt::format(
          "<line class=\"marker\" data-value=\"{}\" x1=\"{:.2f}\" y1=\"{}\" x2=\"{:.2f}\" "
          "y2=\"{}\" "
          "stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>\n",
          data_text(*c_.marker_x), px, top, px, bottom_y, ink);
    }
    out_ += "</g>\n";
    out_ += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888888\"/>\n",
        left, top, plot_width(), panel_height);
    legend(p, top - 12);
    out_ += "</g>\n";
  }

  template <class YOf>
  void series(const chart_series& s, std::size_t index, const YOf& y_of) {
    const char* colour = palette[index % std::size(palette)];
    const char* dash = dashes[index % std::size(dashes)];
    std::string values;
    for (std::size_t i = 0; i < s.y.size(); ++i) {
      if (i > 0) {
        values += ' ';
      }
      values += data_text(s.y[i]);
    }
    // The path, broken where a value is missing (NaN or infinite).
    std::string d;
    bool pen_down = false;
    for (std::size_t i = 0; i < s.y.size(); ++i) {
      if (!std::isfinite(s.y[i])) {
        pen_down = false;
        continue;
      }
      const double py = y_of(s.y[i]);
      if (s.steps && categories_) {
        const double x0 = x_of(static_cast<double>(i));
        const double x1 = x_of(static_cast<double>(i + 1));
        d += fmt::format("{}{:.2f},{:.2f}H{:.2f}", pen_down ? "L" : "M", x0, py, x1);
      } else {
        d += fmt::format("{}{:.2f},{:.2f}", pen_down ? "L" : "M", point_x(i), py);
      }
      pen_down = true;
    }
    out_ += fmt::format(
        "<path class=\"series\" data-name=\"{}\" data-values=\"{}\" d=\"{}\" fill=\"none\" "
        "stroke=\"{}\" stroke-width=\"2.2\"{}/>\n",
        xml_escaped(s.name), values, d.empty() ? "M0,0" : d, colour,
        dash[0] != '\0' ? fmt::format(" stroke-dasharray=\"{}\"", dash) : std::string());
    if (s.markers) {
      for (std::size_t i = 0; i < s.y.size(); ++i) {
        if (std::isfinite(s.y[i])) {
          out_ += fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"3.2\" fill=\"{}\"/>\n",
                              point_x(i), y_of(s.y[i]), colour);
        }
      }
    }
  }

  void legend(const chart_panel& p, double y) {
    double x = left;
    for (std::size_t s = 0; s < p.series.size(); ++s) {
      const char* dash = dashes[s % std::size(dashes)];
      out_ += fmt::format(
          "<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{2:.2f}\" y2=\"{1:.2f}\" stroke=\"{3}\" "
          "stroke-width=\"2.2\"{4}/>\n<text x=\"{5:.2f}\" y=\"{6:.2f}\" fill=\"{7}\">{8}</text>\n",
          x, y, x + 26, palette[s % std::size(palette)],
          dash[0] != '\0' ? fmt::format(" stroke-dasharray=\"{}\"", dash) : std::string(), x + 32,
          y + 4, ink, xml_escaped(p.series[s].name));
      x += 48 + char_width * static_cast<double>(p.series[s].name.size());
    }
    if (!c_.shaded.empty() && !c_.shaded_label.empty()) {
      out_ += fmt::format(
          "<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"18\" height=\"10\" fill=\"{}\" "
          "fill-opacity=\"0.35\"/>\n<text x=\"{:.2f}\" y=\"{:.2f}\" fill=\"{}\">{}</text>\n",
          x, y - 5, shade, x + 24, y + 4, ink, xml_escaped(c_.shaded_label));
      x += 40 + char_width * static_cast<double>(c_.shaded_label.size());
    }
    if (c_.marker_x && !c_.marker_label.empty()) {
      out_ += fmt::format(
          "<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{0:.2f}\" y2=\"{2:.2f}\" stroke=\"{3}\" "
          "stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>\n<text x=\"{4:.2f}\" y=\"{5:.2f}\" "
          "fill=\"{3}\">{6}</text>\n",
          x + 4, y - 7, y + 6, ink, x + 12, y + 4, xml_escaped(c_.marker_label));
    }
  }

  void x_ticks(double bottom_y, bool labelled) {
    if (categories_) {
      const std::size_t n = c_.labels.size();
      std::size_t longest = 1;
      for (const auto& l : c_.labels) {
        longest = std::max(longest, l.size());
      }
      const double room = plot_width() / static_cast<double>(std::max<std::size_t>(n, 1));
      const auto every = static_cast<std::size_t>(
          std::max(1.0, std::ceil((char_width * static_cast<double>(longest) + 10) / room)));
      for (std::size_t i = 0; i < n; i += every) {
        const double px = x_of(static_cast<double>(i) + 0.5);
        out_ += fmt::format(
            "<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{0:.2f}\" y2=\"{2:.2f}\" "
            "stroke=\"#888888\"/>\n",
            px, bottom_y, bottom_y + 5);
        if (labelled) {
          out_ += fmt::format(
              "<text x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n", px,
              bottom_y + 20, ink, xml_escaped(c_.labels[i]));
        }
      }
    } else {
      for (double v = x_axis_.lo; v <= x_axis_.hi + x_axis_.step * 1e-6; v += x_axis_.step) {
        const double px = x_of(v);
        out_ += fmt::format(
            "<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{0:.2f}\" y2=\"{2:.2f}\" "
            "stroke=\"#888888\"/>\n",
            px, bottom_y, bottom_y + 5);
        if (labelled) {
          out_ += fmt::format(
              "<text x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n", px,
              bottom_y + 20, ink, tick_text(v, x_axis_.step, 1));
        }
      }
    }
    if (labelled) {
      out_ += fmt::format(
          "<text x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n",
          left + plot_width() / 2, bottom_y + 44, ink, xml_escaped(c_.x_label));
    }
  }

  const chart& c_;
  int width_;
  int height_;
  bool categories_ = false;
  axis x_axis_{0, 1, 1};
  std::size_t panel_id_ = 0;
  std::string out_;
};

std::string lowered_extension(const std::string& path) {
  const auto dot = path.rfind('.');
  const auto slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    return "";
  }
  std::string e = path.substr(dot + 1);
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return e;
}

#ifdef ERLANGC_HAVE_RSVG
/// The few functions of librsvg, GLib and cairo a PNG needs, loaded when the first PNG is
/// drawn: the tool does not load those libraries (and their dozens of dependencies) for
/// the runs that draw none.
struct png_api {
  decltype(&rsvg_handle_new_from_data) new_from_data;
  decltype(&rsvg_handle_render_document) render_document;
  decltype(&g_object_unref) unref;
  decltype(&g_error_free) error_free;
  decltype(&cairo_image_surface_create) surface_create;
  decltype(&cairo_create) create;
  decltype(&cairo_destroy) destroy;
  decltype(&cairo_surface_destroy) surface_destroy;
  decltype(&cairo_surface_write_to_png_stream) write_png;
};

template <class F>
void resolve(void* library, const char* name, F& f) {
  f = reinterpret_cast<F>(::dlsym(library, name));  // NOLINT: the C API of dlsym
  if (f == nullptr) {
    throw io_error(fmt::format("cannot draw a PNG chart: librsvg lacks {}", name));
  }
}

const png_api& load_png_api() {
  static const png_api api = [] {
    void* library = ::dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      const char* reason = ::dlerror();
      throw io_error(fmt::format(
          "cannot draw a PNG chart: librsvg is not installed ({}; apt-get install librsvg2-2), "
          "an SVG chart needs nothing",
          reason != nullptr ? reason : "not found"));
    }
    png_api a{};
    resolve(library, "rsvg_handle_new_from_data", a.new_from_data);
    resolve(library, "rsvg_handle_render_document", a.render_document);
    resolve(library, "g_object_unref", a.unref);
    resolve(library, "g_error_free", a.error_free);
    resolve(library, "cairo_image_surface_create", a.surface_create);
    resolve(library, "cairo_create", a.create);
    resolve(library, "cairo_destroy", a.destroy);
    resolve(library, "cairo_surface_destroy", a.surface_destroy);
    resolve(library, "cairo_surface_write_to_png_stream", a.write_png);
    return a;
  }();
  return api;
}

cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string png_of(const std::string& svg, int width, int height) {
  const png_api& api = load_png_api();
  GError* error = nullptr;
  const auto failure = [&](const char* what) {
    const std::string reason = error != nullptr ? error->message : "unknown reason";
    if (error != nullptr) {
      api.error_free(error);
    }
    return io_error(fmt::format("cannot draw the chart ({}): {}", what, reason));
  };
  const std::unique_ptr<RsvgHandle, void (*)(void*)> handle(
      api.new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error),
      api.unref);
  if (!handle) {
    throw failure("reading the SVG");
  }
  const std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> surface(
      api.surface_create(CAIRO_FORMAT_ARGB32, width, height), api.surface_destroy);
  const std::unique_ptr<cairo_t, void (*)(cairo_t*)> cr(api.create(surface.get()), api.destroy);
  const RsvgRectangle viewport{0, 0, static_cast<double>(width), static_cast<double>(height)};
  if (api.render_document(handle.get(), cr.get(), &viewport, &error) == FALSE) {
    throw failure("drawing it");
  }
  std::string png;
  if (api.write_png(surface.get(), append_png, &png) != CAIRO_STATUS_SUCCESS) {
    throw io_error("cannot encode the chart as PNG");
  }
  return png;
}
#endif

int height_of(const chart& c, int width) {
  return static_cast<int>(heading_of(c, width).height +
                          static_cast<double>(c.panels.size()) * (panel_height + panel_gap) -
                          panel_gap + bottom);
}

/// The length of the valid UTF-8 sequence at the start of `t` (0: not valid there).
std::size_t utf8_length(std::string_view t) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(t[i]); };
  const unsigned char c = b(0);
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c < 0x80) {
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (t.size() < n || b(1) < lo || b(1) > hi) {
    return 0;
  }
  for (std::size_t i = 2; i < n; ++i) {
    if (b(i) < 0x80 || b(i) > 0xBF) {
      return 0;
    }
  }
  return n;
}

}  // namespace

std::string xml_escaped(std::string_view text) {
  static constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string s;
  s.reserve(text.size());
  while (!text.empty()) {
    const char ch = text.front();
    const std::size_t n = utf8_length(text);
    if (n == 0 || (n == 1 && static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n')) {
      // Invalid UTF-8, and the control characters XML 1.0 does not allow.
      s += replacement;
      text.remove_prefix(1);
      continue;
    }
    switch (ch) {
      case '&':
        s += "&amp;";
        break;
      case '<':
        s += "&lt;";
        break;
      case '>':
        s += "&gt;";
        break;
      case '"':
        s += "&quot;";
        break;
      case '\'':
        s += "&#39;";
        break;
      default:
        s += text.substr(0, n);
    }
    text.remove_prefix(n);
  }
  return s;
}

std::string render_svg(const chart& c, int width, int height) {
  return svg_writer(c, width, height > 0 ? height : height_of(c, width)).write();
}

void check_chart_path(const std::string& path, const char* option) {
  const std::string e = lowered_extension(path);
  if (e == "svg") {
    return;
  }
  if (e == "png") {
#ifdef ERLANGC_HAVE_RSVG
    return;
#else
    throw usage_error(fmt::format(
        "{} {}: this erlangc was built without librsvg and writes SVG charts only (.svg)", option,
        path));
#endif
  }
  throw usage_error(fmt::format("{} {}: a chart is an .svg or a .png file", option, path));
}

std::string render_chart_file(const chart& c, const std::string& path) {
  const int width = 960;
  const int height = height_of(c, width);
  std::string svg = render_svg(c, width, height);
  if (lowered_extension(path) == "svg") {
    return svg;
  }
#ifdef ERLANGC_HAVE_RSVG
  return png_of(svg, width, height);
#else
  check_chart_path(path, "--chart");
  return svg;
#endif
}

}  // namespace erlangc
