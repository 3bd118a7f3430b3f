// The cash-up's pure rules: the window a day covers (DST-correct, starting
// where the previous day's cash-up closed), what each method should hold
// from the ledger, the differences, and the over/short entry.
#include "sales/cash_up.h"

#include <gtest/gtest.h>

#include "sales/ledger.h"
#include "sales_testing.h"
#include "tests/support/literals.h"

namespace salon {
namespace {

using namespace std::chrono_literals;
using testing::InvalidAt;
using testing::Pay;

using testing::At;
using testing::Date;
// A point of time alone (a local midnight, or an entry of no sequence).
TillPoint Time(const char* text) { return {At(text), 0}; }
TimeZone Zone(const char* name) { return *TimeZone::Find(name); }

LedgerEntry Entry(const std::string& source, std::vector<Posting> postings) {
  LedgerEntry e;
  e.source = source;
  e.postings = Normalised(std::move(postings));
  return e;
}

TEST(CashUpTest, ADayClosedLateCoversTheWholeLocalDay) {
  const TimeZone dublin = Zone("Europe/Dublin");
  auto w = CashUpWindowOf(dublin, Date("2026-07-10"), std::nullopt,
                          {At("2026-07-12T08:00:00Z"), 40});
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->from, Time("2026-07-09T23:00:00Z"));  // local midnight, summer time
  EXPECT_EQ(w->to, Time("2026-07-10T23:00:00Z"));    // its end: by time, not by the count
}

TEST(CashUpTest, ADayClosedDuringItEndsNowAndTheNextStartsThere) {
  const TimeZone dublin = Zone("Europe/Dublin");
  const TillPoint closed{At("2026-11-20T18:30:00Z"), 17};
  auto today = CashUpWindowOf(dublin, Date("2026-11-20"), std::nullopt, closed);
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(today->from, Time("2026-11-20T00:00:00Z"));
  EXPECT_EQ(today->to, closed);
  // What was sold after the count belongs to the next day.
  const TillPoint next{At("2026-11-21T19:00:00Z"), 30};
  auto tomorrow = CashUpWindowOf(dublin, Date("2026-11-21"), closed, next);
  ASSERT_TRUE(tomorrow.ok());
  EXPECT_EQ(tomorrow->from, closed);
  EXPECT_EQ(tomorrow->to, next);
}

TEST(CashUpTest, DstDaysAreTwentyThreeAndTwentyFiveHoursLong) {
  const TimeZone dublin = Zone("Europe/Dublin");
  const TillPoint later = Time("2026-12-01T00:00:00Z");
  auto spring = CashUpWindowOf(dublin, Date("2026-03-29"), std::nullopt, later);
  ASSERT_TRUE(spring.ok());
  EXPECT_EQ(spring->to.at - spring->from.at, 23h);
  auto autumn = CashUpWindowOf(dublin, Date("2026-10-25"), std::nullopt, later);
  ASSERT_TRUE(autumn.ok());
  EXPECT_EQ(autumn->to.at - autumn->from.at, 25h);
  const TimeZone new_york = Zone("America/New_York");
  auto ny = CashUpWindowOf(new_york, Date("2026-11-01"), std::nullopt, later);
  ASSERT_TRUE(ny.ok());
  EXPECT_EQ(ny->from, Time("2026-11-01T04:00:00Z"));
  EXPECT_EQ(ny->to, Time("2026-11-02T05:00:00Z"));
}

TEST(CashUpTest, ADayNotBegunIsNotCashedUp) {
  const TimeZone auckland = Zone("Pacific/Auckland");
  // 10:00 UTC on the 20th is 23:00 on the 20th in Auckland: the 21st has not begun.
  const TillPoint now = Time("2026-11-20T10:00:00Z");
  EXPECT_TRUE(InvalidAt(
      CashUpWindowOf(auckland, Date("2026-11-21"), std::nullopt, now).status(), "date"));
  EXPECT_TRUE(CashUpWindowOf(auckland, Date("2026-11-20"), std::nullopt, now).ok());
}

TEST(CashUpTest, WhatComesAfterItsDaysCashUpBelongsToTheNextDay) {
  const TimeZone dublin = Zone("Europe/Dublin");
  const TillPoint closed{At("2026-11-20T18:00:00Z"), 20};
  EXPECT_EQ(CashUpDayOf(dublin, {At("2026-11-20T17:59:59Z"), 19}, closed), Date("2026-11-20"));
  EXPECT_EQ(CashUpDayOf(dublin, {closed.at, 21}, closed), Date("2026-11-21"));
  EXPECT_EQ(CashUpDayOf(dublin, Time("2026-11-20T23:00:00Z"), std::nullopt), Date("2026-11-20"));
  // A day cashed up after its end closed at its end, by time.
  const TillPoint midnight = Time("2026-11-21T00:00:00Z");
  EXPECT_EQ(CashUpDayOf(dublin, {At("2026-11-20T23:59:59Z"), 40}, midnight), Date("2026-11-20"));
}

// The cash-up's second is shared: a sale, its void and the count may all
// fall in it. Their places in the branch's postings, not the second, say
// which day each is.
TEST(CashUpTest, PostingsInTheSecondOfACashUpAreOrderedByTheirSequence) {
  const TimeZone dublin = Zone("Europe/Dublin");
  const Instant second = At("2026-11-20T18:00:00Z");
  const TillPoint sale{second, 7}, void_of_it{second, 8}, count{second, 9}, after{second, 10};
  auto today = CashUpWindowOf(dublin, Date("2026-11-20"), std::nullopt, count);
  ASSERT_TRUE(today.ok());
  EXPECT_TRUE(today->Contains(sale));
  EXPECT_TRUE(today->Contains(void_of_it));  // with its sale, not the next day
  EXPECT_FALSE(today->Contains(after));
  EXPECT_EQ(CashUpDayOf(dublin, void_of_it, count), Date("2026-11-20"));
  EXPECT_EQ(CashUpDayOf(dublin, after, count), Date("2026-11-21"));
  auto tomorrow = CashUpWindowOf(dublin, Date("2026-11-21"), count,
                                 {At("2026-11-21T18:00:00Z"), 30});
  ASSERT_TRUE(tomorrow.ok());
  EXPECT_FALSE(tomorrow->Contains(void_of_it));
  EXPECT_TRUE(tomorrow->Contains(after));
  // An entry posted before the sequence was kept is placed by its second,
  // as every entry was: the count's second is the next day's.
  EXPECT_FALSE(today->Contains({second, 0}));
  EXPECT_TRUE(tomorrow->Contains({second, 0}));
  EXPECT_TRUE(today->Contains({At("2026-11-20T17:59:59Z"), 0}));
}

TEST(CashUpTest, ExpectedIsTheFloatPlusTheLedgersMovementPerMethod) {
  // A cash sale of 30.00 (50.00 tendered, 20.00 change) with a 2.00 tip, a
  // card sale of 60.00, a cash refund of 12.00, a voided card sale, and
  // yesterday's over/short entry (left out: it was counted then).
  std::vector<LedgerEntry> entries;
  PricedLine cut;
  cut.line.kind = LineKind::kService;
  cut.net = 2439;
  cut.tax = 561;
  cut.gross = 3000;
  entries.push_back(Entry("sale", SalePostings({cut}, 200, {Pay(PaymentMethod::kCash, 5000)},
                                               1800)));
  PricedLine colour = cut;
  colour.net = 6000;
  colour.tax = 0;
  colour.gross = 6000;
  entries.push_back(Entry("sale", SalePostings({colour}, 0, {Pay(PaymentMethod::kCard, 6000)}, 0)));
  entries.push_back(Entry("refund", RefundPostings(LineKind::kService, {976, 224},
                                                   PaymentMethod::kCash)));
  const std::vector<Posting> voided =
      SalePostings({colour}, 0, {Pay(PaymentMethod::kCard, 6000)}, 0);
  entries.push_back(Entry("sale", voided));
  entries.push_back(Entry("void", Reversed(voided)));
  entries.push_back(Entry(kCashUpSource, OverShortPostings(-500)));

  auto r = Reconcile(10000, {{PaymentMethod::kCash, 12000}, {PaymentMethod::kCard, 6100}},
                     entries);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->expected, (MethodAmounts{{PaymentMethod::kCash, 10000 + 3200 - 1200},
                                        {PaymentMethod::kCard, 6000}}));
  EXPECT_EQ(r->difference, (MethodAmounts{{PaymentMethod::kCash, 0},
                                          {PaymentMethod::kCard, 100}}));
  EXPECT_EQ(r->cash_to_bank, 2000);
}

TEST(CashUpTest, MethodsOutsideTheDrawerAreExpectedOnlyWhenTheirAccountMoved) {
  PricedLine cut;
  cut.line.kind = LineKind::kService;
  cut.net = cut.gross = 4000;
  std::vector<LedgerEntry> entries{
      Entry("sale", SalePostings({cut}, 0, {Pay(PaymentMethod::kVoucher, 4000)}, 0))};
  auto r = Reconcile(0, {{PaymentMethod::kCash, 0}, {PaymentMethod::kCard, 0}}, entries);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->expected, (MethodAmounts{{PaymentMethod::kCash, 0},
                                        {PaymentMethod::kCard, 0},
                                        {PaymentMethod::kVoucher, 4000}}));
  EXPECT_EQ(r->difference.at(PaymentMethod::kVoucher), -4000);  // not counted: all of it

  auto none = Reconcile(0, {{PaymentMethod::kCash, 0}, {PaymentMethod::kCard, 0},
                            {PaymentMethod::kAccount, 300}}, {});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->expected.contains(PaymentMethod::kAccount));
  EXPECT_EQ(none->difference.at(PaymentMethod::kAccount), 300);
}

TEST(CashUpTest, CountsAreWholeAndNotNegative) {
  EXPECT_TRUE(InvalidAt(Reconcile(0, {{PaymentMethod::kCash, 0}}, {}).status(), "counted.card"));
  EXPECT_TRUE(InvalidAt(Reconcile(0, {{PaymentMethod::kCard, 0}}, {}).status(), "counted.cash"));
  EXPECT_TRUE(InvalidAt(
      Reconcile(-1, {{PaymentMethod::kCash, 0}, {PaymentMethod::kCard, 0}}, {}).status(),
      "float"));
  EXPECT_TRUE(InvalidAt(
      Reconcile(0, {{PaymentMethod::kCash, -5}, {PaymentMethod::kCard, 0}}, {}).status(),
      "counted.cash"));
}

TEST(CashUpTest, TheOverShortEntryBalancesTheCashDifference) {
  EXPECT_TRUE(OverShortPostings(0).empty());
  const auto short_by_50 = OverShortPostings(-50);
  EXPECT_TRUE(Balanced(short_by_50));
  EXPECT_EQ(short_by_50, (std::vector<Posting>{{Account::kCash, -50},
                                               {Account::kCashOverShort, 50}}));
  const auto over_by_20 = OverShortPostings(20);
  EXPECT_EQ(over_by_20, (std::vector<Posting>{{Account::kCash, 20},
                                              {Account::kCashOverShort, -20}}));
}

TEST(CashUpTest, TheIdIsOnePerBranchAndDay) {
  EXPECT_EQ(CashUpIdOf(BranchId{"br_1"}, Date("2026-11-20")).value, "cup_br_1_2026-11-20");
  EXPECT_NE(CashUpIdOf(BranchId{"br_1"}, Date("2026-11-20")),
            CashUpIdOf(BranchId{"br_1"}, Date("2026-11-21")));
}

}  // namespace
}  // namespace salon
