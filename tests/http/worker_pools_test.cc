// Reads and writes wait in pools of their own: while every write worker
// waits for a stalled store writer (on a real node, a disk slow to answer
// an fsync; here SQLite's one writer held by the test), a read that needs a
// worker is still answered.
#include "tests/http/pool_holder.h"
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using WorkerPoolsTest = ServerTest;

TEST_F(WorkerPoolsTest, AReadIsAnsweredWhileEveryWriteWorkerWaitsForTheStore) {
  if (!store_.empty()) GTEST_SKIP() << "SQLite's single writer is what the test holds";
  Restart([](NodeConfig& c) {
    c.server.workers = 2;
    c.server.readers = 1;
  });
  auto s = MakeSalon();
  PoolHolder writer(node_->store(), 1, PoolHolder::Holding::kWrites);
  ASSERT_TRUE(writer.all_held());
  // Both write workers take a new client, which waits for the writer.
  std::vector<std::unique_ptr<Client>> waiting;
  for (int i = 0; i < 2; ++i) {
    const std::string body = R"({"first_name":"Ann","last_name":"Lee","phone":"+35387123456)" +
                             std::to_string(i) + R"("})";
    waiting.push_back(std::make_unique<Client>(port_));
    waiting.back()->Write("POST " + s.base() + "/clients HTTP/1.1\r\nHost: x\r\n"
                          "Authorization: Bearer " + s.key + "\r\n"
                          "Content-Type: application/json\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  ASSERT_TRUE(WaitForMetric(R"(salon_http_busy_workers{pool="write"} 2)"));
  Reply read = Get(s.base() + "/clients", s.key);  // a blocking handler: the read pool
  EXPECT_EQ(read.status, 200);
  EXPECT_FALSE(writer.released());  // answered while every write still waited
  writer.Release();
  for (auto& c : waiting) EXPECT_EQ(c->Read().status, 201);
  EXPECT_TRUE(WaitForMetric(R"(salon_http_busy_workers{pool="write"} 0)"));
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
