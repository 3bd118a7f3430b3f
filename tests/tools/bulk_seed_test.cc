// salonctl seed --salons N: what it writes is a working platform, and the
// history shrinks to fit the disk.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "app/records.h"
#include "store/open_store.h"
#include "tools/salonctl/bulk_seed.h"

namespace salon {
namespace {

TEST(BulkSeed, WritesWorkingSalonsWithHistoryAndALineForSalonLoad) {
  char tmpl[] = "/tmp/salon-seed-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    auto store = OpenStore("sqlite:" + dir);
    Directory directory(*store, "admin");
    RandomIdSource ids;
    SeedPlan plan;
    plan.salons = 3;
    plan.clients = 40;
    plan.history_days = 14;
    plan.future_days = 7;
    std::ostringstream out;
    std::vector<int> progress;
    const LocalDate today = *ParseDate("2026-11-23");  // a Monday
    auto seeded = SeedSalons(*store, directory, ids, plan, today,
                             [&](int done) { progress.push_back(done); }, out);
    ASSERT_TRUE(seeded.ok()) << seeded.status().message();
    EXPECT_EQ(progress, (std::vector<int>{1, 2, 3}));
    // 21 days, 3 Sundays closed, 24 visits a day.
    EXPECT_EQ(seeded->appointments, 3 * 18 * 24);

    std::istringstream lines(out.str());
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
      ++n;
      const boost::json::object s = boost::json::parse(line).as_object();
      // Its key is a salon key of that salon.
      auto who = directory.Authenticate("Bearer " + std::string(s.at("key").as_string()));
      ASSERT_TRUE(who.ok());
      EXPECT_EQ(who->salon_id.value, s.at("id").as_string());
      EXPECT_EQ(s.at("staff").as_array().size(), 6u);
      EXPECT_EQ(s.at("services").as_array().size(), 25u);
      ASSERT_TRUE(store->Read([&](ReadTxn& txn) {
        const SalonId salon{std::string(s.at("id").as_string())};
        EXPECT_EQ(txn.Count(Kind::kClient, salon.value), 40);
        EXPECT_EQ(txn.Count(Kind::kAppointment, salon.value), 18 * 24);
        auto first = Load<Service>(txn, salon, std::string(s.at("services").at(0).as_string()));
        EXPECT_TRUE(first.ok());
        EXPECT_EQ(first->DurationMinutes(), 15);  // the load tool books this one
        // Every visit holds its staff's busy time (a colour's two busy phases
        // two rows), none overlapping: the store refuses overlaps.
        EXPECT_GE(txn.RowsOf(salon.value).busy.size(), size_t(18 * 24));
        return Status::Ok();
      }).ok());
    }
    EXPECT_EQ(n, 3);
  }
  std::filesystem::remove_all(dir);
}

TEST(BulkSeed, HistoryShrinksToFitTheDiskAndSaysSo) {
  SeedPlan plan;
  plan.salons = 10000;
  std::string note;
  SeedPlan same = FitToDisk(plan, 1LL << 50, note);
  EXPECT_EQ(same.history_days, 90);
  EXPECT_TRUE(note.empty());
  SeedPlan fitted = FitToDisk(plan, 10000 * BytesPerSalon(plan), note);  // half would not do
  EXPECT_LT(fitted.history_days, 90);
  EXPECT_LE(fitted.salons * BytesPerSalon(fitted), 10000 * BytesPerSalon(plan) / 2);
  EXPECT_NE(note.find("scaled down"), std::string::npos);
}

}  // namespace
}  // namespace salon
