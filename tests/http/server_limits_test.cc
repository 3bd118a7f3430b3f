#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

using ServerLimitsTest = ServerTest;

TEST_F(ServerLimitsTest, KeepAliveServesManyRequestsOnOneConnection) {
  for (int i = 0; i < 20; ++i) EXPECT_EQ(client_->Send(verb::get, "/healthz").status, 200);
}

TEST_F(ServerLimitsTest, RequestIdIsEchoedOrCreated) {
  Reply given = client_->Send(verb::get, "/healthz", "", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(given.Header("X-Request-Id"), "abc-123");
  Reply made = client_->Send(verb::get, "/healthz");
  Reply made2 = client_->Send(verb::get, "/healthz");
  EXPECT_FALSE(made.Header("X-Request-Id").empty());
  EXPECT_NE(made.Header("X-Request-Id"), made2.Header("X-Request-Id"));
}

TEST_F(ServerLimitsTest, OversizedHeadersAre431) {
  Reply r = client_->Send(verb::get, "/healthz", "", {{"X-Big", std::string(32 << 10, 'x')}});
  EXPECT_EQ(r.status, 431);
}

TEST_F(ServerLimitsTest, DrainClosesIdleConnectionsAndRefusesNewOnes) {
  EXPECT_EQ(client_->Send(verb::get, "/healthz").status, 200);  // now idle, kept alive
  EXPECT_TRUE(node_->Shutdown(std::chrono::seconds(30)));       // closed it, did not wait
  EXPECT_THROW(client_->Send(verb::get, "/healthz"), std::exception);
  EXPECT_THROW(Client late(port_), std::exception);
}

TEST_F(ServerLimitsTest, IdleConnectionsAreClosedAfterTheIdleTimeout) {
  Restart([](NodeConfig& c) { c.server.idle_timeout = std::chrono::seconds(1); });
  EXPECT_EQ(client_->Send(verb::get, "/healthz").status, 200);
  // Blocks until the server closes the idle connection (end of stream).
  EXPECT_THROW(client_->Read(), std::exception);
}

// At the bound, the connection idle longest makes room for a newcomer; only
// when every connection is busy is the newcomer refused.
TEST_F(ServerLimitsTest, AtTheBoundTheLongestIdleMakesRoomElse503) {
  Restart([](NodeConfig& c) { c.server.max_connections = 2; });
  // The server marks a connection idle after writing its answer, which the
  // client may read first: each step waits until the server knows.
  EXPECT_EQ(client_->Send(verb::get, "/healthz").status, 200);
  ASSERT_TRUE(WaitForMetric("salon_http_idle_connections 1"));
  Client b(port_);  // with the fixture's own client_, two connections
  ASSERT_TRUE(WaitForMetric("salon_http_idle_connections 2"));
  Client c(port_);  // client_ has idled longest: it is closed
  EXPECT_EQ(c.Send(verb::get, "/healthz").status, 200);
  EXPECT_THROW(client_->Read(), std::exception);
  // c idles once the server has written its answer (client_ is gone): only
  // then can its next request make it busy, and the gauge say so.
  ASSERT_TRUE(WaitForMetric("salon_http_idle_connections 2"));
  // b and c in the middle of a request: nothing idle, so 503.
  b.Write("GET /healthz HTTP/1.1\r\n");
  c.Write("GET /healthz HTTP/1.1\r\n");
  ASSERT_TRUE(WaitForMetric("salon_http_idle_connections 0"));
  Client d(port_);
  EXPECT_EQ(d.Read().status, 503);  // answered as soon as it is accepted
  EXPECT_EQ(b.Raw("Host: x\r\n\r\n").status, 200);  // b's request completes
}

// One address cannot take every connection: past its own bound its idle
// connections make room, then it is refused, while others still get in.
TEST_F(ServerLimitsTest, OneAddressCannotTakeEveryConnection) {
  Restart([](NodeConfig& c) { c.server.max_connections_per_address = 3; });
  std::vector<std::unique_ptr<Client>> mine;
  for (int i = 0; i < 2; ++i) mine.push_back(std::make_unique<Client>(port_));  // + client_
  for (auto& c : mine) c->Write("GET /healthz HTTP/1.1\r\n");  // busy
  ASSERT_TRUE(WaitForMetric("salon_http_idle_connections 1"));  // client_
  Client extra(port_);  // the idle one (client_) is closed for it
  EXPECT_EQ(extra.Send(verb::get, "/healthz").status, 200);
  EXPECT_THROW(client_->Read(), std::exception);
  ASSERT_TRUE(WaitForMetric("salon_http_idle_connections 1"));  // extra, answered
  extra.Write("GET /healthz HTTP/1.1\r\n");
  ASSERT_TRUE(WaitForMetric("salon_http_idle_connections 0"));
  Client refused(port_);
  EXPECT_EQ(refused.Read().status, 503);
  // Another address (127.0.0.2 is loopback too) still gets in.
  Client other(port_, "127.0.0.2");
  EXPECT_EQ(other.Send(verb::get, "/healthz").status, 200);
}

}  // namespace
}  // namespace salon::testing
