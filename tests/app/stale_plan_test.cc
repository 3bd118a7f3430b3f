// A booking is planned on a snapshot and stored by the writer without reading
// the staff's time again. When another booking takes that time in between,
// the store refuses the planned visit, keeping nothing, and the booking is
// planned afresh under the salon's lock: another stylist if one is free,
// else kConflict. Never a double booking.
#include <gtest/gtest.h>

#include <functional>
#include <utility>
#include <vector>

#include "tests/app/salon_use_cases.h"

namespace salon::testing {
namespace {

// A Store that runs `between` once, after the next read: between a
// booking's plan and its write.
class BetweenPlanAndWrite final : public Store {
 public:
  explicit BetweenPlanAndWrite(Store& real) : real_(real) {}
  std::function<void()> between;

  Status Read(const std::function<Status(ReadTxn&)>& fn) override {
    Status s = real_.Read(fn);
    if (auto run = std::exchange(between, nullptr)) run();
    return s;
  }
  Status Write(const std::function<Status(WriteTxn&)>& fn) override { return real_.Write(fn); }
  // As the engine writes: on SQLite a refused plan is booked afresh from its writer.
  void WriteAsync(std::function<Status(WriteTxn&)> fn, std::function<void(Status)> done) override {
    real_.WriteAsync(std::move(fn), std::move(done));
  }
  bool WritesAsynchronously() const override { return real_.WritesAsynchronously(); }
  Status Ready() override { return real_.Ready(); }

 private:
  Store& real_;
};

class StalePlanTest : public SalonUseCasesTest<BetweenPlanAndWrite> {
 protected:
  // A booking at 10:00 with whoever is free, with `between` run after its
  // plan; answers its outcome, the appointment kept in `booked`.
  Status BookAtTen(std::function<void()> between, AppointmentView& booked) {
    store_.between = std::move(between);
    return appointments_.Book(salon_, At("2026-11-23T10:00:00Z"), KeepIn(booked)).status();
  }

  // The busy time of the branch's stylists over that visit.
  std::vector<BusyRow> BusyAtTen(const std::vector<StaffId>& stylists) {
    std::vector<BusyRow> rows;
    const Status read = real_->Read([&](ReadTxn& txn) {
      rows = txn.Busy(salon_, stylists, UnixSeconds(*ParseInstant("2026-11-23T10:00:00Z")),
                      UnixSeconds(*ParseInstant("2026-11-23T10:45:00Z")));
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.message();
    return rows;
  }
};

TEST_F(StalePlanTest, ATimeTakenAfterThePlanGoesToAnotherFreeStylist) {
  const StaffId ann = AddStylist("Ann").id, bea = AddStylist("Bea").id;
  AppointmentView first, second;
  // The second booking is planned on Ann's free time; the first takes it
  // before the second's write.
  ASSERT_TRUE(BookAtTen([&] { ASSERT_TRUE(BookAtTen(nullptr, first).ok()); }, second).ok());
  ASSERT_EQ(first.appointment.items.size(), 1u);
  ASSERT_EQ(second.appointment.items.size(), 1u);
  EXPECT_NE(first.appointment.items[0].staff_id, second.appointment.items[0].staff_id);
  EXPECT_EQ(BusyAtTen({ann, bea}).size(), 2u);
}

TEST_F(StalePlanTest, ATimeTakenAfterThePlanWithNobodyElseFreeIsAConflict) {
  const StaffId ann = AddStylist("Ann").id;
  AppointmentView first, second;
  const Status late = BookAtTen([&] { ASSERT_TRUE(BookAtTen(nullptr, first).ok()); }, second);
  EXPECT_EQ(late.code(), Code::kConflict) << late.message();
  const std::vector<BusyRow> busy = BusyAtTen({ann});
  ASSERT_EQ(busy.size(), 1u);  // the first booking's, and nothing of the refused one
  EXPECT_EQ(busy[0].appointment_id, first.appointment.id);
}

}  // namespace
}  // namespace salon::testing
