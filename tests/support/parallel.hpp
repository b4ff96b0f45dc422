// Sweeps over a grid on several threads: the audits evaluate their 50-digit references
// point by point, each point on its own.
#ifndef ERLANG_TESTS_SUPPORT_PARALLEL_HPP
#define ERLANG_TESTS_SUPPORT_PARALLEL_HPP

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <thread>
#include <vector>

namespace erlang::test {

/// The threads of a sweep: ERLANG_AUDIT_THREADS, or by default the hardware's, at most 4.
inline unsigned thread_count() {
  if (const char* env = std::getenv("ERLANG_AUDIT_THREADS")) {
    return static_cast<unsigned>(std::max(1, std::atoi(env)));
  }
  return std::clamp(std::thread::hardware_concurrency(), 1U, 4U);
}

/// Runs work(i) for every i in [0, count), each once, on `threads` threads (the calling
/// one among them) that take the next index as they finish the last.
inline void parallel_for(std::size_t count, const std::function<void(std::size_t)>& work,
                         unsigned threads = thread_count()) {
  std::atomic<std::size_t> next{0};
  auto loop = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      work(i);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    pool.emplace_back(loop);
  }
  loop();
  for (auto& t : pool) {
    t.join();
  }
}

}  // namespace erlang::test

#endif  // ERLANG_TESTS_SUPPORT_PARALLEL_HPP
