#include "core/appointment.h"

#include <gtest/gtest.h>

#include "core/client.h"
#include "core/service.h"
#include "core/staff.h"

namespace salon {
namespace {

using S = AppointmentStatus;

TEST(AppointmentTest, LegalTransitionsOnly) {
  EXPECT_TRUE(CanTransition(S::kBooked, S::kArrived));
  EXPECT_TRUE(CanTransition(S::kArrived, S::kInProgress));
  EXPECT_TRUE(CanTransition(S::kInProgress, S::kCompleted));
  EXPECT_TRUE(CanTransition(S::kBooked, S::kNoShow));
  EXPECT_TRUE(CanTransition(S::kBooked, S::kCancelled));
  EXPECT_FALSE(CanTransition(S::kCancelled, S::kCompleted));
  EXPECT_FALSE(CanTransition(S::kCompleted, S::kCancelled));
  EXPECT_FALSE(CanTransition(S::kNoShow, S::kArrived));
  EXPECT_FALSE(CanTransition(S::kInProgress, S::kNoShow));
  EXPECT_FALSE(CanTransition(S::kBooked, S::kBooked));
}

TEST(AppointmentTest, StatusNamesRoundTrip) {
  for (S s : {S::kBooked, S::kArrived, S::kInProgress, S::kCompleted, S::kCancelled, S::kNoShow}) {
    EXPECT_EQ(ParseAppointmentStatus(ToString(s)), s);
  }
  EXPECT_FALSE(ParseAppointmentStatus("done").has_value());
}

TEST(AppointmentTest, BusyTimeIsBusyPhasesPlusBuffer) {
  Instant t0{};
  auto m = [&](int x) { return t0 + std::chrono::minutes(x); };
  AppointmentItem item;
  item.staff_id = StaffId{"stf"};
  item.phases = {{{m(0), m(30)}, true}, {{m(30), m(75)}, false}, {{m(75), m(105)}, true}};
  item.buffer_minutes = 10;
  auto busy = BusyTime({item});
  ASSERT_EQ(busy.size(), 2u);
  EXPECT_EQ(busy[0].span, (Interval{m(0), m(30)}));
  EXPECT_EQ(busy[1].span, (Interval{m(75), m(115)}));
  EXPECT_FALSE(HoldsTime(S::kCancelled));
  EXPECT_TRUE(HoldsTime(S::kNoShow));
}

TEST(ValidationTest, ServicesHoursAndPhones) {
  Service s;
  s.name = "Colour";
  s.phases = {{30, true}, {45, false}, {30, true}};
  EXPECT_TRUE(ValidateService(s).ok());
  s.phases = {{30, false}};
  EXPECT_EQ(ValidateService(s).code(), Code::kInvalid);
  s.phases = {{0, true}};
  EXPECT_FALSE(ValidateService(s).ok());

  WeeklyHours h;
  h[0] = {{9 * 60, 13 * 60}, {14 * 60, 18 * 60}};
  EXPECT_TRUE(ValidateHours(h).ok());
  h[1] = {{14 * 60, 18 * 60}, {9 * 60, 13 * 60}};
  EXPECT_FALSE(ValidateHours(h).ok());
  h[1] = {{10 * 60, 9 * 60}};
  EXPECT_FALSE(ValidateHours(h).ok());

  EXPECT_TRUE(IsE164("+353871234567"));
  EXPECT_FALSE(IsE164("0871234567"));
  EXPECT_FALSE(IsE164("+0871234567"));
  EXPECT_FALSE(IsE164("+353 87 123"));
  EXPECT_FALSE(IsE164("+1234567890123456"));
}

}  // namespace
}  // namespace salon
