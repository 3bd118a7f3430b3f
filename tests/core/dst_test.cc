// Local days are real local days: on a DST change the grid has 23 or 25
// hours and no slot is skipped or doubled.
#include <gtest/gtest.h>

#include <set>

#include "core/availability.h"

namespace salon {
namespace {

struct DstCase {
  const char* zone;
  const char* date;
  int hours;  // length of the local day
};

class DstTest : public ::testing::TestWithParam<DstCase> {};

TEST_P(DstTest, GridCoversTheWholeLocalDayOnce) {
  const DstCase& c = GetParam();
  TimeZone zone = *TimeZone::Find(c.zone);
  LocalDate day = *ParseDate(c.date);
  Service s;
  s.id = ServiceId{"svc"};
  s.phases = {{15, true}};
  Staff staff;
  staff.id = StaffId{"stf"};
  staff.service_ids = {s.id};
  for (auto& d : staff.hours) d = {{0, 24 * 60}};
  AvailabilityQuery q;
  q.from = day;
  q.days = 1;
  q.not_before = Instant();
  q.items = {{&s, std::nullopt}};
  std::vector<StaffAgenda> agendas{StaffAgenda(staff, zone, day - date::days(1), 3, {})};
  auto slots = FindSlots(zone, q, agendas).slots;

  EXPECT_EQ(zone.StartOfDay(day + date::days(1)) - zone.StartOfDay(day),
            std::chrono::hours(c.hours));
  ASSERT_EQ(slots.size(), size_t(c.hours * 4));
  std::set<Instant> starts;
  for (size_t i = 0; i < slots.size(); ++i) {
    starts.insert(slots[i].start);
    EXPECT_EQ(zone.DateOf(slots[i].start), day);
    if (i > 0) {
      EXPECT_EQ(slots[i].start - slots[i - 1].start, std::chrono::minutes(15));
    }
  }
  EXPECT_EQ(starts.size(), slots.size());  // none doubled
}

INSTANTIATE_TEST_SUITE_P(
    Zones, DstTest,
    ::testing::Values(DstCase{"Europe/Dublin", "2026-03-29", 23},
                      DstCase{"Europe/Dublin", "2026-10-25", 25},
                      DstCase{"Europe/Dublin", "2026-11-23", 24},
                      DstCase{"America/New_York", "2026-03-08", 23},
                      DstCase{"America/New_York", "2026-11-01", 25}));

TEST(DstWorkingHoursTest, NineToFiveStaysNineToFiveAcrossTheChange) {
  TimeZone ny = *TimeZone::Find("America/New_York");
  WeeklyHours hours;
  hours[6] = {{9 * 60, 17 * 60}};  // Sunday
  auto spring = WorkingIntervals(hours, ny, *ParseDate("2026-03-08"), 1);
  ASSERT_EQ(spring.size(), 1u);
  EXPECT_EQ(FormatInstant(spring[0].start, ny), "2026-03-08T09:00:00-04:00");
  EXPECT_EQ(spring[0].end - spring[0].start, std::chrono::hours(8));
  auto fall = WorkingIntervals(hours, ny, *ParseDate("2026-11-01"), 1);
  EXPECT_EQ(FormatInstant(fall[0].start, ny), "2026-11-01T09:00:00-05:00");
}

TEST(DstWorkingHoursTest, HoursInsideTheSkippedHourShrink) {
  TimeZone dublin = *TimeZone::Find("Europe/Dublin");
  WeeklyHours hours;
  hours[6] = {{0, 3 * 60}};  // 00:00–03:00 on the spring-forward Sunday
  auto spans = WorkingIntervals(hours, dublin, *ParseDate("2026-03-29"), 1);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].end - spans[0].start, std::chrono::hours(2));
}

}  // namespace
}  // namespace salon
