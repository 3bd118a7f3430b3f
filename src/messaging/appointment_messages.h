// The messages an appointment's changes send, queued in the same write
// transaction as the change (an outbox): a confirmation and a reminder when
// it is booked; a reschedule notice and a new reminder when it moves; a
// cancellation notice when it is cancelled. A queued reminder is withdrawn
// (skipped) when its appointment moves or is cancelled. All of them need
// the client's reminder consent, checked again when each is sent.
#pragma once

#include <functional>
#include <vector>

#include "app/directory.h"
#include "core/appointment.h"
#include "core/client.h"

namespace salon {

// The messages of a new booking, built from its plan before the write
// transaction (the salon, client and branch read on the plan's snapshot, the
// texts rendered), so the salon's writer only stores them.
struct DraftedMessages {
  Appointment planned;
  std::vector<MessageRow> rows;
};

class AppointmentMessages {
 public:
  // `queued` runs after a commit that queued messages (to wake a dispatcher).
  AppointmentMessages(Directory& directory, IdSource& ids, std::function<void()> queued)
      : directory_(directory), ids_(ids), queued_(std::move(queued)) {}

  // `before` is the stored appointment replaced, or null for a new one.
  // `drafted`, if given, is what Draft built for the plan of a new one:
  // stored as they are when `after` is the visit planned, else built anew.
  Status Changed(WriteTxn& txn, const Appointment* before, const Appointment& after,
                 Instant now, const DraftedMessages* drafted = nullptr);
  // A new booking's messages, for Changed, from its plan and its client.
  Result<DraftedMessages> Draft(ReadTxn& txn, const Appointment& planned, const Client& client,
                                Instant now);

 private:
  // The messages of `kind` (and its reminder) for `a`, skipped when the
  // client does not take them.
  Result<std::vector<MessageRow>> Build(ReadTxn& txn, const Appointment& a, MessageKind kind,
                                        Instant now);
  // Build, for `a`'s client already read.
  Result<std::vector<MessageRow>> BuildFor(ReadTxn& txn, const Appointment& a, const Client& client,
                                           MessageKind kind, Instant now);

  Directory& directory_;
  IdSource& ids_;
  std::function<void()> queued_;
};

}  // namespace salon
