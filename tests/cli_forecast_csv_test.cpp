// The streaming forecast reader: accepted dialects, and every refusal with its line and
// column.
#include "errors.hpp"
#include "forecast_csv.hpp"
#include "options.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace {

using erlangc::csv_error;
using erlangc::forecast_reader;
using erlangc::forecast_row;

std::vector<forecast_row> read_all(const std::string& text,
                                   const erlangc::forecast_options& options = {}) {
  std::istringstream in(text);
  forecast_reader reader(in, "f.csv", options);
  std::vector<forecast_row> rows;
  forecast_row row;
  while (reader.next(row)) {
    rows.push_back(row);
  }
  return rows;
}

struct failure {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
};

failure fail_of(const std::string& text, const erlangc::forecast_options& options = {}) {
  try {
    read_all(text, options);
  } catch (const csv_error& e) {
    return {e.line(), e.column(), e.what()};
  }
  ADD_FAILURE() << "no csv_error for: " << text;
  return {};
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(CliForecastCsv, ReadsRowsWithLineNumbers) {
  const auto rows = read_all("start,calls,aht\n08:00,112,185\n08:30,136.5,3m\n09:00,0,\n");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].line, 2U);
  EXPECT_EQ(rows[0].start, "08:00");
  EXPECT_EQ(rows[0].calls, 112);
  EXPECT_EQ(*rows[0].aht, 185);
  EXPECT_EQ(rows[1].calls, 136.5);
  EXPECT_EQ(*rows[1].aht, 180);
  EXPECT_EQ(rows[2].line, 4U);
  EXPECT_FALSE(rows[2].aht);  // empty cell: not given
}

TEST(CliForecastCsv, AcceptsBomCrlfQuotesBlanksAndOtherSeparators) {
  // "1""2" is the quoted text 1"2: not a number.
  const auto f = fail_of(
      "\xEF\xBB\xBFstart,calls,aht\r\n\"08:00\", 112 ,\"3:05\"\r\n\r\n  \r\n"
      "\"Mon, 08:30\",\"1\"\"2\",185\r\n");
  EXPECT_EQ(f.line, 5U);
  EXPECT_EQ(f.column, 2U);
  auto rows = read_all(
      "\xEF\xBB\xBFstart,calls,aht\r\n\"08:00\", 112 ,\"3:05\"\r\n\r\n  \r\n"
      "\"Mon, 08:30\",\"12\",185\r\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].start, "08:00");
  EXPECT_EQ(rows[0].calls, 112);
  EXPECT_EQ(*rows[0].aht, 185);
  EXPECT_EQ(rows[1].line, 5U);
  EXPECT_EQ(rows[1].start, "Mon, 08:30");
  rows = read_all("AHT;Calls;Start\n3m;10;a\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].start, "a");
  EXPECT_EQ(rows[0].calls, 10);
  EXPECT_EQ(*rows[0].aht, 180);
  rows = read_all("start\tcalls\nx\t5\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].calls, 5);
  EXPECT_FALSE(rows[0].aht);
  rows = read_all("start,calls\nx,5");  // no final line end
  ASSERT_EQ(rows.size(), 1U);
}

TEST(CliForecastCsv, HeaderErrors) {
  auto f = fail_of("");
  EXPECT_EQ(f.line, 1U);
  EXPECT_TRUE(contains(f.message, "f.csv: line 1: the input is empty")) << f.message;
  f = fail_of("start,volume\n");  // other columns are ignored: calls is missing
  EXPECT_TRUE(contains(f.message, "no 'calls' column")) << f.message;
  f = fail_of("08:00,100\n");
  EXPECT_EQ(f.column, 1U);
  EXPECT_TRUE(contains(f.message, "must be a header")) << f.message;
  f = fail_of("start,calls,calls\n");
  EXPECT_EQ(f.column, 3U);
  EXPECT_TRUE(contains(f.message, "appears twice")) << f.message;
  f = fail_of("start,aht\n");
  EXPECT_TRUE(contains(f.message, "no 'calls' column")) << f.message;
  f = fail_of("calls\n");
  EXPECT_TRUE(contains(f.message, "no 'start' column")) << f.message;
  f = fail_of("start,,calls\n");
  EXPECT_EQ(f.column, 2U);
  EXPECT_TRUE(contains(f.message, "empty column name")) << f.message;
  f = fail_of(std::string("\xFF\xFEs\0t", 5));
  EXPECT_TRUE(contains(f.message, "UTF-16")) << f.message;
}

TEST(CliForecastCsv, RowErrorsNameLineAndColumn) {
  const std::string header = "start,calls,aht\n08:00,100,180\n";
  struct bad {
    std::string row;
    std::size_t column;
    std::string says;
  };
  const std::vector<bad> cases{
      {"08:30,-5,180", 2, "f.csv: line 3, column 2 (calls): calls must be >= 0, got -5"},
      {"08:30,abc,180", 2, "column 2 (calls): 'abc' is not a number"},
      {"08:30,,180", 2, "number of calls is empty"},
      {"08:30,nan,180", 2, "not a finite number"},
      {"08:30,100,0", 3, "column 3 (aht): AHT must be > 0, got 0"},
      {"08:30,100,3x", 3, "unknown time unit 'x'"},
      {"08:30,100,-3m", 3, "negative"},
      {",100,180", 1, "column 1 (start): the interval start is empty"},
      {"08:30,100", 3, "column 3 (aht): missing field: the header has 3 columns, this row has 2"},
      {"08:30,100,180,7", 4, "column 4: extra field '7'"},
      {"08:30,\"100,180", 2, "unterminated quoted field"},
      {"08:30,\"100\"x,180", 2, "unexpected text after a closing quote"},
      {"08:30,10\"0,180", 2, "a quote inside an unquoted field"},
  };
  for (const auto& c : cases) {
    const auto f = fail_of(header + c.row + "\n09:00,1,1\n");
    EXPECT_EQ(f.line, 3U) << c.row;
    EXPECT_EQ(f.column, c.column) << c.row;
    EXPECT_TRUE(contains(f.message, c.says)) << c.row << " -> " << f.message;
  }
}

TEST(CliForecastCsv, RefusesALineOfTenMegabytesWithoutHoldingIt) {
  for (const std::string& cell : {std::string(10 << 20, '7'), std::string(10 << 20, 'x')}) {
    const auto f = fail_of("start,calls,aht\n08:00,100,180\n08:30," + cell + ",180\n");
    EXPECT_EQ(f.line, 3U);
    EXPECT_EQ(f.column, 0U);
    EXPECT_TRUE(contains(f.message, "f.csv: line 3: the line is longer than 1048576 bytes"))
        << f.message.substr(0, 200);
    EXPECT_LT(f.message.size(), 200U);  // the message does not quote the line
  }
  // Without any line end, and exactly at the limit (accepted, then refused as a row).
  auto f = fail_of("start,calls\n" + std::string(20 << 20, ','));
  EXPECT_EQ(f.line, 2U);
  EXPECT_TRUE(contains(f.message, "longer than")) << f.message.substr(0, 200);
  f = fail_of("start,calls\nx," + std::string(forecast_reader::max_line_bytes - 2, '1') + "\n");
  EXPECT_EQ(f.line, 2U);
  EXPECT_EQ(f.column, 2U);
  EXPECT_TRUE(contains(f.message, "'1111")) << f.message.substr(0, 200);
  EXPECT_TRUE(contains(f.message, "... (1048574 bytes)' is out of range"))
      << f.message.substr(0, 200);
  EXPECT_LT(f.message.size(), 200U);
  // Lines of every length around the reader's 4096-byte chunks read back whole.
  for (const std::size_t n : {4094U, 4095U, 4096U, 4097U, 8190U, 8191U, 8192U}) {
    const auto rows = read_all("start,calls\n" + std::string(n - 2, ' ') + "a,1\nb,2");
    ASSERT_EQ(rows.size(), 2U) << n;
    EXPECT_EQ(rows[0].start, "a") << n;
    EXPECT_EQ(rows[1].line, 3U) << n;
  }
}

TEST(CliForecastCsv, RefusesBinaryGarbageAtTheFirstLine) {
  std::string garbage(4096, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) {
    garbage[i] = static_cast<char>((i * 7919 + 13) % 256);
  }
  const auto f = fail_of(garbage);
  EXPECT_EQ(f.line, 1U);
  EXPECT_TRUE(contains(f.message, "f.csv: line 1")) << f.message;
}

TEST(CliForecastCsv, ThousandsSeparatorsAreNeverMisread) {
  // An unquoted "1,234" in a ',' file splits into two fields: one too many.
  auto f = fail_of("start,calls,aht\n08:00,1,234,180\n");
  EXPECT_EQ(f.line, 2U);
  EXPECT_EQ(f.column, 4U);
  EXPECT_TRUE(contains(f.message, "extra field '180'")) << f.message;
  f = fail_of("start,calls\n08:00,1,234\n");
  EXPECT_EQ(f.column, 3U);
  EXPECT_TRUE(contains(f.message, "extra field '234'")) << f.message;
  // Groups of three digits only: "1,23" is not 123.
  f = fail_of("start,calls,aht\n08:00,\"1,23\",180\n");
  EXPECT_EQ(f.column, 2U);
  EXPECT_TRUE(contains(f.message, "'1,23' is not a number")) << f.message;
  f = fail_of("start;calls;aht\n08:00;1.23,5;180\n");
  EXPECT_EQ(f.column, 2U);
}

TEST(CliForecastCsv, NumbersAsSpreadsheetsExportThem) {
  // A ',' file: "1,234.5" quoted, or "1 234"; a ';' file (decimal comma locales):
  // "1.234,5", "1 234,5", "12,5", and a time "3:10" or "1,5m".
  auto rows = read_all("start,calls,aht\n08:00,\"1,234.5\",180\n08:30,1 234,\"1.5m\"\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].calls, 1234.5);
  EXPECT_EQ(rows[1].calls, 1234);
  EXPECT_EQ(rows[1].aht, 90);
  rows = read_all("start;calls;aht\n08:00;1.234,5;3:10\n08:30;12,5;1,5m\n09:00;1 234,5;180\n");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].calls, 1234.5);
  EXPECT_EQ(rows[0].aht, 190);
  EXPECT_EQ(rows[1].calls, 12.5);
  EXPECT_EQ(rows[1].aht, 90);
  EXPECT_EQ(rows[2].calls, 1234.5);
  // Trailing empty cells (";;" after the last column) are no extra field.
  EXPECT_EQ(read_all("start;calls\n08:00;5;;\n").size(), 1U);
}

TEST(CliForecastCsv, ExtraColumnsAreIgnored) {
  const auto rows = read_all("start,notes,calls,aht\n08:00,quiet,5,180\n08:30,\"busy, hot\",7,\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].calls, 5);
  EXPECT_EQ(rows[1].calls, 7);
  // A number or a time in the header is no column name: the header is missing.
  const auto f = fail_of("start,calls,42\n");
  EXPECT_EQ(f.column, 3U);
}

TEST(CliForecastCsv, QuotedLineEndsBlankLinesBeforeTheHeaderAndABomAlone) {
  auto rows = read_all("\n  \nstart,calls\n\"08:00\nMonday\",5\n08:30,6\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].start, "08:00\nMonday");
  EXPECT_EQ(rows[0].line, 4U);
  EXPECT_EQ(rows[1].line, 6U);
  auto f = fail_of("start,calls\n\"08:00,5\n");
  EXPECT_EQ(f.line, 2U);
  EXPECT_TRUE(contains(f.message, "unterminated")) << f.message;
  f = fail_of("\xEF\xBB\xBF");
  EXPECT_TRUE(contains(f.message, "only a UTF-8 byte-order mark")) << f.message;
  f = fail_of("\xEF\xBB\xBF\n");
  EXPECT_TRUE(contains(f.message, "only a UTF-8 byte-order mark")) << f.message;
}

TEST(CliForecastCsv, AnAgentsColumnIsARoster) {
  const auto rows = read_all("start,calls,agents\n08:00,5,3\n08:30,6,\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].agents, 3);
  EXPECT_FALSE(rows[1].agents);
  const auto f = fail_of("start,calls,agents\n08:00,5,2.5\n");
  EXPECT_EQ(f.column, 3U);
  EXPECT_TRUE(contains(f.message, "whole number")) << f.message;
}

TEST(CliForecastCsv, RefusesAnOverlongStart) {
  const auto f = fail_of("start,calls\n" + std::string(257, 'x') + ",1\n");
  EXPECT_EQ(f.line, 2U);
  EXPECT_EQ(f.column, 1U);
  EXPECT_TRUE(contains(f.message, "longer than 256 bytes")) << f.message;
  EXPECT_EQ(read_all("start,calls\n" + std::string(256, 'x') + ",1\n").size(), 1U);
}

TEST(CliForecastCsv, StreamsWithoutReadingAhead) {
  // A row is delivered before a later bad row is read.
  std::istringstream in("start,calls\na,1\nb,oops\n");
  forecast_reader reader(in, "s");
  forecast_row row;
  ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(row.start, "a");
  EXPECT_THROW(reader.next(row), csv_error);
}

}  // namespace

namespace {

TEST(CliForecastCsv, SeparateDateAndTimeColumnsMakeTheStart) {
  const auto rows = read_all("date,time,calls\n2024-03-04,08:00,5\n2024-03-04,8:30 AM,6\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].start, "2024-03-04 08:00");
  EXPECT_EQ(rows[1].start, "2024-03-04 8:30 AM");
  const auto both = read_all("start,date,calls\n08:00,2024-03-04,5\n");
  ASSERT_EQ(both.size(), 1U);
  EXPECT_EQ(both[0].start, "2024-03-04 08:00");
}

}  // namespace

namespace {

TEST(CliForecastCsv, DecimalCommaInQuotedCommaFilesAndTabFiles) {
  erlangc::forecast_options comma;
  comma.decimal_comma = true;
  auto rows = read_all("start,calls,aht\n08:00,\"1.234,5\",\"3,5m\"\n08:30,12,180\n", comma);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].calls, 1234.5);
  EXPECT_EQ(rows[0].aht, 210);
  EXPECT_EQ(rows[1].calls, 12);
  rows = read_all("start\tcalls\n08:00\t1 234,25\n08:30\t0,5\n", comma);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].calls, 1234.25);
  EXPECT_EQ(rows[1].calls, 0.5);
  // Without the switch a tab file reads a decimal point: "0,5" is not a number.
  const auto f = fail_of("start\tcalls\n08:00\t0,5\n");
  EXPECT_EQ(f.column, 2U);
  EXPECT_TRUE(contains(f.message, "'0,5' is not a number")) << f.message;
  // With it, as in a ';' file, '.' separates thousands (groups of three digits); where it
  // cannot, it is a decimal point.
  rows = read_all("start\tcalls\n08:00\t1.500\n08:30\t1.5\n", comma);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].calls, 1500);
  EXPECT_EQ(rows[1].calls, 1.5);
}

TEST(CliForecastCsv, NoBreakSpacesAndApostrophesSeparateThousands) {
  // U+00A0 and U+202F (French), ' and U+2019 (Swiss): groups of three digits only.
  auto rows = read_all(
      "start,calls\n08:00,1\xC2\xA0"
      "234\n08:30,1\xE2\x80\xAF"
      "234.5\n09:00,1'234'567\n09:30,12\xE2\x80\x99"
      "345\n");
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0].calls, 1234);
  EXPECT_EQ(rows[1].calls, 1234.5);
  EXPECT_EQ(rows[2].calls, 1234567);
  EXPECT_EQ(rows[3].calls, 12345);
  rows = read_all(
      "start;calls\n08:00;1\xC2\xA0"
      "234,5\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].calls, 1234.5);
  const auto f = fail_of("start,calls\n08:00,1'23\n");
  EXPECT_TRUE(contains(f.message, "'1'23' is not a number")) << f.message;
}

TEST(CliForecastCsv, ColumnsMappedByNameOrKnownByTheirCommonNames) {
  erlangc::forecast_options mapped;
  mapped.columns = {{"start", "Zeit"}, {"calls", "Anrufe"}, {"aht", "BZ"}};
  auto rows = read_all("zeit,anrufe,bz,start\n08:00,5,180,x\n", mapped);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].start, "08:00");  // the mapped column, not the one named start
  EXPECT_EQ(rows[0].calls, 5);
  EXPECT_EQ(rows[0].aht, 180);
  auto f = fail_of("zeit,calls\n08:00,5\n", mapped);
  EXPECT_EQ(f.line, 1U);
  EXPECT_TRUE(contains(f.message, "--columns calls=Anrufe: the header has no column 'Anrufe'"))
      << f.message;
  // Names spreadsheets and workforce tools use; case, '_', '-' and a unit in parentheses
  // do not matter; the column number in messages says how a column was read.
  rows = read_all("Interval_Start,Offered Calls,Average Handle Time (s)\n08:00,5,180\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].calls, 5);
  EXPECT_EQ(rows[0].aht, 180);
  f = fail_of("Interval,Offered,AHT\n08:00,x,180\n");
  EXPECT_TRUE(contains(f.message, "line 2, column 2 (Offered as calls)")) << f.message;
  // erlangc's own names win over a common name: start, then time, then interval.
  rows = read_all("interval,time,start,calls\na,b,08:00,5\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].start, "08:00");
  rows = read_all("interval,time,calls\na,08:00,5\n");
  EXPECT_EQ(rows[0].start, "08:00");
  // A name that is no alias stays ignored: calls is still missing.
  EXPECT_TRUE(contains(fail_of("start,volume\n").message, "no 'calls' column"));
}

TEST(CliForecastCsv, ColumnsOptionText) {
  using erlangc::parse_columns;
  const auto c = parse_columns("start=Interval,CALLS=Offered calls,aht=AHT (s),date=Day");
  ASSERT_EQ(c.size(), 4U);
  EXPECT_EQ(c[0], std::make_pair(std::string("start"), std::string("Interval")));
  EXPECT_EQ(c[1], std::make_pair(std::string("calls"), std::string("Offered calls")));
  EXPECT_EQ(c[2], std::make_pair(std::string("aht"), std::string("AHT (s)")));
  EXPECT_EQ(c[3].first, "date");
  EXPECT_EQ(parse_columns("time=Zeit").front().first, "start");
  for (const std::string bad : {"start", "x=y", "calls=", "calls=a,calls=b", "time=a,start=b"}) {
    EXPECT_THROW(parse_columns(bad), erlangc::usage_error) << bad;
  }
}

}  // namespace
