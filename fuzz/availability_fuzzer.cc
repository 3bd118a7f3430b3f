// Feeds: bytes that describe a small random salon — a time zone and a day
// near a DST change, 1–4 staff with weekly hours, time off and appointments
// (blocks), maybe branch opening hours, 1–4 services with phases and
// buffers, a visit of 1–5 items (some naming a staff member), a grid, "now"
// and a work budget — to FindSlots (src/core/availability.h) and PlanVisit
// (src/core/visit_planner.h) with a WorkBudget (src/core/work_budget.h).
// Oracle: no crash or sanitizer report; the search never exceeds its budget
// (budget.used() <= steps + 1) and answers only whole days; slots are on the
// grid, in order, not before now, as long as the visit; every slot's plan
// books (PlanVisit at that start succeeds with an unlimited budget, every
// staff member a one-item slot lists can be named) and is valid on its own
// terms (items back to back, each staff member qualified, free and never in
// two places); and the slots are exactly the grid starts PlanVisit accepts.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "core/availability.h"
#include "core/weekly_hours.h"

namespace {

using namespace salon;

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "availability_fuzzer: %s\n", what.c_str());
  std::abort();
}

const char* const kZones[] = {"Europe/Dublin", "America/New_York", "Australia/Lord_Howe",
                              "UTC", "Asia/Kathmandu"};
// Ordinary days and days of DST changes (New York, Europe, Lord Howe).
const char* const kDays[] = {"2026-11-23", "2026-03-08", "2026-03-29", "2026-04-05",
                             "2026-10-04", "2026-10-25", "2026-11-01"};

WeeklyHours RandomHours(FuzzedDataProvider& in) {
  WeeklyHours hours;
  for (auto& day : hours) {
    int at = 0;
    const int spans = in.ConsumeIntegralInRange(0, 2);
    for (int i = 0; i < spans && at < 24 * 60; ++i) {
      const int start = in.ConsumeIntegralInRange(at, 24 * 60 - 1);
      const int end = in.ConsumeIntegralInRange(start + 1, 24 * 60);
      day.push_back({start, end});
      at = end + 1;
    }
  }
  return hours;
}

std::string Describe(const std::vector<AppointmentItem>& plan, const TimeZone& zone) {
  std::string out;
  for (const AppointmentItem& item : plan) {
    out += " [" + item.service_id.value + " by " + item.staff_id.value + " at " +
           FormatInstant(item.span.start, zone) + "]";
  }
  return out;
}

// Checks a plan on its own terms, without the planner's code.
void CheckPlan(const std::vector<AppointmentItem>& plan, Instant start,
               const std::vector<VisitItemRequest>& items, const std::vector<StaffAgenda>& agendas,
               const TimeZone& zone) {
  if (plan.size() != items.size()) Fail("a plan without every item");
  Instant at = start;
  for (size_t k = 0; k < plan.size(); ++k) {
    const AppointmentItem& item = plan[k];
    if (item.service_id != items[k].service->id) Fail("a plan changed a service");
    if (items[k].staff_id && item.staff_id != *items[k].staff_id) Fail("a named staff member was replaced");
    if (item.span.start != at) Fail("items do not run back to back:" + Describe(plan, zone));
    at = item.span.end;
    if (item.span.end - item.span.start != std::chrono::minutes(items[k].service->DurationMinutes())) {
      Fail("an item is not as long as its service");
    }
    const StaffAgenda* agenda = nullptr;
    for (const StaffAgenda& a : agendas) {
      if (a.id() == item.staff_id) agenda = &a;
    }
    if (agenda == nullptr || !agenda->Offers(item.service_id)) {
      Fail("an item went to someone who does not offer it:" + Describe(plan, zone));
    }
  }
  const std::vector<StaffBusy> busy = BusyTime(plan);
  for (size_t i = 0; i < busy.size(); ++i) {
    for (const StaffAgenda& a : agendas) {
      if (a.id() == busy[i].staff_id && !a.IsFree(busy[i].span)) {
        Fail("a plan books busy time: " + a.WhyBusy(busy[i].span) + Describe(plan, zone));
      }
    }
    for (size_t j = i + 1; j < busy.size(); ++j) {
      if (busy[i].staff_id == busy[j].staff_id && busy[i].span.Overlaps(busy[j].span)) {
        Fail("a staff member in two places at once:" + Describe(plan, zone));
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const TimeZone zone = *TimeZone::Find(in.PickValueInArray(kZones));
  AvailabilityQuery query;
  query.from = *ParseDate(in.PickValueInArray(kDays)) + date::days(in.ConsumeIntegralInRange(-1, 1));
  query.days = in.ConsumeIntegralInRange(1, 2);
  query.grid_minutes = in.PickValueInArray({5, 10, 15, 20, 30, 60});
  query.not_before = zone.StartOfDay(query.from) +
                     std::chrono::minutes(in.ConsumeIntegralInRange(-60, 36 * 60));
  const LocalDate first = query.from - date::days(1);
  const int window_days = query.days + 2;
  const Instant window_start = zone.StartOfDay(first);

  // Services: 1–4, each 1–4 phases starting and ending busy, and a buffer.
  std::vector<Service> services(in.ConsumeIntegralInRange(1, 4));
  for (size_t i = 0; i < services.size(); ++i) {
    Service& s = services[i];
    s.id = ServiceId{"svc_" + std::to_string(i)};
    const int phases = in.ConsumeIntegralInRange(1, 4);
    for (int p = 0; p < phases; ++p) {
      const bool busy = p == 0 || p == phases - 1 || in.ConsumeBool();
      s.phases.push_back({in.ConsumeIntegralInRange(1, 120), busy});
    }
    s.buffer_minutes = in.ConsumeBool() ? in.ConsumeIntegralInRange(0, 60) : 0;
  }

  // Branch opening hours, sometimes.
  std::vector<Interval> open;
  const bool has_open = in.ConsumeBool();
  if (has_open) open = WorkingIntervals(RandomHours(in), zone, first, window_days);

  // Staff: 1–4, each with hours, services and blocks.
  std::vector<Staff> staff(in.ConsumeIntegralInRange(1, 4));
  std::vector<StaffAgenda> agendas;
  for (size_t i = 0; i < staff.size(); ++i) {
    Staff& s = staff[i];
    s.id = StaffId{"stf_" + std::to_string(i)};
    s.hours = RandomHours(in);
    const unsigned offers = in.ConsumeIntegral<uint8_t>();
    std::vector<ServiceId> offered;
    for (size_t k = 0; k < services.size(); ++k) {
      if (offers & (1u << k)) offered.push_back(services[k].id);
    }
    s.service_ids = std::move(offered);
    std::vector<Block> blocks(in.ConsumeIntegralInRange(0, 4));
    for (Block& b : blocks) {
      b.span.start = window_start + std::chrono::minutes(in.ConsumeIntegralInRange(0, window_days * 1440));
      b.span.end = b.span.start + std::chrono::minutes(in.ConsumeIntegralInRange(1, 240));
      b.what = "appointment apt_" + std::to_string(i);
    }
    agendas.emplace_back(s, zone, first, window_days, std::move(blocks), has_open ? &open : nullptr);
  }

  // The visit: 1–5 items, some naming a staff member (or someone unknown).
  const int items = in.ConsumeIntegralInRange(1, 5);
  for (int k = 0; k < items; ++k) {
    VisitItemRequest item{&services[in.ConsumeIntegralInRange<size_t>(0, services.size() - 1)],
                          std::nullopt};
    if (in.ConsumeIntegralInRange(0, 3) == 0) {
      const size_t who = in.ConsumeIntegralInRange<size_t>(0, staff.size());
      item.staff_id = who < staff.size() ? staff[who].id : StaffId{"stf_ghost"};
    }
    query.items.push_back(item);
  }
  const long long steps = in.ConsumeBool() ? in.ConsumeIntegralInRange<long long>(1, 5000)
                                           : WorkBudget::kDefaultSteps;

  // The search, within its budget.
  WorkBudget budget(steps);
  const SlotSearch found = FindSlots(zone, query, agendas, &budget);
  if (budget.used() > steps + 1) {
    Fail("the search took " + std::to_string(budget.used()) + " steps of " + std::to_string(steps));
  }
  if (found.days_searched < 0 || found.days_searched > query.days) Fail("days_searched out of range");
  if (found.days_searched < query.days && !budget.exhausted()) Fail("days left unsearched");

  // The same search, unlimited: the budgeted answer is its first whole days.
  WorkBudget unlimited(std::numeric_limits<long long>::max());
  const SlotSearch full = FindSlots(zone, query, agendas, &unlimited);
  if (full.days_searched != query.days) Fail("an unlimited search stopped early");
  const Instant searched_end = zone.StartOfDay(query.from + date::days(found.days_searched));
  size_t prefix = 0;
  while (prefix < full.slots.size() && full.slots[prefix].start < searched_end) ++prefix;
  if (found.slots.size() != prefix) Fail("the budgeted search answered part of a day");
  for (size_t i = 0; i < prefix; ++i) {
    if (found.slots[i].start != full.slots[i].start || found.slots[i].end != full.slots[i].end ||
        found.slots[i].staff_ids != full.slots[i].staff_ids) {
      Fail("the budgeted search disagrees with the unlimited one");
    }
  }

  // Every grid start: a slot exactly when PlanVisit books it.
  int duration = 0;
  for (const VisitItemRequest& item : query.items) duration += item.service->DurationMinutes();
  size_t next = 0;
  for (int d = 0; d < query.days; ++d) {
    const LocalDate day = query.from + date::days(d);
    const Instant day_end = zone.StartOfDay(day + date::days(1));
    for (Instant start = zone.StartOfDay(day); start < day_end;
         start += std::chrono::minutes(query.grid_minutes)) {
      WorkBudget plenty(std::numeric_limits<long long>::max());
      auto plan = start < query.not_before ? Result<std::vector<AppointmentItem>>(Status::Conflict("past"))
                                           : PlanVisit(start, query.items, agendas, &plenty);
      const bool slot = next < full.slots.size() && full.slots[next].start == start;
      if (plan.ok() != slot) {
        Fail(std::string(slot ? "a slot PlanVisit refuses (" + plan.status().message() + ")"
                              : "PlanVisit books a start that is no slot") +
             " at " + FormatInstant(start, zone));
      }
      if (!slot) continue;
      const Slot& s = full.slots[next++];
      CheckPlan(*plan, start, query.items, agendas, zone);
      if (s.end != start + std::chrono::minutes(duration)) Fail("a slot is not as long as the visit");
      if (s.staff_ids.empty()) Fail("a slot without staff");
      if (query.items.size() > 1) {
        for (size_t k = 0; k < plan->size(); ++k) {
          if ((*plan)[k].staff_id != s.staff_ids[k]) Fail("a slot names other staff than its plan");
        }
      } else {
        for (const StaffId& who : s.staff_ids) {
          WorkBudget more(std::numeric_limits<long long>::max());
          auto named = PlanVisit(start, {{query.items[0].service, who}}, agendas, &more);
          if (!named.ok()) Fail("a slot lists " + who.value + ", who cannot be booked at " + FormatInstant(start, zone));
          CheckPlan(*named, start, {{query.items[0].service, who}}, agendas, zone);
        }
      }
    }
  }
  if (next != full.slots.size()) Fail("slots off the grid, out of order or on other days");
  if (std::getenv("SALON_FUZZ_VERBOSE") != nullptr) {
    std::fprintf(stderr, "%zu staff, %zu services, %zu items, %d days: %zu slots; budget %lld: "
                 "%zu slots, %d days, %lld steps\n", staff.size(), services.size(),
                 query.items.size(), query.days, full.slots.size(), steps, found.slots.size(),
                 found.days_searched, budget.used());
  }
  return 0;
}
