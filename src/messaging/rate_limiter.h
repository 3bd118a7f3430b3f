// A token bucket: at most `per_second` acquisitions a second on average,
// with bursts up to one second's worth. Thread-safe; Acquire blocks.
#pragma once

#include <chrono>
#include <mutex>

namespace salon {

class RateLimiter {
 public:
  explicit RateLimiter(double per_second) : rate_(per_second), tokens_(per_second) {}
  // Waits until a token is free (at once when the rate is 0: unlimited).
  void Acquire();

 private:
  using SteadyClock = std::chrono::steady_clock;
  const double rate_;
  double tokens_;
  SteadyClock::time_point last_ = SteadyClock::now();
  std::mutex mu_;
};

}  // namespace salon
