// SQLite's group commit, as /metrics shows it: writes that queue while the
// writer thread runs a batch share the next batch's one commit (and fsync),
// `salon_store_writes_queued` counts them while they wait, and
// `salon_store_commits_total` counts the commits. A lone write commits at once.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <stdexcept>
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

  static Status PutClientIn(WriteTxn& txn, const std::string& id) {
    Record r;
    r.id = id;
    r.salon_id = "sal_a";
    r.data = "{}";
    txn.Put(Kind::kClient, r);
    return Status::Ok();
  }
  // A client's write, on a thread of its own.
  std::future<Status> PutClient(const std::string& id) {
    return std::async(std::launch::async, [this, id] {
      return store_->Write([&](WriteTxn& txn) { return PutClientIn(txn, id); });
    });
  }
  // A write held inside its transaction until `release` is set, on a thread
  // of its own; `inside` is set once it is there.
  std::future<Status> HeldWrite(std::promise<void>& inside, std::promise<void>& release) {
    return std::async(std::launch::async, [this, &inside, &release] {
      return store_->Write([&](WriteTxn&) {
        inside.set_value();
        release.get_future().wait();
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
  auto held = HeldWrite(holding, release);
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

// An asynchronous write is done only once its whole batch has committed.
// Here the batch is [the asynchronous write, a write held inside]: when the
// held one runs, the first has run and released its savepoint, but its done
// has not been called (a done called per write would have been, before the
// writer went on), and a reader does not see its row yet.
TEST_F(SqliteGroupCommitTest, AnAsynchronousWriteIsDoneOnlyOnceItsBatchCommits) {
  std::promise<void> holding, release;
  auto first = HeldWrite(holding, release);
  holding.get_future().wait();
  std::atomic<bool> done{false};
  std::promise<Status> outcome;
  store_->WriteAsync([](WriteTxn& txn) { return PutClientIn(txn, "cli_async"); },
                     [&](Status s) {
                       done = true;
                       outcome.set_value(std::move(s));
                     });
  std::promise<void> second_holding, second_release;
  auto second = HeldWrite(second_holding, second_release);
  EXPECT_TRUE(testing::WaitForGauge(Queued(), 2));  // (not ASSERT: the holds must end)
  release.set_value();  // the next batch: both
  second_holding.get_future().wait();
  EXPECT_FALSE(done.load());
  auto visible = [&] {
    bool found = false;
    Status read = store_->Read([&](ReadTxn& txn) {
      found = txn.Get(Kind::kClient, SalonId{"sal_a"}, "cli_async").has_value();
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok());
    return found;
  };
  EXPECT_FALSE(visible());
  second_release.set_value();
  EXPECT_TRUE(outcome.get_future().get().ok());
  EXPECT_TRUE(visible());
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(second.get().ok());
}

// A done that throws (a defect) does not end the writer thread.
TEST_F(SqliteGroupCommitTest, ADoneThatThrowsLeavesTheWriterWriting) {
  std::promise<void> called;
  store_->WriteAsync([](WriteTxn&) { return Status::Ok(); },
                     [&](Status) {
                       called.set_value();
                       throw std::runtime_error("a defect");
                     });
  called.get_future().wait();
  EXPECT_TRUE(PutClient("cli_after").get().ok());
}

}  // namespace
}  // namespace salon::sqlite
