#include "store/postgres/salon_turns.h"

#include <vector>

namespace salon::pg {

void SalonTurns::WriteOrAnswer(const WriteTogether& write,
                               std::span<Queued* const> writes) noexcept {
  try {
    write(writes);
  } catch (const std::exception& e) {  // every write's waiter must still be answered
    for (Queued* w : writes) w->result = Status::Internal(e.what());
  } catch (...) {
    for (Queued* w : writes) w->result = Status::Internal("a write failed");
  }
}

Status SalonTurns::Write(const std::string& salon, const WriteFn& fn, const WriteTogether& write) {
  using Line = TurnLine<Waiter>;
  Waiter me(salon, fn);
  // Room for a turn's writes, made first: once in line, nothing may throw
  // before the turn is handed on.
  std::vector<Queued*> writes;
  std::vector<Waiter*> taken;
  writes.reserve(max_together_);
  taken.reserve(max_together_);
  std::unique_lock lock(mu_);
  auto [at, first] = lines_.try_emplace(salon);
  Line& line = at->second;  // stays put until erased below, by the last turn
  if (!first) {
    if (line.size() >= max_waiting_) {
      return Status::Unavailable("too many writes of salon " + salon +
                                 " are waiting; try again shortly");
    }
    metrics_.WaitingForTurn(+1);
    const bool moved = line.WaitUntilMoved(lock, me, max_wait_);
    metrics_.WaitingForTurn(-1);
    if (!moved) {
      return Status::Unavailable("the earlier writes of salon " + salon +
                                 " took too long; try again shortly");
    }
    if (!Line::Leads(lock, me)) return me.write.result;
  }
  // This write's turn: it takes the writes waiting behind it along.
  writes.push_back(&me.write);
  while (!line.empty() && int(writes.size()) < max_together_) {
    Waiter& w = line.Take();
    taken.push_back(&w);
    writes.push_back(&w.write);
  }
  lock.unlock();
  WriteOrAnswer(write, writes);
  lock.lock();
  for (Waiter* w : taken) Line::Done(*w);
  if (!line.HandOn()) lines_.erase(salon);
  return me.write.result;
}

}  // namespace salon::pg
