// A client's account, read from their sales: charges, refunds paid to it,
// voids and payments make its balance and history; a payment is cash or
// card and never more than is owed; an account is a client's; and paying
// it posts a balanced entry that brings client_accounts down.
#include "sales/client_account.h"

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

Sale SaleOf(const char* id, const char* at, std::vector<Payment> payments,
            SaleKind kind = SaleKind::kSale) {
  Sale s;
  s.id = SaleId{id};
  s.branch_id = BranchId{"br_1"};
  s.client_id = ClientId{"cli_1"};
  s.sold_at = At(at);
  s.payments = std::move(payments);
  s.kind = kind;
  return s;
}

Refund RefundOf(const char* id, const char* at, PaymentMethod method, std::int64_t amount) {
  Refund f;
  f.id = id;
  f.at = At(at);
  f.method = method;
  f.amount = amount;
  return f;
}

TEST(ClientAccountTest, ChargesRefundsVoidsAndPaymentsMakeTheBalance) {
  // A cut put on account in part, a product sale on account (voided), a
  // refund of 5.00 of the first to the account and one to cash, and a
  // payment of 10.00 in cash; a sale paid in full by card moves nothing.
  Sale cut = SaleOf("sale_1", "2026-11-20T10:00:00Z",
                    {Pay(PaymentMethod::kCard, 1000), Pay(PaymentMethod::kAccount, 2500)});
  cut.refunds = {RefundOf("ref_1", "2026-11-21T09:00:00Z", PaymentMethod::kAccount, 500),
                 RefundOf("ref_2", "2026-11-21T09:05:00Z", PaymentMethod::kCash, 300)};
  Sale oops = SaleOf("sale_2", "2026-11-20T11:00:00Z", {Pay(PaymentMethod::kAccount, 1200)});
  oops.status = SaleStatus::kVoided;
  oops.voided_at = At("2026-11-20T11:02:00Z");
  Sale carded = SaleOf("sale_3", "2026-11-20T12:00:00Z", {Pay(PaymentMethod::kCard, 4000)});
  Sale paid = SaleOf("sale_4", "2026-11-22T10:00:00Z", {Pay(PaymentMethod::kCash, 1000)},
                     SaleKind::kAccountPayment);

  // In any order: the history is by time.
  auto account = ClientAccountOf({paid, carded, oops, cut});
  ASSERT_TRUE(account.ok()) << account.status().message();
  EXPECT_EQ(account->balance, 2500 + 1200 - 1200 - 500 - 1000);
  const std::vector<AccountEvent> expected = {
      {AccountEventKind::kCharged, At("2026-11-20T10:00:00Z"), 2500, SaleId{"sale_1"},
       BranchId{"br_1"}, PaymentMethod::kAccount, ""},
      {AccountEventKind::kCharged, At("2026-11-20T11:00:00Z"), 1200, SaleId{"sale_2"},
       BranchId{"br_1"}, PaymentMethod::kAccount, ""},
      {AccountEventKind::kVoided, At("2026-11-20T11:02:00Z"), -1200, SaleId{"sale_2"},
       BranchId{"br_1"}, PaymentMethod::kAccount, ""},
      {AccountEventKind::kRefunded, At("2026-11-21T09:00:00Z"), -500, SaleId{"sale_1"},
       BranchId{"br_1"}, PaymentMethod::kAccount, "ref_1"},
      {AccountEventKind::kPaid, At("2026-11-22T10:00:00Z"), -1000, SaleId{"sale_4"},
       BranchId{"br_1"}, PaymentMethod::kCash, ""},
  };
  EXPECT_EQ(account->history, expected);

  // Nothing on account: nothing owed, no history.
  auto none = ClientAccountOf({carded});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->balance, 0);
  EXPECT_TRUE(none->history.empty());
}

TEST(ClientAccountTest, ARefundToTheAccountMayLeaveItInCredit) {
  Sale cash = SaleOf("sale_1", "2026-11-20T10:00:00Z", {Pay(PaymentMethod::kCash, 3000)});
  cash.refunds = {RefundOf("ref_1", "2026-11-20T11:00:00Z", PaymentMethod::kAccount, 3000)};
  auto account = ClientAccountOf({cash});
  ASSERT_TRUE(account.ok());
  EXPECT_EQ(account->balance, -3000);  // the salon owes the client
  // Nothing is owed, so nothing can be paid.
  EXPECT_TRUE(InvalidAt(CheckAccountPayment(*account, Pay(PaymentMethod::kCash, 1)), "amount"));
  // The next charge uses the credit up.
  Sale next = SaleOf("sale_2", "2026-11-21T10:00:00Z", {Pay(PaymentMethod::kAccount, 2000)});
  EXPECT_EQ(ClientAccountOf({cash, next})->balance, -1000);
}

TEST(ClientAccountTest, APaymentIsCashOrCardAndAtMostWhatIsOwed) {
  const ClientAccount owes{2500, {}};
  EXPECT_TRUE(CheckAccountPayment(owes, Pay(PaymentMethod::kCash, 2500)).ok());
  EXPECT_TRUE(CheckAccountPayment(owes, Pay(PaymentMethod::kCard, 1)).ok());
  EXPECT_TRUE(InvalidAt(CheckAccountPayment(owes, Pay(PaymentMethod::kCash, 2501)), "amount"));
  EXPECT_TRUE(InvalidAt(CheckAccountPayment(owes, Pay(PaymentMethod::kCard, 0)), "amount"));
  EXPECT_TRUE(InvalidAt(CheckAccountPayment(owes, Pay(PaymentMethod::kCash, -5)), "amount"));
  for (PaymentMethod m : {PaymentMethod::kVoucher, PaymentMethod::kAccount, PaymentMethod::kDeposit}) {
    EXPECT_TRUE(InvalidAt(CheckAccountPayment(owes, Pay(m, 100)), "method")) << ToString(m);
  }
  EXPECT_TRUE(InvalidAt(CheckAccountPayment(ClientAccount{}, Pay(PaymentMethod::kCash, 1)),
                        "amount"));
}

TEST(ClientAccountTest, AnAccountIsAClients) {
  EXPECT_TRUE(InvalidAt(CheckAccountHolder(PaymentMethod::kAccount, ClientId{}, "client_id"),
                        "client_id"));
  EXPECT_TRUE(CheckAccountHolder(PaymentMethod::kAccount, ClientId{"cli_1"}, "client_id").ok());
  EXPECT_TRUE(CheckAccountHolder(PaymentMethod::kCash, ClientId{}, "client_id").ok());
}

TEST(ClientAccountTest, PayingTheAccountPostsABalancedEntry) {
  EXPECT_EQ(AccountPaymentPostings(Pay(PaymentMethod::kCash, 1500)),
            (std::vector<Posting>{{Account::kCash, 1500}, {Account::kClientAccounts, -1500}}));
  EXPECT_EQ(AccountPaymentPostings(Pay(PaymentMethod::kCard, 700)),
            (std::vector<Posting>{{Account::kCardClearing, 700}, {Account::kClientAccounts, -700}}));
  // Charged at checkout, paid off: client_accounts is back to nothing.
  PricedLine cut;
  cut.line.kind = LineKind::kService;
  cut.net = 2000;
  cut.tax = 500;
  cut.gross = 2500;
  std::vector<Posting> both = SalePostings({cut}, 0, {Pay(PaymentMethod::kAccount, 2500)}, 0);
  for (const Posting& p : AccountPaymentPostings(Pay(PaymentMethod::kCash, 2500))) both.push_back(p);
  EXPECT_EQ(Normalised(both), (std::vector<Posting>{{Account::kCash, 2500},
                                                    {Account::kRevenueServices, -2000},
                                                    {Account::kTaxPayable, -500}}));
}

TEST(ClientAccountTest, EventKindsHaveTextForms) {
  for (AccountEventKind k : {AccountEventKind::kCharged, AccountEventKind::kRefunded,
                             AccountEventKind::kVoided, AccountEventKind::kPaid}) {
    EXPECT_EQ(ParseAccountEventKind(ToString(k)), k);
  }
  EXPECT_EQ(ParseAccountEventKind("owed"), std::nullopt);
}

}  // namespace
}  // namespace salon
