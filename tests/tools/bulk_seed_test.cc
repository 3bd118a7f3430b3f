// salonctl seed --salons N: what it writes is a working platform, and the
// history shrinks to fit the disk.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "app/records.h"
#include "server/node.h"
#include "store/open_store.h"
#include "tools/salonctl/bulk_seed.h"
#include "tools/salonctl/demo_seed.h"

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
        EXPECT_EQ(txn.Count(Kind::kClient, salon), 40);
        EXPECT_EQ(txn.Count(Kind::kAppointment, salon), 18 * 24);
        auto first = Load<Service>(txn, salon, std::string(s.at("services").at(0).as_string()));
        EXPECT_TRUE(first.ok());
        EXPECT_EQ(first->DurationMinutes(), 15);  // the load tool books this one
        // Every visit holds its staff's busy time (a colour's two busy phases
        // two rows), none overlapping: the store refuses overlaps.
        EXPECT_GE(txn.RowsOf(salon).busy.size(), size_t(18 * 24));
        return Status::Ok();
      }).ok());
    }
    EXPECT_EQ(n, 3);
  }
  std::filesystem::remove_all(dir);
}

// Every record of `kind` of `salon`, read whole.
template <typename T>
std::vector<T> All(ReadTxn& txn, const SalonId& salon) {
  std::vector<T> out;
  ListQuery q = PageQuery(salon, {});
  q.include_archived = true;
  for (;;) {
    auto page = List<T>(txn, q);
    EXPECT_TRUE(page.ok()) << page.status().message();
    if (!page.ok()) return out;
    for (T& item : page->items) out.push_back(std::move(item));
    if (page->next.empty()) return out;
    q.after_id = page->next;
  }
}

TEST(BulkSeed, PastVisitsAreCheckedOutWithReceiptsAndABalancedLedger) {
  char tmpl[] = "/tmp/salon-seed-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    auto store = OpenStore("sqlite:" + dir);
    Directory directory(*store, "admin");
    RandomIdSource ids;
    SeedPlan plan;
    plan.salons = 2;
    plan.clients = 20;
    plan.history_days = 14;
    plan.future_days = 7;
    std::ostringstream out;
    const LocalDate today = *ParseDate("2026-11-23");  // a Monday
    auto seeded = SeedSalons(*store, directory, ids, plan, today, [](int) {}, out);
    ASSERT_TRUE(seeded.ok()) << seeded.status().message();
    // 14 days past, 2 Sundays closed, 24 visits a day, each checked out.
    constexpr long long kPast = 12 * 24;
    EXPECT_EQ(seeded->sales, 2 * kPast);

    std::istringstream lines(out.str());
    std::string line;
    while (std::getline(lines, line)) {
      const boost::json::object s = boost::json::parse(line).as_object();
      const SalonId salon{std::string(s.at("id").as_string())};
      const std::string branch(s.at("branch").as_string());
      ASSERT_TRUE(store->Read([&](ReadTxn& txn) {
        const std::vector<Sale> sales = All<Sale>(txn, salon);
        const std::vector<LedgerEntry> entries = All<LedgerEntry>(txn, salon);
        const std::vector<Appointment> visits = All<Appointment>(txn, salon);
        EXPECT_EQ(sales.size(), size_t(kPast));
        EXPECT_EQ(entries.size(), size_t(kPast));

        // Receipt numbers 1..N at the branch, and its counter goes on from N.
        std::vector<long long> numbers;
        std::map<std::string, const Sale*> by_id;
        std::map<std::string, const Sale*> checked_out;  // by appointment
        for (const Sale& sale : sales) {
          EXPECT_EQ(sale.branch_id.value, branch);
          EXPECT_EQ(sale.kind, SaleKind::kSale);
          EXPECT_EQ(sale.status, SaleStatus::kCompleted);
          EXPECT_GT(sale.totals.total, 0);
          // Paid by card, exactly.
          EXPECT_EQ(sale.payments.size(), 1u);
          if (!sale.payments.empty()) {
            EXPECT_EQ(sale.payments[0].method, PaymentMethod::kCard);
            EXPECT_EQ(sale.payments[0].amount, sale.totals.total);
          }
          EXPECT_EQ(sale.change, 0);
          numbers.push_back(sale.number);
          by_id[sale.id.value] = &sale;
          EXPECT_TRUE(checked_out.emplace(sale.appointment_id.value, &sale).second);
        }
        std::sort(numbers.begin(), numbers.end());
        for (size_t i = 0; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], (long long)i + 1);
        const SalonRows rows = txn.RowsOf(salon);
        long long counter = 0;
        for (const auto& c : rows.counters) {
          if (c.scope == "receipt:" + branch) counter = c.value;
        }
        EXPECT_EQ(counter, kPast);

        // One balanced "sale" entry per sale, for its total.
        std::set<std::string> posted;
        for (const LedgerEntry& e : entries) {
          EXPECT_TRUE(Balanced(e.postings)) << e.id.value;
          EXPECT_EQ(e.source, "sale");
          EXPECT_TRUE(by_id.count(e.sale_id.value)) << e.sale_id.value;
          if (!by_id.count(e.sale_id.value)) continue;
          EXPECT_EQ(e.posted_at, by_id[e.sale_id.value]->sold_at);
          EXPECT_TRUE(posted.insert(e.sale_id.value).second);
          std::int64_t card = 0;
          for (const Posting& p : e.postings) {
            if (p.account == Account::kCardClearing) card += p.amount;
          }
          EXPECT_EQ(card, by_id[e.sale_id.value]->totals.total);
        }

        // The visits of past days are completed by their sale, sold as they
        // ended; those from today on stay booked.
        EXPECT_EQ(checked_out.size(), size_t(kPast));
        for (const Appointment& a : visits) {
          if (auto it = checked_out.find(a.id.value); it != checked_out.end()) {
            EXPECT_EQ(a.status, AppointmentStatus::kCompleted);
            EXPECT_EQ(it->second->sold_at, a.span.end);
            EXPECT_EQ(it->second->client_id, a.client_id);
          } else {
            EXPECT_EQ(a.status, AppointmentStatus::kBooked);
          }
        }
        return Status::Ok();
      }).ok());
    }
  }
  std::filesystem::remove_all(dir);
}

// salonctl seed --demo: a shelf of products, the visits over by `now`
// checked out, and a walk-in sale as the printed example makes it.
TEST(DemoSeed, StocksTheShelfChecksOutVisitsOverAndTheExampleSaleGivesChange) {
  char tmpl[] = "/tmp/salon-demo-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    const LocalDate today = *ParseDate("2026-11-24");  // a Tuesday: all six work
    const TimeZone dublin = *TimeZone::Find("Europe/Dublin");
    FakeClock clock(dublin.ToInstant(LocalTime(today) + std::chrono::hours(20)));
    RandomIdSource ids;
    NodeConfig config;
    config.data_dir = dir;
    config.admin_key = "ak_test";
    Node node(config, clock, ids);
    auto demo = SeedDemo(node, today, clock.Now(), 42);
    ASSERT_TRUE(demo.ok()) << demo.status().message();
    const SalonId salon{demo->salon_id};
    EXPECT_EQ(demo->product_ids.size(), 4u);
    EXPECT_EQ(demo->product_id, demo->product_ids.front());
    for (const std::string& id : demo->product_ids) {
      auto p = node.catalog().Get<Product>(salon, id);
      ASSERT_TRUE(p.ok());
      EXPECT_GT(p->stock[demo->branch_id], 0);
    }
    EXPECT_EQ(demo->sales, 5);  // today's visits ended by 20:00: a few checked out
    auto sold = node.sales().List(salon, {});
    ASSERT_TRUE(sold.ok());
    ASSERT_EQ(sold->items.size(), 5u);
    for (const SaleView& v : sold->items) {
      auto visit = node.appointments().Get(salon, v.sale.appointment_id);
      ASSERT_TRUE(visit.ok());
      EXPECT_EQ(visit->appointment.status, AppointmentStatus::kCompleted);
      EXPECT_LE(visit->appointment.span.end, clock.Now());
    }

    CheckoutRequest walk_in;
    walk_in.branch = BranchId{demo->branch_id};
    walk_in.lines = std::vector<CheckoutLineRequest>{
        {LineKind::kProduct, demo->product_id, std::nullopt, 1, std::nullopt, std::nullopt,
         std::nullopt},
        {LineKind::kService, demo->service_id, std::nullopt, 1, std::nullopt, std::nullopt,
         std::nullopt}};
    walk_in.payments = {{PaymentMethod::kCash, demo->walk_in_cash, "", ""}};
    SaleView sale;
    ASSERT_TRUE(node.sales().Checkout(salon, walk_in, KeepIn(sale)).ok());
    EXPECT_GT(sale.sale.change, 0);
    EXPECT_EQ(sale.sale.number, 6);
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
