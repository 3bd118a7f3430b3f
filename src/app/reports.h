// Reports of the till, read-only: a branch's takings over a range of its
// local dates, and each staff member's revenue, tips and commission. Each
// reads one snapshot: the sales sold in the range, and the older sales
// refunded in it (found through the ledger's refund entries), aggregated by
// the pure rules of sales/takings.h. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "sales/takings.h"
#include "store/store.h"

namespace salon {

// The longest range a report covers, in days.
inline constexpr int kMaxReportDays = 366;

struct TakingsView {
  BranchId branch;
  LocalDate from, to;
  std::string currency;
  TakingsReport report;
};

struct StaffReportView {
  std::optional<BranchId> branch;
  LocalDate from, to;
  std::string currency;
  std::vector<StaffReportRow> staff;  // by name
};

class Reports {
 public:
  explicit Reports(Store& store) : store_(store) {}

  // `branch`'s takings from the start of local date `from` to the end of
  // `to`. kNotFound for an unknown branch; kInvalid when `to` is before
  // `from` or the range is longer than kMaxReportDays.
  Result<TakingsView> Takings(const SalonId& salon, const BranchId& branch, LocalDate from,
                              LocalDate to);
  // Per staff member, at one branch or at all (each in its own local
  // dates): the staff the branch (or salon) has, and everyone who sold or
  // was tipped there. kInvalid for an unknown `branch` and as Takings.
  Result<StaffReportView> StaffReport(const SalonId& salon,
                                      const std::optional<BranchId>& branch, LocalDate from,
                                      LocalDate to);

 private:
  Store& store_;
};

}  // namespace salon
