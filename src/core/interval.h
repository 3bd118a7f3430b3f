// Interval: a half-open span of time [start, end) between two instants, and
// operations on sorted, disjoint interval lists.
#pragma once

#include <vector>

#include "base/clock.h"

namespace salon {

struct Interval {
  Instant start;
  Instant end;

  bool Overlaps(const Interval& o) const { return start < o.end && o.start < end; }
  bool Contains(const Interval& o) const { return start <= o.start && o.end <= end; }
  bool empty() const { return end <= start; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

// Sorts and merges overlapping or touching intervals; drops empty ones.
std::vector<Interval> Normalize(std::vector<Interval> spans);
// `from` minus every interval of `cut`; both may be in any order.
std::vector<Interval> Subtract(std::vector<Interval> from, std::vector<Interval> cut);
// The parts of `a` that are also in `b`.
std::vector<Interval> Intersect(std::vector<Interval> a, std::vector<Interval> b);
// True when one interval of the normalized list `free` contains `x`.
bool Covers(const std::vector<Interval>& free, const Interval& x);

}  // namespace salon
