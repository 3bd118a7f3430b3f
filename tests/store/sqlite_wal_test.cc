// The SQLite engine's checkpoints really copy the WAL back (a connection
// that has not read the database once thought it was not in WAL mode, and
// its checkpoints silently did nothing: the WAL grew without bound), and a
// reader still on an old snapshot holds up neither them nor the writer.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "store/sqlite/sqlite_store.h"

namespace salon::sqlite {
namespace {

Status PutClients(SqliteStore& store, int first, int count) {
  const std::string blob(4000, 'x');
  for (int i = first; i < first + count; ++i) {
    Status s = store.Write([&](WriteTxn& txn) {
      Record r;
      r.id = "cli_" + std::to_string(i);
      r.salon_id = "sal_a";
      r.data = blob;
      txn.Put(Kind::kClient, r);
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

class SqliteWalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/salon-wal-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path() const { return dir_ + "/salon.db"; }
  // A reader inside a read transaction, on the snapshot of now, which sees
  // `clients` clients.
  std::unique_ptr<Connection> ReaderSeeing(int clients) {
    auto reader = std::make_unique<Connection>(Path(), Connection::Mode::kReadOnly);
    reader->Exec("BEGIN");
    Statement count = reader->Prepare("SELECT count(*) FROM clients");
    EXPECT_TRUE(count.Step());
    EXPECT_EQ(count.Int(0), clients);
    EXPECT_FALSE(count.Step());
    return reader;
  }

  std::string dir_;
};

TEST_F(SqliteWalTest, CheckpointsCopyTheWholeWalBack) {
  SqliteStore store(SqliteConfig{Path()});
  ASSERT_TRUE(PutClients(store, 0, 200).ok());
  EXPECT_TRUE(store.Checkpoint());
}

// A reader on an old snapshot pins the WAL: the checkpoint copies what it
// can and answers at once instead of holding the writer while it waits.
TEST_F(SqliteWalTest, AReaderOnAnOldSnapshotNeitherBlocksTheCheckpointNorTheWriter) {
  SqliteStore store(SqliteConfig{Path()});
  ASSERT_TRUE(PutClients(store, 0, 10).ok());
  auto reader = ReaderSeeing(10);

  ASSERT_TRUE(PutClients(store, 10, 50).ok());
  EXPECT_FALSE(store.Checkpoint());  // the frames after the reader's snapshot stay
  ASSERT_TRUE(PutClients(store, 60, 1).ok());

  reader->Exec("COMMIT");
  EXPECT_TRUE(store.Checkpoint());
}

// Past restart_pages the checkpoint would start the WAL afresh, but a reader
// still in it postpones that: it gives up (the writer's lock held only
// briefly) and a later one restarts it.
TEST_F(SqliteWalTest, AReaderInTheWalPostponesItsRestart) {
  SqliteConfig config{Path()};
  config.restart_pages = 1;
  SqliteStore store(config);
  ASSERT_TRUE(PutClients(store, 0, 10).ok());
  auto reader = ReaderSeeing(10);

  EXPECT_FALSE(store.Checkpoint());
  ASSERT_TRUE(PutClients(store, 10, 1).ok());

  reader->Exec("COMMIT");
  EXPECT_TRUE(store.Checkpoint());
}

}  // namespace
}  // namespace salon::sqlite
