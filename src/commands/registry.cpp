#include "commands/command.hpp"

namespace erlangc {

const std::vector<command>& command_table() {
  static const std::vector<command> table{
      {"load", {}, "Offered traffic (erlangs) from calls and handling time", setup_load},
      {"b",
       {"blocking"},
       "Erlang B: the blocking of a group of servers (lost calls)",
       setup_blocking},
      {"lines",
       {"circuits"},
       "Erlang B sizing: the fewest servers for a blocking target (from --traffic), or the most "
       "traffic --servers carry",
       setup_lines},
      {"engset",
       {},
       "Engset: time, call and traffic congestion of a finite number of sources offering calls "
       "to servers (blocked calls lost), or the fewest servers for a --blocking target",
       setup_engset},
      {"retry",
       {},
       "Extended Erlang B: blocking when a fraction of blocked callers try again, or the fewest "
       "lines for a --blocking target",
       setup_retry},
      {"c",
       {"wait"},
       "Erlang C: waiting, service level, ASA, queue and occupancy for a number of agents",
       setup_c},
      {"a",
       {"abandon"},
       "Erlang A: as c, with callers who hang up after a mean --patience",
       setup_a},
      {"staff",
       {},
       "The fewest agents meeting the targets (Erlang C, or Erlang A with --patience), the "
       "agents to schedule, and every measure at that staffing",
       setup_staff},
      {"plan",
       {},
       "Staff every interval of a forecast CSV (columns start, calls and optionally aht): one "
       "row per interval plus totals",
       setup_plan},
      {"pool",
       {},
       "A server pool sized by response times: the fewest servers for percentile, mean and "
       "utilization targets at a request rate, or the largest rate given servers handle",
       setup_pool},
      {"simulate",
       {},
       "The measures of c, a or plan by simulation, with confidence intervals",
       setup_simulate},
      {"x",
       {"erlang-x"},
       "Erlang X: lines, patience, redials, an uncertain forecast and every service-level "
       "definition; the measures of --agents (fractional too), the fewest agents for targets, or "
       "the largest forecast --agents handle",
       setup_x},
      {"chat",
       {},
       "Chat: agents who each hold several conversations at once, with a handling time for "
       "each number open; the measures of --agents or the fewest agents for targets",
       setup_chat},
      {"table",
       {},
       "The Erlang B capacity table: the most traffic each number of servers carries at each "
       "blocking target",
       setup_table},
  };
  return table;
}

}  // namespace erlangc
