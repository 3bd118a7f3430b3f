// The ledger: account text forms, normalised and balanced entries, the
// postings of a sale and of a refund; then the whole till on random carts —
// priced, tipped, settled, posted and refunded piece by piece until nothing
// is left, what the client was left owing on account paid off — checking
// the books after every step.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

#include "base/money.h"
#include "sales/client_account.h"
#include "sales/ledger.h"
#include "sales/money_math.h"
#include "sales/pricing.h"
#include "sales/refunds.h"
#include "sales/tender.h"
#include "sales/tips.h"
#include "sales_testing.h"
#include "tests/support/sanitizers.h"

namespace salon {
namespace {

using testing::CasesToRun;
using testing::Line;
using testing::Pay;

constexpr std::array<Account, 10> kAccounts = {Account::kCash,
                                               Account::kCardClearing,
                                               Account::kVoucherLiability,
                                               Account::kDepositsHeld,
                                               Account::kClientAccounts,
                                               Account::kRevenueServices,
                                               Account::kRevenueProducts,
                                               Account::kTaxPayable,
                                               Account::kTipsPayable,
                                               Account::kCashOverShort};
constexpr std::array<PaymentMethod, 5> kMethods = {PaymentMethod::kCash, PaymentMethod::kCard,
                                                   PaymentMethod::kVoucher, PaymentMethod::kAccount,
                                                   PaymentMethod::kDeposit};

TEST(LedgerTest, AccountTextFormsRoundTrip) {
  const std::array<const char*, 10> names = {"cash",
                                             "card_clearing",
                                             "voucher_liability",
                                             "deposits_held",
                                             "client_accounts",
                                             "revenue_services",
                                             "revenue_products",
                                             "tax_payable",
                                             "tips_payable",
                                             "cash_over_short"};
  for (std::size_t i = 0; i < kAccounts.size(); ++i) {
    EXPECT_STREQ(ToString(kAccounts[i]), names[i]);
    EXPECT_EQ(ParseAccount(names[i]), kAccounts[i]);
  }
  EXPECT_EQ(ParseAccount("revenue"), std::nullopt);
  EXPECT_EQ(ParseAccount("Cash"), std::nullopt);
}

TEST(LedgerTest, AccountOfEachPaymentMethod) {
  EXPECT_EQ(AccountOf(PaymentMethod::kCash), Account::kCash);
  EXPECT_EQ(AccountOf(PaymentMethod::kCard), Account::kCardClearing);
  EXPECT_EQ(AccountOf(PaymentMethod::kVoucher), Account::kVoucherLiability);
  EXPECT_EQ(AccountOf(PaymentMethod::kAccount), Account::kClientAccounts);
  EXPECT_EQ(AccountOf(PaymentMethod::kDeposit), Account::kDepositsHeld);
}

TEST(LedgerTest, NormalisedMergesDropsZerosInAccountOrder) {
  const std::vector<Posting> raw = {{Account::kTaxPayable, -5},     {Account::kCash, 10},
                                    {Account::kTipsPayable, 0},     {Account::kTaxPayable, -3},
                                    {Account::kCardClearing, 4},    {Account::kCardClearing, -4},
                                    {Account::kRevenueServices, -2}};
  EXPECT_EQ(Normalised(raw), (std::vector<Posting>{{Account::kCash, 10},
                                                   {Account::kRevenueServices, -2},
                                                   {Account::kTaxPayable, -8}}));
  EXPECT_TRUE(Normalised({}).empty());
}

TEST(LedgerTest, BalancedAndReversed) {
  const std::vector<Posting> entry = {
      {Account::kCash, 1230}, {Account::kRevenueServices, -1000}, {Account::kTaxPayable, -230}};
  EXPECT_TRUE(Balanced(entry));
  EXPECT_TRUE(Balanced({}));
  EXPECT_FALSE(Balanced({{Account::kCash, 1}}));
  // Sums that would wrap around int64 to zero are still unbalanced.
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  EXPECT_FALSE(
      Balanced({{Account::kCash, max}, {Account::kCardClearing, max}, {Account::kTaxPayable, 2}}));
  const std::vector<Posting> reversed = Reversed(entry);
  EXPECT_EQ(reversed, (std::vector<Posting>{{Account::kCash, -1230},
                                            {Account::kRevenueServices, 1000},
                                            {Account::kTaxPayable, 230}}));
  std::vector<Posting> both = entry;
  both.insert(both.end(), reversed.begin(), reversed.end());
  EXPECT_TRUE(Normalised(both).empty());
}

TEST(LedgerTest, SalePostingsOfAWorkedSale) {
  // A 23 % service of 12.30, a product of 6.15, a gift voucher of 50.00 and
  // a 2.00 tip: 70.45 due, paid 50.00 by card and 30.00 in cash (9.55 change).
  auto cart =
      PriceCart({Line(LineKind::kService, 1230, 2300, "ana"),
                 Line(LineKind::kProduct, 615, 2300, "ana"), Line(LineKind::kVoucher, 5000)},
                std::nullopt, true);
  ASSERT_TRUE(cart.ok());
  ASSERT_EQ(cart->totals.total + 200, 7045);
  const std::vector<Payment> payments = {Pay(PaymentMethod::kCard, 5000),
                                         Pay(PaymentMethod::kCash, 3000)};
  auto settled = Settle(7045, payments);
  ASSERT_TRUE(settled.ok());
  ASSERT_EQ(settled->change, 955);
  const auto postings = SalePostings(cart->lines, 200, payments, settled->change);
  EXPECT_EQ(postings, (std::vector<Posting>{{Account::kCash, 2045},
                                            {Account::kCardClearing, 5000},
                                            {Account::kVoucherLiability, -5000},
                                            {Account::kRevenueServices, -1000},
                                            {Account::kRevenueProducts, -500},
                                            {Account::kTaxPayable, -345},
                                            {Account::kTipsPayable, -200}}));
  EXPECT_TRUE(Balanced(postings));
  // A void is the reverse entry: together they leave nothing.
  std::vector<Posting> both = postings;
  const auto reversed = Reversed(postings);
  both.insert(both.end(), reversed.begin(), reversed.end());
  EXPECT_TRUE(Normalised(both).empty());
}

TEST(LedgerTest, PayingByVoucherRedeemsTheLiability) {
  auto cart = PriceCart({Line(LineKind::kService, 1000)}, std::nullopt, true);
  ASSERT_TRUE(cart.ok());
  const auto postings = SalePostings(cart->lines, 0, {Pay(PaymentMethod::kVoucher, 1000)}, 0);
  EXPECT_EQ(postings, (std::vector<Posting>{{Account::kVoucherLiability, 1000},
                                            {Account::kRevenueServices, -1000}}));
}

TEST(LedgerTest, SalePostingsAreUnbalancedWhenPaymentsFallShort) {
  auto cart = PriceCart({Line(LineKind::kService, 1000)}, std::nullopt, true);
  ASSERT_TRUE(cart.ok());
  EXPECT_FALSE(Balanced(SalePostings(cart->lines, 0, {Pay(PaymentMethod::kCard, 999)}, 0)));
}

TEST(LedgerTest, RefundPostingsReverseOneLine) {
  const RefundSplit split{500, 115};
  EXPECT_EQ(
      RefundPostings(LineKind::kService, split, PaymentMethod::kCash),
      (std::vector<Posting>{
          {Account::kCash, -615}, {Account::kRevenueServices, 500}, {Account::kTaxPayable, 115}}));
  EXPECT_EQ(RefundPostings(LineKind::kProduct, split, PaymentMethod::kCard),
            (std::vector<Posting>{{Account::kCardClearing, -615},
                                  {Account::kRevenueProducts, 500},
                                  {Account::kTaxPayable, 115}}));
  EXPECT_EQ(RefundPostings(LineKind::kService, split, PaymentMethod::kVoucher),
            (std::vector<Posting>{{Account::kVoucherLiability, -615},
                                  {Account::kRevenueServices, 500},
                                  {Account::kTaxPayable, 115}}));
  const RefundSplit voucher{2000, 0};
  EXPECT_EQ(
      RefundPostings(LineKind::kVoucher, voucher, PaymentMethod::kCard),
      (std::vector<Posting>{{Account::kCardClearing, -2000}, {Account::kVoucherLiability, 2000}}));
  // A voucher's price put back on a voucher moves nothing.
  EXPECT_TRUE(RefundPostings(LineKind::kVoucher, voucher, PaymentMethod::kVoucher).empty());
  EXPECT_TRUE(RefundPostings(LineKind::kService, {}, PaymentMethod::kCash).empty());
}

// ---------------------------------------------------------------------------
// The property test.

struct Books {
  std::array<__int128, 10> balance{};
  std::int64_t refunded_to_account = 0;  // Σ refunds paid to the client's account
  void Post(const std::vector<Posting>& entry) {
    for (const Posting& p : entry) balance[static_cast<std::size_t>(p.account)] += p.amount;
  }
  __int128 Of(Account a) const { return balance[static_cast<std::size_t>(a)]; }
};

// An entry as Normalised promises: no zeros, accounts strictly ascending.
::testing::AssertionResult WellFormed(const std::vector<Posting>& entry) {
  if (!Balanced(entry)) return ::testing::AssertionFailure() << "unbalanced";
  for (std::size_t i = 0; i < entry.size(); ++i) {
    if (entry[i].amount == 0) return ::testing::AssertionFailure() << "a zero posting";
    if (i > 0 && entry[i - 1].account >= entry[i].account) {
      return ::testing::AssertionFailure() << "not normalised";
    }
  }
  return ::testing::AssertionSuccess();
}

class Till {
 public:
  explicit Till(std::uint64_t seed) : random_(seed) {}

  // One cart through the whole till; gtest failures mark what went wrong.
  void Run();

 private:
  std::int64_t Uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(random_);
  }
  bool Chance(int percent) { return Uniform(1, 100) <= percent; }

  std::vector<CartLine> RandomLines(std::int64_t& discountable);
  void Refund(const std::vector<PricedLine>& lines, Books& books);

  std::mt19937_64 random_;
};

std::vector<CartLine> Till::RandomLines(std::int64_t& discountable) {
  static constexpr std::array<int, 8> kRates = {0, 500, 887, 1300, 2000, 2100, 2300, 10000};
  std::vector<CartLine> lines;
  discountable = 0;
  for (std::int64_t n = Uniform(1, 5); n > 0; --n) {
    const std::int64_t k = Uniform(1, 100);
    const LineKind kind =
        k <= 50 ? LineKind::kService : (k <= 85 ? LineKind::kProduct : LineKind::kVoucher);
    const std::int64_t quantity = Chance(2) ? Uniform(1, 10000) : Uniform(1, 3);
    const std::int64_t price = Chance(3) ? Uniform(0, kMaxAmount) : Uniform(0, 20000);
    int rate = Chance(20) ? static_cast<int>(Uniform(0, 10000))
                          : kRates[static_cast<std::size_t>(Uniform(0, kRates.size() - 1))];
    if (kind == LineKind::kVoucher) rate = 0;
    const std::int64_t staff = Uniform(-1, 3);
    CartLine line =
        Line(kind, price, rate, staff < 0 ? "" : "stf_" + std::to_string(staff), quantity);
    const std::int64_t list = price * quantity;
    std::int64_t off = 0;
    if (kind != LineKind::kVoucher && Chance(30)) {
      if (Chance(50)) {
        line.discount = testing::Percent(static_cast<int>(Uniform(0, 10000)));
        off = *MulDivRound(list, *line.discount->percent_bp, 10000);
      } else {
        off = Uniform(0, list);
        line.discount = testing::Amount(off);
      }
    }
    if (kind != LineKind::kVoucher) discountable += list - off;
    lines.push_back(std::move(line));
  }
  return lines;
}

void Till::Run() {
  // Price.
  std::int64_t discountable = 0;
  const std::vector<CartLine> asked = RandomLines(discountable);
  std::optional<Discount> cart_discount;
  std::int64_t cart_off = 0;
  if (Chance(30)) {
    if (Chance(50)) {
      cart_discount = testing::Percent(static_cast<int>(Uniform(0, 10000)));
      cart_off = *MulDivRound(discountable, *cart_discount->percent_bp, 10000);
    } else {
      cart_off = Uniform(0, discountable + 2);
      cart_discount = testing::Amount(cart_off);
    }
  }
  const bool inclusive = Chance(50);
  auto cart = PriceCart(asked, cart_discount, inclusive);
  if (cart_off > discountable) {
    ASSERT_TRUE(testing::InvalidAt(cart.status(), "discount"));
    cart_off = 0;
    cart_discount.reset();
    cart = PriceCart(asked, cart_discount, inclusive);
  }
  ASSERT_TRUE(cart.ok()) << cart.status().message();
  const std::vector<PricedLine>& lines = cart->lines;
  const SaleTotals& totals = cart->totals;
  std::int64_t subtotal = 0, discount = 0, tax = 0, total = 0, own_discounts = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const PricedLine& l = lines[i];
    ASSERT_EQ(l.line, asked[i]);
    ASSERT_EQ(l.list, l.line.unit_price * l.line.quantity);
    ASSERT_GE(l.discount, 0);
    ASSERT_LE(l.discount, l.list);
    ASSERT_EQ(l.net + l.tax, l.gross);
    ASSERT_GE(l.net, 0);
    ASSERT_GE(l.tax, 0);
    if (inclusive) {
      ASSERT_EQ(l.gross, l.list - l.discount);
      ASSERT_EQ(l.tax, TaxIncluded(l.gross, l.line.tax_rate_bp));
    } else {
      ASSERT_EQ(l.net, l.list - l.discount);
      ASSERT_EQ(l.tax, TaxOnTop(l.net, l.line.tax_rate_bp));
    }
    if (l.line.kind == LineKind::kVoucher) {
      ASSERT_EQ(l.discount, 0);
      ASSERT_EQ(l.tax, 0);
    }
    if (l.line.discount) {
      own_discounts += l.line.discount->amount
                           ? *l.line.discount->amount
                           : *MulDivRound(l.list, *l.line.discount->percent_bp, 10000);
    }
    subtotal += l.list;
    discount += l.discount;
    tax += l.tax;
    total += l.gross;
  }
  ASSERT_EQ(discount - own_discounts, cart_off);  // the cart's shares add up exactly
  ASSERT_EQ(
      totals,
      (SaleTotals{
          .subtotal = subtotal, .discount = discount, .tax = tax, .tips = 0, .total = total}));
  ASSERT_EQ(totals.total, inclusive ? totals.subtotal - totals.discount
                                    : totals.subtotal - totals.discount + totals.tax);

  // Tip.
  std::int64_t tip = Chance(40) ? Uniform(0, 3000) : 0;
  std::vector<std::string> only;
  if (Chance(20)) {
    for (const PricedLine& l : lines) {
      if (!l.line.staff_id.empty() && Chance(50)) only.push_back(l.line.staff_id);
    }
  }
  auto shares = SplitTip(tip, lines, only);
  if (!shares.ok()) {
    // Only when nobody on the sale could receive it.
    ASSERT_TRUE(testing::InvalidAt(shares.status(), "tip"));
    for (const PricedLine& l : lines) ASSERT_TRUE(l.line.staff_id.empty());
    tip = 0;
    shares = std::vector<TipShare>{};
  }
  std::int64_t shared = 0;
  for (const TipShare& s : *shares) {
    ASSERT_GE(s.amount, 0);
    shared += s.amount;
  }
  ASSERT_EQ(shared, tip);

  // Settle: the due cut into 1–3 payments, perhaps with cash above it.
  const std::int64_t due = totals.total + tip;
  std::vector<Payment> payments;
  std::int64_t left = due;
  for (std::int64_t parts = Uniform(1, 3); parts > 0 && left > 0; --parts) {
    const std::int64_t amount = parts == 1 ? left : Uniform(1, left);
    payments.push_back(Pay(kMethods[static_cast<std::size_t>(Uniform(0, 4))], amount));
    left -= amount;
  }
  if (left > 0) payments.push_back(Pay(PaymentMethod::kCard, left));
  std::int64_t extra_cash = 0;
  if (Chance(30)) {
    extra_cash = Uniform(1, 5000);
    payments.push_back(Pay(PaymentMethod::kCash, extra_cash));
  }
  std::shuffle(payments.begin(), payments.end(), random_);
  if (Chance(5) && !payments.empty()) {
    // A tender a unit short is refused.
    std::vector<Payment> short_by_one = payments;
    auto it = std::find_if(short_by_one.begin(), short_by_one.end(),
                           [](const Payment& p) { return p.amount > 1; });
    if (it != short_by_one.end() && extra_cash == 0) {
      --it->amount;
      ASSERT_TRUE(testing::InvalidAt(Settle(due, short_by_one).status(), "payments"));
    }
  }
  auto settled = Settle(due, payments);
  ASSERT_TRUE(settled.ok()) << settled.status().message();
  std::int64_t paid = 0, cash = 0;
  for (const Payment& p : payments) {
    paid += p.amount;
    if (p.method == PaymentMethod::kCash) cash += p.amount;
  }
  ASSERT_EQ(settled->change, extra_cash);
  ASSERT_EQ(settled->cash_kept, cash - extra_cash);
  ASSERT_EQ(paid - settled->change, due);

  // Post the sale.
  Books books;
  const auto sale = SalePostings(lines, tip, payments, settled->change);
  ASSERT_TRUE(WellFormed(sale));
  books.Post(sale);
  __int128 services = 0, products = 0;
  for (const PricedLine& l : lines) {
    if (l.line.kind == LineKind::kService) services += l.net;
    if (l.line.kind == LineKind::kProduct) products += l.net;
  }
  ASSERT_TRUE(books.Of(Account::kRevenueServices) == -services);
  ASSERT_TRUE(books.Of(Account::kRevenueProducts) == -products);
  ASSERT_TRUE(books.Of(Account::kTaxPayable) == -totals.tax);
  ASSERT_TRUE(books.Of(Account::kTipsPayable) == -tip);

  // Refund until nothing is left, then the revenue and the tax are gone.
  Refund(lines, books);
  if (::testing::Test::HasFatalFailure()) return;
  ASSERT_TRUE(books.Of(Account::kRevenueServices) == 0);
  ASSERT_TRUE(books.Of(Account::kRevenueProducts) == 0);
  ASSERT_TRUE(books.Of(Account::kTaxPayable) == 0);
  ASSERT_TRUE(books.Of(Account::kTipsPayable) == -tip);

  // The client's account, read from the sale and its refunds, is what the
  // ledger's client_accounts says they owe; paid off, it is nothing.
  Sale sold;
  sold.id = SaleId{"sale_1"};
  sold.client_id = ClientId{"cli_1"};
  sold.payments = payments;
  if (books.refunded_to_account > 0) {
    salon::Refund back;
    back.method = PaymentMethod::kAccount;
    back.amount = books.refunded_to_account;
    sold.refunds.push_back(back);
  }
  auto account = ClientAccountOf({sold});
  ASSERT_TRUE(account.ok()) << account.status().message();
  ASSERT_TRUE(books.Of(Account::kClientAccounts) == account->balance);
  if (account->balance > 0) {
    const Payment paid = Pay(Chance(50) ? PaymentMethod::kCash : PaymentMethod::kCard,
                             account->balance);
    ASSERT_TRUE(testing::InvalidAt(
        CheckAccountPayment(*account, Pay(paid.method, account->balance + 1)), "amount"));
    ASSERT_TRUE(CheckAccountPayment(*account, paid).ok());
    const auto settled_entry = AccountPaymentPostings(paid);
    ASSERT_TRUE(WellFormed(settled_entry));
    books.Post(settled_entry);
    ASSERT_TRUE(books.Of(Account::kClientAccounts) == 0);
  } else {
    // Nothing owed (or in credit): nothing to pay.
    ASSERT_TRUE(testing::InvalidAt(CheckAccountPayment(*account, Pay(PaymentMethod::kCash, 1)),
                                   "amount"));
  }
  __int128 sum = 0;
  for (__int128 b : books.balance) sum += b;
  ASSERT_TRUE(sum == 0);
}

void Till::Refund(const std::vector<PricedLine>& lines, Books& books) {
  enum class Mode { kUnits, kAmounts, kMixed };
  struct State {
    Mode mode = Mode::kUnits;
    LineRefunded before;
    std::int64_t net = 0;
    std::int64_t tax = 0;
  };
  std::vector<State> states(lines.size());
  std::vector<std::size_t> open;  // lines with something left to refund
  for (std::size_t i = 0; i < lines.size(); ++i) {
    states[i].mode = static_cast<Mode>(Uniform(0, 2));
    open.push_back(i);
  }
  auto done = [&](std::size_t i) {
    const State& s = states[i];
    return s.mode == Mode::kUnits ? s.before.quantity == lines[i].line.quantity
                                  : s.before.amount == lines[i].gross;
  };
  while (!open.empty()) {
    const std::size_t pick = static_cast<std::size_t>(Uniform(0, open.size() - 1));
    const std::size_t i = open[pick];
    const PricedLine& line = lines[i];
    State& s = states[i];
    const std::int64_t units_left = line.line.quantity - s.before.quantity;
    const std::int64_t gross_left = line.gross - s.before.amount;
    bool by_units = s.mode == Mode::kUnits || (s.mode == Mode::kMixed && Chance(50));
    if (units_left == 0) by_units = false;
    if (gross_left == 0 && s.mode != Mode::kUnits) by_units = true;

    std::optional<std::int64_t> quantity, amount;
    if (by_units) {
      quantity = Chance(50) ? units_left : Uniform(1, units_left);
    } else {
      amount = Chance(50) ? gross_left : Uniform(1, gross_left);
    }
    if (Chance(5)) {  // one more than is left is a conflict
      auto over = by_units ? RefundGross(line, s.before, units_left + 1, std::nullopt)
                           : RefundGross(line, s.before, std::nullopt, gross_left + 1);
      ASSERT_EQ(over.status().code(), Code::kConflict);
    }
    auto gross = RefundGross(line, s.before, quantity, amount);
    if (!gross.ok()) {
      // Units whose share an earlier refund by amount already took.
      ASSERT_EQ(gross.status().code(), Code::kConflict) << gross.status().message();
      ASSERT_TRUE(s.mode == Mode::kMixed && by_units && s.before.amount > 0);
      s.mode = Mode::kAmounts;
      continue;
    }
    ASSERT_GE(*gross, 0);
    ASSERT_LE(*gross, gross_left);
    if (amount) {
      ASSERT_EQ(*gross, *amount);
    }
    const RefundSplit split = SplitRefund(line, s.before, *gross);
    ASSERT_EQ(split.net + split.tax, *gross);
    ASSERT_GE(split.net, 0);
    ASSERT_GE(split.tax, 0);
    const auto method = kMethods[static_cast<std::size_t>(Uniform(0, 4))];
    const auto entry = RefundPostings(line.line.kind, split, method);
    ASSERT_TRUE(WellFormed(entry));
    books.Post(entry);
    if (method == PaymentMethod::kAccount) books.refunded_to_account += *gross;
    s.before.quantity += quantity.value_or(0);
    s.before.amount += *gross;
    s.net += split.net;
    s.tax += split.tax;
    ASSERT_LE(s.before.amount, line.gross);
    ASSERT_LE(s.net, line.net);
    ASSERT_LE(s.tax, line.tax);
    if (done(i)) {
      // Emptied: exactly what was paid for it, to the unit.
      ASSERT_EQ(s.before.amount, line.gross);
      ASSERT_EQ(s.net, line.net);
      ASSERT_EQ(s.tax, line.tax);
      open.erase(open.begin() + static_cast<std::ptrdiff_t>(pick));
    }
  }
}

TEST(LedgerPropertyTest, RandomCartsBalanceAndRefundToTheUnit) {
  std::uint64_t seed = 20261201;
  if (const char* given = std::getenv("SALON_SALES_SEED")) seed = std::strtoull(given, nullptr, 10);
  constexpr int kCarts = CasesToRun(100000);
  Till till(seed);
  for (int n = 0; n < kCarts; ++n) {
    till.Run();
    if (HasFailure()) {
      FAIL() << "seed " << seed << " (SALON_SALES_SEED), cart " << n;
    }
  }
}

}  // namespace
}  // namespace salon
