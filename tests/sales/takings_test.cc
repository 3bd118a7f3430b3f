// The till's reports as pure aggregation: sales count where they were sold,
// refunds where they were made, voided sales only as voids; tax by rate,
// tips and revenue per staff member, and commission to the unit.
#include "sales/takings.h"

#include <gtest/gtest.h>

#include "sales/pricing.h"
#include "sales_testing.h"

namespace salon {
namespace {

using namespace std::chrono_literals;
using testing::Line;
using testing::Pay;

const Instant kMonday = *ParseInstant("2026-11-23T00:00:00Z");
const Period kMondayOnly{kMonday, kMonday + 24h};

// A sale at `at` of `lines` (prices include tax), paid as `payments`.
Sale SaleOf(Instant at, std::vector<CartLine> lines, std::vector<Payment> payments,
            std::int64_t change = 0, std::vector<TipShare> tips = {}) {
  auto cart = PriceCart(lines, std::nullopt, true);
  EXPECT_TRUE(cart.ok()) << cart.status().message();
  Sale s;
  s.id.value = "sale_" + std::to_string(UnixSeconds(at));
  s.sold_at = at;
  s.lines = cart->lines;
  s.refunded.assign(s.lines.size(), {});
  s.totals = cart->totals;
  for (const TipShare& t : tips) s.totals.tips += t.amount;
  s.tips = std::move(tips);
  s.payments = std::move(payments);
  s.change = change;
  return s;
}

// A refund of `gross` of line `i` of `s` at `at` (net and tax as the line's).
void RefundLineOf(Sale& s, int i, std::int64_t gross, Instant at, PaymentMethod method) {
  const PricedLine& l = s.lines[i];
  Refund f;
  f.at = at;
  f.method = method;
  const std::int64_t net = gross * l.net / l.gross;
  f.lines.push_back({i, 0, gross, net, gross - net});
  f.amount = gross;
  s.refunds.push_back(f);
}

TEST(TakingsTest, SalesRefundsAndVoidsEachCountInTheirOwnPeriod) {
  // Monday: a cut (23 %) by Ann and two shampoos (13.5 %) by Bea, with a
  // tip to Ann, 100.00 cash tendered; a colour (0 %) by card; a voided sale.
  Sale cut = SaleOf(kMonday + 10h,
                    {Line(LineKind::kService, 2500, 2300, "ann"),
                     Line(LineKind::kProduct, 1000, 1350, "bea", 2)},
                    {Pay(PaymentMethod::kCash, 10000)}, 10000 - 4800,
                    {{"ann", 300}});
  Sale colour = SaleOf(kMonday + 11h, {Line(LineKind::kService, 6000, 0, "bea")},
                       {Pay(PaymentMethod::kCard, 6000)});
  Sale voided = SaleOf(kMonday + 12h, {Line(LineKind::kService, 2500, 2300, "ann")},
                       {Pay(PaymentMethod::kCard, 2500)});
  voided.status = SaleStatus::kVoided;
  // Sunday's sale, refunded on Monday (one shampoo, by card): only the refund counts.
  Sale sunday = SaleOf(kMonday - 5h, {Line(LineKind::kProduct, 1000, 1350, "bea", 2)},
                       {Pay(PaymentMethod::kCard, 2000)});
  RefundLineOf(sunday, 0, 1000, kMonday + 9h, PaymentMethod::kCard);
  // Monday's cut refunded in part on Tuesday: not Monday's.
  RefundLineOf(cut, 0, 500, kMonday + 30h, PaymentMethod::kCash);

  auto r = Takings({cut, colour, voided, sunday}, kMondayOnly);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->sales, (CountAndAmount{2, 4500 + 6000}));
  EXPECT_EQ(r->voids, (CountAndAmount{1, 2500}));
  EXPECT_EQ(r->tips, 300);
  EXPECT_EQ(r->tips_by_staff, (std::map<std::string, std::int64_t>{{"ann", 300}}));
  EXPECT_EQ(r->payments, (MethodAmounts{{PaymentMethod::kCash, 4800},
                                        {PaymentMethod::kCard, 6000}}));
  EXPECT_EQ(r->refunds, (CountAndAmount{1, 1000}));
  EXPECT_EQ(r->refunds_by_method, (MethodAmounts{{PaymentMethod::kCard, 1000}}));
  EXPECT_EQ(r->net_by_method, (MethodAmounts{{PaymentMethod::kCash, 4800},
                                             {PaymentMethod::kCard, 5000}}));
  // 23 % inside 25.00: 4.67; 13.5 % inside 20.00: 2.38, less a refund of
  // 10.00 of which 1.19 tax.
  ASSERT_EQ(r->tax_by_rate.size(), 3u);
  EXPECT_EQ(r->tax_by_rate.at(2300), (NetAndTax{2033, 467}));
  EXPECT_EQ(r->tax_by_rate.at(1350), (NetAndTax{1762 - 881, 238 - 119}));
  EXPECT_EQ(r->tax_by_rate.at(0), (NetAndTax{6000, 0}));
  EXPECT_EQ(r->services_net, 2033 + 6000);
  EXPECT_EQ(r->products_net, 1762 - 881);
}

TEST(TakingsTest, DiscountsAndVouchersAreReported) {
  std::vector<CartLine> lines{Line(LineKind::kService, 5000, 2300, "ann"),
                              Line(LineKind::kVoucher, 3000)};
  lines[0].discount = testing::Percent(1000);
  Sale s = SaleOf(kMonday + 10h, lines,
                  {Pay(PaymentMethod::kVoucher, 2000), Pay(PaymentMethod::kCard, 5500)});
  auto r = Takings({s}, kMondayOnly);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->discounts, 500);
  EXPECT_EQ(r->vouchers_sold, 3000);
  EXPECT_EQ(r->vouchers_redeemed, 2000);
  EXPECT_EQ(r->tax_by_rate.size(), 1u);  // a voucher is no supply
  EXPECT_EQ(r->sales.amount, 4500 + 3000);
}

TEST(TakingsTest, StaffRevenueIsNetOfRefundsInThePeriodAndVoidsCountNothing) {
  Sale cut = SaleOf(kMonday + 10h,
                    {Line(LineKind::kService, 2500, 2300, "ann"),
                     Line(LineKind::kProduct, 1000, 1350, "bea", 2),
                     Line(LineKind::kProduct, 500, 0)},
                    {Pay(PaymentMethod::kCard, 5300)}, 0, {{"ann", 200}, {"bea", 100}});
  RefundLineOf(cut, 1, 1000, kMonday + 11h, PaymentMethod::kCard);
  Sale voided = SaleOf(kMonday + 12h, {Line(LineKind::kService, 9900, 0, "ann")},
                       {Pay(PaymentMethod::kCard, 9900)}, 0, {{"ann", 1000}});
  voided.status = SaleStatus::kVoided;
  std::map<std::string, StaffTakings> out;
  ASSERT_TRUE(AddStaffTakings({cut, voided}, kMondayOnly, out).ok());
  EXPECT_EQ(out.size(), 2u);  // the unattributed line is nobody's
  EXPECT_EQ(out["ann"], (StaffTakings{2033, 0, 200}));
  EXPECT_EQ(out["bea"], (StaffTakings{0, 1762 - 881, 100}));

  // A later period sees only what happened in it: here, nothing.
  std::map<std::string, StaffTakings> tuesday;
  ASSERT_TRUE(AddStaffTakings({cut}, Period{kMonday + 24h, kMonday + 48h}, tuesday).ok());
  EXPECT_TRUE(tuesday.empty());
}

TEST(TakingsTest, CommissionIsEachRateOnItsRevenueRoundedHalfAwayFromZero) {
  EXPECT_EQ(CommissionOn({2033, 881, 200}, {1000, 500}), (Commission{203, 44, 247}));
  EXPECT_EQ(CommissionOn({2035, 0, 0}, {1000, 0}), (Commission{204, 0, 204}));  // 203.5
  EXPECT_EQ(CommissionOn({-2035, 0, 0}, {1000, 0}), (Commission{-204, 0, -204}));
  EXPECT_EQ(CommissionOn({5000, 5000, 0}, {}), (Commission{}));
  EXPECT_EQ(CommissionOn({5000, 5000, 0}, {10000, 10000}), (Commission{5000, 5000, 10000}));
}

// A client paying off their account brings cash in but sells nothing: it
// counts in the payments by method, apart from the sales.
TEST(TakingsTest, AccountPaymentsCountAsMoneyInNotAsSales) {
  Sale charged = SaleOf(kMonday + 9h, {Line(LineKind::kService, 2500, 0, "ann")},
                        {Pay(PaymentMethod::kAccount, 2500)});
  Sale paid;
  paid.id.value = "sale_paid";
  paid.kind = SaleKind::kAccountPayment;
  paid.sold_at = kMonday + 15h;
  paid.payments = {Pay(PaymentMethod::kCash, 2000)};
  auto report = Takings({charged, paid}, kMondayOnly);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->sales, (CountAndAmount{1, 2500}));
  EXPECT_EQ(report->account_payments, (CountAndAmount{1, 2000}));
  EXPECT_EQ(report->payments,
            (MethodAmounts{{PaymentMethod::kCash, 2000}, {PaymentMethod::kAccount, 2500}}));
  EXPECT_EQ(report->services_net, 2500);
}

}  // namespace
}  // namespace salon
