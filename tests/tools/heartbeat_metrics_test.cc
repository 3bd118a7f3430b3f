// The heartbeat's outputs: its Prometheus series (the names the committed
// alert rules read), its /metrics server, its JSON-lines history and --every.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "base/time.h"
#include "tools/salonctl/heartbeat_command.h"
#include "tools/salonctl/heartbeat_history.h"
#include "tools/salonctl/heartbeat_metrics.h"
#include "tools/salonctl/http_client.h"
#include "tools/salonctl/metrics_server.h"

namespace salon {
namespace {

bool HasLine(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

RoundResult Failed() {
  RoundResult r;
  r.time = *ParseInstant("2026-11-20T12:00:00Z");
  r.ok = false;
  r.ms = 12.5;
  r.steps = {{"availability", 2.5, 200, "heartbeat-1-availability"},
             {"calendar_before", 1, 200, "heartbeat-1-calendar_before"},
             {"book", 9, 409, "heartbeat-1-book"}};
  r.error = "book: HTTP 409 (expected 201): \"taken\"";
  return r;
}

RoundResult Good() {
  RoundResult r;
  r.time = *ParseInstant("2026-11-20T12:01:00Z");
  r.ok = true;
  for (std::string_view step : kHeartbeatSteps) r.steps.push_back({std::string(step), 250, 200, ""});
  return r;
}

TEST(HeartbeatMetrics, RecordsTheLastRoundUnderTheNamesOfTheAlertRules) {
  Metrics metrics;
  HeartbeatMetrics hb(metrics);
  std::string text = "\n" + metrics.Render();
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_success 0")) << text;
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_last_success_timestamp_seconds 0")) << text;

  hb.Record(Failed(), 1);
  hb.Record(Failed(), 2);
  text = "\n" + metrics.Render();
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_success 0")) << text;
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_consecutive_failures 2")) << text;
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_rounds_total{outcome=\"failure\"} 2")) << text;
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_rounds_total{outcome=\"success\"} 0")) << text;
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_step_duration_seconds{step=\"book\"} 0.009")) << text;
  // A step the round did not reach has no duration.
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_step_duration_seconds{step=\"cancel\"} nan")) << text;
  EXPECT_TRUE(HasLine(text, "# TYPE salon_heartbeat_step_duration_seconds gauge")) << text;

  hb.Record(Good(), 0);
  text = "\n" + metrics.Render();
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_success 1")) << text;
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_consecutive_failures 0")) << text;
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_step_duration_seconds{step=\"cancel\"} 0.25")) << text;
  EXPECT_TRUE(HasLine(text, "salon_heartbeat_last_success_timestamp_seconds " +
                                fmt::format("{}", double(UnixSeconds(Good().time)))))
      << text;
}

TEST(HeartbeatMetrics, EveryNameTheAlertRulesReadIsExported) {
  std::ifstream rules(std::string(SALON_SOURCE_DIR) + "/deploy/prometheus/rules/heartbeat.yml");
  ASSERT_TRUE(rules) << "deploy/prometheus/rules/heartbeat.yml";
  std::stringstream yaml;
  yaml << rules.rdbuf();
  Metrics metrics;
  HeartbeatMetrics hb(metrics);
  const std::string exported = metrics.Render();
  const std::string text = yaml.str();
  std::set<std::string> names;
  // Each salon_heartbeat_[a-z_]+ in the rules (no std::regex: GCC 12 warns
  // inside it under ASan).
  constexpr std::string_view kPrefix = "salon_heartbeat_";
  for (size_t at = text.find(kPrefix); at != std::string::npos; at = text.find(kPrefix, at)) {
    size_t end = at + kPrefix.size();
    while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') || text[end] == '_')) ++end;
    if (end > at + kPrefix.size()) names.insert(text.substr(at, end - at));
    at = end;
  }
  EXPECT_GE(names.size(), 2u);
  for (const std::string& n : names) {
    EXPECT_NE(exported.find("# TYPE " + n + " "), std::string::npos) << n;
  }
}

TEST(MetricsServer, AnswersGetMetricsAndNothingElse) {
  Metrics metrics;
  HeartbeatMetrics hb(metrics);
  hb.Record(Good(), 0);
  auto server = MetricsServer::Start("127.0.0.1:0", metrics);
  ASSERT_TRUE(server.ok()) << server.status().message();
  HttpUrl origin{false, "127.0.0.1", std::to_string((*server)->port()), "/"};
  HttpClient http(origin, std::chrono::milliseconds(5000));
  auto answer = http.Send("GET", "/metrics");
  ASSERT_TRUE(answer.ok()) << answer.status().message();
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_TRUE(HasLine("\n" + answer->body, "salon_heartbeat_success 1")) << answer->body;
  auto other = http.Send("GET", "/");
  ASSERT_TRUE(other.ok()) << other.status().message();
  EXPECT_EQ(other->status, 404);

  EXPECT_EQ(MetricsServer::Start("nowhere", metrics).status().code(), Code::kInvalid);
  EXPECT_EQ(MetricsServer::Start("127.0.0.1:" + origin.port, metrics).status().code(),
            Code::kUnavailable);  // taken
}

TEST(HeartbeatHistory, OneJsonObjectPerRound) {
  const auto line = boost::json::parse(HistoryLine(Failed())).as_object();
  EXPECT_EQ(line.at("time"), "2026-11-20T12:00:00Z");
  EXPECT_EQ(line.at("ok"), false);
  EXPECT_EQ(line.at("error"), "book: HTTP 409 (expected 201): \"taken\"");
  const auto& steps = line.at("steps").as_array();
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[2].at("step"), "book");
  EXPECT_EQ(steps[2].at("ms").to_number<double>(), 9);
  EXPECT_EQ(steps[2].at("status"), 409);
  EXPECT_EQ(steps[2].at("request_id"), "heartbeat-1-book");
  EXPECT_TRUE(boost::json::parse(HistoryLine(Good())).at("error").is_null());

  char tmpl[] = "/tmp/salon-history-XXXXXX";
  const int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  close(fd);
  {
    auto history = HeartbeatHistory::Open(tmpl);
    ASSERT_TRUE(history.ok());
    EXPECT_TRUE((*history)->Append(Failed()));
    EXPECT_TRUE((*history)->Append(Good()));
  }
  auto reopened = HeartbeatHistory::Open(tmpl);  // appends, never truncates
  ASSERT_TRUE(reopened.ok());
  EXPECT_TRUE((*reopened)->Append(Good()));
  std::ifstream in(tmpl);
  std::string l;
  int n = 0;
  while (std::getline(in, l)) {
    EXPECT_TRUE(boost::json::parse(l).is_object()) << l;
    ++n;
  }
  EXPECT_EQ(n, 3);
  std::remove(tmpl);
}

TEST(HeartbeatCommand, EveryTakesSecondsMinutesOrHours) {
  EXPECT_EQ(*ParseEvery("60s"), std::chrono::seconds(60));
  EXPECT_EQ(*ParseEvery("90"), std::chrono::seconds(90));
  EXPECT_EQ(*ParseEvery("5m"), std::chrono::seconds(300));
  EXPECT_EQ(*ParseEvery("1h"), std::chrono::seconds(3600));
  for (const char* bad : {"", "0s", "-5s", "5x", "s", "1.5m", "2d"}) {
    EXPECT_FALSE(ParseEvery(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace salon
