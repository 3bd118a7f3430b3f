// Issue 14: /metrics answers operators' questions. Each series below must be
// there, with a value that makes sense: the store's transactions by kind, its
// pool's waits and connections in use, the process's open files and threads,
// and the build it runs. Runs on SQLite and (postgres.*) on PostgreSQL.
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ops/build_info.h"
#include "tests/http/pool_holder.h"
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

class MetricsTest : public ServerTest {
 protected:
  std::string engine() const { return store_.empty() ? "sqlite" : "postgres"; }
  std::string Engine() const { return "{engine=\"" + engine() + "\"}"; }
  std::string EngineKind(const char* kind) const {
    return "{engine=\"" + engine() + "\",kind=\"" + kind + "\"}";
  }

  // The value of `series` (name and labels) in `text`, or -1 when absent.
  static double ValueIn(const std::string& text, const std::string& series) {
    const std::string all = "\n" + text;
    const auto at = all.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::strtod(all.c_str() + at + series.size() + 2, nullptr);
  }
  // From the node's metrics, read in-process.
  double Value(const std::string& series) { return ValueIn(node_->metrics().Render(), series); }
  // From GET /metrics, as Prometheus reads it.
  double Scraped(const std::string& series) {
    Reply m = Get("/metrics", "");
    EXPECT_EQ(m.status, 200);
    return ValueIn(m.body, series);
  }
};

TEST_F(MetricsTest, StoreTransactionsAreTimedByEngineAndKind) {
  auto s = MakeSalon();  // writes
  ASSERT_EQ(Get(s.base() + "/clients", s.key).status, 200);  // reads
  Reply m = Get("/metrics", "");
  ASSERT_EQ(m.status, 200);
  const std::string family = "salon_store_transaction_duration_seconds";
  EXPECT_NE(m.body.find("# TYPE " + family + " histogram"), std::string::npos);
  for (const char* kind : {"read", "write"}) {
    const double count = ValueIn(m.body, family + "_count" + EngineKind(kind));
    const double sum = ValueIn(m.body, family + "_sum" + EngineKind(kind));
    EXPECT_GT(count, 0) << kind << " transactions missing from /metrics:\n" << m.body;
    EXPECT_GT(sum, 0) << kind;
    EXPECT_LT(sum / count, 5) << kind << ": a mean above 5 s in a test is no timing";
    EXPECT_EQ(ValueIn(m.body, family + "_bucket{engine=\"" + engine() + "\",kind=\"" + kind +
                                  "\",le=\"+Inf\"}"),
              count)
        << kind;
  }
  // Fixed label sets: the other engine never shows, nor any other kind.
  const std::string other = store_.empty() ? "postgres" : "sqlite";
  EXPECT_EQ(m.body.find("engine=\"" + other + "\""), std::string::npos);
  EXPECT_EQ(m.body.find(s.id), std::string::npos) << "a salon id in a label";
}

TEST_F(MetricsTest, StorePoolShowsItsSizeAndConnectionsInUse) {
  Restart([](NodeConfig& c) { c.store_pool = 4; });  // PostgreSQL; SQLite has 16 readers
  const int size = store_.empty() ? 16 : 4;
  EXPECT_EQ(Scraped("salon_store_connections_max" + Engine()), size);
  const double idle_in_use = Value("salon_store_connections_in_use" + Engine());
  EXPECT_GE(idle_in_use, 0);
  EXPECT_LE(idle_in_use, size);
  EXPECT_GE(Value("salon_store_pool_wait_seconds_count" + Engine()), 1);  // /metrics read the store
  EXPECT_GE(Value("salon_store_pool_waits_total" + Engine()), 0);
  EXPECT_GE(Value("salon_store_pool_timeouts_total" + Engine()), 0);

  {
    PoolHolder pool(node_->store(), 2);
    ASSERT_TRUE(pool.all_held());
    EXPECT_GE(Value("salon_store_connections_in_use" + Engine()), 2);
  }
  // Back in the pool (the dispatcher may hold one for a moment on PostgreSQL).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (Value("salon_store_connections_in_use" + Engine()) > 1 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_LE(Value("salon_store_connections_in_use" + Engine()), 1);
}

TEST_F(MetricsTest, AReadThatFindsThePoolEmptyCountsAsAWait) {
  Restart([](NodeConfig& c) { c.store_pool = 4; });
  const int size = store_.empty() ? 16 : 4;
  const double waits = Value("salon_store_pool_waits_total" + Engine());
  const double waited = Value("salon_store_pool_wait_seconds_sum" + Engine());
  ASSERT_GE(waits, 0) << "salon_store_pool_waits_total missing";
  ASSERT_GE(waited, 0) << "salon_store_pool_wait_seconds missing";

  PoolHolder pool(node_->store(), size);
  ASSERT_TRUE(pool.all_held());
  EXPECT_GE(Value("salon_store_connections_in_use" + Engine()), size);
  std::thread late([&] {
    EXPECT_TRUE(node_->store().Read([](ReadTxn&) { return Status::Ok(); }).ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  pool.Release();
  late.join();
  EXPECT_GE(Value("salon_store_pool_waits_total" + Engine()), waits + 1);
  EXPECT_GE(Value("salon_store_pool_wait_seconds_sum" + Engine()), waited + 0.1);
  Reply m = Get("/metrics", "");
  ASSERT_EQ(m.status, 200);
  const std::string bucket = "salon_store_pool_wait_seconds_bucket{engine=\"" + engine() + "\",le=";
  EXPECT_GE(ValueIn(m.body, bucket + "\"+Inf\"}") - ValueIn(m.body, bucket + "\"0.1\"}"), 1)
      << "the 200 ms wait is above the 0.1 s bucket:\n" << m.body;
}

TEST_F(MetricsTest, ProcessOpenFilesAndThreads) {
  Reply m = Get("/metrics", "");
  ASSERT_EQ(m.status, 200);
  const double fds = ValueIn(m.body, "process_open_fds");
  const double max_fds = ValueIn(m.body, "process_max_fds");
  const double threads = ValueIn(m.body, "process_threads");
  // stdin/out/err, the listening socket, this connection, the database.
  EXPECT_GE(fds, 5) << m.body;
  EXPECT_GT(max_fds, fds);
  // The test's own thread, the I/O threads, the workers, the store's.
  EXPECT_GE(threads, 3) << m.body;
  EXPECT_LT(threads, 10000);
  EXPECT_NE(m.body.find("# TYPE process_open_fds gauge"), std::string::npos);
  EXPECT_NE(m.body.find("# TYPE process_threads gauge"), std::string::npos);
  EXPECT_GT(ValueIn(m.body, "process_resident_memory_bytes"), 1e6);
}

TEST_F(MetricsTest, BuildInfoNamesTheVersionAndCommit) {
  const std::string version(BuildVersion());
  const std::string commit(BuildCommit());
  // CMake's project version: digits and dots.
  ASSERT_FALSE(version.empty());
  EXPECT_EQ(version.find_first_not_of("0123456789."), std::string::npos) << version;
  // git's short hash, or "unknown" outside git.
  ASSERT_FALSE(commit.empty());
  EXPECT_TRUE(commit == "unknown" || commit.find_first_not_of("0123456789abcdef") == std::string::npos)
      << commit;
  Reply m = Get("/metrics", "");
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(ValueIn(m.body, "salon_build_info{version=\"" + version + "\",commit=\"" + commit +
                                "\"}"),
            1)
      << m.body;
  EXPECT_NE(m.body.find("# TYPE salon_build_info gauge"), std::string::npos);
}

}  // namespace
}  // namespace salon::testing
