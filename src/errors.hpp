// The two kinds of failure the erlangc tool reports, and their exit codes. Every error the
// tool can meet is mapped to one of these in one place (cli.cpp, run()).
#ifndef ERLANGC_ERRORS_HPP
#define ERLANGC_ERRORS_HPP

#include <cstddef>
#include <stdexcept>
#include <string>

namespace erlangc {

/// Exit codes of the tool.
inline constexpr int exit_ok = 0;
inline constexpr int exit_infeasible = 1;  ///< valid request with no answer (overloaded system)
inline constexpr int exit_usage = 2;       ///< bad option, value, unit or input file
inline constexpr int exit_io = 3;          ///< a system failure: input or output, memory

/// A request the tool cannot accept as written: a bad option value, a missing option, a
/// malformed input row. Exit code 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A well-formed request that has no answer: an overloaded system, a target that cannot
/// be met within the limits given. Exit code 1.
class infeasible_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A failure of the system rather than of the request: the output cannot be written, the
/// input cannot be read once open, a temporary file fails. The message gives the system's
/// reason ("No space left on device"). Exit code 3 (also for running out of memory).
class io_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A malformed CSV input: names the source, the line and the column (1-based; column 0
/// when the whole line is at fault).
class csv_error : public usage_error {
 public:
  csv_error(const std::string& message, std::size_t line, std::size_t column)
      : usage_error(message), line_(line), column_(column) {}
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  [[nodiscard]] std::size_t column() const noexcept { return column_; }

 private:
  std::size_t line_;
  std::size_t column_;
};

}  // namespace erlangc

#endif  // ERLANGC_ERRORS_HPP
