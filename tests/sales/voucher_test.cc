// A gift voucher's balance moves only by the events of its history; and a
// sale that sold one is undone (voided) only while the voucher is as it
// was sold — once money went through it, even a top-up back to its price
// does not make it unspent.
#include "sales/voucher.h"

#include <gtest/gtest.h>

#include "tests/support/literals.h"

namespace salon {
namespace {

using testing::Date;

Voucher Sold(std::int64_t amount) {
  Voucher v;
  v.id = VoucherCode{"ABCD-0000"};
  v.currency = "EUR";
  EXPECT_TRUE(Apply(v, {VoucherEventKind::kIssued, Instant{}, amount, SaleId{"sale_1"}},
                    Date("2026-11-20"))
                  .ok());
  return v;
}

TEST(VoucherTest, AVoucherAsSoldIsVoidedWithItsSale) {
  Voucher v = Sold(5000);
  ASSERT_TRUE(Unspent(v));
  EXPECT_TRUE(Apply(v, {VoucherEventKind::kVoided, Instant{}, 5000, SaleId{"sale_1"}},
                    Date("2026-11-20"))
                  .ok());
  EXPECT_EQ(v.balance, 0);
}

TEST(VoucherTest, AVoucherSpentAndToppedBackUpIsNotVoided) {
  Voucher v = Sold(5000);
  const LocalDate today = Date("2026-11-20");
  ASSERT_TRUE(Apply(v, {VoucherEventKind::kRedeemed, Instant{}, 1200, SaleId{"sale_2"}}, today).ok());
  // sale_2 refunded onto the voucher: its balance is its price again.
  ASSERT_TRUE(Apply(v, {VoucherEventKind::kToppedUp, Instant{}, 1200, SaleId{"sale_2"}}, today).ok());
  ASSERT_EQ(v.balance, 5000);
  EXPECT_FALSE(Unspent(v));
  const Voucher before = v;
  const Status voided =
      Apply(v, {VoucherEventKind::kVoided, Instant{}, 5000, SaleId{"sale_1"}}, today);
  EXPECT_EQ(voided.code(), Code::kConflict) << voided.message();
  EXPECT_EQ(v.balance, before.balance);  // refused: nothing moved, nothing recorded
  EXPECT_EQ(v.history.size(), before.history.size());
}

TEST(VoucherTest, AVoucherToppedUpOrPartRefundedIsNotVoided) {
  const LocalDate today = Date("2026-11-20");
  for (VoucherEventKind since : {VoucherEventKind::kToppedUp, VoucherEventKind::kRefunded}) {
    Voucher v = Sold(2000);
    ASSERT_TRUE(Apply(v, {since, Instant{}, 500, SaleId{"sale_3"}}, today).ok());
    EXPECT_EQ(Apply(v, {VoucherEventKind::kVoided, Instant{}, v.balance, SaleId{"sale_1"}}, today)
                  .code(),
              Code::kConflict)
        << ToString(since);
  }
}

TEST(VoucherTest, ABalanceNeverFallsBelowZeroAndAnExpiredOneDoesNotPay) {
  Voucher v = Sold(1000);
  v.expires_on = Date("2026-11-30");
  EXPECT_EQ(Apply(v, {VoucherEventKind::kRedeemed, Instant{}, 1001, SaleId{"s"}},
                  Date("2026-11-20"))
                .code(),
            Code::kConflict);
  EXPECT_EQ(Apply(v, {VoucherEventKind::kRedeemed, Instant{}, 100, SaleId{"s"}},
                  Date("2026-12-01"))
                .code(),
            Code::kInvalid);
  EXPECT_TRUE(Apply(v, {VoucherEventKind::kRedeemed, Instant{}, 1000, SaleId{"s"}},
                    Date("2026-11-30"))
                  .ok());
  EXPECT_EQ(v.balance, 0);
}

}  // namespace
}  // namespace salon
