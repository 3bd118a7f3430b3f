// The I/O threads never wait for the store: with every pooled connection of
// the store held, and every worker thread waiting for one, an unchanged
// calendar still answers 304 (and a rendered body 200) from memory, and
// /healthz answers, while the store's reads wait.
#include "tests/http/pool_holder.h"
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

using IoThreadsTest = ServerTest;

TEST_F(IoThreadsTest, ACalendar304AndHealthzNeedNoStoreConnection) {
  Restart([](NodeConfig& c) {
    c.store_pool = 4;  // PostgreSQL; SQLite has 16 readers
    c.server.workers = 2;
  });
  auto s = MakeSalon();
  const std::string path = s.base() + "/branches/" + s.branch + "/calendar?date=2026-11-23";
  Reply first = Get(path, s.key);  // renders it, and the caches learn the key and branch
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.Header("ETag");

  PoolHolder pool(node_->store(), store_.empty() ? 16 : 4);
  ASSERT_TRUE(pool.all_held());
  // Both workers take a list, which waits for a store connection.
  std::vector<std::unique_ptr<Client>> waiting;
  for (int i = 0; i < 2; ++i) {
    waiting.push_back(std::make_unique<Client>(port_));
    waiting.back()->Write("GET " + s.base() + "/clients HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                          s.key + "\r\n\r\n");
  }
  Reply unchanged = Call(verb::get, path, s.key, "", {{"If-None-Match", etag}});
  EXPECT_EQ(unchanged.status, 304);
  Reply again = Get(path, s.key);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  Client other(port_);
  EXPECT_EQ(other.Send(verb::get, "/healthz").status, 200);
  // All of it while the store's connections were still held.
  EXPECT_FALSE(pool.released());
  pool.Release();
  for (auto& c : waiting) EXPECT_EQ(c->Read().status, 200);  // then they are answered
}

}  // namespace
}  // namespace salon::testing
