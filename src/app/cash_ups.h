// Cash-ups (Z-reports): a branch closes a business day by counting its
// drawer and card batch against what its ledger says came in over the
// day's window (sales/cash_up.h), once per branch and day. The cash-up
// takes its place in the branch's posting sequence (app/ledger_book.h), so
// its window ends exactly after what was posted before it, whatever shares
// its second. A cash difference posts its balanced over/short entry in the
// same transaction, and what the cash-up covered is closed: a void of a
// sale in it is refused (Sales::Void asks CashedUp). Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "app/answer.h"
#include "app/page.h"
#include "base/clock.h"
#include "base/result.h"
#include "base/time.h"
#include "sales/cash_up.h"
#include "store/store.h"

namespace salon {

struct CashUpRequest {
  LocalDate date;                 // the branch's business day
  std::int64_t float_amount = 0;  // the cash the drawer started with
  MethodAmounts counted;          // cash and card at least
  // The currency the amounts were given in; "" = the salon's. Another
  // than the salon's is kInvalid.
  std::string currency;
};

// A cash-up with the time zone of its branch, in which it is shown.
struct CashUpView {
  CashUp cash_up;
  TimeZone zone;
};

struct CashUpFilter {
  std::optional<LocalDate> from, to;  // dates, inclusive
  PageRequest page;
};

class CashUps {
 public:
  CashUps(Store& store, const Clock& clock, IdSource& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Closes `req.date` at `branch` now. kNotFound for an unknown branch;
  // kConflict when that day is cashed up already (also for one made
  // concurrently: both are one record, checked in the salon's serialised
  // write); kInvalid for a day not begun, a negative float or count, counts
  // without cash or card, amounts in another currency.
  Result<Answer> Close(const SalonId& salon, const BranchId& branch, const CashUpRequest& req,
                       const Answering<CashUpView>& how);
  // kNotFound for an unknown branch or a day not cashed up.
  Result<CashUpView> Get(const SalonId& salon, const BranchId& branch, LocalDate date);
  // The branch's cash-ups in date order. kNotFound for an unknown branch.
  Result<Page<CashUpView>> List(const SalonId& salon, const BranchId& branch,
                                const CashUpFilter& filter);

 private:
  Store& store_;
  const Clock& clock_;
  IdSource& ids_;
};

// Whether the business day that point `p` belongs to at `branch` (whose
// time zone is `zone`) has been cashed up: the day of `p`, or the next one
// when `p` came after that day's cash-up (CashUpDayOf).
Result<bool> CashedUp(RecordReader& txn, const SalonId& salon, const BranchId& branch,
                      const TimeZone& zone, const TillPoint& p);

}  // namespace salon
