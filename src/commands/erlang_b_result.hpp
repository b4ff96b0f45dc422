// What b, lines and table report: Erlang B at a number of servers. One result and one
// schema for the three (b.cpp).
#ifndef ERLANGC_COMMANDS_ERLANG_B_RESULT_HPP
#define ERLANGC_COMMANDS_ERLANG_B_RESULT_HPP

#include "schema.hpp"

#include <optional>

namespace erlangc {

struct erlang_b_result {
  double traffic = 0;  ///< offered, erlangs
  double servers = 0;
  double blocking = 0;
  std::optional<double> blocking_target{};  ///< lines
  double carried = 0;                       ///< erlangs
  std::optional<double> occupancy{};        ///< b
};

/// traffic, servers, blocking, blocking_target (lines), carried and occupancy (b).
const record_schema<erlang_b_result>& erlang_b_schema();

}  // namespace erlangc

#endif  // ERLANGC_COMMANDS_ERLANG_B_RESULT_HPP
