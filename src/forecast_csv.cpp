#include "forecast_csv.hpp"

#include "errors.hpp"
#include "progress.hpp"
#include "units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace erlangc {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string lowercase(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return s;
}

/// A header name as compared: lower case, '_' and '-' as blanks, runs of blanks as one, a
/// unit in parentheses at the end dropped ("AHT (s)", "Interval_Start").
std::string column_key(std::string_view name) {
  std::string key;
  for (const char c : name) {
    const char k = c == '_' || c == '-' ? ' ' : c;
    if (k != ' ' || (!key.empty() && key.back() != ' ')) {
      key += k;
    }
  }
  if (const auto open = key.rfind('('); open != std::string::npos && key.back() == ')') {
    key.erase(open);
  }
  while (!key.empty() && key.back() == ' ') {
    key.pop_back();
  }
  return lowercase(std::move(key));
}

/// The column a header name that spreadsheets and workforce tools use stands for, or "".
std::string_view column_alias(std::string_view key) {
  static constexpr std::pair<std::string_view, std::string_view> aliases[] = {
      {"interval", "start"},
      {"interval start", "start"},
      {"start time", "start"},
      {"period", "start"},
      {"timestamp", "start"},
      {"datetime", "start"},
      {"date time", "start"},
      {"day", "date"},
      {"offered", "calls"},
      {"offered calls", "calls"},
      {"calls offered", "calls"},
      {"contacts", "calls"},
      {"contacts offered", "calls"},
      {"handle time", "aht"},
      {"handling time", "aht"},
      {"average handle time", "aht"},
      {"average handling time", "aht"},
      {"avg handle time", "aht"},
      {"mean handling time", "aht"},
  };
  for (const auto& [alias, column] : aliases) {
    if (alias == key) {
      return column;
    }
  }
  return {};
}

/// True when `text` is not a number (a name); false for a number.
bool parse_number_or_empty(std::string_view text) {
  try {
    parse_number(text);
    return false;
  } catch (const usage_error&) {
    return true;
  }
}

}  // namespace

forecast_reader::forecast_reader(std::istream& in, std::string source, forecast_options options)
    : in_(in), source_(std::move(source)), options_(std::move(options)) {
  bool bom_only = false;
  while (true) {
    if (!read_line()) {
      fail(line_number_ + 1, 0,
           bom_only ? "the input holds only a UTF-8 byte-order mark: expected a header line "
                      "such as start,calls,aht"
                    : "the input is empty: expected a header line such as start,calls,aht");
    }
    if (line_number_ == 1 && line_.size() >= 2 &&
        ((line_[0] == '\xFF' && line_[1] == '\xFE') ||
         (line_[0] == '\xFE' && line_[1] == '\xFF'))) {
      fail(1, 0, "the file is UTF-16 encoded: save it as UTF-8 CSV");
    }
    if (line_number_ == 1 && line_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
      line_.erase(0, 3);
      bom_only = line_.empty();
    }
    if (!std::all_of(line_.begin(), line_.end(), is_blank)) {
      break;  // blank lines before the header are skipped
    }
  }
  const std::size_t header_line = line_number_;
  if (line_.find(',') == std::string::npos) {
    if (line_.find(';') != std::string::npos) {
      separator_ = ';';
    } else if (line_.find('\t') != std::string::npos) {
      separator_ = '\t';
    }
  }
  split_fields();
  assign_columns(header_line);
}

std::size_t* forecast_reader::slot_of(std::string_view column) {
  const std::pair<std::string_view, std::size_t*> slots[] = {
      {"start", &start_}, {"time", &start_}, {"date", &date_},
      {"calls", &calls_}, {"aht", &aht_},    {"agents", &agents_}};
  for (const auto& [name, slot] : slots) {
    if (name == column) {
      return slot;
    }
  }
  return nullptr;
}

void forecast_reader::assign_columns(std::size_t header_line) {
  names_.assign(field_count_, std::string());
  std::vector<std::string> keys(field_count_);  // header names compared: lower case, ...
  for (std::size_t i = 0; i < field_count_; ++i) {
    keys[i] = column_key(fields_[i]);
    if (fields_[i].empty()) {
      fail(header_line, i + 1,
           "empty column name in the header: expected start, calls and optionally aht");
    }
    if (parse_clock(fields_[i]) || !parse_number_or_empty(fields_[i])) {
      fail(header_line, i + 1,
           fmt::format("'{}' is not a column name: the first line must be a header naming the "
                       "columns start, calls and optionally aht",
                       shown(fields_[i])));
    }
  }
  const auto take = [&](std::size_t i, std::string_view column) {
    std::size_t* slot = slot_of(column);
    if (*slot != npos) {
      fail(header_line, i + 1,
           fmt::format("column '{}' appears twice in the header",
                       slot == &start_ ? "start" : column));
    }
    *slot = i;
    names_[i] = keys[i] == column ? std::string(column)
                                  : fmt::format("{} as {}", shown(fields_[i]), column);
  };
  // --columns first, then erlangc's own names, then the names spreadsheets use.
  for (const auto& [column, header] : options_.columns) {
    const auto at = std::find(keys.begin(), keys.end(), column_key(header));
    if (at == keys.end()) {
      fail(header_line, 0,
           fmt::format("--columns {}={}: the header has no column '{}'", column, shown(header),
                       shown(header)));
    }
    take(static_cast<std::size_t>(at - keys.begin()), column);
  }
  const auto mapped = [&](std::string_view key) {
    return std::any_of(options_.columns.begin(), options_.columns.end(),
                       [&](const auto& c) { return slot_of(c.first) == slot_of(key); });
  };
  for (const bool time : {false, true}) {  // "time" is the start when there is no "start"
    for (std::size_t i = 0; i < field_count_; ++i) {
      if (names_[i].empty() && slot_of(keys[i]) != nullptr && (keys[i] == "time") == time &&
          (!time || start_ == npos) && !mapped(keys[i])) {
        take(i, keys[i]);
      }
    }
  }
  std::string notes;
  for (std::size_t i = 0; i < field_count_; ++i) {
    const std::string_view alias = names_[i].empty() ? column_alias(keys[i]) : "";
    if (!alias.empty() && *slot_of(alias) == npos) {
      take(i, alias);
      notes +=
          fmt::format("{}'{}' as {}", notes.empty() ? "reading " : ", ", shown(fields_[i]), alias);
    }
  }
  if (start_ == npos) {
    fail(header_line, 0,
         "the header has no 'start' column (expected start, calls and optionally aht)");
  }
  if (calls_ == npos) {
    fail(header_line, 0,
         "the header has no 'calls' column (expected start, calls and optionally aht)");
  }
  std::string ignored;
  for (std::size_t i = 0; i < field_count_; ++i) {
    if (names_[i].empty()) {
      ignored += fmt::format("{}'{}' (column {})", ignored.empty() ? "ignoring " : ", ",
                             shown(fields_[i]), i + 1);
      names_[i] = keys[i];
    }
  }
  if (!notes.empty() || !ignored.empty()) {
    warn(fmt::format("{}: line {}: {}{}{}: erlangc reads start, calls, aht and agents", source_,
                     header_line, notes, notes.empty() || ignored.empty() ? "" : "; ", ignored));
  }
}

void forecast_reader::fail(std::size_t line, std::size_t column, std::string_view message) const {
  if (column == 0) {
    throw csv_error(fmt::format("{}: line {}: {}", source_, line, message), line, 0);
  }
  const std::string name = column <= names_.size() ? fmt::format(" ({})", names_[column - 1]) : "";
  throw csv_error(fmt::format("{}: line {}, column {}{}: {}", source_, line, column, name, message),
                  line, column);
}

bool forecast_reader::read_line() {
  // std::getline would hold a line of any length in memory: read it in chunks and stop at
  // max_line_bytes. istream::getline sets failbit when the chunk fills before a line end.
  line_.clear();
  std::array<char, 4096> chunk{};
  bool any = false;
  while (true) {
    errno = 0;
    in_.getline(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const int error = errno;
    const auto count = static_cast<std::size_t>(in_.gcount());
    bytes_read_ += count;
    if (in_.bad()) {
      throw io_error(fmt::format("{}: cannot read the input after line {}: {}", source_,
                                 line_number_, error != 0 ? std::strerror(error) : "read error"));
    }
    const bool chunk_full = in_.fail() && !in_.eof() && count + 1 == chunk.size();
    const bool line_end = !in_.fail() && !in_.eof();  // the '\n' was read and counted
    line_.append(chunk.data(), line_end ? count - 1 : count);
    any = any || count > 0;
    if (line_.size() > max_line_bytes) {
      fail(line_number_ + 1, 0,
           fmt::format("the line is longer than {} bytes: not a forecast CSV", max_line_bytes));
    }
    if (!chunk_full) {
      break;
    }
    in_.clear();
  }
  if (!any) {
    return false;
  }
  ++line_number_;
  if (!line_.empty() && line_.back() == '\r') {
    line_.pop_back();
  }
  return true;
}

void forecast_reader::split_fields() {
  field_count_ = 0;
  const std::size_t first_line = line_number_;
  std::string_view s = line_;
  std::size_t pos = 0;
  while (true) {
    if (field_count_ == fields_.size()) {
      fields_.emplace_back();
    }
    std::string& field = fields_[field_count_++];
    field.clear();
    while (pos < s.size() && is_blank(s[pos]) && s[pos] != separator_) {
      ++pos;
    }
    if (pos < s.size() && s[pos] == '"') {
      ++pos;
      while (true) {
        if (pos >= s.size()) {
          // A line end inside quotes belongs to the field: the record goes on.
          std::string record = std::move(line_);
          if (!read_line()) {
            fail(first_line, field_count_,
                 "unterminated quoted field (a quote opens but never closes)");
          }
          record += '\n';
          record += line_;
          line_ = std::move(record);
          if (line_.size() > max_line_bytes) {
            fail(first_line, 0, fmt::format("the record is longer than {} bytes", max_line_bytes));
          }
          s = line_;
          continue;
        }
        if (s[pos] == '"') {
          if (pos + 1 < s.size() && s[pos + 1] == '"') {
            field.push_back('"');
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        field.push_back(s[pos++]);
      }
      while (pos < s.size() && is_blank(s[pos]) && s[pos] != separator_) {
        ++pos;
      }
      if (pos < s.size() && s[pos] != separator_) {
        fail(line_number_, field_count_, "unexpected text after a closing quote");
      }
    } else {
      const std::size_t end = std::min(s.find(separator_, pos), s.size());
      std::size_t last = end;
      while (last > pos && is_blank(s[last - 1])) {
        --last;
      }
      if (s.substr(pos, last - pos).find('"') != std::string_view::npos) {
        fail(line_number_, field_count_, "a quote inside an unquoted field");
      }
      field.assign(s.substr(pos, last - pos));
      pos = end;
    }
    if (pos >= s.size()) {
      return;
    }
    ++pos;  // the separator
  }
}

bool forecast_reader::next(forecast_row& row) {
  while (true) {
    if (!read_line()) {
      return false;
    }
    if (!std::all_of(line_.begin(), line_.end(), is_blank)) {
      break;
    }
  }
  const std::size_t first_line = line_number_;
  split_fields();
  const std::size_t expected = names_.size();
  if (field_count_ < expected) {
    fail(line_number_, field_count_ + 1,
         fmt::format("missing field: the header has {} columns, this row has {}", expected,
                     field_count_));
  }
  if (field_count_ > expected &&
      !std::all_of(fields_.begin() + static_cast<std::ptrdiff_t>(expected),
                   fields_.begin() + static_cast<std::ptrdiff_t>(field_count_),
                   [](const std::string& f) { return f.empty(); })) {
    fail(line_number_, expected + 1,
         fmt::format("extra field '{}': the header has {} columns, this row has {}",
                     shown(fields_[expected]), expected, field_count_));
  }
  row.line = first_line;
  row.start.assign(fields_[start_]);
  if (date_ != npos && !fields_[date_].empty() && !row.start.empty()) {
    row.start.insert(0, fields_[date_] + ' ');
  }
  if (row.start.empty()) {
    fail(line_number_, start_ + 1, "the interval start is empty");
  }
  if (row.start.size() > max_start_bytes) {
    fail(line_number_, start_ + 1,
         fmt::format("the interval start is longer than {} bytes", max_start_bytes));
  }
  const std::string& calls = fields_[calls_];
  if (calls.empty()) {
    fail(line_number_, calls_ + 1, "the number of calls is empty");
  }
  try {
    row.calls = parse_number(number_text(calls_));
  } catch (const usage_error& e) {
    fail(line_number_, calls_ + 1, as_written(e.what(), calls_));
  }
  if (row.calls < 0) {
    fail(line_number_, calls_ + 1, fmt::format("calls must be >= 0, got {}", shown(calls)));
  }
  row.aht.reset();
  if (aht_ != npos && !fields_[aht_].empty()) {
    double aht = 0;
    try {
      aht = parse_duration(number_text(aht_));
    } catch (const usage_error& e) {
      fail(line_number_, aht_ + 1, as_written(e.what(), aht_));
    }
    if (!(aht > 0)) {
      fail(line_number_, aht_ + 1, fmt::format("AHT must be > 0, got {}", shown(fields_[aht_])));
    }
    row.aht = aht;
  }
  row.agents.reset();
  if (agents_ != npos && !fields_[agents_].empty()) {
    try {
      row.agents = parse_count(number_text(agents_));
    } catch (const usage_error& e) {
      fail(line_number_, agents_ + 1,
           fmt::format("{}: agents must be a whole number >= 0", as_written(e.what(), agents_)));
    }
  }
  return true;
}

std::string forecast_reader::as_written(const std::string& message, std::size_t column) const {
  // The parsers quote the text they read: quote the cell as written instead.
  const std::string read = fmt::format("'{}'", shown(number_text(column)));
  const auto at = message.find(read);
  if (at == std::string::npos) {
    return message;
  }
  std::string out = message;
  out.replace(at, read.size(), fmt::format("'{}'", shown(fields_[column])));
  return out;
}

std::string forecast_reader::number_text(std::size_t column) const {
  // Spreadsheet forms: in a ';' file (or with --decimal-comma) "1.234,5" or "1 234,5"; in
  // a ',' file "1,234.5" (quoted) or "1 234.5". Between groups of thousands also a
  // no-break space (U+00A0, U+202F) or an apostrophe (1'234.5, also U+2019).
  const bool comma = separator_ == ';' || options_.decimal_comma;
  const char decimal = comma ? ',' : '.';
  const char thousands = comma ? '.' : ',';
  const std::string_view cell = fields_[column];
  std::string text;
  text.reserve(cell.size());
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const std::string_view rest = cell.substr(i);
    if (rest.starts_with("\xC2\xA0")) {
      text += ' ';
      i += 1;
    } else if (rest.starts_with("\xE2\x80\xAF") || rest.starts_with("\xE2\x80\x99")) {
      text += ' ';
      i += 2;
    } else {
      text += cell[i];
    }
  }
  const auto dot = text.find(decimal);
  const std::string_view whole = std::string_view(text).substr(0, dot);
  std::string out;
  // Thousands separators only in the form d{1,3}(Tddd)+: "1,23" stays as written (and fails).
  bool grouped = false;
  if (whole.find_first_of(std::string{thousands, ' ', '\''}) != std::string_view::npos) {
    std::size_t digits = 0;
    bool ok = true;
    std::size_t groups = 0;
    for (std::size_t i = 0; i < whole.size() && ok; ++i) {
      const char c = whole[i];
      if (c >= '0' && c <= '9') {
        ++digits;
        out += c;
      } else if (c == thousands || c == ' ' || c == '\'') {
        ok = (groups == 0 ? digits >= 1 && digits <= 3 : digits == 3);
        ++groups;
        digits = 0;
      } else {
        ok = false;
      }
    }
    grouped = ok && groups > 0 && digits == 3;
  }
  if (!grouped) {
    out.assign(whole);
  }
  if (dot != std::string::npos) {
    out += '.';
    out += text.substr(dot + 1);
  }
  return out;
}

namespace {

/// "08:30", "2024-03-04 08:30" (seconds shown when not whole minutes).
std::string describe_start(const clock_time& t) {
  const double day = std::floor(t.seconds / 86400);
  const double in_day = t.seconds - day * 86400;
  const auto minutes = static_cast<long>(std::floor(in_day / 60));
  const double seconds = in_day - static_cast<double>(minutes) * 60;
  std::string s = fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
  if (seconds != 0) {
    s += fmt::format(":{:02.0f}", seconds);
  }
  if (!t.has_date) {
    return s;
  }
  // Civil date from days since 1970-01-01 (H. Hinnant's civil_from_days).
  const auto z = static_cast<long long>(day) + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = static_cast<long long>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02} {}", y, m, d, s);
}

}  // namespace

std::optional<double> start_gap(std::string_view first, std::string_view second) {
  const auto a = parse_clock(first);
  const auto b = parse_clock(second);
  if (!a || !b || a->has_date != b->has_date) {
    return std::nullopt;
  }
  double d = b->seconds - a->seconds;
  if (!a->has_date && d < 0) {
    d += 86400;  // a time of day past midnight: the next day
  }
  return d;
}

start_checker::start_checker(const forecast_reader& reader, double interval)
    : reader_(reader), interval_(interval) {}

void start_checker::check(std::size_t line, const std::string& start) {
  constexpr std::size_t max_gap_warnings = 5;
  const auto clock = parse_clock(start);
  if (!first_) {
    first_ = clock;
  }
  if (previous_ && clock && previous_->has_date == clock->has_date) {
    const clock_time& prev = *previous_;
    double d = clock->seconds - prev.seconds;
    bool new_day = std::floor(clock->seconds / 86400) != std::floor(prev.seconds / 86400);
    // Times of day: an earlier time is the next day when it is not after the first start
    // of the file (20:00 then 08:00); else the rows go backwards (09:00 then 08:30).
    if (!clock->has_date && d < 0 && clock->seconds <= first_->seconds) {
      d += 86400;
      new_day = true;
    }
    const auto both = [&](std::string_view what) {
      return fmt::format("interval '{}' {} '{}' on line {}", shown(start), what,
                         shown(previous_label_), previous_line_);
    };
    if (d < 0) {
      reader_.fail(line, reader_.start_column(),
                   both("starts before") + ": the starts go backwards (sort the rows by start)");
    }
    if (d == 0) {
      reader_.fail(line, reader_.start_column(),
                   both("repeats") + ": each interval must appear once");
    }
    if (d < interval_) {
      reader_.fail(line, reader_.start_column(),
                   both(fmt::format("starts {} after", describe_duration(d))) +
                       fmt::format(", less than the interval length {}: intervals overlap (check "
                                   "the order of the rows and --interval)",
                                   describe_duration(interval_)));
    }
    if (d > interval_ && !new_day) {
      const std::string gap = fmt::format(
          "{}: line {}: no interval from {} to {} (between '{}' on line {} and '{}')",
          reader_.source(), line, describe_start({prev.seconds + interval_, prev.has_date}),
          describe_start(*clock), shown(previous_label_), previous_line_, shown(start));
      if (reader_.options().strict) {
        throw usage_error(gap + "; without --strict this is a warning");
      }
      if (++gaps_ <= max_gap_warnings) {
        warn(gaps_ == max_gap_warnings ? gap + " (further gaps are not listed)" : gap);
      }
    }
  }
  previous_ = clock;
  previous_label_ = start;
  previous_line_ = line;
}

}  // namespace erlangc
