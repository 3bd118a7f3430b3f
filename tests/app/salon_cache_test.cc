// A booking's messages take the salon's settings from the directory's cache:
// bookings read no salon record, and a patch of the salon (a template)
// reaches the next booking's confirmation as it commits.
#include <gtest/gtest.h>

#include "messaging/message.h"
#include "tests/app/salon_use_cases.h"
#include "tests/messaging/counting_store.h"

namespace salon::testing {
namespace {

class SalonCacheTest : public SalonUseCasesTest<CountingStore> {
 protected:
  // The text of the confirmation of `booked`.
  std::string TextOf(const AppointmentView& booked) {
    return MessageDoc(ConfirmationOf(booked)).Text("text");
  }
};

TEST_F(SalonCacheTest, BookingsReadNoSalonRecord) {
  AddStylist("Ann");
  const int before = store_.salon_reads();
  AppointmentView view;
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T09:00:00Z"), KeepIn(view)).ok());
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T11:00:00Z"), KeepIn(view)).ok());
  EXPECT_EQ(store_.salon_reads(), before);
}

TEST_F(SalonCacheTest, APatchedTemplateIsInTheNextConfirmation) {
  AddStylist("Ann");
  AppointmentView first, second;
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T09:00:00Z"), KeepIn(first)).ok());
  EXPECT_EQ(TextOf(first).find("New words"), std::string::npos);
  const auto patch = boost::json::parse(
      R"({"messaging":{"templates":{"confirmation":"New words for {first_name}"}}})");
  Salon patched;
  ASSERT_TRUE(salons_.Patch(salon_, patch.as_object(), std::nullopt, KeepIn(patched)).ok());
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T11:00:00Z"), KeepIn(second)).ok());
  EXPECT_EQ(TextOf(second), "New words for Aoife");
}

}  // namespace
}  // namespace salon::testing
