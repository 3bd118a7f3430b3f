// The capacity figure: the most salons whose `day` mix at peak rate one
// salond serves with p99 under 50 ms and no errors. Salons are added as the
// search goes (doubling, then halving the gap between the last pass and the
// first failure).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "tools/salon_load/day_mix.h"
#include "tools/salon_load/driver.h"
#include "tools/salon_load/scenarios.h"

namespace salon::load {

// The day mix's requests per salon in a 10-hour day (WORKLOAD.md's 2,790,
// see day_mix.h); peaks are 3x the mean.
inline constexpr double kPeakRatePerSalon = double(kDayMixRequests) / 36000.0 * 3;

struct CapacityStep {
  int salons = 0;
  double rate = 0, p99_ms = 0;
  std::uint64_t scheduled = 0, answered = 0, errors = 0;
  bool passed = false;
};

struct CapacityResult {
  int salons = 0;  // the capacity figure (0: even the first step failed)
  bool reached_max = false;  // every step passed up to `max_salons`
  std::vector<CapacityStep> steps;
};

// Makes `w` hold at least `n` salons (through the API, or from seeded ones).
using SalonSource = std::function<Status(int n, Workload& w)>;

// `base` gives the server, connections and step duration; the rate is set
// per step. Each step first runs its mix for `warmup`, unmeasured, so that
// it measures a server in its steady state, not one filling its caches.
Result<CapacityResult> FindCapacity(DriverConfig base, const SalonSource& salons,
                                    int start_salons, int max_salons,
                                    std::chrono::seconds warmup = std::chrono::seconds(5),
                                    int bisections = 3);

}  // namespace salon::load
