// Streaming reader of a forecast CSV: a header naming the columns start, calls and,
// optionally, aht (any order, case-insensitive), then one row per interval.
//
//   start,calls,aht
//   08:00,112,185
//   08:30,136,3:10
//
// - start: a label for the interval (a time such as 08:30 or 2024-03-04 08:30 lets the
//   tool infer and check the interval length); must not be empty, at most max_start_bytes
//   (the text output pads every row to the longest label).
// - calls: offered calls in the interval, a real number >= 0.
// - aht: the mean handling time, a duration > 0 (20s, 3m, 3:10, bare seconds); an empty
//   cell means "not given" (the caller may supply a default).
//
// - agents (optional): a roster, the agents on the phones in the interval (a whole number);
//   the plan then reports what they achieve instead of staffing.
// - date (optional): with start (or time), as spreadsheets split them: the interval's start
//   is "date start" (2024-03-04 08:30).
// Header names are compared without case, with '_' and '-' as blanks and a unit in
// parentheses dropped ("AHT (s)"). forecast_options::columns maps other names (--columns
// calls=Offered); common names of other tools are read too, with one note: interval,
// interval start, period, timestamp (start); day (date); offered, offered calls, contacts
// (calls); handle time, handling time, average handle time (aht). Other columns are
// ignored (the same note names them).
//
// Accepted: a UTF-8 byte-order mark, CRLF or LF line ends, ',' or (when the header has no
// ',') ';' or a tab as separator, RFC 4180 quoted fields (a line end inside quotes is part
// of the field), blanks around fields, blank lines (skipped, also before the header).
// Numbers as spreadsheets export them: a decimal comma in a ';' file or with
// forecast_options::decimal_comma, then '.' between thousands (1.234,5); otherwise a
// decimal point and ',' between thousands, in a ',' file quoted ("1,234.5"). Between
// thousands also a blank, a no-break space (U+00A0, U+202F) or an apostrophe (' or U+2019),
// in groups of three digits only. Refused with a csv_error naming the line and the column:
// anything else, and lines longer than max_line_bytes. Rows are read one at a time: memory
// does not grow with the file, nor with a line.
#ifndef ERLANGC_FORECAST_CSV_HPP
#define ERLANGC_FORECAST_CSV_HPP

#include "units.hpp"

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace erlangc {

/// How a forecast is read: the input options plan and simulate share.
struct forecast_options {
  bool strict = false;         ///< a gap between interval starts is an error, not a warning
  bool decimal_comma = false;  ///< numbers use ',' as the decimal mark, in any file
  /// --columns: erlangc's column (start, date, calls, aht, agents) and the forecast's
  /// header name that holds it.
  std::vector<std::pair<std::string, std::string>> columns;
};

struct forecast_row {
  std::size_t line = 0;       ///< 1-based line number in the input
  std::string start;          ///< the interval's label, as written (unquoted, trimmed)
  double calls = 0;           ///< >= 0
  std::optional<double> aht;  ///< seconds, > 0; empty when the file has no aht or the cell is empty
  std::optional<double> agents;  ///< a roster: agents on the phones (whole, >= 0); else empty
};

class forecast_reader {
 public:
  /// The longest line accepted (a forecast line is a few dozen bytes).
  static constexpr std::size_t max_line_bytes = std::size_t{1} << 20;
  /// The longest interval start accepted.
  static constexpr std::size_t max_start_bytes = 256;

  /// Reads and checks the header. `source` names the input in messages.
  forecast_reader(std::istream& in, std::string source, forecast_options options = {});

  /// Reads the next row into `row`; false at the end of the input. Throws csv_error.
  bool next(forecast_row& row);

  [[nodiscard]] bool has_aht_column() const noexcept { return aht_ != npos; }
  [[nodiscard]] bool has_agents_column() const noexcept { return agents_ != npos; }
  /// 1-based column number of agents (0 when absent).
  [[nodiscard]] std::size_t agents_column() const noexcept {
    return agents_ == npos ? 0 : agents_ + 1;
  }
  /// 1-based column number of aht (0 when absent).
  [[nodiscard]] std::size_t aht_column() const noexcept { return aht_ == npos ? 0 : aht_ + 1; }
  /// 1-based column numbers of start and calls.
  [[nodiscard]] std::size_t start_column() const noexcept { return start_ + 1; }
  [[nodiscard]] std::size_t calls_column() const noexcept { return calls_ + 1; }
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  [[nodiscard]] const forecast_options& options() const noexcept { return options_; }
  /// Bytes of the input read so far (line ends included).
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return bytes_read_; }

  /// Throws a csv_error for `line` and 1-based `column` (0: the whole line).
  [[noreturn]] void fail(std::size_t line, std::size_t column, std::string_view message) const;

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  bool read_line();
  void split_fields();
  void assign_columns(std::size_t header_line);
  /// The member holding the column number of one of erlangc's columns; null for none.
  std::size_t* slot_of(std::string_view column);
  [[nodiscard]] std::string number_text(std::size_t column) const;
  [[nodiscard]] std::string as_written(const std::string& message, std::size_t column) const;

  std::istream& in_;
  std::string source_;
  forecast_options options_;
  std::string line_;
  std::size_t line_number_ = 0;
  std::uint64_t bytes_read_ = 0;
  char separator_ = ',';
  std::vector<std::string> names_;
  std::vector<std::string> fields_;
  std::size_t field_count_ = 0;
  std::size_t start_ = npos;
  std::size_t calls_ = npos;
  std::size_t aht_ = npos;
  std::size_t agents_ = npos;
  std::size_t date_ = npos;  ///< a date column: the start is "date start"
};

/// Seconds from the interval start `first` to `second` when both are times of the same form
/// (both with a date, or both times of day; a time of day before the first is the next
/// day, past midnight); nothing otherwise. Infers the interval length from the first two
/// rows.
std::optional<double> start_gap(std::string_view first, std::string_view second);

/// The checks of each interval's start against the previous row's, for every command that
/// reads a forecast (plan, simulate), as the rows arrive. When both are times: a start
/// before the previous one (the rows go backwards: 08:00, 09:00, 08:30), the same start
/// twice, or a start closer than one interval (overlapping intervals, or the wrong
/// --interval) is a csv_error naming both lines; a gap within a day is a warning naming the
/// missing interval ("no interval from 09:00 to 10:00"), a usage_error with
/// forecast_options::strict. A time of day earlier than the previous one is the next day
/// only when it is not after the first start (20:00 then 08:00); a night between two days
/// is no gap.
class start_checker {
 public:
  start_checker(const forecast_reader& reader, double interval);

  void check(std::size_t line, const std::string& start);

 private:
  const forecast_reader& reader_;
  double interval_;
  std::optional<clock_time> first_;  ///< the first start that is a time
  std::optional<clock_time> previous_;
  std::string previous_label_;
  std::size_t previous_line_ = 0;
  std::size_t gaps_ = 0;
};

}  // namespace erlangc

#endif  // ERLANGC_FORECAST_CSV_HPP
