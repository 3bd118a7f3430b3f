// KannelProvider against a scripted stand-in for smsbox's sendsms: what it
// asks for, and how each answer (or none) is classified.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <deque>
#include <mutex>
#include <thread>

#include "messaging/kannel_provider.h"

namespace salon {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

// Answers each request with the next scripted status (-1: stall past the
// client's timeout, then close), on keep-alive connections.
class ScriptedSmsbox {
 public:
  explicit ScriptedSmsbox(std::deque<int> script)
      : script_(std::move(script)), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedSmsbox() {
    stop_ = true;
    beast::error_code ec;
    asio::ip::tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
    for (auto& t : sessions_) t.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::vector<std::string> targets() {
    std::lock_guard lock(mu_);
    return targets_;
  }

 private:
  void Serve() {
    while (!stop_) {
      asio::ip::tcp::socket socket(io_);
      beast::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stop_) return;
      sessions_.emplace_back([this, s = std::move(socket)]() mutable { Session(std::move(s)); });
    }
  }
  void Session(asio::ip::tcp::socket socket) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> req;
      beast::error_code ec;
      http::read(socket, buffer, req, ec);
      if (ec) return;
      int status;
      {
        std::lock_guard lock(mu_);
        targets_.push_back(std::string(req.target()));
        status = script_.empty() ? 202 : script_.front();
        if (!script_.empty()) script_.pop_front();
      }
      if (status < 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));  // slower than the client waits
        return;
      }
      http::response<http::string_body> res{http::status(status), 11};
      res.body() = status == 202 ? "0: Accepted for delivery" : "Error";
      res.keep_alive(true);
      res.prepare_payload();
      http::write(socket, res, ec);
      if (ec) return;
    }
  }

  std::deque<int> script_;
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<std::thread> sessions_;
  std::mutex mu_;
  std::vector<std::string> targets_;
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
