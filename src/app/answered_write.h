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

// The same for a use case answering `T`, answered as `how` says. Without a
// key nothing is stored, so the answer is rendered after the commit, off
// the store's writer (on SQLite one thread runs every salon's writes).
template <typename T, typename Work>
Result<Answer> WriteAnswered(Store& store, const Clock& clock,
                             const std::optional<SalonId>& salon, const Answering<T>& how,
                             Work&& work) {
  std::optional<T> unanswered;
  auto write = [&](WriteTxn& txn) -> Result<Answer> {
    SALON_ASSIGN_OR_RETURN(T result, work(txn));
    if (!how.key.empty()) return how.answer(result);
    unanswered = std::move(result);
    return Answer{};
  };
  SALON_ASSIGN_OR_RETURN(Answer answer,
                         WriteAnswered(store, clock, salon, how.key, how.fingerprint, write));
  if (unanswered) return how.answer(*unanswered);
  return answer;
}

}  // namespace salon
