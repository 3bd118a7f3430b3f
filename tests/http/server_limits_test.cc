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

TEST_F(ServerLimitsTest, ConnectionsOverTheBoundGet503) {
  client_.reset();
  node_.reset();
  NodeConfig config;
  config.data_dir = dir_;
  config.admin_key = kAdminKey;
  config.server.port = 0;
  config.server.max_connections = 2;
  node_ = std::make_unique<Node>(config, clock_, ids_);
  unsigned short port = node_->Start();
  Client a(port), b(port);
  EXPECT_EQ(a.Send(verb::get, "/healthz").status, 200);
  EXPECT_EQ(b.Send(verb::get, "/healthz").status, 200);
  Client c(port);
  EXPECT_EQ(c.Read().status, 503);  // answered as soon as it is accepted
}

}  // namespace
}  // namespace salon::testing
