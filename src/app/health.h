// Health as operators see it: whether the store answers, and the outbox's
// backlog. Thread-safe; no state of its own.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "store/store.h"

namespace salon {

class Health {
 public:
  explicit Health(Store& store) : store_(store) {}

  // Ok when the store answers (kUnavailable otherwise).
  Status Ready() { return store_.Ready(); }
  // Messages due at `now` and not yet handed to the gateway.
  Result<OutboxBacklog> Backlog(Instant now);

 private:
  Store& store_;
};

}  // namespace salon
