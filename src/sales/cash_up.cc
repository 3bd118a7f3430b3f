#include "sales/cash_up.h"

#include <algorithm>

#include "sales/money_math.h"

namespace salon {

namespace {

Status Overflow() {
  return Status::Invalid("money overflow", {{"counted", "the amounts are too large"}});
}

}  // namespace

CashUpId CashUpIdOf(const BranchId& branch, LocalDate date) {
  return CashUpId{"cup_" + branch.value + "_" + FormatDate(date)};
}

Result<CashUpWindow> CashUpWindowOf(const TimeZone& zone, LocalDate date,
                                    std::optional<TillPoint> previous_close, TillPoint now) {
  const Instant start = zone.StartOfDay(date);
  const Instant end = zone.StartOfDay(date + date::days(1));
  if (now.at < start) {
    return Status::Invalid("a day is cashed up once it has begun",
                           {{"date", FormatDate(date) + " has not begun at the branch"}});
  }
  // The previous day's cash-up closed at the latest at that day's end, which
  // is this day's start; the check keeps the window whole whatever was stored.
  const TillPoint from =
      previous_close && previous_close->at <= start ? *previous_close : TillPoint{start, 0};
  return CashUpWindow{from, now.at < end ? now : TillPoint{end, 0}};
}

LocalDate CashUpDayOf(const TimeZone& zone, const TillPoint& p,
                      std::optional<TillPoint> close_of_its_date) {
  const LocalDate date = zone.DateOf(p.at);
  if (close_of_its_date && !Before(p, *close_of_its_date)) return date + date::days(1);
  return date;
}

Result<Reconciliation> Reconcile(std::int64_t float_amount, const MethodAmounts& counted,
                                 const std::vector<LedgerEntry>& entries) {
  std::vector<FieldError> errors;
  if (float_amount < 0) errors.push_back({"float", "must not be negative"});
  for (const auto& [method, amount] : counted) {
    if (amount < 0) {
      errors.push_back({std::string("counted.") + ToString(method), "must not be negative"});
    }
  }
  for (PaymentMethod drawer : {PaymentMethod::kCash, PaymentMethod::kCard}) {
    if (!counted.contains(drawer)) {
      errors.push_back({std::string("counted.") + ToString(drawer), "is required"});
    }
  }
  if (!errors.empty()) return Status::Invalid("invalid cash-up", std::move(errors));

  // The movement of each method's account over the window.
  Reconciliation out;
  out.expected[PaymentMethod::kCash] = float_amount;
  out.expected[PaymentMethod::kCard] = 0;
  for (const LedgerEntry& e : entries) {
    if (e.source == kCashUpSource) continue;
    for (const Posting& p : e.postings) {
      for (PaymentMethod m : {PaymentMethod::kCash, PaymentMethod::kCard, PaymentMethod::kVoucher,
                              PaymentMethod::kAccount, PaymentMethod::kDeposit}) {
        if (AccountOf(m) != p.account) continue;
        auto sum = CheckedAdd(out.expected[m], p.amount);
        if (!sum) return Overflow();
        out.expected[m] = *sum;
      }
    }
  }
  MethodAmounts both = out.expected;
  for (const auto& [method, amount] : counted) both.emplace(method, 0);
  for (const auto& [method, ignored] : both) {
    const auto c = counted.find(method);
    const auto e = out.expected.find(method);
    const std::int64_t have = c == counted.end() ? 0 : c->second;
    const std::int64_t want = e == out.expected.end() ? 0 : e->second;
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(have, want, &difference)) return Overflow();
    out.difference[method] = difference;
  }
  // Both are ≥ 0 here: the difference fits.
  out.cash_to_bank = counted.at(PaymentMethod::kCash) - float_amount;
  return out;
}

std::vector<Posting> OverShortPostings(std::int64_t cash_difference) {
  return Normalised({{Account::kCash, cash_difference},
                     {Account::kCashOverShort, -cash_difference}});
}

}  // namespace salon
