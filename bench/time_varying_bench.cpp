// Exact evaluation of a day (evaluate_day, uniformization): 96 intervals of 15 minutes with
// a call-centre profile peaking at about 1 000 agents, staffed by SIPP for 80 % in 20 s.
// Handling times of 5 minutes (calls) and 30 minutes (chat, back office: the cost falls
// with the handling time, as the uniformization rate per interval, (lambda + n / h) x D,
// does). Baseline in the same run: the SIPP staffing of the same day (96 Erlang C
// solves). Exact staffing of the day (each interval searched with the exact evaluator). Counters:
// the peak agents, the stated truncation mass and the largest state the window reached.
#include <erlang/staffing.hpp>
#include <erlang/time_varying.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace {

constexpr double pi = 3.14159265358979323846;

/// A day's arrival rates per second: a morning ramp from 10 % of the peak, a peak at
/// noon, a dip and an afternoon shoulder, peak_load erlangs at handling time h.
std::vector<double> day_rates(double peak_load, double h) {
  std::vector<double> rates;
  for (int i = 0; i < 96; ++i) {
    const double x = (i + 0.5) / 96.0;  // 0 .. 1 over the day
    const double shape =
        0.1 + 0.9 * std::pow(std::sin(pi * x), 2) * (0.85 + 0.15 * std::cos(6 * pi * x));
    rates.push_back(peak_load * shape / h);
  }
  return rates;
}

erlang::day_parameters<double> day(double h) {
  erlang::day_parameters<double> d;
  d.interval_length = 900;
  d.mean_handling_time = h;
  d.answer_time = 20;
  return d;
}

erlang::staffing_targets<double> eighty_twenty() {
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  return t;
}

void BM_SippStaffingOfTheDay(benchmark::State& state) {
  const auto h = static_cast<double>(state.range(0));
  const auto rates = day_rates(1150, h);
  const auto d = day(h);
  const auto t = eighty_twenty();
  for (auto _ : state) {
    auto agents = erlang::sipp_agents_for_targets(rates, d, t);
    benchmark::DoNotOptimize(agents.data());
  }
}
BENCHMARK(BM_SippStaffingOfTheDay)->Arg(300)->Arg(1800)->Unit(benchmark::kMillisecond);

void evaluate(benchmark::State& state, double patience, bool sipp = false) {
  const auto h = static_cast<double>(state.range(0));
  const auto rates = day_rates(1150, h);
  auto d = day(h);
  d.mean_patience = patience;
  const auto agents = sipp ? erlang::sipp_agents_for_targets(rates, d, eighty_twenty())
                           : erlang::mol_agents_for_targets(rates, d, 0.0, eighty_twenty());
  double peak = 0;
  for (double a : agents) {
    peak = std::fmax(peak, a);
  }
  double truncation = 0;
  double states = 0;
  for (auto _ : state) {
    auto r = erlang::evaluate_day(rates, agents, d);
    truncation = r.truncation_mass;
    states = static_cast<double>(r.largest_state);
    benchmark::DoNotOptimize(r.intervals.data());
  }
  state.counters["peak_agents"] = peak;
  state.counters["truncation_mass"] = truncation;
  state.counters["largest_state"] = states;
}

void BM_EvaluateDay(benchmark::State& state) {
  evaluate(state, std::numeric_limits<double>::infinity());
}
BENCHMARK(BM_EvaluateDay)->Arg(300)->Arg(1800)->Unit(benchmark::kMillisecond);

void BM_EvaluateSippDay(benchmark::State& state) {
  evaluate(state, std::numeric_limits<double>::infinity(), true);
}
BENCHMARK(BM_EvaluateSippDay)->Arg(300)->Unit(benchmark::kMillisecond);

void BM_EvaluateDayWithAbandonment(benchmark::State& state) { evaluate(state, 180); }
BENCHMARK(BM_EvaluateDayWithAbandonment)->Arg(300)->Arg(1800)->Unit(benchmark::kMillisecond);

void BM_ExactStaffingOfTheDay(benchmark::State& state) {
  const auto h = static_cast<double>(state.range(0));
  const auto rates = day_rates(1150, h);
  const auto d = day(h);
  const auto t = eighty_twenty();
  double peak = 0;
  for (auto _ : state) {
    auto agents = erlang::exact_agents_for_targets(rates, d, {}, t);
    peak = *std::max_element(agents.begin(), agents.end());
    benchmark::DoNotOptimize(agents.data());
  }
  state.counters["peak_agents"] = peak;
}
BENCHMARK(BM_ExactStaffingOfTheDay)->Arg(300)->Arg(1800)->Unit(benchmark::kMillisecond);

void BM_ModifiedOfferedLoadsOfTheDay(benchmark::State& state) {
  const auto rates = day_rates(1150, 300);
  for (auto _ : state) {
    auto m = erlang::modified_offered_loads(rates, 900.0, 300.0);
    benchmark::DoNotOptimize(m.average.data());
  }
}
BENCHMARK(BM_ModifiedOfferedLoadsOfTheDay);

}  // namespace

BENCHMARK_MAIN();
