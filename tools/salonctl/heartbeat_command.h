// salonctl heartbeat: runs HeartbeatRound against a canary salon every
// --every (default 60 s) until SIGINT or SIGTERM, and
//   - announces outages to --webhook per HeartbeatAlerts (2 failed rounds
//     in a row; recovery after 3 good ones) through ChatWebhook,
//   - serves HeartbeatMetrics and its log lines counted (ops/log_metrics.h)
//     on --metrics-listen (default 127.0.0.1:9470),
//   - appends each round to --history (JSON lines),
//   - logs one line a round (spdlog).
// With --once: one round, its report on stdout, exit 0 if it succeeded and 1
// if not (no metrics server, no alerts: nothing outlives the round).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/result.h"
#include "tools/salonctl/heartbeat_round.h"

namespace salon {

struct HeartbeatOptions {
  HeartbeatTarget target;
  std::string every = "60s";
  bool once = false;
  std::string webhook;                            // "" = no chat
  std::string metrics_listen = "127.0.0.1:9470";  // "" = no /metrics
  std::string history;                            // "" = no history
};

// "60s", "5m", "1h" or "90" (seconds), more than zero; else kInvalid.
Result<std::chrono::seconds> ParseEvery(std::string_view text);

// Answers the exit code: 2 for bad options; with --once 0 or 1; else 0 once
// stopped by a signal, 1 if it could not start.
int RunHeartbeat(const HeartbeatOptions& options);

}  // namespace salon
