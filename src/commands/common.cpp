#include "commands.hpp"
#include "errors.hpp"

#include <fmt/format.h>

namespace erlangc {

void check_traffic(double traffic, const std::string& what) {
  if (traffic > max_traffic) {
    throw usage_error(
        fmt::format("{}: the offered traffic, {:.6g} E, is above the {:g} erlangs "
                    "erlangc works with",
                    what, traffic, max_traffic));
  }
}

std::string describe_traffic(double erlangs) { return fmt::format("{:.6g} E", erlangs); }

}  // namespace erlangc
