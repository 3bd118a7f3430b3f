// Announcer: tells the other processes what committed writes changed, as
// NOTIFYs on kChangesChannel, the changes of several writes in one. Each
// NOTIFY costs the database a transaction of its own and a wake-up of every
// listening process, whatever it carries: a write that commits while
// another's announcement is on its way waits for it, then goes with every
// write that committed meanwhile, as commits group. Announce returns once
// the write's changes were sent, so a change reaches the others only after
// its commit and before its write is answered. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.h"
#include "store/store_metrics.h"

namespace salon::pg {

class Announcer {
 public:
  // Signs every notification with `origin` (so its sender skips its own).
  Announcer(std::string url, std::string origin, StoreMetrics& metrics)
      : url_(std::move(url)), origin_(std::move(origin)), metrics_(metrics) {}

  // Announces `changes` (lines, see announcement.h) of a committed write; sends
  // them on `c` when it is this call that sends, unless `c` is null or
  // broken. If sending fails, they go again on a connection of their own; if
  // that fails too, the server is unreachable, so every listener reconnects
  // and forgets all it cached anyway, and the loss is counted.
  void Announce(std::vector<std::string> changes, Connection* c);

 private:
  void Send(const std::vector<std::string>& changes, Connection* c);

  const std::string url_;
  const std::string origin_;
  StoreMetrics& metrics_;

  std::mutex mu_;
  std::condition_variable sent_;
  std::vector<std::string> pending_;  // committed, to go in batch next_batch_
  std::uint64_t next_batch_ = 1;
  std::uint64_t sent_through_ = 0;  // every batch up to it was sent
  bool sending_ = false;
};

}  // namespace salon::pg
