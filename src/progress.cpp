#include "progress.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace erlangc {
namespace {

thread_local const message_sink* current = nullptr;

}  // namespace

scoped_messages::scoped_messages(const message_sink& sink) : previous_(current), sink_(sink) {
  current = &sink_;
}

scoped_messages::~scoped_messages() { current = previous_; }

bool progress_wanted() {
  return current != nullptr && current->err != nullptr && !current->quiet && current->terminal;
}

void warn(std::string_view message) {
  if (current != nullptr && current->err != nullptr && !current->quiet) {
    *current->err << "erlangc: warning: " << message << '\n';
  }
}

progress::progress(std::string what, std::string unit, std::optional<std::size_t> total,
                   std::optional<std::uint64_t> extent)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      total_(total),
      extent_(extent),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

progress::~progress() {
  if (shown_ && current != nullptr && current->err != nullptr) {
    *current->err << "\r\x1b[K" << std::flush;  // erase the line
  }
}

void progress::show() {
  if (!progress_wanted()) {
    return;
  }
  using namespace std::chrono;
  const auto now = steady_clock::now();
  if (now - start_ < seconds(1) || now - last_ < milliseconds(250)) {
    return;
  }
  last_ = now;
  const double elapsed = duration<double>(now - start_).count();
  const double rate = static_cast<double>(done_) / elapsed;
  std::string line = total_ ? fmt::format("{}: {} of {} {}", what_, done_, *total_, unit_)
                            : fmt::format("{}: {} {}", what_, done_, unit_);
  // The share done: of the units, else of the extent (the bytes of the input read).
  std::optional<double> share;
  if (total_ && *total_ > 0) {
    share = static_cast<double>(done_) / static_cast<double>(*total_);
  } else if (extent_ && *extent_ > 0) {
    share = std::min(1.0, static_cast<double>(position_) / static_cast<double>(*extent_));
    line += fmt::format(" ({:.0f} %)", 100 * *share);
  }
  line += fmt::format(", {:.0f} {}/s", rate, unit_);
  if (share && *share > 0 && *share < 1) {
    line += fmt::format(", {:.0f} s left", elapsed * (1 - *share) / *share);
  }
  *current->err << "\r\x1b[K" << line << std::flush;
  shown_ = true;
}

progress_bar::progress_bar(std::string what, std::string unit, bool about)
    : what_(std::move(what)), unit_(std::move(unit)), about_(about) {}

progress_bar::~progress_bar() { erase(); }

void progress_bar::erase() {
  if (shown_percent_ >= 0 && current != nullptr && current->err != nullptr) {
    *current->err << "\r\x1b[K" << std::flush;
  }
  shown_percent_ = -1;
}

void progress_bar::update(std::uint64_t done, std::uint64_t total) {
  if (!progress_wanted()) {
    return;
  }
  if (total == 0 || done >= total) {
    erase();
    return;
  }
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  const int percent = static_cast<int>(100 * fraction);
  if (percent == shown_percent_) {
    return;
  }
  constexpr int width = 30;
  const auto filled = static_cast<std::size_t>(width * fraction);
  *current->err << fmt::format("\r\x1b[K{} [{}{}] {} % of {}{} {}", what_, std::string(filled, '#'),
                               std::string(width - filled, ' '), percent, about_ ? "about " : "",
                               total, unit_)
                << std::flush;
  shown_percent_ = percent;
}

}  // namespace erlangc
