// Pricing a cart: exact integer money, tax inside or on top, line and cart
// discounts shared to the unit, and every way a cart is refused. Also the
// integer arithmetic under it and the text forms of the sale's enums.
#include "sales/pricing.h"

#include <gtest/gtest.h>

#include <limits>

#include "sales/money_math.h"
#include "sales_testing.h"

namespace salon {
namespace {

using testing::Amount;
using testing::InvalidAt;
using testing::Line;
using testing::Percent;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr bool kInclusive = true;
constexpr bool kExclusive = false;

TEST(MoneyMathTest, CheckedAddAndMulRefuseOverflow) {
  EXPECT_EQ(CheckedAdd(2, 3), 5);
  EXPECT_EQ(CheckedAdd(kMax, -1), kMax - 1);
  EXPECT_EQ(CheckedAdd(kMax, 1), std::nullopt);
  EXPECT_EQ(CheckedAdd(kMin, -1), std::nullopt);
  EXPECT_EQ(CheckedMul(-3, 4), -12);
  EXPECT_EQ(CheckedMul(kMax, 2), std::nullopt);
  EXPECT_EQ(CheckedMul(kMin, -1), std::nullopt);
  EXPECT_EQ(CheckedMul(kMin, 1), kMin);
}

TEST(MoneyMathTest, MulDivRoundsHalfAwayFromZeroOnBothSides) {
  EXPECT_EQ(MulDivRound(5, 1, 2), 3);    // 2.5
  EXPECT_EQ(MulDivRound(-5, 1, 2), -3);  // -2.5
  EXPECT_EQ(MulDivRound(5, -1, 2), -3);
  EXPECT_EQ(MulDivRound(5, 1, -2), -3);
  EXPECT_EQ(MulDivRound(-5, -1, -2), -3);
  EXPECT_EQ(MulDivRound(-5, -1, 2), 3);
  EXPECT_EQ(MulDivRound(7, 1, 3), 2);  // 2.33
  EXPECT_EQ(MulDivRound(8, 1, 3), 3);  // 2.67
  EXPECT_EQ(MulDivRound(-7, 1, 3), -2);
  EXPECT_EQ(MulDivRound(-8, 1, 3), -3);
  EXPECT_EQ(MulDivRound(6, 1, 3), 2);  // exact
  EXPECT_EQ(MulDivRound(0, 5, 7), 0);
  EXPECT_EQ(MulDivRound(1230, 2300, 12300), 230);
}

TEST(MoneyMathTest, MulDivNeverOverflowsInBetween) {
  EXPECT_EQ(MulDivRound(kMax, kMax, kMax), kMax);
  EXPECT_EQ(MulDivRound(kMin, kMax, kMax), kMin);
  EXPECT_EQ(MulDivRound(kMax, 3, 4), (kMax / 4) * 3 + 2);  // 6917529027641081855.25
  EXPECT_EQ(MulDivRound(kMin, 1, 1), kMin);
  EXPECT_EQ(MulDivRound(kMin, 1, kMin), 1);
  EXPECT_EQ(MulDivRound(kMax, 2, 1), std::nullopt);
  EXPECT_EQ(MulDivRound(kMin, -1, 1), std::nullopt);
  EXPECT_EQ(MulDivRound(kMin, 1, -1), std::nullopt);
  EXPECT_EQ(MulDivRound(1, 1, 0), std::nullopt);
}

TEST(SaleTextTest, KindsMethodsAndStatusesRoundTrip) {
  for (auto [k, text] :
       {std::pair{LineKind::kService, "service"}, std::pair{LineKind::kProduct, "product"},
        std::pair{LineKind::kVoucher, "voucher"}}) {
    EXPECT_STREQ(ToString(k), text);
    EXPECT_EQ(ParseLineKind(text), k);
  }
  for (auto [m, text] :
       {std::pair{PaymentMethod::kCash, "cash"}, std::pair{PaymentMethod::kCard, "card"},
        std::pair{PaymentMethod::kVoucher, "voucher"},
        std::pair{PaymentMethod::kAccount, "account"},
        std::pair{PaymentMethod::kDeposit, "deposit"}}) {
    EXPECT_STREQ(ToString(m), text);
    EXPECT_EQ(ParsePaymentMethod(text), m);
  }
  for (auto [s, text] :
       {std::pair{SaleStatus::kCompleted, "completed"}, std::pair{SaleStatus::kVoided, "voided"}}) {
    EXPECT_STREQ(ToString(s), text);
    EXPECT_EQ(ParseSaleStatus(text), s);
  }
  EXPECT_EQ(ParseLineKind("Service"), std::nullopt);
  EXPECT_EQ(ParseLineKind(""), std::nullopt);
  EXPECT_EQ(ParsePaymentMethod("cheque"), std::nullopt);
  EXPECT_EQ(ParseSaleStatus("refunded"), std::nullopt);
}

TEST(PricingTest, TaxHelpersRoundHalfAwayFromZero) {
  EXPECT_EQ(TaxIncluded(1230, 2300), 230);
  EXPECT_EQ(TaxIncluded(105, 500), 5);
  EXPECT_EQ(TaxIncluded(0, 2300), 0);
  EXPECT_EQ(TaxIncluded(999, 0), 0);
  EXPECT_EQ(TaxIncluded(200, 10000), 100);  // 100 %: half the gross
  EXPECT_EQ(TaxIncluded(-1230, 2300), -230);
  EXPECT_EQ(TaxOnTop(1000, 887), 89);  // 88.75
  EXPECT_EQ(TaxOnTop(-1000, 887), -89);
  EXPECT_EQ(TaxOnTop(10, 2500), 3);  // 2.5
  EXPECT_EQ(TaxOnTop(-10, 2500), -3);
  EXPECT_EQ(TaxOnTop(1000, 0), 0);
  EXPECT_EQ(TaxOnTop(kMax, 10000), kMax);
}

TEST(PricingTest, InclusiveTaxIsInsideTheGross) {
  auto cart = PriceCart({Line(LineKind::kService, 1230, 2300)}, std::nullopt, kInclusive);
  ASSERT_TRUE(cart.ok()) << cart.status().message();
  const PricedLine& l = cart->lines[0];
  EXPECT_EQ(l.list, 1230);
  EXPECT_EQ(l.discount, 0);
  EXPECT_EQ(l.gross, 1230);
  EXPECT_EQ(l.tax, 230);
  EXPECT_EQ(l.net, 1000);
  EXPECT_EQ(cart->totals,
            (SaleTotals{.subtotal = 1230, .discount = 0, .tax = 230, .tips = 0, .total = 1230}));
}

TEST(PricingTest, ExclusiveTaxIsAddedOnTop) {
  // US sales tax of 8.875 % on $10.00: $0.8875 rounds to $0.89.
  auto cart = PriceCart({Line(LineKind::kProduct, 1000, 887)}, std::nullopt, kExclusive);
  ASSERT_TRUE(cart.ok()) << cart.status().message();
  const PricedLine& l = cart->lines[0];
  EXPECT_EQ(l.net, 1000);
  EXPECT_EQ(l.tax, 89);
  EXPECT_EQ(l.gross, 1089);
  EXPECT_EQ(cart->totals,
            (SaleTotals{.subtotal = 1000, .discount = 0, .tax = 89, .tips = 0, .total = 1089}));
}

TEST(PricingTest, TaxIsRoundedPerLineAndTotalsAreTheSums) {
  // 3 × 0.05 at 10 %: each line's tax 0.005 rounds up to 0.01; the totals
  // are the sums of the rounded lines, not the tax of the sum.
  std::vector<CartLine> lines(3, Line(LineKind::kProduct, 5, 1000));
  auto cart = PriceCart(lines, std::nullopt, kExclusive);
  ASSERT_TRUE(cart.ok());
  for (const PricedLine& l : cart->lines) EXPECT_EQ(l.tax, 1);
  EXPECT_EQ(cart->totals.tax, 3);
  EXPECT_EQ(cart->totals.total, 18);
}

TEST(PricingTest, QuantityMultipliesTheUnitPrice) {
  auto cart = PriceCart({Line(LineKind::kProduct, 1299, 2000, "", 3)}, std::nullopt, kInclusive);
  ASSERT_TRUE(cart.ok());
  EXPECT_EQ(cart->lines[0].list, 3897);
  EXPECT_EQ(cart->lines[0].gross, 3897);
  EXPECT_EQ(cart->lines[0].tax, 650);  // 649.5
  EXPECT_EQ(cart->lines[0].net, 3247);
}

TEST(PricingTest, LineDiscountsByPercentOrAmount) {
  CartLine by_percent = Line(LineKind::kService, 1000, 0);
  by_percent.discount = Percent(1250);  // 12.5 %
  CartLine by_amount = Line(LineKind::kService, 1000, 0);
  by_amount.discount = Amount(300);
  CartLine rounded = Line(LineKind::kProduct, 5, 0);
  rounded.discount = Percent(1000);  // 0.5 rounds away from zero
  CartLine whole = Line(LineKind::kProduct, 700, 2300);
  whole.discount = Amount(700);
  auto cart = PriceCart({by_percent, by_amount, rounded, whole}, std::nullopt, kInclusive);
  ASSERT_TRUE(cart.ok()) << cart.status().message();
  EXPECT_EQ(cart->lines[0].discount, 125);
  EXPECT_EQ(cart->lines[0].gross, 875);
  EXPECT_EQ(cart->lines[1].discount, 300);
  EXPECT_EQ(cart->lines[1].gross, 700);
  EXPECT_EQ(cart->lines[2].discount, 1);
  EXPECT_EQ(cart->lines[2].gross, 4);
  EXPECT_EQ(cart->lines[3].gross, 0);
  EXPECT_EQ(cart->lines[3].tax, 0);
  EXPECT_EQ(cart->totals.subtotal, 2705);
  EXPECT_EQ(cart->totals.discount, 1126);
  EXPECT_EQ(cart->totals.total, 2705 - 1126);
}

TEST(PricingTest, ExclusiveTaxIsOnTheDiscountedNet) {
  CartLine l = Line(LineKind::kService, 10000, 887);
  l.discount = Percent(2000);
  auto cart = PriceCart({l}, Amount(1000), kExclusive);
  ASSERT_TRUE(cart.ok());
  // 10000 − 2000 (line) − 1000 (cart) = 7000 net; tax 620.9 → 621.
  EXPECT_EQ(cart->lines[0].discount, 3000);
  EXPECT_EQ(cart->lines[0].net, 7000);
  EXPECT_EQ(cart->lines[0].tax, 621);
  EXPECT_EQ(cart->totals.total, cart->totals.subtotal - cart->totals.discount + cart->totals.tax);
}

TEST(PricingTest, CartDiscountIsSharedByWhatIsLeftLargestRemainder) {
  // 100 over 100 and 200: 33.3 and 66.7 → 33 and 67.
  auto cart = PriceCart({Line(LineKind::kService, 100), Line(LineKind::kService, 200)}, Amount(100),
                        kInclusive);
  ASSERT_TRUE(cart.ok());
  EXPECT_EQ(cart->lines[0].discount, 33);
  EXPECT_EQ(cart->lines[1].discount, 67);
  EXPECT_EQ(cart->totals.discount, 100);
  EXPECT_EQ(cart->totals.total, 200);
}

TEST(PricingTest, CartDiscountTiesGoToTheEarlierLine) {
  auto two = PriceCart({Line(LineKind::kService, 100), Line(LineKind::kProduct, 100)}, Amount(1),
                       kInclusive);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->lines[0].discount, 1);
  EXPECT_EQ(two->lines[1].discount, 0);
  std::vector<CartLine> three(3, Line(LineKind::kService, 50));
  auto cart = PriceCart(three, Amount(2), kInclusive);
  ASSERT_TRUE(cart.ok());
  EXPECT_EQ(cart->lines[0].discount, 1);
  EXPECT_EQ(cart->lines[1].discount, 1);
  EXPECT_EQ(cart->lines[2].discount, 0);
}

TEST(PricingTest, CartDiscountComesAfterLineDiscounts) {
  CartLine half = Line(LineKind::kService, 1000);
  half.discount = Percent(5000);
  auto cart = PriceCart({half, Line(LineKind::kService, 500)}, Percent(1000), kInclusive);
  ASSERT_TRUE(cart.ok());
  // 10 % of the 1000 left, shared 500 : 500.
  EXPECT_EQ(cart->lines[0].discount, 500 + 50);
  EXPECT_EQ(cart->lines[1].discount, 50);
  EXPECT_EQ(cart->totals.total, 900);
}

TEST(PricingTest, VouchersCarryNoTaxAndTakeNoCartDiscount) {
  auto cart = PriceCart({Line(LineKind::kVoucher, 5000), Line(LineKind::kService, 1230, 2300)},
                        Percent(1000), kInclusive);
  ASSERT_TRUE(cart.ok()) << cart.status().message();
  const PricedLine& voucher = cart->lines[0];
  EXPECT_EQ(voucher.discount, 0);
  EXPECT_EQ(voucher.gross, 5000);
  EXPECT_EQ(voucher.net, 5000);
  EXPECT_EQ(voucher.tax, 0);
  EXPECT_EQ(cart->lines[1].discount, 123);
  EXPECT_EQ(cart->lines[1].gross, 1107);
  EXPECT_EQ(cart->lines[1].tax, 207);  // 1107 × 23/123 = 207.0

  // The whole of the non-voucher lines may be discounted, not a cent more.
  auto all = PriceCart({Line(LineKind::kVoucher, 5000), Line(LineKind::kService, 1000)},
                       Amount(1000), kExclusive);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->lines[1].gross, 0);
  EXPECT_EQ(all->totals.total, 5000);
  auto more = PriceCart({Line(LineKind::kVoucher, 5000), Line(LineKind::kService, 1000)},
                        Amount(1001), kExclusive);
  EXPECT_TRUE(InvalidAt(more.status(), "discount"));
}

TEST(PricingTest, CartDiscountOnlyVouchersIsZero) {
  auto cart = PriceCart({Line(LineKind::kVoucher, 5000)}, Percent(5000), kInclusive);
  ASSERT_TRUE(cart.ok());
  EXPECT_EQ(cart->totals.discount, 0);
  EXPECT_TRUE(InvalidAt(PriceCart({Line(LineKind::kVoucher, 5000)}, Amount(1), kInclusive).status(),
                        "discount"));
}

TEST(PricingTest, FreeLinesAndFullDiscountsPriceToZero) {
  auto cart = PriceCart({Line(LineKind::kService, 0, 2300), Line(LineKind::kProduct, 800, 2300)},
                        Percent(10000), kExclusive);
  ASSERT_TRUE(cart.ok());
  EXPECT_EQ(cart->totals,
            (SaleTotals{.subtotal = 800, .discount = 800, .tax = 0, .tips = 0, .total = 0}));
}

TEST(PricingTest, RefusesAnEmptyCart) {
  EXPECT_TRUE(InvalidAt(PriceCart({}, std::nullopt, kInclusive).status(), "lines"));
}

TEST(PricingTest, RefusesQuantitiesOutside1To10000) {
  for (std::int64_t q : {0LL, -1LL, 10001LL}) {
    auto cart = PriceCart({Line(LineKind::kService, 100), Line(LineKind::kProduct, 100, 0, "", q)},
                          std::nullopt, kInclusive);
    EXPECT_TRUE(InvalidAt(cart.status(), "lines[1].quantity")) << q;
  }
  EXPECT_TRUE(
      PriceCart({Line(LineKind::kProduct, 100, 0, "", 10000)}, std::nullopt, kInclusive).ok());
}

TEST(PricingTest, RefusesANegativeUnitPrice) {
  EXPECT_TRUE(
      InvalidAt(PriceCart({Line(LineKind::kProduct, -1)}, std::nullopt, kInclusive).status(),
                "lines[0].unit_price"));
}

TEST(PricingTest, RefusesTaxRatesOutside0To10000) {
  for (int rate : {-1, 10001}) {
    EXPECT_TRUE(InvalidAt(
        PriceCart({Line(LineKind::kService, 100, rate)}, std::nullopt, kInclusive).status(),
        "lines[0].tax_rate"))
        << rate;
  }
  EXPECT_TRUE(PriceCart({Line(LineKind::kService, 100, 10000)}, std::nullopt, kInclusive).ok());
}

TEST(PricingTest, RefusesAVoucherWithTaxOrADiscount) {
  EXPECT_TRUE(InvalidAt(
      PriceCart({Line(LineKind::kVoucher, 5000, 2300)}, std::nullopt, kInclusive).status(),
      "lines[0].tax_rate"));
  CartLine discounted = Line(LineKind::kVoucher, 5000);
  discounted.discount = Amount(0);
  EXPECT_TRUE(
      InvalidAt(PriceCart({discounted}, std::nullopt, kInclusive).status(), "lines[0].discount"));
}

TEST(PricingTest, RefusesADiscountOfNeitherOrBothKinds) {
  Discount neither;
  neither.reason = "?";
  Discount both = Percent(100);
  both.amount = 5;
  for (const Discount& d : {neither, both}) {
    CartLine l = Line(LineKind::kService, 1000);
    l.discount = d;
    EXPECT_TRUE(InvalidAt(PriceCart({l}, std::nullopt, kInclusive).status(), "lines[0].discount"));
    EXPECT_TRUE(
        InvalidAt(PriceCart({Line(LineKind::kService, 1000)}, d, kInclusive).status(), "discount"));
  }
}

TEST(PricingTest, RefusesPercentsOutside0To10000AndNegativeAmounts) {
  for (const Discount& d : {Percent(-1), Percent(10001), Amount(-1)}) {
    CartLine l = Line(LineKind::kService, 1000);
    l.discount = d;
    EXPECT_TRUE(InvalidAt(PriceCart({l}, std::nullopt, kInclusive).status(), "lines[0].discount"));
    EXPECT_TRUE(
        InvalidAt(PriceCart({Line(LineKind::kService, 1000)}, d, kInclusive).status(), "discount"));
  }
}

TEST(PricingTest, RefusesADiscountAboveWhatItDiscounts) {
  CartLine l = Line(LineKind::kService, 1000, 0, "", 2);
  l.discount = Amount(2001);
  EXPECT_TRUE(InvalidAt(PriceCart({l}, std::nullopt, kInclusive).status(), "lines[0].discount"));
  l.discount = Amount(2000);
  EXPECT_TRUE(PriceCart({l}, std::nullopt, kInclusive).ok());
  // The cart's discount counts what the line discounts left.
  l.discount = Amount(1500);
  EXPECT_TRUE(InvalidAt(PriceCart({l}, Amount(501), kInclusive).status(), "discount"));
  EXPECT_TRUE(PriceCart({l}, Amount(500), kInclusive).ok());
}

TEST(PricingTest, ReportsEveryFieldAtOnce) {
  CartLine bad_discount = Line(LineKind::kService, 100);
  bad_discount.discount = Percent(20000);
  auto cart = PriceCart(
      {Line(LineKind::kService, 100, 0, "", 0), Line(LineKind::kProduct, -5), bad_discount},
      Amount(-1), kInclusive);
  const Status& s = cart.status();
  EXPECT_TRUE(InvalidAt(s, "lines[0].quantity"));
  EXPECT_TRUE(InvalidAt(s, "lines[1].unit_price"));
  EXPECT_TRUE(InvalidAt(s, "lines[2].discount"));
  EXPECT_TRUE(InvalidAt(s, "discount"));
}

TEST(PricingTest, MoneyOverflowIsInvalid) {
  auto expect_overflow = [](const Result<PricedCart>& r) {
    EXPECT_EQ(r.status().code(), Code::kInvalid);
    EXPECT_EQ(r.status().message(), "money overflow");
  };
  // unit price × quantity
  expect_overflow(
      PriceCart({Line(LineKind::kService, kMax / 2, 0, "", 3)}, std::nullopt, kInclusive));
  // the sum of the lines
  expect_overflow(PriceCart({Line(LineKind::kService, kMax - 10), Line(LineKind::kProduct, 11)},
                            std::nullopt, kInclusive));
  expect_overflow(PriceCart({Line(LineKind::kService, kMax - 10), Line(LineKind::kProduct, 11)},
                            Amount(0), kInclusive));
  expect_overflow(PriceCart({Line(LineKind::kVoucher, kMax - 10), Line(LineKind::kVoucher, 11)},
                            std::nullopt, kInclusive));
  // tax on top of the largest net
  expect_overflow(PriceCart({Line(LineKind::kService, kMax, 1)}, std::nullopt, kExclusive));
  // …which fits when the tax is inside
  EXPECT_TRUE(PriceCart({Line(LineKind::kService, kMax, 10000)}, std::nullopt, kInclusive).ok());
}

TEST(PricingTest, TotalsIdentitiesHoldInBothModes) {
  CartLine a = Line(LineKind::kService, 4999, 2300, "s1", 2);
  a.discount = Percent(333);
  CartLine b = Line(LineKind::kProduct, 1789, 887, "s2", 3);
  b.discount = Amount(17);
  const std::vector<CartLine> lines = {a, b, Line(LineKind::kVoucher, 2500)};
  for (bool inclusive : {kInclusive, kExclusive}) {
    auto cart = PriceCart(lines, Percent(1111), inclusive);
    ASSERT_TRUE(cart.ok());
    const SaleTotals& t = cart->totals;
    for (const PricedLine& l : cart->lines) EXPECT_EQ(l.net + l.tax, l.gross);
    if (inclusive) {
      EXPECT_EQ(t.total, t.subtotal - t.discount);
    } else {
      EXPECT_EQ(t.total, t.subtotal - t.discount + t.tax);
    }
  }
}

}  // namespace
}  // namespace salon
