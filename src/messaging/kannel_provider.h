// KannelProvider: hands messages to a Kannel smsbox's HTTP sendsms interface
// over a few keep-alive connections in parallel, asking for delivery
// reports on a callback URL that names the message. 202 is accepted; 400
// (a message Kannel will never take) is permanent; refused connections, 5xx
// and a wrong password are transient, so messages wait for the gateway
// rather than fail; no answer after the request went out (a timeout) leaves
// the message in doubt, for a delivery report to settle.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "messaging/provider.h"
#include "messaging/rate_limiter.h"

namespace salon {

struct KannelConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 13013;
  std::string username, password;
  std::string default_from = "Salon";
  // Where Kannel reports delivery: "{salon}" and "{id}" are replaced, and
  // Kannel replaces "%d" with the report type.
  std::string dlr_url;
  int connections = 8;
  double rate_per_second = 0;  // 0 = unlimited
  std::chrono::milliseconds timeout{10000};
};

// Thread-safe: concurrent Sends share the pool of connections.
class KannelProvider final : public SmsProvider {
 public:
  explicit KannelProvider(KannelConfig config);
  ~KannelProvider() override;
  const std::string& name() const override { return name_; }
  std::vector<SendResult> Send(const std::vector<OutgoingSms>& batch) override;

  // The sendsms request target for one message (exposed for tests).
  std::string Target(const OutgoingSms& m) const;

 private:
  class Connection;
  // A connection of the pool, waiting while all are in use.
  std::unique_ptr<Connection> Acquire();
  void Release(std::unique_ptr<Connection> c);

  const std::string name_ = "kannel";
  KannelConfig config_;
  RateLimiter limiter_;
  // At most config_.connections in all, whoever sends.
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace salon
