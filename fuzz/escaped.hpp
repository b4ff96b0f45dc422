// Printable form of a fuzz input for reports: printable ASCII as is, newlines as \n, every
// other byte (and the quote and backslash) as \xNN; at most `limit` bytes, then "...".
#ifndef ERLANG_FUZZ_ESCAPED_HPP
#define ERLANG_FUZZ_ESCAPED_HPP

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace erlang::fuzz {

inline std::string escaped(std::string_view text, std::size_t limit = 4096) {
  std::string s;
  for (const char c : text.substr(0, limit)) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F && c != '\\' && c != '"') {
      s += c;
    } else if (c == '\n') {
      s += "\\n";
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", u);
      s += hex;
    }
  }
  if (text.size() > limit) {
    s += "...";
  }
  return s;
}

}  // namespace erlang::fuzz

#endif  // ERLANG_FUZZ_ESCAPED_HPP
