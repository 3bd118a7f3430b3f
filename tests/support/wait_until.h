// Waiting in a test, bounded, for what another thread is doing (queued,
// waiting its turn) to show: in a condition, or in the process's metrics.
#pragma once

#include <chrono>
#include <thread>

#include "ops/metrics.h"

namespace salon::testing {

// Waits (10 s at most) until `ready()`; false if it never was.
template <typename Condition>
bool WaitUntil(Condition ready) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!ready()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

// Waits (10 s at most) until `gauge` reads `value`.
inline bool WaitForGauge(const Gauge& gauge, double value) {
  return WaitUntil([&] { return gauge.value() == value; });
}

}  // namespace salon::testing
