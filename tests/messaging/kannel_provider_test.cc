// KannelProvider against a scripted stand-in for smsbox's sendsms: what it
// asks for, and how each answer (or none) is classified.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <deque>
#include <thread>

#include "messaging/kannel_provider.h"
#include "tests/support/scripted_http_server.h"
#include "tests/support/thread_names.h"
#include "tests/support/wait_until.h"

namespace salon {
namespace {

namespace asio = boost::asio;

// Answers each request with the next scripted status (-1: stall past the
// client's timeout, then close), on keep-alive connections.
class ScriptedSmsbox {
 public:
  explicit ScriptedSmsbox(std::deque<int> script)
      : script_(std::move(script), 202), server_([this](const auto&) { return Answer(); }) {}
  unsigned short port() const { return server_.port(); }
  std::vector<std::string> targets() {
    std::vector<std::string> targets;
    for (const auto& req : server_.received()) targets.push_back(std::string(req.target()));
    return targets;
  }

 private:
  std::optional<ScriptedHttpServer::Response> Answer() {
    const int status = script_.Next();
    if (status < 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));  // slower than the client waits
      return std::nullopt;
    }
    return ScriptedHttpServer::Answer(status, status == 202 ? "0: Accepted for delivery" : "Error");
  }

  StatusScript script_;
  ScriptedHttpServer server_;
};

KannelConfig Config(unsigned short port) {
  KannelConfig c;
  c.port = port;
  c.username = "salon";
  c.password = "p&ss";
  c.connections = 1;
  c.timeout = std::chrono::milliseconds(200);
  c.dlr_url = "http://127.0.0.1:9/v1/callbacks/kannel/delivery?token=t&salon={salon}&id={id}&type=%d";
  return c;
}

OutgoingSms Sms(const std::string& id) {
  return {id, "sal_1", "", "+353871234567", "Hi Bo & Co: 10% off?", false};
}

TEST(KannelProvider, AsksForDeliveryReportsNamingTheMessageAndEncodesEverything) {
  KannelProvider provider(Config(1));
  const std::string target = provider.Target(Sms("msg_1"));
  auto url = boost::urls::parse_origin_form(target);
  ASSERT_TRUE(url.has_value()) << target;
  std::map<std::string, std::string> params;
  for (auto p : url->params()) params[std::string(p.key)] = std::string(p.value);
  EXPECT_EQ(url->path(), "/cgi-bin/sendsms");
  EXPECT_EQ(params["password"], "p&ss");
  EXPECT_EQ(params["to"], "+353871234567");
  EXPECT_EQ(params["text"], "Hi Bo & Co: 10% off?");
  EXPECT_EQ(params["from"], "Salon");  // the default sender
  EXPECT_EQ(params["dlr-mask"], "19");
  EXPECT_EQ(params["dlr-url"],
            "http://127.0.0.1:9/v1/callbacks/kannel/delivery?token=t&salon=sal_1&id=msg_1&type=%d");
  EXPECT_EQ(params["coding"], "0");
}

TEST(KannelProvider, ClassifiesAnswersAndFailures) {
  // 202; 503 (busy) → transient; 400 → permanent; 403 (misconfigured) → transient;
  // a stall past the timeout → in doubt (never sent again at once); then 202
  // on a fresh connection.
  ScriptedSmsbox smsbox({202, 503, 400, 403, -1, 202});
  KannelProvider provider(Config(smsbox.port()));
  std::vector<OutgoingSms> batch;
  for (int i = 0; i < 6; ++i) batch.push_back(Sms("msg_" + std::to_string(i)));
  std::vector<SendResult> results = provider.Send(batch);
  ASSERT_EQ(results.size(), 6u);
  EXPECT_EQ(results[0].outcome, SendOutcome::kAccepted);
  EXPECT_EQ(results[1].outcome, SendOutcome::kTransient);
  EXPECT_NE(results[1].detail.find("503"), std::string::npos);
  EXPECT_EQ(results[2].outcome, SendOutcome::kPermanent);
  EXPECT_EQ(results[3].outcome, SendOutcome::kTransient);
  EXPECT_EQ(results[4].outcome, SendOutcome::kUnknown);
  EXPECT_EQ(results[5].outcome, SendOutcome::kAccepted);
  EXPECT_EQ(smsbox.targets().size(), 6u);  // nothing was asked twice
}

// An operator's `top -H` names the threads that send a batch beside the
// caller's: seen from smsbox's side while the batch is out.
TEST(KannelProvider, ItsSendingThreadsSayWhatTheyAre) {
  std::atomic<bool> named = false;
  ScriptedHttpServer smsbox([&](const auto&) {
    if (testing::WaitUntil([] { return testing::ThreadNames().count("kannel-send") > 0; })) {
      named = true;
    }
    return ScriptedHttpServer::Answer(202, "0: Accepted for delivery");
  });
  KannelConfig config = Config(smsbox.port());
  config.connections = 2;
  config.timeout = std::chrono::seconds(15);  // longer than the wait for the name
  KannelProvider provider(config);
  std::vector<SendResult> results = provider.Send({Sms("msg_1"), Sms("msg_2")});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome, SendOutcome::kAccepted);
  EXPECT_EQ(results[1].outcome, SendOutcome::kAccepted);
  EXPECT_TRUE(named);
}

TEST(KannelProvider, AGatewayThatIsDownIsTransient) {
  unsigned short closed;
  {
    asio::io_context io;
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    closed = a.local_endpoint().port();
  }
  KannelProvider provider(Config(closed));
  std::vector<SendResult> results = provider.Send({Sms("msg_1")});
  EXPECT_EQ(results[0].outcome, SendOutcome::kTransient);
  EXPECT_NE(results[0].detail.find("kannel"), std::string::npos);
}

}  // namespace
}  // namespace salon
