// What the SMS gateway tells us back: delivery reports (Kannel's DLR types:
// 1 delivered to the phone, 2 not delivered to it, 4 queued on the SMSC,
// 8 delivered to the SMSC, 16 not delivered to the SMSC) and replies, of
// which STOP/START words change marketing consent at the one salon whose
// sender the phone answered.
#pragma once

#include <string>

#include "app/directory.h"
#include "base/clock.h"
#include "base/result.h"
#include "messaging/delivery_reports.h"
#include "store/store.h"

namespace salon {

class GatewayCallbacks {
 public:
  GatewayCallbacks(Store& store, Directory& directory, const Clock& clock)
      : store_(store), directory_(directory), clock_(clock), reports_(store, clock) {}

  // Moves the message on (1 delivered, 2 or 16 failed, 4 and 8 sent) when
  // CanTransition allows it, else changes nothing: a late or repeated report
  // never moves a message back (delivered stays delivered). kNotFound for an
  // unknown message, kInvalid for an unknown type. Written through
  // DeliveryReports: in groups, on an engine without group commit.
  Status DeliveryReport(const SalonId& salon, const std::string& message_id, int type);

  // A reply from phone `from` to the number `to` (Kannel's receiver). It is
  // attributed to the salon that last texted `from` with sender `to` (or,
  // when no branch sends as `to`, with the provider's default sender); a
  // reply that cannot be attributed changes nothing and is logged. Answers
  // how many clients' consent it changed (0 for other text).
  Result<int> Reply(const std::string& from, const std::string& to, const std::string& text);

 private:
  Store& store_;
  Directory& directory_;  // consent is saved through its client cache
  const Clock& clock_;
  DeliveryReports reports_;
};

}  // namespace salon
