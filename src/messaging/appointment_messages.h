// The messages an appointment's changes send, queued in the same write
// transaction as the change (an outbox): a confirmation and a reminder when
// it is booked; a reschedule notice and a new reminder when it moves; a
// cancellation notice when it is cancelled. A queued reminder is withdrawn
// (skipped) when its appointment moves or is cancelled. All of them need
// the client's reminder consent, checked again when each is sent.
#pragma once

#include <functional>

#include "app/directory.h"
#include "core/appointment.h"

namespace salon {

class AppointmentMessages {
 public:
  // `queued` runs after a commit that queued messages (to wake a dispatcher).
  AppointmentMessages(Directory& directory, IdSource& ids, std::function<void()> queued)
      : directory_(directory), ids_(ids), queued_(std::move(queued)) {}

  // `before` is the stored appointment replaced, or null for a new one.
  Status Changed(WriteTxn& txn, const Appointment* before, const Appointment& after,
                 Instant now);

 private:
  Directory& directory_;
  IdSource& ids_;
  std::function<void()> queued_;
};

}  // namespace salon
