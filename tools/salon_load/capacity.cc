#include "tools/salon_load/capacity.h"

#include <algorithm>

#include "tools/salon_load/scenarios.h"

namespace salon::load {
namespace {

// Runs the day mix on the first `salons` salons of `all`; each round books a
// year further ahead, so no round collides with an earlier one's bookings.
CapacityStep Step(const DriverConfig& base, const Workload& all, int salons, int round,
                  std::chrono::seconds warmup) {
  Workload w = all;
  w.salons.resize(size_t(salons));
  w.first_monday = DayAfter(all.first_monday, 364 * BookingYear(base.seed, round));
  DriverConfig config = base;
  config.rate = salons * kPeakRatePerSalon;
  if (warmup.count() > 0) {
    // Books 13 weeks after the step (which books weeks 0–1, and moves to 26–27).
    Workload warm = w;
    warm.first_monday = DayAfter(w.first_monday, 13 * 7);
    DriverConfig warm_config = config;
    warm_config.duration = warmup;
    Drive(warm_config, *MakeScenario("day", warm));
  }
  RunResult r = Drive(config, *MakeScenario("day", w));
  CapacityStep step;
  step.salons = salons;
  step.rate = config.rate;
  step.scheduled = r.scheduled;
  step.answered = r.latency.count();
  step.errors = r.errors;
  step.p99_ms = double(r.latency.Percentile(99)) / 1000.0;
  step.passed = r.errors == 0 && step.answered == step.scheduled && step.p99_ms < 50.0;
  return step;
}

}  // namespace

Result<CapacityResult> FindCapacity(DriverConfig base, const SalonSource& salons,
                                    int start_salons, int max_salons,
                                    std::chrono::seconds warmup, int bisections) {
  CapacityResult result;
  Workload w = NewWorkload();
  int passed = 0, failed = 0;
  for (int n = std::max(1, start_salons); n <= max_salons; n = std::min(n * 2, max_salons)) {
    SALON_RETURN_IF_ERROR(salons(n, w));
    if (int(w.salons.size()) < n) {
      max_salons = n = int(w.salons.size());  // all there are
    }
    CapacityStep step = Step(base, w, n, int(result.steps.size()), warmup);
    result.steps.push_back(step);
    if (!step.passed) {
      failed = n;
      break;
    }
    passed = n;
    if (n == max_salons) break;
  }
  for (int i = 0; failed && i < bisections && failed - passed > 1; ++i) {
    const int mid = passed + (failed - passed) / 2;
    CapacityStep step = Step(base, w, mid, int(result.steps.size()), warmup);
    result.steps.push_back(step);
    (step.passed ? passed : failed) = mid;
  }
  result.salons = passed;
  result.reached_max = failed == 0 && passed == max_salons;
  return result;
}

}  // namespace salon::load
