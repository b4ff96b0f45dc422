// Fuzz target: the whole erlangc command line (src/cli.hpp, erlangc::run) over arbitrary
// argument vectors and standard input, with string streams for stdin, stdout and stderr.
//
// Contract checked on every input (the exit codes of errors.hpp, in one place):
//   - erlangc::run returns, never throws, and returns 0, 1 or 2;
//   - on 0: stdout holds the result (non-empty) and complete: with --format json it parses
//     as json, with --format csv every row has the header's number of fields (RFC 4180);
//     stderr is empty or holds only "erlangc: warning: " lines (a gap in a forecast);
//   - on 1 or 2: stdout is empty (no partial output) and stderr holds a message starting
//     "erlangc: ".
// A violation prints the arguments, the input and both streams, and aborts, which
// libFuzzer reports as a crash.
//
// Input layout: newline-separated arguments (after the program name); a line "<<<" ends
// them and the rest of the input is standard input (read by "plan -").
//
// Inputs are skipped (not run) when they could touch the file system or ask for a large
// computation: an argument, or the part after '=' of one, that names an existing path
// (plan FILE would read it), a "table --servers" list of more than 1000 values, and
// "simulate", whose run length is the work the user asks for (cli_simulate_test covers
// it), and plan's --evaluate and --method, whose exact evaluation of a day may take up to
// a minute by design (cli_plan_day_test covers them). The
// input length is capped by -max_len in fuzz/CMakeLists.txt, which bounds the forecast.
// -o/--output, --chart and --report (which write files) are skipped too, as is a short-option
// cluster holding 'o'.
#include "cli.hpp"
#include "errors.hpp"
#include "escaped.hpp"
#include "units.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

using erlang::fuzz::escaped;

constexpr std::size_t max_table_values = 1000;

struct invocation {
  std::vector<std::string> args;
  std::string input;
};

invocation split(std::string_view data) {
  invocation inv;
  while (!data.empty()) {
    const auto nl = data.find('\n');
    const std::string_view arg = data.substr(0, nl);
    if (arg == "<<<") {
      inv.input.assign(nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1));
      return inv;
    }
    inv.args.emplace_back(arg);
    if (nl == std::string_view::npos) {
      break;
    }
    data.remove_prefix(nl + 1);
  }
  return inv;
}

/// True when `text` names something that exists (or cannot be checked) in the file system.
bool names_a_path(const std::string& text) {
  if (text.empty() || text == "-") {
    return false;
  }
  std::error_code ec;
  const bool exists = std::filesystem::exists(std::filesystem::path(text), ec);
  return exists || (ec && ec != std::errc::no_such_file_or_directory);
}

/// True for a valid server list of more than max_table_values values (an invalid list is
/// refused by the CLI before any computation).
bool too_many_table_values(const std::string& list) {
  try {
    erlangc::parse_count_list(list, max_table_values);
    return false;
  } catch (const erlangc::usage_error&) {
  }
  try {
    erlangc::parse_count_list(list, 100000);  // the CLI's own limit
    return true;
  } catch (const erlangc::usage_error&) {
    return false;
  }
}

/// True for an argument that asks for an output file: --output, -o, or -qo and the like,
/// --chart and --report.
bool names_output_file(const std::string& a) {
  return a.rfind("--output", 0) == 0 || a.rfind("--chart", 0) == 0 || a.rfind("--report", 0) == 0 ||
         (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('o') != std::string::npos);
}

/// The --format value given, or "text".
std::string format_of(const invocation& inv) {
  std::string format = "text";
  for (std::size_t i = 0; i < inv.args.size(); ++i) {
    const std::string& a = inv.args[i];
    if (a == "--format" && i + 1 < inv.args.size()) {
      format = inv.args[i + 1];
    } else if (a.rfind("--format=", 0) == 0) {
      format = a.substr(9);
    }
  }
  return format;
}

/// The field count of each RFC 4180 record of `text`; empty when a quote never closes.
std::vector<std::size_t> csv_field_counts(const std::string& text) {
  std::vector<std::size_t> counts;
  std::size_t fields = 1;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;  // "" inside quotes toggles twice
    } else if (!quoted && c == ',') {
      ++fields;
    } else if (!quoted && c == '\n') {
      counts.push_back(fields);
      fields = 1;
    }
  }
  if (quoted) {
    return {};
  }
  return counts;
}

/// Empty when `out` is a complete result in `format`, else what is wrong.
std::string incomplete(const std::string& format, const std::string& out) {
  if (out.find("\nUsage: erlangc") != std::string::npos || out.rfind("Usage: erlangc", 0) == 0) {
    return {};  // a help text (-h among the arguments) is not a result
  }
  if (format == "json" && !nlohmann::json::accept(out)) {
    return "stdout is not valid json";
  }
  if (format == "csv") {
    const auto counts = csv_field_counts(out);
    if (counts.empty() || out.back() != '\n') {
      return "stdout is not complete csv";
    }
    for (const std::size_t n : counts) {
      if (n != counts.front()) {
        return "a csv row does not have the header's columns";
      }
    }
  }
  return {};
}

/// True when every line of `err` is a warning.
bool only_warnings(const std::string& err) {
  std::size_t pos = 0;
  while (pos < err.size()) {
    if (err.compare(pos, 18, "erlangc: warning: ") != 0) {
      return false;
    }
    pos = err.find('\n', pos);
    pos = pos == std::string::npos ? err.size() : pos + 1;
  }
  return true;
}

bool skip(const invocation& inv) {
  if (std::find(inv.args.begin(), inv.args.end(), "simulate") != inv.args.end()) {
    return true;
  }
  for (std::size_t i = 0; i < inv.args.size(); ++i) {
    const std::string& a = inv.args[i];
    if (names_output_file(a) || a.rfind("--evaluate", 0) == 0 || a.rfind("--method", 0) == 0) {
      return true;
    }
    const auto eq = a.find('=');
    if (names_a_path(a) || (eq != std::string::npos && names_a_path(a.substr(eq + 1)))) {
      return true;
    }
    if (a.rfind("--servers", 0) == 0) {
      const std::string value = eq != std::string::npos   ? a.substr(eq + 1)
                                : i + 1 < inv.args.size() ? inv.args[i + 1]
                                                          : std::string();
      if (too_many_table_values(value)) {
        return true;
      }
    }
  }
  return false;
}

[[noreturn]] void fail(const invocation& inv, const std::string& problem, int code,
                       const std::string& out, const std::string& err) {
  std::string args;
  for (const auto& a : inv.args) {
    args += " \"" + escaped(a, 2000) + "\"";
  }
  std::fprintf(stderr,
               "contract violation: erlangc::run: %s\n  erlangc%s\n  stdin \"%s\"\n  exit code %d"
               "\n  stdout \"%s\"\n  stderr \"%s\"\n",
               problem.c_str(), args.c_str(), escaped(inv.input, 2000).c_str(), code,
               escaped(out, 2000).c_str(), escaped(err, 2000).c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const invocation inv = split(std::string_view(reinterpret_cast<const char*>(data), size));
  if (skip(inv)) {
    return 0;
  }
  std::istringstream in(inv.input);
  std::ostringstream out;
  std::ostringstream err;
  int code = -1;
  try {
    code = erlangc::run(inv.args, in, out, err);
  } catch (const std::exception& e) {
    fail(inv, std::string("exception escaped: ") + e.what(), code, out.str(), err.str());
  } catch (...) {
    fail(inv, "exception of an unknown type escaped", code, out.str(), err.str());
  }
  const std::string o = out.str();
  const std::string e = err.str();
  if (code != erlangc::exit_ok && code != erlangc::exit_infeasible && code != erlangc::exit_usage) {
    fail(inv, "exit code not 0, 1 or 2", code, o, e);
  }
  if (code == erlangc::exit_ok) {
    if (o.empty()) {
      fail(inv, "success without output", code, o, e);
    }
    if (!only_warnings(e)) {
      fail(inv, "success with a message on stderr other than warnings", code, o, e);
    }
    if (const std::string problem = incomplete(format_of(inv), o); !problem.empty()) {
      fail(inv, problem, code, o, e);
    }
  } else {
    if (!o.empty()) {
      fail(inv, "partial output on stdout after an error", code, o, e);
    }
    if (e.rfind("erlangc: ", 0) != 0) {
      fail(inv, "error without an 'erlangc: ' message on stderr", code, o, e);
    }
  }
  return 0;
}
