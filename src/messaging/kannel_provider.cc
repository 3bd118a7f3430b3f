#include "messaging/kannel_provider.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <thread>

#include "base/thread_name.h"

namespace salon {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

namespace {

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

}  // namespace

// One keep-alive HTTP/1.1 connection to smsbox, reopened when it fails.
class KannelProvider::Connection {
 public:
  Connection(const KannelConfig& config) : config_(config) {}

  SendResult Get(const std::string& target) {
    if (stream_ && PeerClosed()) stream_.reset();  // Kannel closed it while idle
    for (int attempt = 0; attempt < 2; ++attempt) {
      beast::error_code ec;
      const bool reused = stream_ != nullptr;
      if (!stream_) Open(ec);
      if (ec) return {SendOutcome::kTransient, "kannel: " + ec.message()};
      http::request<http::empty_body> req{http::verb::get, target, 11};
      req.set(http::field::host, config_.host);
      req.keep_alive(true);
      ec = Run([&](auto done) { http::async_write(*stream_, req, done); });
      if (ec) {
        stream_.reset();
        if (reused && attempt == 0) continue;  // not sent: once more, afresh
        return {SendOutcome::kTransient, "kannel: " + ec.message()};
      }
      http::response<http::string_body> res;
      ec = Run([&](auto done) { http::async_read(*stream_, buffer_, res, done); });
      if (ec) {
        stream_.reset();
        // Closed without a byte of answer on a kept-alive connection: the
        // server had closed it before it read the request, so send it again
        // on a new one. Any other silence leaves the message in doubt.
        if (reused && ec == http::error::end_of_stream && attempt == 0) continue;
        return {SendOutcome::kUnknown, "kannel: no answer: " + ec.message()};
      }
      if (!res.keep_alive()) stream_.reset();
      const int status = res.result_int();
      if (status == 200 || status == 202) return {SendOutcome::kAccepted, ""};
      const std::string detail = "kannel " + std::to_string(status) + ": " + res.body();
      return {status == 400 ? SendOutcome::kPermanent : SendOutcome::kTransient, detail};
    }
    return {SendOutcome::kTransient, "kannel: unreachable"};
  }

 private:
  // Whether the server has closed the connection (a read would see EOF).
  bool PeerClosed() {
    char byte;
    const ssize_t n = ::recv(stream_->socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }

  // Runs one asynchronous operation to its end within the timeout (Beast's
  // timeouts apply to asynchronous operations only).
  template <typename Start>
  beast::error_code Run(Start start) {
    beast::error_code result;
    stream_->expires_after(config_.timeout);
    start([&](beast::error_code ec, auto&&...) { result = ec; });
    io_.restart();
    io_.run();
    return result;
  }

  void Open(beast::error_code& ec) {
    asio::ip::tcp::resolver resolver(io_);
    auto endpoints = resolver.resolve(config_.host, std::to_string(config_.port), ec);
    if (ec) return;
    stream_ = std::make_unique<beast::tcp_stream>(io_);
    ec = Run([&](auto done) { stream_->async_connect(endpoints, done); });
    if (ec) stream_.reset();
  }

  const KannelConfig& config_;
  asio::io_context io_;
  std::unique_ptr<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
};

KannelProvider::KannelProvider(KannelConfig config)
    : config_(std::move(config)), limiter_(config_.rate_per_second) {
  for (int i = 0; i < std::max(1, config_.connections); ++i) {
    idle_.push_back(std::make_unique<Connection>(config_));
  }
}

std::unique_ptr<KannelProvider::Connection> KannelProvider::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty(); });
  auto c = std::move(idle_.back());
  idle_.pop_back();
  return c;
}

void KannelProvider::Release(std::unique_ptr<Connection> c) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(c));
  }
  cv_.notify_one();
}

KannelProvider::~KannelProvider() = default;

std::string KannelProvider::Target(const OutgoingSms& m) const {
  std::string target = "/cgi-bin/sendsms?username=" + UrlEncode(config_.username) +
                       "&password=" + UrlEncode(config_.password) +
                       "&from=" + UrlEncode(m.from.empty() ? config_.default_from : m.from) +
                       "&to=" + UrlEncode(m.to) + "&text=" + UrlEncode(m.text) +
                       "&charset=UTF-8&coding=" + (m.ucs2 ? "2" : "0");
  if (!config_.dlr_url.empty()) {
    // 1 delivered, 2 not delivered to the phone, 16 not delivered to the SMSC.
    target += "&dlr-mask=19&dlr-url=" +
              UrlEncode(Replace(Replace(config_.dlr_url, "{salon}", UrlEncode(m.salon_id)),
                                "{id}", UrlEncode(m.message_id)));
  }
  return target;
}

std::vector<SendResult> KannelProvider::Send(const std::vector<OutgoingSms>& batch) {
  std::vector<SendResult> results(batch.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    auto c = Acquire();
    for (size_t i = next++; i < batch.size(); i = next++) {
      limiter_.Acquire();
      results[i] = c->Get(Target(batch[i]));
    }
    Release(std::move(c));
  };
  const size_t workers = std::min<size_t>(std::max(1, config_.connections), batch.size());
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w) threads.push_back(NamedThread("kannel-send", work));
  if (workers > 0) work();
  for (auto& t : threads) t.join();
  return results;
}

}  // namespace salon
