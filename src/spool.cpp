#include "spool.hpp"

#include "errors.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace erlangc {

spool::spool(std::string what, std::size_t memory_bytes)
    : what_(std::move(what)), memory_bytes_(memory_bytes) {}

spool::~spool() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

std::string spool::folder() {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string("/tmp");
}

void spool::fail(std::string_view doing, int error) const {
  throw io_error(fmt::format("cannot {} the temporary file of the {} in {} (TMPDIR): {}", doing,
                             what_, folder(), error != 0 ? std::strerror(error) : "unknown error"));
}

void spool::spill() {
  if (file_ == nullptr) {
    const std::string dir = folder();
    std::string name = dir + (dir.ends_with('/') ? "" : "/") + "erlangc-" + what_ + "-XXXXXX";
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
      fail("create", errno);
    }
    ::unlink(name.c_str());  // anonymous: gone when closed, also if the process dies
    file_ = ::fdopen(fd, "w+b");
    if (file_ == nullptr) {
      const int error = errno;
      ::close(fd);
      fail("open", error);
    }
  }
  errno = 0;
  if (!buffer_.empty() && std::fwrite(buffer_.data(), buffer_.size(), 1, file_) != 1) {
    fail("write", errno);
  }
  file_bytes_ += buffer_.size();
  buffer_.clear();
}

void spool::for_each(const std::function<void(std::string_view chunk)>& f) {
  if (file_ == nullptr) {
    if (!buffer_.empty()) {
      f(buffer_);
    }
    return;
  }
  spill();
  buffer_ = std::string();  // its memory, for the chunks read back
  errno = 0;
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
    fail("read", errno);
  }
  constexpr std::uint64_t chunk_bytes = std::uint64_t{1} << 20;
  std::string chunk(std::min(chunk_bytes, file_bytes_), '\0');
  std::uint64_t left = file_bytes_;
  while (left > 0) {
    const std::size_t n =
        std::fread(chunk.data(), 1, std::min<std::uint64_t>(chunk.size(), left), file_);
    if (n == 0) {
      fail("read", std::ferror(file_) != 0 ? errno : EIO);
    }
    left -= n;
    f(std::string_view(chunk.data(), n));
  }
}

}  // namespace erlangc
