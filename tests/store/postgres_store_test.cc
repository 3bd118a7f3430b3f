// What only a database shared by several processes has: two PgStores on one
// database stand for two salond processes.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "store/open_store.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_schema.h"
#include "tests/store/schema_eight_messages.h"
#include "tests/store/schema_five_deposits.h"
#include "tests/support/postgres.h"

namespace salon {
namespace {

// Collects the changes a store hears of.
class Heard {
 public:
  explicit Heard(Store& store) {
    subscription_ = store.Watch([this](const Change& c) {
      std::lock_guard lock(mu_);
      changes_.push_back(c);
      cv_.notify_all();
    });
  }
  // Waits (bounded) until `pred` holds for the changes heard so far.
  bool WaitFor(const std::function<bool(const std::vector<Change>&)>& pred) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return pred(changes_); });
  }
  std::vector<Change> Snapshot() {
    std::lock_guard lock(mu_);
    return changes_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Change> changes_;
  Subscription subscription_;  // destroyed first: no change is heard after
};

bool Has(const std::vector<Change>& changes, Change::What what, const std::string& id) {
  for (const Change& c : changes) {
    if (c.what == what && c.id == id) return true;
  }
  return false;
}

Record CounterRecord(long long n) {
  Record r;
  r.id = "cli_counter";
  r.salon_id = "sal_a";
  r.data = std::to_string(n);
  return r;
}

TEST(PostgresStoreTest, ChangesOfOneProcessReachTheOther) {
  const std::string url = testing::FreshDatabase();
  auto a = OpenStore(url);
  auto b = OpenStore(url);
  Heard heard_by_a(*a), heard_by_b(*b);
  ASSERT_TRUE(a->Ready().ok());
  ASSERT_TRUE(b->Ready().ok());
  ASSERT_TRUE(a->Write([](WriteTxn& txn) {
    Record branch = CounterRecord(0);
    branch.id = "br_1";
    txn.Put(Kind::kBranch, branch);
    txn.BumpCalendar(BranchId{"br_1"}, "2026-11-23");
    return Status::Ok();
  }).ok());
  EXPECT_TRUE(heard_by_b.WaitFor([](const auto& changes) {
    return Has(changes, Change::What::kRecord, "br_1") &&
           Has(changes, Change::What::kCalendar, "br_1");
  }));
  for (const Change& c : heard_by_b.Snapshot()) {
    if (c.what == Change::What::kCalendar) {
      EXPECT_EQ(c.day, "2026-11-23");
    }
    if (c.what == Change::What::kRecord) {
      EXPECT_EQ(c.kind, Kind::kBranch);
    }
  }
  // A write that rolls back announces nothing; A never hears its own.
  ASSERT_EQ(b->Write([](WriteTxn& txn) {
    Record branch = CounterRecord(0);
    branch.id = "br_2";
    txn.Put(Kind::kBranch, branch);
    return Status::Conflict("changed my mind");
  }).code(), Code::kConflict);
  ASSERT_TRUE(b->Write([](WriteTxn& txn) {
    Record branch = CounterRecord(0);
    branch.id = "br_3";
    txn.Put(Kind::kBranch, branch);
    return Status::Ok();
  }).ok());
  EXPECT_TRUE(heard_by_a.WaitFor(
      [](const auto& changes) { return Has(changes, Change::What::kRecord, "br_3"); }));
  EXPECT_FALSE(Has(heard_by_a.Snapshot(), Change::What::kRecord, "br_2"));
  EXPECT_FALSE(Has(heard_by_a.Snapshot(), Change::What::kRecord, "br_1"));
  // The horizon of a transaction counts the changes heard before it.
  ASSERT_TRUE(a->Read([&](ReadTxn& txn) {
    EXPECT_GE(txn.Horizon(), heard_by_a.Snapshot().back().seq);
    return Status::Ok();
  }).ok());
}

// Writes that commit together are announced together (Announcer): each one's
// changes still reach the other process, none lost or left waiting.
TEST(PostgresStoreTest, ConcurrentWritesAreEachHeardByTheOther) {
  const std::string url = testing::FreshDatabase();
  auto a = OpenStore(url);
  auto b = OpenStore(url);
  Heard heard_by_a(*a);
  ASSERT_TRUE(a->Ready().ok());
  constexpr int kThreads = 8, kWrites = 25;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        Record branch = CounterRecord(i);
        branch.salon_id = "sal_" + std::to_string(t);  // salons write side by side
        branch.id = "br_" + std::to_string(t) + "_" + std::to_string(i);
        EXPECT_TRUE(b->Write([&](WriteTxn& txn) {
          txn.Put(Kind::kBranch, branch);
          return Status::Ok();
        }).ok());
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_TRUE(heard_by_a.WaitFor([](const auto& changes) {
    for (int t = 0; t < kThreads; ++t) {
      for (int i = 0; i < kWrites; ++i) {
        if (!Has(changes, Change::What::kRecord,
                 "br_" + std::to_string(t) + "_" + std::to_string(i))) {
          return false;
        }
      }
    }
    return true;
  }));
}

TEST(PostgresStoreTest, WritesOfOneSalonAreSerialisedAcrossProcesses) {
  const std::string url = testing::FreshDatabase();
  auto a = OpenStore(url);
  auto b = OpenStore(url);
  ASSERT_TRUE(a->Write([](WriteTxn& txn) {
    txn.Put(Kind::kClient, CounterRecord(0));
    return Status::Ok();
  }).ok());
  // Read-modify-write increments through both stores at once: none is lost.
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      Store& store = t % 2 ? *a : *b;
      for (int i = 0; i < 25; ++i) {
        ASSERT_TRUE(store.Write([](WriteTxn& txn) {
          auto r = txn.Get(Kind::kClient, SalonId{"sal_a"}, "cli_counter");
          txn.Put(Kind::kClient, CounterRecord(std::stoll(r->data) + 1));
          return Status::Ok();
        }).ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(a->Read([](ReadTxn& txn) {
    EXPECT_EQ(txn.Get(Kind::kClient, SalonId{"sal_a"}, "cli_counter")->data, "200");
    return Status::Ok();
  }).ok());
}

// A write transaction's writes are queued and reach the server with its next
// read or with the COMMIT, in one round trip (Connection::Queue).
TEST(PostgresStoreTest, QueuedWritesAreReadBackRefusedWholeAndLeaveTheConnectionUsable) {
  const std::string url = testing::FreshDatabase();
  StoreOptions one_connection;
  one_connection.pool = 1;  // every transaction below runs on the same connection
  auto store = OpenStore(url, one_connection);
  auto client = [](const std::string& id) {
    Record r = CounterRecord(0);
    r.id = id;
    return r;
  };
  ASSERT_TRUE(store->Write([&](WriteTxn& txn) {
    txn.Put(Kind::kClient, client("cli_1"));
    EXPECT_TRUE(txn.Get(Kind::kClient, SalonId{"sal_a"}, "cli_1").has_value());  // its own write
    txn.SetBusy(AppointmentId{"apt_1"}, SalonId{"sal_a"}, {{AppointmentId{"apt_1"}, StaffId{"stf_1"}, 1000, 2000}});
    return Status::Ok();
  }).ok());
  // The overlap is refused by the database at the COMMIT's round trip: the
  // whole transaction is gone, and it is a conflict, not an outage.
  Status refused = store->Write([&](WriteTxn& txn) {
    txn.Put(Kind::kClient, client("cli_2"));
    txn.SetBusy(AppointmentId{"apt_2"}, SalonId{"sal_a"}, {{AppointmentId{"apt_2"}, StaffId{"stf_1"}, 1500, 2500}});
    txn.PutResponse("sal_a", "key_2", {"h", 201, "{}", 1});
    return Status::Ok();
  });
  EXPECT_EQ(refused.code(), Code::kConflict);
  // Refused at the next read just the same.
  Status refused_at_read = store->Write([&](WriteTxn& txn) {
    txn.SetBusy(AppointmentId{"apt_3"}, SalonId{"sal_a"}, {{AppointmentId{"apt_3"}, StaffId{"stf_1"}, 1900, 2100}});
    txn.Get(Kind::kClient, SalonId{"sal_a"}, "cli_1");
    ADD_FAILURE() << "the read after a refused write answered";
    return Status::Ok();
  });
  EXPECT_EQ(refused_at_read.code(), Code::kConflict);
  ASSERT_TRUE(store->Write([&](WriteTxn& txn) {
    txn.Put(Kind::kClient, client("cli_3"));
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store->Read([](ReadTxn& txn) {
    EXPECT_TRUE(txn.Get(Kind::kClient, SalonId{"sal_a"}, "cli_1").has_value());
    EXPECT_FALSE(txn.Get(Kind::kClient, SalonId{"sal_a"}, "cli_2").has_value());
    EXPECT_FALSE(txn.GetResponse("sal_a", "key_2").has_value());
    EXPECT_TRUE(txn.Get(Kind::kClient, SalonId{"sal_a"}, "cli_3").has_value());
    auto busy = txn.Busy(SalonId{"sal_a"}, {StaffId{"stf_1"}}, 0, 10000);
    EXPECT_EQ(busy.size(), 1u);
    return Status::Ok();
  }).ok());
}

TEST(PostgresStoreTest, AnUnreachableDatabaseIsUnavailableAtOnce) {
  auto base = testing::TestPostgres();
  ASSERT_TRUE(base.has_value());
  // Port 1 on loopback refuses connections.
  auto store = OpenStore("postgres://postgres@127.0.0.1:1/postgres");
  EXPECT_EQ(store->Ready().code(), Code::kUnavailable);
  Status read = store->Read([](ReadTxn&) { return Status::Ok(); });
  EXPECT_EQ(read.code(), Code::kUnavailable);
  Status write = store->Write([](WriteTxn&) { return Status::Ok(); });
  EXPECT_EQ(write.code(), Code::kUnavailable);
}

// Migration 6 names the appointment in a deposit's `search`, which finds a
// visit's deposits (app/'s DepositKey); a deposit stored at schema 5 has none.
TEST(PostgresStoreTest, SchemaFiveDepositsAreFoundByTheirAppointment) {
  const std::string url = testing::FreshDatabase();
  testing::PutSchemaFiveSales(*OpenStore(url));
  pg::Connection(url).Exec("DELETE FROM schema_migrations WHERE version > 5");
  EXPECT_EQ(testing::DepositsOfAppointmentOne(*OpenStore(url)),
            std::vector<std::string>{"sale_deposit"});
}

// Migration 9 keys messages by their salon and id.
TEST(PostgresStoreTest, SchemaEightMessagesAreKeptUnderTheirSalon) {
  const std::string url = testing::FreshDatabase();
  testing::PutSchemaEightMessages(*OpenStore(url));
  // Back to schema 8: the same rows, keyed by their id alone.
  pg::Connection(url).Exec(
      "ALTER TABLE messages DROP CONSTRAINT messages_pkey; ALTER TABLE messages ADD PRIMARY KEY "
      "(id); CREATE INDEX messages_by_salon ON messages (salon_id, id);"
      "DELETE FROM schema_migrations WHERE version > 8");
  testing::ExpectSchemaEightMessagesKept(*OpenStore(url));
}

// Migration 10 makes (salon, id) the messages' primary key, the key on the
// id alone gone, while schema 9's code (which names the first) still runs.
TEST(PostgresStoreTest, SchemaNineMessagesEndKeyedByTheirSalonAlone) {
  const std::string url = testing::FreshDatabase();
  testing::PutSchemaEightMessages(*OpenStore(url));
  pg::Connection c(url);
  // Back to schema 9: both unique keys.
  c.Exec(
      "ALTER TABLE messages DROP CONSTRAINT messages_pkey; ALTER TABLE messages ADD PRIMARY KEY "
      "(id); CREATE UNIQUE INDEX messages_key ON messages (salon_id, id);"
      "DELETE FROM schema_migrations WHERE version > 9");
  testing::ExpectSchemaEightMessagesKept(*OpenStore(url));
  pg::Rows unique = c.Run(
      "SELECT string_agg(indexdef, '; ') FROM pg_indexes WHERE tablename = 'messages' "
      "AND indexdef LIKE 'CREATE UNIQUE%'");
  EXPECT_EQ(unique.Text(0, 0),
            "CREATE UNIQUE INDEX messages_pkey ON public.messages USING btree (salon_id, id)");
  pg::Rows readers = c.Run("SELECT oldest_reader FROM schema_migrations WHERE version = 10");
  EXPECT_EQ(readers.Int(0, 0), 9);
}

// Migration 10 waits at most 5 s for the messages table's lock (behind an
// export's long read, say) and then fails with nothing changed, rather than
// stall every message read and write behind it; run again, it completes.
TEST(PostgresStoreTest, SchemaTenGivesUpOnABusyMessagesTableAndCompletesLater) {
  const std::string url = testing::FreshDatabase();
  ASSERT_TRUE(OpenStore(url)->Ready().ok());
  pg::Connection migrating(url);
  migrating.Exec(
      "ALTER TABLE messages DROP CONSTRAINT messages_pkey; ALTER TABLE messages ADD PRIMARY KEY "
      "(id); CREATE UNIQUE INDEX messages_key ON messages (salon_id, id);"
      "DELETE FROM schema_migrations WHERE version > 9");
  pg::Connection reader(url);
  reader.Exec("BEGIN");
  reader.Exec("LOCK TABLE messages IN ACCESS SHARE MODE");
  EXPECT_ANY_THROW(pg::Migrate(migrating));
  EXPECT_EQ(pg::SchemaVersion(migrating), 9);
  reader.Exec("COMMIT");
  pg::Migrate(migrating);
  EXPECT_EQ(pg::SchemaVersion(migrating), 10);
}

// During a rolling deploy the release before runs on the schema the new one
// migrated to: a build serves a store ahead of it while each newer migration
// names the build's schema among its readers, and only then.
TEST(PostgresStoreTest, AStoreAheadIsServedByTheReleasesItsMigrationsStillRunOn) {
  const std::string url = testing::FreshDatabase();
  auto store = OpenStore(url);
  ASSERT_TRUE(store->Ready().ok());
  pg::Connection c(url);
  const std::string latest = std::to_string(pg::LatestSchemaVersion());
  const std::string next = latest + " + 1";
  c.Exec("INSERT INTO schema_migrations (version, oldest_reader) VALUES (" + next + ", " + latest +
         ")");
  EXPECT_TRUE(store->Ready().ok());

  // A second migration that only its own release runs on.
  const std::string after = latest + " + 2";
  c.Exec("INSERT INTO schema_migrations (version, oldest_reader) VALUES (" + after + ", " + after +
         ")");
  Status ahead = store->Ready();
  EXPECT_EQ(ahead.code(), Code::kUnavailable);
  EXPECT_NE(ahead.message().find("needs the code of schema"), std::string::npos) << ahead.message();
  c.Exec("UPDATE schema_migrations SET oldest_reader = " + latest + " WHERE version = " + after);
  EXPECT_TRUE(store->Ready().ok());

  // Recorded before migrations named their readers: only its own release.
  c.Exec("UPDATE schema_migrations SET oldest_reader = NULL WHERE version = " + next);
  EXPECT_EQ(store->Ready().code(), Code::kUnavailable);
}

// A store migrated by a build from before oldest readers gets the column,
// its rows from then read as their own release's only.
TEST(PostgresStoreTest, AStoreFromBeforeOldestReadersGetsTheColumn) {
  const std::string url = testing::FreshDatabase();
  ASSERT_TRUE(OpenStore(url)->Ready().ok());
  pg::Connection c(url);
  c.Exec("ALTER TABLE schema_migrations DROP COLUMN oldest_reader");
  EXPECT_TRUE(OpenStore(url)->Ready().ok());
  pg::Rows r = c.Run(
      "SELECT count(*) FILTER (WHERE oldest_reader IS NULL), count(*) FROM schema_migrations");
  EXPECT_EQ(r.Int(0, 0), pg::LatestSchemaVersion());
  EXPECT_EQ(r.Int(0, 1), pg::LatestSchemaVersion());
}

// Each migration names a reader no newer than itself.
TEST(PostgresStoreTest, EveryMigrationsOldestReaderIsAtMostItself) {
  for (int v = 1; v <= pg::LatestSchemaVersion(); ++v) {
    const int oldest = pg::Migrations()[v - 1].oldest_reader;
    EXPECT_GE(oldest, 0) << "migration " << v;
    EXPECT_LE(oldest, v) << "migration " << v;
  }
}

}  // namespace
}  // namespace salon
