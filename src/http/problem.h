// Errors as RFC 9457 problem+json responses. One exhaustive switch maps each
// salon::Code to its HTTP status.
#pragma once

#include <boost/json.hpp>

#include "base/status.h"
#include "http/message.h"

namespace salon::http {

beast_http::status HttpStatusOf(Code code);

// A problem+json response for a non-ok status.
Response Problem(const salon::Status& status, unsigned version = 11);
// A problem+json response with an explicit HTTP status (404 route, 405, 413…).
Response Problem(beast_http::status http_status, const std::string& detail,
                 unsigned version = 11);

// A JSON response.
// A JSON body already written as text.
Response JsonText(beast_http::status status, std::string body, unsigned version);
Response Json(beast_http::status status, const boost::json::value& body,
              unsigned version = 11);

}  // namespace salon::http
