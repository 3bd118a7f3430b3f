// A busy salon's writes wait for their turn in the process, holding no
// pooled connection (PgStore::WriteFor, store/postgres/salon_turns.h): while
// one salon's write holds its turn and others of that salon queue behind it,
// another salon's write still gets a connection and commits; past the bound
// on waiting writes, the busy salon's next is refused at once; and the writes
// that queued go together in the next turn, one transaction, each kept or
// refused on its own. With one writer slot (writer_slots.h), the turns of
// salons that waited for it commit together, in salon order, and a salon
// locked by another process is left out and written after them.
#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <thread>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"
#include "tests/support/postgres.h"
#include "tests/support/wait_until.h"

namespace salon {
namespace {

Record Client(const std::string& salon, const std::string& id) {
  Record r;
  r.id = id;
  r.salon_id = salon;
  r.data = "{}";
  return r;
}

TEST(SalonTurnsTest, ABusySalonsWaitingWritesLeaveThePoolToTheOthersAndAreBounded) {
  Metrics metrics;
  pg::PgConfig config;
  config.url = testing::FreshDatabase();
  config.pool = 2;
  config.acquire_timeout = std::chrono::milliseconds(2000);
  config.metrics = &metrics;
  config.salon_waiting = 2;
  pg::PgStore store(config);
  const Gauge& waiting = metrics.GaugeOf("salon_store_salon_turn_waits", "",
                                         "{engine=\"postgres\"}");

  // The busy salon's first write holds its turn (and its advisory lock)...
  std::promise<void> holding, release;
  std::thread first([&] {
    EXPECT_TRUE(store.WriteFor(SalonId{"sal_busy"}, [&](WriteTxn& txn) {
      txn.Put(Kind::kClient, Client("sal_busy", "cli_0"));
      (void)txn.Get(Kind::kClient, SalonId{"sal_busy"}, "cli_0");  // the lock is taken
      holding.set_value();
      release.get_future().wait();
      return Status::Ok();
    }).ok());
  });
  holding.get_future().wait();
  // ...and two more of its writes queue behind it.
  std::vector<std::thread> queued;
  for (int i = 1; i <= 2; ++i) {
    queued.emplace_back([&store, i] {
      EXPECT_TRUE(store.WriteFor(SalonId{"sal_busy"}, [i](WriteTxn& txn) {
        txn.Put(Kind::kClient, Client("sal_busy", "cli_" + std::to_string(i)));
        return Status::Ok();
      }).ok());
    });
  }
  ASSERT_TRUE(testing::WaitForGauge(waiting, 2));
  // A third would be one too many waiting: refused at once, not queued.
  EXPECT_EQ(store.WriteFor(SalonId{"sal_busy"}, [](WriteTxn&) { return Status::Ok(); }).code(),
            Code::kUnavailable);
  // Another salon's write is not held up by them.
  Status other = store.WriteFor(SalonId{"sal_other"}, [](WriteTxn& txn) {
    txn.Put(Kind::kClient, Client("sal_other", "cli_9"));
    return Status::Ok();
  });
  EXPECT_TRUE(other.ok()) << other.message();
  release.set_value();
  first.join();
  for (auto& t : queued) t.join();
  EXPECT_EQ(waiting.value(), 0);
  long long busy = 0;
  ASSERT_TRUE(store.Read([&](ReadTxn& txn) {
    busy = txn.Count(Kind::kClient, SalonId{"sal_busy"});
    return Status::Ok();
  }).ok());
  EXPECT_EQ(busy, 3);  // every queued write was made, in turn
}

TEST(SalonTurnsTest, WritesQueuedBehindATurnCommitTogetherEachKeptOrRefusedOnItsOwn) {
  Metrics metrics;
  pg::PgConfig config;
  config.url = testing::FreshDatabase();
  config.pool = 2;
  config.metrics = &metrics;
  pg::PgStore store(config);
  const Gauge& waiting =
      metrics.GaugeOf("salon_store_salon_turn_waits", "", "{engine=\"postgres\"}");
  const Counter& commits =
      metrics.CounterOf("salon_store_commits_total", "", "{engine=\"postgres\"}");
  const SalonId salon{"sal_busy"};
  auto busy = [&](WriteTxn& txn, const std::string& appointment, long long start) {
    txn.AddBusy(AppointmentId{appointment}, salon,
                {{AppointmentId{appointment}, StaffId{"stf_1"}, start, start + 900}});
  };
  auto put = [&](WriteTxn& txn, const std::string& client) {
    txn.Put(Kind::kClient, Client(salon.value, client));
  };

  std::promise<void> holding, release;
  std::thread first([&] {
    EXPECT_TRUE(store.WriteFor(salon, [&](WriteTxn& txn) {
      put(txn, "cli_0");
      (void)txn.Get(Kind::kClient, salon, "cli_0");
      holding.set_value();
      release.get_future().wait();
      return Status::Ok();
    }).ok());
  });
  holding.get_future().wait();
  // Six writes queue in this order: refused by its own status before any
  // statement (its savepoint never sent); kept; refused by the database (its
  // busy time overlaps the one kept); refused before any statement again
  // (the end of the refused savepoint still queued ahead of its own);
  // refused by its own status after a read sent part of it; kept.
  const std::vector<std::function<Status(WriteTxn&)>> writes{
      [&](WriteTxn&) { return Status::Invalid("refused before any statement"); },
      [&](WriteTxn& txn) {
        put(txn, "cli_1");
        busy(txn, "apt_1", 0);
        return Status::Ok();
      },
      [&](WriteTxn& txn) {
        put(txn, "cli_2");
        busy(txn, "apt_2", 450);
        return Status::Ok();
      },
      [&](WriteTxn&) { return Status::Invalid("refused before any statement"); },
      [&](WriteTxn& txn) {
        put(txn, "cli_4");
        (void)txn.Get(Kind::kClient, salon, "cli_1");
        put(txn, "cli_44");
        return Status::Invalid("refused by the use case");
      },
      [&](WriteTxn& txn) {
        put(txn, "cli_5");
        return Status::Ok();
      }};
  std::vector<Status> results(writes.size());
  std::vector<std::thread> queued;
  bool in_order = true;
  for (size_t i = 0; i < writes.size() && in_order; ++i) {
    queued.emplace_back([&, i] { results[i] = store.WriteFor(salon, writes[i]); });
    in_order = testing::WaitForGauge(waiting, double(i + 1));
  }
  const double commits_before = commits.value();
  release.set_value();
  first.join();
  for (auto& t : queued) t.join();
  ASSERT_TRUE(in_order) << "the writes did not queue one by one";

  EXPECT_EQ(results[0].code(), Code::kInvalid);
  EXPECT_TRUE(results[1].ok()) << results[1].message();
  EXPECT_EQ(results[2].code(), Code::kConflict) << results[2].message();
  EXPECT_EQ(results[3].code(), Code::kInvalid);
  EXPECT_EQ(results[4].code(), Code::kInvalid);
  EXPECT_TRUE(results[5].ok()) << results[5].message();
  EXPECT_EQ(commits.value() - commits_before, 2);  // the first write's, then the six's
  pg::Connection db(config.url);
  pg::Rows kept = db.Run("SELECT id FROM clients WHERE salon_id = $1 ORDER BY id", {salon.value});
  ASSERT_EQ(kept.size(), 3);  // the refused writes' clients are not
  EXPECT_EQ(kept.Text(1, 0), "cli_1");
  EXPECT_EQ(kept.Text(2, 0), "cli_5");
  EXPECT_EQ(db.Run("SELECT count(*) FROM busy WHERE salon_id = $1", {salon.value}).Int(0, 0), 1);
}

// A store whose salons' turns write one transaction at a time: one writer
// slot (writer_slots.h).
class OneWriterTest : public ::testing::Test {
 protected:
  static pg::PgConfig OneWriter(Metrics& metrics) {
    pg::PgConfig config;
    config.url = testing::FreshDatabase();
    config.pool = 3;
    config.writers = 1;
    config.acquire_timeout = std::chrono::seconds(30);  // the writes queue meanwhile
    config.metrics = &metrics;
    return config;
  }

  Metrics metrics_;
  const pg::PgConfig config_ = OneWriter(metrics_);
  pg::PgStore store_{config_};
  const Gauge& queued_ =
      metrics_.GaugeOf("salon_store_writes_queued", "", "{engine=\"postgres\"}");
  const Counter& commits_ =
      metrics_.CounterOf("salon_store_commits_total", "", "{engine=\"postgres\"}");
};

TEST_F(OneWriterTest, TurnsOfSalonsWaitingForAWriterCommitTogetherEachInItsSalonsOrder) {

  std::promise<void> holding, release;
  std::thread first([&] {
    EXPECT_TRUE(store_.WriteFor(SalonId{"sal_m"}, [&](WriteTxn& txn) {
      txn.Put(Kind::kClient, Client("sal_m", "cli_m"));
      holding.set_value();
      release.get_future().wait();
      return Status::Ok();
    }).ok());
  });
  holding.get_future().wait();
  // Three salons' writes find the one writer taken; the second's busy time
  // is refused by the database (it overlaps a row of the same write).
  std::mutex mu;
  std::vector<std::string> written;  // salons, in the order their writes ran
  auto write = [&](const std::string& salon, bool overlapping) {
    return [&, salon, overlapping](WriteTxn& txn) {
      {
        std::lock_guard lock(mu);
        written.push_back(salon);
      }
      txn.Put(Kind::kClient, Client(salon, "cli_" + salon));
      const AppointmentId apt{"apt_" + salon};
      std::vector<BusyRow> rows{{apt, StaffId{"stf_" + salon}, 0, 900}};
      if (overlapping) rows.push_back({apt, StaffId{"stf_" + salon}, 450, 1350});
      txn.AddBusy(apt, SalonId{salon}, rows);
      return Status::Ok();
    };
  };
  const std::vector<std::string> salons{"sal_z", "sal_b", "sal_k"};
  std::vector<Status> results(salons.size());
  std::vector<std::thread> waiting;
  bool in_order = true;
  for (size_t i = 0; i < salons.size() && in_order; ++i) {
    waiting.emplace_back([&, i] {
      results[i] = store_.WriteFor(SalonId{salons[i]}, write(salons[i], salons[i] == "sal_b"));
    });
    in_order = testing::WaitForGauge(queued_, double(i + 1));
  }
  const double commits_before = commits_.value();
  release.set_value();
  first.join();
  for (auto& t : waiting) t.join();
  ASSERT_TRUE(in_order) << "the writes did not queue one by one";

  EXPECT_TRUE(results[0].ok()) << results[0].message();
  EXPECT_EQ(results[1].code(), Code::kConflict) << results[1].message();
  EXPECT_TRUE(results[2].ok()) << results[2].message();
  EXPECT_EQ(commits_.value() - commits_before, 2);  // the first write's, then the three's
  EXPECT_EQ(written, (std::vector<std::string>{"sal_b", "sal_k", "sal_z"}));
  pg::Connection db(config_.url);
  pg::Rows kept = db.Run("SELECT salon_id FROM clients ORDER BY salon_id");
  ASSERT_EQ(kept.size(), 3);  // sal_b's client went with its refused write
  EXPECT_EQ(kept.Text(0, 0), "sal_k");
  EXPECT_EQ(kept.Text(1, 0), "sal_m");
  EXPECT_EQ(kept.Text(2, 0), "sal_z");
}

TEST_F(OneWriterTest, ASalonLockedByAnotherProcessIsWrittenAfterTheOthersItWaitedWith) {
  auto put = [](const std::string& salon) {  // refused (409) if written twice
    return [salon](WriteTxn& txn) {
      txn.Put(Kind::kClient, Client(salon, "cli_" + salon));
      const AppointmentId apt{"apt_" + salon};
      txn.AddBusy(apt, SalonId{salon}, {{apt, StaffId{"stf_" + salon}, 0, 900}});
      return Status::Ok();
    };
  };
  // Another process's transaction holds sal_k's lock.
  pg::Connection other(config_.url);
  other.Run("BEGIN");
  other.Run("SELECT pg_advisory_xact_lock(hashtextextended('sal_k', 0))");

  std::promise<void> holding, release;
  std::thread first([&] {
    EXPECT_TRUE(store_.WriteFor(SalonId{"sal_m"}, [&](WriteTxn& txn) {
      holding.set_value();
      release.get_future().wait();
      return put("sal_m")(txn);
    }).ok());
  });
  holding.get_future().wait();
  const std::vector<std::string> salons{"sal_z", "sal_k", "sal_b"};
  std::vector<std::future<Status>> results;
  bool in_order = true;
  for (size_t i = 0; i < salons.size() && in_order; ++i) {
    results.push_back(std::async(std::launch::async, [&, i] {
      return store_.WriteFor(SalonId{salons[i]}, put(salons[i]));
    }));
    in_order = testing::WaitForGauge(queued_, double(i + 1));
  }
  const double commits_before = commits_.value();
  release.set_value();
  first.join();
  ASSERT_EQ(results.size(), salons.size()) << "the writes did not queue one by one";
  // sal_b and sal_z are written without waiting for sal_k's lock...
  const bool others_written =
      results[0].wait_for(std::chrono::seconds(10)) == std::future_status::ready &&
      results[2].wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  const bool k_waited = results[1].wait_for(std::chrono::seconds(0)) == std::future_status::timeout;
  // ...and sal_k's once the other transaction ends.
  other.Run("COMMIT");
  ASSERT_TRUE(in_order) << "the writes did not queue one by one";
  EXPECT_TRUE(others_written) << "the group waited for a salon locked elsewhere";
  EXPECT_TRUE(k_waited);
  for (auto& r : results) EXPECT_TRUE(r.get().ok());
  EXPECT_EQ(commits_.value() - commits_before, 3);  // sal_m's; sal_b's with sal_z's; sal_k's
  pg::Connection db(config_.url);
  EXPECT_EQ(db.Run("SELECT count(*) FROM clients").Int(0, 0), 4);
}

}  // namespace
}  // namespace salon
