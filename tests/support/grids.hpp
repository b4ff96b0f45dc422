// Parameter grids of the tests and audits: log-spaced and linear values, the pairs of two
// grids, and the audits' choice between the full and the coarse grid.
#ifndef ERLANG_TESTS_SUPPORT_GRIDS_HPP
#define ERLANG_TESTS_SUPPORT_GRIDS_HPP

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace erlang::test {

/// lo 10^(k / per_decade) for k = 0, 1, ..., round(per_decade log10(hi / lo)): from lo to
/// about hi.
inline std::vector<double> log_spaced(double lo, double hi, int per_decade) {
  std::vector<double> v;
  const int steps = static_cast<int>(std::round(std::log10(hi / lo) * per_decade));
  for (int k = 0; k <= steps; ++k) {
    v.push_back(lo * std::pow(10.0, static_cast<double>(k) / per_decade));
  }
  return v;
}

/// 10^(k / per_decade + offset) for the integers k with lo_exp <= k / per_decade <= hi_exp.
inline std::vector<double> powers_of_ten(int lo_exp, int hi_exp, int per_decade,
                                         double offset = 0) {
  std::vector<double> v;
  for (int k = lo_exp * per_decade; k <= hi_exp * per_decade; ++k) {
    v.push_back(std::pow(10.0, static_cast<double>(k) / per_decade + offset));
  }
  return v;
}

/// lo + k step for k = 0, 1, ... while at most hi.
inline std::vector<double> linear_spaced(double lo, double hi, double step) {
  std::vector<double> v;
  for (int k = 0; lo + k * step <= hi; ++k) {
    v.push_back(lo + k * step);
  }
  return v;
}

/// Each value rounded to the nearest integer.
inline std::vector<double> rounded(std::vector<double> v) {
  for (double& x : v) {
    x = std::round(x);
  }
  return v;
}

/// 0, 1, ..., n - 1.
inline std::vector<std::size_t> indices(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = i;
  }
  return v;
}

/// Every pair (x, y) of the two grids, x in the outer loop.
template <class X, class Y>
std::vector<std::pair<X, Y>> pairs(const std::vector<X>& xs, const std::vector<Y>& ys) {
  std::vector<std::pair<X, Y>> v;
  v.reserve(xs.size() * ys.size());
  for (const X& x : xs) {
    for (const Y& y : ys) {
      v.emplace_back(x, y);
    }
  }
  return v;
}

/// f(x, y, ...) for every combination of one value from each list, the first list in the
/// outermost loop.
template <class F, class T, class... Ts>
void for_each_combination(const F& f, std::initializer_list<T> list,
                          std::initializer_list<Ts>... rest) {
  for (const T& x : list) {
    if constexpr (sizeof...(Ts) == 0) {
      f(x);
    } else {
      for_each_combination([&](const Ts&... more) { f(x, more...); }, rest...);
    }
  }
}

/// True where ERLANG_AUDIT_GRID=coarse asks the audits for their coarse grid (the
/// sanitizer and debug builds, see tests/CMakeLists.txt).
inline bool coarse_grid() {
  const char* grid = std::getenv("ERLANG_AUDIT_GRID");
  return grid != nullptr && std::string(grid) == "coarse";
}

}  // namespace erlang::test

#endif  // ERLANG_TESTS_SUPPORT_GRIDS_HPP
