// erlangc plan over realistic forecasts (bench/forecast_generator.hpp): the whole command
// from CSV text in memory to formatted output discarded, per format and model, next to
// the parts it is made of (reading the CSV, one Erlang C staffing solve) measured in the
// same run.
#include "commands.hpp"
#include "forecast_csv.hpp"
#include "forecast_generator.hpp"

#include <erlang/staffing.hpp>

#include <benchmark/benchmark.h>

#include <ostream>
#include <sstream>
#include <streambuf>

namespace {

/// An output stream that discards everything (the plan is formatted in full).
class null_buffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

const std::string& forecast(std::size_t rows) {
  static std::string cached;
  static std::size_t cached_rows = 0;
  if (cached_rows != rows) {
    cached = erlang::bench::make_forecast(rows);
    cached_rows = rows;
  }
  return cached;
}

erlangc::plan_request request(bool erlang_a) {
  erlangc::plan_request r;
  r.staffing.goal.service_level = 0.8;
  r.staffing.goal.answer_time = 20;
  r.staffing.shrinkage = 0.3;
  if (erlang_a) {
    r.staffing.model = erlangc::erlang_a_model{120};
    r.staffing.goal.max_abandon = 0.05;
  }
  return r;
}

void plan(benchmark::State& state, erlangc::output_format format, bool erlang_a) {
  const auto rows = static_cast<std::size_t>(state.range(0));
  const std::string& csv = forecast(rows);
  const auto r = request(erlang_a);
  null_buffer sink;
  std::ostream out(&sink);
  for (auto _ : state) {
    std::istringstream in(csv);
    erlangc::run_plan(r, in, "bench.csv", format, out);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
}

void BM_PlanErlangCText(benchmark::State& s) { plan(s, erlangc::output_format::text, false); }
void BM_PlanErlangCCsv(benchmark::State& s) { plan(s, erlangc::output_format::csv, false); }
void BM_PlanErlangCJson(benchmark::State& s) { plan(s, erlangc::output_format::json, false); }
void BM_PlanErlangAText(benchmark::State& s) { plan(s, erlangc::output_format::text, true); }

void BM_ReadForecast(benchmark::State& state) {
  const std::string& csv = forecast(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::istringstream in(csv);
    erlangc::forecast_reader reader(in, "bench.csv");
    erlangc::forecast_row row;
    double calls = 0;
    while (reader.next(row)) {
      calls += row.calls;
    }
    benchmark::DoNotOptimize(calls);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

// One staffing solve at a busy interval's traffic (about 20 E).
void BM_AgentsForTargets(benchmark::State& state) {
  erlang::staffing_targets<double> t;
  t.service_level = 0.8;
  t.answer_time = 20;
  double e = 19.7;
  for (auto _ : state) {
    benchmark::DoNotOptimize(e);
    benchmark::DoNotOptimize(erlang::agents_for_targets(e, 178.0, t));
  }
}

}  // namespace

BENCHMARK(BM_AgentsForTargets);
BENCHMARK(BM_ReadForecast)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_PlanErlangCText)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlanErlangCText)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_PlanErlangCCsv)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_PlanErlangCJson)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_PlanErlangAText)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(2);

BENCHMARK_MAIN();
