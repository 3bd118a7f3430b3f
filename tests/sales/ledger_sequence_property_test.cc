// The ledger over time: one branch's till driven only by the pure rules of
// src/sales — sales (services, products, gift vouchers sold; paid in cash
// with change, by card, on account and partly with a live voucher), refunds
// (by units or amount, to cash, card or a voucher top-up), voids (same day,
// before the day's cash-up) and cash-ups at random moments — on a fake
// clock that runs over several days (DST included). After every operation
// the books are checked: every entry balances, the voucher liability is the
// sum of the vouchers' balances, no line is refunded beyond its gross, every
// account holds what the operations say it should; at every cash-up the
// expected cash is the float plus the cash the ledger moved in its window,
// and the over/short entry brings the ledger to what was counted.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "base/time.h"
#include "sales/cash_up.h"
#include "sales/ledger.h"
#include "sales/ledger_entry.h"
#include "sales/money_math.h"
#include "sales/pricing.h"
#include "sales/refunds.h"
#include "sales/tender.h"
#include "sales/tips.h"
#include "sales/voucher.h"
#include "sales_testing.h"

namespace salon {
namespace {

using namespace std::chrono_literals;
using testing::Line;
using testing::Pay;

constexpr std::size_t kAccountCount = static_cast<std::size_t>(Account::kCashOverShort) + 1;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
using Balances = std::array<__int128, kAccountCount>;

std::size_t Ix(Account a) { return static_cast<std::size_t>(a); }

// What the operations did, counted over the whole run.
struct Tally {
  long long steps = 0, sales = 0, voucher_sales = 0, voucher_payments = 0, expired_refused = 0;
  long long refunds = 0, refunds_refused = 0, voucher_line_refunds = 0, top_ups = 0;
  long long voids = 0, voids_refused_by_rule = 0, voids_refused_spent = 0, voids_spent_but_whole = 0;
  long long cash_ups = 0, cash_ups_second = 0, cash_ups_future = 0, over_short = 0;
  long long voids_split_by_second = 0;
};

struct ModelSale {
  Sale sale;
  std::size_t entry = kNone;       // its "sale" entry
  std::size_t void_entry = kNone;  // its "void" entry, once voided
  Balances effect{};               // what it did to each account, by its own terms
  std::int64_t cash_kept = 0, card = 0;
};

struct ModelCashUp {
  LocalDate date;
  CashUpWindow window;
  Instant closed_at;
  std::size_t index = 0;
};

class Branch {
 public:
  Branch(std::mt19937_64& random, const TimeZone& zone, Instant start, bool inclusive,
         Tally& tally)
      : random_(random), zone_(zone), now_(start), inclusive_(inclusive), tally_(tally) {}

  // One random operation, then the books are checked (gtest failures).
  void Step();
  // The whole ledger summed again from scratch.
  void FinalCheck();

 private:
  std::int64_t Uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(random_);
  }
  std::size_t Pick(std::size_t n) { return static_cast<std::size_t>(Uniform(0, n - 1)); }
  bool Chance(int percent) { return Uniform(1, 100) <= percent; }
  LocalDate Today() const { return zone_.DateOf(now_); }

  void Advance();
  void SellOne();
  void RefundOne();
  void VoidOne();
  void CashUpOne();
  void CheckBooks();

  std::vector<CartLine> RandomLines(std::int64_t& discountable);
  std::size_t Post(const std::string& source, const SaleId& sale, std::vector<Posting> postings,
                   std::int64_t model_cash, std::int64_t model_card);
  // Whether `t` lies in the window of a cash-up already made (the model's
  // own reading of the windows, not CashUpDayOf).
  bool CountedByACashUp(Instant t) const;
  // The app's reading (src/app/cash_ups.cc CashedUp) through CashUpDayOf.
  bool CashedUpByRule(Instant t) const;

  std::mt19937_64& random_;
  const TimeZone& zone_;
  Instant now_;
  bool inclusive_;
  Tally& tally_;

  std::vector<LedgerEntry> ledger_;
  std::vector<std::int64_t> entry_cash_, entry_card_;  // the model's cash/card per entry
  std::vector<std::size_t> counted_by_;                // the cash-up that counted it
  std::vector<std::size_t> entry_sale_;                // the sale it belongs to
  Balances ledger_balance_{};                          // Σ postings per account
  Balances model_balance_{};                           // per account, by the operations' terms
  std::map<std::string, Voucher> vouchers_;
  std::vector<std::string> codes_;
  std::vector<ModelSale> sales_;
  std::map<LocalDate, ModelCashUp> cash_ups_;
  int next_voucher_ = 0;
};

void Branch::Advance() {
  const std::int64_t k = Uniform(1, 100);
  std::chrono::seconds by = 0s;
  if (k <= 6) {
    by = 0s;  // the same second: a sale in the second of a cash-up
  } else if (k <= 86) {
    by = std::chrono::seconds(Uniform(1, 60) * 60 + Uniform(0, 59));
  } else {
    by = std::chrono::seconds(Uniform(60, 900) * 60);
  }
  now_ += by;
}

std::vector<CartLine> Branch::RandomLines(std::int64_t& discountable) {
  static constexpr std::array<int, 8> kRates = {0, 500, 887, 1300, 2000, 2100, 2300, 10000};
  std::vector<CartLine> lines;
  discountable = 0;
  for (std::int64_t n = Uniform(1, 4); n > 0; --n) {
    const std::int64_t k = Uniform(1, 100);
    const LineKind kind =
        k <= 50 ? LineKind::kService : (k <= 80 ? LineKind::kProduct : LineKind::kVoucher);
    const std::int64_t quantity =
        kind == LineKind::kVoucher ? 1 : (Chance(3) ? Uniform(1, 1000) : Uniform(1, 3));
    std::int64_t price = Chance(2) ? Uniform(0, 10'000'000) : Uniform(0, 20000);
    if (kind == LineKind::kVoucher) price = Uniform(1, 200) * 100;
    int rate = Chance(20) ? static_cast<int>(Uniform(0, 10000))
                          : kRates[static_cast<std::size_t>(Uniform(0, kRates.size() - 1))];
    if (kind == LineKind::kVoucher) rate = 0;
    const std::int64_t staff = Uniform(-1, 3);
    CartLine line =
        Line(kind, price, rate, staff < 0 ? "" : "stf_" + std::to_string(staff), quantity);
    if (kind == LineKind::kVoucher) line.item_id = "vch_" + std::to_string(next_voucher_++);
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

std::size_t Branch::Post(const std::string& source, const SaleId& sale,
                         std::vector<Posting> postings, std::int64_t model_cash,
                         std::int64_t model_card) {
  LedgerEntry e;
  e.id = LedgerEntryId{"led_" + std::to_string(ledger_.size())};
  e.branch_id = BranchId{"br_1"};
  e.posted_at = now_;
  e.source = source;
  e.sale_id = sale;
  e.currency = "EUR";
  e.postings = std::move(postings);
  for (const Posting& p : e.postings) ledger_balance_[Ix(p.account)] += p.amount;
  ledger_.push_back(std::move(e));
  entry_cash_.push_back(model_cash);
  entry_card_.push_back(model_card);
  counted_by_.push_back(kNone);
  entry_sale_.push_back(sale.value.empty() ? kNone : std::stoul(sale.value.substr(4)));
  return ledger_.size() - 1;
}

bool Branch::CountedByACashUp(Instant t) const {
  for (const auto& [date, c] : cash_ups_) {
    if (c.window.from <= t && t < c.window.to) return true;
  }
  return false;
}

bool Branch::CashedUpByRule(Instant t) const {
  const LocalDate date = zone_.DateOf(t);
  const auto own = cash_ups_.find(date);
  const LocalDate day = CashUpDayOf(
      zone_, t, own == cash_ups_.end() ? std::nullopt : std::optional(own->second.closed_at));
  if (day == date) return own != cash_ups_.end();
  return cash_ups_.contains(day);
}

void Branch::Step() {
  ++tally_.steps;
  Advance();
  const std::int64_t k = Uniform(1, 100);
  if (k <= 45 || sales_.empty()) {
    SellOne();
  } else if (k <= 67) {
    RefundOne();
  } else if (k <= 85) {
    VoidOne();
  } else {
    CashUpOne();
  }
  if (::testing::Test::HasFatalFailure()) return;
  CheckBooks();
}

void Branch::SellOne() {
  std::int64_t discountable = 0;
  const std::vector<CartLine> asked = RandomLines(discountable);
  std::optional<Discount> cart_discount;
  if (Chance(25)) {
    cart_discount = Chance(50) ? testing::Percent(static_cast<int>(Uniform(0, 10000)))
                               : testing::Amount(Uniform(0, discountable));
  }
  auto cart = PriceCart(asked, cart_discount, inclusive_);
  ASSERT_TRUE(cart.ok()) << cart.status().message();
  const std::vector<PricedLine>& lines = cart->lines;

  std::int64_t tip = Chance(30) ? Uniform(1, 3000) : 0;
  auto shares = SplitTip(tip, lines, {});
  if (!shares.ok()) {
    ASSERT_TRUE(testing::InvalidAt(shares.status(), "tip"));
    tip = 0;
  }

  // The tender: perhaps part on a live voucher, perhaps part on account,
  // the rest by card and/or cash (cash perhaps above it, giving change).
  const LocalDate today = Today();
  const std::int64_t due = cart->totals.total + tip;
  std::int64_t left = due;
  std::vector<Payment> payments;
  std::optional<Voucher> spent;  // the voucher paid with, as it will be
  if (left > 0 && !codes_.empty() && Chance(35)) {
    const Voucher& v = vouchers_.at(codes_[Pick(codes_.size())]);
    if (v.balance > 0) {
      const std::int64_t amount = Uniform(1, std::min(v.balance, left));
      Voucher after = v;
      const Status s = Apply(after, {VoucherEventKind::kRedeemed, now_, amount, SaleId{}}, today);
      const bool expired = v.expires_on && today > *v.expires_on;
      if (expired) {
        ASSERT_EQ(s.code(), Code::kInvalid) << "an expired voucher paid";
        ++tally_.expired_refused;
      } else {
        ASSERT_TRUE(s.ok()) << s.message();
        ASSERT_EQ(after.balance, v.balance - amount);
        Payment p = Pay(PaymentMethod::kVoucher, amount);
        p.voucher_code = v.id.value;
        payments.push_back(p);
        spent = std::move(after);
        left -= amount;
      }
    }
  }
  if (left > 0 && Chance(8)) {
    const std::int64_t amount = Uniform(1, left);
    payments.push_back(Pay(PaymentMethod::kAccount, amount));
    left -= amount;
  }
  std::int64_t change = 0;
  if (left > 0) {
    const std::int64_t k = Uniform(1, 3);
    const std::int64_t card = k == 1 ? left : (k == 2 ? 0 : Uniform(1, left));
    if (card > 0) {
      Payment p = Pay(PaymentMethod::kCard, card);
      p.reference = "term";
      payments.push_back(p);
    }
    left -= card;
  }
  if (left > 0 || (due > 0 && Chance(5))) {
    change = left == 0 || Chance(50) ? Uniform(1, 5000) : 0;
    payments.push_back(Pay(PaymentMethod::kCash, left + change));
    left = 0;
  }
  std::shuffle(payments.begin(), payments.end(), random_);
  auto settled = Settle(due, payments);
  ASSERT_TRUE(settled.ok()) << settled.status().message();
  ASSERT_EQ(settled->change, change);

  ModelSale m;
  Sale& sale = m.sale;
  sale.id = SaleId{"sal_" + std::to_string(sales_.size())};
  sale.lines = lines;
  sale.refunded.assign(lines.size(), LineRefunded{});
  sale.totals = cart->totals;
  sale.totals.tips = tip;
  sale.payments = payments;
  sale.change = change;
  sale.sold_at = now_;
  // What it did, by its own terms.
  for (const Payment& p : payments) {
    m.effect[Ix(AccountOf(p.method))] += p.amount;
    if (p.method == PaymentMethod::kCash) m.cash_kept += p.amount;
    if (p.method == PaymentMethod::kCard) m.card += p.amount;
  }
  m.cash_kept -= change;
  m.effect[Ix(Account::kCash)] -= change;
  for (const PricedLine& l : lines) {
    switch (l.line.kind) {
      case LineKind::kService:
        m.effect[Ix(Account::kRevenueServices)] -= l.net;
        m.effect[Ix(Account::kTaxPayable)] -= l.tax;
        break;
      case LineKind::kProduct:
        m.effect[Ix(Account::kRevenueProducts)] -= l.net;
        m.effect[Ix(Account::kTaxPayable)] -= l.tax;
        break;
      case LineKind::kVoucher:
        m.effect[Ix(Account::kVoucherLiability)] -= l.gross;
        break;
    }
  }
  m.effect[Ix(Account::kTipsPayable)] -= tip;

  std::vector<Posting> postings = SalePostings(lines, tip, payments, change);
  ASSERT_TRUE(Balanced(postings)) << "sale " << sale.id.value;
  // The vouchers: the one spent, the ones sold.
  if (spent) {
    spent->history.back().sale_id = sale.id;
    const std::string code = spent->id.value;
    vouchers_[code] = std::move(*spent);
    ++tally_.voucher_payments;
  }
  for (const PricedLine& l : lines) {
    if (l.line.kind != LineKind::kVoucher) continue;
    Voucher v;
    v.id = VoucherCode{l.line.item_id};
    v.branch_id = BranchId{"br_1"};
    v.currency = "EUR";
    if (Chance(40)) v.expires_on = today + date::days(Uniform(0, 4));
    const Status s = Apply(v, {VoucherEventKind::kIssued, now_, l.gross, sale.id}, today);
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_TRUE(Unspent(v));
    vouchers_[l.line.item_id] = std::move(v);
    codes_.push_back(l.line.item_id);
    ++tally_.voucher_sales;
  }
  m.entry = Post("sale", sale.id, std::move(postings), m.cash_kept, m.card);
  for (std::size_t a = 0; a < kAccountCount; ++a) model_balance_[a] += m.effect[a];
  sales_.push_back(std::move(m));
  ++tally_.sales;
}

void Branch::RefundOne() {
  ModelSale& m = sales_[Chance(50) ? sales_.size() - 1 : Pick(sales_.size())];
  Sale& sale = m.sale;
  if (sale.status == SaleStatus::kVoided) {
    ++tally_.refunds_refused;  // a voided sale is not refunded
    return;
  }
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < sale.lines.size(); ++i) {
    if (sale.refunded[i].amount < sale.lines[i].gross) open.push_back(i);
  }
  if (open.empty()) {
    ++tally_.refunds_refused;
    return;
  }
  std::shuffle(open.begin(), open.end(), random_);
  open.resize(std::min<std::size_t>(open.size(), Chance(70) ? 1 : 2));

  const LocalDate today = Today();
  std::vector<LineRefunded> refunded = sale.refunded;
  std::map<std::string, Voucher> staged;  // vouchers as the refund leaves them
  auto voucher = [&](const std::string& code) -> Voucher& {
    auto it = staged.find(code);
    if (it == staged.end()) it = staged.emplace(code, vouchers_.at(code)).first;
    return it->second;
  };
  PaymentMethod method = Chance(45) ? PaymentMethod::kCash : PaymentMethod::kCard;
  std::string top_up;
  if (Chance(20) && !codes_.empty()) {
    top_up = codes_[Pick(codes_.size())];
    method = PaymentMethod::kVoucher;
  }
  salon::Refund refund;
  refund.at = now_;
  refund.method = method;
  refund.voucher_code = top_up;
  std::vector<Posting> postings;
  Balances effect{};
  for (std::size_t i : open) {
    const PricedLine& line = sale.lines[i];
    LineRefunded& before = refunded[i];
    const std::int64_t units_left = line.line.quantity - before.quantity;
    const std::int64_t gross_left = line.gross - before.amount;
    std::optional<std::int64_t> quantity, amount;
    if (units_left > 0 && Chance(50)) {
      quantity = Chance(50) ? units_left : Uniform(1, units_left);
    } else {
      amount = Chance(40) ? gross_left : Uniform(1, gross_left);
    }
    if (Chance(5)) {  // more than is left is refused
      auto over = quantity ? RefundGross(line, before, units_left + 1, std::nullopt)
                           : RefundGross(line, before, std::nullopt, gross_left + 1);
      ASSERT_EQ(over.status().code(), Code::kConflict);
    }
    auto gross = RefundGross(line, before, quantity, amount);
    if (!gross.ok()) {
      // Units whose share an earlier refund by amount took: refused whole.
      ASSERT_EQ(gross.status().code(), Code::kConflict) << gross.status().message();
      ASSERT_TRUE(quantity.has_value() && before.amount > 0);
      ++tally_.refunds_refused;
      return;
    }
    ASSERT_GE(*gross, 0);
    ASSERT_LE(*gross, gross_left);
    const RefundSplit split = SplitRefund(line, before, *gross);
    ASSERT_EQ(split.net + split.tax, *gross);
    if (line.line.kind == LineKind::kVoucher && *gross > 0) {
      // What is left of the voucher sold goes back; refused when spent.
      Voucher& v = voucher(line.line.item_id);
      const std::int64_t had = v.balance;
      const Status s = Apply(v, {VoucherEventKind::kRefunded, now_, *gross, sale.id}, today);
      if (!s.ok()) {
        ASSERT_EQ(s.code(), Code::kConflict) << s.message();
        ASSERT_LT(had, *gross);
        ++tally_.refunds_refused;
        return;
      }
      ++tally_.voucher_line_refunds;
    }
    for (const Posting& p : RefundPostings(line.line.kind, split, method)) postings.push_back(p);
    switch (line.line.kind) {
      case LineKind::kService:
        effect[Ix(Account::kRevenueServices)] += split.net;
        effect[Ix(Account::kTaxPayable)] += split.tax;
        break;
      case LineKind::kProduct:
        effect[Ix(Account::kRevenueProducts)] += split.net;
        effect[Ix(Account::kTaxPayable)] += split.tax;
        break;
      case LineKind::kVoucher:
        effect[Ix(Account::kVoucherLiability)] += *gross;
        break;
    }
    effect[Ix(AccountOf(method))] -= *gross;
    refund.lines.push_back({static_cast<int>(i), quantity.value_or(0), *gross, split.net,
                            split.tax});
    refund.amount += *gross;
    before.amount += *gross;
    before.quantity += quantity.value_or(0);
  }
  if (method == PaymentMethod::kVoucher && refund.amount > 0) {
    const Status s =
        Apply(voucher(top_up), {VoucherEventKind::kToppedUp, now_, refund.amount, sale.id}, today);
    ASSERT_TRUE(s.ok()) << s.message();
    ++tally_.top_ups;
  }
  postings = Normalised(std::move(postings));
  ASSERT_TRUE(Balanced(postings)) << "refund of " << sale.id.value;
  for (auto& [code, v] : staged) vouchers_[code] = std::move(v);
  sale.refunded = std::move(refunded);
  sale.refunds.push_back(std::move(refund));
  const std::int64_t amount = sale.refunds.back().amount;
  Post("refund", sale.id, std::move(postings),
       method == PaymentMethod::kCash ? -amount : 0, method == PaymentMethod::kCard ? -amount : 0);
  for (std::size_t a = 0; a < kAccountCount; ++a) model_balance_[a] += effect[a];
  ++tally_.refunds;
}

void Branch::VoidOne() {
  ModelSale& m = sales_[Chance(60) ? sales_.size() - 1 : Pick(sales_.size())];
  Sale& sale = m.sale;
  // The rule's reading of "its day is cashed up" is the model's: a cash-up
  // made already counted the moment of the sale.
  const bool counted = CashedUpByRule(sale.sold_at);
  ASSERT_EQ(counted, CountedByACashUp(sale.sold_at))
      << "CashUpDayOf disagrees with the windows for the sale at "
      << FormatInstant(sale.sold_at, zone_);
  if (sale.status == SaleStatus::kVoided || !sale.refunds.empty() ||
      zone_.DateOf(sale.sold_at) != Today() || counted) {
    ++tally_.voids_refused_by_rule;
    return;
  }
  const LocalDate today = Today();
  std::map<std::string, Voucher> staged;
  for (const PricedLine& l : sale.lines) {
    if (l.line.kind != LineKind::kVoucher) continue;
    Voucher v = vouchers_.at(l.line.item_id);
    const bool unspent = Unspent(v);
    const Status s = Apply(v, {VoucherEventKind::kVoided, now_, l.gross, sale.id}, today);
    if (!s.ok()) {
      // Refused only when some of it was spent.
      ASSERT_EQ(s.code(), Code::kConflict) << s.message();
      ASSERT_FALSE(unspent) << "an unspent voucher could not be voided";
      ++tally_.voids_refused_spent;
      return;
    }
    if (!unspent) ++tally_.voids_spent_but_whole;  // spent, then topped up to its price again
    ASSERT_EQ(v.balance, vouchers_.at(l.line.item_id).balance - l.gross);
    staged[l.line.item_id] = std::move(v);
  }
  for (const Payment& p : sale.payments) {
    if (p.method != PaymentMethod::kVoucher) continue;
    auto it = staged.find(p.voucher_code);
    if (it == staged.end()) it = staged.emplace(p.voucher_code, vouchers_.at(p.voucher_code)).first;
    const Status s =
        Apply(it->second, {VoucherEventKind::kRestored, now_, p.amount, sale.id}, today);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  const std::vector<Posting> original =
      SalePostings(sale.lines, sale.totals.tips, sale.payments, sale.change);
  std::vector<Posting> postings = Reversed(original);
  ASSERT_TRUE(Balanced(postings));
  std::vector<Posting> both = original;
  both.insert(both.end(), postings.begin(), postings.end());
  ASSERT_TRUE(Normalised(both).empty());
  ASSERT_EQ(original, ledger_[m.entry].postings);
  for (auto& [code, v] : staged) vouchers_[code] = std::move(v);
  sale.status = SaleStatus::kVoided;
  sale.void_reason = "mistake";
  m.void_entry = Post("void", sale.id, std::move(postings), -m.cash_kept, -m.card);
  for (std::size_t a = 0; a < kAccountCount; ++a) model_balance_[a] -= m.effect[a];
  ++tally_.voids;
}

void Branch::CashUpOne() {
  const LocalDate today = Today();
  const std::int64_t k = Uniform(1, 100);
  const LocalDate date = k <= 70   ? today
                         : k <= 88 ? today - date::days(1)
                         : k <= 95 ? today - date::days(2)
                                   : today + date::days(1);
  const auto previous = cash_ups_.find(date - date::days(1));
  const std::optional<Instant> previous_closed =
      previous == cash_ups_.end() ? std::nullopt : std::optional(previous->second.closed_at);
  auto window = CashUpWindowOf(zone_, date, previous_closed, now_);
  const Instant start = zone_.StartOfDay(date);
  const Instant end = zone_.StartOfDay(date + date::days(1));
  if (now_ < start) {
    ASSERT_TRUE(testing::InvalidAt(window.status(), "date"));
    ++tally_.cash_ups_future;
    return;
  }
  ASSERT_TRUE(window.ok()) << window.status().message();
  if (cash_ups_.contains(date)) {
    ++tally_.cash_ups_second;  // one per day: a second is refused, nothing posted
    return;
  }
  // The window, read independently: from where the day before closed (never
  // after this day's start) or the day's start; to its end or now.
  if (previous_closed) {
    ASSERT_LE(*previous_closed, start);
  }
  ASSERT_EQ(window->from, previous_closed.value_or(start));
  ASSERT_EQ(window->to, std::min(end, now_));

  // The ledger's entries posted in it, and their movements summed here.
  std::vector<LedgerEntry> in_window;
  std::vector<std::size_t> indices;
  std::map<PaymentMethod, __int128> moved;
  __int128 model_cash = 0, model_card = 0;
  for (std::size_t i = 0; i < ledger_.size(); ++i) {
    const LedgerEntry& e = ledger_[i];
    if (e.posted_at < window->from || e.posted_at >= window->to) continue;
    in_window.push_back(e);
    if (e.source == kCashUpSource) continue;  // earlier days' corrections
    indices.push_back(i);
    model_cash += entry_cash_[i];
    model_card += entry_card_[i];
    for (const Posting& p : e.postings) {
      for (PaymentMethod method : {PaymentMethod::kCash, PaymentMethod::kCard,
                                   PaymentMethod::kVoucher, PaymentMethod::kAccount}) {
        if (AccountOf(method) == p.account) moved[method] += p.amount;
      }
    }
  }
  const std::int64_t float_amount = Uniform(0, 20000);
  const __int128 expected_cash = float_amount + moved[PaymentMethod::kCash];
  const __int128 expected_card = moved[PaymentMethod::kCard];
  ASSERT_TRUE(expected_cash == float_amount + model_cash) << "the drawer and the ledger differ";
  ASSERT_TRUE(expected_card == model_card) << "the terminal and the ledger differ";

  MethodAmounts counted;
  std::int64_t cash_error = 0;
  if (Chance(35)) cash_error = Uniform(-3000, 3000);
  counted[PaymentMethod::kCash] =
      std::max<std::int64_t>(0, static_cast<std::int64_t>(expected_cash) + cash_error);
  counted[PaymentMethod::kCard] = std::max<std::int64_t>(
      0, static_cast<std::int64_t>(expected_card) + (Chance(10) ? Uniform(-500, 500) : 0));
  auto figures = Reconcile(float_amount, counted, in_window);
  ASSERT_TRUE(figures.ok()) << figures.status().message();
  ASSERT_TRUE(figures->expected.at(PaymentMethod::kCash) == expected_cash);
  ASSERT_TRUE(figures->expected.at(PaymentMethod::kCard) == expected_card);
  for (PaymentMethod method : {PaymentMethod::kVoucher, PaymentMethod::kAccount}) {
    const auto it = figures->expected.find(method);
    if (moved.contains(method)) {
      ASSERT_NE(it, figures->expected.end()) << ToString(method);
      ASSERT_TRUE(it->second == moved[method]) << ToString(method);
    } else {
      ASSERT_EQ(it, figures->expected.end()) << ToString(method);
    }
  }
  const std::int64_t difference = figures->difference.at(PaymentMethod::kCash);
  ASSERT_TRUE(difference == counted[PaymentMethod::kCash] - expected_cash);
  ASSERT_EQ(figures->cash_to_bank, counted[PaymentMethod::kCash] - float_amount);

  // The over/short entry: balanced, and with it the ledger's cash over the
  // window is what was counted.
  std::vector<Posting> over_short = OverShortPostings(difference);
  ASSERT_TRUE(Balanced(over_short));
  ASSERT_EQ(over_short.empty(), difference == 0);
  __int128 correction = 0;
  for (const Posting& p : over_short) {
    if (p.account == Account::kCash) correction += p.amount;
  }
  ASSERT_TRUE(float_amount + moved[PaymentMethod::kCash] + correction ==
              counted[PaymentMethod::kCash])
      << "after the over/short entry the ledger's cash is not what was counted";
  if (difference != 0) {
    Post(kCashUpSource, SaleId{}, std::move(over_short), difference, 0);
    model_balance_[Ix(Account::kCash)] += difference;
    model_balance_[Ix(Account::kCashOverShort)] -= difference;
    ++tally_.over_short;
  }
  const std::size_t index = cash_ups_.size();
  cash_ups_[date] = ModelCashUp{date, *window, window->to, index};
  ++tally_.cash_ups;

  // Each entry is counted by one cash-up at most, the one of the business
  // day CashUpDayOf gives it; a void is counted with its sale.
  for (std::size_t i : indices) {
    ASSERT_EQ(counted_by_[i], kNone) << "entry " << i << " counted by two cash-ups";
    counted_by_[i] = index;
  }
  for (std::size_t i : indices) {
    const Instant t = ledger_[i].posted_at;
    const auto own = cash_ups_.find(zone_.DateOf(t));
    const LocalDate day = CashUpDayOf(
        zone_, t, own == cash_ups_.end() ? std::nullopt : std::optional(own->second.closed_at));
    ASSERT_EQ(day, date) << "entry at " << FormatInstant(t, zone_) << " counted by "
                         << FormatDate(date) << " belongs to " << FormatDate(day);
    if (entry_sale_[i] == kNone) continue;
    const ModelSale& s = sales_[entry_sale_[i]];
    if (s.void_entry == kNone || counted_by_[s.entry] == counted_by_[s.void_entry]) continue;
    // Apart: only a void posted in the very second of the cash-up that
    // counted its sale, before it — the void was allowed (the day was not
    // cashed up yet) but the window [from, to) ends at that second, so the
    // void falls to the next day's count (see the report: a rule gap).
    const Instant void_at = ledger_[s.void_entry].posted_at;
    const std::size_t sale_count = counted_by_[s.entry];
    bool split_by_second = false;
    for (const auto& [d, c] : cash_ups_) {
      if (c.index == sale_count && c.closed_at == void_at) split_by_second = true;
    }
    ASSERT_TRUE(split_by_second)
        << "a sale and its void counted apart: sale at "
        << FormatInstant(ledger_[s.entry].posted_at, zone_) << ", void at "
        << FormatInstant(void_at, zone_) << ", window " << FormatInstant(window->from, zone_)
        << " .. " << FormatInstant(window->to, zone_);
    if (i == s.entry) ++tally_.voids_split_by_second;
  }
}

void Branch::CheckBooks() {
  // Every entry balances (entries never change: all of them, every step).
  for (const LedgerEntry& e : ledger_) {
    ASSERT_TRUE(Balanced(e.postings)) << e.source << " " << e.sale_id.value;
  }
  // Each account holds what the operations say it should.
  for (std::size_t a = 0; a < kAccountCount; ++a) {
    ASSERT_TRUE(ledger_balance_[a] == model_balance_[a])
        << ToString(static_cast<Account>(a)) << ": ledger "
        << static_cast<long long>(ledger_balance_[a]) << ", operations "
        << static_cast<long long>(model_balance_[a]);
  }
  // The voucher liability is what the vouchers hold, and each balance is
  // its history.
  __int128 live = 0;
  for (const auto& [code, v] : vouchers_) {
    ASSERT_GE(v.balance, 0) << code;
    __int128 from_history = 0;
    for (const VoucherEvent& e : v.history) {
      const bool up = e.kind == VoucherEventKind::kIssued ||
                      e.kind == VoucherEventKind::kToppedUp ||
                      e.kind == VoucherEventKind::kRestored;
      from_history += up ? e.amount : -e.amount;
    }
    ASSERT_TRUE(from_history == v.balance) << code;
    live += v.balance;
  }
  ASSERT_TRUE(ledger_balance_[Ix(Account::kVoucherLiability)] == -live)
      << "voucher liability " << static_cast<long long>(ledger_balance_[Ix(Account::kVoucherLiability)])
      << " vs balances " << static_cast<long long>(live);
  // No line refunded beyond its gross (or its units); the refunds add up.
  for (const ModelSale& m : sales_) {
    const Sale& s = m.sale;
    std::vector<std::int64_t> gross(s.lines.size(), 0), units(s.lines.size(), 0);
    for (const salon::Refund& r : s.refunds) {
      std::int64_t sum = 0;
      for (const RefundLine& l : r.lines) {
        gross[static_cast<std::size_t>(l.line)] += l.gross;
        units[static_cast<std::size_t>(l.line)] += l.quantity;
        sum += l.gross;
      }
      ASSERT_EQ(sum, r.amount);
    }
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
      ASSERT_EQ(gross[i], s.refunded[i].amount);
      ASSERT_EQ(units[i], s.refunded[i].quantity);
      ASSERT_LE(s.refunded[i].amount, s.lines[i].gross) << s.id.value << " line " << i;
      ASSERT_LE(s.refunded[i].quantity, s.lines[i].line.quantity) << s.id.value << " line " << i;
    }
    if (s.status == SaleStatus::kVoided) {
      ASSERT_TRUE(s.refunds.empty());
    }
  }
}

void Branch::FinalCheck() {
  Balances sum{};
  for (const LedgerEntry& e : ledger_) {
    for (const Posting& p : e.postings) sum[Ix(p.account)] += p.amount;
  }
  __int128 total = 0;
  for (std::size_t a = 0; a < kAccountCount; ++a) {
    ASSERT_TRUE(sum[a] == ledger_balance_[a]) << ToString(static_cast<Account>(a));
    total += sum[a];
  }
  ASSERT_TRUE(total == 0);
}

TEST(LedgerSequencePropertyTest, TillOverDaysKeepsEveryInvariant) {
  std::uint64_t seed = 20261212;
  if (const char* given = std::getenv("SALON_SALES_SEED")) seed = std::strtoull(given, nullptr, 10);
  constexpr int kSequences = 1000;
  constexpr int kSteps = 150;
  const auto zone = TimeZone::Find("Europe/Dublin");
  ASSERT_TRUE(zone.ok());
  std::mt19937_64 random(seed);
  Tally tally;
  const LocalDate first = *ParseDate("2026-01-01");
  for (int n = 0; n < kSequences; ++n) {
    // Every tenth sequence starts just before a change of the clocks.
    LocalDate day = first + date::days(std::uniform_int_distribution<int>(0, 364)(random));
    if (n % 20 == 0) day = *ParseDate("2026-03-27");
    if (n % 20 == 10) day = *ParseDate("2026-10-23");
    const Instant start =
        zone->StartOfDay(day) + std::chrono::minutes(std::uniform_int_distribution<int>(420, 600)(random));
    Branch branch(random, *zone, start, std::uniform_int_distribution<int>(0, 1)(random) == 0,
                  tally);
    for (int step = 0; step < kSteps; ++step) {
      branch.Step();
      if (HasFailure()) {
        FAIL() << "seed " << seed << " (SALON_SALES_SEED), sequence " << n << ", step " << step;
      }
    }
    branch.FinalCheck();
    if (HasFailure()) FAIL() << "seed " << seed << " (SALON_SALES_SEED), sequence " << n;
  }
  std::printf(
      "seed %llu: %lld operations: %lld sales (%lld vouchers sold, %lld paid by voucher, %lld "
      "expired refused), %lld refunds (%lld refused, %lld of voucher lines, %lld top-ups), %lld "
      "voids (%lld refused by the rules, %lld for a spent voucher, %lld of a voucher spent and "
      "topped up again; %lld voids posted in the second of the cash-up that counted their sale), "
      "%lld cash-ups (%lld over/short, %lld second refused, %lld future)\n",
      static_cast<unsigned long long>(seed), tally.steps, tally.sales, tally.voucher_sales,
      tally.voucher_payments, tally.expired_refused, tally.refunds, tally.refunds_refused,
      tally.voucher_line_refunds, tally.top_ups, tally.voids, tally.voids_refused_by_rule,
      tally.voids_refused_spent, tally.voids_spent_but_whole, tally.voids_split_by_second,
      tally.cash_ups, tally.over_short,
      tally.cash_ups_second, tally.cash_ups_future);
  EXPECT_GE(tally.steps, 100000);
  // Operations that went through (refused attempts aside): at least 10^5 too.
  EXPECT_GE(tally.sales + tally.refunds + tally.voids + tally.cash_ups, 100000);
}

}  // namespace
}  // namespace salon
