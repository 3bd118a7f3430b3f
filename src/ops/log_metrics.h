// Log lines counted for Prometheus: salon_log_messages_total{level,event}.
// `level` is spdlog's name, as the JSON logs write it (trace, debug, info,
// warning, error, critical); `event` is one of a fixed set (LogEvents()),
// named by the message's leading words — "slow request …" is slow_request,
// "request … answered 500: …" request_failed — and anything unknown is
// "other". No message, and nothing a client sent inside one, can mint a
// series: at most 6 levels × LogEvents().size() series per process.
// deploy/prometheus/rules/logs.yml alerts on warnings or errors far above
// the same hour of the last week, and on a process that always logs falling
// silent (docs/RUNBOOK.md, SalonLogSurge and SalonLogSilent).
//
//   auto log_counts = CountLogMessages();          // before any thread starts
//   Node node(…);
//   auto counting = log_counts->CountInto(node.metrics());  // until destroyed
#pragma once

#include <spdlog/logger.h>
#include <spdlog/sinks/sink.h>

#include <array>
#include <atomic>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string_view>
#include <utility>

#include "ops/metrics.h"

namespace salon {

// The events, in a fixed order; "other" is the last.
std::span<const std::string_view> LogEvents();
// The event of a message (one of LogEvents()).
std::string_view LogEventOf(std::string_view message);

// A sink that counts each message it is given into a Metrics; thread-safe
// and lock-free but for a shared lock. It formats and writes nothing.
class LogCountingSink final : public spdlog::sinks::sink {
 public:
  // Counts into a Metrics from CountInto until destroyed (then nowhere).
  class [[nodiscard]] Binding {
   public:
    Binding(Binding&& other) noexcept
        : sink_(std::exchange(other.sink_, nullptr)), metrics_(other.metrics_) {}
    Binding& operator=(Binding&&) = delete;
    ~Binding();

   private:
    friend class LogCountingSink;
    Binding(LogCountingSink* sink, Metrics* metrics) : sink_(sink), metrics_(metrics) {}
    LogCountingSink* sink_;
    Metrics* metrics_;
  };

  // Counts into `metrics` (which must outlive the answer) instead of where
  // it counted before. Makes the warning, error and critical series of every
  // event at once, at 0, so rate() sees their first line and the rules have
  // a baseline of 0 where there was none.
  Binding CountInto(Metrics& metrics);

  void log(const spdlog::details::log_msg& msg) override;
  void flush() override {}
  void set_pattern(const std::string&) override {}
  void set_formatter(std::unique_ptr<spdlog::formatter>) override {}

 private:
  static constexpr size_t kLevels = 6;  // trace … critical
  static constexpr size_t kMaxEvents = 32;
  Counter& Make(size_t level, size_t event);  // under mu_, metrics_ set
  void Unbind(Metrics* metrics);  // if it still counts into `metrics`

  std::shared_mutex mu_;
  Metrics* metrics_ = nullptr;  // guarded by mu_
  // Found on first use; cleared (under mu_ exclusively) when the Metrics changes.
  std::array<std::atomic<Counter*>, kLevels * kMaxEvents> counters_{};
};

// Adds a LogCountingSink to `logger` (spdlog's default logger unless told)
// and answers it. Call it before other threads log: spdlog's list of sinks
// is not thread-safe. It counts nothing until CountInto.
std::shared_ptr<LogCountingSink> CountLogMessages(spdlog::logger* logger = nullptr);

}  // namespace salon
