// One heartbeat round against an in-process salond (ServerTest: a fake
// clock at Friday 20 November 2026 12:00 UTC, so tomorrow is Saturday, a
// working day): it books, finds and cancels, leaves nothing booked, and
// names the step that fails.
#include <gtest/gtest.h>

#include "tests/http/test_client.h"
#include "tools/salonctl/heartbeat_round.h"

namespace salon::testing {
namespace {

class HeartbeatRoundTest : public ServerTest {
 protected:
  HeartbeatTarget TargetOf(const SalonFixture& s) const {
    HeartbeatTarget t;
    t.url = "http://127.0.0.1:" + std::to_string(port_) + s.base();
    t.key = s.key;
    t.branch = s.branch;
    t.timeout = std::chrono::milliseconds(5000);
    return t;
  }
};

std::vector<std::string> StepNames(const RoundResult& r) {
  std::vector<std::string> names;
  for (const StepResult& s : r.steps) names.push_back(s.step);
  return names;
}

TEST_F(HeartbeatRoundTest, BooksFindsAndCancelsTheFirstFreeSlotAndLeavesNothingBooked) {
  auto s = MakeSalon();
  HeartbeatTarget target = TargetOf(s);
  target.service = s.cut;
  target.client = s.client;
  HeartbeatRound round(target, clock_);
  const RoundResult r = round.Run();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.time, clock_.Now());
  ASSERT_EQ(r.steps.size(), kHeartbeatSteps.size());
  const std::vector<int> statuses = {200, 200, 201, 200, 200, 200};
  for (size_t i = 0; i < r.steps.size(); ++i) {
    EXPECT_EQ(r.steps[i].step, kHeartbeatSteps[i]);
    EXPECT_EQ(r.steps[i].status, statuses[i]) << r.steps[i].step;
    EXPECT_GT(r.steps[i].ms, 0) << r.steps[i].step;
    EXPECT_NE(r.steps[i].request_id.find(r.steps[i].step), std::string::npos);
  }

  // Tomorrow's first slot was booked, and is cancelled: nothing is left.
  Reply day = Get(s.base() + "/branches/" + s.branch + "/calendar?date=2026-11-21", s.key);
  ASSERT_EQ(day.status, 200) << day.body;
  const auto& appointments = day.json.at("appointments").as_array();
  ASSERT_EQ(appointments.size(), 1u) << day.body;
  EXPECT_EQ(appointments[0].at("start"), "2026-11-21T09:00:00+00:00");
  EXPECT_EQ(appointments[0].at("status"), "cancelled");
  EXPECT_EQ(appointments[0].at("source"), "heartbeat");
  Reply free = Get(s.base() + "/branches/" + s.branch +
                       "/availability?service_ids=" + s.cut + "&from=2026-11-21&days=1",
                   s.key);
  ASSERT_EQ(free.status, 200);
  EXPECT_EQ(free.json.at("slots").as_array().at(0).at("start"), "2026-11-21T09:00:00+00:00");

  // The next round books the same slot again, and cancels it again.
  const RoundResult again = round.Run();
  ASSERT_TRUE(again.ok) << again.error;
  day = Get(s.base() + "/branches/" + s.branch + "/calendar?date=2026-11-21", s.key);
  for (const auto& a : day.json.at("appointments").as_array()) {
    EXPECT_EQ(a.at("status"), "cancelled");
  }
}

TEST_F(HeartbeatRoundTest, FindsTheFirstServiceAndMakesTheCanaryClientOnce) {
  auto s = MakeSalon();
  {
    HeartbeatRound round(TargetOf(s), clock_);
    const RoundResult first = round.Run();
    ASSERT_TRUE(first.ok) << first.error;
    const std::vector<std::string> setup = {"find_service", "find_client", "create_client"};
    const auto names = StepNames(first);
    EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 3), setup);
    EXPECT_EQ(names.size(), 3 + kHeartbeatSteps.size());
    const RoundResult second = round.Run();  // found once, remembered
    ASSERT_TRUE(second.ok) << second.error;
    EXPECT_EQ(second.steps.size(), kHeartbeatSteps.size());
  }
  // A heartbeat started afresh finds the canary rather than making another.
  HeartbeatRound restarted(TargetOf(s), clock_);
  const RoundResult r = restarted.Run();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(StepNames(r)[1], "find_client");
  EXPECT_NE(StepNames(r)[2], "create_client");
  Reply canaries = Get(s.base() + "/clients?query=heartbeat%40canary.invalid", s.key);
  ASSERT_EQ(canaries.status, 200);
  ASSERT_EQ(canaries.json.at("items").as_array().size(), 1u) << canaries.body;
  // Without SMS consent: the canary's bookings text nobody.
  EXPECT_EQ(canaries.json.at("items").as_array()[0].at("sms_reminders"), false);
}

TEST_F(HeartbeatRoundTest, FailsNamingTheStepWhenTheBranchDoesNotExist) {
  auto s = MakeSalon();
  HeartbeatTarget target = TargetOf(s);
  target.service = s.cut;
  target.client = s.client;
  target.branch = "br_missing";
  const RoundResult r = HeartbeatRound(target, clock_).Run();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.rfind("availability: HTTP 404", 0), 0u) << r.error;
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0].status, 404);
}

TEST_F(HeartbeatRoundTest, FailsNamingTheStepWithAWrongKey) {
  auto s = MakeSalon();
  HeartbeatTarget target = TargetOf(s);
  target.key = "not-the-key";
  const RoundResult r = HeartbeatRound(target, clock_).Run();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.rfind("find_service: HTTP 401", 0), 0u) << r.error;
}

TEST_F(HeartbeatRoundTest, FailsNamingTheStepWhenNothingIsFree) {
  auto s = MakeSalon();
  // The only stylist is off for the whole week searched.
  Reply off = Post(s.base() + "/staff/" + s.stylist + "/time-off", s.key,
                   R"({"start":"2026-11-21T00:00:00Z","end":"2026-11-29T00:00:00Z"})");
  ASSERT_EQ(off.status, 201) << off.body;
  HeartbeatTarget target = TargetOf(s);
  target.service = s.cut;
  target.client = s.client;
  const RoundResult r = HeartbeatRound(target, clock_).Run();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "availability: no free slot in the 7 days from 2026-11-21");
}

TEST_F(HeartbeatRoundTest, FailsNamingTheStepWhenSalondIsAway) {
  auto s = MakeSalon();
  HeartbeatTarget target = TargetOf(s);
  target.service = s.cut;
  target.client = s.client;
  client_.reset();
  node_.reset();  // salond stopped
  const RoundResult r = HeartbeatRound(target, clock_).Run();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.rfind("availability: connecting to 127.0.0.1:", 0), 0u) << r.error;
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0].status, 0);
}

TEST(HeartbeatTarget, TheSalonComesFromTheUrlOrFromSalon) {
  HeartbeatTarget t;
  t.url = "http://127.0.0.1:8080/v1/salons/sal_1/";
  auto url = SalonUrl(t);
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, "8080");
  EXPECT_EQ(url->target, "/v1/salons/sal_1");

  t.url = "https://salon.example/api";
  t.salon = "sal_2";
  url = SalonUrl(t);
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->port, "443");
  EXPECT_EQ(url->target, "/api/v1/salons/sal_2");

  t.salon = "";
  EXPECT_FALSE(SalonUrl(t).ok());  // no salon at all
  t.url = "http://127.0.0.1:8080/v1/salons/sal_1";
  t.salon = "sal_2";
  EXPECT_FALSE(SalonUrl(t).ok());  // two different ones
  t.url = "127.0.0.1:8080";
  EXPECT_FALSE(SalonUrl(t).ok());
}

}  // namespace
}  // namespace salon::testing
