#include "tools/salonctl/chat_webhook.h"

#include <boost/json.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

namespace salon {

namespace {

constexpr const char* kDeliveries = "salon_heartbeat_webhook_deliveries_total";
constexpr const char* kDeliveriesHelp =
    "Chat webhook messages by outcome: delivered, failed (refused, or every try failed) or "
    "dropped (queue full)";

// A Retry-After in seconds (an HTTP date is not honoured), else 0.
std::chrono::milliseconds RetryAfter(const std::string& value) {
  long long seconds = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || p != value.data() + value.size() || seconds < 0) return {};
  return std::chrono::seconds(seconds);
}

}  // namespace

Result<std::unique_ptr<ChatWebhook>> ChatWebhook::Create(WebhookConfig config, Metrics& metrics,
                                                         Sleeper sleeper) {
  SALON_ASSIGN_OR_RETURN(HttpUrl url, HttpUrl::Parse(config.url));
  return std::unique_ptr<ChatWebhook>(
      new ChatWebhook(std::move(config), std::move(url), metrics, std::move(sleeper)));
}

ChatWebhook::ChatWebhook(WebhookConfig config, HttpUrl url, Metrics& metrics, Sleeper sleeper)
    : config_(std::move(config)),
      url_(std::move(url)),
      sleeper_(std::move(sleeper)),
      delivered_(metrics.CounterOf(kDeliveries, kDeliveriesHelp, R"({outcome="delivered"})")),
      failed_(metrics.CounterOf(kDeliveries, kDeliveriesHelp, R"({outcome="failed"})")),
      dropped_(metrics.CounterOf(kDeliveries, kDeliveriesHelp, R"({outcome="dropped"})")),
      thread_([this] { Loop(); }) {}

ChatWebhook::~ChatWebhook() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

std::string ChatWebhook::Payload(const std::string& text) {
  return boost::json::serialize(boost::json::object{{"text", text}});
}

void ChatWebhook::Post(std::string text) {
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= config_.queue_limit) {
      dropped_.Add();
      spdlog::warn("chat webhook: queue full, message dropped");
      return;
    }
    queue_.push_back(std::move(text));
  }
  cv_.notify_all();
}

void ChatWebhook::WaitIdle() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return stop_ || (queue_.empty() && !busy_); });
}

void ChatWebhook::Loop() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    std::string text = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    (Deliver(text) ? delivered_ : failed_).Add();
    lock.lock();
    busy_ = false;
    cv_.notify_all();
  }
}

void ChatWebhook::Wait(std::chrono::milliseconds d) {
  if (sleeper_) return sleeper_(d);
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, d, [&] { return stop_; });
}

bool ChatWebhook::Deliver(const std::string& text) {
  HttpClient http(url_, config_.timeout);
  const std::string body = Payload(text);
  auto backoff = config_.first_backoff;
  for (int attempt = 1; attempt <= config_.attempts; ++attempt) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return false;
    }
    auto answer = http.Send("POST", url_.target, {}, body);
    std::string why;
    std::chrono::milliseconds wait = backoff;
    if (!answer.ok()) {
      why = answer.status().message();
    } else if (answer->status >= 200 && answer->status < 300) {
      return true;
    } else if (answer->status == 429 || answer->status >= 500) {
      why = "HTTP " + std::to_string(answer->status);
      wait = std::max(wait, RetryAfter(answer->Header("Retry-After")));
    } else {
      spdlog::error("chat webhook refused the message: HTTP {}: {}", answer->status,
                    answer->body.substr(0, 200));
      return false;
    }
    if (attempt == config_.attempts) {
      spdlog::error("chat webhook: giving up after {} tries: {}", attempt, why);
      return false;
    }
    wait = std::min(wait, config_.max_backoff);
    spdlog::warn("chat webhook: try {} failed ({}); again in {} ms", attempt, why, wait.count());
    Wait(wait);
    backoff = std::min(backoff * 2, config_.max_backoff);
  }
  return false;
}

}  // namespace salon
