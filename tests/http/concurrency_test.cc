// Races through real sockets: one winner per slot, one object per
// Idempotency-Key, and no salon sees another's objects.
#include <latch>
#include <thread>

#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;
namespace json = boost::json;

class ConcurrencyTest : public ServerTest {
 protected:
  // Sends the same request from `n` connections at once; answers the replies.
  std::vector<Reply> Race(int n, const std::string& path, const std::string& body,
                          std::vector<std::pair<std::string, std::string>> headers) {
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < n; ++i) clients.push_back(std::make_unique<Client>(port_));
    std::vector<Reply> replies(n);
    std::latch start(n);
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        replies[i] = clients[i]->Send(verb::post, path, body, headers);
      });
    }
    for (auto& t : threads) t.join();
    return replies;
  }
  static int Count(const std::vector<Reply>& replies, int status) {
    return int(std::count_if(replies.begin(), replies.end(),
                             [&](const Reply& r) { return r.status == status; }));
  }
};

std::string BookingBody(const std::string& branch,
                        const std::string& client, const std::string& service) {
  return json::serialize(json::object{{"branch_id", branch},
                                      {"client_id", client},
                                      {"start", "2026-11-23T10:00:00Z"},
                                      {"items", json::array{json::object{{"service_id", service}}}}});
}

TEST_F(ConcurrencyTest, SixtyFourClientsRaceForOneSlotAndOneWins) {
  auto s = MakeSalon();
  auto replies = Race(64, s.base() + "/appointments", BookingBody(s.branch, s.client, s.cut),
                      {{"Authorization", "Bearer " + s.key}});
  EXPECT_EQ(Count(replies, 201), 1);
  EXPECT_EQ(Count(replies, 409), 63);
  Reply list = Get(s.base() + "/appointments", s.key);
  EXPECT_EQ(list.json.at("items").as_array().size(), 1u);
}

// A transaction never waits for a second pooled connection: with a pool of
// two, cold caches and writers queued on the salon, bookings still go
// through (on PostgreSQL a nested read here once stalled until a 503).
TEST_F(ConcurrencyTest, ASmallPoolAndColdCachesDoNotStallWriters) {
  auto s = MakeSalon();
  for (const char* name : {"Bea", "Cai", "Dee"}) AddStylist(s, name);
  Restart([](NodeConfig& c) { c.store_pool = 2; });
  auto replies = Race(8, s.base() + "/appointments", BookingBody(s.branch, s.client, s.cut),
                      {{"Authorization", "Bearer " + s.key}});
  EXPECT_EQ(Count(replies, 201), 4);
  EXPECT_EQ(Count(replies, 409), 4);
}

TEST_F(ConcurrencyTest, RacesAcrossTwoStylistsFillBothAndNoMore) {
  auto s = MakeSalon();
  AddStylist(s, "Bea");
  auto replies = Race(32, s.base() + "/appointments", BookingBody(s.branch, s.client, s.cut),
                      {{"Authorization", "Bearer " + s.key}});
  EXPECT_EQ(Count(replies, 201), 2);
  EXPECT_EQ(Count(replies, 409), 30);
}

TEST_F(ConcurrencyTest, TheSameIdempotencyKeyTenTimesMakesOneObject) {
  auto s = MakeSalon();
  auto replies = Race(10, s.base() + "/appointments", BookingBody(s.branch, s.client, s.cut),
                      {{"Authorization", "Bearer " + s.key}, {"Idempotency-Key", "booking-42"}});
  for (const Reply& r : replies) {
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.body, replies[0].body);  // identical replays
  }
  EXPECT_EQ(Get(s.base() + "/appointments", s.key).json.at("items").as_array().size(), 1u);
  // The same key with another body is refused.
  Reply other = Call(verb::post, s.base() + "/appointments", s.key,
                     BookingBody(s.branch, s.client, s.colour),
                     {{"Idempotency-Key", "booking-42"}});
  EXPECT_EQ(other.status, 422);
  // Keys are per salon: another salon may use the same one.
  auto t = MakeSalon("Other");
  Reply theirs = Call(verb::post, t.base() + "/clients", t.key,
                      R"({"first_name":"Z","phone":"+353870000000"})", {{"Idempotency-Key", "booking-42"}});
  EXPECT_EQ(theirs.status, 201);
}

TEST_F(ConcurrencyTest, IdempotencyKeysAreKeptFortyEightHoursThenForgotten) {
  auto s = MakeSalon();
  const std::string path = s.base() + "/clients";
  const std::vector<std::pair<std::string, std::string>> key{{"Idempotency-Key", "k-1"}};
  Reply first = Call(verb::post, path, s.key, R"({"first_name":"A","phone":"+353870000001"})", key);
  ASSERT_EQ(first.status, 201);
  clock_.Advance(std::chrono::hours(47));
  ASSERT_EQ(node_->PurgeOldResponses().value(), 0);
  Reply replay = Call(verb::post, path, s.key, R"({"first_name":"A","phone":"+353870000001"})", key);
  EXPECT_EQ(replay.body, first.body);
  EXPECT_EQ(replay.Header("Idempotent-Replayed"), "true");
  clock_.Advance(std::chrono::hours(2));
  ASSERT_EQ(node_->PurgeOldResponses().value(), 1);
  Reply fresh = Call(verb::post, path, s.key, R"({"first_name":"B","phone":"+353870000002"})", key);
  EXPECT_EQ(fresh.status, 201);
  EXPECT_NE(fresh.Str("id"), first.Str("id"));
}

TEST_F(ConcurrencyTest, AnotherSalonsObjectsAre404Everywhere) {
  auto mine = MakeSalon("Mine");
  auto theirs = MakeSalon("Theirs");
  Reply apt = Book(theirs, "2026-11-23T09:00:00Z", theirs.cut);
  ASSERT_EQ(apt.status, 201);
  const std::string& key = mine.key;
  struct Probe { verb method; std::string path; std::string body; };
  const std::string t = theirs.base();
  const std::string a = t + "/appointments/" + apt.Str("id");
  std::vector<Probe> probes = {
      {verb::get, t, ""},
      {verb::patch, t, R"({"name":"x"})"},
      {verb::get, t + "/branches", ""},
      {verb::get, t + "/branches/" + theirs.branch, ""},
      {verb::post, t + "/branches", R"({"name":"x","timezone":"Europe/Dublin"})"},
      {verb::patch, t + "/branches/" + theirs.branch, R"({"name":"x"})"},
      {verb::delete_, t + "/branches/" + theirs.branch, ""},
      {verb::get, t + "/staff/" + theirs.stylist, ""},
      {verb::get, t + "/staff/" + theirs.stylist + "/time-off", ""},
      {verb::post, t + "/staff/" + theirs.stylist + "/time-off",
       R"({"start":"2026-11-23T09:00:00Z","end":"2026-11-23T10:00:00Z"})"},
      {verb::get, t + "/services/" + theirs.cut, ""},
      {verb::get, t + "/clients", ""},
      {verb::get, t + "/clients/" + theirs.client, ""},
      {verb::patch, t + "/clients/" + theirs.client, R"({"first_name":"x"})"},
      {verb::get, a, ""},
      {verb::get, t + "/appointments", ""},
      {verb::patch, a, R"({"notes":"x"})"},
      {verb::post, a + "/cancel", ""},
      {verb::post, a + "/status", R"({"status":"arrived"})"},
      {verb::get, t + "/branches/" + theirs.branch + "/calendar?date=2026-11-23", ""},
      {verb::get, t + "/branches/" + theirs.branch + "/availability?service_ids=" + theirs.cut +
                      "&from=2026-11-23", ""},
      // Their ids under my salon are just as missing.
      {verb::get, mine.base() + "/clients/" + theirs.client, ""},
      {verb::get, mine.base() + "/appointments/" + apt.Str("id"), ""},
      {verb::get, mine.base() + "/branches/" + theirs.branch + "/calendar?date=2026-11-23", ""},
  };
  for (const Probe& p : probes) {
    Reply r = Call(p.method, p.path, key, p.body);
    EXPECT_EQ(r.status, 404) << std::string(boost::beast::http::to_string(p.method)) << " "
                             << p.path << ": " << r.body;
  }
  // And nothing of theirs changed.
  EXPECT_EQ(Get(a, theirs.key).Str("status"), "booked");
}

}  // namespace
}  // namespace salon::testing
