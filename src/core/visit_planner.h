// Visit planning: lays out a visit's services back to back from a start time
// and gives each a qualified staff member who is free for its busy phases and
// buffer. Used both to book (one start) and to search availability (every
// start on the grid), so both follow exactly the same rules. Pure.
#pragma once

#include <optional>
#include <vector>

#include "base/result.h"
#include "core/appointment.h"
#include "core/service.h"
#include "core/staff_agenda.h"

namespace salon {

struct VisitItemRequest {
  const Service* service;
  std::optional<StaffId> staff_id;  // none: any qualified free staff member
};

// The items of a visit starting at `start`, without staff assigned yet.
std::vector<AppointmentItem> LayOutVisit(Instant start,
                                         const std::vector<VisitItemRequest>& items);

// Assigns staff to every item of `PlanVisit`'s layout. Candidates are tried
// in the order of `agendas`; an explicit staff_id is honoured or refused.
// Errors: kInvalid (a staff member does not offer the service or is not at
// this branch), kConflict (no one is free; the detail names the blocker).
Result<std::vector<AppointmentItem>> PlanVisit(
    Instant start, const std::vector<VisitItemRequest>& items,
    const std::vector<StaffAgenda>& agendas);

// The staff time a service holds, as offsets from its start: each busy
// phase, the last one extended by the buffer.
struct HeldSpan {
  std::chrono::minutes from, to;
};
std::vector<HeldSpan> HeldTime(const Service& s);

// Whether `agenda` is free for `held` from `start`, given the time earlier
// items of the same visit already gave it. Allocates nothing.
bool CanTake(const StaffAgenda& agenda, Instant start, const std::vector<HeldSpan>& held,
             const std::vector<StaffBusy>& visit_busy = {});

}  // namespace salon
