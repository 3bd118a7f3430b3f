// The copying port: a salon's rows outside the record tables, for copying a
// platform from one engine to another (salonctl copy).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/ids.h"
#include "store/ports/busy_time.h"
#include "store/ports/idempotency.h"
#include "store/ports/outbox.h"

namespace salon {

struct SalonRows {
  std::vector<BusyRow> busy;
  std::vector<std::string> key_hashes;
  std::vector<std::pair<std::string, StoredResponse>> responses;  // by key, scope = salon
  struct DayVersion {
    BranchId branch_id;
    std::string day;
    long long version = 0;
  };
  std::vector<DayVersion> calendar;
  std::vector<MessageRow> messages;
  struct Counter {
    std::string scope;
    long long value = 0;
  };
  std::vector<Counter> counters;
};

class CopyReader {
 public:
  virtual ~CopyReader() = default;
  virtual SalonRows RowsOf(const SalonId& salon) = 0;
};

class CopyWriter {
 public:
  virtual ~CopyWriter() = default;
  // Stores a salon's rows copied from another engine; running it again
  // changes nothing (calendar versions and counters only grow).
  virtual void PutRows(const SalonId& salon, const SalonRows& rows) = 0;
};

}  // namespace salon
