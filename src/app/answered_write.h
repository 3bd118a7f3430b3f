// Runs a use case's write with its answer kept under an Idempotency-Key
// (answer.h). For the use cases of app/ only.
#pragma once

#include <optional>
#include <string>

#include "app/answer.h"
#include "base/clock.h"
#include "base/result.h"
#include "store/store.h"

namespace salon {

// Runs `work` in one durable write transaction of `store`: one of `salon`'s
// (Store::WriteFor), or the platform admin's when none. With a key, the
// answer is stored in the same transaction under (the salon or "admin",
// key), and a repeat answers the stored one (replayed) instead of running
// `work`.
Result<Answer> WriteAnswered(Store& store, const Clock& clock,
                             const std::optional<SalonId>& salon, const std::string& key,
                             const std::string& fingerprint,
                             const std::function<Result<Answer>(WriteTxn&)>& work);

// The same for a use case answering `T`, answered as `how` says.
template <typename T, typename Work>
Result<Answer> WriteAnswered(Store& store, const Clock& clock,
                             const std::optional<SalonId>& salon, const Answering<T>& how,
                             Work&& work) {
  return WriteAnswered(store, clock, salon, how.key, how.fingerprint,
                       [&](WriteTxn& txn) -> Result<Answer> {
                         SALON_ASSIGN_OR_RETURN(T result, work(txn));
                         return how.answer(result);
                       });
}

}  // namespace salon
