// The till's reports: a branch's takings over a period, and each staff
// member's revenue, tips and commission. Pure aggregation over sales: the
// caller passes every sale sold in the period and every older sale with a
// refund made in it (more do no harm: what falls outside the period is not
// counted). A sale counts in the period it was sold in, each refund in the
// period it was made in; a voided sale counts only as a void. Amounts are
// minor units of the sales' one currency. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/staff.h"
#include "sales/cash_up.h"
#include "sales/sale.h"

namespace salon {

// [from, to).
struct Period {
  Instant from, to;
  bool Contains(Instant t) const { return from <= t && t < to; }
};

struct CountAndAmount {
  long long count = 0;
  std::int64_t amount = 0;
  friend bool operator==(const CountAndAmount&, const CountAndAmount&) = default;
};

struct NetAndTax {
  std::int64_t net = 0;
  std::int64_t tax = 0;
  friend bool operator==(const NetAndTax&, const NetAndTax&) = default;
};

struct TakingsReport {
  CountAndAmount sales;     // completed sales sold: how many, Σ totals.total (tips apart)
  std::int64_t discounts = 0;  // Σ their line and cart discounts
  std::int64_t tips = 0;
  std::map<std::string, std::int64_t> tips_by_staff;
  // What those sales took, by method (cash net of change), and what clients
  // paid off their accounts (by the cash or card it came in).
  MethodAmounts payments;
  CountAndAmount account_payments;  // clients paying their accounts: not sales
  CountAndAmount refunds;   // refunds made: how many, Σ amounts
  MethodAmounts refunds_by_method;
  MethodAmounts net_by_method;  // payments − refunds
  // Service and product lines by tax rate (bp), less what refunds took of
  // them; gift vouchers are not a supply and stay out.
  std::map<int, NetAndTax> tax_by_rate;
  std::int64_t services_net = 0;  // revenue, less refunds
  std::int64_t products_net = 0;
  CountAndAmount voids;  // sales sold in the period and voided: Σ their totals.total
  std::int64_t vouchers_sold = 0;      // Σ gross of voucher lines sold
  std::int64_t vouchers_redeemed = 0;  // Σ payments by voucher
  friend bool operator==(const TakingsReport&, const TakingsReport&) = default;
};

// kInvalid when a sum overflows int64 (a shorter period then).
Result<TakingsReport> Takings(const std::vector<Sale>& sales, const Period& period);

// What one staff member earned the salon: the net of the service and
// product lines they sold, less what refunds in the period took of them,
// and their tips.
struct StaffTakings {
  std::int64_t services = 0;
  std::int64_t products = 0;
  std::int64_t tips = 0;
  friend bool operator==(const StaffTakings&, const StaffTakings&) = default;
};

// Adds the takings of `sales` in `period` to `out`, by staff id (lines
// nobody sold are nobody's). kInvalid when a sum overflows.
Status AddStaffTakings(const std::vector<Sale>& sales, const Period& period,
                       std::map<std::string, StaffTakings>& out);

struct Commission {
  std::int64_t services = 0;
  std::int64_t products = 0;
  std::int64_t total = 0;
  friend bool operator==(const Commission&, const Commission&) = default;
};

// One line of the staff report.
struct StaffReportRow {
  StaffId staff_id;
  std::string name;
  StaffTakings takings;
  CommissionRates rates;
  Commission commission;  // CommissionOn(takings, rates)
};

// Each rate on its revenue, rounded half away from zero (a period whose
// refunds exceed its sales gives a negative commission: a claw-back).
// Requires rates in 0–10000.
Commission CommissionOn(const StaffTakings& takings, const CommissionRates& rates);

}  // namespace salon
