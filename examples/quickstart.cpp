// The README's first example: a call centre with 100 calls per 30 minutes, 3-minute
// calls; Erlang C measures at 14 agents and the agents needed for 80 % within 20 s.
#include <erlang/erlang.hpp>

#include <cstdio>

int main() {
  const double traffic = erlang::offered_load(100.0 / 1800, 180.0);  // 10 erlangs
  const double p_wait = erlang::erlang_c(traffic, 14);
  const double sl = erlang::service_level(traffic, 14, 180.0, 20.0);
  const double agents = erlang::agents_for_targets(
      traffic, 180.0, erlang::staffing_targets<>{.service_level = 0.8, .answer_time = 20.0});
  std::printf(
      "traffic = %.4f E, P(wait) = %.6f, service level = %.4f %%, agents for 80/20 = %.0f\n",
      traffic, p_wait, 100 * sl, agents);
}
