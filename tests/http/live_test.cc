// The live calendar: a branch's Server-Sent Events stream gets each change
// to its days as it commits (this process's, or another's on PostgreSQL),
// resumes from Last-Event-ID or says reset, is bounded per process, checks
// who may listen, and is closed with a reconnect hint when the server drains.
#include "tests/http/event_stream.h"
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

std::string IdOf(const std::string& event) {
  const size_t at = event.find("id: ");
  return at == std::string::npos ? "" : event.substr(at + 4, event.find('\n', at) - at - 4);
}

class LiveTest : public ServerTest {
 protected:
  LiveTest() : s_(MakeSalon()), path_(s_.base() + "/branches/" + s_.branch + "/events") {}
  SalonFixture s_;
  std::string path_;
};

TEST_F(LiveTest, ABookingReachesTheBranchsStreamAtOnce) {
  EventStream stream(port_, path_, s_.key);
  EXPECT_NE(stream.head().find("HTTP/1.1 200"), std::string::npos) << stream.head();
  EXPECT_NE(stream.head().find("Content-Type: text/event-stream"), std::string::npos);
  EXPECT_EQ(stream.head().find("Content-Length"), std::string::npos);
  EXPECT_EQ(stream.Next(), "retry: 2000\n\n");
  // Another salon's booking is not this branch's news.
  SalonFixture other = MakeSalon("Other");
  ASSERT_EQ(Book(other, "2026-11-23T09:00:00Z", other.cut).status, 201);
  ASSERT_EQ(Book(s_, "2026-11-23T10:00:00Z", s_.cut).status, 201);
  const std::string event = stream.NextEvent();
  EXPECT_NE(event.find("event: calendar\n"), std::string::npos) << event;
  EXPECT_NE(event.find(R"(data: {"dates":["2026-11-23"],"versions":{"2026-11-23":)"),
            std::string::npos) << event;
  EXPECT_FALSE(IdOf(event).empty());
}

TEST_F(LiveTest, AReconnectGetsWhatItMissedOrAReset) {
  std::string seen;
  {
    EventStream stream(port_, path_, s_.key);
    ASSERT_EQ(Book(s_, "2026-11-23T10:00:00Z", s_.cut).status, 201);
    seen = IdOf(stream.NextEvent());
  }
  ASSERT_EQ(Book(s_, "2026-11-24T10:00:00Z", s_.cut).status, 201);  // while away
  EventStream back(port_, path_, s_.key, seen);
  const std::string missed = back.NextEvent();
  EXPECT_NE(missed.find(R"("dates":["2026-11-24"])"), std::string::npos) << missed;
  EXPECT_GT(std::stoull(IdOf(missed)), std::stoull(seen));
  // An id this process never gave (another's, or too old): reset.
  EventStream lost(port_, path_, s_.key, "12");
  EXPECT_NE(lost.NextEvent().find("event: reset\n"), std::string::npos);
}

TEST_F(LiveTest, OnlyThoseWhoReadTheCalendarListen) {
  EXPECT_NE(EventStream(port_, path_, "").head().find("HTTP/1.1 401"), std::string::npos);
  SalonFixture other = MakeSalon("Other");
  EXPECT_NE(EventStream(port_, path_, other.key).head().find("HTTP/1.1 404"), std::string::npos);
  EXPECT_NE(EventStream(port_, s_.base() + "/branches/br_nope/events", s_.key)
                .head()
                .find("HTTP/1.1 404"),
            std::string::npos);
}

TEST_F(LiveTest, StreamsAreBoundedAndShownInMetrics) {
  Restart([](NodeConfig& c) { c.max_streams = 1; });
  {
    EventStream first(port_, path_, s_.key);
    EXPECT_NE(first.head().find("HTTP/1.1 200"), std::string::npos);
    EXPECT_TRUE(WaitForMetric("salon_sse_streams_open 1"));
    EventStream second(port_, path_, s_.key);
    EXPECT_NE(second.head().find("HTTP/1.1 503"), std::string::npos) << second.head();
    EXPECT_TRUE(WaitForMetric("salon_sse_streams_open 1"));  // the refused one never counted
  }
  EXPECT_TRUE(WaitForMetric("salon_sse_streams_open 0"));  // the client went
  EventStream again(port_, path_, s_.key);
  EXPECT_NE(again.head().find("HTTP/1.1 200"), std::string::npos);
}

TEST_F(LiveTest, DrainingClosesStreamsWithAReconnectHint) {
  EventStream stream(port_, path_, s_.key);
  EXPECT_EQ(stream.Next(), "retry: 2000\n\n");
  EXPECT_TRUE(node_->Shutdown(std::chrono::seconds(5)));  // not held open by the stream
  EXPECT_EQ(stream.Next(), "retry: 500\n\n");
  EXPECT_EQ(stream.Next(), "");  // closed
}

TEST_F(LiveTest, AnotherProcesssBookingArrivesThroughTheDatabase) {
  if (store_.empty()) GTEST_SKIP() << "one process owns an SQLite store";
  NodeConfig config;
  config.data_dir = dir_ + "/b";
  config.store = store_;
  config.admin_key = kAdminKey;
  config.server.port = 0;
  config.server.io_threads = 1;
  Node other(config, clock_, ids_);
  const unsigned short other_port = other.Start();
  EventStream stream(other_port, path_, s_.key);
  ASSERT_EQ(stream.Next(), "retry: 2000\n\n");
  ASSERT_EQ(Book(s_, "2026-11-23T10:00:00Z", s_.cut).status, 201);  // through this node
  const std::string event = stream.NextEvent();
  EXPECT_NE(event.find(R"("dates":["2026-11-23"])"), std::string::npos) << event;
  other.Shutdown(std::chrono::seconds(1));
}

}  // namespace
}  // namespace salon::testing
