#include "core/visit_planner.h"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace salon {
namespace {

const StaffAgenda* FindAgenda(const std::vector<StaffAgenda>& agendas, const StaffId& id) {
  for (const StaffAgenda& a : agendas) {
    if (a.id() == id) return &a;
  }
  return nullptr;
}

// Assigns staff to a visit's items depth-first, remembering the states that
// have no assignment, so that the search is polynomial: after items [0, k)
// all that matters to the rest is k and the busy time they gave out that
// reaches item k's start (only buffers reach that far). Without the memory,
// a visit that cannot be placed tried every combination of staff.
class Assigner {
 public:
  Assigner(std::vector<AppointmentItem>& layout, const std::vector<VisitItemRequest>& items,
           const std::vector<std::vector<HeldSpan>>& held,
           const std::vector<StaffAgenda>& agendas, WorkBudget& budget)
      : layout_(layout), items_(items), held_(held), agendas_(agendas), budget_(budget) {}

  // Assigns items [k, end) given the busy time of items [0, k).
  bool Assign(size_t k) {
    if (k == layout_.size()) return true;
    std::string state;
    if (!dead_.empty()) {  // built only once some state has failed
      state = State(k);
      if (dead_.count(state)) return false;
    }
    AppointmentItem& item = layout_[k];
    for (size_t a = 0; a < agendas_.size(); ++a) {
      const StaffAgenda& agenda = agendas_[a];
      if (items_[k].staff_id && agenda.id() != *items_[k].staff_id) continue;
      if (!agenda.Offers(item.service_id)) continue;
      if (!budget_.Take()) return false;
      if (!CanTake(agenda, item.span.start, held_[k], visit_busy_)) continue;
      item.staff_id = agenda.id();
      const size_t mark = visit_busy_.size();
      for (const HeldSpan& h : held_[k]) {
        visit_busy_.push_back({agenda.id(), {item.span.start + h.from, item.span.start + h.to}});
        given_by_.push_back(a);
      }
      if (Assign(k + 1)) return true;
      visit_busy_.resize(mark);
      given_by_.resize(mark);
      if (budget_.exhausted()) return false;
    }
    dead_.insert(state.empty() ? State(k) : std::move(state));
    return false;
  }

 private:
  // k, then each staff member whose busy time reaches item k's start, with
  // the end of the last of it: later items start later, so only that end
  // can collide with them.
  std::string State(size_t k) const {
    const Instant start = layout_[k].span.start;
    std::vector<std::pair<size_t, long long>> reach;  // agenda, latest end
    for (size_t i = 0; i < visit_busy_.size(); ++i) {
      if (visit_busy_[i].span.end > start) {
        reach.emplace_back(given_by_[i], visit_busy_[i].span.end.time_since_epoch().count());
      }
    }
    std::sort(reach.begin(), reach.end());
    std::string key(reinterpret_cast<const char*>(&k), sizeof k);
    for (size_t i = 0; i < reach.size(); ++i) {
      if (i + 1 < reach.size() && reach[i + 1].first == reach[i].first) continue;  // not the last
      key.append(reinterpret_cast<const char*>(&reach[i]), sizeof reach[i]);
    }
    return key;
  }

  std::vector<AppointmentItem>& layout_;
  const std::vector<VisitItemRequest>& items_;
  const std::vector<std::vector<HeldSpan>>& held_;
  const std::vector<StaffAgenda>& agendas_;
  WorkBudget& budget_;
  std::vector<StaffBusy> visit_busy_;  // given to items [0, k)
  std::vector<size_t> given_by_;       // the agenda of each
  std::unordered_set<std::string> dead_;
};

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

Status TooComplex() {
  return Status::Invalid(
      "the search took too long: ask for fewer services or days, or name the staff");
}

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
    const std::vector<StaffAgenda>& agendas, WorkBudget* budget) {
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
  WorkBudget own;
  WorkBudget& steps = budget != nullptr ? *budget : own;
  if (Assigner(layout, items, held, agendas, steps).Assign(0)) return layout;
  if (steps.exhausted()) return TooComplex();
  return Refusal(layout, items, held, agendas);
}

}  // namespace salon
