// The report files: JSON that parses back, and HTML that is whole.
#include <gtest/gtest.h>

#include "tools/salon_load/html_report.h"
#include "tools/salon_load/report.h"
#include "tools/salon_load/server_sampler.h"

namespace salon::load {
namespace {

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

RunResult SomeRun() {
  RunResult r;
  r.seconds = r.achieved_seconds = 3;
  r.scheduled = 300;
  r.timeline.resize(3);
  for (int i = 0; i < 300; ++i) {
    r.latency.Record(std::uint64_t(500 + i * 10));
    r.latency_by_kind["pull_304"].Record(std::uint64_t(500 + i * 10));
    r.statuses["pull_304"][304]++;
    r.timeline[size_t(i / 100)].sent++;
    r.timeline[size_t(i / 100)].ok++;
    r.timeline[size_t(i / 100)].latency.Record(std::uint64_t(500 + i * 10));
  }
  return r;
}

TEST(ReportTest, TheJsonRoundTripsAndTheHtmlIsWhole) {
  RunInfo info{"pull <&>", 3, {}};
  boost::json::object results = ToJson(info, SomeRun());
  results["server"] = boost::json::object{
      {"samples", boost::json::array{boost::json::object{{"t", 0.0}, {"rss_bytes", 1e7},
                                                         {"open_connections", 3.0},
                                                         {"outbox_backlog", 0.0}}}},
      {"verdict", "memory flat"}};
  auto parsed = boost::json::parse(boost::json::serialize(results)).as_object();
  EXPECT_EQ(parsed.at("scheduled").to_number<std::uint64_t>(), 300u);
  EXPECT_EQ(parsed.at("timeline").as_array().size(), 3u);

  const std::string html = HtmlReport(parsed);
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_EQ(Count(html, "<svg"), 5u);  // requests, latency, memory, connections, histogram
  EXPECT_EQ(Count(html, "<svg"), Count(html, "</svg>"));
  EXPECT_EQ(Count(html, "<table"), Count(html, "</table>"));
  EXPECT_NE(html.find("pull &lt;&amp;&gt;"), std::string::npos);  // escaped
  EXPECT_EQ(html.find("pull <&>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);  // self-contained, nothing to run
}

TEST(ReportTest, MetricsAreReadAndDriftIsCalled) {
  const std::string text =
      "# HELP x\nprocess_resident_memory_bytes 12345\nsalon_http_open_connections 7\n"
      "salon_outbox_backlog_messages 250\n";
  EXPECT_EQ(MetricValue(text, "process_resident_memory_bytes"), 12345);
  EXPECT_EQ(MetricValue(text, "salon_http_open_connections"), 7);
  EXPECT_EQ(MetricValue(text, "salon_outbox_backlog_messages"), 250);
  EXPECT_EQ(MetricValue(text, "absent"), -1);
  std::vector<double> flat(40, 100.0), growing;
  for (int i = 0; i < 40; ++i) growing.push_back(100.0 + i * 10);
  EXPECT_EQ(Drift("memory", flat, 0.2).rfind("memory flat", 0), 0u);
  EXPECT_EQ(Drift("memory", growing, 0.2).rfind("memory drifted", 0), 0u);
}

}  // namespace
}  // namespace salon::load
