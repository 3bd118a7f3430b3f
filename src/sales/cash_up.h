// Cash-up (the Z-report): at the end of a business day a branch counts its
// drawer and its card terminal's batch against what the ledger says came in
// since the last count. These are its pure rules — which span of time a
// day's cash-up covers, what each payment method should hold, the
// differences, and the over/short entry — callers pass `now` and the
// ledger entries. Pure: no I/O, no clock reads; thread-safe.
//
// The windows of one branch's days never overlap and leave no gap between
// cash-ups of consecutive days: a day's window runs from the close of the
// previous day's cash-up (when there is one; else from the day's local
// start) to the day's local end, or to the moment of its cash-up when that
// comes first. So a sale or refund made after a day's cash-up belongs to
// the next day. A cash-up's moment is its place in the branch's posting
// sequence (sales/till_point.h), not its second: what was posted in the
// same second before it is its day's, what came after it the next day's.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "base/time.h"
#include "sales/ledger.h"
#include "sales/ledger_entry.h"
#include "sales/sale.h"
#include "sales/till_point.h"

namespace salon {

// Amounts (minor units) by payment method, in the method's order.
using MethodAmounts = std::map<PaymentMethod, std::int64_t>;

// The ledger source of a cash-up's over/short entry.
inline constexpr const char* kCashUpSource = "cash_up";

// One branch's count of one business day, as kept (never changed).
struct CashUp {
  CashUpId id;  // CashUpIdOf(branch_id, date)
  SalonId salon_id;
  BranchId branch_id;
  LocalDate date;
  std::string currency;
  std::int64_t float_amount = 0;  // the cash the drawer held before the day's takings
  MethodAmounts expected;         // see Reconcile
  MethodAmounts counted;          // cash and card always
  MethodAmounts difference;       // counted − expected, over the methods of either
  std::int64_t cash_to_bank = 0;  // counted cash − float
  TillPoint from, to;             // the window: ledger entries from `from` until before `to`
  Instant closed_at;              // = to.at
  LedgerEntryId over_short_entry;  // "" when the cash was right
};

// The id of `branch`'s cash-up of `date`, the same for every attempt, so
// that two cash-ups of one day are one record: "cup_<branch>_<YYYY-MM-DD>".
CashUpId CashUpIdOf(const BranchId& branch, LocalDate date);

// What a day's cash-up covers: every point from `from` (inclusive) until
// before `to` (TillPoint's Before).
struct CashUpWindow {
  TillPoint from, to;
  bool Contains(const TillPoint& p) const { return !Before(p, from) && Before(p, to); }
  friend bool operator==(const CashUpWindow&, const CashUpWindow&) = default;
};

// The window of `date`'s cash-up made at `now` (its instant and the place
// it took in the branch's posting sequence) in `zone` (DST-correct: local
// days of 23 or 25 hours): from `previous_close` (the `to` of the cash-up
// of the day before, when there is one and it closed by this day's start),
// else the day's local start; to `now` while the day lasts, else the day's
// local end (a time alone: what came after it is the next day's).
// kInvalid (field "date") when the day has not begun at `now`.
Result<CashUpWindow> CashUpWindowOf(const TimeZone& zone, LocalDate date,
                                    std::optional<TillPoint> previous_close, TillPoint now);

// The business day whose cash-up covers point `p`: its local date, or the
// day after when that date's cash-up (closed at `close_of_its_date`, if it
// has one) came before `p`.
LocalDate CashUpDayOf(const TimeZone& zone, const TillPoint& p,
                      std::optional<TillPoint> close_of_its_date);

struct Reconciliation {
  MethodAmounts expected, difference;
  std::int64_t cash_to_bank = 0;
  friend bool operator==(const Reconciliation&, const Reconciliation&) = default;
};

// Reconciles what was counted with the ledger `entries` in the window
// (entries of source kCashUpSource — earlier days' corrections — are
// left out). Expected: cash = `float_amount` + the movement of the account
// `cash`; card = the movement of `card_clearing`; each other method
// (voucher, account, deposit: not counted in a drawer) the movement of its
// account, and only when an entry moved it. Difference: counted − expected
// for every method of either. cash_to_bank = counted cash − float.
// kInvalid (field "float", "counted.<method>" or "counted") for a negative
// float or count, or counts without cash or card.
Result<Reconciliation> Reconcile(std::int64_t float_amount, const MethodAmounts& counted,
                                 const std::vector<LedgerEntry>& entries);

// The balanced entry that books a cash difference: `cash` debited by it
// (a surplus; a shortfall credits it), `cash_over_short` the other side.
// Empty when the difference is 0.
std::vector<Posting> OverShortPostings(std::int64_t cash_difference);

}  // namespace salon
