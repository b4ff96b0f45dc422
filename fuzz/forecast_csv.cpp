// Fuzz target: the streaming forecast reader (src/forecast_csv.hpp) over arbitrary bytes.
//
// Contract checked on every input: the reader either delivers rows or throws
// erlangc::csv_error, and nothing else (no other exception, no crash, no sanitizer
// report). Every row delivered has
//   - a line number above the header's (1) and above the previous row's;
//   - a non-empty start;
//   - calls finite and >= 0;
//   - aht, when present, finite and > 0, and present only when the header has an aht column.
// Every csv_error names a line (>= 1, and not before the last row delivered), and its
// message names the source and the line ("f.csv: line N"). A violation prints the input
// (escaped) and the problem, and aborts, which libFuzzer reports as a crash.
//
// Input layout: the bytes are the file.
#include "forecast_csv.hpp"

#include "errors.hpp"
#include "escaped.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>
#include <string_view>

namespace {

using erlang::fuzz::escaped;

[[noreturn]] void fail(std::string_view input, const std::string& problem) {
  std::fprintf(stderr, "contract violation: erlangc::forecast_reader: %s\n  input \"%s\"\n",
               problem.c_str(), escaped(input).c_str());
  std::abort();
}

void read_all(std::string_view input) {
  std::istringstream in{std::string(input)};
  std::size_t last_line = 0;
  try {
    erlangc::forecast_reader reader(in, "f.csv");
    last_line = 1;
    erlangc::forecast_row row;
    while (reader.next(row)) {
      if (row.line <= last_line) {
        fail(input, "row line " + std::to_string(row.line) + " not after line " +
                        std::to_string(last_line));
      }
      last_line = row.line;
      if (row.start.empty()) {
        fail(input, "empty start on line " + std::to_string(row.line));
      }
      if (!(std::isfinite(row.calls) && row.calls >= 0)) {
        fail(input, "calls not finite and >= 0 on line " + std::to_string(row.line) + ": " +
                        std::to_string(row.calls));
      }
      if (row.aht && !(std::isfinite(*row.aht) && *row.aht > 0)) {
        fail(input, "aht not finite and > 0 on line " + std::to_string(row.line) + ": " +
                        std::to_string(*row.aht));
      }
      if (row.aht && !reader.has_aht_column()) {
        fail(input, "aht given without an aht column on line " + std::to_string(row.line));
      }
    }
  } catch (const erlangc::csv_error& e) {
    const std::string what = e.what();
    if (e.line() < 1 || e.line() < last_line) {
      fail(input, "csv_error on line " + std::to_string(e.line()) + " after line " +
                      std::to_string(last_line) + ": " + what);
    }
    if (what.find("f.csv: line " + std::to_string(e.line())) != 0) {
      fail(input, "csv_error message does not start with the source and line: " + what);
    }
  } catch (const std::exception& e) {
    fail(input, std::string("unexpected exception: ") + e.what());
  } catch (...) {
    fail(input, "unexpected exception of an unknown type");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  read_all(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
