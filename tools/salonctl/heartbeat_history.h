// HeartbeatHistory: the heartbeat's rounds as JSON lines appended to a file,
// one object a round:
//   {"time":"2026-11-20T12:00:00Z","ok":false,"ms":41.2,
//    "steps":[{"step":"availability","ms":3.1,"status":200,"request_id":"heartbeat-…"},…],
//    "error":"book: HTTP 409 (expected 201): …"}
// ("error" is null when ok). Each line is flushed as it is written. One
// thread at a time.
#pragma once

#include <fstream>
#include <memory>
#include <string>

#include "base/result.h"
#include "tools/salonctl/heartbeat_round.h"

namespace salon {

// The JSON line of a round (without its newline).
std::string HistoryLine(const RoundResult& round);

class HeartbeatHistory {
 public:
  // Opens `path` for appending; kUnavailable if it cannot.
  static Result<std::unique_ptr<HeartbeatHistory>> Open(const std::string& path);

  // Appends the round; false if the write failed.
  bool Append(const RoundResult& round);

 private:
  explicit HeartbeatHistory(std::ofstream out) : out_(std::move(out)) {}
  std::ofstream out_;
};

}  // namespace salon
