// A realistic call-centre forecast for benchmarks: half-hour intervals, 08:00-20:00 open
// (the night intervals carry a trickle of calls), a two-peak daily curve, weekly
// variation (Monday busiest, Sunday quietest), noise, calls with one decimal as forecasting
// tools produce them, and an AHT that drifts through the day. Deterministic for a seed.
#ifndef ERLANG_BENCH_FORECAST_GENERATOR_HPP
#define ERLANG_BENCH_FORECAST_GENERATOR_HPP

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

namespace erlang::bench {

/// Civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
inline void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

/// `rows` intervals of 30 minutes from 2024-01-01 00:00, CSV with a header.
inline std::string make_forecast(std::size_t rows, std::uint64_t seed = 1) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 1);
  std::string out = "start,calls,aht\n";
  out.reserve(rows * 32 + 16);
  const std::int64_t first_day = 19723;  // 2024-01-01, a Monday
  static constexpr double weekday[7] = {1.15, 1.05, 1.0, 0.98, 0.95, 0.7, 0.5};
  for (std::size_t i = 0; i < rows; ++i) {
    const std::int64_t day = first_day + static_cast<std::int64_t>(i / 48);
    const int slot = static_cast<int>(i % 48);
    const double hour = slot / 2.0 + 0.25;
    double shape = 0.02;  // night trickle
    if (hour >= 8 && hour < 20) {
      const double morning = std::exp(-0.5 * std::pow((hour - 10.75) / 1.6, 2));
      const double afternoon = 0.9 * std::exp(-0.5 * std::pow((hour - 14.25) / 2.0, 2));
      shape = 0.15 + std::max(morning, afternoon);
    }
    const double mean = 190 * shape * weekday[i / 48 % 7];
    const double calls = std::max(0.0, std::round(10 * (mean + std::sqrt(mean) * noise(rng))) / 10);
    const double aht = std::round(175 + 12 * std::sin(hour / 24 * 6.2832) + 8 * noise(rng));
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civil_from_days(day, y, m, d);
    out += fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d},{},{}\n", y, m, d, slot / 2,
                       slot % 2 * 30, calls, aht);
  }
  return out;
}

}  // namespace erlang::bench

#endif  // ERLANG_BENCH_FORECAST_GENERATOR_HPP
