#include "output.hpp"

#include "errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <stdexcept>

namespace erlangc {
namespace {

/// Invalid UTF-8 in a string (a label from a forecast in another encoding) is written as
/// U+FFFD: the json stays valid.
constexpr auto utf8_replaced = nlohmann::json::error_handler_t::replace;

bool is_numeric(value_kind kind) { return kind != value_kind::text; }

nlohmann::ordered_json json_value(const cell& value, value_kind kind) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    return *s;
  }
  if (const auto* b = std::get_if<bool>(&value)) {
    return *b;
  }
  const double v = std::get<double>(value);
  if (!std::isfinite(v)) {
    return nullptr;
  }
  if (kind == value_kind::count && std::fabs(v) < 9e15) {
    return static_cast<std::int64_t>(v);
  }
  return v;
}

/// A json value written directly (rows of long tables): numbers as nlohmann writes them
/// (shortest round trip, "10.0" for an integral non-count, null when not finite), strings
/// escaped by nlohmann.
void append_json_value(std::string& out, const cell& value, value_kind kind) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    out += nlohmann::json(*s).dump(-1, ' ', false, utf8_replaced);
    return;
  }
  if (const auto* b = std::get_if<bool>(&value)) {
    out += *b ? "true" : "false";
    return;
  }
  const double v = std::get<double>(value);
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (kind == value_kind::count && std::fabs(v) < 9e15) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<std::int64_t>(v));
    return;
  }
  const std::size_t start = out.size();
  fmt::format_to(std::back_inserter(out), "{}", v);
  if (out.find_first_of(".en", start) == std::string::npos) {
    out += ".0";
  }
}

std::string csv_value(const cell& value) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    return csv_field(*s);
  }
  if (const auto* b = std::get_if<bool>(&value)) {
    return *b ? "true" : "false";
  }
  const double v = std::get<double>(value);
  return std::isnan(v) ? std::string() : plain_number(v);
}

void pad_left(std::string& out, std::string_view text, std::size_t width) {
  const std::size_t w = display_width(text);
  out.append(width > w ? width - w : 0, ' ');
  out.append(text);
}

void pad_right(std::string& out, std::string_view text, std::size_t width) {
  const std::size_t w = display_width(text);
  out.append(text);
  out.append(width > w ? width - w : 0, ' ');
}

/// East Asian wide and emoji code points take two columns of a terminal.
bool wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

/// Combining marks add no column.
bool combining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

/// The UTF-8 sequence at text[i]: its code point and length; length 0 when the byte starts
/// no valid sequence (a stray or overlong byte, a surrogate, beyond U+10FFFF).
struct code_point {
  char32_t value;
  std::size_t length;
};
code_point decode(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  const std::size_t n = b < 0x80                ? 1
                        : b >= 0xC2 && b < 0xE0 ? 2
                        : b >= 0xE0 && b < 0xF0 ? 3
                        : b >= 0xF0 && b < 0xF5 ? 4
                                                : 0;
  if (n == 0 || i + n > text.size()) {
    return {b, 0};
  }
  char32_t c = n == 1 ? b : b & (0x7FU >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto t = static_cast<unsigned char>(text[i + k]);
    if ((t & 0xC0) != 0x80) {
      return {b, 0};
    }
    c = (c << 6) | (t & 0x3FU);
  }
  const bool overlong = (n == 3 && c < 0x800) || (n == 4 && c < 0x10000);
  if (overlong || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    return {b, 0};
  }
  return {c, n};
}

/// Code points that drive a terminal or reorder what it shows: C0 and C1 controls, DEL,
/// and the bidirectional marks, embeddings, overrides and isolates.
bool hostile(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const code_point c = decode(text, i);
    if (c.length == 0) {
      width += 1;  // an invalid byte shows as one replacement character
      i += 1;
      continue;
    }
    width += combining(c.value) ? 0 : wide(c.value) ? 2 : 1;
    i += c.length;
  }
  return width;
}

std::string escape_controls(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const code_point c = decode(text, i);
    if (c.length == 0 || (c.length == 1 && hostile(c.value))) {
      s += fmt::format("\\x{:02X}", static_cast<unsigned>(c.value));  // a byte
      i += 1;
    } else if (hostile(c.value)) {
      s += fmt::format("\\u{:04X}", static_cast<unsigned>(c.value));  // C1, bidi
      i += c.length;
    } else {
      s.append(text.substr(i, c.length));
      i += c.length;
    }
  }
  return s;
}

output_format parse_format(std::string_view name) {
  if (name == "text") {
    return output_format::text;
  }
  if (name == "csv") {
    return output_format::csv;
  }
  if (name == "json") {
    return output_format::json;
  }
  throw usage_error(fmt::format("unknown format '{}': use text, csv or json", name));
}

std::string text_number(double value, value_kind kind) {
  if (std::isnan(value)) {
    return "n/a";
  }
  if (std::isinf(value)) {
    return value > 0 ? "inf" : "-inf";
  }
  switch (kind) {
    case value_kind::count:
      return fmt::format("{:.0f}", value);
    case value_kind::calls:
      return value == std::floor(value) && std::fabs(value) < 1e15 ? fmt::format("{:.0f}", value)
                                                                   : fmt::format("{:.1f}", value);
    case value_kind::erlangs:
    case value_kind::number:
      return fmt::format("{:.3f}", value);
    case value_kind::seconds:
      // Below a second, three significant digits: 35 ms is 0.0350, not 0.0.
      return value != 0 && std::fabs(value) < 1 ? fmt::format("{:.3g}", value)
                                                : fmt::format("{:.1f}", value);
    case value_kind::hours:
      return fmt::format("{:.2f}", value);
    case value_kind::percent:
      return fmt::format("{:.2f}", 100 * value);
    case value_kind::small_percent:
      if (value != 0 && 100 * std::fabs(value) < 0.01) {
        return fmt::format("{:.2e}", 100 * value);
      }
      return fmt::format("{:.2f}", 100 * value);
    case value_kind::text:
      break;
  }
  return fmt::format("{}", value);
}

std::string plain_number(double value) {
  if (std::isnan(value)) {
    return "nan";
  }
  if (std::isinf(value)) {
    return value > 0 ? "inf" : "-inf";
  }
  return fmt::format("{}", value);
}

std::string csv_field(std::string_view original) {
  // A spreadsheet runs a cell starting with = + - @ as a formula, and one starting with a
  // tab or a carriage return may be taken for one: a leading ' keeps it text.
  const bool formula = !original.empty() && std::string_view("=+-@\t\r").find(original.front()) !=
                                                std::string_view::npos;
  std::string neutral;
  if (formula) {
    neutral.push_back('\'');
    neutral.append(original);
  }
  const std::string_view text = formula ? std::string_view(neutral) : original;
  const bool quote = text.find_first_of(",\"\r\n;\t") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    return std::string(text);
  }
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
  return out;
}

table_writer::table_writer(output_format format, std::vector<column> columns)
    : format_(format),
      columns_(std::move(columns)),
      widths_(columns_.size()),
      milli_widths_(columns_.size()),
      largest_seconds_(columns_.size(), 0.0),
      in_ms_(columns_.size(), false) {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    widths_[i] = std::max(display_width(columns_[i].header), display_width(columns_[i].unit));
    milli_widths_[i] = std::max(display_width(columns_[i].header), display_width("ms"));
  }
}

std::string text_value(const cell& value, value_kind kind) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    return escape_controls(*s);
  }
  if (const auto* b = std::get_if<bool>(&value)) {
    return *b ? "yes" : "no";
  }
  return text_number(std::get<double>(value), kind);
}

std::string table_writer::text_of(std::size_t i, const cell& value) const {
  if (in_ms_[i]) {
    return text_number(1e3 * std::get<double>(value), value_kind::seconds);
  }
  return text_value(value, columns_[i].kind);
}

void table_writer::fit_text(std::size_t i, std::string_view text) {
  widths_[i] = std::max(widths_[i], display_width(text));
  milli_widths_[i] = std::max(milli_widths_[i], display_width(text));
}

void table_writer::fit(const std::vector<cell>& values) {
  for (std::size_t i = 0; i < values.size() && i < columns_.size(); ++i) {
    const auto* v = std::get_if<double>(&values[i]);
    if (columns_[i].kind == value_kind::seconds && columns_[i].unit == "s" && v != nullptr) {
      largest_seconds_[i] =
          std::isnan(*v) ? largest_seconds_[i] : std::max(largest_seconds_[i], std::fabs(*v));
      widths_[i] = std::max(widths_[i], display_width(text_value(values[i], columns_[i].kind)));
      milli_widths_[i] =
          std::max(milli_widths_[i], display_width(text_number(1e3 * *v, value_kind::seconds)));
    } else {
      fit_text(i, text_of(i, values[i]));
    }
  }
}

void table_writer::choose_units() {
  if (units_chosen_) {
    return;
  }
  units_chosen_ = true;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].kind == value_kind::seconds && columns_[i].unit == "s" &&
        largest_seconds_[i] > 0 && largest_seconds_[i] < 1) {
      in_ms_[i] = true;
      columns_[i].unit = "ms";
      widths_[i] = milli_widths_[i];
    }
  }
}

void table_writer::begin(std::string& out) {
  if (format_ == output_format::text) {
    choose_units();
  }
  switch (format_) {
    case output_format::text: {
      for (int line = 0; line < 2; ++line) {
        std::string text;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
          const std::string& s = line == 0 ? columns_[i].header : columns_[i].unit;
          if (i > 0) {
            text += "  ";
          }
          if (is_numeric(columns_[i].kind)) {
            pad_left(text, s, widths_[i]);
          } else {
            pad_right(text, s, widths_[i]);
          }
        }
        while (!text.empty() && text.back() == ' ') {
          text.pop_back();
        }
        out += text;
        out += '\n';
      }
      rule(out);
      break;
    }
    case output_format::csv:
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (i > 0) {
          out += ',';
        }
        out += columns_[i].key;
      }
      out += '\n';
      break;
    case output_format::json:
      out += '[';
      break;
  }
}

void table_writer::rule(std::string& out) const {
  if (format_ != output_format::text) {
    return;
  }
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) {
      out += "  ";
    }
    out.append(widths_[i], '-');
  }
  out += '\n';
}

void table_writer::text_row(std::string& out, const std::vector<std::string_view>& texts) const {
  const std::size_t start = out.size();
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) {
      out += "  ";
    }
    const std::string_view s = i < texts.size() ? texts[i] : std::string_view();
    if (is_numeric(columns_[i].kind)) {
      pad_left(out, s, widths_[i]);
    } else {
      pad_right(out, s, widths_[i]);
    }
  }
  while (out.size() > start && out.back() == ' ') {
    out.pop_back();
  }
  out += '\n';
}

void table_writer::keep(std::string& out, const std::vector<cell>& values) {
  if (format_ != output_format::text) {
    row(out, values);
    return;
  }
  units_chosen_ = true;  // the kept texts are final: their columns stay in seconds
  for (std::size_t i = 0; i < values.size() && i < columns_.size(); ++i) {
    const std::string s = text_of(i, values[i]);  // escaped: holds no '\0' nor '\n'
    fit_text(i, s);
    out += s;
    out += '\0';
  }
  out += '\n';
}

void table_writer::write_kept(std::string& out, std::string_view chunk) {
  if (format_ != output_format::text) {
    out.append(chunk);
    return;
  }
  std::vector<std::string_view> texts;
  const auto write_one = [&](std::string_view kept) {
    texts.clear();
    for (std::size_t pos = 0; pos < kept.size();) {
      const std::size_t end = kept.find('\0', pos);
      texts.push_back(kept.substr(pos, end - pos));
      pos = end + 1;
    }
    text_row(out, texts);
  };
  while (!chunk.empty()) {
    const std::size_t end = chunk.find('\n');
    if (end == std::string_view::npos) {
      kept_tail_.append(chunk);
      return;
    }
    if (kept_tail_.empty()) {
      write_one(chunk.substr(0, end));
    } else {
      kept_tail_.append(chunk.substr(0, end));
      write_one(kept_tail_);
      kept_tail_.clear();
    }
    chunk.remove_prefix(end + 1);
  }
}

void table_writer::row(std::string& out, const std::vector<cell>& values) {
  switch (format_) {
    case output_format::text: {
      std::vector<std::string> texts;
      texts.reserve(values.size());
      for (std::size_t i = 0; i < values.size() && i < columns_.size(); ++i) {
        texts.push_back(text_of(i, values[i]));
      }
      text_row(out, std::vector<std::string_view>(texts.begin(), texts.end()));
      break;
    }
    case output_format::csv:
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (i > 0) {
          out += ',';
        }
        if (i < values.size()) {
          out += csv_value(values[i]);
        }
      }
      out += '\n';
      break;
    case output_format::json: {
      out += rows_ == 0 ? "\n  {" : ",\n  {";
      for (std::size_t i = 0; i < columns_.size() && i < values.size(); ++i) {
        if (i > 0) {
          out += ',';
        }
        out += '"';
        out += columns_[i].key;  // keys are plain snake_case: nothing to escape
        out += "\":";
        append_json_value(out, values[i], columns_[i].kind);
      }
      out += '}';
      break;
    }
  }
  ++rows_;
}

void table_writer::end(std::string& out) const {
  if (format_ == output_format::json) {
    out += rows_ == 0 ? "]\n" : "\n]\n";
  }
}

std::string describe_write_failure(int error) {
  return error != 0 ? fmt::format("cannot write the output: {}", std::strerror(error))
                    : std::string("cannot write the output");
}

void write_all(std::ostream& out, const std::string& text) {
  errno = 0;
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) {
    throw io_error(describe_write_failure(errno));
  }
}

void write_record(std::string& out, output_format format, std::string_view title,
                  const std::vector<field>& fields) {
  switch (format) {
    case output_format::text: {
      std::size_t label_width = 0;
      std::size_t value_width = 0;
      std::vector<std::string> texts;
      std::vector<field> shown;
      std::copy_if(fields.begin(), fields.end(), std::back_inserter(shown),
                   [](const field& f) { return f.in_text; });
      for (field& f : shown) {
        // A time below a second in ms (35.0 ms, not 0.0350 s); below a millisecond in us.
        const auto* v = std::get_if<double>(&f.value);
        if (f.kind == value_kind::seconds && f.unit == "s" && v != nullptr && *v != 0 &&
            std::fabs(*v) < 1) {
          const bool micro = std::fabs(*v) < 1e-3;
          f.value = *v * (micro ? 1e6 : 1e3);
          f.unit = micro ? "us" : "ms";
        }
        texts.push_back(text_value(f.value, f.kind));
        label_width = std::max(label_width, display_width(f.label));
        value_width = std::max(value_width, display_width(texts.back()));
      }
      if (!title.empty()) {
        out += title;
        out += '\n';
      }
      for (std::size_t i = 0; i < shown.size(); ++i) {
        std::string line = "  ";
        pad_right(line, shown[i].label, label_width);
        line += "  ";
        pad_left(line, texts[i], value_width);
        if (!shown[i].unit.empty()) {
          line += ' ';
          line += shown[i].unit;
        }
        if (!shown[i].note.empty()) {
          line += "  ";
          line += shown[i].note;
        }
        out += line;
        out += '\n';
      }
      break;
    }
    case output_format::csv:
      for (std::size_t i = 0; i < fields.size(); ++i) {
        out += i > 0 ? "," : "";
        out += fields[i].key;
      }
      out += '\n';
      for (std::size_t i = 0; i < fields.size(); ++i) {
        out += i > 0 ? "," : "";
        out += csv_value(fields[i].value);
      }
      out += '\n';
      break;
    case output_format::json: {
      nlohmann::ordered_json object = nlohmann::ordered_json::object();
      for (const field& f : fields) {
        object[f.key] = json_value(f.value, f.kind);
      }
      out += object.dump(2, ' ', false, utf8_replaced);
      out += '\n';
      break;
    }
  }
}

}  // namespace erlangc
