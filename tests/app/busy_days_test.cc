// A booking's plan reads the staff's time from the busy days in memory,
// current by the day's calendar version: a day once read is not read again
// while bookings come (each commit derives the day's next version), a cancel
// frees its time, and a day gone stale — another process booked it, unheard —
// costs a second write, never a double booking.
#include <gtest/gtest.h>

#include "tests/app/salon_use_cases.h"
#include "tests/messaging/counting_store.h"

namespace salon::testing {
namespace {

class BusyDaysTest : public SalonUseCasesTest<CountingStore> {
 protected:
  // Books the cut at `start` (with `stylist`, if given) through `appointments`.
  Status Book(Appointments& appointments, const char* start, AppointmentView& booked,
              std::optional<StaffId> stylist = std::nullopt) {
    BookingRequest req = At(start);
    req.items[0].staff_id = std::move(stylist);
    return appointments.Book(salon_, req, KeepIn(booked)).status();
  }
  Status Book(const char* start, AppointmentView& booked,
              std::optional<StaffId> stylist = std::nullopt) {
    return Book(appointments_, start, booked, std::move(stylist));
  }

  // The appointments holding `stylist` at 10:00 that day.
  std::vector<BusyRow> BusyAtTen(const StaffId& stylist) {
    std::vector<BusyRow> rows;
    const Status read = real_->Read([&](ReadTxn& txn) {
      rows = txn.Busy(salon_, {stylist}, UnixSeconds(*ParseInstant("2026-11-23T10:00:00Z")),
                      UnixSeconds(*ParseInstant("2026-11-23T10:45:00Z")));
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.message();
    return rows;
  }
};

TEST_F(BusyDaysTest, BookingsOnADayAlreadyReadReadNoBusyTime) {
  AddStylist("Ann");
  AddStylist("Bea");
  AppointmentView view;
  ASSERT_TRUE(Book("2026-11-23T09:00:00Z", view).ok());
  const int after_first = store_.busy_reads();
  ASSERT_TRUE(Book("2026-11-23T11:00:00Z", view).ok());
  ASSERT_TRUE(Book("2026-11-23T15:00:00Z", view).ok());
  EXPECT_EQ(store_.busy_reads(), after_first);
}

TEST_F(BusyDaysTest, TheDayACommitDerivesHoldsItsBooking) {
  const StaffId ann = AddStylist("Ann").id;
  AppointmentView first, second;
  ASSERT_TRUE(Book("2026-11-23T10:00:00Z", first, ann).ok());
  const int writes = store_.writes();
  // Planned from memory, Ann is seen busy: one write (the booking made again
  // under the salon's lock, which finds her busy too), not a refused one first.
  EXPECT_EQ(Book("2026-11-23T10:00:00Z", second, ann).code(), Code::kConflict);
  EXPECT_EQ(store_.writes(), writes + 1);
  EXPECT_EQ(BusyAtTen(ann).size(), 1u);
}

// Each commit adds its booking to the day in memory as a layer over the
// day before, and a deep day is copied into one layer: past that, as
// before it, every booking of the day is still seen.
TEST_F(BusyDaysTest, ADayBookedFullFromMemoryKnowsEveryBooking) {
  std::vector<StaffId> stylists;
  for (const char* name : {"Ann", "Bea", "Cat"}) stylists.push_back(AddStylist(name).id);
  const auto slot = [](int i) {  // 12 cuts of 45 minutes from 09:00 UTC
    static char at[32];
    const int minutes = 9 * 60 + 45 * i;
    std::snprintf(at, sizeof at, "2026-11-23T%02d:%02d:00Z", minutes / 60, minutes % 60);
    return at;
  };
  AppointmentView view;
  ASSERT_TRUE(Book(slot(0), view, stylists[0]).ok());
  const int reads = store_.busy_reads();
  int booked = 1;
  for (const StaffId& stylist : stylists) {
    for (int i = stylist == stylists[0] ? 1 : 0; i < 12; ++i, ++booked) {
      ASSERT_TRUE(Book(slot(i), view, stylist).ok()) << slot(i);
    }
  }
  ASSERT_GT(booked, 2 * BusyDays::kMaxDepth);
  EXPECT_EQ(store_.busy_reads(), reads);
  for (const StaffId& stylist : stylists) {
    for (int i = 0; i < 12; ++i) {
      const int writes = store_.writes();
      // Seen busy from memory: only the booking made again under the lock.
      EXPECT_EQ(Book(slot(i), view, stylist).code(), Code::kConflict) << slot(i);
      EXPECT_EQ(store_.writes(), writes + 1) << slot(i);
    }
  }
}

TEST_F(BusyDaysTest, ACancelledVisitsTimeIsFreeAgain) {
  const StaffId ann = AddStylist("Ann").id;
  AppointmentView first, cancelled, again;
  ASSERT_TRUE(Book("2026-11-23T10:00:00Z", first, ann).ok());
  ASSERT_TRUE(appointments_
                  .ChangeStatus(salon_, first.appointment.id, AppointmentStatus::kCancelled,
                                "client called", std::nullopt, KeepIn(cancelled))
                  .ok());
  const int writes = store_.writes();
  ASSERT_TRUE(Book("2026-11-23T10:00:00Z", again, ann).ok());
  EXPECT_EQ(store_.writes(), writes + 1);  // planned on the day as it is now
  ASSERT_EQ(BusyAtTen(ann).size(), 1u);
  EXPECT_EQ(BusyAtTen(ann)[0].appointment_id, again.appointment.id);
}

TEST_F(BusyDaysTest, ADayAnotherProcessBookedUnheardNeverDoubleBooks) {
  const StaffId ann = AddStylist("Ann").id;
  AppointmentView early, theirs, ours;
  ASSERT_TRUE(Book("2026-11-23T09:00:00Z", early).ok());  // the day is in memory here

  // Another process on the same store, whose changes this one never hears.
  Directory directory(*real_, "admin-key");
  CalendarVersions calendar(*real_);
  Booking booking(directory, calendar, ids_);
  AppointmentMessages messages(directory, ids_, [] {});
  Deposits deposits(ids_);
  Appointments other(*real_, clock_, directory, booking, messages, deposits);
  ASSERT_TRUE(Book(other, "2026-11-23T10:00:00Z", theirs, ann).ok());

  const int writes = store_.writes();
  EXPECT_EQ(Book("2026-11-23T10:00:00Z", ours, ann).code(), Code::kConflict);
  EXPECT_EQ(store_.writes(), writes + 2);  // planned on the stale day, refused, booked again
  const std::vector<BusyRow> busy = BusyAtTen(ann);
  ASSERT_EQ(busy.size(), 1u);
  EXPECT_EQ(busy[0].appointment_id, theirs.appointment.id);
}

}  // namespace
}  // namespace salon::testing
