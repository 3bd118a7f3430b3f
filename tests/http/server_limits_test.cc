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

TEST_F(ServerLimitsTest, ConnectionsOverTheBoundGet503) {
  Restart([](NodeConfig& c) { c.server.max_connections = 2; });
  Client b(port_);  // with the fixture's own client_, two connections
  EXPECT_EQ(client_->Send(verb::get, "/healthz").status, 200);
  EXPECT_EQ(b.Send(verb::get, "/healthz").status, 200);
  Client c(port_);
  EXPECT_EQ(c.Read().status, 503);  // answered as soon as it is accepted
}

}  // namespace
}  // namespace salon::testing
