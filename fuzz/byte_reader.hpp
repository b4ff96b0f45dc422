// Reads fixed-size values from a fuzz input, zero-padding past its end, so that every
// input, however short, decodes to a full set of arguments.
#ifndef ERLANG_FUZZ_BYTE_READER_HPP
#define ERLANG_FUZZ_BYTE_READER_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace erlang::fuzz {

class byte_reader {
 public:
  byte_reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  template <class T>
  T next() {
    unsigned char bytes[sizeof(T)] = {};
    for (auto& b : bytes) {
      b = pos_ < size_ ? data_[pos_] : 0;
      ++pos_;
    }
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    return value;
  }

  /// A value in [0, 1] from 16 bits.
  double unit() { return next<std::uint16_t>() / 65535.0; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

}  // namespace erlang::fuzz

#endif  // ERLANG_FUZZ_BYTE_READER_HPP
