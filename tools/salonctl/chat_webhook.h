// ChatWebhook: delivers messages to a chat's incoming webhook in Slack's
// format (POST {"text": …}, Content-Type application/json) from a queue on
// a thread of its own, so the checks never wait for the chat. A 429, a 5xx,
// no connection or no answer is retried after 1 s, 2 s, 4 s … (capped, or
// longer when a 429's Retry-After asks) up to `attempts` tries; any other
// answer ends the message: a 2xx delivered it, a 4xx refused it. Outcomes
// are counted in salon_heartbeat_webhook_deliveries_total{outcome=
// "delivered"|"failed"|"dropped"} (dropped: the queue was full).
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "ops/metrics.h"
#include "tools/salonctl/http_client.h"

namespace salon {

struct WebhookConfig {
  std::string url;
  int attempts = 6;  // tries per message, in all
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::milliseconds max_backoff{60000};
  std::chrono::milliseconds timeout{10000};  // per try
  std::size_t queue_limit = 100;             // a message beyond is dropped
};

// Waits between tries; tests inject one that only records. The default
// waits on the webhook's own clock and is cut short by its destruction.
using Sleeper = std::function<void(std::chrono::milliseconds)>;

class ChatWebhook {
 public:
  // Requires an http(s) URL (kInvalid from Create otherwise).
  static Result<std::unique_ptr<ChatWebhook>> Create(WebhookConfig config, Metrics& metrics,
                                                     Sleeper sleeper = {});
  // Stops at once: a message waiting for its next try is given up.
  ~ChatWebhook();

  // Queues `text`; never blocks on the chat.
  void Post(std::string text);
  // Blocks until every queued message has been delivered or given up.
  void WaitIdle();

  // The JSON body Slack expects for `text`.
  static std::string Payload(const std::string& text);

 private:
  ChatWebhook(WebhookConfig config, HttpUrl url, Metrics& metrics, Sleeper sleeper);
  void Loop();
  // One message, tried until delivered or given up; true if delivered.
  bool Deliver(const std::string& text);
  void Wait(std::chrono::milliseconds d);

  const WebhookConfig config_;
  const HttpUrl url_;
  Sleeper sleeper_;
  Counter& delivered_;
  Counter& failed_;
  Counter& dropped_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool busy_ = false;  // a message is being delivered
  bool stop_ = false;
  std::thread thread_;  // last: starts once the rest is built
};

}  // namespace salon
