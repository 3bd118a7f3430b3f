// One salon's writes in this process take turns (Store::WriteFor), and the
// writes that queued behind a turn go together in the next: the write whose
// turn it is runs those waiting behind it with its own, in one transaction
// (PgStore::WriteTogether), while they wait holding nothing. In the database
// the salon's advisory lock would make them wait too, but each holding a
// pooled connection, which the other salons' writes need, and each paying a
// commit of its own: in turn alone, a busy salon's writes are as many a
// second as one transaction at a time allows; together, up to
// `max_together` share each transaction and its commit. The waiting
// is bounded, so that a salon sent more writes than it can take is refused
// its excess (kUnavailable, retried later) instead of gathering every worker
// of the process behind it. A turn then writes in one of the process's
// writer slots, perhaps with other salons' turns (writer_slots.h). (A write
// that reaches a salon other than its own waits for that salon's lock
// inside the group and may deadlock with another process; PostgreSQL ends
// one side, and if it is that write, only it answers kUnavailable.)
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>

#include "base/request_stages.h"
#include "base/result.h"
#include "store/postgres/turn_line.h"
#include "store/store.h"
#include "store/store_metrics.h"

namespace salon::pg {

class SalonTurns {
 public:
  using WriteFn = std::function<Status(WriteTxn&)>;
  // A write in a turn of `*salon`: `result` is set by whoever writes it, on
  // behalf of the request `stages` (its caller's, see base/request_stages.h).
  // `left_out`: it was left out of the transaction it was taken into,
  // unwritten, since another process holds its salon's lock; its own turn
  // writes it (WriterSlots).
  struct Queued {
    const WriteFn* fn;
    RequestStages* stages;
    Status result;
    const std::string* salon;
    bool left_out = false;
  };
  // Writes every one of `writes`, in order, each kept or refused on its own;
  // sets each one's result.
  using WriteTogether = std::function<void(std::span<Queued* const> writes)>;

  // At most `max_waiting` writes of one salon wait, each at most `max_wait`
  // before its turn; a turn writes at most `max_together`.
  SalonTurns(StoreMetrics& metrics, int max_waiting, std::chrono::milliseconds max_wait,
             int max_together)
      : metrics_(metrics),
        max_waiting_(max_waiting),
        max_wait_(max_wait),
        max_together_(max_together) {}

  // `fn`, written in one of `salon`'s turns by `write`, on this thread or on
  // the one whose turn it joined; its result. kUnavailable, unwritten, when
  // too many wait already or its turn did not come in time.
  Status Write(const std::string& salon, const WriteFn& fn, const WriteTogether& write);

  // Calls `write(writes)`; if it throws, answers each of them kInternal.
  static void WriteOrAnswer(const WriteTogether& write, std::span<Queued* const> writes) noexcept;

 private:
  struct Waiter : TurnWaiter {
    Waiter(const std::string& salon, const WriteFn& fn)
        : write{&fn, RequestStages::Current(), Status::Internal("not written"), &salon, false} {}
    Queued write;
  };

  StoreMetrics& metrics_;
  const int max_waiting_;
  const std::chrono::milliseconds max_wait_;
  const int max_together_;
  std::mutex mu_;
  // Salons whose turn is taken: the writes waiting for the next.
  std::unordered_map<std::string, TurnLine<Waiter>> lines_;
};

}  // namespace salon::pg
