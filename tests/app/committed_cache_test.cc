// CommittedCache: its LRU bounds, its metrics, and that a reader's older
// snapshot never replaces a newer commit, even once the entry that knew of
// the commit has been evicted.
#include "app/committed_cache.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace salon {
namespace {

// The value of one series in `metrics`' exposition, or -1.
double Series(const Metrics& metrics, const std::string& series) {
  const std::string text = "\n" + metrics.Render();
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::strtod(text.c_str() + at + series.size() + 2, nullptr);
}

class CommittedCacheTest : public ::testing::Test {
 protected:
  // A cache of at most `entries` strings and `bytes` bytes, reported as "test".
  CommittedCache<std::string> Make(std::size_t entries, std::size_t bytes = 1 << 20) {
    const CacheBounds bounds{entries, bytes};
    return CommittedCache<std::string>(
        bounds, [](const std::string& s) { return s.size(); },
        CacheMetrics(metrics_, "test", bounds));
  }
  double Of(const std::string& family) {
    return Series(metrics_, family + "{cache=\"test\"}");
  }

  Metrics metrics_;
};

TEST_F(CommittedCacheTest, EvictsTheLeastRecentlyUsedAndCountsIt) {
  auto cache = Make(3);
  const auto t = cache.Ticket();
  cache.Emplace("a", "A", 0, t);
  cache.Emplace("b", "B", 0, t);
  cache.Emplace("c", "C", 0, t);
  EXPECT_EQ(cache.Find("a"), "A");  // now b is the least recently used
  cache.Emplace("d", "D", 0, t);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.Find("b"), std::nullopt);
  EXPECT_EQ(cache.Find("a"), "A");
  EXPECT_EQ(cache.Find("c"), "C");
  EXPECT_EQ(cache.Find("d"), "D");

  EXPECT_EQ(Of("salon_cache_entries"), 3);
  EXPECT_EQ(Of("salon_cache_max_entries"), 3);
  EXPECT_EQ(Of("salon_cache_hits_total"), 4);
  EXPECT_EQ(Of("salon_cache_misses_total"), 1);
  EXPECT_EQ(Of("salon_cache_evictions_total"), 1);
  EXPECT_GT(Of("salon_cache_bytes"), 0);
}

TEST_F(CommittedCacheTest, IsBoundedByBytes) {
  const std::size_t entry = LruMap<int>::kEntryOverhead;  // a lower bound of one entry's
  auto cache = Make(1000, 8 * (1000 + entry));
  const auto t = cache.Ticket();
  for (int i = 0; i < 100; ++i) cache.Emplace("k" + std::to_string(i), std::string(1000, 'x'), 0, t);
  EXPECT_LE(cache.size(), 8u);
  EXPECT_GE(cache.size(), 4u);
  EXPECT_LE(Of("salon_cache_bytes"), 8 * (1000 + entry));
  EXPECT_EQ(Of("salon_cache_evictions_total"), 100 - double(cache.size()));
  EXPECT_EQ(cache.Find("k99"), std::string(1000, 'x'));
  EXPECT_EQ(cache.Find("k0"), std::nullopt);
}

TEST_F(CommittedCacheTest, EmplaceNeverReplacesACommit) {
  auto cache = Make(10);
  const auto t = cache.Ticket();
  cache.Assign("k", "new", 0);
  cache.Emplace("k", "old", 0, cache.Ticket());
  EXPECT_EQ(cache.Find("k"), "new");
  cache.Assign("j", "new", 0);
  cache.Emplace("j", "old", 0, t);
  EXPECT_EQ(cache.Find("j"), "new");
}

TEST_F(CommittedCacheTest, AForgottenKeyBlocksOlderReaders) {
  auto cache = Make(10);
  cache.Forget("k", 5);
  cache.Emplace("k", "read at 4", 4, cache.Ticket());
  EXPECT_EQ(cache.Find("k"), std::nullopt);
  cache.Emplace("k", "read at 5", 5, cache.Ticket());
  EXPECT_EQ(cache.Find("k"), "read at 5");
  // Held, it is dropped; and the record stays.
  cache.Forget("k", 6);
  EXPECT_EQ(cache.Find("k"), std::nullopt);
  cache.Emplace("k", "read at 5", 5, cache.Ticket());
  EXPECT_EQ(cache.Find("k"), std::nullopt);
}

TEST_F(CommittedCacheTest, ForgettingKeysItNeverHeldStaysBounded) {
  auto cache = Make(100);
  for (std::uint64_t seq = 1; seq <= 100000; ++seq) {
    cache.Forget("never-held-" + std::to_string(seq), seq);
  }
  EXPECT_EQ(cache.size(), 100u);
  EXPECT_EQ(Of("salon_cache_entries"), 100);
  EXPECT_EQ(Of("salon_cache_evictions_total"), 100000 - 100);
}

TEST_F(CommittedCacheTest, AnEvictedForgottenKeyStillBlocksOlderReaders) {
  auto cache = Make(2);
  cache.Forget("k", 10);
  const auto t = cache.Ticket();
  cache.Emplace("x", "X", 20, t);
  cache.Emplace("y", "Y", 20, t);  // evicts k's record
  ASSERT_EQ(Of("salon_cache_evictions_total"), 1);
  // A reader whose snapshot may predate change 10 may not fill it, nor any key.
  cache.Emplace("k", "read at 9", 9, t);
  EXPECT_EQ(cache.Find("k"), std::nullopt);
  cache.Emplace("z", "read at 9", 9, t);
  EXPECT_EQ(cache.Find("z"), std::nullopt);
  // Readers that heard of it may.
  cache.Emplace("k", "read at 10", 10, t);
  EXPECT_EQ(cache.Find("k"), "read at 10");
}

TEST_F(CommittedCacheTest, AnEvictedCommitStillBlocksReadersBegunBeforeIt) {
  auto cache = Make(2);
  const auto before = cache.Ticket();  // a reader takes this, then reads "old"
  cache.Assign("k", "new", 0);         // a commit
  const auto after = cache.Ticket();
  cache.Emplace("x", "X", 0, after);
  cache.Emplace("y", "Y", 0, after);  // evicts k
  ASSERT_EQ(cache.Find("k"), std::nullopt);
  cache.Emplace("k", "old", 0, before);
  EXPECT_EQ(cache.Find("k"), std::nullopt);
  cache.Emplace("k", "new", 0, after);
  EXPECT_EQ(cache.Find("k"), "new");
}

TEST_F(CommittedCacheTest, ACommitOverAForgottenChangeBlocksReadersBegunBeforeIt) {
  auto cache = Make(10);
  cache.Forget("k", 5);               // another process's change
  const auto before = cache.Ticket();  // a reader of horizon 5 begins, reads "old"
  cache.Assign("k", "new", 3);        // a commit begun before change 5: not kept
  EXPECT_EQ(cache.Find("k"), std::nullopt);
  cache.Emplace("k", "old", 5, before);
  EXPECT_EQ(cache.Find("k"), std::nullopt);
  cache.Emplace("k", "new", 5, cache.Ticket());
  EXPECT_EQ(cache.Find("k"), "new");
}

TEST_F(CommittedCacheTest, ForgetAllEmptiesItAndBlocksOlderReaders) {
  auto cache = Make(10);
  const auto before = cache.Ticket();
  cache.Assign("a", "A", 0);
  cache.Emplace("b", "B", 0, before);
  ASSERT_EQ(Of("salon_cache_entries"), 2);
  cache.ForgetAll(7);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(Of("salon_cache_entries"), 0);
  EXPECT_EQ(Of("salon_cache_bytes"), 0);
  cache.Emplace("b", "read at 6", 6, cache.Ticket());
  EXPECT_EQ(cache.Find("b"), std::nullopt);
  cache.Emplace("a", "read at 7, begun before a's commit", 7, before);
  EXPECT_EQ(cache.Find("a"), std::nullopt);
  cache.Emplace("a", "A", 7, cache.Ticket());
  EXPECT_EQ(cache.Find("a"), "A");
}

TEST_F(CommittedCacheTest, ALargeCacheHoldsItsWholeBoundAcrossShards) {
  auto cache = Make(10000, 64 << 20);
  const auto t = cache.Ticket();
  for (int i = 0; i < 50000; ++i) cache.Emplace("k" + std::to_string(i), "v", 0, t);
  EXPECT_LE(cache.size(), 10000u);
  EXPECT_GE(cache.size(), 9990u);  // each shard full to its share
  EXPECT_EQ(Of("salon_cache_entries"), double(cache.size()));
  EXPECT_EQ(Of("salon_cache_evictions_total"), 50000 - double(cache.size()));
  EXPECT_EQ(cache.Find("k49999"), "v");
}

}  // namespace
}  // namespace salon
