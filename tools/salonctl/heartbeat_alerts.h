// HeartbeatAlerts: when the heartbeat speaks to people. Pure: it sees each
// round's outcome and the injected clock, and answers what to announce —
//   firing    after `fail_after` failed rounds in a row (one blip is not an
//             outage), once per outage however long it lasts;
//   resolved  after `recover_after` good rounds in a row once firing (a
//             failure in between starts the count again).
// A good round before the alert fires ends the run of failures. Not
// thread-safe: the heartbeat's loop owns it.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "base/clock.h"

namespace salon {

struct AlertRules {
  int fail_after = 2;
  int recover_after = 3;
};

struct AlertEvent {
  enum class Kind { kFiring, kResolved };
  Kind kind = Kind::kFiring;
  Instant at;                  // now
  Instant since;               // the first failed round of this outage
  int failures = 0;            // failed rounds in a row (firing) or in all (resolved)
  std::string error;           // the last failure's error
};

class HeartbeatAlerts {
 public:
  explicit HeartbeatAlerts(const Clock& clock, AlertRules rules = {});

  // Takes one round's outcome (`error` is why it failed); answers the
  // announcement it calls for, if any.
  std::optional<AlertEvent> Observe(bool ok, const std::string& error = "");

  int consecutive_failures() const { return consecutive_failures_; }
  bool firing() const { return firing_; }

 private:
  const Clock& clock_;
  const AlertRules rules_;
  int consecutive_failures_ = 0;
  int consecutive_successes_ = 0;
  int outage_failures_ = 0;  // failed rounds since the outage began
  bool firing_ = false;
  Instant since_{};
  std::string last_error_;
};

// The chat message for an event: `where` names the heartbeat's target.
std::string AlertText(const AlertEvent& event, const std::string& where);

}  // namespace salon
