// Roles nest (each holds the rights of the one before), and failed sign-ins
// block an email for the rest of their window.
#include <gtest/gtest.h>

#include "core/access.h"
#include "core/user.h"

namespace salon {
namespace {

TEST(AccessTest, RolesNestAndEachRightHasItsLeastRole) {
  EXPECT_TRUE(Allows(StaffRole::kStylist, Right::kReadCalendar));
  EXPECT_TRUE(Allows(StaffRole::kStylist, Right::kChangeOwnStatus));
  EXPECT_FALSE(Allows(StaffRole::kStylist, Right::kBook));
  EXPECT_FALSE(Allows(StaffRole::kStylist, Right::kCheckout));
  EXPECT_TRUE(Allows(StaffRole::kFrontDesk, Right::kCheckout));
  EXPECT_FALSE(Allows(StaffRole::kFrontDesk, Right::kCorrectSales));
  EXPECT_TRUE(Allows(StaffRole::kManager, Right::kCorrectSales));
  EXPECT_FALSE(Allows(StaffRole::kManager, Right::kManageSalon));
  EXPECT_TRUE(Allows(StaffRole::kOwner, Right::kManageSalon));
  for (Right r : {Right::kReadCalendar, Right::kChangeOwnStatus, Right::kBook,
                  Right::kManageClients, Right::kCheckout, Right::kCorrectSales,
                  Right::kEditCatalog, Right::kCampaigns, Right::kManageSalon}) {
    for (StaffRole role : kStaffRoles) {
      EXPECT_EQ(Allows(role, r), role >= LeastRoleFor(r));
    }
    EXPECT_TRUE(Allows(StaffRole::kOwner, r));
  }
}

TEST(AccessTest, RoleNamesRoundTrip) {
  for (StaffRole role : kStaffRoles) EXPECT_EQ(ParseStaffRole(ToString(role)), role);
  EXPECT_FALSE(ParseStaffRole("admin"));
  EXPECT_FALSE(ParseStaffRole("Owner"));
}

TEST(SignInThrottleTest, TheFifthFailureInFifteenMinutesBlocksUntilTheFirstLeaves) {
  const Instant t0{std::chrono::seconds(1'800'000'000)};
  std::vector<Instant> failures;
  for (int i = 0; i < 4; ++i) {
    failures = WithFailure(failures, t0 + std::chrono::minutes(i));
    EXPECT_FALSE(SignInBlockedUntil(failures, t0 + std::chrono::minutes(i)));
  }
  failures = WithFailure(failures, t0 + std::chrono::minutes(4));
  auto until = SignInBlockedUntil(failures, t0 + std::chrono::minutes(4));
  ASSERT_TRUE(until);
  EXPECT_EQ(*until, t0 + std::chrono::minutes(15));  // the first failure leaves the window
  EXPECT_TRUE(SignInBlockedUntil(failures, t0 + std::chrono::minutes(15) - std::chrono::seconds(1)));
  EXPECT_FALSE(SignInBlockedUntil(failures, t0 + std::chrono::minutes(15)));
  // Only the latest attempts are kept.
  for (int i = 0; i < 20; ++i) failures = WithFailure(failures, t0 + std::chrono::hours(1));
  EXPECT_EQ(failures.size(), size_t(kSignInAttempts));
}

TEST(SignInThrottleTest, FailuresSpreadBeyondTheWindowNeverBlock) {
  const Instant t0{std::chrono::seconds(1'800'000'000)};
  std::vector<Instant> failures;
  for (int i = 0; i < 50; ++i) {
    const Instant now = t0 + std::chrono::minutes(4 * i);  // 4 in any 15 minutes
    EXPECT_FALSE(SignInBlockedUntil(failures, now)) << i;
    failures = WithFailure(failures, now);
  }
}

}  // namespace
}  // namespace salon
