// HeartbeatRound: one end-to-end check of a canary salon through the REST
// API, as a client and the front desk would see it:
//   availability        the first free slot of the service from tomorrow (7 days)
//   calendar_before     that day's calendar, for its ETag before the booking
//   book                POST appointments with an Idempotency-Key (201)
//   calendar            the day again with If-None-Match: a new ETag (200,
//                       not 304) and the appointment in it
//   cancel              POST appointments/{id}/cancel (200, cancelled)
//   availability_after  that day's availability for the same staff member
//                       shows the slot free again
// Six requests a round, each bounded by the timeout; the first round also
// looks up the service (1 request) and the canary client (1, or 2 when it
// creates it) unless they were given. A round fails at the first step that
// answers an unexpected status, a wrong body or nothing in time, and the
// error names that step. A booking left behind by a failed round is
// cancelled at once; one whose answer never came is settled next round by
// replaying its Idempotency-Key. Not thread-safe: one round at a time.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "tools/salonctl/http_client.h"

namespace salon {

// What the heartbeat checks. `service` and `client` may be empty: the salon's
// first service, and the canary client (found by kCanaryEmail or created
// once, without SMS consent, so the salon's real clients get no texts).
struct HeartbeatTarget {
  // The canary salon's URL, http://127.0.0.1:8080/v1/salons/<id>, or
  // salond's base URL with `salon` naming it.
  std::string url;
  std::string salon;
  std::string key;  // the canary salon's key
  std::string branch;
  std::string service;
  std::string client;
  std::chrono::milliseconds timeout{10000};  // per request
};

// The URL of the target's salon (…/v1/salons/<id>); kInvalid when `url` is
// not an http(s) URL, or names no salon and `salon` is empty.
Result<HttpUrl> SalonUrl(const HeartbeatTarget& target);

inline constexpr std::string_view kCanaryEmail = "heartbeat@canary.invalid";

// The steps of a round, in order; also the `step` label values.
inline constexpr std::array<std::string_view, 6> kHeartbeatSteps = {
    "availability", "calendar_before", "book", "calendar", "cancel", "availability_after"};

struct StepResult {
  std::string step;
  double ms = 0;       // until its answer, or its failure
  int status = 0;      // 0: no answer
  std::string request_id;  // sent as X-Request-Id, to find it in salond's logs
};

struct RoundResult {
  Instant time;  // when the round started (the injected clock)
  bool ok = false;
  double ms = 0;  // the whole round
  std::vector<StepResult> steps;  // those that ran, the failed one last
  std::string error;  // "" when ok; else "<step>: …"
};

class HeartbeatRound {
 public:
  // `clock` tells the day (tomorrow is the first one searched) and stamps
  // rounds; latencies are measured on the steady clock.
  HeartbeatRound(HeartbeatTarget target, const Clock& clock);

  // Runs one round. Never throws.
  RoundResult Run();

 private:
  class Steps;
  // A booking not cancelled: its id, or when its answer never came, its
  // key and body, to replay for the id.
  struct Unsettled {
    std::string idempotency_key, body, appointment;
  };

  // Finds the service and client when they were not given (recorded as
  // steps find_service, find_client, create_client).
  Status Resolve(RoundResult& result);
  // Cancels the unsettled booking, if any; forgets it once it is cancelled
  // or known never to have been made.
  void Settle();

  HeartbeatTarget target_;
  const Clock& clock_;
  Result<HttpUrl> salon_url_;
  std::optional<HttpClient> http_;
  std::optional<Unsettled> unsettled_;
  long long rounds_ = 0;
};

}  // namespace salon
