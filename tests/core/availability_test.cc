#include "core/availability.h"

#include <gtest/gtest.h>

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
    return FindSlots(zone_, q, agendas);
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
  ann_.service_ids.push_back(tidy.id);
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
  ann_.service_ids.push_back(long_gap.id);
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
  auto slots = FindSlots(zone_, q, {Agenda(ann_)});
  EXPECT_EQ(Starts(slots).front(), "16:00");
  EXPECT_EQ(slots.size(), 7u);
}

}  // namespace
}  // namespace salon
