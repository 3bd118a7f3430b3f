// The open model: requests are sent at times fixed in advance (Poisson
// arrivals at a rate), whatever the server does, and each latency counts from
// the request's scheduled time, so a stalled server shows its stall in the
// latencies instead of hiding it by slowing the sender (no coordinated
// omission).
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace salon::load {

using Micros = std::chrono::microseconds;

// Arrival times from 0, exponentially spaced with mean 1/rate. Deterministic
// for a seed.
class PoissonSchedule {
 public:
  PoissonSchedule(double per_second, std::uint64_t seed)
      : gap_(per_second), rng_(seed) {}
  // The next arrival, as an offset from the start.
  Micros Next() {
    at_ += gap_(rng_) * 1e6;
    return Micros(static_cast<long long>(at_));
  }

 private:
  std::exponential_distribution<double> gap_;
  std::mt19937_64 rng_;
  double at_ = 0;
};

}  // namespace salon::load
