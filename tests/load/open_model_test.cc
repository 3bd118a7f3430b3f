// The open model: a server that stalls shows the stall in the latencies,
// because requests keep being sent on schedule and count from it.
#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "tools/salon_load/driver.h"

namespace salon::load {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// Answers every request with an empty 200, one thread per connection. The
// `stall_at`-th request holds the whole server for `stall` (every request
// needs its lock), as a garbage-collection pause or a lock convoy would.
class StallingServer {
 public:
  StallingServer(int stall_at, std::chrono::milliseconds stall)
      : acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}),
        stall_at_(stall_at),
        stall_(stall) {
    accepting_ = std::thread([this] { Accept(); });
  }
  ~StallingServer() {
    stopping_ = true;
    boost::system::error_code ec;
    tcp::socket poke(ioc_);
    poke.connect(acceptor_.local_endpoint(), ec);  // wakes accept()
    accepting_.join();
    for (auto& t : connections_) t.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  int requests() const { return requests_; }

 private:
  void Accept() {
    while (!stopping_) {
      tcp::socket s(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stopping_) return;
      connections_.emplace_back([this, s = std::move(s)]() mutable { Serve(std::move(s)); });
    }
  }
  void Serve(tcp::socket s) {
    std::string buf;
    boost::system::error_code ec;
    for (;;) {
      asio::read_until(s, asio::dynamic_buffer(buf), "\r\n\r\n", ec);
      if (ec) return;
      buf.erase(0, buf.find("\r\n\r\n") + 4);
      {
        std::lock_guard lock(server_mu_);
        if (++requests_ == stall_at_) std::this_thread::sleep_for(stall_);  // the injected stall
      }
      asio::write(s, asio::buffer(std::string("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")), ec);
      if (ec) return;
    }
  }

  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  const int stall_at_;
  const std::chrono::milliseconds stall_;
  std::mutex server_mu_;
  std::atomic<int> requests_{0};
  std::atomic<bool> stopping_{false};
  std::thread accepting_;
  std::vector<std::thread> connections_;
};

RunResult DriveAgainst(const StallingServer& server) {
  DriverConfig config;
  config.port = server.port();
  config.rate = 500;
  config.duration = std::chrono::seconds(2);
  config.connections = 16;
  return Drive(config, [](int, std::uint64_t) {
    HttpRequest r;
    r.kind = "get";
    r.target = "/";
    return r;
  });
}

TEST(OpenModelTest, AStalledServerShowsItsStallInTheLatencies) {
  StallingServer server(/*stall_at=*/300, std::chrono::milliseconds(400));
  RunResult r = DriveAgainst(server);
  // Sent on schedule whatever the server did: about 500/s for 2 s.
  EXPECT_NEAR(double(r.scheduled), 1000, 150);
  EXPECT_EQ(r.latency.count(), r.scheduled);
  EXPECT_EQ(r.errors, 0u);
  // Every request due during the 400 ms stall waited for its end: about 200
  // of them, with latencies spread up to the stall's length.
  EXPECT_GE(r.latency.max(), 350'000u);
  EXPECT_GE(r.latency.Percentile(90), 50'000u);
  // The timeline puts the slow second where it happened.
  std::uint64_t worst = 0;
  for (const Interval& i : r.timeline) worst = std::max(worst, i.latency.max());
  EXPECT_EQ(worst, r.latency.max());
}

TEST(OpenModelTest, AHealthyServerShowsLowLatencies) {
  StallingServer server(/*stall_at=*/-1, std::chrono::milliseconds(0));
  RunResult r = DriveAgainst(server);
  EXPECT_EQ(r.latency.count(), r.scheduled);
  EXPECT_LT(r.latency.Percentile(50), 50'000u);  // far below the stall above
}

}  // namespace
}  // namespace salon::load
