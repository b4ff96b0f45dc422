// Chat: one evaluation at n agents of three conversations each against the M/M/(3n)+M
// evaluation it builds on (the baseline, same run), and its staffing.
#include <erlang/chat.hpp>
#include <erlang/erlang_a.hpp>

#include <benchmark/benchmark.h>

#include <limits>
#include <vector>

namespace {

const std::vector<double> aht{4.0, 5.0, 6.5};  // minutes with 1, 2, 3 open
constexpr double inf = std::numeric_limits<double>::infinity();

/// Arrivals per minute at 90 % of the slots' full-load capacity of n agents.
double rate_for(double n) { return 0.9 * 3 * n / aht.back(); }

void BM_Chat(benchmark::State& state) {
  const auto n = static_cast<double>(state.range(0));
  volatile double input = rate_for(n);
  for (auto _ : state) {
    const double lambda = input;
    benchmark::DoNotOptimize(erlang::chat(lambda, n, aht, 3.0, inf, 1.0));
  }
}

void BM_ChatBaselineErlangA(benchmark::State& state) {
  const auto n = static_cast<double>(state.range(0));
  volatile double input = rate_for(n);
  for (auto _ : state) {
    const double lambda = input;
    benchmark::DoNotOptimize(erlang::erlang_a(lambda * aht.back(), 3 * n, aht.back(), 3.0, 1.0));
  }
}

void BM_ChatAgents(benchmark::State& state) {
  volatile double input = rate_for(static_cast<double>(state.range(0)));
  const erlang::staffing_targets<double> t{
      .service_level = 0.8, .answer_time = 1.0, .max_abandon = 0.05};
  for (auto _ : state) {
    const double lambda = input;
    benchmark::DoNotOptimize(erlang::chat_agents_for_targets(lambda, aht, 3.0, inf, t));
  }
}

}  // namespace

BENCHMARK(BM_Chat)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_ChatBaselineErlangA)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_ChatAgents)->Arg(10)->Arg(100)->Arg(1000);

BENCHMARK_MAIN();
