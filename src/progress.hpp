// What a run says on standard error besides its errors: notes and warnings about the input
// ("line 7: no interval 09:30 to 10:00"), and progress of long work (rows done, rate, time
// left) when standard error is a terminal. run() (cli.cpp) installs the sink for the
// duration of a run; --quiet silences notes and progress (never errors).
#ifndef ERLANGC_PROGRESS_HPP
#define ERLANGC_PROGRESS_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace erlangc {

/// Standard error as a run sees it.
struct message_sink {
  std::ostream* err = nullptr;  ///< null: nothing is said
  bool quiet = false;           ///< --quiet: no notes, warnings nor progress
  bool terminal = false;        ///< progress only on a terminal
};

/// Installs `sink` for the current thread until destroyed (nests).
class scoped_messages {
 public:
  explicit scoped_messages(const message_sink& sink);
  scoped_messages(const scoped_messages&) = delete;
  scoped_messages& operator=(const scoped_messages&) = delete;
  ~scoped_messages();

 private:
  const message_sink* previous_;
  message_sink sink_;
};

/// True when progress is shown: standard error is a terminal and --quiet is not given.
[[nodiscard]] bool progress_wanted();

/// "erlangc: warning: <message>" on standard error, unless quiet.
void warn(std::string_view message);

/// Progress of `total` units of work (rows, replications): after a second, a line
/// "plan: 120000 of 1000000 rows, 95000 rows/s, 9 s left" redrawn at most 4 times a second
/// on a terminal, erased at the end ("plan: 120000 rows (12 %), 95000 rows/s, 9 s left"
/// through an input of known size). Silent when not a terminal or quiet.
class progress {
 public:
  /// `extent`: when the total of units is unknown, the size of the input they come from
  /// (bytes of a forecast file): the line shows the share read and the time left.
  progress(std::string what, std::string unit, std::optional<std::size_t> total = std::nullopt,
           std::optional<std::uint64_t> extent = std::nullopt);
  progress(const progress&) = delete;
  progress& operator=(const progress&) = delete;
  ~progress();

  /// One more unit done (cheap: looks at the clock every 1024 units).
  void step() {
    if ((++done_ & 1023U) == 0) {
      show();
    }
  }

  /// One more unit done, `position` units of the extent through.
  void step_to(std::uint64_t position) {
    position_ = position;
    step();
  }

 private:
  void show();

  std::string what_;
  std::string unit_;
  std::optional<std::size_t> total_;
  std::optional<std::uint64_t> extent_;
  std::size_t done_ = 0;
  std::uint64_t position_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

/// A bar of work whose total is known as it goes: "simulating [#########      ] 42 % of
/// 1100000 calls" (`about` the total when it is an expectation), redrawn when the whole
/// percentage changes and erased when done reaches the total or the bar is destroyed.
/// Silent when not a terminal or quiet.
class progress_bar {
 public:
  progress_bar(std::string what, std::string unit, bool about = false);
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;
  ~progress_bar();

  void update(std::uint64_t done, std::uint64_t total);

 private:
  void erase();

  std::string what_;
  std::string unit_;
  bool about_;
  int shown_percent_ = -1;  ///< -1: nothing on the line
};

}  // namespace erlangc

#endif  // ERLANGC_PROGRESS_HPP
