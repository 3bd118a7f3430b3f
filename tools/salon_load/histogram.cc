#include "tools/salon_load/histogram.h"

#include <algorithm>
#include <cmath>

namespace salon::load {

int Histogram::IndexOf(std::uint64_t v) {
  if (v < 128) return int(v);
  const int msb = 63 - __builtin_clzll(v);
  const int shift = msb - 6;  // v >> shift is in [64, 128)
  return 128 + (shift - 1) * 64 + int((v >> shift) - 64);
}

std::uint64_t Histogram::Low(int index) {
  if (index < 128) return std::uint64_t(index);
  const int shift = (index - 128) / 64 + 1;
  const std::uint64_t sub = std::uint64_t((index - 128) % 64 + 64);
  return sub << shift;
}

std::uint64_t Histogram::High(int index) {
  if (index < 128) return std::uint64_t(index);
  const int shift = (index - 128) / 64 + 1;
  const std::uint64_t sub = std::uint64_t((index - 128) % 64 + 64);
  return ((sub + 1) << shift) - 1;
}

void Histogram::Record(std::uint64_t micros) {
  counts_[std::min(IndexOf(micros), kBuckets - 1)]++;
  count_++;
  sum_ += micros;
  min_ = std::min(min_, micros);
  max_ = std::max(max_, micros);
}

void Histogram::Merge(const Histogram& other) {
  for (int i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

std::uint64_t Histogram::Percentile(double p) const {
  if (count_ == 0) return 0;
  const auto rank = std::max<std::uint64_t>(
      1, std::uint64_t(std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * double(count_))));
  std::uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::clamp(High(i), min_, max_);
  }
  return max_;
}

std::vector<Histogram::Bucket> Histogram::Buckets() const {
  std::vector<Bucket> out;
  for (int i = 0; i < kBuckets; ++i) {
    if (counts_[i]) out.push_back({Low(i), High(i), counts_[i]});
  }
  return out;
}

}  // namespace salon::load
