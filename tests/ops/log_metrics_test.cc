#include "ops/log_metrics.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ops/json_log.h"

namespace salon {
namespace {

// The value of one series in a rendering, or -1 if it is not there.
double ValueOf(const Metrics& metrics, const std::string& series) {
  const std::string text = metrics.Render();
  const size_t at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

std::string Series(const std::string& level, const std::string& event) {
  return "salon_log_messages_total{level=\"" + level + "\",event=\"" + event + "\"}";
}

// The lines the code writes (as formatted), each with the event it counts as.
TEST(LogMetricsTest, KnownLinesHaveTheirEventsAndTheRestAreOther) {
  const std::pair<std::string, std::string> cases[] = {
      {"request 7f3a POST /v1/salons/{salon}/appointments answered 500: exception: boom",
       "request_failed"},
      {"request 7f3a GET /v1/salons/{salon} answered 503: store unavailable (3 more since the "
       "last such line)",
       "request_failed"},
      {"slow request 7f3a GET /v1/salons/{salon}/branches/{branch}/availability took 0.712s "
       "status 200",
       "slow_request"},
      {"audit: admin POST /v1/salons as /v1/salons answered 201 request 7f3a from 10.0.0.1",
       "audit"},
      {"reply STOP from +353871000001 to 'x' answers no message we sent; consent unchanged",
       "sms_reply_unmatched"},
      {"campaign c_1 fan-out failed: unavailable", "campaign_failed"},
      {"recording 12 message outcomes failed: unavailable", "message_outcomes_failed"},
      {"dispatcher: unavailable", "dispatcher_failed"},
      {"purging old responses failed: unavailable", "purge_failed"},
      {"salond listening on 127.0.0.1:8080 (store sqlite:data)", "lifecycle"},
      {"signal 15: draining", "lifecycle"},
      {"stopped", "lifecycle"},
      {"salond cannot run: no such file", "lifecycle"},
      {"heartbeat of 127.0.0.1:8080/v1/salons/s_1 branch b_1 every 60 s", "lifecycle"},
      {"heartbeat ok in 12.5 ms (availability 3.1 ms)", "heartbeat_ok"},
      {"heartbeat FAILED in 1.0 ms: book: HTTP 503 ()", "heartbeat_failed"},
      {":red_circle: Salon heartbeat FAILING for x: 2 rounds in a row", "heartbeat_alert"},
      {":large_green_circle: Salon heartbeat RECOVERED for x", "heartbeat_alert"},
      {"cannot append to hb.jsonl", "history_failed"},
      {"chat webhook: try 1 failed (HTTP 503); again in 1000 ms", "chat_webhook"},
      {"something new", "other"},
      {"", "other"},
      {"requested", "other"},
      {"slow", "other"},
  };
  const auto events = LogEvents();
  for (const auto& [message, event] : cases) {
    EXPECT_EQ(LogEventOf(message), event) << message;
    EXPECT_NE(std::find(events.begin(), events.end(), LogEventOf(message)), events.end());
  }
  EXPECT_EQ(events.back(), "other");
}

// Whatever a client puts into a logged value, the event stays in the fixed set.
TEST(LogMetricsTest, ClientTextCannotMintAnEvent) {
  Metrics metrics;
  auto sink = std::make_shared<LogCountingSink>();
  spdlog::logger logger("counted", sink);
  auto counting = sink->CountInto(metrics);
  logger.warn("{}", "evil\",event=\"x\"} 1e9\n");
  logger.warn("request {} GET unmatched answered 503: no", "id\"}\nother{");
  EXPECT_EQ(ValueOf(metrics, Series("warning", "other")), 1);
  EXPECT_EQ(ValueOf(metrics, Series("warning", "request_failed")), 1);
  const std::string text = metrics.Render();
  EXPECT_EQ(text.find("evil"), std::string::npos);
}

TEST(LogMetricsTest, CountsByLevelAndEventWithWarningsAndWorseMadeAtZero) {
  Metrics metrics;
  std::ostringstream out;
  auto written = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger logger("counted", written);
  logger.set_formatter(JsonLogFormatter());  // another sink's formatter: the count ignores it
  auto sink = CountLogMessages(&logger);
  logger.info("not counted yet");
  EXPECT_EQ(ValueOf(metrics, Series("info", "other")), -1);
  {
    auto counting = sink->CountInto(metrics);
    for (const auto& event : LogEvents()) {
      for (const char* level : {"warning", "error", "critical"}) {
        EXPECT_EQ(ValueOf(metrics, Series(level, std::string(event))), 0) << level << event;
      }
      EXPECT_EQ(ValueOf(metrics, Series("info", std::string(event))), -1) << event;
    }
    logger.warn("slow request 1 GET /x took 0.600s status 200");
    logger.warn("slow request 2 GET /x took 0.700s status 200");
    logger.error("request 3 GET /x answered 500: boom");
    logger.info("hello");
    logger.debug("below the logger's level: never reaches a sink");
    EXPECT_EQ(ValueOf(metrics, Series("warning", "slow_request")), 2);
    EXPECT_EQ(ValueOf(metrics, Series("error", "request_failed")), 1);
    EXPECT_EQ(ValueOf(metrics, Series("info", "other")), 1);
    EXPECT_EQ(ValueOf(metrics, Series("debug", "other")), -1);
    EXPECT_EQ(ValueOf(metrics, Series("warning", "request_failed")), 0);
  }
  // Unbound: the Metrics may go; nothing touches it.
  logger.error("request 4 GET /x answered 500: boom");
  EXPECT_EQ(ValueOf(metrics, Series("error", "request_failed")), 1);
  // The other sink still wrote every line, as JSON.
  logger.flush();
  EXPECT_NE(out.str().find("\"message\":\"request 4 GET /x answered 500: boom\""),
            std::string::npos);
}

// An older binding's end does not undo a newer one's.
TEST(LogMetricsTest, ANewBindingOutlivesTheOldOne) {
  Metrics first, second;
  auto sink = std::make_shared<LogCountingSink>();
  spdlog::logger logger("counted", sink);
  std::optional<LogCountingSink::Binding> old(sink->CountInto(first));
  auto now = sink->CountInto(second);
  old.reset();
  logger.info("hello");
  EXPECT_EQ(ValueOf(first, Series("info", "other")), -1);
  EXPECT_EQ(ValueOf(second, Series("info", "other")), 1);
}

TEST(LogMetricsTest, CountsEveryLineFromManyThreads) {
  Metrics metrics;
  auto sink = std::make_shared<LogCountingSink>();
  spdlog::logger logger("counted", sink);
  auto counting = sink->CountInto(metrics);
  constexpr int kThreads = 4, kLines = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kLines; ++i) {
        logger.info("heartbeat ok in {} ms", i);
        logger.warn("something {}", i);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ValueOf(metrics, Series("info", "heartbeat_ok")), kThreads * kLines);
  EXPECT_EQ(ValueOf(metrics, Series("warning", "other")), kThreads * kLines);
}

}  // namespace
}  // namespace salon
