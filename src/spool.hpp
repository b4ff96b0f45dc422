// A spool: bytes kept in order until a result can be written whole (plan writes nothing
// until every row has succeeded). In memory up to a limit, then appended to an anonymous
// temporary file in $TMPDIR (else /tmp), removed when the spool is destroyed (or the
// process ends). The caller keeps what it will write, or less, so that the spool is never
// larger than the output.
#ifndef ERLANGC_SPOOL_HPP
#define ERLANGC_SPOOL_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace erlangc {

class spool {
 public:
  /// Keeps up to `memory_bytes` in memory before it moves to a temporary file.
  explicit spool(std::string what, std::size_t memory_bytes = std::size_t{4} << 20);
  spool(const spool&) = delete;
  spool& operator=(const spool&) = delete;
  ~spool();

  /// Where to append: the bytes not yet moved to the file. Call spill_if_full() after.
  std::string& buffer() noexcept { return buffer_; }

  /// Moves the buffer to the temporary file once it holds memory_bytes. Throws io_error
  /// when the temporary file cannot be created or written, with the folder and the
  /// system's reason.
  void spill_if_full() {
    if (buffer_.size() >= memory_bytes_) {
      spill();
    }
  }

  /// Calls f(chunk) for every byte kept, in order: the memory, or the file in chunks of
  /// 1 MiB. Throws io_error when the temporary file cannot be read.
  void for_each(const std::function<void(std::string_view chunk)>& f);

  /// Bytes in the temporary file (0 while everything is in memory).
  [[nodiscard]] std::uint64_t file_bytes() const noexcept { return file_bytes_; }

  /// The folder of the temporary files: $TMPDIR, else /tmp.
  static std::string folder();

 private:
  void spill();
  [[noreturn]] void fail(std::string_view doing, int error) const;

  std::string what_;
  std::size_t memory_bytes_;
  std::string buffer_;
  std::FILE* file_ = nullptr;
  std::uint64_t file_bytes_ = 0;
};

}  // namespace erlangc

#endif  // ERLANGC_SPOOL_HPP
