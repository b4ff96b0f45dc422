// Erlang B and C cost per call at 10 ... 1e7 servers, against the plain O(m) recurrence
// B_k = E B_{k-1} / (E B_{k-1} + k) measured in the same run.
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>

namespace {

/// The value read back through a volatile: an input the compiler cannot see through.
/// (benchmark::DoNotOptimize on a double lvalue may hand back a corrupted value with
/// Google Benchmark 1.7 and GCC 12, so inputs are not passed through it.)
double opaque(double x) {
  volatile double v = x;
  return v;
}

double recurrence_b(double e, std::int64_t m) {
  double b = 1;
  for (std::int64_t k = 1; k <= m; ++k) {
    b = e * b / (e * b + static_cast<double>(k));
  }
  return b;
}

// Traffic at 95 % of the servers: the regime of real sizing problems (near critical).
void BM_RecurrenceB(benchmark::State& state) {
  const auto m = state.range(0);
  double e = 0.95 * static_cast<double>(m);
  for (auto _ : state) {
    e = opaque(e);
    benchmark::DoNotOptimize(recurrence_b(e, m));
  }
}

void BM_ErlangB(benchmark::State& state) {
  const auto m = static_cast<double>(state.range(0));
  double e = 0.95 * m;
  for (auto _ : state) {
    e = opaque(e);
    benchmark::DoNotOptimize(erlang::erlang_b(e, m));
  }
}

void BM_ErlangC(benchmark::State& state) {
  const auto m = static_cast<double>(state.range(0));
  double e = 0.95 * m;
  for (auto _ : state) {
    e = opaque(e);
    benchmark::DoNotOptimize(erlang::erlang_c(e, m));
  }
}

// Non-integer servers and several loads around the critical one (E/m = 0.8 ... 1.5).
void BM_ErlangBNonInteger(benchmark::State& state) {
  const double m = static_cast<double>(state.range(0)) + 0.37;
  const double loads[] = {0.8, 0.97, 1.0, 1.03, 1.5};
  std::size_t i = 0;
  for (auto _ : state) {
    double e = loads[i++ % 5] * m;
    e = opaque(e);
    benchmark::DoNotOptimize(erlang::erlang_b(e, m));
  }
}

}  // namespace

BENCHMARK(BM_RecurrenceB)->Arg(10)->Arg(1000)->Arg(100000)->Arg(10000000);
BENCHMARK(BM_ErlangB)->Arg(10)->Arg(1000)->Arg(100000)->Arg(10000000);
BENCHMARK(BM_ErlangC)->Arg(10)->Arg(1000)->Arg(100000)->Arg(10000000);
BENCHMARK(BM_ErlangBNonInteger)->Arg(10)->Arg(1000)->Arg(100000)->Arg(10000000);

BENCHMARK_MAIN();
