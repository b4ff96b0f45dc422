// erlangc and the system around it: -o on every command (complete or untouched), the plan's
// spool (in $TMPDIR, no larger than the output), input read errors and running out of
// memory (exit code 3 with the system's reason), and the plan's progress with the time
// left. Most run the built binary; where a failure cannot be made outside the process (a
// read error in the middle of a file), the same code runs in the test process.
#include "cli.hpp"
#include "cli_test_support.hpp"
#include "commands.hpp"
#include "commands/command.hpp"
#include "errors.hpp"
#include "progress.hpp"

#include <erlang/staffing.hpp>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ios>
#include <map>
#include <optional>
#include <sstream>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace erlangc::test;

const std::string sample = std::string(ERLANGC_EXAMPLES) + "/forecast.csv";

/// A forecast of `rows` half-hours, day after day, calls varying by row.
std::string forecast_rows(int rows) {
  std::string s = "start,calls,aht\n";
  for (int i = 0; i < rows; ++i) {
    s += fmt::format("{:02d}:{:02d},{},{}\n", i / 2 % 24, i % 2 * 30, 20 + i % 150, 170 + i % 20);
  }
  return s;
}

std::string write_file(const std::string& name, const std::string& text) {
  std::string path = test_stem() + "_" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// ---- -o on every command -------------------------------------------------------------------

/// A run of each command that succeeds, and one that fails once the command runs (a
/// missing or contradicting option, an overloaded system; table's only failures are in
/// its options).
struct command_case {
  std::string works;
  std::string fails;
};

const std::map<std::string, command_case>& command_cases() {
  static const std::map<std::string, command_case> cases{
      {"load", {"--calls 100 --interval 30m --aht 3m", "--calls 100 --aht 3m"}},
      {"b", {"--traffic 10 --servers 12", "--servers 12 --aht 3m"}},
      {"lines", {"--traffic 10 --blocking 1%", "--blocking 1%"}},
      {"engset", {"--sources 20 --traffic 2 --servers 4", "--sources 20 --servers 4"}},
      {"retry", {"--traffic 10 --servers 12 --retry 20%", "--traffic 10 --retry 20%"}},
      {"c", {"--traffic 10 --agents 14 --aht 3m", "--traffic 12 --agents 10 --aht 3m"}},
      {"a",
       {"--traffic 10 --agents 14 --aht 3m --patience 2m", "--traffic 10 --aht 3m --patience 2m"}},
      {"staff", {"--traffic 10 --aht 3m --service-level 80/20s", "--traffic 10 --aht 3m"}},
      {"plan", {"'" + sample + "' --service-level 80/20s", "'" + sample + "'"}},
      {"simulate",
       {"--traffic 10 --agents 14 --aht 3m --run-calls 1000 --replications 2",
        "--traffic 10 --aht 3m --run-calls 1000"}},
      {"table", {"--servers 1-5", "--servers 5-1"}},
      {"pool",
       {"--rate 1000/s --service-time 35ms --p99 250ms",
        "--rate 1000/s --servers 30 --service-time 35ms"}},
      {"x",
       {"--traffic 10 --aht 3m --agents 12 --patience 2m", "--traffic 10 --aht 3m --agents 9"}},
      {"chat",
       {"--rate 120/h --aht 4m,5m,6m --agents 5",
        "--rate 600/h --aht 4m --concurrency 2 --agents 5"}},
  };
  return cases;
}

TEST(CliOutputFile, EveryCommandWritesItCompleteOrLeavesItUntouched) {
  const std::string folder = empty_folder("out");
  const std::string path = folder + "/result";
  for (const erlangc::command& c : erlangc::command_table()) {
    const std::string name(c.name);
    SCOPED_TRACE(name);
    const auto found = command_cases().find(name);
    ASSERT_NE(found, command_cases().end()) << "no case for the command " << name;
    for (const std::string format : {"text", "csv", "json"}) {
      const std::string works = fmt::format("{} {} --format {}", name, found->second.works, format);
      const auto to_stdout = run_binary(works);
      ASSERT_EQ(to_stdout.code, 0) << works << ": " << to_stdout.err;
      ASSERT_FALSE(to_stdout.out.empty());
      std::filesystem::remove(path);
      const auto to_file = run_binary(fmt::format("{} -o '{}'", works, path));
      EXPECT_EQ(to_file.code, 0) << works << ": " << to_file.err;
      EXPECT_EQ(to_file.out, "");
      EXPECT_EQ(slurp(path), to_stdout.out) << works;
      EXPECT_EQ(files_in(folder), std::vector<std::string>{"result"}) << works;
    }
    // A failed run: no file where there was none, an existing file untouched, and no
    // temporary file left in either case.
    const std::string fails = fmt::format("{} {} --output '{}'", name, found->second.fails, path);
    std::filesystem::remove(path);
    auto r = run_binary(fails);
    EXPECT_NE(r.code, 0) << fails;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err, "erlangc: ")) << r.err;
    EXPECT_TRUE(files_in(folder).empty()) << fails;
    const std::string before = "an earlier result\n";
    std::ofstream(path, std::ios::binary) << before;
    r = run_binary(fails);
    EXPECT_NE(r.code, 0) << fails;
    EXPECT_EQ(slurp(path), before) << fails;
    EXPECT_EQ(files_in(folder), std::vector<std::string>{"result"}) << fails;
  }
}

// ---- the plan's spool ------------------------------------------------------------------------

/// An output stream buffer that, when the plan first writes (every row is in the spool
/// then), finds the spool among the open files of this process (/proc/self/fd: an
/// unlinked file in `folder` named erlangc-plan-*) and notes its size.
class spool_spy : public std::stringbuf {
 public:
  explicit spool_spy(const std::string& folder)
      : folder_(std::filesystem::canonical(folder).string()) {}
  [[nodiscard]] std::optional<std::uintmax_t> spool_bytes() const { return spool_bytes_; }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    look();
    return std::stringbuf::xsputn(s, n);
  }
  int_type overflow(int_type c) override {
    look();
    return std::stringbuf::overflow(c);
  }

 private:
  void look() {
    if (looked_) {
      return;
    }
    looked_ = true;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
      std::error_code ec;
      const std::string target = std::filesystem::read_symlink(entry.path(), ec).string();
      struct stat st {};
      if (!ec && target.starts_with(folder_ + "/erlangc-plan-") &&
          ::stat(entry.path().c_str(), &st) == 0) {
        spool_bytes_ = static_cast<std::uintmax_t>(st.st_size);
      }
    }
  }

  std::string folder_;
  bool looked_ = false;
  std::optional<std::uintmax_t> spool_bytes_;
};

TEST(CliSpool, IsInTmpdirAndNoLargerThanTheOutput) {
  const std::string folder = empty_folder("tmp");
  ASSERT_EQ(::setenv("TMPDIR", folder.c_str(), 1), 0);
  // 100 000 rows: several megabytes of output in every format, more than the spool keeps
  // in memory.
  const std::string input = forecast_rows(100000);
  for (const std::string format : {"text", "csv", "json"}) {
    SCOPED_TRACE(format);
    spool_spy spy(folder);
    std::ostream out(&spy);
    std::istringstream in(input);
    std::ostringstream err;
    const int code = erlangc::run(
        {"plan", "-", "--service-level", "80/20s", "--shrinkage", "30%", "--format", format}, in,
        out, err);
    ASSERT_EQ(code, 0) << err.str();
    const std::uintmax_t output = spy.str().size();
    ASSERT_TRUE(spy.spool_bytes().has_value()) << "no spool in " << folder;
    EXPECT_GT(*spy.spool_bytes(), 0U);
    // The issue: a binary record per row made the spool 4.5 times the input.
    EXPECT_LE(*spy.spool_bytes(), output)
        << "spool " << *spy.spool_bytes() << ", output " << output;
    EXPECT_TRUE(files_in(folder).empty());  // unlinked at once, gone with the run
  }
  ASSERT_EQ(::unsetenv("TMPDIR"), 0);
}

TEST(CliSpool, ATmpdirThatCannotHoldItIsAnIoErrorNamingIt) {
  const std::string input = write_file("big.csv", forecast_rows(100000));
  const std::string plan = "plan '" + input + "' --service-level 80/20s --format csv";
  const std::string missing = test_stem() + "_no_such_folder";
  auto r = run_binary(plan, "", "TMPDIR='" + missing + "'");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "cannot create the temporary file of the plan in " + missing +
                                  " (TMPDIR): No such file or directory"))
      << r.err;
  // The same plan with a TMPDIR that exists: done, and nothing left in it.
  const std::string folder = empty_folder("tmp");
  r = run_binary(plan, "", "TMPDIR='" + folder + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(parse_csv(r.out).size(), 100002U);
  EXPECT_TRUE(files_in(folder).empty());
}

// ---- input read errors, memory -----------------------------------------------------------------

/// An input that delivers `text`, then fails as a disk does (EIO).
class failing_input : public std::streambuf {
 public:
  explicit failing_input(std::string text) : text_(std::move(text)) {
    setg(text_.data(), text_.data(), text_.data() + text_.size());
  }

 protected:
  int_type underflow() override {
    errno = EIO;
    throw std::ios_base::failure("read");
  }

 private:
  std::string text_;
};

TEST(CliInput, AReadErrorInTheMiddleIsExitThreeWithTheSystemsReason) {
  failing_input failing("start,calls,aht\n08:00,10,180\n08:30,12,180\n09:00,1");
  std::istream in(&failing);
  std::ostringstream out;
  std::ostringstream err;
  const int code = erlangc::run({"plan", "-", "--service-level", "80/20s"}, in, out, err);
  EXPECT_EQ(code, 3);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(),
            "erlangc: error: <stdin>: cannot read the input after line 3: Input/output error\n");
}

TEST(CliInput, AFileThatCannotBeReadIsExitThreeWithTheSystemsReason) {
  // /proc/self/mem opens, and its first read fails with EIO.
  const auto r = run_binary("plan /proc/self/mem --service-level 80/20s");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err,
                       "/proc/self/mem: cannot read the input after line 0: "
                       "Input/output error"))
      << r.err;
}

TEST(CliMemory, RunningOutIsExitThreeSayingSoNotInfeasible) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit allows";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit allows";
#endif
#endif
  // 40 MB of address space: enough to start, not for 500 000 json rows of a table.
  const std::string table = "table --servers 1-100000 --blocking 1%,2%,3%,4%,5% --format json";
  const std::string out = test_stem() + "_out.txt";
  const std::string err = test_stem() + "_err.txt";
  const std::string command = "ulimit -v 40000; '" + std::string(ERLANGC_BINARY) + "' " + table +
                              " >'" + out + "' 2>'" + err + "'";
  const int status = std::system(("sh -c \"" + command + "\"").c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << slurp(err);
  EXPECT_EQ(slurp(out), "");
  EXPECT_EQ(slurp(err),
            "erlangc: error: out of memory: the system could not provide the memory this run "
            "needs (free some memory, or give a smaller input)\n");
  // The limit is no obstacle to a small run.
  const auto small = std::system(("sh -c \"ulimit -v 40000; '" + std::string(ERLANGC_BINARY) +
                                  "' b --traffic 1 --servers 2 >/dev/null\"")
                                     .c_str());
  EXPECT_EQ(WEXITSTATUS(small), 0);
}

// ---- progress ----------------------------------------------------------------------------------

/// An input that pauses 1.1 s once, half way through: the plan takes longer than the
/// second after which progress shows, on any machine.
class slow_input : public std::streambuf {
 public:
  explicit slow_input(std::string text) : text_(std::move(text)) {
    setg(text_.data(), text_.data(), text_.data() + text_.size() / 2);
  }

 protected:
  int_type underflow() override {
    if (gptr() == text_.data() + text_.size()) {
      return traits_type::eof();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    setg(text_.data(), gptr(), text_.data() + text_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string text_;
};

TEST(CliProgress, PlanShowsTheShareReadAndTheTimeLeft) {
  const std::string text = forecast_rows(20000);
  slow_input slow(text);
  std::istream in(&slow);
  erlangc::plan_request request;
  request.staffing.goal.service_level = 0.8;
  request.staffing.goal.answer_time = 20;
  request.input_bytes = text.size();
  std::ostringstream out;
  std::ostringstream err;
  {
    const erlangc::scoped_messages messages({&err, false, true});
    erlangc::run_plan(request, in, "f.csv", erlangc::output_format::csv, out);
  }
  // About half of the input was read when the pause ended.
  const std::string shown = err.str();
  EXPECT_TRUE(contains(shown, "plan: ")) << shown;
  EXPECT_TRUE(contains(shown, " rows (5")) << shown;  // 50 % and a little more
  EXPECT_TRUE(contains(shown, "%), ")) << shown;
  EXPECT_TRUE(contains(shown, " s left")) << shown;
  EXPECT_EQ(shown.substr(shown.size() - 4), "\r\x1b[K");  // erased at the end
  EXPECT_EQ(parse_csv(out.str()).size(), 20002U);
}

TEST(CliProgress, PlanOfAFileOnATerminalShowsTheTimeLeft) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "no 'script' to give the run a terminal";
  }
  // Erlang A over 400 000 rows: several seconds, of which progress shows after the first.
  const std::string input = write_file("big.csv", forecast_rows(400000));
  const std::string log = test_stem() + "_terminal.txt";
  const std::string command = fmt::format(
      "script -qec \"'{}' plan '{}' --service-level 80/20s --patience 2m --format csv "
      ">/dev/null\" /dev/null >'{}' 2>&1",
      ERLANGC_BINARY, input, log);
  ASSERT_EQ(std::system(command.c_str()), 0) << slurp(log);
  const std::string shown = slurp(log);
  EXPECT_TRUE(contains(shown, " rows (")) << shown;
  EXPECT_TRUE(contains(shown, " s left")) << shown;
}

}  // namespace
