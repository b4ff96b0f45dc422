// The README's first example: a call centre with 100 calls per 30 minutes, 3-minute
// calls, 14 agents.
#include <erlang/erlang.hpp>

#include <cstdio>

int main() {
  const double traffic = erlang::offered_load(100.0 / 1800.0, 180.0);  // 10 erlangs
  std::printf("P(wait) = %.4f, service level = %.2f %%, ASA = %.2f s\n",
              erlang::erlang_c(traffic, 14), 100 * erlang::service_level(traffic, 14, 180.0, 20.0),
              erlang::average_speed_of_answer(traffic, 14, 180.0));
}
