#include "store/postgres/writer_slots.h"

#include <algorithm>
#include <vector>

namespace salon::pg {
namespace {

// A turn that was left out of the transaction it was in (its salon locked
// by another process; left out whole, since all its writes are of that
// salon) is written now in one of its own, outside the slots: as every turn
// was before them, it waits in the database for its salon's lock.
void WriteIfLeftOut(std::span<SalonTurns::Queued* const> turn,
                    const SalonTurns::WriteTogether& write_alone) {
  if (std::ranges::none_of(turn, [](const SalonTurns::Queued* w) { return w->left_out; })) return;
  for (SalonTurns::Queued* w : turn) w->left_out = false;
  SalonTurns::WriteOrAnswer(write_alone, turn);
}

}  // namespace

void WriterSlots::Write(const std::string& salon, std::span<Queued* const> turn,
                        const SalonTurns::WriteTogether& write,
                        const SalonTurns::WriteTogether& write_alone) {
  using Line = TurnLine<Waiter>;
  Waiter me(salon, turn);
  // Room for a slot's writes, made first: once in line, nothing may throw
  // before the slot is handed on.
  const std::size_t room = std::max<std::size_t>(max_together_, turn.size());
  std::vector<Waiter*> turns;
  std::vector<Queued*> writes;
  turns.reserve(room);
  writes.reserve(room);
  std::unique_lock lock(mu_);
  if (free_ > 0) {
    --free_;
  } else {
    metrics_.WritesQueued(+int(turn.size()));
    const bool moved = line_.WaitUntilMoved(lock, me, max_wait_);
    metrics_.WritesQueued(-int(turn.size()));
    if (!moved) {
      for (Queued* w : turn) {
        w->result = Status::Unavailable("every writer was busy too long; try again shortly");
      }
      return;
    }
    if (!Line::Leads(lock, me)) {
      lock.unlock();  // a left-out turn's writing holds up no other
      return WriteIfLeftOut(turn, write_alone);
    }
  }
  // This turn holds a slot: it takes the turns waiting for one along, first
  // come first, as many as fit.
  turns.push_back(&me);
  std::size_t count = turn.size();
  while (!line_.empty() && count + line_.front().turn.size() <= std::size_t(max_together_)) {
    Waiter& w = line_.Take();
    count += w.turn.size();
    turns.push_back(&w);
  }
  lock.unlock();
  std::sort(turns.begin(), turns.end(),
            [](const Waiter* a, const Waiter* b) { return a->salon < b->salon; });
  for (const Waiter* t : turns) writes.insert(writes.end(), t->turn.begin(), t->turn.end());
  SalonTurns::WriteOrAnswer(write, writes);
  lock.lock();
  for (Waiter* t : turns) {
    if (t != &me) Line::Done(*t);
  }
  if (!line_.HandOn()) ++free_;
  lock.unlock();
  WriteIfLeftOut(turn, write_alone);
}

}  // namespace salon::pg
