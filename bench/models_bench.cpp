// Cost of the Engset, extended Erlang B, M/M/c/K and M/M/c/K+M evaluations and solvers at
// small and large sizes, against the plain O(m) Erlang B recurrence measured in the same
// run (BM_RecurrenceB, about 5 ns per server). Inputs are read from a volatile each
// iteration so that no call can be hoisted out of the loop.
#include <erlang/engset.hpp>
#include <erlang/extended_erlang_b.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>

namespace {

double recurrence_b(double e, std::int64_t m) {
  double b = 1;
  for (std::int64_t k = 1; k <= m; ++k) {
    b = e * b / (e * b + static_cast<double>(k));
  }
  return b;
}

void BM_RecurrenceB(benchmark::State& state) {
  const auto m = state.range(0);
  volatile double input = 0.95 * static_cast<double>(m);
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(recurrence_b(e, m));
  }
}

// Engset with n servers, S = 2n sources, each idle source offering 0.8 erlang: n = 10 ...
// 1e5 (O(n)).
void BM_EngsetCallCongestion(benchmark::State& state) {
  const auto n = static_cast<double>(state.range(0));
  volatile double input = 0.8;
  for (auto _ : state) {
    const double beta = input;
    benchmark::DoNotOptimize(erlang::engset_call_congestion(beta, 2 * n, n));
  }
}

void BM_EngsetServersForBlocking(benchmark::State& state) {
  const auto s = static_cast<double>(state.range(0));
  volatile double input = 0.8;
  for (auto _ : state) {
    const double beta = input;
    benchmark::DoNotOptimize(erlang::engset_servers_for_blocking(beta, s, 0.01));
  }
}

// Extended Erlang B: first-attempt traffic at 95 % of the servers, half the blocked calls
// retried; m = 10 ... 1e7 (each Newton step O(1)).
void BM_ExtendedErlangB(benchmark::State& state) {
  const auto m = static_cast<double>(state.range(0));
  volatile double input = 0.95 * m;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::extended_erlang_b(e, m, 0.5));
  }
}

void BM_ExtendedErlangBServers(benchmark::State& state) {
  volatile auto input = static_cast<double>(state.range(0));
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::extended_erlang_b_servers_for_blocking(e, 0.5, 0.01));
  }
}

// M/M/c/K, c servers and c waiting places, traffic at 95 % of c: blocking (O(1)) and the
// service level at 20 s with a 180 s handling time (window of O(sqrt(c / 9)) terms).
void BM_FiniteQueueBlocking(benchmark::State& state) {
  const auto c = static_cast<double>(state.range(0));
  volatile double input = 0.95 * c;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::finite_queue_blocking(e, c, c));
  }
}

void BM_FiniteQueueServiceLevel(benchmark::State& state) {
  const auto c = static_cast<double>(state.range(0));
  volatile double input = 0.95 * c;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::finite_queue_service_level(e, c, 180.0, c, 20.0));
  }
}

// Overloaded (rho = 1.2) with a billion waiting places: the same O(1) and window costs.
void BM_FiniteQueueOverloadHugeRoom(benchmark::State& state) {
  const auto c = static_cast<double>(state.range(0));
  volatile double input = 1.2 * c;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::finite_queue(e, c, 180.0, 1e9, 20.0));
  }
}

void BM_FiniteQueueAgents(benchmark::State& state) {
  volatile auto input = static_cast<double>(state.range(0));
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  t.max_blocking = 0.01;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::finite_queue_agents_for_targets(e, 180.0, 50.0, t));
  }
}

// M/M/c/K+M, patience 120 s, AHT 180 s, traffic at 95 % of c, every measure: one pass over
// the N waiting places, N = range(1).
void BM_FiniteQueueAbandonment(benchmark::State& state) {
  const auto c = static_cast<double>(state.range(0));
  const auto n = static_cast<double>(state.range(1));
  volatile double input = 0.95 * c;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::finite_queue_abandonment(e, c, 180.0, 120.0, n, 20.0));
  }
}

// Overloaded (rho = 1.2) with patient callers (mean patience 200 handling times): the
// weights grow over the first 40 000 waiting places, so the pass runs through all N.
void BM_FiniteQueueAbandonmentFullPass(benchmark::State& state) {
  const double c = 1000;
  const auto n = static_cast<double>(state.range(0));
  volatile double input = 1.2 * c;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::finite_queue_abandonment(e, c, 180.0, 36000.0, n, 20.0));
  }
}

void BM_FiniteQueueAbandonmentAgents(benchmark::State& state) {
  volatile auto input = static_cast<double>(state.range(0));
  const auto n = static_cast<double>(state.range(1));
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  t.max_abandon = 0.05;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(
        erlang::finite_queue_abandonment_agents_for_targets(e, 180.0, 120.0, n, t));
  }
}

}  // namespace

BENCHMARK(BM_RecurrenceB)->Arg(10)->Arg(1000)->Arg(100000)->Arg(10000000);
BENCHMARK(BM_EngsetCallCongestion)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(BM_EngsetServersForBlocking)->Arg(20)->Arg(2000)->Arg(200000);
BENCHMARK(BM_ExtendedErlangB)->Arg(10)->Arg(1000)->Arg(100000)->Arg(10000000);
BENCHMARK(BM_ExtendedErlangBServers)->Arg(10)->Arg(1000)->Arg(100000)->Arg(10000000);
BENCHMARK(BM_FiniteQueueBlocking)->Arg(10)->Arg(1000)->Arg(100000)->Arg(10000000);
BENCHMARK(BM_FiniteQueueServiceLevel)->Arg(10)->Arg(1000)->Arg(100000)->Arg(10000000);
BENCHMARK(BM_FiniteQueueOverloadHugeRoom)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(BM_FiniteQueueAgents)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(BM_FiniteQueueAbandonment)
    ->Args({10, 10})
    ->Args({100, 1000})
    ->Args({1000, 100000})
    ->Args({10000, 1000000});
BENCHMARK(BM_FiniteQueueAbandonmentFullPass)->Arg(1000)->Arg(100000)->Arg(1000000);
BENCHMARK(BM_FiniteQueueAbandonmentAgents)->Args({10, 10})->Args({100, 100})->Args({1000, 1000});

BENCHMARK_MAIN();
