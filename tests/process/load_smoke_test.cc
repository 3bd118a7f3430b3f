// A short smoke of each salon-load scenario against a real salond: every
// request is sent on schedule and answered as the scenario expects.
#include <filesystem>

#include "tests/process/salond_process.h"
#include "tools/salon_load/report.h"
#include "tools/salon_load/scenarios.h"

namespace salon::testing {
namespace {

// A scenario run on `salons` new salons of a fresh salond; `summary` says
// what it saw (or why it could not run).
struct SmokeRun {
  load::RunResult result;
  std::string summary;
  bool ran = false;
};

SmokeRun Smoke(const std::string& scenario, int salons, double rate, int seconds) {
  char tmpl[] = "/tmp/salon-smoke-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  SmokeRun run;
  {
    Salond server(dir);
    load::DriverConfig config;
    config.port = server.port();
    config.rate = rate;
    config.duration = std::chrono::seconds(seconds);
    config.connections = 16;
    auto workload = load::SetUpSalons(config, "admin", salons);
    if (server.port() == 0 || !workload.ok()) {
      run.summary = workload.ok() ? "salond did not start" : workload.status().message();
    } else {
      run.result = load::Drive(config, *load::MakeScenario(scenario, *workload));
      run.summary = load::ConsoleSummary({scenario, salons, config}, run.result);
      run.ran = true;
    }
  }
  std::filesystem::remove_all(dir);
  return run;
}

class LoadSmokeTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LoadSmokeTest, EveryRequestIsAnsweredAsExpected) {
  SmokeRun run = Smoke(GetParam(), 3, 300, 2);
  ASSERT_TRUE(run.ran) << run.summary;
  const load::RunResult& r = run.result;
  EXPECT_GT(r.scheduled, 400u);
  EXPECT_EQ(r.latency.count(), r.scheduled);
  EXPECT_EQ(r.errors, 0u) << run.summary;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, LoadSmokeTest,
                         ::testing::Values("pull", "create", "hot", "checkout", "day", "soak"),
                         [](const auto& info) { return info.param; });

// The day mix against salond: its changes (reschedules, cancels, status
// changes with the version each was answered with) and checkouts succeed.
// Which of them find an appointment at hand depends on how fast answers come
// back (the -O0 sanitizer build answers ~450/s, so bookings come back too
// late for most changes), so only what is sent regardless is counted here;
// tests/load/day_mix_test.cc checks, without a server, that each kind of
// change is made and acts on an appointment still open.
TEST(DayMixTest, ChangesTheAppointmentsItBooked) {
  SmokeRun run = Smoke("day", 2, 1500, 4);
  ASSERT_TRUE(run.ran) << run.summary;
  auto& statuses = run.result.statuses;
  EXPECT_EQ(run.result.errors, 0u) << run.summary;
  EXPECT_GT(statuses["create"][201], 30u);
  EXPECT_GT(statuses["client"][201], 0u);
  // 25 in 2,790 requests are sales (POST …/sales): checkouts of
  // appointments booked, a walk-in's while none is at hand.
  EXPECT_GT(statuses["checkout"][201] + statuses["walk_in_sale"][201], 40u) << run.summary;
}

}  // namespace
}  // namespace salon::testing
