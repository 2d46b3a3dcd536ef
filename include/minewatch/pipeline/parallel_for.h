// pipeline layer: running a per-meter step over many meters on a few threads, in contiguous blocks (each
// meter's work is independent; blocks keep each thread's writes to its own part of the output).
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace minewatch {

// Runs body(i) for i in [0, count) on up to `threads` threads (0 = all hardware threads); one thread when
// there are fewer than 256 items a thread, where starting threads costs more than it saves.
template <class Body>
void parallel_for(std::size_t count, unsigned threads, const Body& body) {
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers =
      std::min<std::size_t>(threads == 0 ? hardware : threads, std::max<std::size_t>(1, count / 256));
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  std::vector<std::thread> pool;
  for (std::size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      for (std::size_t i = w * count / workers; i < (w + 1) * count / workers; ++i) body(i);
    });
  }
  for (auto& t : pool) t.join();
}

}  // namespace minewatch
