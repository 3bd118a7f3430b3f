#include "store/postgres/salon_turns.h"

#include <algorithm>
#include <vector>

namespace salon::pg {

Result<bool> SalonTurns::Wait(std::unique_lock<std::mutex>& lock, Line& line, Waiter& me,
                              const std::string& salon) {
  using State = Waiter::State;
  if (int(line.waiting.size()) >= max_waiting_) {
    return Status::Unavailable("too many writes of salon " + salon +
                               " are waiting; try again shortly");
  }
  line.waiting.push_back(&me);
  metrics_.WaitingForTurn(+1);
  const bool moved =
      me.changed.wait_for(lock, max_wait_, [&] { return me.state != State::kWaiting; });
  metrics_.WaitingForTurn(-1);
  if (!moved) {  // still in line: nobody took it
    line.waiting.erase(std::find(line.waiting.begin(), line.waiting.end(), &me));
    return Status::Unavailable("the earlier writes of salon " + salon +
                               " took too long; try again shortly");
  }
  me.changed.wait(lock, [&] { return me.state == State::kDone || me.state == State::kLeads; });
  return me.state == State::kLeads;
}

Status SalonTurns::Write(const std::string& salon, const WriteFn& fn, const WriteTogether& write) {
  using State = Waiter::State;
  Waiter me(fn);
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
    Result<bool> leads = Wait(lock, line, me, salon);
    if (!leads.ok()) return leads.status();
    if (!*leads) return me.write.result;
  }
  // This write's turn: it takes the writes waiting behind it along.
  writes.push_back(&me.write);
  while (!line.waiting.empty() && int(writes.size()) < max_together_) {
    Waiter* w = line.waiting.front();
    line.waiting.pop_front();
    w->state = State::kTaken;
    w->changed.notify_one();
    taken.push_back(w);
    writes.push_back(&w->write);
  }
  lock.unlock();
  try {
    write(writes);
  } catch (const std::exception& e) {  // every write's waiter must still be answered
    for (Queued* w : writes) w->result = Status::Internal(e.what());
  } catch (...) {
    for (Queued* w : writes) w->result = Status::Internal("a write failed");
  }
  lock.lock();
  for (Waiter* w : taken) {
    w->state = State::kDone;
    w->changed.notify_one();
  }
  if (line.waiting.empty()) {
    lines_.erase(salon);
  } else {  // the next turn is the longest waiting write's
    Waiter* next = line.waiting.front();
    line.waiting.pop_front();
    next->state = State::kLeads;
    next->changed.notify_one();
  }
  return me.write.result;
}

}  // namespace salon::pg
