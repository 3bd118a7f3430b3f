// One salon's writes in this process take turns (Store::WriteFor): a write
// waits here, holding nothing, until the salon's previous one is done. In
// the database the salon's advisory lock would make it wait too, but while
// holding a pooled connection, which the other salons' writes need. The
// waiting is bounded, so that a salon sent more writes than it can take in
// turn is refused its excess (kUnavailable, retried later) instead of
// gathering every worker of the process behind it.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "store/store_metrics.h"

namespace salon::pg {

class SalonTurns {
  struct Line {
    std::timed_mutex turn;
    int users = 0;    // holding or waiting for the turn; the line goes at 0
    int waiting = 0;  // of them, waiting
  };

 public:
  // At most `max_waiting` writes of one salon wait, each at most `max_wait`.
  SalonTurns(StoreMetrics& metrics, int max_waiting, std::chrono::milliseconds max_wait)
      : metrics_(metrics), max_waiting_(max_waiting), max_wait_(max_wait) {}

  // `salon`'s turn, waited for at construction and held until destruction
  // when held(); not held when too many wait already or it did not come in time.
  class Turn {
   public:
    Turn(SalonTurns& turns, const std::string& salon);
    ~Turn();
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    bool held() const { return held_; }

   private:
    SalonTurns& turns_;
    std::map<std::string, Line>::iterator line_;  // map nodes stay put
    bool in_line_ = false;
    bool held_ = false;
  };

 private:
  StoreMetrics& metrics_;
  const int max_waiting_;
  const std::chrono::milliseconds max_wait_;
  std::mutex mu_;
  std::map<std::string, Line> lines_;
};

}  // namespace salon::pg
