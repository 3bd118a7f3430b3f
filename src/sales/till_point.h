// Where something stands in a branch's till: the instant it happened and
// its place in the branch's posting sequence. Instants are whole seconds,
// so several postings (a sale, its void, the day's cash-up) can share one;
// the sequence — numbered 1, 2, … per branch in the order the salon's
// serialised writes committed them — orders them within it. A cash-up takes
// a number of its own, so what was posted before it and after it are told
// apart even in its second. Pure; thread-safe.
#pragma once

#include "base/clock.h"
#include "sales/ledger_entry.h"

namespace salon {

struct TillPoint {
  Instant at;
  // The place in the branch's posting sequence; 0 for none: an entry
  // posted before the sequence was kept, or a bound set by a local
  // midnight rather than by a cash-up.
  long long seq = 0;
  friend bool operator==(const TillPoint&, const TillPoint&) = default;
};

// Whether `p` comes before `bound`: by sequence when both have one, else
// by time (an instant equal to the bound's is not before it).
inline bool Before(const TillPoint& p, const TillPoint& bound) {
  if (p.seq > 0 && bound.seq > 0) return p.seq < bound.seq;
  return p.at < bound.at;
}

// Where entry `e` stands.
inline TillPoint PointOf(const LedgerEntry& e) { return {e.posted_at, e.seq}; }

}  // namespace salon
