// apps layer: a progress bar on stderr, shown only on a terminal and never in CI logs or pipes.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace minewatch {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // ends the line if anything was drawn

  bool enabled() const { return enabled_; }
  // Redraws at most ten times a second; safe to call from one thread at a time.
  void update(std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace minewatch
