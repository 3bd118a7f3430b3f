// ChatWebhook against a scripted chat on 127.0.0.1: Slack's format, retries
// of 429/5xx/no connection with backoff (an injected sleeper records the
// waits, so nothing sleeps), and a queue that never makes Post wait.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>

#include <deque>
#include <future>

#include "tests/support/scripted_http_server.h"
#include "tools/salonctl/chat_webhook.h"

namespace salon {
namespace {

namespace beast_http = boost::beast::http;
namespace asio = boost::asio;
using std::chrono::milliseconds;

struct Received {
  std::string method, target, content_type, body;
};

// Answers each request with the next scripted status (then 200), on
// keep-alive connections; a 429 carries `retry_after` if set.
class ScriptedChat {
 public:
  explicit ScriptedChat(std::deque<int> script, std::string retry_after = "")
      : script_(std::move(script), 200),
        retry_after_(std::move(retry_after)),
        server_([this](const ScriptedHttpServer::Request&) {
          const int status = script_.Next();
          auto res = ScriptedHttpServer::Answer(status, status == 200 ? "ok" : "rate_limited");
          if (status == 429 && !retry_after_.empty()) {
            res.set(beast_http::field::retry_after, retry_after_);
          }
          return std::optional(std::move(res));
        }) {}
  std::string url() const { return server_.url("/services/T000/B000/XXXX"); }
  std::vector<Received> received() {
    std::vector<Received> received;
    for (const auto& req : server_.received()) {
      received.push_back({std::string(req.method_string()), std::string(req.target()),
                          std::string(req[beast_http::field::content_type]), req.body()});
    }
    return received;
  }

 private:
  StatusScript script_;
  const std::string retry_after_;
  ScriptedHttpServer server_;
};

// Records the waits it is asked for, and returns at once.
struct RecordingSleeper {
  std::shared_ptr<std::vector<milliseconds>> waits = std::make_shared<std::vector<milliseconds>>();
  Sleeper sleeper() {
    return [waits = waits](milliseconds d) { waits->push_back(d); };
  }
};

std::unique_ptr<ChatWebhook> Make(const std::string& url, Metrics& metrics, Sleeper sleeper,
                                  int attempts = 6, milliseconds max_backoff = milliseconds(60000)) {
  WebhookConfig config;
  config.url = url;
  config.attempts = attempts;
  config.max_backoff = max_backoff;
  config.timeout = milliseconds(5000);
  auto made = ChatWebhook::Create(config, metrics, std::move(sleeper));
  EXPECT_TRUE(made.ok()) << made.status().message();
  return std::move(made).value();
}

double Outcome(Metrics& metrics, const std::string& outcome) {
  return metrics
      .CounterOf("salon_heartbeat_webhook_deliveries_total", "",
                 "{outcome=\"" + outcome + "\"}")
      .value();
}

TEST(ChatWebhook, RetriesA429AndA500WithBackoffAndDeliversOnce) {
  ScriptedChat chat({429, 500, 200});
  Metrics metrics;
  RecordingSleeper sleeps;
  auto webhook = Make(chat.url(), metrics, sleeps.sleeper());
  webhook->Post("Salon heartbeat FAILING: \"book\" answered 503");
  webhook->WaitIdle();

  const auto got = chat.received();
  ASSERT_EQ(got.size(), 3u);
  for (const Received& r : got) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/services/T000/B000/XXXX");
    EXPECT_EQ(r.content_type, "application/json");
    // Slack's incoming-webhook format: {"text": …}, quotes escaped.
    EXPECT_EQ(boost::json::parse(r.body),
              (boost::json::value{{"text", "Salon heartbeat FAILING: \"book\" answered 503"}}));
  }
  EXPECT_EQ(*sleeps.waits, (std::vector<milliseconds>{milliseconds(1000), milliseconds(2000)}));
  EXPECT_EQ(Outcome(metrics, "delivered"), 1);
  EXPECT_EQ(Outcome(metrics, "failed"), 0);
  // Nothing more is sent once it is delivered.
  webhook->WaitIdle();
  EXPECT_EQ(chat.received().size(), 3u);
}

TEST(ChatWebhook, WaitsAsLongAsA429sRetryAfterAsks) {
  ScriptedChat chat({429, 200}, "7");
  Metrics metrics;
  RecordingSleeper sleeps;
  auto webhook = Make(chat.url(), metrics, sleeps.sleeper());
  webhook->Post("hello");
  webhook->WaitIdle();
  EXPECT_EQ(*sleeps.waits, (std::vector<milliseconds>{milliseconds(7000)}));
  EXPECT_EQ(Outcome(metrics, "delivered"), 1);
}

TEST(ChatWebhook, BackoffDoublesUpToItsCapAndGivesUpAfterItsAttempts) {
  ScriptedChat chat({503, 503, 503, 503, 503, 503, 503});
  Metrics metrics;
  RecordingSleeper sleeps;
  auto webhook = Make(chat.url(), metrics, sleeps.sleeper(), 5, milliseconds(3000));
  webhook->Post("hello");
  webhook->WaitIdle();
  EXPECT_EQ(chat.received().size(), 5u);
  EXPECT_EQ(*sleeps.waits, (std::vector<milliseconds>{milliseconds(1000), milliseconds(2000),
                                                       milliseconds(3000), milliseconds(3000)}));
  EXPECT_EQ(Outcome(metrics, "delivered"), 0);
  EXPECT_EQ(Outcome(metrics, "failed"), 1);
}

TEST(ChatWebhook, ARefusalIsNotRetried) {
  ScriptedChat chat({404});
  Metrics metrics;
  RecordingSleeper sleeps;
  auto webhook = Make(chat.url(), metrics, sleeps.sleeper());
  webhook->Post("hello");
  webhook->WaitIdle();
  EXPECT_EQ(chat.received().size(), 1u);
  EXPECT_TRUE(sleeps.waits->empty());
  EXPECT_EQ(Outcome(metrics, "failed"), 1);
}

TEST(ChatWebhook, NoConnectionIsRetried) {
  unsigned short closed_port;
  {
    asio::io_context io;
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    closed_port = a.local_endpoint().port();
  }
  Metrics metrics;
  RecordingSleeper sleeps;
  auto webhook = Make("http://127.0.0.1:" + std::to_string(closed_port) + "/hook", metrics,
                      sleeps.sleeper(), 3);
  webhook->Post("hello");
  webhook->WaitIdle();
  EXPECT_EQ(*sleeps.waits, (std::vector<milliseconds>{milliseconds(1000), milliseconds(2000)}));
  EXPECT_EQ(Outcome(metrics, "failed"), 1);
}

TEST(ChatWebhook, PostNeverWaitsForTheChat) {
  ScriptedChat chat({500});
  Metrics metrics;
  // The first message's backoff holds until the test lets it go.
  std::promise<void> waiting, release;
  auto released = release.get_future().share();
  bool first = true;
  auto webhook = Make(chat.url(), metrics, [&](milliseconds) {
    if (std::exchange(first, false)) waiting.set_value();
    released.wait();
  });
  webhook->Post("first");
  waiting.get_future().wait();  // delivery is stuck between tries…
  webhook->Post("second");      // …and Post still returns at once
  webhook->Post("third");
  release.set_value();
  webhook->WaitIdle();
  const auto got = chat.received();
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[1].body, ChatWebhook::Payload("first"));
  EXPECT_EQ(got[2].body, ChatWebhook::Payload("second"));
  EXPECT_EQ(got[3].body, ChatWebhook::Payload("third"));
  EXPECT_EQ(Outcome(metrics, "delivered"), 3);
}

TEST(ChatWebhook, AFullQueueDropsRatherThanWaits) {
  ScriptedChat chat({500});
  Metrics metrics;
  std::promise<void> waiting, release;
  auto released = release.get_future().share();
  bool first = true;
  WebhookConfig config;
  config.url = chat.url();
  config.queue_limit = 1;
  auto webhook = std::move(ChatWebhook::Create(config, metrics, [&](milliseconds) {
                             if (std::exchange(first, false)) waiting.set_value();
                             released.wait();
                           }).value());
  webhook->Post("first");
  waiting.get_future().wait();
  webhook->Post("second");
  webhook->Post("third");  // beyond the queue's one place
  release.set_value();
  webhook->WaitIdle();
  EXPECT_EQ(Outcome(metrics, "delivered"), 2);
  EXPECT_EQ(Outcome(metrics, "dropped"), 1);
}

TEST(ChatWebhook, WantsAnHttpUrl) {
  Metrics metrics;
  EXPECT_FALSE(ChatWebhook::Create(WebhookConfig{.url = "hooks.slack.com/x"}, metrics).ok());
  EXPECT_FALSE(ChatWebhook::Create(WebhookConfig{.url = "ftp://example.com/x"}, metrics).ok());
}

}  // namespace
}  // namespace salon
