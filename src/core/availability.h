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

// `agendas` must cover local days [from - 1, from + days + 1).
std::vector<Slot> FindSlots(const TimeZone& zone, const AvailabilityQuery& query,
                            const std::vector<StaffAgenda>& agendas);

}  // namespace salon
