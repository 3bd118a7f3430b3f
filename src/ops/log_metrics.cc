#include "ops/log_metrics.h"

#include <spdlog/spdlog.h>

#include <mutex>
#include <string>

namespace salon {
namespace {

constexpr std::string_view kEvents[] = {
    "request_failed",           // request <id> <method> <route> answered 500/503: … (http/api.cc)
    "slow_request",             // slow request <id> … took …s status … (http/api.cc)
    "audit",                    // audit: admin … (http/api.cc)
    "sms_reply_unmatched",      // reply … answers no message we sent (messaging)
    "campaign_failed",          // campaign … fan-out failed (messaging/dispatcher.cc)
    "message_outcomes_failed",  // recording … message outcomes failed (messaging/dispatcher.cc)
    "dispatcher_failed",        // dispatcher: … (messaging/dispatcher.cc)
    "purge_failed",             // purging old responses failed (server/node.cc)
    "lifecycle",                // listening, draining, stopped, cannot run; heartbeat start
    "heartbeat_ok",             // heartbeat ok in … (salonctl heartbeat)
    "heartbeat_failed",         // heartbeat FAILED in …
    "heartbeat_alert",          // the chat message of an outage or recovery
    "history_failed",           // cannot append to <history>
    "chat_webhook",             // chat webhook: … (retries, refusals, drops)
    "other",
};
constexpr size_t kOther = std::size(kEvents) - 1;

struct Prefix {
  std::string_view words;
  size_t event;
};
// First match wins: a longer prefix before a shorter one it starts with.
constexpr Prefix kPrefixes[] = {
    {"slow request ", 1},
    {"request ", 0},
    {"audit: ", 2},
    {"reply ", 3},
    {"campaign ", 4},
    {"recording ", 5},
    {"dispatcher: ", 6},
    {"purging old responses", 7},
    {"salond listening", 8},
    {"salond cannot run", 8},
    {"signal ", 8},
    {"stopped", 8},
    {"connections still open", 8},
    {"heartbeat of ", 8},
    {"heartbeat ok", 9},
    {"heartbeat FAILED", 10},
    {":red_circle: Salon heartbeat", 11},
    {":large_green_circle: Salon heartbeat", 11},
    {"cannot append to ", 12},
    {"chat webhook", 13},
};

size_t EventIndex(std::string_view message) {
  for (const Prefix& p : kPrefixes) {
    if (message.starts_with(p.words)) return p.event;
  }
  return kOther;
}

constexpr const char* kHelp = "Log lines written, by level and event (a fixed set; other: unknown)";

}  // namespace

std::span<const std::string_view> LogEvents() { return kEvents; }

std::string_view LogEventOf(std::string_view message) { return kEvents[EventIndex(message)]; }

LogCountingSink::Binding::~Binding() {
  if (sink_ != nullptr) sink_->Unbind(metrics_);
}

Counter& LogCountingSink::Make(size_t level, size_t event) {
  const auto name = spdlog::level::to_string_view(static_cast<spdlog::level::level_enum>(level));
  return metrics_->CounterOf("salon_log_messages_total", kHelp,
                             "{level=\"" + std::string(name.data(), name.size()) +
                                 "\",event=\"" + std::string(kEvents[event]) + "\"}");
}

LogCountingSink::Binding LogCountingSink::CountInto(Metrics& metrics) {
  static_assert(std::size(kEvents) <= kMaxEvents);
  std::unique_lock lock(mu_);
  metrics_ = &metrics;
  for (auto& c : counters_) c.store(nullptr, std::memory_order_relaxed);
  for (size_t level = spdlog::level::warn; level <= spdlog::level::critical; ++level) {
    for (size_t event = 0; event < std::size(kEvents); ++event) {
      counters_[level * kMaxEvents + event].store(&Make(level, event), std::memory_order_relaxed);
    }
  }
  return Binding(this, &metrics);
}

void LogCountingSink::Unbind(Metrics* metrics) {
  std::unique_lock lock(mu_);
  if (metrics_ != metrics) return;
  metrics_ = nullptr;
  for (auto& c : counters_) c.store(nullptr, std::memory_order_relaxed);
}

void LogCountingSink::log(const spdlog::details::log_msg& msg) {
  const auto level = static_cast<size_t>(msg.level);
  if (level >= kLevels) return;  // off
  const size_t event = EventIndex(std::string_view(msg.payload.data(), msg.payload.size()));
  std::shared_lock lock(mu_);
  if (metrics_ == nullptr) return;
  std::atomic<Counter*>& slot = counters_[level * kMaxEvents + event];
  Counter* counter = slot.load(std::memory_order_acquire);
  if (counter == nullptr) {
    // Two threads may both look it up: Metrics answers both the same series.
    counter = &Make(level, event);
    slot.store(counter, std::memory_order_release);
  }
  counter->Add();
}

std::shared_ptr<LogCountingSink> CountLogMessages(spdlog::logger* logger) {
  auto sink = std::make_shared<LogCountingSink>();
  (logger != nullptr ? logger : spdlog::default_logger_raw())->sinks().push_back(sink);
  return sink;
}

}  // namespace salon
