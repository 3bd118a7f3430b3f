// Refunds of a line: by units or by amount, never beyond what was paid for
// it; and the net and tax each refund takes back, to the unit.
#include "sales/refunds.h"

#include <gtest/gtest.h>

#include "sales/ledger.h"
#include "sales/pricing.h"
#include "sales_testing.h"

namespace salon {
namespace {

using testing::InvalidAt;
using testing::Line;

PricedLine PriceOne(CartLine line, bool prices_include_tax = true) {
  auto cart = PriceCart({std::move(line)}, std::nullopt, prices_include_tax);
  EXPECT_TRUE(cart.ok()) << cart.status().message();
  return cart.ok() ? cart->lines[0] : PricedLine{};
}

// Refunds `gross` from `line` after `before`, returning the new state.
LineRefunded Took(const LineRefunded& before, std::int64_t units, std::int64_t gross) {
  return {before.quantity + units, before.amount + gross};
}

TEST(RefundsTest, ByQuantityTheUnitsAddUpToTheGross) {
  const PricedLine line = PriceOne(Line(LineKind::kProduct, 1000, 0, "", 3));
  ASSERT_EQ(line.gross, 3000);
  // A line of 3 units discounted to 1000: 333.3 each.
  PricedLine discounted = line;
  discounted.gross = discounted.net = 1000;
  LineRefunded before;
  auto first = RefundGross(discounted, before, 1, std::nullopt);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 333);
  before = Took(before, 1, *first);
  auto second = RefundGross(discounted, before, 1, std::nullopt);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 334);  // 666.7 rounds to 667 for two units
  before = Took(before, 1, *second);
  auto last = RefundGross(discounted, before, 1, std::nullopt);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, 333);
  EXPECT_EQ(*first + *second + *last, 1000);
}

TEST(RefundsTest, ByQuantityAllAtOnceIsTheWholeGross) {
  const PricedLine line = PriceOne(Line(LineKind::kService, 999, 2300, "", 7));
  auto all = RefundGross(line, {}, 7, std::nullopt);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, line.gross);
}

TEST(RefundsTest, ByQuantityBeyondTheUnitsLeftIsAConflict) {
  const PricedLine line = PriceOne(Line(LineKind::kProduct, 500, 0, "", 2));
  EXPECT_EQ(RefundGross(line, {}, 3, std::nullopt).status().code(), Code::kConflict);
  EXPECT_EQ(RefundGross(line, {1, 250}, 2, std::nullopt).status().code(), Code::kConflict);
  EXPECT_EQ(RefundGross(line, {2, 1000}, 1, std::nullopt).status().code(), Code::kConflict);
  EXPECT_TRUE(RefundGross(line, {1, 500}, 1, std::nullopt).ok());
}

TEST(RefundsTest, ByAmountUpToWhatIsLeft) {
  const PricedLine line = PriceOne(Line(LineKind::kService, 1230, 2300));
  auto part = RefundGross(line, {}, std::nullopt, 1000);
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(*part, 1000);
  EXPECT_EQ(RefundGross(line, {0, 1000}, std::nullopt, 231).status().code(), Code::kConflict);
  auto rest = RefundGross(line, {0, 1000}, std::nullopt, 230);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(*rest, 230);
  EXPECT_EQ(RefundGross(line, {0, 1230}, std::nullopt, 1).status().code(), Code::kConflict);
}

TEST(RefundsTest, UnitsAlreadyTakenByAmountAreAConflict) {
  // 2 × 500; 900 refunded by amount leaves 100, less than a unit's 500.
  const PricedLine line = PriceOne(Line(LineKind::kProduct, 500, 0, "", 2));
  EXPECT_EQ(RefundGross(line, {0, 900}, 1, std::nullopt).status().code(), Code::kConflict);
  EXPECT_TRUE(RefundGross(line, {0, 900}, std::nullopt, 100).ok());
}

TEST(RefundsTest, AFreeLineRefundsUnitsForNothing) {
  const PricedLine line = PriceOne(Line(LineKind::kService, 0, 2300, "", 2));
  auto r = RefundGross(line, {}, 1, std::nullopt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0);
  EXPECT_EQ(RefundGross(line, {}, std::nullopt, 1).status().code(), Code::kConflict);
}

TEST(RefundsTest, RefusesBothOrNeitherAndValuesBelowOne) {
  const PricedLine line = PriceOne(Line(LineKind::kService, 1000, 0, "", 2));
  EXPECT_TRUE(InvalidAt(RefundGross(line, {}, std::nullopt, std::nullopt).status(), "quantity"));
  EXPECT_TRUE(InvalidAt(RefundGross(line, {}, 1, 100).status(), "quantity"));
  EXPECT_TRUE(InvalidAt(RefundGross(line, {}, 0, std::nullopt).status(), "quantity"));
  EXPECT_TRUE(InvalidAt(RefundGross(line, {}, -1, std::nullopt).status(), "quantity"));
  EXPECT_TRUE(InvalidAt(RefundGross(line, {}, std::nullopt, 0).status(), "amount"));
  EXPECT_TRUE(InvalidAt(RefundGross(line, {}, std::nullopt, -100).status(), "amount"));
}

TEST(RefundsTest, SplitTakesNetAndTaxInProportion) {
  const PricedLine line = PriceOne(Line(LineKind::kService, 1230, 2300));  // 1000 + 230
  const RefundSplit half = SplitRefund(line, {}, 615);
  EXPECT_EQ(half.net, 500);
  EXPECT_EQ(half.tax, 115);
  const RefundSplit all = SplitRefund(line, {}, 1230);
  EXPECT_EQ(all.net, 1000);
  EXPECT_EQ(all.tax, 230);
}

TEST(RefundsTest, SplitOfAnExclusiveLine) {
  const PricedLine line = PriceOne(Line(LineKind::kProduct, 1000, 887), false);  // 1000 + 89
  const RefundSplit first = SplitRefund(line, {}, 500);
  EXPECT_EQ(first.net, 459);  // 500 × 1000/1089 = 459.1
  EXPECT_EQ(first.tax, 41);
  const RefundSplit rest = SplitRefund(line, {0, 500}, 589);
  EXPECT_EQ(first.net + rest.net, 1000);
  EXPECT_EQ(first.tax + rest.tax, 89);
}

TEST(RefundsTest, SplitPiecesAddUpToTheLineExactly) {
  // Gross 3 = net 2 + tax 1, refunded a unit of money at a time: each piece
  // alone would round to net 1 (⅔), three of them to 3 > 2. Taken
  // cumulatively the pieces give back exactly 2 + 1.
  PricedLine line = PriceOne(Line(LineKind::kService, 3));
  line.net = 2;
  line.tax = 1;
  LineRefunded before;
  std::int64_t net = 0;
  std::int64_t tax = 0;
  for (int i = 0; i < 3; ++i) {
    const RefundSplit s = SplitRefund(line, before, 1);
    EXPECT_EQ(s.net + s.tax, 1);
    EXPECT_GE(s.net, 0);
    EXPECT_GE(s.tax, 0);
    net += s.net;
    tax += s.tax;
    EXPECT_LE(net, line.net);
    EXPECT_LE(tax, line.tax);
    before = Took(before, 0, 1);
  }
  EXPECT_EQ(net, 2);
  EXPECT_EQ(tax, 1);
}

TEST(RefundsTest, SplitOfAFreeLineIsZero) {
  const PricedLine line = PriceOne(Line(LineKind::kService, 0, 2300));
  EXPECT_EQ(SplitRefund(line, {}, 0).net, 0);
  EXPECT_EQ(SplitRefund(line, {}, 0).tax, 0);
}

TEST(RefundsTest, AVoucherRefundsNoTax) {
  const PricedLine line = PriceOne(Line(LineKind::kVoucher, 5000));
  const RefundSplit s = SplitRefund(line, {}, 1234);
  EXPECT_EQ(s.net, 1234);
  EXPECT_EQ(s.tax, 0);
}

}  // namespace
}  // namespace salon
