// The HTTP messages handlers take and give: Beast's, with string bodies, so
// a handler is a plain function from request to response, testable without
// a socket.
#pragma once

#include <boost/beast/http.hpp>

namespace salon::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

// GET and HEAD: the methods that change nothing (RFC 9110's safe methods).
inline bool SafeMethod(beast_http::verb method) {
  return method == beast_http::verb::get || method == beast_http::verb::head;
}

}  // namespace salon::http
