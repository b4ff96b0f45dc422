// Helpers shared by the CLI tests: run erlangc in the test process, read its csv and json
// output, and compare the two forms.
#ifndef ERLANGC_TESTS_CLI_TEST_SUPPORT_HPP
#define ERLANGC_TESTS_CLI_TEST_SUPPORT_HPP

#include "cli.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace erlangc::test {

using json = nlohmann::json;

struct result {
  int code;
  std::string out;
  std::string err;
};

inline result cli(const std::vector<std::string>& args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  const int code = erlangc::run(args, in, out, err);
  return {code, out.str(), err.str()};
}

inline std::vector<std::string> with(std::vector<std::string> args, const std::string& format) {
  args.emplace_back("--format");
  args.push_back(format);
  return args;
}

inline json json_of(const std::vector<std::string>& args, const std::string& input = "") {
  const auto r = cli(with(args, "json"), input);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  return json::parse(r.out);
}

/// RFC 4180 records.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

/// Keys of a json object, in order.
inline std::vector<std::string> keys_of(const json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) {
    keys.push_back(item.key());
  }
  return keys;
}

/// The json parser sorts keys; the order in the output is read from the text.
inline std::vector<std::string> keys_in_order(const std::string& json_text) {
  const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(json_text);
  std::vector<std::string> keys;
  for (const auto& item : (ordered.is_array() ? ordered.front() : ordered).items()) {
    keys.push_back(item.key());
  }
  return keys;
}

inline double number_of(const std::string& text) {
  if (text.empty()) {
    return std::nan("");
  }
  return std::strtod(text.c_str(), nullptr);
}

/// Checks that the csv form of the command holds exactly the keys and values of its
/// json form: a csv round trip.
inline void expect_csv_matches_json(const std::vector<std::string>& args,
                                    const std::string& input = "") {
  const auto j = cli(with(args, "json"), input);
  const auto c = cli(with(args, "csv"), input);
  ASSERT_EQ(j.code, 0) << j.err;
  ASSERT_EQ(c.code, 0) << c.err;
  const auto table = parse_csv(c.out);
  ASSERT_GE(table.size(), 2U);
  const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(j.out);
  const std::vector<nlohmann::ordered_json> objects =
      doc.is_array() ? doc.get<std::vector<nlohmann::ordered_json>>()
                     : std::vector<nlohmann::ordered_json>{doc};
  ASSERT_EQ(table.size() - 1, objects.size());
  for (std::size_t r = 0; r < objects.size(); ++r) {
    const auto& object = objects[r];
    ASSERT_EQ(table[r + 1].size(), table[0].size());
    std::size_t k = 0;
    for (const auto& item : object.items()) {
      ASSERT_LT(k, table[0].size());
      EXPECT_EQ(table[0][k], item.key());
      const std::string& cell = table[r + 1][k];
      if (item.value().is_string()) {
        EXPECT_EQ(cell, item.value().get<std::string>());
      } else if (item.value().is_boolean()) {
        EXPECT_EQ(cell, item.value().get<bool>() ? "true" : "false");
      } else if (item.value().is_null()) {
        EXPECT_EQ(cell, "");
      } else {
        EXPECT_EQ(number_of(cell), item.value().get<double>()) << item.key() << " row " << r;
      }
      ++k;
    }
    EXPECT_EQ(k, table[0].size());
  }
}

inline bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

inline std::string pct(double fraction) { return fmt::format("{:.2f}", 100 * fraction); }

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Every key is in `erlangc <command> --help` (as "  key ") and in the README (as `key`).
inline void expect_documented(const std::string& command, const std::vector<std::string>& keys) {
  const auto help = cli({command, "--help"});
  ASSERT_EQ(help.code, 0);
  const std::string readme = slurp(std::string(ERLANGC_EXAMPLES) + "/../README.md");
  ASSERT_FALSE(keys.empty());
  for (const std::string& key : keys) {
    EXPECT_TRUE(contains(help.out, "  " + key + " ")) << command << ": " << key;
    EXPECT_TRUE(contains(readme, "`" + key + "`")) << command << ": " << key;
  }
}

// ---- the built binary (ERLANGC_BINARY), run by the shell --------------------------------

struct process_result {
  int code;
  std::string out;
  std::string err;
};

/// The folder and stem of this test's files: ctest runs tests in parallel processes.
inline std::string test_stem() {
  return testing::TempDir() + "/erlangc_" +
         testing::UnitTest::GetInstance()->current_test_info()->name();
}

/// Runs `erlangc arguments` (shell words) with stdin from `stdin_file` (none: inherited),
/// and `environment` ("TMPDIR=/x") before it.
inline process_result run_binary(const std::string& arguments, const std::string& stdin_file = "",
                                 const std::string& environment = "") {
  const std::string out = test_stem() + "_out.txt";
  const std::string err = test_stem() + "_err.txt";
  std::string command = environment + (environment.empty() ? "" : " ") + "'" + ERLANGC_BINARY +
                        "' " + arguments + " >'" + out + "' 2>'" + err + "'";
  if (!stdin_file.empty()) {
    command += " <'" + stdin_file + "'";
  }
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

/// Runs the binary with `redirect` (for example "> /dev/full") for its standard output.
inline process_result run_redirected(const std::string& arguments, const std::string& redirect) {
  const std::string err = test_stem() + "_redirected.txt";
  const std::string command =
      std::string("'") + ERLANGC_BINARY + "' " + arguments + " " + redirect + " 2>'" + err + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, "", slurp(err)};
}

/// The names in `folder`, sorted.
inline std::vector<std::string> files_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// A fresh, empty folder for this test.
inline std::string empty_folder(const std::string& name) {
  std::string folder = test_stem() + "_" + name;
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

}  // namespace erlangc::test

#endif  // ERLANGC_TESTS_CLI_TEST_SUPPORT_HPP
