#include "core/visit_planner.h"

#include <algorithm>

namespace salon {
namespace {

// Whether `agenda` can take `item`, given what earlier items of the same
// visit already gave it.
bool CanTake(const StaffAgenda& agenda, const AppointmentItem& item,
             const std::vector<StaffBusy>& visit_busy) {
  for (const StaffBusy& b : BusyTime({item})) {
    if (!agenda.IsFree(b.span)) return false;
    for (const StaffBusy& v : visit_busy) {
      if (v.staff_id == agenda.id() && v.span.Overlaps(b.span)) return false;
    }
  }
  return true;
}

const StaffAgenda* FindAgenda(const std::vector<StaffAgenda>& agendas,
                              const StaffId& id) {
  for (const StaffAgenda& a : agendas) {
    if (a.id() == id) return &a;
  }
  return nullptr;
}

// Depth-first: assigns items[k..] given the busy time of items[..k).
bool Assign(std::vector<AppointmentItem>& layout, size_t k,
            const std::vector<VisitItemRequest>& items,
            const std::vector<StaffAgenda>& agendas, std::vector<StaffBusy>& visit_busy) {
  if (k == layout.size()) return true;
  AppointmentItem& item = layout[k];
  for (const StaffAgenda& agenda : agendas) {
    if (items[k].staff_id && agenda.id() != *items[k].staff_id) continue;
    if (!agenda.Offers(item.service_id)) continue;
    item.staff_id = agenda.id();
    if (!CanTake(agenda, item, visit_busy)) continue;
    size_t mark = visit_busy.size();
    for (const StaffBusy& b : BusyTime({item})) visit_busy.push_back(b);
    if (Assign(layout, k + 1, items, agendas, visit_busy)) return true;
    visit_busy.resize(mark);
  }
  return false;
}

}  // namespace

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
  for (size_t k = 0; k < items.size(); ++k) {
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
  if (Assign(layout, 0, items, agendas, visit_busy)) return layout;

  // Explain the first item that cannot be placed on its own.
  for (size_t k = 0; k < items.size(); ++k) {
    AppointmentItem& item = layout[k];
    std::string why;
    bool anyone = false;
    for (const StaffAgenda& agenda : agendas) {
      if (items[k].staff_id && agenda.id() != *items[k].staff_id) continue;
      if (!agenda.Offers(item.service_id)) continue;
      anyone = true;
      item.staff_id = agenda.id();
      if (CanTake(agenda, item, {})) continue;
      for (const StaffBusy& b : BusyTime({item})) {
        if (!agenda.IsFree(b.span)) {
          why = "staff member " + agenda.id().value + " is not free: " +
                agenda.WhyBusy(b.span);
          break;
        }
      }
      if (items[k].staff_id || !why.empty()) break;
    }
    if (!anyone) {
      return Status::Invalid("no staff member at this branch offers service " +
                             item.service_id.value);
    }
    if (!why.empty()) {
      return Status::Conflict("item " + std::to_string(k + 1) + " cannot be placed: " + why);
    }
  }
  return Status::Conflict("no combination of staff is free for this visit");
}

std::vector<StaffId> FreeStaffFor(Instant start, const VisitItemRequest& req,
                                  const std::vector<StaffAgenda>& agendas) {
  std::vector<StaffId> out;
  std::vector<AppointmentItem> layout = LayOutVisit(start, {req});
  for (const StaffAgenda& agenda : agendas) {
    if (req.staff_id && agenda.id() != *req.staff_id) continue;
    if (!agenda.Offers(req.service->id)) continue;
    if (CanTake(agenda, layout[0], {})) out.push_back(agenda.id());
  }
  return out;
}

}  // namespace salon
