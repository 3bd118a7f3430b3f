#include "base/lru_map.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace salon {
namespace {

constexpr std::size_t kOverhead = LruMap<int>::kEntryOverhead;

struct Evictions {
  std::vector<std::string> keys;
  auto Sink() {
    return [this](std::string_view key, const int&) { keys.emplace_back(key); };
  }
};

TEST(LruMapTest, EvictsTheLeastRecentlyUsedBeyondItsEntries) {
  LruMap<int> map({3, 1 << 20});
  Evictions gone;
  map.Put("a", 1, 0, gone.Sink());
  map.Put("b", 2, 0, gone.Sink());
  map.Put("c", 3, 0, gone.Sink());
  ASSERT_NE(map.Find("a"), nullptr);  // now b is the least recently used
  ASSERT_NE(map.Peek("b"), nullptr);  // a peek does not count as a use
  map.Put("d", 4, 0, gone.Sink());
  EXPECT_EQ(gone.keys, std::vector<std::string>{"b"});
  EXPECT_EQ(map.size(), 3u);
  EXPECT_EQ(map.Find("b"), nullptr);
  ASSERT_NE(map.Find("a"), nullptr);
  EXPECT_EQ(*map.Find("a"), 1);
  EXPECT_EQ(*map.Find("c"), 3);
  EXPECT_EQ(*map.Find("d"), 4);
}

TEST(LruMapTest, ReplacingAKeyMakesItTheMostRecentAndRecountsItsBytes) {
  LruMap<int> map({2, 1 << 20});
  Evictions gone;
  map.Put("a", 1, 10, gone.Sink());
  map.Put("b", 2, 10, gone.Sink());
  map.Put("a", 5, 100, gone.Sink());
  EXPECT_EQ(map.bytes(), 110 + 2 * (1 + kOverhead));
  map.Put("c", 3, 0, gone.Sink());
  EXPECT_EQ(gone.keys, std::vector<std::string>{"b"});
  EXPECT_EQ(*map.Find("a"), 5);
  EXPECT_EQ(map.bytes(), 100 + 2 * (1 + kOverhead));
}

TEST(LruMapTest, EvictsTheLeastRecentlyUsedBeyondItsBytes) {
  const std::size_t entry = 1000 + 1 + kOverhead;
  LruMap<int> map({100, 3 * entry});
  Evictions gone;
  for (const char* key : {"a", "b", "c"}) map.Put(key, 0, 1000, gone.Sink());
  EXPECT_TRUE(gone.keys.empty());
  EXPECT_EQ(map.bytes(), 3 * entry);
  map.Find("a");
  map.Put("d", 0, 1500, gone.Sink());  // needs the room of two
  EXPECT_EQ(gone.keys, (std::vector<std::string>{"b", "c"}));
  EXPECT_LE(map.bytes(), 3 * entry);
  EXPECT_NE(map.Find("a"), nullptr);
  EXPECT_NE(map.Find("d"), nullptr);
}

TEST(LruMapTest, AValueLargerThanTheBoundIsNotKeptNorFlushesTheRest) {
  LruMap<int> map({100, 4096});
  Evictions gone;
  map.Put("small", 1, 10, gone.Sink());
  map.Put("replaced", 2, 10, gone.Sink());
  EXPECT_EQ(map.Put("huge", 3, 10000, gone.Sink()), nullptr);
  EXPECT_EQ(map.Put("replaced", 4, 10000, gone.Sink()), nullptr);
  EXPECT_EQ(gone.keys, (std::vector<std::string>{"huge", "replaced"}));
  EXPECT_EQ(map.size(), 1u);
  EXPECT_EQ(map.bytes(), 10 + 5 + kOverhead);
  EXPECT_EQ(map.Find("replaced"), nullptr);
  EXPECT_NE(map.Find("small"), nullptr);
}

TEST(LruMapTest, EraseAndClearGiveBackTheirBytes) {
  LruMap<int> map({10, 1 << 20});
  Evictions gone;
  map.Put("a", 1, 10, gone.Sink());
  map.Put("b", 2, 20, gone.Sink());
  EXPECT_TRUE(map.Erase("a"));
  EXPECT_FALSE(map.Erase("a"));
  EXPECT_EQ(map.bytes(), 20 + 1 + kOverhead);
  map.Clear();
  EXPECT_EQ(map.size(), 0u);
  EXPECT_EQ(map.bytes(), 0u);
  EXPECT_TRUE(gone.keys.empty());
}

}  // namespace
}  // namespace salon
