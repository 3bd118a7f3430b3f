// Waiting in a test for a gauge to read a value: what another thread is
// doing (queued, waiting its turn) shows in the process's metrics.
#pragma once

#include <chrono>
#include <thread>

#include "ops/metrics.h"

namespace salon::testing {

// Waits (bounded, 10 s) until `gauge` reads `value`; false if it never did.
inline bool WaitForGauge(const Gauge& gauge, double value) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (gauge.value() != value) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

}  // namespace salon::testing
