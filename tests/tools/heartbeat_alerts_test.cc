// The heartbeat's alerting on a fake clock: 2 failed rounds in a row fire
// one alert, 3 good rounds after it one recovery, and nothing else speaks.
#include <gtest/gtest.h>

#include "base/time.h"
#include "tools/salonctl/heartbeat_alerts.h"

namespace salon {
namespace {

class HeartbeatAlertsTest : public ::testing::Test {
 protected:
  // One round a minute, as with --every 60s.
  std::optional<AlertEvent> Round(bool ok, const std::string& error = "book: HTTP 503") {
    clock_.Advance(std::chrono::seconds(60));
    return alerts_.Observe(ok, ok ? "" : error);
  }

  FakeClock clock_{*ParseInstant("2026-11-20T12:00:00Z")};
  HeartbeatAlerts alerts_{clock_};
};

TEST_F(HeartbeatAlertsTest, OneFailureIsABlipNotAnAlert) {
  EXPECT_FALSE(Round(false));
  EXPECT_EQ(alerts_.consecutive_failures(), 1);
  EXPECT_FALSE(alerts_.firing());
  EXPECT_FALSE(Round(true));
  EXPECT_EQ(alerts_.consecutive_failures(), 0);
}

TEST_F(HeartbeatAlertsTest, TwoFailuresInARowFireOneAlertAndFurtherFailuresNoMore) {
  EXPECT_FALSE(Round(false, "availability: HTTP 503"));
  auto fired = Round(false, "calendar: HTTP 500");
  ASSERT_TRUE(fired);
  EXPECT_EQ(fired->kind, AlertEvent::Kind::kFiring);
  EXPECT_EQ(fired->failures, 2);
  EXPECT_EQ(fired->since, *ParseInstant("2026-11-20T12:01:00Z"));  // the first failed round
  EXPECT_EQ(fired->at, *ParseInstant("2026-11-20T12:02:00Z"));
  EXPECT_EQ(fired->error, "calendar: HTTP 500");
  EXPECT_TRUE(alerts_.firing());
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(Round(false)) << "round " << i + 3;
  EXPECT_EQ(alerts_.consecutive_failures(), 12);
}

TEST_F(HeartbeatAlertsTest, ThreeGoodRoundsAfterAnAlertAnnounceOneRecovery) {
  Round(false);
  ASSERT_TRUE(Round(false));
  EXPECT_FALSE(Round(true));
  EXPECT_FALSE(Round(true));
  auto recovered = Round(true);
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->kind, AlertEvent::Kind::kResolved);
  EXPECT_EQ(recovered->failures, 2);
  EXPECT_EQ(recovered->at - recovered->since, std::chrono::minutes(4));
  EXPECT_FALSE(alerts_.firing());
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(Round(true));
}

TEST_F(HeartbeatAlertsTest, AGoodRoundBetweenFailuresResetsTheRun) {
  EXPECT_FALSE(Round(false));
  EXPECT_FALSE(Round(true));
  EXPECT_FALSE(Round(false));
  EXPECT_FALSE(Round(true));
  EXPECT_FALSE(Round(false));
  // Only now two in a row: the outage began at the second of them.
  auto fired = Round(false);
  ASSERT_TRUE(fired);
  EXPECT_EQ(fired->since, *ParseInstant("2026-11-20T12:05:00Z"));
}

TEST_F(HeartbeatAlertsTest, AFailureDuringRecoveryStartsTheCountAgainWithoutANewAlert) {
  Round(false);
  ASSERT_TRUE(Round(false));
  EXPECT_FALSE(Round(true));
  EXPECT_FALSE(Round(true));
  EXPECT_FALSE(Round(false));  // still the same outage: no second alert
  EXPECT_FALSE(Round(true));
  EXPECT_FALSE(Round(true));
  auto recovered = Round(true);
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->failures, 3);
  EXPECT_EQ(recovered->since, *ParseInstant("2026-11-20T12:01:00Z"));
  // A new outage alerts again.
  Round(false);
  auto again = Round(false);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, AlertEvent::Kind::kFiring);
}

TEST_F(HeartbeatAlertsTest, RulesAreConfigurable) {
  HeartbeatAlerts strict(clock_, AlertRules{.fail_after = 1, .recover_after = 1});
  auto fired = strict.Observe(false, "x");
  ASSERT_TRUE(fired);
  auto recovered = strict.Observe(true);
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->kind, AlertEvent::Kind::kResolved);
}

TEST_F(HeartbeatAlertsTest, TextsNameTheTargetTheErrorAndTheDowntime) {
  Round(false);
  auto fired = Round(false, "book: HTTP 409 (expected 201): taken");
  ASSERT_TRUE(fired);
  const std::string firing = AlertText(*fired, "salond:8080 branch br_1");
  EXPECT_NE(firing.find("FAILING"), std::string::npos) << firing;
  EXPECT_NE(firing.find("salond:8080 branch br_1"), std::string::npos) << firing;
  EXPECT_NE(firing.find("book: HTTP 409 (expected 201): taken"), std::string::npos) << firing;
  EXPECT_NE(firing.find("2026-11-20T12:01:00Z"), std::string::npos) << firing;
  Round(true);
  Round(true);
  auto recovered = Round(true);
  ASSERT_TRUE(recovered);
  const std::string text = AlertText(*recovered, "salond:8080 branch br_1");
  EXPECT_NE(text.find("RECOVERED"), std::string::npos) << text;
  EXPECT_NE(text.find("4 min 0 s"), std::string::npos) << text;
}

}  // namespace
}  // namespace salon
