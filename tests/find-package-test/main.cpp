// Uses the installed package: B(2, 2) = 2 / (1 + 2 + 2) = 0.4 and C(2, 2) = 1 (overloaded).
#include <erlang/erlang.hpp>

#include <cmath>
#include <cstdio>

int main() {
  const double b = erlang::erlang_b(2.0, 2.0);
  const double c = erlang::erlang_c(2.0, 2.0);
  std::printf("find_package consumer: erlang_b(2, 2) = %.17g, erlang_c(2, 2) = %g\n", b, c);
  return std::fabs(b - 0.4) < 1e-15 && c == 1 ? 0 : 1;
}
