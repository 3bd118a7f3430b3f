#include "tools/salonctl/http_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <sys/socket.h>

#include <cerrno>
#include <optional>
#include <strings.h>

namespace salon {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using Steady = std::chrono::steady_clock;

Result<HttpUrl> HttpUrl::Parse(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return Status::Invalid("not an absolute URL: " + std::string(url));
  HttpUrl u;
  const std::string scheme(parsed->scheme());
  if (scheme != "http" && scheme != "https") {
    return Status::Invalid("not an http(s) URL: " + std::string(url));
  }
  u.tls = scheme == "https";
  u.host = std::string(parsed->encoded_host());
  if (u.host.empty()) return Status::Invalid("no host in " + std::string(url));
  if (!u.host.empty() && u.host.front() == '[') u.host = u.host.substr(1, u.host.size() - 2);
  u.port = parsed->has_port() ? std::string(parsed->port()) : (u.tls ? "443" : "80");
  u.target = std::string(parsed->encoded_path());
  if (u.target.empty()) u.target = "/";
  if (parsed->has_query()) u.target += "?" + std::string(parsed->encoded_query());
  return u;
}

std::string HttpAnswer::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n.size() == name.size() && ::strncasecmp(n.data(), name.data(), n.size()) == 0) return v;
  }
  return "";
}

// One connection, plain or TLS; every operation runs to its end or to the
// request's deadline on a private io_context (Beast's timeouts apply to
// asynchronous operations only).
class HttpClient::Connection {
 public:
  explicit Connection(const HttpUrl& origin) : origin_(origin) {}

  beast::error_code Open(Steady::time_point deadline) {
    beast::error_code ec;
    asio::ip::tcp::resolver::results_type endpoints;
    {
      // Name resolution has no expiry of its own: a timer cancels it.
      asio::ip::tcp::resolver resolver(io_);
      asio::steady_timer timer(io_, deadline);
      bool timed_out = false;
      timer.async_wait([&](beast::error_code e) {
        if (!e) {
          timed_out = true;
          resolver.cancel();
        }
      });
      resolver.async_resolve(origin_.host, origin_.port,
                             [&](beast::error_code e, asio::ip::tcp::resolver::results_type r) {
                               ec = e;
                               endpoints = std::move(r);
                               timer.cancel();
                             });
      io_.restart();
      io_.run();
      if (timed_out) return beast::error::timeout;
      if (ec) return ec;
    }
    if (origin_.tls) {
      tls_context_.emplace(ssl::context::tls_client);
      tls_context_->set_default_verify_paths();
      tls_context_->set_verify_mode(ssl::verify_peer);
      tls_ = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io_, *tls_context_);
      // The name the server's certificate must carry, sent as SNI.
      if (!SSL_set_tlsext_host_name(tls_->native_handle(), origin_.host.c_str())) {
        return beast::error_code(int(::ERR_get_error()), asio::error::get_ssl_category());
      }
      tls_->set_verify_callback(ssl::host_name_verification(origin_.host));
      ec = Run(deadline, [&](auto done) {
        beast::get_lowest_layer(*tls_).async_connect(endpoints, done);
      });
      if (ec) return ec;
      return Run(deadline, [&](auto done) {
        tls_->async_handshake(ssl::stream_base::client, done);
      });
    }
    plain_ = std::make_unique<beast::tcp_stream>(io_);
    ec = Run(deadline, [&](auto done) { plain_->async_connect(endpoints, done); });
    if (!ec) plain_->socket().set_option(asio::ip::tcp::no_delay(true));
    return ec;
  }

  // Whether the server has closed the idle connection (or sent bytes no
  // request asked for, which ends it as well).
  bool PeerClosed() {
    auto& socket = tls_ ? beast::get_lowest_layer(*tls_).socket() : plain_->socket();
    char byte;
    const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
  }

  beast::error_code Write(http::request<http::string_body>& req, Steady::time_point deadline) {
    return Run(deadline, [&](auto done) {
      if (tls_) {
        http::async_write(*tls_, req, done);
      } else {
        http::async_write(*plain_, req, done);
      }
    });
  }

  beast::error_code Read(http::response_parser<http::string_body>& parser,
                         Steady::time_point deadline) {
    return Run(deadline, [&](auto done) {
      if (tls_) {
        http::async_read(*tls_, buffer_, parser, done);
      } else {
        http::async_read(*plain_, buffer_, parser, done);
      }
    });
  }

 private:
  template <typename Start>
  beast::error_code Run(Steady::time_point deadline, Start start) {
    beast::error_code result;
    if (tls_) {
      beast::get_lowest_layer(*tls_).expires_at(deadline);
    } else if (plain_) {
      plain_->expires_at(deadline);
    }
    start([&](beast::error_code ec, auto&&...) { result = ec; });
    io_.restart();
    io_.run();
    return result;
  }

  const HttpUrl& origin_;
  asio::io_context io_;
  std::optional<ssl::context> tls_context_;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls_;
  std::unique_ptr<beast::tcp_stream> plain_;
  beast::flat_buffer buffer_;
};

HttpClient::HttpClient(HttpUrl origin, std::chrono::milliseconds timeout)
    : origin_(std::move(origin)), timeout_(timeout) {}

HttpClient::~HttpClient() = default;

namespace {

Status Failed(const HttpUrl& origin, const std::string& what, beast::error_code ec,
              std::chrono::milliseconds timeout) {
  const std::string where = origin.host + ":" + origin.port;
  if (ec == beast::error::timeout) {
    return Status::Unavailable(what + " " + where + ": timed out after " +
                               std::to_string(timeout.count()) + " ms");
  }
  return Status::Unavailable(what + " " + where + ": " + ec.message());
}

bool ClosedBeforeAnswer(beast::error_code ec) {
  return ec == http::error::end_of_stream || ec == ssl::error::stream_truncated ||
         ec == asio::error::connection_reset;
}

}  // namespace

Result<HttpAnswer> HttpClient::Send(std::string_view method, const std::string& target,
                                    const HttpHeaders& headers, const std::string& body) {
  const auto deadline = Steady::now() + timeout_;
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  const bool default_port = origin_.port == (origin_.tls ? "443" : "80");
  req.set(http::field::host, default_port ? origin_.host : origin_.host + ":" + origin_.port);
  req.set(http::field::user_agent, "salonctl");
  req.keep_alive(true);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();

  for (int attempt = 0; attempt < 2; ++attempt) {
    if (connection_ && connection_->PeerClosed()) connection_.reset();
    const bool reused = connection_ != nullptr;
    if (!reused) {
      connection_ = std::make_unique<Connection>(origin_);
      beast::error_code ec = connection_->Open(deadline);
      if (ec) {
        connection_.reset();
        return Failed(origin_, "connecting to", ec, timeout_);
      }
    }
    beast::error_code ec = connection_->Write(req, deadline);
    if (ec) {
      connection_.reset();
      if (reused && attempt == 0 && ec != beast::error::timeout) continue;  // not sent: afresh
      return Failed(origin_, "sending to", ec, timeout_);
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 << 20);
    ec = connection_->Read(parser, deadline);
    if (ec) {
      connection_.reset();
      // Closed without a byte of answer on a kept-alive connection: the
      // server closed it before reading the request, so it is sent again.
      if (reused && attempt == 0 && ClosedBeforeAnswer(ec)) continue;
      return Failed(origin_, "no answer from", ec, timeout_);
    }
    auto res = parser.release();
    if (!res.keep_alive()) connection_.reset();
    HttpAnswer answer;
    answer.status = int(res.result_int());
    answer.body = std::move(res.body());
    for (const auto& field : res) {
      answer.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    return answer;
  }
  return Status::Unavailable("no answer from " + origin_.host + ":" + origin_.port);
}

}  // namespace salon
