// Settling what is due: exact cover, change from cash only, and the ways a
// tender is refused.
#include "sales/tender.h"

#include <gtest/gtest.h>

#include <limits>

#include "sales_testing.h"

namespace salon {
namespace {

using testing::InvalidAt;
using testing::Pay;

constexpr auto kCash = PaymentMethod::kCash;
constexpr auto kCard = PaymentMethod::kCard;

TEST(TenderTest, ExactCardPaymentGivesNoChange) {
  auto s = Settle(1000, {Pay(kCard, 1000)});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->change, 0);
  EXPECT_EQ(s->cash_kept, 0);
  ASSERT_EQ(s->payments.size(), 1u);
  EXPECT_EQ(s->payments[0], Pay(kCard, 1000));
}

TEST(TenderTest, CashAboveWhatIsDueGivesChange) {
  auto s = Settle(1450, {Pay(kCash, 2000)});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->change, 550);
  EXPECT_EQ(s->cash_kept, 1450);
}

TEST(TenderTest, SplitTenderTakesChangeFromTheCash) {
  Payment voucher = Pay(PaymentMethod::kVoucher, 300);
  voucher.voucher_code = "GIFT-1";
  const std::vector<Payment> offered = {Pay(kCard, 600), voucher, Pay(kCash, 500)};
  auto s = Settle(1000, offered);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->payments, offered);  // as offered, in order
  EXPECT_EQ(s->change, 400);
  EXPECT_EQ(s->cash_kept, 100);
}

TEST(TenderTest, ChangeMayTakeAllTheCashFromSeveralCashPayments) {
  auto s = Settle(1000, {Pay(kCash, 200), Pay(kCard, 1000), Pay(kCash, 300)});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->change, 500);
  EXPECT_EQ(s->cash_kept, 0);
}

TEST(TenderTest, NothingDueNeedsNoPayment) {
  auto s = Settle(0, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->change, 0);
  EXPECT_EQ(s->cash_kept, 0);
  EXPECT_TRUE(s->payments.empty());
}

TEST(TenderTest, RefusesNoPaymentWhileSomethingIsDue) {
  EXPECT_TRUE(InvalidAt(Settle(1, {}).status(), "payments"));
}

TEST(TenderTest, RefusesAmountsOfZeroOrLessNamingEach) {
  auto s = Settle(1000, {Pay(kCard, 1000), Pay(kCash, 0), Pay(kCash, -5)});
  EXPECT_TRUE(InvalidAt(s.status(), "payments[1].amount"));
  EXPECT_TRUE(InvalidAt(s.status(), "payments[2].amount"));
  EXPECT_FALSE(InvalidAt(s.status(), "payments[0].amount"));
  EXPECT_TRUE(InvalidAt(Settle(0, {Pay(kCash, 0)}).status(), "payments[0].amount"));
}

TEST(TenderTest, RefusesPaymentsShortOfWhatIsDue) {
  EXPECT_TRUE(InvalidAt(Settle(1000, {Pay(kCard, 600), Pay(kCash, 399)}).status(), "payments"));
}

TEST(TenderTest, RefusesChangeFromACard) {
  EXPECT_TRUE(InvalidAt(Settle(1000, {Pay(kCard, 1001)}).status(), "payments"));
  // 150 over, and only 50 of it cash.
  EXPECT_TRUE(InvalidAt(Settle(800, {Pay(kCard, 900), Pay(kCash, 50)}).status(), "payments"));
  EXPECT_TRUE(InvalidAt(Settle(0, {Pay(PaymentMethod::kVoucher, 10)}).status(), "payments"));
  // Exactly all the cash as change is fine.
  EXPECT_TRUE(Settle(800, {Pay(kCard, 800), Pay(kCash, 50)}).ok());
}

TEST(TenderTest, RefusesASumBeyondInt64) {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  auto s = Settle(1000, {Pay(kCash, max), Pay(kCard, 1)});
  EXPECT_TRUE(InvalidAt(s.status(), "payments"));
  EXPECT_EQ(s.status().message(), "money overflow");
}

TEST(TenderTest, LargestCashGivesExactChange) {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  auto s = Settle(1, {Pay(kCash, max)});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->change, max - 1);
  EXPECT_EQ(s->cash_kept, 1);
}

}  // namespace
}  // namespace salon
