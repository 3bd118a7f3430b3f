// The histogram's percentiles against exactly computed ones.
#include "tools/salon_load/histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace salon::load {
namespace {

TEST(HistogramTest, PercentilesMatchExactOnesWithinTheBucketPrecision) {
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> latency(std::log(2000.0), 1.2);  // µs, long tail
  std::vector<std::uint64_t> values;
  Histogram h;
  for (int i = 0; i < 200000; ++i) {
    const auto v = std::uint64_t(latency(rng));
    values.push_back(v);
    h.Record(v);
  }
  std::sort(values.begin(), values.end());
  for (double p : {1.0, 10.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0}) {
    const size_t rank = std::max<size_t>(1, size_t(std::ceil(p / 100 * double(values.size()))));
    const double exact = double(values[rank - 1]);
    const double got = double(h.Percentile(p));
    EXPECT_GE(got, exact) << "p" << p;  // never below: the bucket's top
    EXPECT_LE(got, exact * (1 + 1.0 / 64) + 1) << "p" << p;
  }
  EXPECT_EQ(h.count(), values.size());
  EXPECT_EQ(h.min(), values.front());
  EXPECT_EQ(h.max(), values.back());
  EXPECT_EQ(h.Percentile(100), values.back());
}

TEST(HistogramTest, SmallValuesAreExactAndMergingAddsCounts) {
  Histogram a, b;
  for (std::uint64_t v = 1; v <= 100; ++v) (v % 2 ? a : b).Record(v);
  a.Merge(b);
  EXPECT_EQ(a.count(), 100u);
  EXPECT_EQ(a.Percentile(50), 50u);
  EXPECT_EQ(a.Percentile(99), 99u);
  EXPECT_DOUBLE_EQ(a.mean(), 50.5);
  Histogram empty;
  EXPECT_EQ(empty.Percentile(99), 0u);
}

TEST(HistogramTest, HugeValuesDoNotOverflowTheBuckets) {
  Histogram h;
  h.Record(~0ull);
  h.Record(1ull << 40);
  EXPECT_EQ(h.count(), 2u);
  EXPECT_EQ(h.max(), ~0ull);
  EXPECT_GE(h.Percentile(50), 1ull << 40);
}

}  // namespace
}  // namespace salon::load
