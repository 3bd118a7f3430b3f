// A log-linear latency histogram (in the manner of HdrHistogram): exact below
// 128 µs, then 64 buckets per power of two, so any recorded value is known to
// within 1/64 (1.6 %) from 1 µs to days, in fixed memory, and histograms of
// several threads or seconds merge by adding counts.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace salon::load {

class Histogram {
 public:
  void Record(std::uint64_t micros);
  void Merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  std::uint64_t min() const { return count_ ? min_ : 0; }
  std::uint64_t max() const { return max_; }
  double mean() const { return count_ ? double(sum_) / double(count_) : 0; }
  // The smallest recorded value (to the bucket's precision) at or below which
  // `p` percent of the values lie; 0 when empty.
  std::uint64_t Percentile(double p) const;

  struct Bucket {
    std::uint64_t low, high, count;  // values in [low, high]
  };
  // The buckets that hold values, in order.
  std::vector<Bucket> Buckets() const;

  static constexpr int kBuckets = 128 + 64 * 58;

 private:
  static int IndexOf(std::uint64_t v);
  static std::uint64_t Low(int index);
  static std::uint64_t High(int index);

  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t count_ = 0, sum_ = 0, min_ = ~0ull, max_ = 0;
};

}  // namespace salon::load
