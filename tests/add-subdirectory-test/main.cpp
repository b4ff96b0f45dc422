// Uses erlang through add_subdirectory: B(1, 1) = 1/2, and a service level in [0, 1].
#include <erlang/erlang.hpp>

#include <cmath>
#include <cstdio>

int main() {
  const double b = erlang::erlang_b(1, 1);
  const double sl = erlang::service_level(10.0, 12.0, 180.0, 20.0);
  std::printf("add_subdirectory consumer: erlang_b(1, 1) = %g, service level = %.4f\n", b, sl);
  return b == 0.5 && sl > 0 && sl < 1 ? 0 : 1;
}
