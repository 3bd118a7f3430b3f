// Splitting a tip over the staff of a visit: by service value, to the unit,
// ties to the earlier staff member, and the ways a tip is refused.
#include "sales/tips.h"

#include <gtest/gtest.h>

#include "sales/pricing.h"
#include "sales_testing.h"

namespace salon {
namespace {

using testing::InvalidAt;
using testing::Line;

std::vector<PricedLine> Priced(const std::vector<CartLine>& lines) {
  auto cart = PriceCart(lines, std::nullopt, /*prices_include_tax=*/true);
  EXPECT_TRUE(cart.ok()) << cart.status().message();
  return cart.ok() ? cart->lines : std::vector<PricedLine>{};
}

std::vector<TipShare> Split(std::int64_t tip, const std::vector<PricedLine>& lines,
                            const std::vector<std::string>& only = {}) {
  auto shares = SplitTip(tip, lines, only);
  EXPECT_TRUE(shares.ok()) << shares.status().message();
  return shares.ok() ? *shares : std::vector<TipShare>{};
}

TEST(TipsTest, SplitsByServiceValue) {
  // $20 on $25 + $75 of services → $5 + $15.
  auto lines = Priced(
      {Line(LineKind::kService, 2500, 2300, "ana"), Line(LineKind::kService, 7500, 2300, "ben")});
  EXPECT_EQ(Split(2000, lines), (std::vector<TipShare>{{"ana", 500}, {"ben", 1500}}));
}

TEST(TipsTest, SharesAddUpToTheTipLargestRemainderFirst) {
  std::vector<PricedLine> three =
      Priced({Line(LineKind::kService, 1000, 0, "a"), Line(LineKind::kService, 1000, 0, "b"),
              Line(LineKind::kService, 1000, 0, "c")});
  EXPECT_EQ(Split(100, three), (std::vector<TipShare>{{"a", 34}, {"b", 33}, {"c", 33}}));
  EXPECT_EQ(Split(2, three), (std::vector<TipShare>{{"a", 1}, {"b", 1}, {"c", 0}}));
  // 1 over 1 : 2 is ⅓ and ⅔: the larger remainder takes the cent, wherever it is.
  auto uneven =
      Priced({Line(LineKind::kService, 100, 0, "a"), Line(LineKind::kService, 200, 0, "b")});
  EXPECT_EQ(Split(1, uneven), (std::vector<TipShare>{{"a", 0}, {"b", 1}}));
}

TEST(TipsTest, TiesGoToTheEarlierStaffInLineOrder) {
  auto lines =
      Priced({Line(LineKind::kService, 500, 0, "zoe"), Line(LineKind::kService, 500, 0, "amy")});
  EXPECT_EQ(Split(1, lines), (std::vector<TipShare>{{"zoe", 1}, {"amy", 0}}));
  // Order of `only` does not matter: the lines' order does.
  EXPECT_EQ(Split(1, lines, {"amy", "zoe"}), (std::vector<TipShare>{{"zoe", 1}, {"amy", 0}}));
}

TEST(TipsTest, AStaffMembersLinesAddUpAndProductsDoNotCount) {
  auto lines =
      Priced({Line(LineKind::kService, 1000, 0, "a"), Line(LineKind::kService, 2000, 0, "b"),
              Line(LineKind::kService, 1000, 0, "a"), Line(LineKind::kProduct, 9000, 0, "c"),
              Line(LineKind::kService, 3000, 0, "")});
  EXPECT_EQ(Split(400, lines), (std::vector<TipShare>{{"a", 200}, {"b", 200}}));
}

TEST(TipsTest, ValueIsWhatWasChargedAfterDiscounts) {
  CartLine discounted = Line(LineKind::kService, 3000, 0, "a");
  discounted.discount = testing::Amount(2000);
  auto lines = Priced({discounted, Line(LineKind::kService, 3000, 0, "b")});
  EXPECT_EQ(Split(400, lines), (std::vector<TipShare>{{"a", 100}, {"b", 300}}));
}

TEST(TipsTest, OnlyTheChosenStaffByTheirServiceValue) {
  auto lines =
      Priced({Line(LineKind::kService, 1000, 0, "a"), Line(LineKind::kService, 3000, 0, "b"),
              Line(LineKind::kService, 6000, 0, "c"), Line(LineKind::kProduct, 500, 0, "d")});
  EXPECT_EQ(Split(1000, lines, {"a", "b"}), (std::vector<TipShare>{{"a", 250}, {"b", 750}}));
  EXPECT_EQ(Split(1000, lines, {"c"}), (std::vector<TipShare>{{"c", 1000}}));
  // Someone with no service value among someone with: the value decides.
  EXPECT_EQ(Split(1000, lines, {"d", "a"}), (std::vector<TipShare>{{"a", 1000}, {"d", 0}}));
  // …and equally when none of them has any.
  EXPECT_EQ(Split(1000, lines, {"d"}), (std::vector<TipShare>{{"d", 1000}}));
  // A name given twice is one recipient.
  EXPECT_EQ(Split(1000, lines, {"a", "a"}), (std::vector<TipShare>{{"a", 1000}}));
}

TEST(TipsTest, OnlyChosenWithoutServiceValueShareEqually) {
  auto lines = Priced({Line(LineKind::kProduct, 500, 0, "a"), Line(LineKind::kProduct, 900, 0, "b"),
                       Line(LineKind::kService, 900, 0, "c")});
  EXPECT_EQ(Split(101, lines, {"a", "b"}), (std::vector<TipShare>{{"a", 51}, {"b", 50}}));
}

TEST(TipsTest, WithoutServiceStaffEquallyAmongEveryoneOnTheSale) {
  auto lines =
      Priced({Line(LineKind::kService, 5000, 0, ""), Line(LineKind::kProduct, 100, 0, "a"),
              Line(LineKind::kProduct, 9000, 0, "b"), Line(LineKind::kProduct, 50, 0, "a")});
  EXPECT_EQ(Split(301, lines), (std::vector<TipShare>{{"a", 151}, {"b", 150}}));
}

TEST(TipsTest, ServiceStaffWhoseServicesWereFreeShareEqually) {
  CartLine free = Line(LineKind::kService, 1000, 0, "a");
  free.discount = testing::Percent(10000);
  CartLine also_free = Line(LineKind::kService, 0, 0, "b");
  auto lines = Priced({free, also_free, Line(LineKind::kProduct, 5000, 0, "c")});
  EXPECT_EQ(Split(300, lines), (std::vector<TipShare>{{"a", 150}, {"b", 150}}));
}

TEST(TipsTest, AZeroTipHasNoShares) {
  auto lines = Priced({Line(LineKind::kService, 1000, 0, "a")});
  EXPECT_TRUE(Split(0, lines).empty());
  auto nobody = Priced({Line(LineKind::kProduct, 1000)});
  EXPECT_TRUE(Split(0, nobody).empty());
}

TEST(TipsTest, RefusesANegativeTip) {
  auto lines = Priced({Line(LineKind::kService, 1000, 0, "a")});
  EXPECT_TRUE(InvalidAt(SplitTip(-1, lines, {}).status(), "tip"));
}

TEST(TipsTest, RefusesATipWithNobodyToReceiveIt) {
  auto lines = Priced({Line(LineKind::kService, 1000), Line(LineKind::kVoucher, 2000)});
  EXPECT_TRUE(InvalidAt(SplitTip(1, lines, {}).status(), "tip"));
  EXPECT_TRUE(InvalidAt(SplitTip(1, {}, {}).status(), "tip"));
}

TEST(TipsTest, RefusesAChosenStaffMemberWhoIsOnNoLine) {
  auto lines = Priced({Line(LineKind::kService, 1000, 0, "a")});
  EXPECT_TRUE(InvalidAt(SplitTip(100, lines, {"a", "ghost"}).status(), "tip.staff_ids"));
  EXPECT_TRUE(InvalidAt(SplitTip(0, lines, {"ghost"}).status(), "tip.staff_ids"));
  EXPECT_TRUE(InvalidAt(SplitTip(100, lines, {""}).status(), "tip.staff_ids"));
}

}  // namespace
}  // namespace salon
