// The counters port: per salon, numbers that must have no gap (receipt
// numbers, a branch's posting sequence).
#pragma once

#include <string_view>

#include "base/ids.h"

namespace salon {

class Counters {
 public:
  virtual ~Counters() = default;
  // Increments and answers `salon`'s counter `scope` (1 the first time).
  // Undone with the transaction and serialised with the salon's writes, so
  // the numbers it answers (receipt numbers) have no gap and no repeat.
  virtual long long NextNumber(const SalonId& salon, std::string_view scope) = 0;
};

}  // namespace salon
