// BodyCache: served only for its ETag, and bounded by entries and bytes, the
// least recently used forgotten first (it used to start afresh when full).
#include "http/body_cache.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace salon::http {
namespace {

double Series(const Metrics& metrics, const std::string& series) {
  const std::string text = "\n" + metrics.Render();
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::strtod(text.c_str() + at + series.size() + 2, nullptr);
}

TEST(BodyCacheTest, AnswersABodyOnlyForItsETag) {
  Metrics metrics;
  BodyCache cache({10, 1 << 20}, CacheMetrics(metrics, "bodies", {10, 1 << 20}));
  cache.Put("day", "\"1\"", "body one");
  ASSERT_NE(cache.Find("day", "\"1\""), nullptr);
  EXPECT_EQ(*cache.Find("day", "\"1\""), "body one");
  EXPECT_EQ(cache.Find("day", "\"2\""), nullptr);
  EXPECT_EQ(cache.Find("other", "\"1\""), nullptr);
  cache.Put("day", "\"2\"", "body two");  // replaces
  EXPECT_EQ(*cache.Find("day", "\"2\""), "body two");
  EXPECT_EQ(cache.Find("day", "\"1\""), nullptr);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(Series(metrics, "salon_cache_hits_total{cache=\"bodies\"}"), 3);
  EXPECT_EQ(Series(metrics, "salon_cache_misses_total{cache=\"bodies\"}"), 3);
  EXPECT_EQ(Series(metrics, "salon_cache_entries{cache=\"bodies\"}"), 1);
}

TEST(BodyCacheTest, FullItForgetsTheLeastRecentlyUsedOnly) {
  Metrics metrics;
  BodyCache cache({3, 1 << 20}, CacheMetrics(metrics, "bodies", {3, 1 << 20}));
  cache.Put("a", "e", "A");
  cache.Put("b", "e", "B");
  cache.Put("c", "e", "C");
  ASSERT_NE(cache.Find("a", "e"), nullptr);  // now b is the least recently used
  cache.Put("d", "e", "D");
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.Find("b", "e"), nullptr);
  EXPECT_NE(cache.Find("a", "e"), nullptr);
  EXPECT_NE(cache.Find("c", "e"), nullptr);
  EXPECT_NE(cache.Find("d", "e"), nullptr);
  EXPECT_EQ(Series(metrics, "salon_cache_evictions_total{cache=\"bodies\"}"), 1);
  EXPECT_EQ(Series(metrics, "salon_cache_entries{cache=\"bodies\"}"), 3);
}

TEST(BodyCacheTest, IsBoundedByBytes) {
  Metrics metrics;
  const CacheBounds bounds{1000, 64 << 10};
  BodyCache cache(bounds, CacheMetrics(metrics, "bodies", bounds));
  for (int i = 0; i < 100; ++i) cache.Put("day" + std::to_string(i), "e", std::string(4096, 'x'));
  EXPECT_LE(cache.bytes(), bounds.bytes);
  EXPECT_GE(cache.size(), 10u);
  EXPECT_LE(cache.size(), 16u);
  EXPECT_EQ(Series(metrics, "salon_cache_bytes{cache=\"bodies\"}"), double(cache.bytes()));
  EXPECT_NE(cache.Find("day99", "e"), nullptr);
  EXPECT_EQ(cache.Find("day0", "e"), nullptr);

  // A body larger than the whole bound is answered, not kept, and the rest stay.
  const std::size_t held = cache.size();
  auto huge = cache.Put("huge", "e", std::string(128 << 10, 'x'));
  ASSERT_NE(huge, nullptr);
  EXPECT_EQ(huge->size(), 128u << 10);
  EXPECT_EQ(cache.Find("huge", "e"), nullptr);
  EXPECT_EQ(cache.size(), held);
  EXPECT_NE(cache.Find("day99", "e"), nullptr);
}

}  // namespace
}  // namespace salon::http
