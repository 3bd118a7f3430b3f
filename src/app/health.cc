#include "app/health.h"

#include "app/records.h"

namespace salon {

Result<OutboxBacklog> Health::Backlog(Instant now) {
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<OutboxBacklog> {
    return txn.Backlog(UnixSeconds(now));
  });
}

}  // namespace salon
