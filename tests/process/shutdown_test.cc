// A node stopping while another process commits to the shared PostgreSQL
// database: the changes keep arriving through LISTEN/NOTIFY on the store's
// listener thread as the node is destroyed, and nothing may be delivered to
// the caches once they are gone (ASan reports a use after free otherwise).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/time.h"
#include "server/node.h"
#include "store/open_store.h"
#include "tests/support/postgres.h"

namespace salon::testing {
namespace {

class NodeShutdownTest : public ::testing::Test {
 protected:
  NodeShutdownTest() {
    char tmpl[] = "/tmp/salon-shutdown-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  ~NodeShutdownTest() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
};

// Another process's writes, as fast as it can: each commit puts many
// new branches and bumps their calendar days, so each notification carries
// many changes, the node's listener is busy delivering most of the time, and
// the caches it forgets into grow (destroying them takes a while).
class Committer {
 public:
  Committer(const std::string& url, int threads) : store_(OpenStore(url)) {
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([this, t] {
        const std::string salon = "sal_" + std::to_string(t);
        for (long n = 0; !stop_; ++n) {
          Status s = store_->Write([&](WriteTxn& txn) {
            for (int i = 0; i < 40; ++i) {
              Record r;  // new ids each time: the node's caches grow
              r.id = "br_" + std::to_string(t) + "_" + std::to_string(n) + "_" + std::to_string(i);
              r.salon_id = salon;
              r.data = "{}";
              txn.Put(Kind::kBranch, r);
              txn.BumpCalendar(BranchId{r.id}, "2026-11-23");
            }
            return Status::Ok();
          });
          if (!s.ok()) {
            failed_ = true;
            return;
          }
          ++commits_;
        }
      });
    }
  }
  ~Committer() {
    stop_ = true;
    for (auto& t : threads_) t.join();
  }
  long commits() const { return commits_; }
  bool failed() const { return failed_; }

 private:
  std::unique_ptr<Store> store_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> failed_{false};
  std::atomic<long> commits_{0};
  std::vector<std::thread> threads_;
};

// Waits (bounded) until `committer` has committed `n` more times.
bool WaitForCommits(const Committer& committer, long n) {
  const long target = committer.commits() + n;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (committer.commits() < target) {
    if (committer.failed() || std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

TEST_F(NodeShutdownTest, ANodeStopsWhileAnotherProcessesChangesArrive) {
  const std::string db = FreshDatabase();
  ASSERT_FALSE(db.empty());
  FakeClock clock(*ParseInstant("2026-11-20T12:00:00Z"));
  SequentialIdSource ids;
  Committer other(db, /*threads=*/2);
  for (int round = 0; round < 40; ++round) {
    NodeConfig config;
    config.data_dir = dir_ + "/" + std::to_string(round);
    config.store = db;
    config.admin_key = "test-admin-key";
    config.server.port = 0;
    config.server.io_threads = 1;
    config.server.workers = 2;
    auto node = std::make_unique<Node>(config, clock, ids);
    ASSERT_TRUE(node->store().Ready().ok());  // listening
    ASSERT_NE(node->Start(), 0);
    // Changes committed now reach this node while it stops.
    ASSERT_TRUE(WaitForCommits(other, 3)) << "the other process's writes stalled";
    if (round % 2 == 0) {
      EXPECT_TRUE(node->Shutdown(std::chrono::seconds(5)));
    }
    node.reset();
  }
  EXPECT_FALSE(other.failed());
}

}  // namespace
}  // namespace salon::testing
