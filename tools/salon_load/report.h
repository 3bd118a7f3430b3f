// A run's results as a console summary and a JSON document, and the
// regression gate that compares two such documents.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "tools/salon_load/driver.h"

namespace salon::load {

struct RunInfo {
  std::string scenario;
  int salons = 0;
  DriverConfig config;
};

boost::json::object ToJson(const RunInfo& info, const RunResult& result);
std::string ConsoleSummary(const RunInfo& info, const RunResult& result);

struct Verdict {
  bool regressed = false;
  std::vector<std::string> findings;  // one line per figure compared
};

// Compares a run with a baseline (both ToJson documents). A regression: the
// answered rate falls, or p50/p99 rise, by more than `tolerance` (0.25 =
// 25 %; latencies also get 1 ms of slack, below the noise of a shared
// machine), or the error rate rises by more than 0.1 percentage points.
Verdict Compare(const boost::json::object& baseline, const boost::json::object& run,
                double tolerance);

}  // namespace salon::load
