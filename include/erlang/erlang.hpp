// Umbrella header: the whole erlang library.
#ifndef ERLANG_ERLANG_HPP
#define ERLANG_ERLANG_HPP

#include <erlang/chat.hpp>
#include <erlang/engset.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/erlang_x.hpp>
#include <erlang/extended_erlang_b.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/gg_c.hpp>
#include <erlang/measures.hpp>
#include <erlang/offered_load.hpp>
#include <erlang/response_time.hpp>
#include <erlang/simulation.hpp>
#include <erlang/staffing.hpp>
#include <erlang/targets.hpp>
#include <erlang/time_varying.hpp>

#endif  // ERLANG_ERLANG_HPP
