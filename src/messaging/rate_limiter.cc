#include "messaging/rate_limiter.h"

#include <algorithm>
#include <thread>

namespace salon {

void RateLimiter::Acquire() {
  if (rate_ <= 0) return;
  std::unique_lock lock(mu_);
  for (;;) {
    const auto now = SteadyClock::now();
    tokens_ = std::min(rate_, tokens_ + std::chrono::duration<double>(now - last_).count() * rate_);
    last_ = now;
    if (tokens_ >= 1) {
      tokens_ -= 1;
      return;
    }
    // Pacing the provider is this class's purpose: wait for the next token.
    const auto wait = std::chrono::duration<double>((1 - tokens_) / rate_);
    lock.unlock();
    std::this_thread::sleep_for(wait);
    lock.lock();
  }
}

}  // namespace salon
