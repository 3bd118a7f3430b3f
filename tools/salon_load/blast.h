// The blast scenario of ../shared/WORKLOAD.md: a marketing campaign to every
// consenting client of N salons at once, timed from the first campaign
// request until every message has been handed to the SMS gateway (none
// queued any more) and until every one is delivered, while calendar pulls
// run at a steady rate beside it (their latency is the other half of the
// result: sending must not starve the front desk).
#pragma once

#include <string>

#include "base/result.h"
#include "tools/salon_load/driver.h"
#include "tools/salon_load/scenarios.h"

namespace salon::load {

struct BlastConfig {
  DriverConfig server;  // rate and duration are the pulls'
  int salons = 100;
  int clients_per_salon = 1000;
  std::chrono::seconds limit{600};  // give up waiting after this
};

struct BlastResult {
  long long messages = 0;
  double seconds_to_handed_over = 0;  // no message queued any more
  double seconds_to_delivered = 0;    // every one reported delivered (0: not all were)
  long long failed = 0;
  RunResult pulls;
};

// Adds `clients` clients with marketing consent to each salon of `w` (over
// 4 connections) and lifts its quiet hours, so a blast can run at any hour.
Status AddBlastAudience(const DriverConfig& server, Workload& w, int clients);

Result<BlastResult> RunBlast(const BlastConfig& config, const Workload& w);

}  // namespace salon::load
