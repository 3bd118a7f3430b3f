#include "app/reports.h"

#include <algorithm>
#include <set>

#include "app/records.h"
#include "app/till_rows.h"
#include "core/local_days.h"

namespace salon {

namespace {

Status CheckRange(LocalDate from, LocalDate to) {
  if (to < from) return Status::Invalid("to is before from", {{"to", "must not be before from"}});
  if ((to - from).count() >= kMaxReportDays) {
    return Status::Invalid("a report covers at most " + std::to_string(kMaxReportDays) + " days",
                           {{"to", "at most " + std::to_string(kMaxReportDays) +
                                       " days after from, inclusive"}});
  }
  return Status::Ok();
}

// The local dates `from`…`to` of `zone` as instants.
Period PeriodOf(const TimeZone& zone, LocalDate from, LocalDate to) {
  const Interval days = SpanOfDays(zone, from, static_cast<int>((to - from).count()) + 1);
  return Period{days.start, days.end};
}

// The sales of `branch` that `period` touches: those sold in it, and the
// older ones refunded in it (their refund entries name them).
Result<std::vector<Sale>> SalesTouching(ReadTxn& txn, const SalonId& salon,
                                        const BranchId& branch, const Period& period) {
  ListQuery q = PageQuery(salon, PageRequest{});
  q.parent_ids = {branch.value};
  q.overlap = std::pair{UnixSeconds(period.from), UnixSeconds(period.to)};
  SALON_ASSIGN_OR_RETURN(std::vector<Sale> sales, ListAll<Sale>(txn, q));
  std::set<std::string> seen;
  for (const Sale& s : sales) seen.insert(s.id.value);
  SALON_ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries, ListAll<LedgerEntry>(txn, q));
  for (const LedgerEntry& e : entries) {
    if (e.source != "refund" || e.sale_id.value.empty() || seen.contains(e.sale_id.value)) {
      continue;
    }
    seen.insert(e.sale_id.value);
    auto sale = Load<Sale>(txn, salon, e.sale_id.value);
    if (sale.status().code() == Code::kNotFound) continue;  // a refund of no sale
    if (!sale.ok()) return sale.status();
    sales.push_back(std::move(*sale));
  }
  return sales;
}

}  // namespace

Result<TakingsView> Reports::Takings(const SalonId& salon, const BranchId& branch,
                                     LocalDate from, LocalDate to) {
  SALON_RETURN_IF_ERROR(CheckRange(from, to));
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<TakingsView> {
    SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
    SALON_ASSIGN_OR_RETURN(Branch b, Load<Branch>(txn, salon, branch.value));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(b.timezone));
    const Period period = PeriodOf(zone, from, to);
    SALON_ASSIGN_OR_RETURN(std::vector<Sale> sales, SalesTouching(txn, salon, branch, period));
    SALON_ASSIGN_OR_RETURN(TakingsReport report, salon::Takings(sales, period));
    return TakingsView{branch, from, to, s.currency, std::move(report)};
  });
}

Result<StaffReportView> Reports::StaffReport(const SalonId& salon,
                                             const std::optional<BranchId>& branch,
                                             LocalDate from, LocalDate to) {
  SALON_RETURN_IF_ERROR(CheckRange(from, to));
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<StaffReportView> {
    SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
    std::vector<Branch> branches;
    if (branch) {
      auto b = Load<Branch>(txn, salon, branch->value);
      if (!b.ok()) {
        if (b.status().code() != Code::kNotFound) return b.status();
        return Status::Invalid("unknown branch", {{"branch_id", "no such branch"}});
      }
      branches.push_back(std::move(*b));
    } else {
      ListQuery q = PageQuery(salon, PageRequest{});
      q.include_archived = true;  // an archived branch's sales still count
      SALON_ASSIGN_OR_RETURN(branches, ListAll<Branch>(txn, q));
    }
    std::map<std::string, StaffTakings> takings;
    for (const Branch& b : branches) {
      SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(b.timezone));
      const Period period = PeriodOf(zone, from, to);
      SALON_ASSIGN_OR_RETURN(std::vector<Sale> sales, SalesTouching(txn, salon, b.id, period));
      SALON_RETURN_IF_ERROR(AddStaffTakings(sales, period, takings));
    }
    ListQuery q = PageQuery(salon, PageRequest{});
    q.include_archived = true;  // who has left may have sold in the range
    SALON_ASSIGN_OR_RETURN(std::vector<Staff> staff, ListAll<Staff>(txn, q));
    StaffReportView out{branch, from, to, s.currency, {}};
    for (const Staff& member : staff) {
      auto it = takings.find(member.id.value);
      const bool listed = !member.archived && (!branch || member.branch_id == *branch);
      if (!listed && it == takings.end()) continue;
      StaffReportRow row;
      row.staff_id = member.id;
      row.name = member.name;
      if (it != takings.end()) {
        row.takings = it->second;
        takings.erase(it);
      }
      row.rates = member.commission;
      row.commission = CommissionOn(row.takings, row.rates);
      out.staff.push_back(std::move(row));
    }
    // Staff the salon no longer has (never deleted today): no name, no rate.
    for (const auto& [id, t] : takings) {
      StaffReportRow row;
      row.staff_id.value = id;
      row.takings = t;
      out.staff.push_back(std::move(row));
    }
    std::stable_sort(out.staff.begin(), out.staff.end(),
                     [](const StaffReportRow& a, const StaffReportRow& b) {
                       return a.name < b.name;
                     });
    return out;
  });
}

}  // namespace salon
