#include "store/postgres/salon_turns.h"

namespace salon::pg {

SalonTurns::Turn::Turn(SalonTurns& turns, const std::string& salon) : turns_(turns) {
  std::unique_lock lock(turns_.mu_);
  line_ = turns_.lines_.try_emplace(salon).first;
  Line& line = line_->second;
  if (line.turn.try_lock()) {
    held_ = in_line_ = true;
    ++line.users;
    return;
  }
  if (line.waiting >= turns_.max_waiting_) return;  // someone holds it: the line stays
  in_line_ = true;
  ++line.users;
  ++line.waiting;
  lock.unlock();
  turns_.metrics_.WaitingForTurn(+1);
  held_ = line.turn.try_lock_for(turns_.max_wait_);
  turns_.metrics_.WaitingForTurn(-1);
  lock.lock();
  --line.waiting;
}

SalonTurns::Turn::~Turn() {
  if (!in_line_) return;
  if (held_) line_->second.turn.unlock();
  std::lock_guard lock(turns_.mu_);
  if (--line_->second.users == 0) turns_.lines_.erase(line_);
}

}  // namespace salon::pg
