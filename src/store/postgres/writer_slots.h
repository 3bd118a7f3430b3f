// The salons' turns (salon_turns.h) that write at once in this process, at
// most `slots`, each turn in a transaction of its own; a turn that finds
// every slot taken waits, and when a slot frees, the turn that gets it takes
// the turns waiting behind it along into its transaction (at most
// `max_together` writes in all): the group commit of SQLite's one writer,
// across salons, on PostgreSQL. A busy store's writes then share BEGIN,
// COMMIT, its WAL flush and the NOTIFY after it, and the database serves a
// few transactions, not one per pooled connection, on the same cores.
// A transaction's turns are written in salon order, each after the one
// before; their salons' advisory locks (pg_txn.h) are all tried at its BEGIN,
// never waited for, and a salon whose lock another process holds is left out
// (PgStore::WriteTogether) and written by its own turn outside the slots,
// so that it holds up no slot and nobody else. A salon is in at most one
// slot at a time, since its next turn begins only once this one has been
// written.
#pragma once

#include <chrono>
#include <mutex>
#include <span>
#include <string>

#include "store/postgres/salon_turns.h"
#include "store/postgres/turn_line.h"
#include "store/store_metrics.h"

namespace salon::pg {

class WriterSlots {
 public:
  using Queued = SalonTurns::Queued;

  // At most `slots` transactions at once; a turn waits at most `max_wait`
  // for one.
  WriterSlots(StoreMetrics& metrics, int slots, std::chrono::milliseconds max_wait,
              int max_together)
      : metrics_(metrics), free_(slots), max_wait_(max_wait), max_together_(max_together) {}

  // Writes `turn`, the writes of one turn of `salon`, by `write`: in a slot
  // now, or with the other turns waiting when one frees; if `write` left
  // the turn out (Queued::left_out), by `write_alone`, outside the slots.
  // Sets each write's result: kUnavailable, unwritten, when no slot came
  // within max_wait.
  void Write(const std::string& salon, std::span<Queued* const> turn,
             const SalonTurns::WriteTogether& write, const SalonTurns::WriteTogether& write_alone);

 private:
  struct Waiter : TurnWaiter {
    Waiter(const std::string& salon, std::span<Queued* const> turn) : salon(salon), turn(turn) {}
    const std::string& salon;
    std::span<Queued* const> turn;
  };

  StoreMetrics& metrics_;
  std::mutex mu_;
  int free_;  // slots no turn holds, under mu_
  TurnLine<Waiter> line_;
  const std::chrono::milliseconds max_wait_;
  const int max_together_;
};

}  // namespace salon::pg
