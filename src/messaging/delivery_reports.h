// Delivery reports, recorded in groups. The gateway calls back once per
// message, about as many a second as messages go out, and each report alone
// would be a write transaction with a durable commit of its own (on
// PostgreSQL a WAL flush each). A report joins those waiting; a caller that
// finds no group being written writes every waiting report in one
// transaction, and each caller answers with its own report's outcome once
// that transaction has committed. A group's messages are read, and locked,
// in one statement in write order (OutboxReader::GetMessages, as the
// dispatcher's outcomes are), so two groups never deadlock.
// On an engine that already commits concurrent writes together (SQLite),
// each report is its own write: grouping them again only made them wait for
// each other's groups (fewer writes per commit, measured).
// Thread-safe.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "store/store.h"

namespace salon {

class DeliveryReports {
 public:
  DeliveryReports(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Moves the message on (Kannel's DLR types: 1 delivered, 2 or 16 failed,
  // 4 and 8 sent) when CanTransition allows it, else changes nothing.
  // kNotFound for an unknown message, kInvalid for an unknown type; a store
  // error fails every report of its group.
  Status Record(const SalonId& salon, const std::string& message_id, int type);

  // Reports waiting for a group to take them (for tests).
  size_t waiting() const;

 private:
  struct Report {
    SalonId salon;
    std::string message_id;
    int type = 0;
    Status outcome;
    bool done = false;
    std::condition_variable wake;  // done, or its turn to write the next group
  };
  void WriteGroup(std::vector<Report*>& group);

  Store& store_;
  const Clock& clock_;
  mutable std::mutex mu_;
  std::vector<Report*> waiting_;
  bool writing_ = false;  // a caller is writing a group now
};

}  // namespace salon
