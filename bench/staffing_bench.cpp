// Solve times for circuits (Erlang B), agents for 80 % in 20 s (Erlang C and Erlang A),
// and one full Erlang A evaluation, at 10 ... 100 000 erlangs. Baseline in the same run:
// the Erlang C staffing search done the plain way, stepping agents up one at a time from
// ceil(E) with the O(m) recurrence at every step.
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/staffing.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>

namespace {

/// The value read back through a volatile: an input the compiler cannot see through.
/// (benchmark::DoNotOptimize on a double lvalue may hand back a corrupted value with
/// Google Benchmark 1.7 and GCC 12, so inputs are not passed through it.)
double opaque(double x) {
  volatile double v = x;
  return v;
}

erlang::staffing_targets<double> eighty_twenty() {
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  return t;
}

// Plain search: for n = ceil(E)+1, ..., evaluate C by the O(n) recurrence until SL >= 80 %.
double plain_agents_for_service_level(double e, double h) {
  for (std::int64_t n = static_cast<std::int64_t>(std::ceil(e)) + (std::ceil(e) == e ? 1 : 0);;
       ++n) {
    double b = 1;
    for (std::int64_t k = 1; k <= n; ++k) {
      b = e * b / (e * b + static_cast<double>(k));
    }
    const double rho = e / static_cast<double>(n);
    const double c = b / (1 - rho * (1 - b));
    if (1 - c * std::exp(-(static_cast<double>(n) - e) * 20 / h) >= 0.8) {
      return static_cast<double>(n);
    }
  }
}

void BM_PlainErlangCStaffing(benchmark::State& state) {
  auto e = static_cast<double>(state.range(0));
  for (auto _ : state) {
    e = opaque(e);
    benchmark::DoNotOptimize(plain_agents_for_service_level(e, 180.0));
  }
}

void BM_ServersForBlocking(benchmark::State& state) {
  auto e = static_cast<double>(state.range(0));
  for (auto _ : state) {
    e = opaque(e);
    benchmark::DoNotOptimize(erlang::servers_for_blocking(e, 0.01));
  }
}

void BM_TrafficForBlocking(benchmark::State& state) {
  auto m = static_cast<double>(state.range(0));
  for (auto _ : state) {
    m = opaque(m);
    benchmark::DoNotOptimize(erlang::traffic_for_blocking(m, 0.01));
  }
}

void BM_ErlangCAgents(benchmark::State& state) {
  auto e = static_cast<double>(state.range(0));
  const auto t = eighty_twenty();
  for (auto _ : state) {
    e = opaque(e);
    benchmark::DoNotOptimize(erlang::agents_for_targets(e, 180.0, t));
  }
}

void BM_ErlangAAgents(benchmark::State& state) {
  auto e = static_cast<double>(state.range(0));
  const auto t = eighty_twenty();
  for (auto _ : state) {
    e = opaque(e);
    benchmark::DoNotOptimize(erlang::erlang_a_agents_for_targets(e, 180.0, 300.0, t));
  }
}

// One evaluation of every Erlang A measure (with ASA) at n agents, traffic 0.97 n.
void BM_ErlangAEvaluation(benchmark::State& state) {
  const auto n = static_cast<double>(state.range(0));
  double e = 0.97 * n;
  for (auto _ : state) {
    e = opaque(e);
    auto m = erlang::erlang_a(e, n, 180.0, 300.0, 20.0);
    benchmark::DoNotOptimize(m);
  }
}

}  // namespace

BENCHMARK(BM_PlainErlangCStaffing)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ServersForBlocking)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TrafficForBlocking)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ErlangCAgents)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ErlangAAgents)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ErlangAEvaluation)
    ->Arg(10)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
