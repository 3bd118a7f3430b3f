// Samples a salond's /metrics while a run lasts (the soak scenario): its
// resident memory, open connections (the requests it is holding) and outbox
// backlog (messages due, not yet sent), and says whether they drifted.
#pragma once

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace salon::load {

class ServerSampler {
 public:
  ServerSampler(std::string host, unsigned short port, std::chrono::milliseconds every);
  ~ServerSampler();
  // Stops sampling; answers {"samples":[{t, rss_bytes, open_connections,
  // outbox_backlog}],
  // "verdict": "..."}.
  boost::json::object Finish();

 private:
  void Loop();

  const std::string host_;
  const unsigned short port_;
  const std::chrono::milliseconds every_;
  std::atomic<bool> stop_{false};
  boost::json::array samples_;
  std::thread thread_;
};

// The value of metric `name` (no labels) in Prometheus text; -1 if absent.
double MetricValue(const std::string& text, const std::string& name);

// "flat" or what drifted: the mean of the last quarter of `values` against
// the first quarter, beyond `tolerance` (0.2 = 20 %).
std::string Drift(const std::string& what, const std::vector<double>& values, double tolerance);

}  // namespace salon::load
