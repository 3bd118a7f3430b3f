// Copying a platform between engines: SQLite to PostgreSQL, twice.
#include "store/store_copy.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/open_store.h"
#include "tests/support/postgres.h"

namespace salon {
namespace {

Record Make(const std::string& id, const std::string& salon, const std::string& parent = "") {
  Record r;
  r.id = id;
  r.salon_id = salon;
  r.parent_id = parent;
  r.data = "{\"id\":\"" + id + "\"}";
  return r;
}

TEST(StoreCopyTest, SqliteToPostgresCopiesEverythingAndIsSafeToRepeat) {
  char tmpl[] = "/tmp/salon-copy-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  auto from = OpenStore("sqlite:" + dir);
  auto to = OpenStore(testing::FreshDatabase());
  ASSERT_TRUE(from->Write([](WriteTxn& txn) {
    for (const char* salon : {"sal_a", "sal_b"}) {
      txn.Put(Kind::kSalon, Make(salon, salon));
      txn.Put(Kind::kBranch, Make(std::string("br_") + salon, salon));
      for (int i = 0; i < 7; ++i) {
        Record apt = Make("apt_" + std::to_string(i) + salon, salon, std::string("br_") + salon);
        apt.archived = i == 3;
        txn.Put(Kind::kAppointment, apt);
        const AppointmentId id{apt.id};
        txn.SetBusy(id, SalonId{salon}, {{id, StaffId{std::string("stf_") + salon}, i * 100, i * 100 + 50}});
      }
      txn.PutSalonKey(std::string("hash_") + salon, SalonId{salon});
      txn.PutResponse(salon, "key-1", {"h", 201, "{}", 5});
      txn.BumpCalendar(BranchId{std::string("br_") + salon}, "2026-11-23");
      txn.BumpCalendar(BranchId{std::string("br_") + salon}, "2026-11-23");
    }
    return Status::Ok();
  }).ok());

  for (int run = 0; run < 2; ++run) {
    long long last_done = -1, last_total = -1;
    auto report = CopyStore(*from, *to, [&](long long done, long long total) {
      EXPECT_GE(done, last_done);
      last_done = done;
      last_total = total;
    }, /*batch=*/3);
    ASSERT_TRUE(report.ok()) << report.status().message();
    EXPECT_EQ(report->salons, 2);
    EXPECT_EQ(report->records[Kind::kAppointment], 14);
    EXPECT_EQ(last_done, last_total);
    EXPECT_EQ(last_total, 2 + 2 + 14);
  }
  ASSERT_TRUE(to->Read([](ReadTxn& txn) {
    EXPECT_EQ(txn.Count(Kind::kAppointment, SalonId{}), 14);
    EXPECT_TRUE(txn.Get(Kind::kAppointment, SalonId{"sal_a"}, "apt_3sal_a")->archived);
    EXPECT_EQ(txn.Busy(SalonId{"sal_b"}, {StaffId{"stf_sal_b"}}, 0, 10000).size(), 7u);
    EXPECT_EQ(txn.SalonIdByKeyHash("hash_sal_b"), SalonId{"sal_b"});
    EXPECT_EQ(txn.GetResponse("sal_a", "key-1")->status, 201);
    EXPECT_EQ(txn.CalendarVersion(BranchId{"br_sal_a"}, "2026-11-23"), 2);  // not bumped by the rerun
    return Status::Ok();
  }).ok());
  from.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace salon
