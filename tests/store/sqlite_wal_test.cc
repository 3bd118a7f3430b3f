// The SQLite engine's checkpoints really copy the WAL back (a connection
// that has not read the database once thought it was not in WAL mode, and
// its checkpoints silently did nothing: the WAL grew without bound).
#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace salon::sqlite {
namespace {

TEST(SqliteWalTest, CheckpointsCopyTheWholeWalBack) {
  char tmpl[] = "/tmp/salon-wal-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    SqliteConfig config{dir + "/salon.db"};
    SqliteStore store(config);
    const std::string blob(4000, 'x');
    for (int i = 0; i < 200; ++i) {
      ASSERT_TRUE(store.Write([&](WriteTxn& txn) {
        Record r;
        r.id = "cli_" + std::to_string(i);
        r.salon_id = "sal_a";
        r.data = blob;
        txn.Put(Kind::kClient, r);
        return Status::Ok();
      }).ok());
    }
    EXPECT_TRUE(store.Checkpoint());
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace salon::sqlite
