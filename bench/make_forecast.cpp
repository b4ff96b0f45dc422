// Writes a realistic forecast CSV of N half-hour intervals to standard output, for timing
// the whole erlangc command: make_forecast 1000000 > forecast-1m.csv
#include "forecast_generator.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_forecast ROWS > forecast.csv\n");
    return 2;
  }
  const std::string csv = erlang::bench::make_forecast(std::strtoull(argv[1], nullptr, 10));
  return std::fwrite(csv.data(), 1, csv.size(), stdout) == csv.size() ? 0 : 1;
}
