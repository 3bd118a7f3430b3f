// A database made before a migration opens with everything it held: here,
// migration 3 moves an appointment's client out of `search` into a column
// of its own. The database is put back to schema 2 as it was (the client in
// `search`, no filter columns), then opened by the current engine.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/store/schema_eight_messages.h"
#include "tests/store/schema_five_deposits.h"

namespace salon::sqlite {
namespace {

// Each test's database, in a folder of its own that goes with the test.
class SqliteMigrationTest : public ::testing::Test {
 protected:
  ~SqliteMigrationTest() override { std::filesystem::remove_all(dir_); }

  const std::string dir_ = MakeDir();
  const std::string path_ = dir_ + "/salon.db";

 private:
  static std::string MakeDir() {
    char tmpl[] = "/tmp/salon-migrate-XXXXXX";
    return mkdtemp(tmpl);
  }
};

TEST_F(SqliteMigrationTest, SchemaTwoAppointmentsKeepTheirClientAndStatus) {
  {
    SqliteStore store(SqliteConfig{path_});
    ASSERT_TRUE(store.Write([&](WriteTxn& txn) {
      Record r;
      r.id = "apt_1";
      r.salon_id = "sal_a";
      r.data = R"({"status":"arrived"})";
      txn.Put(Kind::kAppointment, r);
      return Status::Ok();
    }).ok());
  }
  {
    Connection c(path_, Connection::Mode::kReadWrite);
    // Back to schema 2: later migrations' tables go, migration 3's columns too.
    for (const char* table : {"products", "sales", "ledger_entries", "vouchers", "cash_ups",
                              "stock_moves", "counters", "users", "sessions"}) {
      c.Exec(std::string("DROP TABLE ") + table);
    }
    c.Exec("DROP INDEX appointments_by_client; UPDATE appointments SET search = 'cli_7';");
    for (const char* table : {"salons", "branches", "staff", "services", "clients", "time_off",
                              "appointments", "campaigns"}) {
      c.Exec(std::string("ALTER TABLE ") + table + " DROP COLUMN client_id; ALTER TABLE " +
             table + " DROP COLUMN status;");
    }
    c.Exec("PRAGMA user_version = 2");
  }
  SqliteStore store(SqliteConfig{path_});
  std::vector<Record> found;
  ASSERT_TRUE(store.Read([&](ReadTxn& txn) {
    ListQuery q;
    q.kind = Kind::kAppointment;
    q.salon_id = SalonId{"sal_a"};
    q.client_id = ClientId{"cli_7"};
    found = txn.List(q);
    return Status::Ok();
  }).ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].client_id, "cli_7");
  EXPECT_EQ(found[0].status, "arrived");
  EXPECT_EQ(found[0].search, "");
}

// Migration 6 names the appointment in a deposit's `search`, which finds a
// visit's deposits (app/'s DepositKey); a deposit stored at schema 5 has none.
TEST_F(SqliteMigrationTest, SchemaFiveDepositsAreFoundByTheirAppointment) {
  {
    SqliteStore store(SqliteConfig{path_});
    testing::PutSchemaFiveSales(store);
  }
  Connection(path_, Connection::Mode::kReadWrite).Exec("PRAGMA user_version = 5");
  SqliteStore store(SqliteConfig{path_});
  EXPECT_EQ(testing::DepositsOfAppointmentOne(store), std::vector<std::string>{"sale_deposit"});
}

// Migration 9 keys messages by their salon and id; SQLite copies the table.
TEST_F(SqliteMigrationTest, SchemaEightMessagesAreKeptUnderTheirSalon) {
  {
    SqliteStore store(SqliteConfig{path_});
    testing::PutSchemaEightMessages(store);
  }
  {
    // Back to schema 8: the same rows without the key on salon and id, and
    // indexes of the names migration 9 makes again.
    Connection c(path_, Connection::Mode::kReadWrite);
    c.Exec(R"(
ALTER TABLE messages RENAME TO messages_nine;
CREATE TABLE messages AS SELECT * FROM messages_nine;
DROP TABLE messages_nine;
CREATE INDEX messages_by_salon ON messages (salon_id, id);
CREATE INDEX messages_by_phone ON messages (to_phone);
PRAGMA user_version = 8;
)");
  }
  SqliteStore store(SqliteConfig{path_});
  testing::ExpectSchemaEightMessagesKept(store);
}

}  // namespace
}  // namespace salon::sqlite
