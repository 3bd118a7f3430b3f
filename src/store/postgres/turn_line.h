// Writers waiting for a turn to write, in order of arrival: shared by a
// salon's line of writes (salon_turns.h) and the store's writer slots
// (writer_slots.h). Each waiter ends up taken along into an earlier turn
// (then done once that turn has written it), leading a turn of its own
// (handed on by the turn before), or gone when nobody took it in time.
// Every call is made under the one mutex its caller guards the line with.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace salon::pg {

struct TurnWaiter {
  enum class State { kWaiting, kTaken, kLeads, kDone } state = State::kWaiting;
  std::condition_variable changed;  // of state, under the line's mutex
};

template <class Waiter>  // a TurnWaiter
class TurnLine {
 public:
  // Waits in line, under `lock`, until `me` is taken into a turn or leads
  // one (true); false when nobody took it within `max_wait`: it gave up,
  // and is out of line.
  bool WaitUntilMoved(std::unique_lock<std::mutex>& lock, Waiter& me,
                      std::chrono::milliseconds max_wait) {
    waiting_.push_back(&me);
    if (me.changed.wait_for(lock, max_wait, [&] { return me.state != State::kWaiting; })) {
      return true;
    }
    waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &me));
    return false;
  }
  // Once moved: whether `me` leads a turn (true) or, taken, was written in
  // another's (false, once written, however long that takes).
  static bool Leads(std::unique_lock<std::mutex>& lock, Waiter& me) {
    me.changed.wait(lock, [&] { return me.state == State::kDone || me.state == State::kLeads; });
    return me.state == State::kLeads;
  }

  bool empty() const { return waiting_.empty(); }
  int size() const { return int(waiting_.size()); }
  const Waiter& front() const { return *waiting_.front(); }

  // The longest waiting, taken along into the caller's turn.
  Waiter& Take() {
    Waiter* w = waiting_.front();
    waiting_.pop_front();
    Mark(*w, State::kTaken);
    return *w;
  }
  // A taken waiter's writes are written: its Leads returns false.
  static void Done(Waiter& w) { Mark(w, State::kDone); }
  // The next turn is the longest waiting's; false when none waits.
  bool HandOn() {
    if (waiting_.empty()) return false;
    Waiter* next = waiting_.front();
    waiting_.pop_front();
    Mark(*next, State::kLeads);
    return true;
  }

 private:
  using State = TurnWaiter::State;
  static void Mark(Waiter& w, State state) {
    w.state = state;
    w.changed.notify_one();
  }
  std::deque<Waiter*> waiting_;
};

}  // namespace salon::pg
