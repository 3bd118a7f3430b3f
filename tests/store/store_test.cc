// The store conformance tests: every engine, against a real database (a
// SQLite file; a fresh database on ./test's PostgreSQL cluster).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "base/request_stages.h"
#include "store/open_store.h"
#include "tests/support/engine_test.h"

namespace salon {
namespace {

class StoreTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Open();
  }
  void TearDown() override {
    store_.reset();
    EngineTest::TearDown();
  }
  void Open() {
    store_.reset();
    store_ = OpenStore(spec_);
  }
  static Record Client(const std::string& id, const std::string& salon) {
    Record r;
    r.id = id;
    r.salon_id = salon;
    r.data = "{}";
    r.search = "ann murphy";
    return r;
  }
  std::optional<Record> Get(Kind kind, const std::string& salon, const std::string& id) {
    std::optional<Record> out;
    EXPECT_TRUE(store_->Read([&](ReadTxn& txn) {
      out = txn.Get(kind, SalonId{salon}, id);
      return Status::Ok();
    }).ok());
    return out;
  }

  std::unique_ptr<Store> store_;
};

SALON_ON_EVERY_ENGINE(StoreTest);

TEST_P(StoreTest, SchemaIsCurrentAndReady) { EXPECT_TRUE(store_->Ready().ok()); }

// Caches may take what reads see, never what a write sees of itself.
TEST_P(StoreTest, TransactionsSayWhetherTheyWrite) {
  ASSERT_TRUE(store_->Read([](ReadTxn& txn) {
    EXPECT_FALSE(txn.writing());
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Write([](WriteTxn& txn) {
    EXPECT_TRUE(txn.writing());
    return Status::Ok();
  }).ok());
}

// A slow request's log line tells how much of its read was spent in the
// database's statements.
TEST_P(StoreTest, StatementsCountAsTheRequestsSqlStage) {
  RequestStages stages;
  {
    RequestStages::Installed installed(&stages);
    ASSERT_TRUE(store_->Read([](ReadTxn& txn) {
      EXPECT_FALSE(txn.Get(Kind::kClient, SalonId{"sal_a"}, "cli_1").has_value());
      return Status::Ok();
    }).ok());
  }
  EXPECT_NE(stages.Summary().find("sql="), std::string::npos) << stages.Summary();
}

TEST_P(StoreTest, PutGetAndTenantScope) {
  ASSERT_TRUE(store_->Write([](WriteTxn& txn) {
    txn.Put(Kind::kClient, Client("cli_1", "sal_a"));
    return Status::Ok();
  }).ok());
  EXPECT_TRUE(Get(Kind::kClient, "sal_a", "cli_1").has_value());
  EXPECT_FALSE(Get(Kind::kClient, "sal_b", "cli_1").has_value());  // another tenant
  EXPECT_FALSE(Get(Kind::kStaff, "sal_a", "cli_1").has_value());   // another kind
}

TEST_P(StoreTest, GetManyFindsEachSalonsRecordAndLeavesOutTheMissing) {
  ASSERT_TRUE(store_->Write([](WriteTxn& txn) {
    txn.Put(Kind::kClient, Client("cli_1", "sal_a"));
    txn.Put(Kind::kClient, Client("cli_2", "sal_a"));
    txn.Put(Kind::kClient, Client("cli_3", "sal_b"));
    return Status::Ok();
  }).ok());
  std::vector<std::pair<std::string, std::string>> found;
  ASSERT_TRUE(store_->Read([&](ReadTxn& txn) {
    const std::vector<RecordKey> keys = {{SalonId{"sal_b"}, "cli_3"},
                                         {SalonId{"sal_a"}, "cli_2"},
                                         {SalonId{"sal_b"}, "cli_1"},  // another salon's
                                         {SalonId{"sal_a"}, "cli_9"}};
    for (const Record& r : txn.GetMany(Kind::kClient, keys)) {
      found.emplace_back(r.salon_id, r.id);
    }
    EXPECT_TRUE(txn.GetMany(Kind::kStaff, {{SalonId{"sal_a"}, "cli_1"}}).empty());  // another kind
    EXPECT_TRUE(txn.GetMany(Kind::kClient, {}).empty());
    return Status::Ok();
  }).ok());
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::pair<std::string, std::string>>{{"sal_a", "cli_2"},
                                                                     {"sal_b", "cli_3"}}));
  // In a write too (which locks the salons it reads, on PostgreSQL).
  ASSERT_TRUE(store_->Write([](WriteTxn& txn) {
    EXPECT_EQ(txn.GetMany(Kind::kClient, {{SalonId{"sal_b"}, "cli_3"}, {SalonId{"sal_a"}, "cli_1"}})
                  .size(),
              2u);
    return Status::Ok();
  }).ok());
}

TEST_P(StoreTest, ListPagesSearchesAndFiltersByOverlap) {
  ASSERT_TRUE(store_->Write([](WriteTxn& txn) {
    for (int i = 0; i < 5; ++i) {
      Record r = Client("cli_" + std::to_string(i), "sal_a");
      r.start = i * 100;
      r.end = i * 100 + 50;
      r.search = i == 3 ? "zoe" : "ann";
      txn.Put(Kind::kAppointment, r);
    }
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([](ReadTxn& txn) {
    ListQuery q;
    q.kind = Kind::kAppointment;
    q.salon_id = SalonId{"sal_a"};
    q.limit = 2;
    auto page = txn.List(q);
    EXPECT_EQ(page.size(), 2u);
    q.after_id = page.back().id;
    EXPECT_EQ(txn.List(q).front().id, "cli_2");
    q.after_id = "";
    q.limit = 10;
    q.search = "zo";
    EXPECT_EQ(txn.List(q).size(), 1u);
    q.search = "";
    q.overlap = {{120, 260}};  // overlaps [100,150) and [200,250)
    EXPECT_EQ(txn.List(q).size(), 2u);
    return Status::Ok();
  }).ok());
}

// A client's appointments and a status are columns of their own, matched
// exactly: cli_1 is not a part of cli_12.
TEST_P(StoreTest, ListFiltersByClientAndStatusExactly) {
  ASSERT_TRUE(store_->Write([](WriteTxn& txn) {
    int n = 0;
    for (const char* client : {"cli_1", "cli_12", "cli_1", "cli_2"}) {
      Record r = Client("apt_" + std::to_string(n), "sal_a");
      r.client_id = client;
      r.status = n++ % 2 ? "cancelled" : "booked";
      txn.Put(Kind::kAppointment, r);
    }
    return Status::Ok();
  }).ok());
  std::vector<Record> mine, cancelled;
  ASSERT_TRUE(store_->Read([&](ReadTxn& txn) {
    ListQuery q;
    q.kind = Kind::kAppointment;
    q.salon_id = SalonId{"sal_a"};
    q.client_id = ClientId{"cli_1"};
    mine = txn.List(q);
    q.status = "booked";
    cancelled = txn.List(q);
    return Status::Ok();
  }).ok());
  ASSERT_EQ(mine.size(), 2u);  // apt_0 and apt_2, not cli_12's apt_1
  for (const Record& r : mine) EXPECT_EQ(r.client_id, "cli_1");
  ASSERT_EQ(cancelled.size(), 2u);  // both of cli_1's are "booked"
  for (const Record& r : cancelled) EXPECT_EQ(r.status, "booked");
}

TEST_P(StoreTest, DatabaseRefusesOverlappingBusyTime) {
  // SetBusy replaces an appointment's rows; AddBusy adds a new one's.
  auto busy = [&](bool replace, const std::string& apt, long long start, long long end) {
    return store_->Write([&](WriteTxn& txn) {
      const std::vector<BusyRow> rows{{AppointmentId{apt}, StaffId{"stf_1"}, start, end}};
      if (replace) {
        txn.SetBusy(AppointmentId{apt}, SalonId{"sal_a"}, rows);
      } else {
        txn.AddBusy(AppointmentId{apt}, SalonId{"sal_a"}, rows);
      }
      return Status::Ok();
    });
  };
  ASSERT_TRUE(busy(false, "apt_1", 1000, 2000).ok());
  EXPECT_EQ(busy(false, "apt_2", 1500, 2500).code(), Code::kConflict);
  EXPECT_EQ(busy(true, "apt_2", 1500, 2500).code(), Code::kConflict);
  EXPECT_TRUE(busy(false, "apt_3", 2000, 3000).ok());  // half-open: touching is fine
  EXPECT_TRUE(busy(true, "apt_1", 900, 1900).ok());    // moving itself is fine
  ASSERT_TRUE(store_->Read([](ReadTxn& txn) {
    auto rows = txn.Busy(SalonId{"sal_a"}, {StaffId{"stf_1"}}, 0, 10000);
    EXPECT_EQ(rows.size(), 2u);
    EXPECT_TRUE(txn.Busy(SalonId{"sal_b"}, {StaffId{"stf_1"}}, 0, 10000).empty());  // another tenant
    return Status::Ok();
  }).ok());
}

TEST_P(StoreTest, AFailedWriteLeavesNothingAndSparesItsBatch) {
  std::vector<std::thread> threads;
  std::atomic<int> hooks{0};
  for (int i = 0; i < 64; ++i) {
    threads.emplace_back([&, i] {
      Status s = store_->Write([&](WriteTxn& txn) {
        txn.Put(Kind::kClient, Client("cli_" + std::to_string(i), "sal_a"));
        txn.OnCommit([&] { hooks++; });
        if (i % 2 == 1) return Status::Conflict("no");
        return Status::Ok();
      });
      EXPECT_EQ(s.ok(), i % 2 == 0);
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < 64; ++i) {
    EXPECT_EQ(Get(Kind::kClient, "sal_a", "cli_" + std::to_string(i)).has_value(), i % 2 == 0)
        << i;
  }
  EXPECT_EQ(hooks.load(), 32);  // only committed writes run their hooks
}

TEST_P(StoreTest, AnExceptionInsideAWriteIsAnInternalError) {
  Status s = store_->Write([](WriteTxn& txn) -> Status {
    txn.Put(Kind::kClient, Client("cli_x", "sal_a"));
    throw std::runtime_error("bug");
  });
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_FALSE(Get(Kind::kClient, "sal_a", "cli_x").has_value());
}

TEST_P(StoreTest, AcknowledgedWritesSurviveReopening) {
  std::vector<long long> versions;  // as each bump's commit hook hears them
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    txn.Put(Kind::kClient, Client("cli_1", "sal_a"));
    txn.PutSalonKey("hash", SalonId{"sal_a"});
    txn.PutResponse("sal_a", "key", {"h", 201, "{}", 1});
    txn.BumpCalendar(BranchId{"br_1"}, "2026-11-23", [&](long long v) { versions.push_back(v); });
    txn.BumpCalendar(BranchId{"br_1"}, "2026-11-23", [&](long long v) { versions.push_back(v); });
    EXPECT_TRUE(versions.empty());  // not before the commit
    return Status::Ok();
  }).ok());
  EXPECT_EQ(versions, (std::vector<long long>{1, 2}));
  Open();
  EXPECT_TRUE(Get(Kind::kClient, "sal_a", "cli_1").has_value());
  ASSERT_TRUE(store_->Read([](ReadTxn& txn) {
    EXPECT_EQ(txn.SalonIdByKeyHash("hash"), SalonId{"sal_a"});
    EXPECT_EQ(txn.GetResponse("sal_a", "key")->status, 201);
    EXPECT_EQ(txn.CalendarVersion(BranchId{"br_1"}, "2026-11-23"), 2);
    EXPECT_EQ(txn.CalendarVersion(BranchId{"br_1"}, "2026-11-24"), 0);
    return Status::Ok();
  }).ok());
}

TEST_P(StoreTest, ManyConcurrentWritersAllLand) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        Status s = store_->Write([&](WriteTxn& txn) {
          txn.Put(Kind::kClient, Client("cli_" + std::to_string(t * 1000 + i), "sal_a"));
          return Status::Ok();
        });
        EXPECT_TRUE(s.ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(store_->Read([](ReadTxn& txn) {
    ListQuery q;
    q.salon_id = SalonId{"sal_a"};
    q.limit = 1000;
    EXPECT_EQ(txn.List(q).size(), 400u);
    return Status::Ok();
  }).ok());
}

}  // namespace
}  // namespace salon
