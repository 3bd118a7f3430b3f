// HttpClient: one keep-alive HTTP/1.1 connection to the origin of a URL
// (http://, or https:// with the peer's certificate and host name verified),
// for the heartbeat's requests and its chat webhook. Every request is bounded
// by a timeout from connecting to the last byte of the answer, so nothing it
// sends can hang. salon-load's SetupClient does not fit here: it has no
// timeout, no request headers and no TLS. One thread at a time.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace salon {

// An absolute http:// or https:// URL, taken apart.
struct HttpUrl {
  bool tls = false;
  std::string host;
  std::string port;    // "80" or "443" unless the URL gives one
  std::string target;  // the path and query, "/" at least

  // kInvalid unless `url` is an absolute http(s) URL with a host.
  static Result<HttpUrl> Parse(std::string_view url);
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpAnswer {
  int status = 0;
  std::string body;
  HttpHeaders headers;

  // The first header of that name (case-insensitive), else "".
  std::string Header(std::string_view name) const;
};

class HttpClient {
 public:
  // Connects lazily, to `origin`'s host and port (its target is ignored).
  HttpClient(HttpUrl origin, std::chrono::milliseconds timeout);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request to `target` (a path and query) with `headers` and,
  // unless empty, a JSON `body`; answers whatever status came back. Errors
  // (kUnavailable): no connection, a TLS failure, a timeout, no answer. A
  // kept-alive connection the server had closed before reading the request
  // is re-made once.
  Result<HttpAnswer> Send(std::string_view method, const std::string& target,
                          const HttpHeaders& headers = {}, const std::string& body = "");

  const HttpUrl& origin() const { return origin_; }

 private:
  class Connection;

  HttpUrl origin_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace salon
