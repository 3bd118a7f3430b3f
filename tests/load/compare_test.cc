// The regression gate: it fails on an injected slowdown and passes without.
#include <gtest/gtest.h>

#include "tools/salon_load/report.h"

namespace salon::load {
namespace {

// A run of 10,000 answers over 10 s whose latencies are `scale` times
// 1–20 ms, with `errors` failures.
boost::json::object Results(double scale, std::uint64_t errors = 0) {
  RunResult r;
  r.seconds = r.achieved_seconds = 10;
  r.scheduled = 10000;
  r.errors = errors;
  for (int i = 0; i < 10000; ++i) {
    r.latency.Record(std::uint64_t(scale * (1000 + (i % 20) * 1000)));
  }
  RunInfo info{"pull", 10, {}};
  return ToJson(info, r);
}

TEST(CompareTest, TwiceTheLatencyIsARegression) {
  Verdict v = Compare(Results(1.0), Results(2.0), 0.25);
  EXPECT_TRUE(v.regressed);
}

TEST(CompareTest, NoiseWithinTheToleranceIsNot) {
  EXPECT_FALSE(Compare(Results(1.0), Results(1.1), 0.25).regressed);
  EXPECT_FALSE(Compare(Results(1.0), Results(0.8), 0.25).regressed);  // faster is fine
}

TEST(CompareTest, NewErrorsAreARegression) {
  Verdict v = Compare(Results(1.0), Results(1.0, /*errors=*/50), 0.25);
  EXPECT_TRUE(v.regressed);
  EXPECT_EQ(v.findings.size(), 4u);
}

TEST(CompareTest, TheJsonCarriesTheFiguresTheGateReads) {
  auto j = Results(1.0);
  EXPECT_EQ(j.at("answered").as_uint64(), 10000u);
  EXPECT_NEAR(j.at("latency").at("p50_ms").as_double(), 10.0, 0.5);
  EXPECT_GE(j.at("histogram_ms").as_array().size(), 20u);
}

}  // namespace
}  // namespace salon::load
