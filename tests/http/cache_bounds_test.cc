// Issue 11: the in-memory caches stay within their bounds, in entries and in
// resident memory, whatever days a salon key asks for.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/http/test_client.h"
#include "tests/support/sanitizers.h"

namespace salon::testing {
namespace {

// This process's resident memory in bytes (VmRSS of /proc/self/status).
double ResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) * 1024;
  }
  return 0;
}

class CacheBoundsTest : public ServerTest {
 protected:
  // The value of one series of the node's /metrics (polled in-process), or -1.
  double Series(const std::string& series) {
    const std::string text = "\n" + node_->metrics().Render();
    const auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::strtod(text.c_str() + at + series.size() + 2, nullptr);
  }
  double OfCache(const std::string& family, const std::string& cache) {
    return Series(family + "{cache=\"" + cache + "\"}");
  }

  // Asks for the calendar of weeks [from, to) after 2000-01-01 (days=7)
  // on `threads` keep-alive connections; answers how many were not 200.
  int AskWeeks(const SalonFixture& s, int from, int to, int threads) {
    const std::string base = s.base() + "/branches/" + s.branch + "/calendar?date=";
    const LocalDate first = *ParseDate("2000-01-01");
    std::atomic<int> failed{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        Client client(port_);
        for (int week = from + t; week < to; week += threads) {
          Reply r = client.Send(boost::beast::http::verb::get,
                                base + FormatDate(first + date::days(7 * week)) + "&days=7", "",
                                {{"Authorization", "Bearer " + s.key}});
          if (r.status != 200) failed++;
        }
      });
    }
    for (auto& w : workers) w.join();
    return failed.load();
  }
};

TEST_F(CacheBoundsTest, EveryCacheShowsItsDefaultBoundsInMetrics) {
  auto s = MakeSalon();
  ASSERT_EQ(Get(s.base() + "/branches/" + s.branch + "/calendar?date=2026-11-23", s.key).status,
            200);
  Reply metrics = Get("/metrics", "");
  ASSERT_EQ(metrics.status, 200);
  for (const char* cache : {"salon_keys", "branches", "staff_lists", "services", "clients",
                            "calendar_versions", "calendar_bodies"}) {
    const std::string labels = std::string("{cache=\"") + cache + "\"}";
    for (const char* family : {"salon_cache_entries", "salon_cache_bytes", "salon_cache_max_entries",
                               "salon_cache_max_bytes", "salon_cache_hits_total",
                               "salon_cache_misses_total", "salon_cache_evictions_total"}) {
      EXPECT_NE(metrics.body.find(std::string("\n") + family + labels + " "), std::string::npos)
          << family << labels;
    }
  }
  EXPECT_EQ(OfCache("salon_cache_max_entries", "calendar_versions"),
            double(CalendarVersions::kCacheBounds.entries));
  EXPECT_EQ(OfCache("salon_cache_max_entries", "calendar_bodies"), 20000);
  EXPECT_EQ(OfCache("salon_cache_max_bytes", "calendar_bodies"), 64 << 20);
  EXPECT_EQ(OfCache("salon_cache_max_entries", "branches"),
            double(Directory::kBranchBounds.entries));
  // The pull above: the branch's and the day's versions, one body.
  EXPECT_EQ(OfCache("salon_cache_entries", "calendar_versions"), 2);
  EXPECT_EQ(OfCache("salon_cache_entries", "calendar_bodies"), 1);
  EXPECT_GE(OfCache("salon_cache_misses_total", "calendar_bodies"), 1);
}

// 100,002 distinct days (14,286 weeks) from one salon key, with the caches
// scaled to a fortieth (6,553 versions, 500 bodies) so that they are full
// after the first 20,006 days: the entries stay at their bounds, and the
// other 80,000 days grow resident memory by less than 8 MiB (unbounded, the
// caches took some 24 MiB more), and the whole test by less than 128 MiB
// (measured from its start: run beside the binary's other tests, the
// process holds what they left).
TEST_F(CacheBoundsTest, AHundredThousandDistinctDaysStayWithinTheBounds) {
  if (!store_.empty()) GTEST_SKIP() << "the caches do not depend on the engine: SQLite only";
  constexpr double kScale = 0.025;
  constexpr double kMiB = 1 << 20;
  // Under the sanitizers, memory is not measured (below): enough weeks to
  // evict as many days again as the caches hold.
  constexpr int kWarmUp = 2858, kWeeks = kSanitized ? 2 * kWarmUp : 14286, kThreads = 2;
  const double before = ResidentBytes();
  Restart([&](NodeConfig& c) {
    c.rate_limit = 0;
    c.cache_scale = kScale;
  });
  auto s = MakeSalon();
  const double versions_bound = double(std::size_t(CalendarVersions::kCacheBounds.entries * kScale));
  EXPECT_EQ(OfCache("salon_cache_max_entries", "calendar_versions"), versions_bound);
  EXPECT_EQ(OfCache("salon_cache_max_entries", "calendar_bodies"), 500);

  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(AskWeeks(s, 0, kWarmUp, kThreads), 0);
  EXPECT_EQ(OfCache("salon_cache_entries", "calendar_versions"), versions_bound);
  EXPECT_EQ(OfCache("salon_cache_entries", "calendar_bodies"), 500);
  const double full = ResidentBytes();

  ASSERT_EQ(AskWeeks(s, kWarmUp, kWeeks, kThreads), 0);
  const double end = ResidentBytes();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%d days in %.1f s; resident %.1f MiB once the caches were full, %.1f MiB after\n",
              7 * kWeeks, seconds, full / kMiB, end / kMiB);

  EXPECT_EQ(OfCache("salon_cache_entries", "calendar_versions"), versions_bound);
  EXPECT_EQ(OfCache("salon_cache_entries", "calendar_bodies"), 500);
  // Every day but the last bound's worth was evicted (the branch's own
  // version, read by every pull, stays).
  EXPECT_EQ(OfCache("salon_cache_evictions_total", "calendar_versions"),
            7 * kWeeks + 1 - versions_bound);
  EXPECT_EQ(OfCache("salon_cache_evictions_total", "calendar_bodies"), kWeeks - 500);
  EXPECT_LE(OfCache("salon_cache_bytes", "calendar_bodies"), 64 * kMiB * kScale);
  EXPECT_EQ(OfCache("salon_cache_entries", "salon_keys"), 1);
  EXPECT_EQ(OfCache("salon_cache_entries", "branches"), 1);
  if (kSanitized) return;  // freed memory stays resident in ASan's quarantine
  EXPECT_LT(end - full, 8 * kMiB);
  EXPECT_LT(end - before, 128 * kMiB);
}

}  // namespace
}  // namespace salon::testing
