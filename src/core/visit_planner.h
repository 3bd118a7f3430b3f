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
#include "core/work_budget.h"

namespace salon {

struct VisitItemRequest {
  const Service* service;
  std::optional<StaffId> staff_id;  // none: any qualified free staff member
};

// The items of a visit starting at `start`, without staff assigned yet.
std::vector<AppointmentItem> LayOutVisit(Instant start,
                                         const std::vector<VisitItemRequest>& items);

// Assigns staff to every item of `LayOutVisit`'s layout. Candidates are
// tried in the order of `agendas`; an explicit staff_id is honoured or
// refused. The search is polynomial in items and staff (but for buffers that
// reach over several items) and spends steps of `budget` (none: a default
// budget of its own).
// Errors: kInvalid (a staff member does not offer the service or is not at
// this branch; or TooComplex(), the budget spent), kConflict (no one is
// free; the detail names the blocker).
Result<std::vector<AppointmentItem>> PlanVisit(
    Instant start, const std::vector<VisitItemRequest>& items,
    const std::vector<StaffAgenda>& agendas, WorkBudget* budget = nullptr);

// The error of a search that spent its budget.
Status TooComplex();

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
