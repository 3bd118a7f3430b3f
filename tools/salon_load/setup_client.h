// A blocking keep-alive HTTP connection to salond for setting up a workload
// and following its progress (not for measuring: see driver.h).
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/result.h"
#include "tools/salon_load/driver.h"

namespace salon::load {

class SetupClient {
 public:
  explicit SetupClient(const DriverConfig& server);
  // Answers the JSON body; kUnavailable unless the status is `want`.
  Result<boost::json::value> Call(boost::beast::http::verb verb, const std::string& target,
                                  const std::string& key, const std::string& body, int want,
                                  std::string* etag = nullptr);

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

// Runs fn(client, i) for i in [0, n) over up to 4 connections at once (each
// its own SetupClient); answers the first failure.
template <typename Fn>
Status InParallel(const DriverConfig& server, int n, Fn fn) {
  const int threads = std::clamp(n / 4, 1, 4);
  std::mutex mu;
  Status failed = Status::Ok();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        SetupClient c(server);
        for (int i = t; i < n; i += threads) {
          Status s = fn(c, i);
          if (!s.ok()) {
            std::lock_guard lock(mu);
            failed = s;
            return;
          }
        }
      } catch (const std::exception& e) {
        std::lock_guard lock(mu);
        failed = Status::Unavailable(std::string("setting up: ") + e.what());
      }
    });
  }
  for (auto& t : workers) t.join();
  return failed;
}

}  // namespace salon::load
