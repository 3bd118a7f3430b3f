// SQLite's group commit, as /metrics shows it: writes that queue while the
// writer thread runs a batch share the next batch's one commit (and fsync),
// `salon_store_writes_queued` counts them while they wait, and
// `salon_store_commits_total` counts the commits. A lone write commits at once.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <thread>

#include "store/sqlite/sqlite_store.h"
#include "tests/support/wait_until.h"

namespace salon::sqlite {
namespace {

class SqliteGroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/salon-group-XXXXXX";
    dir_ = mkdtemp(tmpl);
    SqliteConfig config{dir_ + "/salon.db"};
    config.metrics = &metrics_;
    store_ = std::make_unique<SqliteStore>(config);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A client's write, on a thread of its own.
  std::future<Status> PutClient(const std::string& id) {
    return std::async(std::launch::async, [this, id] {
      return store_->Write([&](WriteTxn& txn) {
        Record r;
        r.id = id;
        r.salon_id = "sal_a";
        r.data = "{}";
        txn.Put(Kind::kClient, r);
        return Status::Ok();
      });
    });
  }
  double Commits() {
    return metrics_.CounterOf("salon_store_commits_total", "", "{engine=\"sqlite\"}").value();
  }
  const Gauge& Queued() {
    return metrics_.GaugeOf("salon_store_writes_queued", "", "{engine=\"sqlite\"}");
  }

  Metrics metrics_;
  std::string dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteGroupCommitTest, ALoneWriteCommitsAtOnce) {
  const double before = Commits();
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(PutClient("cli_" + std::to_string(i)).get().ok());
  EXPECT_EQ(Commits() - before, 3);
  EXPECT_EQ(Queued().value(), 0);
}

TEST_F(SqliteGroupCommitTest, WritesQueuedBehindABatchShareOneCommit) {
  // The writer is held inside a write while three more queue behind it...
  std::promise<void> holding, release;
  auto held = std::async(std::launch::async, [&] {
    return store_->Write([&](WriteTxn&) {
      holding.set_value();
      release.get_future().wait();
      return Status::Ok();
    });
  });
  holding.get_future().wait();
  const double before = Commits();
  std::vector<std::future<Status>> queued;
  for (int i = 0; i < 3; ++i) queued.push_back(PutClient("cli_" + std::to_string(i)));
  ASSERT_TRUE(testing::WaitForGauge(Queued(), 3));
  EXPECT_EQ(Commits(), before);  // nothing committed while the batch runs
  release.set_value();
  EXPECT_TRUE(held.get().ok());
  for (auto& q : queued) EXPECT_TRUE(q.get().ok());
  // ...and the three are one batch: two commits for four writes.
  EXPECT_EQ(Commits() - before, 2);
  EXPECT_EQ(Queued().value(), 0);
}

}  // namespace
}  // namespace salon::sqlite
