// MetricsServer: a minimal HTTP server on its own thread that answers
// GET /metrics with a Metrics' text exposition (404 for anything else), one
// request per connection, each bounded by a few seconds. For a tool's own
// results; salond serves its /metrics through its API. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "base/result.h"
#include "ops/metrics.h"

namespace salon {

class MetricsServer {
 public:
  // Listens on `listen` ("127.0.0.1:9470"; port 0: any free one). kInvalid
  // for a malformed address, kUnavailable when it cannot bind.
  static Result<std::unique_ptr<MetricsServer>> Start(const std::string& listen,
                                                      const Metrics& metrics);
  ~MetricsServer();  // stops serving

  unsigned short port() const { return port_; }

 private:
  struct Impl;
  explicit MetricsServer(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
  unsigned short port_ = 0;
  std::thread thread_;
};

}  // namespace salon
