// Output in three formats. text: aligned tables with a units line, for people; csv: one
// header line of keys, then rows, numbers in base units (fractions, seconds, erlangs) at
// full precision; json: one object per result or an array of objects, the same keys and
// values as csv. Output is built in a string and written only once a command has
// succeeded, so a failing command leaves stdout empty.
#ifndef ERLANGC_OUTPUT_HPP
#define ERLANGC_OUTPUT_HPP

#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace erlangc {

enum class output_format { text, csv, json };

/// "text", "csv" or "json"; throws usage_error otherwise.
output_format parse_format(std::string_view name);

/// How a number is shown in text output (csv and json always carry the full value).
enum class value_kind {
  text,           ///< a string
  count,          ///< a whole number: 14
  calls,          ///< a real count: 112.5
  erlangs,        ///< 3 decimals: 10.000
  seconds,        ///< 1 decimal: 7.8
  hours,          ///< 2 decimals: 123.25
  percent,        ///< a fraction shown as a percentage with 2 decimals: 88.84
  small_percent,  ///< as percent, in scientific notation below 0.01 %: 1.23e-07
  number,         ///< 3 decimals: 0.609
};

/// A value: a number (possibly infinite), a string or a yes/no flag.
using cell = std::variant<double, std::string, bool>;

/// The text form of a value.
std::string text_value(const cell& value, value_kind kind);

/// The text form of a number (no unit).
std::string text_number(double value, value_kind kind);

/// The csv form of a number: the shortest text that reads back as the same double
/// ("inf" when infinite, "nan" when undefined; csv cells leave undefined values empty).
std::string plain_number(double value);

/// Columns `text` takes on a terminal: UTF-8 code points, East Asian wide ones 2,
/// combining marks 0, an invalid byte 1.
std::size_t display_width(std::string_view text);

/// `text` as a terminal may show it: C0 controls, DEL and bytes that are not UTF-8 as
/// \xNN; C1 controls (U+0080-U+009F) and the bidirectional controls that reorder the text
/// (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) as \uNNNN. A label cannot drive
/// the terminal nor make a line read other than it is.
std::string escape_controls(std::string_view text);

/// A csv field, starting with ' when it starts with = + - @, a tab or a carriage return
/// (a spreadsheet formula), quoted when it holds a separator, a quote, a line end or outer
/// blanks.
std::string csv_field(std::string_view text);

/// A column of a table.
struct column {
  std::string key;     ///< csv header and json key
  std::string header;  ///< text heading
  std::string unit;    ///< text unit line
  value_kind kind;
};

/// Writes a table row by row. For text, widths must be fitted to every value first
/// (fit()), then begin(), row()..., end().
class table_writer {
 public:
  table_writer(output_format format, std::vector<column> columns);

  /// Widens text columns to hold these values.
  void fit(const std::vector<cell>& values);
  /// Widens column i to hold `text`.
  void fit_text(std::size_t i, std::string_view text);

  void begin(std::string& out);
  void row(std::string& out, const std::vector<cell>& values);

  /// A row kept to be written later (in a spool), in fewer bytes than row() writes: text
  /// keeps each cell's text ended by '\0' and the row by '\n', and widens the columns to
  /// hold them; csv and json keep the row as row() writes it.
  void keep(std::string& out, const std::vector<cell>& values);
  /// Writes the rows keep() kept, given in order in chunks of any size (a row may span two).
  void write_kept(std::string& out, std::string_view chunk);
  /// A text rule line (text format only): separates totals from rows.
  void rule(std::string& out) const;
  void end(std::string& out) const;

  [[nodiscard]] const std::vector<column>& columns() const noexcept { return columns_; }

 private:
  [[nodiscard]] std::string text_of(std::size_t i, const cell& value) const;
  /// Chooses, once every value is fitted, the unit of each seconds column: ms when every
  /// value is below a second (and one is not 0), so that the digits show; kept rows keep
  /// their seconds.
  void choose_units();
  void text_row(std::string& out, const std::vector<std::string_view>& texts) const;

  output_format format_;
  std::string kept_tail_;  ///< the start of a kept text row whose end is in the next chunk
  std::vector<column> columns_;
  std::vector<std::size_t> widths_;
  std::vector<std::size_t> milli_widths_;  ///< widths with the seconds columns in ms
  std::vector<double> largest_seconds_;    ///< per seconds column, the largest |value| fitted
  std::vector<bool> in_ms_;                ///< a seconds column shown in ms
  bool units_chosen_ = false;
  std::size_t rows_ = 0;
};

/// A single result: one line per field in text, one csv row, one json object.
struct field {
  std::string key;
  std::string label;  ///< text label
  cell value;
  value_kind kind;
  std::string unit;     ///< text unit
  std::string note;     ///< text only, after the unit
  bool in_text = true;  ///< false: csv and json only (the text says it elsewhere)
};

/// "cannot write the output: No space left on device" for an errno value (0: no reason).
std::string describe_write_failure(int error);

/// Writes `text` to `out`; throws io_error with the system's reason when the stream fails.
void write_all(std::ostream& out, const std::string& text);

void write_record(std::string& out, output_format format, std::string_view title,
                  const std::vector<field>& fields);

}  // namespace erlangc

#endif  // ERLANGC_OUTPUT_HPP
