// Erlang X at c agents and c / 5 waiting places, 90 % load, patience 2 AHT: the plain
// M/M/c/K+M evaluation (the baseline, same run), Erlang X with redials, with redials and
// an uncertain forecast, and its staffing.
#include <erlang/erlang_x.hpp>
#include <erlang/finite_queue_abandonment.hpp>

#include <benchmark/benchmark.h>

namespace {

erlang::erlang_x_model<double> model_for(double c, bool redials, bool uncertain) {
  erlang::erlang_x_model<double> m;
  m.waiting_places = c / 5;
  m.mean_patience = 2;
  if (redials) {
    m.redial_after_abandon = 0.5;
    m.redial_after_blocking = 0.8;
  }
  if (uncertain) {
    m.traffic_variance = 0.9 * c;  // a standard deviation of about sqrt(E) beyond Poisson
  }
  return m;
}

void BM_FiniteQueueAbandonmentBaseline(benchmark::State& state) {
  const auto c = static_cast<double>(state.range(0));
  volatile double input = 0.9 * c;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::finite_queue_abandonment(e, c, 1.0, 2.0, c / 5, 0.2));
  }
}

void run_erlang_x(benchmark::State& state, bool redials, bool uncertain) {
  const auto c = static_cast<double>(state.range(0));
  const auto model = model_for(c, redials, uncertain);
  volatile double input = 0.9 * c;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::erlang_x(e, c, 1.0, model, 0.2));
  }
}

void BM_ErlangXRedials(benchmark::State& state) { run_erlang_x(state, true, false); }
void BM_ErlangXRedialsUncertain(benchmark::State& state) { run_erlang_x(state, true, true); }

void BM_ErlangXAgents(benchmark::State& state) {
  const auto c = static_cast<double>(state.range(0));
  const auto model = model_for(c, true, false);
  const erlang::staffing_targets<double> t{.service_level = 0.8, .answer_time = 0.2};
  volatile double input = 0.9 * c;
  for (auto _ : state) {
    const double e = input;
    benchmark::DoNotOptimize(erlang::erlang_x_agents_for_targets(e, 1.0, model, t));
  }
}

}  // namespace

BENCHMARK(BM_FiniteQueueAbandonmentBaseline)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_ErlangXRedials)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_ErlangXRedialsUncertain)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_ErlangXAgents)->Arg(10)->Arg(100)->Arg(1000);

BENCHMARK_MAIN();
