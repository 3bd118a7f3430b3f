// Copies a whole platform from one store to another (salonctl copy): every
// salon with its records, busy time, keys, stored responses and calendar
// versions, in batches. Everything is upserted by id, so running it again
// (after an interruption, say) completes the copy and changes nothing else.
// Run it with no salond writing to the source.
#pragma once

#include <functional>
#include <map>

#include "base/result.h"
#include "store/store.h"

namespace salon {

struct CopyReport {
  long long salons = 0;
  std::map<Kind, long long> records;  // copied and verified, by kind
};

// `progress(done, total)` is called after each batch of records. After each
// salon, its record counts in `to` are checked against `from`: a mismatch is
// kInternal.
Result<CopyReport> CopyStore(Store& from, Store& to,
                             const std::function<void(long long, long long)>& progress,
                             int batch = 500);

}  // namespace salon
