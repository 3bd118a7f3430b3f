// Reads and writes wait in pools of their own: while every write worker
// waits for a stalled store writer (on a real node, a disk slow to answer
// an fsync; here SQLite's one writer held by the test), a read that needs a
// worker is still answered.
#include <future>

#include "tests/http/pool_holder.h"
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

class WorkerPoolsTest : public ServerTest {
 protected:
  // A node with `workers` write workers and one reader.
  void SmallPools(int workers) {
    Restart([workers](NodeConfig& c) {
      c.server.workers = workers;
      c.server.readers = 1;
    });
  }
  // A POST of `body` to the salon's `path`, as raw HTTP.
  static std::string RawPost(const SalonFixture& s, const std::string& path,
                             const std::string& body) {
    return "POST " + s.base() + path + " HTTP/1.1\r\nHost: x\r\n"
           "Authorization: Bearer " + s.key + "\r\n"
           "Content-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  // Clients that have each sent a booking of the salon's cut at one of
  // `starts`, not yet answered.
  std::vector<std::unique_ptr<Client>> SendBookings(const SalonFixture& s,
                                                    std::initializer_list<const char*> starts) {
    std::vector<std::unique_ptr<Client>> sent;
    for (const char* start : starts) {
      sent.push_back(std::make_unique<Client>(port_));
      sent.back()->Write(BookingRequest(s, start));
    }
    return sent;
  }
  // A booking of the salon's cut on 2026-11-23 at `start` (UTC), as raw HTTP.
  static std::string BookingRequest(const SalonFixture& s, const std::string& start) {
    return RawPost(s, "/appointments",
                   R"({"branch_id":")" + s.branch + R"(","client_id":")" + s.client +
                       R"(","start":"2026-11-23T)" + start +
                       R"(:00Z","items":[{"service_id":")" + s.cut + R"("}]})");
  }
};

TEST_F(WorkerPoolsTest, AReadIsAnsweredWhileEveryWriteWorkerWaitsForTheStore) {
  if (!store_.empty()) GTEST_SKIP() << "SQLite's single writer is what the test holds";
  SmallPools(2);
  auto s = MakeSalon();
  PoolHolder writer(node_->store(), 1, PoolHolder::Holding::kWrites);
  ASSERT_TRUE(writer.all_held());
  // Both write workers take a new client, which waits for the writer.
  std::vector<std::unique_ptr<Client>> waiting;
  for (int i = 0; i < 2; ++i) {
    const std::string body = R"({"first_name":"Ann","last_name":"Lee","phone":"+35387123456)" +
                             std::to_string(i) + R"("})";
    waiting.push_back(std::make_unique<Client>(port_));
    waiting.back()->Write(RawPost(s, "/clients", body));
  }
  ASSERT_TRUE(WaitForMetric(R"(salon_http_busy_workers{pool="write"} 2)"));
  Reply read = Get(s.base() + "/clients", s.key);  // a blocking handler: the read pool
  EXPECT_EQ(read.status, 200);
  EXPECT_FALSE(writer.released());  // answered while every write still waited
  writer.Release();
  for (auto& c : waiting) EXPECT_EQ(c->Read().status, 201);
  EXPECT_TRUE(WaitForMetric(R"(salon_http_busy_workers{pool="write"} 0)"));
}

// On SQLite a booking waits for its commit holding no worker: the worker
// plans it and queues its write, and the response is made once the batch it
// joined has committed. So bookings stalled behind the writer leave the
// write workers free for other writes, up to as many bookings as there are
// write workers; one more waits on its worker, as every write did before.
TEST_F(WorkerPoolsTest, BookingsWaitingForTheirCommitHoldNoWorker) {
  if (!store_.empty()) GTEST_SKIP() << "SQLite's single writer is what the test holds";
  SmallPools(2);
  auto s = MakeSalon();
  PoolHolder writer(node_->store(), 1, PoolHolder::Holding::kWrites);
  ASSERT_TRUE(writer.all_held());
  auto waiting = SendBookings(s, {"10:00", "11:00", "12:00"});
  EXPECT_TRUE(WaitForMetric(R"(salon_store_writes_queued{engine="sqlite"} 3)"));
  EXPECT_TRUE(WaitForMetric("salon_http_awaiting_commit 2"));
  EXPECT_TRUE(WaitForMetric(R"(salon_http_busy_workers{pool="write"} 1)"));  // the third
  // The other worker is free for another write.
  EXPECT_EQ(Post(s.base() + "/appointments", s.key, "{").status, 400);
  EXPECT_FALSE(writer.released());
  writer.Release();
  for (auto& c : waiting) EXPECT_EQ(c->Read().status, 201);
  EXPECT_EQ(Get(s.base() + "/appointments", s.key).json.at("items").as_array().size(), 3u);
  EXPECT_TRUE(WaitForMetric("salon_http_awaiting_commit 0"));
}

// A node shutting down answers the bookings still waiting for their commit
// before its server stops (their answers are made on its I/O threads).
TEST_F(WorkerPoolsTest, BookingsWaitingForTheirCommitAreAnsweredBeforeTheServerStops) {
  if (!store_.empty()) GTEST_SKIP() << "SQLite's single writer is what the test holds";
  auto s = MakeSalon();
  PoolHolder writer(node_->store(), 1, PoolHolder::Holding::kWrites);
  ASSERT_TRUE(writer.all_held());
  auto waiting = SendBookings(s, {"10:00", "11:00"});
  ASSERT_TRUE(WaitForMetric(R"(salon_store_writes_queued{engine="sqlite"} 2)"));
  auto stopped =
      std::async(std::launch::async, [&] { return node_->Shutdown(std::chrono::seconds(10)); });
  writer.Release();
  for (auto& c : waiting) EXPECT_EQ(c->Read().status, 201);
  EXPECT_TRUE(stopped.get());
}

// A node stopped at once (no grace) closes every connection, bookings
// waiting for their commit included, but its server stops only once the
// store's writer has ended them, and their commits go on: nothing is lost,
// and no answer is made on a server already gone.
TEST_F(WorkerPoolsTest, BookingsWaitingForTheirCommitOutliveAServerStoppedAtOnce) {
  if (!store_.empty()) GTEST_SKIP() << "SQLite's single writer is what the test holds";
  // No dispatcher, whose next poll (a write) would hold the shutdown up
  // behind the held writer before the connections close.
  Restart([](NodeConfig& c) { c.role = "api"; });
  auto s = MakeSalon();
  PoolHolder writer(node_->store(), 1, PoolHolder::Holding::kWrites);
  ASSERT_TRUE(writer.all_held());
  auto waiting = SendBookings(s, {"10:00", "11:00"});
  ASSERT_TRUE(WaitForMetric("salon_http_awaiting_commit 2"));
  auto stopped =
      std::async(std::launch::async, [&] { return node_->Shutdown(std::chrono::seconds(0)); });
  for (auto& c : waiting) EXPECT_THROW(c->Read(), boost::system::system_error);  // closed
  EXPECT_EQ(stopped.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  writer.Release();
  EXPECT_FALSE(stopped.get());  // not drained in no time
  long long booked = 0;
  ASSERT_TRUE(node_->store().Read([&](ReadTxn& txn) {
    booked = txn.Count(Kind::kAppointment, SalonId{s.id});
    return Status::Ok();
  }).ok());
  EXPECT_EQ(booked, 2);
}

// Kannel's delivery reports come as GETs, but each is a write: it waits
// among the writes, so a stalled writer cannot fill the read pool with them.
TEST_F(WorkerPoolsTest, AGatewaysDeliveryReportWaitsAmongTheWrites) {
  if (!store_.empty()) GTEST_SKIP() << "SQLite's single writer is what the test holds";
  Restart([](NodeConfig& c) {
    c.server.workers = 1;
    c.server.readers = 1;
    c.callback_token = "gateway-token";
  });
  auto s = MakeSalon();
  PoolHolder writer(node_->store(), 1, PoolHolder::Holding::kWrites);
  ASSERT_TRUE(writer.all_held());
  Client report(port_);
  report.Write("GET /v1/callbacks/kannel/delivery?token=gateway-token&salon=" + s.id +
               "&id=msg_unknown&type=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(WaitForMetric(R"(salon_http_busy_workers{pool="write"} 1)"));
  EXPECT_EQ(Get(s.base() + "/clients", s.key).status, 200);  // the one reader is free
  EXPECT_FALSE(writer.released());
  writer.Release();
  EXPECT_EQ(report.Read().status, 404);  // written once the writer was free: no such message
}

}  // namespace
}  // namespace salon::testing
