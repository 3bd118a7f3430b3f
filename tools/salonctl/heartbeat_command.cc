#include "tools/salonctl/heartbeat_command.h"

#include <signal.h>

#include <spdlog/spdlog.h>

#include <charconv>
#include <csignal>
#include <iostream>
#include <memory>

#include "base/stop_signals.h"
#include "ops/log_metrics.h"
#include "tools/salonctl/chat_webhook.h"
#include "tools/salonctl/heartbeat_alerts.h"
#include "tools/salonctl/heartbeat_history.h"
#include "tools/salonctl/heartbeat_metrics.h"
#include "tools/salonctl/metrics_server.h"

namespace salon {

Result<std::chrono::seconds> ParseEvery(std::string_view text) {
  long long n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  const std::string_view unit(p, size_t(text.data() + text.size() - p));
  long long scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  if (unit == "m") scale = 60;
  if (unit == "h") scale = 3600;
  if (ec != std::errc() || scale == 0 || n <= 0 || n > 24 * 3600) {
    return Status::Invalid("--every wants a duration such as 60s, 5m or 1h, not " +
                           std::string(text));
  }
  return std::chrono::seconds(n * scale);
}

namespace {

// "availability 3.1 ms, calendar_before 1.2 ms, …"
std::string StepSummary(const RoundResult& r) {
  std::string out;
  for (const StepResult& s : r.steps) {
    out += (out.empty() ? "" : ", ") + s.step + " " + fmt::format("{:.1f}", s.ms) + " ms";
  }
  return out;
}

void LogRound(const RoundResult& r) {
  if (r.ok) {
    spdlog::info("heartbeat ok in {:.1f} ms ({})", r.ms, StepSummary(r));
  } else {
    spdlog::warn("heartbeat FAILED in {:.1f} ms: {} ({})", r.ms, r.error, StepSummary(r));
  }
}

}  // namespace

int RunHeartbeat(const HeartbeatOptions& options) {
  auto every = ParseEvery(options.every);
  auto salon_url = SalonUrl(options.target);
  for (const Status& s : {every.status(), salon_url.status()}) {
    if (!s.ok()) {
      std::cerr << "salonctl heartbeat: " << s.message() << std::endl;
      return 2;
    }
  }
  std::unique_ptr<HeartbeatHistory> history;
  if (!options.history.empty()) {
    auto opened = HeartbeatHistory::Open(options.history);
    if (!opened.ok()) {
      std::cerr << "salonctl heartbeat: " << opened.status().message() << std::endl;
      return 2;
    }
    history = std::move(opened).value();
  }
  // Signals are taken by sigtimedwait between rounds, so every thread must
  // block them: before any thread starts.
  const sigset_t signals = BlockStopSignals();

  SystemClock clock;
  HeartbeatRound round(options.target, clock);
  if (options.once) {
    const RoundResult r = round.Run();
    if (history) history->Append(r);
    std::cout << (r.ok ? "ok" : "FAILED: " + r.error) << fmt::format(" ({:.1f} ms", r.ms)
              << (r.steps.empty() ? "" : ": " + StepSummary(r)) << ")" << std::endl;
    return r.ok ? 0 : 1;
  }

  Metrics metrics;
  HeartbeatMetrics heartbeat_metrics(metrics);
  // salon_log_messages_total{level,event} too; before the threads below start.
  const auto counting_logs = CountLogMessages()->CountInto(metrics);
  std::unique_ptr<ChatWebhook> webhook;
  if (!options.webhook.empty()) {
    auto made = ChatWebhook::Create(WebhookConfig{.url = options.webhook}, metrics);
    if (!made.ok()) {
      std::cerr << "salonctl heartbeat: --webhook: " << made.status().message() << std::endl;
      return 2;
    }
    webhook = std::move(made).value();
  }
  std::unique_ptr<MetricsServer> server;
  if (!options.metrics_listen.empty()) {
    auto started = MetricsServer::Start(options.metrics_listen, metrics);
    if (!started.ok()) {
      std::cerr << "salonctl heartbeat: " << started.status().message() << std::endl;
      return started.status().code() == Code::kInvalid ? 2 : 1;
    }
    server = std::move(started).value();
  }
  const std::string where = salon_url->host + ":" + salon_url->port + salon_url->target +
                            " branch " + options.target.branch;
  spdlog::info("heartbeat of {} every {} s{}{}", where, every->count(),
               server ? ", /metrics on port " + std::to_string(server->port()) : "",
               webhook ? ", alerts to the webhook" : "");

  HeartbeatAlerts alerts(clock);
  auto next = std::chrono::steady_clock::now();
  while (true) {
    const RoundResult r = round.Run();
    const auto event = alerts.Observe(r.ok, r.error);
    heartbeat_metrics.Record(r, alerts.consecutive_failures());
    LogRound(r);
    if (history && !history->Append(r)) spdlog::error("cannot append to {}", options.history);
    if (event) {
      const std::string text = AlertText(*event, where);
      spdlog::warn("{}", text);
      if (webhook) webhook->Post(text);
    }
    // A fixed cadence; after a round longer than it, the next starts at once.
    next = std::max(next + *every, std::chrono::steady_clock::now());
    for (auto now = std::chrono::steady_clock::now(); now < next;
         now = std::chrono::steady_clock::now()) {
      const auto wait = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
      const timespec timeout{wait / 1000, (wait % 1000) * 1000000};
      if (const int sig = sigtimedwait(&signals, nullptr, &timeout); sig > 0) {
        spdlog::info("signal {}: stopping", sig);
        return 0;
      }
    }
  }
}

}  // namespace salon
