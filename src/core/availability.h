// Availability: every start time on a branch's slot grid at which a visit can
// be booked. Pure: the caller gathers staff agendas and passes `now`.
#pragma once

#include <optional>
#include <vector>

#include "core/visit_planner.h"

namespace salon {

struct AvailabilityQuery {
  LocalDate from;
  int days = 1;            // 1–31
  int grid_minutes = 15;   // the grid starts at each local midnight
  Instant not_before;      // no slot starts before this (now)
  std::vector<VisitItemRequest> items;  // staff_id set: only that staff member
};

struct Slot {
  Instant start;
  Instant end;
  // One item: every staff member free for it. Several: the staff that
  // booking without staff ids would assign, one per item.
  std::vector<StaffId> staff_ids;
};

// The slots of the days searched in full, in order: all `query.days`
// unless the budget ran out first.
struct SlotSearch {
  std::vector<Slot> slots;
  int days_searched = 0;
};

// `agendas` must cover local days [from - 1, from + days + 1). Spends steps
// of `budget` (none: a default budget of its own).
SlotSearch FindSlots(const TimeZone& zone, const AvailabilityQuery& query,
                     const std::vector<StaffAgenda>& agendas, WorkBudget* budget = nullptr);

}  // namespace salon
