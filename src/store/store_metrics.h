// What a store engine reports on /metrics, under a fixed `engine` label
// ("sqlite" or "postgres") and, for transactions, a fixed `kind` ("read" or
// "write"):
//   salon_store_transaction_duration_seconds{engine,kind}  histogram: a Read or
//       Write as its caller saw it (waiting for a connection, running, committing;
//       SQLite's writes include the wait for their batch's group commit;
//       PostgreSQL's taken together (a salon's turn, a writer slot) each count
//       the whole transaction, not the wait for the turn or the slot)
//   salon_store_pool_wait_seconds{engine}     histogram: each connection taken
//       from the pool, how long it waited for one (0 when one was idle)
//   salon_store_pool_waits_total{engine}      takings that found none idle
//   salon_store_pool_timeouts_total{engine}   takings that gave up (PostgreSQL's
//       acquire timeout: the call answers 503)
//   salon_store_connections_in_use{engine}    pooled connections taken now
//   salon_store_connections_max{engine}       the pool's size
//   salon_store_salon_turn_waits{engine}      writes waiting now, in this process,
//       for an earlier write of their salon (PostgreSQL's WriteFor): a busy salon
//   salon_store_writes_queued{engine}        writes waiting now for a writer: SQLite's
//       writer thread; PostgreSQL's writer slots (the salons' turns, writer_slots.h)
//   salon_store_commits_total{engine}        durable commits of writes: SQLite's, one per
//       batch; PostgreSQL's, one per write or per writes taken together
//       (writes over commits: how many share a commit)
//   salon_store_announcements_lost_total{engine}  PostgreSQL announcements (of one or
//       more writes that committed, or may have) whose NOTIFY failed, then again on a
//       fresh connection: the server was unreachable, and every process forgets its
//       caches when it reconnects to listen
// The pool is SQLite's read connections (its writes share one connection and
// queue for it, which the write histogram shows) and PostgreSQL's one pool.
// Thread-safe; every method is a few atomic adds.
#pragma once

#include <chrono>

#include "ops/metrics.h"

namespace salon {

class StoreMetrics {
 public:
  enum class Txn { kRead, kWrite };
  // `metrics` null: reports nothing.
  StoreMetrics(Metrics* metrics, const char* engine, int pool_size);

  void Transaction(Txn kind, std::chrono::steady_clock::duration took);
  // One connection taken after waiting `waited`; `had_to_wait` when none was idle.
  void Acquired(std::chrono::steady_clock::duration waited, bool had_to_wait);
  // One taking that gave up after `waited`.
  void TimedOut(std::chrono::steady_clock::duration waited);
  // One taken connection back in the pool (or closed).
  void Released();
  // A write begins (+1) or ends (-1) waiting for its salon's turn.
  void WaitingForTurn(int change);
  // Writes join (+n) or leave (-n) the queue for a writer (SQLite's writer
  // thread, PostgreSQL's writer slots).
  void WritesQueued(int change);
  // One durable commit of one or more writes.
  void Committed();
  // One write, committed or perhaps, whose announcements to other processes
  // failed twice.
  void AnnouncementLost();

  // Times a transaction from construction to destruction.
  class Timer {
   public:
    Timer(StoreMetrics& metrics, Txn kind)
        : metrics_(metrics), kind_(kind), start_(std::chrono::steady_clock::now()) {}
    ~Timer() { metrics_.Transaction(kind_, std::chrono::steady_clock::now() - start_); }
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

   private:
    StoreMetrics& metrics_;
    Txn kind_;
    std::chrono::steady_clock::time_point start_;
  };

 private:
  Histogram* read_ = nullptr;
  Histogram* write_ = nullptr;
  Histogram* wait_ = nullptr;
  Counter* waits_ = nullptr;
  Counter* timeouts_ = nullptr;
  Gauge* in_use_ = nullptr;
  Gauge* turn_waits_ = nullptr;
  Gauge* writes_queued_ = nullptr;
  Counter* commits_ = nullptr;
  Counter* announcements_lost_ = nullptr;
};

}  // namespace salon
