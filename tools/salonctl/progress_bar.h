// A one-line progress bar on stderr, redrawn at most ten times a second
// (when stderr is not a terminal, only 0 % and 100 %, so logs stay short).
#pragma once

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <string>

namespace salon {

class ProgressBar {
 public:
  explicit ProgressBar(std::string unit = "records") : unit_(std::move(unit)) {}

  void operator()(long long done, long long total) {
    const auto now = std::chrono::steady_clock::now();
    const bool last = done >= total;
    if (!last && now - drawn_ < std::chrono::milliseconds(100)) return;
    if (!tty_ && !last && done != 0) return;
    drawn_ = now;
    const int width = 40;
    const int filled = total > 0 ? int(width * done / total) : width;
    std::cerr << (tty_ ? "\r[" : "[") << std::string(filled, '#')
              << std::string(width - filled, '.') << "] " << (total ? 100 * done / total : 100)
              << "% " << done << "/" << total << " " << unit_ << (tty_ && !last ? "" : "\n")
              << std::flush;
  }

 private:
  const std::string unit_;
  const bool tty_ = isatty(STDERR_FILENO) != 0;
  std::chrono::steady_clock::time_point drawn_{};
};

}  // namespace salon
