// HeartbeatMetrics: the heartbeat's results as Prometheus series, named for
// deploy/prometheus/rules/heartbeat.yml (SalonHeartbeatFailing reads
// salon_heartbeat_consecutive_failures, SalonHeartbeatStale
// salon_heartbeat_last_success_timestamp_seconds). Labels come from fixed
// sets only (step, outcome): nothing grows with salons. Every series exists
// from the start. Thread-safe (the Metrics' own guarantee).
#pragma once

#include <vector>

#include "ops/metrics.h"
#include "tools/salonctl/heartbeat_round.h"

namespace salon {

class HeartbeatMetrics {
 public:
  explicit HeartbeatMetrics(Metrics& metrics);

  // Records a round; `consecutive_failures` counts it (see HeartbeatAlerts).
  // A step the round did not reach reads NaN until a round reaches it.
  void Record(const RoundResult& round, int consecutive_failures);

 private:
  Gauge& success_;
  Gauge& consecutive_failures_;
  Gauge& last_success_;
  Counter& rounds_success_;
  Counter& rounds_failure_;
  std::vector<Gauge*> steps_;  // in kHeartbeatSteps' order
};

}  // namespace salon
