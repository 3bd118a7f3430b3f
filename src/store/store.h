// The storage port: what the layers above need from a database, and nothing
// engine-specific. Engines (sqlite/, postgres/) implement it.
//
// It is made of focused ports, one per concern (store/ports/): records,
// busy time, idempotency, salon keys, calendar versions, counters, the
// outbox and copying. A use case or helper takes the ports it uses; a
// transaction is all of them. Transaction methods throw StoreError on engine
// failures; Store::Read and Store::Write catch them at this boundary and
// answer a Status, so callers only see values.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "base/status.h"
#include "store/ports/busy_time.h"
#include "store/ports/calendar_versions.h"
#include "store/ports/copying.h"
#include "store/ports/counters.h"
#include "store/ports/idempotency.h"
#include "store/ports/outbox.h"
#include "store/ports/records.h"
#include "store/ports/salon_keys.h"
#include "store/subscription.h"

namespace salon {

// A change another process committed to a shared database, for in-memory
// caches to forget what it replaces. `seq` numbers the changes this process
// has heard of, from 1.
struct Change {
  enum class What {
    kRecord,    // the record `kind`/`id` was put
    kCalendar,  // the calendar day `day` of branch `id` changed
    kAll,       // changes may have been missed: forget everything
  };
  What what = What::kAll;
  Kind kind = Kind::kSalon;
  std::string id;
  std::string day;
  std::uint64_t seq = 0;
};

// Thrown by transaction methods; mapped to a Status by the engine.
struct StoreError : std::runtime_error {
  StoreError(Code c, const std::string& what) : std::runtime_error(what), code(c) {}
  Code code;
};

// A consistent snapshot: every port's reads.
class ReadTxn : public RecordReader,
                public BusyTimeReader,
                public ResponseReader,
                public SalonKeyReader,
                public CalendarVersionReader,
                public OutboxReader,
                public CopyReader {
 public:
  // Whether this is a WriteTxn's: its reads may then see its own changes,
  // not yet committed, which no cache may take.
  virtual bool writing() const = 0;
  // The seq of the last Change heard before this transaction's snapshot was
  // taken: a value read here reflects every change up to it (0 when no other
  // process shares the database).
  virtual std::uint64_t Horizon() const { return 0; }
};

// A transaction serialised with the salon's other writes: every port.
class WriteTxn : public ReadTxn,
                 public RecordWriter,
                 public BusyTimeWriter,
                 public ResponseWriter,
                 public SalonKeyWriter,
                 public CalendarVersionWriter,
                 public Counters,
                 public OutboxWriter,
                 public CopyWriter {
 public:
  // Runs `fn` after the transaction is durably committed, before Write returns.
  virtual void OnCommit(std::function<void()> fn) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` on a consistent snapshot. Engine failure: kUnavailable.
  virtual Status Read(const std::function<Status(ReadTxn&)>& fn) = 0;
  // Runs `fn` in a transaction serialised with every other write of the same
  // salon (the salon of the first salon-scoped call). If it answers ok, the
  // changes are durable when Write returns ok; otherwise none of them are kept.
  virtual Status Write(const std::function<Status(WriteTxn&)>& fn) = 0;
  // Write, for a transaction known beforehand to be one of `salon`'s. An
  // engine whose writes of one salon wait for each other in the database
  // (PostgreSQL's advisory lock) first queues it behind that salon's other
  // writes in this process, so that a busy salon's waiting writes hold no
  // connection the other salons need; the writes that waited (the salon's,
  // and other salons' waiting for a writer) may then go together in one
  // transaction, as SQLite's writer groups every write: `fn` may run on
  // another thread, after other writes in the same transaction whose commit
  // hooks (and so the caches they update) run only once all of them commit.
  virtual Status WriteFor(const SalonId& salon, const std::function<Status(WriteTxn&)>& fn) {
    (void)salon;
    return Write(fn);
  }
  // Write without waiting for it: `done` is called once, with what Write
  // would answer, after the commit (or the refusal). `fn` and `done` are
  // kept until then. An engine that writes asynchronously (below) calls
  // `done` on its writer thread, so it must be short and must not block;
  // it may call WriteAsync again. By default the write runs here, now.
  virtual void WriteAsync(std::function<Status(WriteTxn&)> fn, std::function<void(Status)> done) {
    done(Write(fn));
  }
  // Whether WriteAsync returns before the write is done (SQLite's writer
  // thread), so that a caller gains by not waiting for it.
  virtual bool WritesAsynchronously() const { return false; }
  // Whether writes made at the same time already share one commit (SQLite's
  // group commit), so callers gain nothing by grouping them themselves.
  // (PostgreSQL groups only the writes made through WriteFor: a salon's
  // queued writes, and the salons' turns that waited for a writer slot.)
  virtual bool CommitsConcurrentWritesTogether() const { return false; }
  // Ok when the database is reachable and its schema current.
  virtual Status Ready() = 0;
  // Calls `fn` (on an engine thread) with each change other processes commit,
  // until the Subscription answered is destroyed: that waits for a call in
  // progress, so hold it in something destroyed before what `fn` touches.
  // Engines a single process owns have none. Register before serving.
  virtual Subscription Watch(std::function<void(const Change&)> fn) {
    (void)fn;
    return {};
  }
};

}  // namespace salon
