#include "files.hpp"

#include "errors.hpp"
#include "output.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace erlangc {
namespace {

thread_local side_files* current = nullptr;

}  // namespace

atomic_file::atomic_file(std::string path, std::string option)
    : path_(std::move(path)), option_(std::move(option)) {
  const auto slash = path_.rfind('/');
  temp_ = (slash == std::string::npos ? std::string() : path_.substr(0, slash + 1)) + "." +
          (slash == std::string::npos ? path_ : path_.substr(slash + 1)) + ".XXXXXX";
  const int fd = ::mkstemp(temp_.data());
  if (fd < 0) {
    throw io_error(fmt::format("{} {}: cannot create a file in its folder: {}", option_, path_,
                               std::strerror(errno)));
  }
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);  // the permissions of a file the shell would create
  ::close(fd);
  created_ = true;
  stream_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    throw io_error(fmt::format("{} {}: {}", option_, path_, std::strerror(errno)));
  }
}

atomic_file::~atomic_file() {
  if (created_) {
    std::remove(temp_.c_str());
  }
}

void atomic_file::close() {
  if (closed_) {
    return;
  }
  errno = 0;
  stream_.close();
  closed_ = true;
  if (stream_.fail()) {
    throw io_error(fmt::format("{} {}: {}", option_, path_, describe_write_failure(errno)));
  }
}

void atomic_file::commit() {
  close();
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    throw io_error(
        fmt::format("{} {}: cannot replace the file: {}", option_, path_, std::strerror(errno)));
  }
  created_ = false;
}

side_files::~side_files() = default;

void side_files::add(const std::string& path, std::string_view content, const std::string& option) {
  auto file = std::make_unique<atomic_file>(path, option);
  file->stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file->close();
  files_.push_back(std::move(file));
}

void side_files::commit() {
  for (auto& f : files_) {
    f->commit();
  }
  files_.clear();
}

scoped_side_files::scoped_side_files(side_files& files) : files_(files) {
  files_.previous_ = current;
  current = &files_;
}

scoped_side_files::~scoped_side_files() { current = files_.previous_; }

void write_side_file(const std::string& path, std::string_view content, const std::string& option) {
  if (current != nullptr) {
    current->add(path, content, option);
    return;
  }
  atomic_file file(path, option);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

}  // namespace erlangc
