#include "core/availability.h"

#include "core/local_days.h"

namespace salon {

SlotSearch FindSlots(const TimeZone& zone, const AvailabilityQuery& query,
                     const std::vector<StaffAgenda>& agendas, WorkBudget* budget) {
  WorkBudget own;
  WorkBudget& steps = budget != nullptr ? *budget : own;
  SlotSearch found;
  std::vector<Slot>& slots = found.slots;
  if (query.items.empty()) return found;
  const auto step = std::chrono::minutes(query.grid_minutes);
  // One item: who may take it and what it holds, worked out once.
  const VisitItemRequest& first = query.items[0];
  const std::vector<HeldSpan> held = HeldTime(*first.service);
  std::vector<const StaffAgenda*> candidates;
  for (const StaffAgenda& a : agendas) {
    if (first.staff_id && a.id() != *first.staff_id) continue;
    if (a.Offers(first.service->id)) candidates.push_back(&a);
  }
  for (int d = 0; d < query.days; ++d, found.days_searched = d) {
    const size_t day_mark = slots.size();
    const LocalDate day = query.from + date::days(d);
    const Interval whole_day = SpanOfDays(zone, day);
    // Stepping in real time from local midnight: a 23- or 25-hour day gets
    // 92 or 100 quarter-hours, none skipped, none doubled.
    for (Instant start = whole_day.start; start < whole_day.end; start += step) {
      if (start < query.not_before) continue;
      if (query.items.size() == 1) {
        std::vector<StaffId> free;
        for (const StaffAgenda* a : candidates) {
          if (!steps.Take()) break;
          if (CanTake(*a, start, held)) free.push_back(a->id());
        }
        if (steps.exhausted()) break;
        if (free.empty()) continue;
        Instant end = start + std::chrono::minutes(
                                  query.items[0].service->DurationMinutes());
        slots.push_back({start, end, std::move(free)});
        continue;
      }
      auto plan = PlanVisit(start, query.items, agendas, &steps);
      if (steps.exhausted()) break;
      if (!plan.ok()) continue;
      Slot slot{start, plan->back().span.end, {}};
      for (const AppointmentItem& item : *plan) slot.staff_ids.push_back(item.staff_id);
      slots.push_back(std::move(slot));
    }
    if (steps.exhausted()) {  // only whole days are answered
      slots.resize(day_mark);
      return found;
    }
  }
  return found;
}

}  // namespace salon
