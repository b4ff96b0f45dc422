// Simulated calls per second (on one core) of erlang::simulate, against a naive simulation
// of the same M/M/c queue written plainly below (every event in a std::priority_queue, a
// std::deque of waiting calls, no care for speed), measured in the same run. The counter
// calls_per_second counts every arrival simulated (warm-up included).
#include <erlang/simulation.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <deque>
#include <queue>
#include <random>
#include <vector>

namespace {

constexpr std::uint64_t calls_per_run = 200000;

erlang::simulation_options bench_options(bool quantiles) {
  erlang::simulation_options o;
  o.seed = 1;
  o.replications = 2;
  o.calls = calls_per_run / 2;
  o.warmup_calls = 0;
  if (!quantiles) {
    o.quantiles.clear();
  }
  return o;
}

void report(benchmark::State& state, std::uint64_t calls) {
  state.counters["calls_per_second"] =
      benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}

/// Simulates `m` while the benchmark runs and reports the calls simulated per second.
void run(benchmark::State& state, const erlang::simulation_model& m, bool quantiles) {
  const auto o = bench_options(quantiles);
  std::uint64_t calls = 0;
  for (auto _ : state) {
    const auto r = erlang::simulate(m, o);
    benchmark::DoNotOptimize(r.overall.service_level.value);
    calls += r.simulated_calls;
  }
  report(state, calls);
}

/// Lognormal handling times (mean 3, cv 1), gamma patience (mean 1, cv 0.5), 20 waiting
/// places, redials of blocked and abandoned callers, answer time 0.33.
void call_centre_behaviour(erlang::simulation_model& m) {
  m.service = erlang::time_distribution::lognormal(3, 1);
  m.patience = erlang::time_distribution::gamma(1, 0.5);
  m.waiting_places = 20;
  m.blocked_redial = {0.5, 2};
  m.abandoned_redial = {0.3, 5};
  m.answer_time = 0.33;
}

// M/M/c at 90 % load, c = range(0); range(1) = 1: wait and response quantiles recorded.
void BM_SimulateMMc(benchmark::State& state) {
  const auto c = static_cast<int>(state.range(0));
  erlang::simulation_model m;
  m.arrival_rates = {0.9 * c};
  m.agents = {c};
  m.service = erlang::time_distribution::exponential(1);
  m.answer_time = 0.2;
  run(state, m, state.range(1) != 0);
}

// A call centre: lognormal handling times (cv 1), gamma patience, 20 waiting places,
// redials of blocked and abandoned callers, c = range(0) at 95 % load, quantiles recorded.
void BM_SimulateCallCentre(benchmark::State& state) {
  const auto c = static_cast<int>(state.range(0));
  erlang::simulation_model m;
  m.arrival_rates = {0.95 * c / 3};
  m.agents = {c};
  call_centre_behaviour(m);
  run(state, m, true);
}

// The call centre over a day: 48 intervals whose arrival rate follows a daily curve
// around 95 % of the c = range(0) agents' capacity, the agents of each interval sized to
// its rate, lognormal handling times, gamma patience, 20 waiting places, redials and
// quantiles; two days of about calls_per_run / 2 calls each.
void BM_SimulateCallCentreDay(benchmark::State& state) {
  const auto c = static_cast<int>(state.range(0));
  constexpr int intervals = 48;
  const double h = 3;
  erlang::simulation_model m;
  m.arrival_rates.clear();
  m.agents.clear();
  double mean_rate = 0;
  for (int k = 0; k < intervals; ++k) {
    const double shape = 0.6 + 0.4 * std::sin(3.14159265358979 * (k + 0.5) / intervals);
    const double rate = 0.95 * c * shape / h;
    m.arrival_rates.push_back(rate);
    m.agents.push_back(static_cast<int>(std::ceil(rate * h / 0.95)));
    mean_rate += rate / intervals;
  }
  m.interval_length = static_cast<double>(calls_per_run) / 2 / mean_rate / intervals;
  call_centre_behaviour(m);
  run(state, m, true);
}

// The naive baseline: M/M/c, every arrival and completion an event in a priority queue,
// the next arrival scheduled as an event, std distributions; returns the mean wait.
double naive_mmc(int c, double lambda, double h, std::uint64_t calls, std::uint64_t seed) {
  struct event {
    double time;
    int kind;  // 0 arrival, 1 completion
    bool operator>(const event& o) const { return time > o.time; }
  };
  std::mt19937_64 eng(seed);
  std::exponential_distribution<double> gap(lambda);
  std::exponential_distribution<double> service(1 / h);
  std::priority_queue<event, std::vector<event>, std::greater<>> events;
  std::deque<double> waiting;  // arrival times
  int busy = 0;
  std::uint64_t arrived = 0;
  double total_wait = 0;
  events.push({gap(eng), 0});
  while (!events.empty()) {
    const event e = events.top();
    events.pop();
    if (e.kind == 0) {
      ++arrived;
      if (arrived < calls) {
        events.push({e.time + gap(eng), 0});
      }
      if (busy < c) {
        ++busy;
        events.push({e.time + service(eng), 1});
      } else {
        waiting.push_back(e.time);
      }
    } else {
      --busy;
      if (!waiting.empty()) {
        total_wait += e.time - waiting.front();
        waiting.pop_front();
        ++busy;
        events.push({e.time + service(eng), 1});
      }
    }
  }
  return total_wait / static_cast<double>(calls);
}

void BM_NaiveMMc(benchmark::State& state) {
  const auto c = static_cast<int>(state.range(0));
  std::uint64_t calls = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize(naive_mmc(c, 0.9 * c, 1, calls_per_run, seed++));
    calls += calls_per_run;
  }
  report(state, calls);
}

}  // namespace

BENCHMARK(BM_NaiveMMc)->Arg(1)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimulateMMc)->ArgsProduct({{1, 10, 100, 1000}, {0, 1}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimulateCallCentre)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimulateCallCentreDay)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
