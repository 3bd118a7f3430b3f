#include "core/visit_planner.h"

#include <algorithm>

namespace salon {
namespace {

const StaffAgenda* FindAgenda(const std::vector<StaffAgenda>& agendas, const StaffId& id) {
  for (const StaffAgenda& a : agendas) {
    if (a.id() == id) return &a;
  }
  return nullptr;
}

// Depth-first: assigns items[k..] given the busy time of items[..k).
bool Assign(std::vector<AppointmentItem>& layout, size_t k,
            const std::vector<VisitItemRequest>& items,
            const std::vector<std::vector<HeldSpan>>& held,
            const std::vector<StaffAgenda>& agendas, std::vector<StaffBusy>& visit_busy) {
  if (k == layout.size()) return true;
  AppointmentItem& item = layout[k];
  for (const StaffAgenda& agenda : agendas) {
    if (items[k].staff_id && agenda.id() != *items[k].staff_id) continue;
    if (!agenda.Offers(item.service_id)) continue;
    if (!CanTake(agenda, item.span.start, held[k], visit_busy)) continue;
    item.staff_id = agenda.id();
    const size_t mark = visit_busy.size();
    for (const HeldSpan& h : held[k]) {
      visit_busy.push_back({agenda.id(), {item.span.start + h.from, item.span.start + h.to}});
    }
    if (Assign(layout, k + 1, items, held, agendas, visit_busy)) return true;
    visit_busy.resize(mark);
  }
  return false;
}

// Explains why no assignment exists: the first item that no one can take
// on its own, naming what blocks it.
Status Refusal(const std::vector<AppointmentItem>& layout,
               const std::vector<VisitItemRequest>& items,
               const std::vector<std::vector<HeldSpan>>& held,
               const std::vector<StaffAgenda>& agendas) {
  for (size_t k = 0; k < items.size(); ++k) {
    for (const StaffAgenda& agenda : agendas) {
      if (items[k].staff_id && agenda.id() != *items[k].staff_id) continue;
      if (!agenda.Offers(layout[k].service_id)) continue;
      for (const HeldSpan& h : held[k]) {
        const Interval span{layout[k].span.start + h.from, layout[k].span.start + h.to};
        if (!agenda.IsFree(span)) {
          return Status::Conflict("item " + std::to_string(k + 1) + " cannot be placed: staff member " +
                                  agenda.id().value + " is not free: " + agenda.WhyBusy(span));
        }
      }
    }
  }
  return Status::Conflict("no combination of staff is free for this visit");
}

}  // namespace

std::vector<HeldSpan> HeldTime(const Service& s) {
  std::vector<HeldSpan> out;
  std::chrono::minutes at{0};
  for (size_t i = 0; i < s.phases.size(); ++i) {
    std::chrono::minutes end = at + std::chrono::minutes(s.phases[i].minutes);
    if (s.phases[i].busy) {
      bool last = i + 1 == s.phases.size();
      out.push_back({at, end + std::chrono::minutes(last ? s.buffer_minutes : 0)});
    }
    at = end;
  }
  return out;
}

bool CanTake(const StaffAgenda& agenda, Instant start, const std::vector<HeldSpan>& held,
             const std::vector<StaffBusy>& visit_busy) {
  for (const HeldSpan& h : held) {
    const Interval span{start + h.from, start + h.to};
    if (!agenda.IsFree(span)) return false;
    for (const StaffBusy& v : visit_busy) {
      if (v.staff_id == agenda.id() && v.span.Overlaps(span)) return false;
    }
  }
  return true;
}

std::vector<AppointmentItem> LayOutVisit(Instant start,
                                         const std::vector<VisitItemRequest>& items) {
  std::vector<AppointmentItem> layout;
  Instant cursor = start;
  for (const VisitItemRequest& req : items) {
    AppointmentItem item;
    item.service_id = req.service->id;
    item.buffer_minutes = req.service->buffer_minutes;
    item.span.start = cursor;
    for (const Phase& p : req.service->phases) {
      Instant end = cursor + std::chrono::minutes(p.minutes);
      item.phases.push_back({{cursor, end}, p.busy});
      cursor = end;
    }
    item.span.end = cursor;
    layout.push_back(std::move(item));
  }
  return layout;
}

Result<std::vector<AppointmentItem>> PlanVisit(
    Instant start, const std::vector<VisitItemRequest>& items,
    const std::vector<StaffAgenda>& agendas) {
  std::vector<AppointmentItem> layout = LayOutVisit(start, items);
  std::vector<std::vector<HeldSpan>> held;
  for (size_t k = 0; k < items.size(); ++k) {
    held.push_back(HeldTime(*items[k].service));
    bool anyone = false;
    for (const StaffAgenda& a : agendas) anyone = anyone || a.Offers(items[k].service->id);
    if (!anyone) {
      return Status::Invalid("no staff member at this branch offers service " +
                             items[k].service->id.value);
    }
    if (!items[k].staff_id) continue;
    const StaffAgenda* agenda = FindAgenda(agendas, *items[k].staff_id);
    if (agenda == nullptr) {
      return Status::Invalid("staff member " + items[k].staff_id->value +
                             " does not work at this branch");
    }
    if (!agenda->Offers(items[k].service->id)) {
      return Status::Invalid("staff member " + items[k].staff_id->value +
                             " does not offer service " + items[k].service->id.value);
    }
  }
  std::vector<StaffBusy> visit_busy;
  if (Assign(layout, 0, items, held, agendas, visit_busy)) return layout;
  return Refusal(layout, items, held, agendas);
}

}  // namespace salon
