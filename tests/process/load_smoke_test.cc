// A short smoke of each salon-load scenario against a real salond: every
// request is sent on schedule and answered as the scenario expects.
#include <filesystem>

#include "tests/process/salond_process.h"
#include "tools/salon_load/report.h"
#include "tools/salon_load/scenarios.h"

namespace salon::testing {
namespace {

class LoadSmokeTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LoadSmokeTest, EveryRequestIsAnsweredAsExpected) {
  char tmpl[] = "/tmp/salon-smoke-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    Salond server(dir);
    ASSERT_NE(server.port(), 0);
    load::DriverConfig config;
    config.port = server.port();
    config.rate = 300;
    config.duration = std::chrono::seconds(2);
    config.connections = 16;
    auto workload = load::SetUpSalons(config, "admin", 3);
    ASSERT_TRUE(workload.ok()) << workload.status().message();
    auto maker = load::MakeScenario(GetParam(), *workload);
    ASSERT_TRUE(maker.ok());
    load::RunResult r = load::Drive(config, *maker);
    EXPECT_GT(r.scheduled, 400u);
    EXPECT_EQ(r.latency.count(), r.scheduled);
    EXPECT_EQ(r.errors, 0u) << load::ConsoleSummary({GetParam(), 3, config}, r);
  }
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, LoadSmokeTest,
                         ::testing::Values("pull", "create", "day", "soak"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace salon::testing
