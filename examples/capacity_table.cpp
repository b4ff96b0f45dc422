// Prints the Erlang B capacity table: the traffic a group of circuits carries at a given
// blocking probability, found by bisection on erlang_b (monotone in traffic).
#include <erlang/erlang_b.hpp>

#include <cstdio>

namespace {

double capacity(double servers, double blocking) {
  double lo = 0;
  double hi = servers + 10;
  while (erlang::erlang_b(hi, servers) <= blocking) {
    hi *= 2;
  }
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (erlang::erlang_b(mid, servers) <= blocking ? lo : hi) = mid;
  }
  return lo;
}

}  // namespace

int main() {
  const double targets[] = {0.001, 0.005, 0.01, 0.02, 0.05};
  std::printf("Erlang B capacity: traffic (erlangs) carried at a blocking probability\n\n");
  std::printf("%8s", "servers");
  for (double b : targets) {
    std::printf("  %8.1f%%", 100 * b);
  }
  std::printf("\n");
  for (int m : {1, 2, 5, 10, 15, 20, 30, 50, 100, 200, 500, 1000}) {
    std::printf("%8d", m);
    for (double b : targets) {
      std::printf("  %9.3f", capacity(m, b));
    }
    std::printf("\n");
  }
}
