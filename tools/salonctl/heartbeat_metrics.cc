#include "tools/salonctl/heartbeat_metrics.h"

#include <cmath>
#include <limits>

namespace salon {

namespace {

constexpr const char* kRounds = "salon_heartbeat_rounds_total";
constexpr const char* kRoundsHelp = "Heartbeat rounds by outcome (success, failure)";
constexpr const char* kStep = "salon_heartbeat_step_duration_seconds";
constexpr const char* kStepHelp =
    "How long each step of the last round took (until its failure for a failed step; NaN for "
    "a step it did not reach)";

}  // namespace

HeartbeatMetrics::HeartbeatMetrics(Metrics& metrics)
    : success_(metrics.GaugeOf("salon_heartbeat_success",
                               "1 if the last heartbeat round succeeded, else 0")),
      consecutive_failures_(metrics.GaugeOf("salon_heartbeat_consecutive_failures",
                                            "Heartbeat rounds failed in a row")),
      last_success_(metrics.GaugeOf("salon_heartbeat_last_success_timestamp_seconds",
                                    "Unix time of the last successful round (0: none yet)")),
      rounds_success_(metrics.CounterOf(kRounds, kRoundsHelp, R"({outcome="success"})")),
      rounds_failure_(metrics.CounterOf(kRounds, kRoundsHelp, R"({outcome="failure"})")) {
  for (std::string_view step : kHeartbeatSteps) {
    Gauge& g = metrics.GaugeOf(kStep, kStepHelp, "{step=\"" + std::string(step) + "\"}");
    g.Set(std::numeric_limits<double>::quiet_NaN());
    steps_.push_back(&g);
  }
}

void HeartbeatMetrics::Record(const RoundResult& round, int consecutive_failures) {
  for (size_t i = 0; i < kHeartbeatSteps.size(); ++i) {
    double seconds = std::numeric_limits<double>::quiet_NaN();
    for (const StepResult& s : round.steps) {
      if (s.step == kHeartbeatSteps[i]) seconds = std::round(s.ms * 1000) / 1e6;  // to the µs
    }
    steps_[i]->Set(seconds);
  }
  success_.Set(round.ok ? 1 : 0);
  consecutive_failures_.Set(consecutive_failures);
  if (round.ok) last_success_.Set(double(UnixSeconds(round.time)));
  (round.ok ? rounds_success_ : rounds_failure_).Add();
}

}  // namespace salon
