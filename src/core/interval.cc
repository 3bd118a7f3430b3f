#include "core/interval.h"

#include <algorithm>

namespace salon {

std::vector<Interval> Normalize(std::vector<Interval> spans) {
  std::erase_if(spans, [](const Interval& i) { return i.empty(); });
  std::sort(spans.begin(), spans.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  std::vector<Interval> out;
  for (const Interval& i : spans) {
    if (!out.empty() && i.start <= out.back().end) {
      out.back().end = std::max(out.back().end, i.end);
    } else {
      out.push_back(i);
    }
  }
  return out;
}

std::vector<Interval> Subtract(std::vector<Interval> from, std::vector<Interval> cut) {
  from = Normalize(std::move(from));
  cut = Normalize(std::move(cut));
  std::vector<Interval> out;
  size_t c = 0;
  for (Interval piece : from) {
    while (c < cut.size() && cut[c].end <= piece.start) ++c;
    for (size_t k = c; k < cut.size() && cut[k].start < piece.end; ++k) {
      if (cut[k].start > piece.start) out.push_back({piece.start, cut[k].start});
      piece.start = std::max(piece.start, cut[k].end);
    }
    if (!piece.empty()) out.push_back(piece);
  }
  return out;
}

std::vector<Interval> Intersect(std::vector<Interval> a, std::vector<Interval> b) {
  std::vector<Interval> outside_b = Subtract(a, std::move(b));
  return Subtract(std::move(a), std::move(outside_b));
}

bool Covers(const std::vector<Interval>& free, const Interval& x) {
  // The last interval starting at or before x.start is the only candidate.
  auto it = std::upper_bound(
      free.begin(), free.end(), x.start,
      [](Instant t, const Interval& i) { return t < i.start; });
  if (it == free.begin()) return false;
  return std::prev(it)->Contains(x);
}

}  // namespace salon
