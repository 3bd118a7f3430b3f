// A slow request explains itself: its log line names the stages its time
// went to. The threshold is 0 here, so every request counts as slow.
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

class SlowRequestsTest : public ServerTest {
 protected:
  // The slow-request line of `request_id`, or "".
  std::string LineOf(const std::string& request_id) {
    for (const std::string& line : sink_->last_formatted()) {
      if (line.find("slow request " + request_id) != std::string::npos) return line;
    }
    return "";
  }
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_ =
      std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(256);
};

TEST_F(SlowRequestsTest, ABookingLogsWhereItsTimeWent) {
  Restart([](NodeConfig& c) { c.slow_request_seconds = 0; });
  auto s = MakeSalon();
  spdlog::default_logger()->sinks().push_back(sink_);
  Reply booked = Call(verb::post, s.base() + "/appointments", s.key,
                      R"({"branch_id":")" + s.branch + R"(","client_id":")" + s.client +
                          R"(","start":"2026-11-23T10:00:00Z","items":[{"service_id":")" +
                          s.cut + R"("}]})",
                      {{"X-Request-Id", "req-book-1"}});
  Reply pulled = Call(verb::get, s.base() + "/branches/" + s.branch + "/availability?service_ids=" +
                          s.cut + "&from=2026-11-23",
                      s.key, "", {{"X-Request-Id", "req-search-1"}});
  spdlog::default_logger()->sinks().pop_back();
  ASSERT_EQ(booked.status, 201) << booked.body;
  ASSERT_EQ(pulled.status, 200) << pulled.body;

  const std::string booking = LineOf("req-book-1");
  ASSERT_FALSE(booking.empty());
  for (const char* stage : {"queue=", "parse=", "store_read=", "plan=", "write_queue=", "write=",
                            "commit=", "render="}) {
    EXPECT_NE(booking.find(stage), std::string::npos) << stage << " missing in: " << booking;
  }
  const std::string search = LineOf("req-search-1");
  for (const char* stage : {"queue=", "store_read=", "search=", "render="}) {
    EXPECT_NE(search.find(stage), std::string::npos) << stage << " missing in: " << search;
  }
  EXPECT_EQ(search.find("commit="), std::string::npos) << search;  // a read commits nothing
}

}  // namespace
}  // namespace salon::testing
