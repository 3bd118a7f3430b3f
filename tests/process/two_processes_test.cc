// Several salond processes on one PostgreSQL database: one truth. Each test
// runs its processes on a fresh database of ./test's cluster; the test of a
// database restart runs its own cluster, which it stops and starts.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <latch>
#include <thread>

#include "tests/process/salond_process.h"
#include "tests/support/postgres.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;
using Clock = std::chrono::steady_clock;

class TwoProcessesTest : public ::testing::Test {
 protected:
  TwoProcessesTest() {
    char tmpl[] = "/tmp/salon-two-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  ~TwoProcessesTest() override { std::filesystem::remove_all(dir_); }
  // A data directory of its own for each process (its admin key file).
  std::string DataDir(const std::string& name) { return dir_ + "/" + name; }

  // Books `body` from `n` connections at once, alternating between the
  // processes at `ports`; answers the replies.
  static std::vector<Reply> RaceAcross(const std::vector<unsigned short>& ports, int n,
                                       const LoadSalon& s, const std::string& body,
                                       const std::string& idempotency_key = "") {
    std::latch ready(n);
    std::vector<Reply> replies(n);
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        Client c(ports[size_t(i) % ports.size()]);
        std::vector<std::pair<std::string, std::string>> headers{
            {"Authorization", "Bearer " + s.key}};
        if (!idempotency_key.empty()) headers.emplace_back("Idempotency-Key", idempotency_key);
        ready.arrive_and_wait();
        replies[i] = c.Send(verb::post, s.base() + "/appointments", body, headers);
      });
    }
    for (auto& t : threads) t.join();
    return replies;
  }
  static long Count(const std::vector<Reply>& replies, int status) {
    return std::count_if(replies.begin(), replies.end(),
                         [&](const Reply& r) { return r.status == status; });
  }

  // A salon with `staff` staff members, made through process `p`.
  static LoadSalon SalonThrough(const Salond& p, int staff = 4) {
    Client c(p.port());
    return PrepareSalon(c, staff);
  }

  std::string dir_;
};

TEST_F(TwoProcessesTest, ARaceForOneSlotAcrossProcessesHasOneWinner) {
  const std::string db = FreshDatabase();
  Salond a(DataDir("a"), db), b(DataDir("b"), db);
  ASSERT_NE(a.port(), 0);
  ASSERT_NE(b.port(), 0);
  const LoadSalon s = SalonThrough(a, 1);
  constexpr int kClients = 64;
  auto replies = RaceAcross({a.port(), b.port()}, kClients, s, BookingBody(s, 0));
  EXPECT_EQ(Count(replies, 201), 1);
  EXPECT_EQ(Count(replies, 409), kClients - 1);
  for (unsigned short port : {a.port(), b.port()}) {
    Client c(port);
    Reply list = Do(c, verb::get, s.base() + "/appointments?from=2027-01-04T00:00:00Z&to=2027-01-05T00:00:00Z", s.key);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.json.at("items").as_array().size(), 1u) << list.body;
  }
}

TEST_F(TwoProcessesTest, ABookingThroughOneChangesTheOthersCalendarETag) {
  const std::string db = FreshDatabase();
  Salond a(DataDir("a"), db), b(DataDir("b"), db);
  const LoadSalon s = SalonThrough(a, 1);
  Client at_b(b.port());
  const std::string calendar = s.base() + "/branches/" + s.branch + "/calendar?date=2027-01-04";
  Reply before = Do(at_b, verb::get, calendar, s.key);
  ASSERT_EQ(before.status, 200);
  const std::string etag = before.Header("ETag");
  auto pull = [&] {
    return at_b.Send(verb::get, calendar, "",
                     {{"Authorization", "Bearer " + s.key}, {"If-None-Match", etag}});
  };
  ASSERT_EQ(pull().status, 304);  // B now answers from its cache

  Client at_a(a.port());
  Reply booked = Do(at_a, verb::post, s.base() + "/appointments", s.key, BookingBody(s, 0));
  ASSERT_EQ(booked.status, 201) << booked.body;
  const auto committed = Clock::now();
  // B learns of it through LISTEN/NOTIFY; bounded by 5 s here, milliseconds
  // in practice.
  Reply after;
  do {
    after = pull();
  } while (after.status == 304 && Clock::now() - committed < std::chrono::seconds(5));
  const auto delay = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - committed);
  ASSERT_EQ(after.status, 200) << "B still answers 304 after " << delay.count() << " µs";
  EXPECT_NE(after.Header("ETag"), etag);
  EXPECT_NE(after.body.find(booked.Str("id")), std::string::npos);
  std::printf("the other process's ETag changed %lld µs after the commit\n",
              static_cast<long long>(delay.count()));
}

// B keeps the clients it books in memory: a client archived through A is
// refused by B once A's change reaches it through LISTEN/NOTIFY.
TEST_F(TwoProcessesTest, AClientArchivedThroughOneIsRefusedByTheOther) {
  const std::string db = FreshDatabase();
  Salond a(DataDir("a"), db), b(DataDir("b"), db);
  const LoadSalon s = SalonThrough(a, 1);
  Client at_a(a.port()), at_b(b.port());
  const std::string bookings = s.base() + "/appointments";
  // Twice: a first read may begin before A's announcement of the new client
  // reaches B, and keep nothing; the second then keeps it.
  for (int n : {0, 1}) {
    Reply booked = Do(at_b, verb::post, bookings, s.key, BookingBody(s, n));
    ASSERT_EQ(booked.status, 201) << booked.body;
  }
  Reply archived = Do(at_a, verb::delete_, s.base() + "/clients/" + s.client, s.key);
  ASSERT_EQ(archived.status, 200) << archived.body;
  const auto committed = Clock::now();
  // Bounded by 5 s here, milliseconds in practice.
  Reply next;
  int n = 2;
  do {
    next = Do(at_b, verb::post, bookings, s.key, BookingBody(s, n++));
  } while (next.status == 201 && Clock::now() - committed < std::chrono::seconds(5));
  EXPECT_EQ(next.status, 422) << next.body;
  EXPECT_NE(next.body.find("unknown client"), std::string::npos) << next.body;
}

TEST_F(TwoProcessesTest, IdempotencyKeysHoldAcrossProcesses) {
  const std::string db = FreshDatabase();
  Salond a(DataDir("a"), db), b(DataDir("b"), db);
  const LoadSalon s = SalonThrough(a);
  auto replies = RaceAcross({a.port(), b.port()}, 16, s, BookingBody(s, 0), "k-1");
  for (const Reply& r : replies) {
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.body, replies[0].body);  // one appointment, the same answer
  }
}

TEST_F(TwoProcessesTest, AnApiProcessQueuesAndAMessagingProcessSends) {
  const std::string db = FreshDatabase();
  const std::string api_out = dir_ + "/api.jsonl", sender_out = dir_ + "/sender.jsonl";
  Salond api(DataDir("a"), db, {"--role", "api", "--sms-provider", "file:" + api_out});
  Salond sender(DataDir("b"), db, {"--role", "messaging", "--sms-provider", "file:" + sender_out});
  Client c(api.port());
  LoadSalon s = PrepareSalon(c, 4);
  for (int n = 0; n < 8; ++n) {
    ASSERT_EQ(Do(c, verb::post, s.base() + "/appointments", s.key, BookingBody(s, n)).status, 201);
  }
  auto lines = [](const std::string& path) {
    std::ifstream in(path);
    return std::count(std::istreambuf_iterator<char>(in), {}, '\n');
  };
  // The sender finds the queued confirmations by itself (it polls the outbox).
  ASSERT_TRUE(WaitUntil([&] {
    Reply sent = Do(c, verb::get, s.base() + "/messages?status=sent", s.key);
    return sent.status == 200 && sent.json.at("items").as_array().size() == 8;
  }));
  EXPECT_EQ(lines(sender_out), 8);
  EXPECT_FALSE(std::filesystem::exists(api_out));
}

TEST_F(TwoProcessesTest, KillNineOfOneUnderLoadLosesNothingAcknowledged) {
  const std::string db = FreshDatabase();
  Salond a(DataDir("a"), db), b(DataDir("b"), db);
  const LoadSalon s = SalonThrough(a);
  BookingLoad load(s, {a.port(), b.port()}, 8);
  ASSERT_TRUE(load.WaitForMore(200));
  a.Kill(SIGKILL);
  EXPECT_TRUE(load.WaitForMore(100)) << "B stopped serving";  // B carries on
  load.Stop();
  const auto acked = load.Acknowledged();
  EXPECT_GE(acked.size(), 300u);
  ExpectAllThere(b.port(), s, acked);
}

TEST_F(TwoProcessesTest, ADatabaseRestartUnderLoadIs503sThenFullService) {
  std::filesystem::permissions(dir_, std::filesystem::perms::owner_all |
                                         std::filesystem::perms::group_read |
                                         std::filesystem::perms::group_exec |
                                         std::filesystem::perms::others_read |
                                         std::filesystem::perms::others_exec);
  const std::string cluster = dir_ + "/cluster";
  const std::string url = Cluster("start", cluster);
  ASSERT_EQ(url.rfind("postgres://", 0), 0u) << url;
  {
    Salond a(DataDir("a"), url);
    ASSERT_NE(a.port(), 0);
    const LoadSalon s = SalonThrough(a);
    BookingLoad load(s, {a.port()}, 4);
    ASSERT_TRUE(load.WaitForMore(50));

    Cluster("stop", cluster);
    const auto stopped = Clock::now();
    while (load.StatusCounts()[503] < 20 && Clock::now() - stopped < std::chrono::seconds(30)) {
      std::this_thread::yield();
    }
    EXPECT_GE(load.StatusCounts()[503], 20) << "no 503s while the database is down";
    {
      Client c(a.port());
      EXPECT_EQ(c.Send(verb::get, "/readyz").status, 503);
    }

    Cluster("start", cluster);
    EXPECT_TRUE(load.WaitForMore(100)) << "no full service after the restart";
    load.Stop();
    for (const auto& [status, count] : load.StatusCounts()) {
      EXPECT_TRUE(status == 201 || status == 503) << count << " answers of status " << status;
    }
    // Ready again once its listener has reconnected too (it retries every 200 ms).
    Client c(a.port());
    int ready = 0;
    for (const auto restarted = Clock::now();
         ready != 200 && Clock::now() - restarted < std::chrono::seconds(10);) {
      ready = c.Send(verb::get, "/readyz").status;
    }
    EXPECT_EQ(ready, 200);
    ExpectAllThere(a.port(), s, load.Acknowledged());
  }
  Cluster("destroy", cluster);
}

}  // namespace
}  // namespace salon::testing
