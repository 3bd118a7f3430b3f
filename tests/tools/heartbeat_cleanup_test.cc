// What a heartbeat round leaves behind when it fails after booking, against
// a scripted stand-in for salond (real salond never loses an appointment
// from its calendar or an answer, so it cannot show these paths): the
// booking is cancelled at once, and one whose answer never came is replayed
// with its Idempotency-Key next round and cancelled.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <mutex>

#include "base/time.h"
#include "tests/support/scripted_http_server.h"
#include "tools/salonctl/heartbeat_round.h"

namespace salon {
namespace {

namespace http = boost::beast::http;
namespace json = boost::json;

// The appointments API of one salon, just enough for a round.
class FakeSalond {
 public:
  std::string url() const { return server_.url("/v1/salons/sal_1"); }

  std::mutex mu;
  bool drop_bookings = false;      // close the connection instead of answering a booking
  bool hide_appointments = false;  // the calendar never shows them
  std::map<std::string, std::string> status;  // appointment id → status
  std::map<std::string, std::string> by_key;  // Idempotency-Key → appointment id
  std::vector<std::string> bookings;          // the Idempotency-Key of each POST appointments
  std::vector<std::string> cancels;           // appointment ids

 private:
  std::optional<ScriptedHttpServer::Response> Handle(const ScriptedHttpServer::Request& req) {
    http::response<http::string_body> res{http::status::ok, 11};
    std::lock_guard lock(mu);
    if (!Answer(req, res)) return std::nullopt;  // closes without an answer
    return res;
  }

  bool Answer(const http::request<http::string_body>& req,
              http::response<http::string_body>& res) {
    const std::string target(req.target());
    const std::string etag = "\"v" + std::to_string(version_) + "\"";
    if (target.find("/availability?") != std::string::npos) {
      res.body() = R"({"slots":[{"start":"2026-11-21T09:00:00+00:00",)"
                   R"("end":"2026-11-21T09:30:00+00:00","staff_ids":["stf_1"]}]})";
    } else if (target.find("/calendar?") != std::string::npos) {
      res.set(http::field::etag, etag);
      if (req[http::field::if_none_match] == etag) {
        res.result(http::status::not_modified);
        return true;
      }
      json::array appointments;
      for (const auto& [id, s] : status) {
        if (!hide_appointments) appointments.push_back(json::object{{"id", id}, {"status", s}});
      }
      res.body() = json::serialize(json::object{{"appointments", appointments}});
    } else if (target.ends_with("/appointments") && req.method() == http::verb::post) {
      const std::string key(req["Idempotency-Key"]);
      bookings.push_back(key);
      if (drop_bookings) return false;
      auto [it, made] = by_key.try_emplace(key, "apt_" + std::to_string(by_key.size() + 1));
      if (made) {
        status[it->second] = "booked";
        ++version_;
      }
      res.result(http::status::created);
      res.body() = json::serialize(json::object{{"id", it->second}, {"status", "booked"}});
    } else if (target.ends_with("/cancel")) {
      const std::string path = target.substr(0, target.size() - 7);  // without /cancel
      const std::string id = path.substr(path.rfind('/') + 1);
      cancels.push_back(id);
      if (status[id] != "booked") {
        res.result(http::status::conflict);
        return true;
      }
      status[id] = "cancelled";
      ++version_;
      res.body() = json::serialize(json::object{{"id", id}, {"status", "cancelled"}});
    } else {
      res.result(http::status::not_found);
    }
    return true;
  }

  int version_ = 1;
  // Last, so that it stops before what it answers from goes.
  ScriptedHttpServer server_{[this](const auto& req) { return Handle(req); }};
};

HeartbeatTarget TargetOf(const FakeSalond& salond) {
  HeartbeatTarget t;
  t.url = salond.url();
  t.key = "sk_1";
  t.branch = "br_1";
  t.service = "svc_1";
  t.client = "cli_1";
  t.timeout = std::chrono::milliseconds(5000);
  return t;
}

TEST(HeartbeatCleanup, ABookingMissingFromTheCalendarIsCancelledAtOnce) {
  FakeSalond salond;
  salond.hide_appointments = true;
  FakeClock clock(*ParseInstant("2026-11-20T12:00:00Z"));
  HeartbeatRound round(TargetOf(salond), clock);
  const RoundResult r = round.Run();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "calendar: appointment apt_1 not booked on 2026-11-21; its booking was cancelled");
  std::lock_guard lock(salond.mu);
  EXPECT_EQ(salond.cancels, std::vector<std::string>{"apt_1"});
  EXPECT_EQ(salond.status["apt_1"], "cancelled");
}

TEST(HeartbeatCleanup, ABookingWhoseAnswerNeverCameIsReplayedAndCancelledNextRound) {
  FakeSalond salond;
  salond.drop_bookings = true;
  FakeClock clock(*ParseInstant("2026-11-20T12:00:00Z"));
  HeartbeatRound round(TargetOf(salond), clock);
  const RoundResult lost = round.Run();
  EXPECT_FALSE(lost.ok);
  EXPECT_EQ(lost.error.rfind("book: no answer from 127.0.0.1:", 0), 0u) << lost.error;
  std::string key;
  {
    std::lock_guard lock(salond.mu);
    ASSERT_FALSE(salond.bookings.empty());
    key = salond.bookings.back();
    // As if it had been made after all, before the answer was lost.
    salond.drop_bookings = false;
    salond.by_key[key] = "apt_lost";
    salond.status["apt_lost"] = "booked";
  }
  clock.Advance(std::chrono::seconds(60));
  const RoundResult next = round.Run();
  EXPECT_TRUE(next.ok) << next.error;
  size_t booked = 0;
  {
    std::lock_guard lock(salond.mu);
    // The replay came first, with the same key, and what it answered was cancelled.
    ASSERT_GE(salond.bookings.size(), 2u);
    EXPECT_EQ(salond.bookings[salond.bookings.size() - 2], key);
    EXPECT_EQ(salond.status["apt_lost"], "cancelled");
    for (const auto& [id, s] : salond.status) EXPECT_EQ(s, "cancelled") << id;
    booked = salond.bookings.size();
  }
  // Settled: the round after replays nothing.
  const RoundResult third = round.Run();
  EXPECT_TRUE(third.ok) << third.error;
  std::lock_guard lock(salond.mu);
  EXPECT_EQ(salond.bookings.size(), booked + 1);
}

}  // namespace
}  // namespace salon
