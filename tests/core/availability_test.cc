#include "core/availability.h"

#include <gtest/gtest.h>

#include <random>

namespace salon {
namespace {

// Monday 23 November 2026 in Dublin (UTC+0 in winter).
class AvailabilityTest : public ::testing::Test {
 protected:
  AvailabilityTest() : zone_(*TimeZone::Find("Europe/Dublin")), day_(*ParseDate("2026-11-23")) {
    cut_ = MakeService("svc_cut", {{30, true}}, 0);
    colour_ = MakeService("svc_colour", {{30, true}, {45, false}, {30, true}}, 0);
    ann_ = MakeStaff("stf_ann", {cut_.id, colour_.id});
  }

  static Service MakeService(const std::string& id, std::vector<Phase> phases, int buffer) {
    Service s;
    s.id = ServiceId{id};
    s.name = id;
    s.phases = std::move(phases);
    s.buffer_minutes = buffer;
    return s;
  }

  static Staff MakeStaff(const std::string& id, std::vector<ServiceId> services) {
    Staff s;
    s.id = StaffId{id};
    s.hours[0] = {{9 * 60, 13 * 60}, {14 * 60, 18 * 60}};  // Monday, lunch 13–14
    s.service_ids = std::move(services);
    return s;
  }

  Instant At(const std::string& hhmm) const {
    return zone_.ToInstant(LocalTime(day_) + std::chrono::minutes(*ParseClockTime(hhmm)));
  }
  Interval Span(const std::string& a, const std::string& b) const { return {At(a), At(b)}; }

  StaffAgenda Agenda(const Staff& s, std::vector<Block> blocks = {}) const {
    return StaffAgenda(s, zone_, day_ - date::days(1), 3, std::move(blocks));
  }

  std::vector<Slot> Find(std::vector<VisitItemRequest> items,
                         const std::vector<StaffAgenda>& agendas) const {
    AvailabilityQuery q;
    q.from = day_;
    q.days = 1;
    q.not_before = At("00:00");
    q.items = std::move(items);
    return FindSlots(zone_, q, agendas).slots;
  }

  std::vector<std::string> Starts(const std::vector<Slot>& slots) const {
    std::vector<std::string> out;
    for (const Slot& s : slots) out.push_back(FormatInstant(s.start, zone_).substr(11, 5));
    return out;
  }

  bool HasStart(const std::vector<Slot>& slots, const std::string& hhmm) const {
    auto starts = Starts(slots);
    return std::find(starts.begin(), starts.end(), hhmm) != starts.end();
  }

  TimeZone zone_;
  LocalDate day_;
  Service cut_, colour_;
  Staff ann_;
};

TEST_F(AvailabilityTest, WorkingHoursAndBreaks) {
  auto slots = Find({{&cut_, std::nullopt}}, {Agenda(ann_)});
  // 09:00–12:30 and 14:00–17:30 every quarter hour: 15 + 15.
  ASSERT_EQ(slots.size(), 30u);
  EXPECT_EQ(Starts(slots).front(), "09:00");
  EXPECT_EQ(Starts(slots).back(), "17:30");
  EXPECT_TRUE(HasStart(slots, "12:30"));
  EXPECT_FALSE(HasStart(slots, "12:45"));  // would run into lunch
  EXPECT_FALSE(HasStart(slots, "13:30"));
  EXPECT_EQ(slots[0].end - slots[0].start, std::chrono::minutes(30));
  EXPECT_EQ(slots[0].staff_ids, std::vector<StaffId>{ann_.id});
}

TEST_F(AvailabilityTest, DayOffHasNoSlots) {
  ann_.hours[0].clear();
  EXPECT_TRUE(Find({{&cut_, std::nullopt}}, {Agenda(ann_)}).empty());
}

TEST_F(AvailabilityTest, TimeOffBlocks) {
  auto slots = Find({{&cut_, std::nullopt}}, {Agenda(ann_, {{Span("10:00", "11:00"), "off"}})});
  EXPECT_TRUE(HasStart(slots, "09:30"));
  EXPECT_FALSE(HasStart(slots, "09:45"));
  EXPECT_FALSE(HasStart(slots, "10:30"));
  EXPECT_TRUE(HasStart(slots, "11:00"));
  EXPECT_EQ(slots.size(), 30u - 5u);
}

TEST_F(AvailabilityTest, ExistingAppointmentsBlockTheirBusyTime) {
  auto slots = Find({{&cut_, std::nullopt}}, {Agenda(ann_, {{Span("09:00", "09:30"), "apt"}})});
  EXPECT_FALSE(HasStart(slots, "09:00"));
  EXPECT_FALSE(HasStart(slots, "09:15"));
  EXPECT_TRUE(HasStart(slots, "09:30"));
}

TEST_F(AvailabilityTest, BufferKeepsTheStaffMemberBusyAfterTheService) {
  Service tidy = MakeService("svc_tidy", {{30, true}}, 15);
  ann_.service_ids = ann_.service_ids.With(tidy.id);
  auto slots = Find({{&tidy, std::nullopt}}, {Agenda(ann_, {{Span("10:00", "10:30"), "apt"}})});
  EXPECT_TRUE(HasStart(slots, "09:15"));   // 09:15–09:45, buffer to 10:00
  EXPECT_FALSE(HasStart(slots, "09:30"));  // its buffer would overlap 10:00
  EXPECT_TRUE(HasStart(slots, "12:15"));   // buffer ends at 13:00 sharp
  EXPECT_FALSE(HasStart(slots, "12:30"));
  // The client's slot ends with the service, not the buffer.
  EXPECT_EQ(slots[0].end - slots[0].start, std::chrono::minutes(30));
}

TEST_F(AvailabilityTest, ProcessingGapFreesStaff) {
  // A colour at 09:00: busy 09:00–09:30, processing 09:30–10:15, busy 10:15–10:45.
  auto plan = PlanVisit(At("09:00"), {{&colour_, std::nullopt}}, {Agenda(ann_)});
  ASSERT_TRUE(plan.ok());
  std::vector<Block> blocks;
  for (const StaffBusy& b : BusyTime(*plan)) blocks.push_back({b.span, "apt_colour"});
  ASSERT_EQ(blocks.size(), 2u);
  auto slots = Find({{&cut_, std::nullopt}}, {Agenda(ann_, blocks)});
  EXPECT_FALSE(HasStart(slots, "09:00"));
  EXPECT_TRUE(HasStart(slots, "09:30"));   // inside the processing gap
  EXPECT_TRUE(HasStart(slots, "09:45"));   // ends 10:15 as the rinse begins
  EXPECT_FALSE(HasStart(slots, "10:00"));
  EXPECT_TRUE(HasStart(slots, "10:45"));
}

TEST_F(AvailabilityTest, TwoColoursInterleaveInEachOthersGaps) {
  Service long_gap = MakeService("svc_long", {{15, true}, {60, false}, {15, true}}, 0);
  ann_.service_ids = ann_.service_ids.With(long_gap.id);
  // busy 09:00–09:15 and 10:15–10:30
  std::vector<Block> blocks{{Span("09:00", "09:15"), "a"}, {Span("10:15", "10:30"), "a"}};
  auto plan = PlanVisit(At("09:15"), {{&long_gap, std::nullopt}}, {Agenda(ann_, blocks)});
  // 09:15–09:30 busy, gap, 10:30–10:45 busy: fits between the first's phases.
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ((*plan)[0].staff_id, ann_.id);
}

TEST_F(AvailabilityTest, MultiItemVisitRunsBackToBackWithQualifiedStaff) {
  Staff colourist = MakeStaff("stf_col", {colour_.id});
  Staff cutter = MakeStaff("stf_cut", {cut_.id});
  auto slots = Find({{&colour_, std::nullopt}, {&cut_, std::nullopt}},
                    {Agenda(colourist), Agenda(cutter)});
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(Starts(slots).front(), "09:00");
  EXPECT_EQ(slots.front().end, At("11:15"));  // 105 + 30 minutes
  EXPECT_EQ(slots.front().staff_ids, (std::vector<StaffId>{colourist.id, cutter.id}));
  // Last start: the cut must end by 18:00 → colour starts 15:45.
  EXPECT_EQ(Starts(slots).back(), "15:45");

  // The cutter busy at 10:45: a 09:00 visit cannot be finished.
  auto blocked = Find({{&colour_, std::nullopt}, {&cut_, std::nullopt}},
                      {Agenda(colourist), Agenda(cutter, {{Span("10:45", "11:15"), "apt"}})});
  EXPECT_FALSE(HasStart(blocked, "09:00"));
  EXPECT_TRUE(HasStart(blocked, "09:30"));
}

TEST_F(AvailabilityTest, OneStaffMemberCanDoBothItems) {
  auto plan = PlanVisit(At("09:00"), {{&cut_, std::nullopt}, {&cut_, std::nullopt}},
                        {Agenda(ann_)});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ((*plan)[1].span.start, At("09:30"));
  EXPECT_EQ((*plan)[1].staff_id, ann_.id);
}

TEST_F(AvailabilityTest, NamedStaffFilterAndRefusals) {
  Staff bob = MakeStaff("stf_bob", {cut_.id});
  auto only_bob = Find({{&cut_, bob.id}}, {Agenda(ann_), Agenda(bob)});
  ASSERT_FALSE(only_bob.empty());
  for (const Slot& s : only_bob) EXPECT_EQ(s.staff_ids, std::vector<StaffId>{bob.id});

  auto not_offered = PlanVisit(At("09:00"), {{&colour_, bob.id}}, {Agenda(ann_), Agenda(bob)});
  EXPECT_EQ(not_offered.status().code(), Code::kInvalid);

  auto taken = PlanVisit(At("09:00"), {{&cut_, ann_.id}},
                         {Agenda(ann_, {{Span("09:00", "09:30"), "appointment apt_1"}})});
  ASSERT_EQ(taken.status().code(), Code::kConflict);
  EXPECT_NE(taken.status().message().find("apt_1"), std::string::npos);

  auto closed = PlanVisit(At("13:00"), {{&cut_, ann_.id}}, {Agenda(ann_)});
  ASSERT_EQ(closed.status().code(), Code::kConflict);
  EXPECT_NE(closed.status().message().find("working hours"), std::string::npos);
}

TEST_F(AvailabilityTest, AutoAssignPicksAFreeQualifiedStaffMember) {
  Staff bob = MakeStaff("stf_bob", {cut_.id});
  auto plan = PlanVisit(At("09:00"), {{&cut_, std::nullopt}},
                        {Agenda(ann_, {{Span("09:00", "09:30"), "apt"}}), Agenda(bob)});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ((*plan)[0].staff_id, bob.id);
  auto slots = Find({{&cut_, std::nullopt}}, {Agenda(ann_), Agenda(bob)});
  EXPECT_EQ(slots[0].staff_ids, (std::vector<StaffId>{ann_.id, bob.id}));
}

TEST_F(AvailabilityTest, NoSlotsBeforeNow) {
  AvailabilityQuery q;
  q.from = day_;
  q.days = 1;
  q.not_before = At("16:00");
  q.items = {{&cut_, std::nullopt}};
  auto slots = FindSlots(zone_, q, {Agenda(ann_)}).slots;
  EXPECT_EQ(Starts(slots).front(), "16:00");
  EXPECT_EQ(slots.size(), 7u);
}

// The worst case found by probing: 10 services of [1 busy, 1 free, 1 busy]
// minutes and 30 staff who all do them. A visit that cannot fit (it would run
// past closing) tried all 30^10 combinations of staff and froze the server;
// now each item is tried once per state of what the visit gave out before it.
class PlannerWorstCaseTest : public AvailabilityTest {
 protected:
  PlannerWorstCaseTest() {
    tiny_ = MakeService("svc_tiny", {{1, true}, {1, false}, {1, true}}, 0);
    for (int i = 0; i < 30; ++i) {
      agendas_.push_back(Agenda(MakeStaff("stf_" + std::to_string(i), {tiny_.id})));
    }
    items_.assign(10, VisitItemRequest{&tiny_, std::nullopt});
  }
  // The ten items over `days` days from Monday midnight.
  AvailabilityQuery Query(int days) const {
    AvailabilityQuery q;
    q.from = day_;
    q.days = days;
    q.not_before = At("00:00");
    q.items = items_;
    return q;
  }
  Service tiny_;
  std::vector<StaffAgenda> agendas_;
  std::vector<VisitItemRequest> items_;
};

TEST_F(PlannerWorstCaseTest, AnImpossibleVisitIsRefusedWithoutTryingEveryCombination) {
  WorkBudget budget;
  auto plan = PlanVisit(At("17:45"), items_, agendas_, &budget);  // would end at 18:15
  EXPECT_EQ(plan.status().code(), Code::kConflict);
  EXPECT_LE(budget.used(), 10 * 30);
}

TEST_F(PlannerWorstCaseTest, ADaysSearchIsPolynomial) {
  const AvailabilityQuery q = Query(1);
  WorkBudget budget;
  SlotSearch found = FindSlots(zone_, q, agendas_, &budget);
  EXPECT_EQ(found.days_searched, 1);
  EXPECT_TRUE(HasStart(found.slots, "09:00"));
  EXPECT_TRUE(HasStart(found.slots, "17:30"));
  EXPECT_FALSE(HasStart(found.slots, "17:45"));
  EXPECT_LE(budget.used(), 96 * 10 * 30);  // each start: each item × staff at most once
}

TEST_F(PlannerWorstCaseTest, ASpentBudgetAnswersWholeDaysOnly) {
  const AvailabilityQuery q = Query(3);
  WorkBudget unbounded(1LL << 40);
  const SlotSearch all = FindSlots(zone_, q, agendas_, &unbounded);
  ASSERT_EQ(all.days_searched, 3);
  // Budgets that run out on the first, second and third day.
  for (long long steps : {100LL, unbounded.used() / 2, unbounded.used() - 1}) {
    WorkBudget budget(steps);
    SlotSearch cut = FindSlots(zone_, q, agendas_, &budget);
    EXPECT_TRUE(budget.exhausted());
    EXPECT_LT(cut.days_searched, 3);
    const Instant searched_to = zone_.StartOfDay(day_ + date::days(cut.days_searched));
    size_t whole = 0;
    while (whole < all.slots.size() && all.slots[whole].start < searched_to) ++whole;
    EXPECT_EQ(cut.slots.size(), whole) << steps;
  }
  WorkBudget tiny(5);
  EXPECT_EQ(PlanVisit(At("09:00"), items_, agendas_, &tiny).status().code(), Code::kInvalid);
}

TEST_F(PlannerWorstCaseTest, AStopConditionEndsTheSearch) {
  int polls = 0;
  WorkBudget budget(WorkBudget::kDefaultSteps, [&] { return ++polls == 2; });
  const AvailabilityQuery q = Query(31);
  SlotSearch found = FindSlots(zone_, q, agendas_, &budget);
  EXPECT_EQ(polls, 2);
  EXPECT_EQ(budget.used(), 2 * WorkBudget::kPollEvery);
  EXPECT_LT(found.days_searched, 31);
}

// The memoised planner against brute force on small random salons: the
// same visits are placeable, buffers reaching over later items included.
TEST_F(AvailabilityTest, PlannerAgreesWithBruteForce) {
  std::mt19937 random(20261130);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  for (int round = 0; round < 300; ++round) {
    std::vector<Service> services;
    for (int i = 0; i < 4; ++i) {
      std::vector<Phase> phases;
      for (int p = pick(1, 3); p > 0; --p) phases.push_back({pick(1, 3) * 5, pick(0, 3) > 0});
      phases.front().busy = true;
      services.push_back(MakeService("svc_" + std::to_string(i), phases, pick(0, 2) * 10));
    }
    std::vector<StaffAgenda> agendas;
    const int staff_count = pick(1, 3);
    for (int k = 0; k < staff_count; ++k) {
      std::vector<ServiceId> offers;
      for (const Service& s : services) if (pick(0, 2) > 0) offers.push_back(s.id);
      std::vector<Block> blocks;
      for (int b = pick(0, 3); b > 0; --b) {
        Instant from = At("09:00") + std::chrono::minutes(pick(0, 24) * 5);
        blocks.push_back({{from, from + std::chrono::minutes(pick(1, 6) * 5)}, "apt"});
      }
      agendas.push_back(Agenda(MakeStaff("stf_" + std::to_string(k), offers), blocks));
    }
    std::vector<VisitItemRequest> items;
    for (int n = pick(1, 4); n > 0; --n) items.push_back({&services[pick(0, 3)], std::nullopt});
    const Instant start = At("09:00") + std::chrono::minutes(pick(0, 12) * 5);

    // Brute force: every assignment of staff to items.
    std::vector<std::vector<HeldSpan>> held;
    for (const auto& i : items) held.push_back(HeldTime(*i.service));
    const auto layout = LayOutVisit(start, items);
    bool any = false;
    std::vector<size_t> choice(items.size(), 0);
    for (bool more = true; more && !any;) {
      std::vector<StaffBusy> given;
      bool fits = true;
      for (size_t k = 0; k < items.size() && fits; ++k) {
        const StaffAgenda& a = agendas[choice[k]];
        fits = a.Offers(items[k].service->id) && CanTake(a, layout[k].span.start, held[k], given);
        for (const HeldSpan& h : held[k]) {
          given.push_back({a.id(), {layout[k].span.start + h.from, layout[k].span.start + h.to}});
        }
      }
      any = fits;
      more = false;
      for (size_t k = 0; k < choice.size() && !more; ++k) {
        if (++choice[k] < agendas.size()) more = true; else choice[k] = 0;
      }
    }
    auto plan = PlanVisit(start, items, agendas);
    const bool offered = plan.ok() || plan.status().code() != Code::kInvalid;
    if (!offered) continue;  // some service no one offers: refused before searching
    EXPECT_EQ(plan.ok(), any) << "round " << round;
  }
}

}  // namespace
}  // namespace salon
