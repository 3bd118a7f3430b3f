// PgStore: the production engine, shared by any number of salond processes.
// A bounded pool of connections with prepared statements; reads run on a
// REPEATABLE READ snapshot; writes in READ COMMITTED transactions, each
// serialised with the other writes of its salon by an advisory lock (see
// PgTxn; a write known to be one salon's first waits for the salon's turn in
// this process, holding no connection, and the writes that waited go
// together in the next turn, each in a savepoint: salon_turns.h; the turns
// that find every writer slot taken go together in the next free one:
// writer_slots.h), with the exclusion
// constraint on busy time as the last word on double booking. Changes other
// processes commit arrive through LISTEN/NOTIFY on a listener thread and are
// handed to Watch callbacks.
// While the database is unreachable every call answers kUnavailable at once;
// connections are re-made when it is back. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/announcer.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/salon_turns.h"
#include "store/postgres/writer_slots.h"
#include "store/store.h"
#include "store/store_metrics.h"
#include "store/watchers.h"

namespace salon::pg {

class PgTxn;

struct PgConfig {
  std::string url;   // postgres://user@host:port/dbname
  int pool = 16;     // connections at most
  std::chrono::milliseconds acquire_timeout{5000};  // wait for a free connection
  // One salon's writes waiting for their turn (WriteFor), at most: as many
  // as salond's write workers, so that a burst of one salon's bookings (a
  // race for one slot) is answered in turn, each a 201 or a 409.
  int salon_waiting = 64;
  // Writes of one salon in one transaction at most, the turn's own and those
  // it takes along: few enough that its savepoints stay within each
  // backend's cache of 64 subtransactions.
  int salon_together = 16;
  // The salons' turns writing at once, at most, each in a transaction of its
  // own; the turns that find every one taken wait and go together in the
  // next (writer_slots.h), at most `together` writes in one transaction (few
  // enough that its savepoints stay within each backend's cache of 64
  // subtransactions). 0: no bound, each salon's turn in a transaction of
  // its own.
  int writers = 4;
  int together = 32;
  Metrics* metrics = nullptr;  // where to report (store/store_metrics.h); null: nowhere
};

class PgStore final : public Store {
 public:
  // Migrates the schema if the database is reachable now; if not, the first
  // call that reaches it does. Never throws for an unreachable database.
  explicit PgStore(PgConfig config);
  ~PgStore() override;

  Status Read(const std::function<Status(ReadTxn&)>& fn) override;
  Status Write(const std::function<Status(WriteTxn&)>& fn) override;
  // Writes in `salon`'s turn in this process (salon_turns.h): with the
  // writes of the salon that queued behind the one before, and perhaps the
  // turns of other salons that waited for a writer slot, in one transaction.
  Status WriteFor(const SalonId& salon, const std::function<Status(WriteTxn&)>& fn) override;
  // Ok when reachable, migrated, and listening for other processes' changes.
  Status Ready() override;
  Subscription Watch(std::function<void(const Change&)> fn) override;

 private:
  // A pooled connection inside BEGIN `begin`; retried once on a fresh
  // connection when a pooled one turns out dead (the database restarted).
  // With `first`, its statements go in the round trip of the BEGIN.
  std::unique_ptr<Connection> Begin(const char* begin,
                                    const std::function<void(Connection&)>& first = nullptr);
  std::unique_ptr<Connection> Acquire(bool& reused);
  void Release(std::unique_ptr<Connection> c);
  void DropIdle();
  void EnsureMigrated(Connection& c);
  // Writes `writes` in one transaction, each in a savepoint of its own: a
  // write refused (its status, or a statement's failure) leaves no trace and
  // the others are kept. One commit for them all; if it fails, every one of
  // them is refused with its failure (whatever salons they are of). With
  // `leave_out_locked` (in a writer slot), the writes of a salon whose lock
  // another transaction holds (another process's write of it) are left out,
  // unwritten (Queued::left_out), for their own turn to write outside the
  // slots: the slot and the others in it do not wait for that lock; the
  // salons' locks are tried in the BEGIN's round trip. Without it, a lone
  // write is Write's.
  void WriteTogether(std::span<SalonTurns::Queued* const> writes, bool leave_out_locked);
  // The salons of `writes` whose advisory lock another transaction holds;
  // takes the others' for `c`'s transaction.
  std::vector<std::string> LockedElsewhere(Connection& c,
                                           std::span<SalonTurns::Queued* const> writes);
  // Commits, then announces `changes` (Announcer), in a
  // transaction of their own: inside the write's transaction a NOTIFY holds
  // PostgreSQL's database-wide notify lock from before the commit's WAL
  // flush until it ends, so every notifying write would commit alone, one
  // fsync each; after it, the NOTIFY's transaction writes no WAL and waits
  // for no flush. A change still reaches the others only once committed; when
  // the COMMIT's outcome is unknown (the connection lost), it is announced
  // all the same (a needless announcement costs a reread). Throws as
  // Connection::Run unless the COMMIT succeeded.
  void CommitAndAnnounce(Connection& c, std::vector<std::string> changes);
  void ListenLoop(std::promise<void>* first_attempt);

  const PgConfig config_;
  const std::string origin_;  // signs this process's notifications
  StoreMetrics metrics_;
  Announcer announcer_{config_.url, origin_, metrics_};
  SalonTurns turns_{metrics_, config_.salon_waiting, config_.acquire_timeout,
                    config_.salon_together};
  WriterSlots slots_{metrics_, config_.writers, config_.acquire_timeout, config_.together};
  // How a turn's writes are written (WriteTogether): in a writer slot, or
  // waiting for their salons' locks (no slots, or left out of a slot).
  const SalonTurns::WriteTogether write_in_slot_ = [this](auto writes) {
    WriteTogether(writes, true);
  };
  const SalonTurns::WriteTogether write_waiting_ = [this](auto writes) {
    WriteTogether(writes, false);
  };

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;

  std::mutex migrate_mu_;
  std::atomic<bool> migrated_{false};

  Watchers watchers_;  // called on the listener thread
  std::atomic<std::uint64_t> seq_{0};
  std::atomic<bool> listening_{false};
  std::atomic<bool> stop_{false};
  int wake_fd_ = -1;  // eventfd that interrupts the listener's poll
  std::thread listener_;
};

}  // namespace salon::pg
