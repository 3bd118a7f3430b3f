#include "http/problem.h"

#include <algorithm>
#include <string>

#include "base/request_stages.h"

namespace salon::http {

namespace json = boost::json;

beast_http::status HttpStatusOf(Code code) {
  switch (code) {
    case Code::kOk: return beast_http::status::ok;
    case Code::kMalformed: return beast_http::status::bad_request;
    case Code::kInvalid: return beast_http::status::unprocessable_entity;
    case Code::kUnauthenticated: return beast_http::status::unauthorized;
    case Code::kForbidden: return beast_http::status::forbidden;
    case Code::kTooMany: return beast_http::status::too_many_requests;
    case Code::kNotFound: return beast_http::status::not_found;
    case Code::kConflict: return beast_http::status::conflict;
    case Code::kStale: return beast_http::status::precondition_failed;
    case Code::kTooLarge: return beast_http::status::payload_too_large;
    case Code::kUnavailable: return beast_http::status::service_unavailable;
    case Code::kInternal: return beast_http::status::internal_server_error;
  }
  return beast_http::status::internal_server_error;
}

namespace {

Response ProblemBody(beast_http::status s, const std::string& detail,
                     const std::vector<FieldError>& errors, unsigned version) {
  json::object body{{"type", "about:blank"},
                    {"title", std::string(beast_http::obsolete_reason(s))},
                    {"status", static_cast<int>(s)},
                    {"detail", detail}};
  if (!errors.empty()) {
    json::array list;
    for (const FieldError& e : errors) {
      list.push_back(json::object{{"field", e.field}, {"message", e.message}});
    }
    body["errors"] = std::move(list);
  }
  Response res{s, version};
  res.set(beast_http::field::content_type, "application/problem+json");
  res.body() = json::serialize(body);
  res.prepare_payload();
  return res;
}

}  // namespace

Response Problem(const salon::Status& status, unsigned version) {
  beast_http::status s = HttpStatusOf(status.code());
  // Internal details stay in the log, not in the response.
  std::string detail = status.code() == Code::kInternal ? "internal error" : status.message();
  Response res = ProblemBody(s, detail, status.errors(), version);
  if (status.code() == Code::kUnauthenticated) {
    res.set(beast_http::field::www_authenticate, "Bearer");
  }
  if (status.code() == Code::kUnavailable) res.set(beast_http::field::retry_after, "1");
  if (status.code() == Code::kTooMany) {
    res.set(beast_http::field::retry_after, std::to_string(std::max(1LL, status.retry_after())));
  }
  return res;
}

Response Problem(beast_http::status s, const std::string& detail, unsigned version) {
  return ProblemBody(s, detail, {}, version);
}

Response JsonText(beast_http::status status, std::string body, unsigned version) {
  Response res{status, version};
  res.set(beast_http::field::content_type, "application/json; charset=utf-8");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response Json(beast_http::status status, const json::value& body, unsigned version) {
  StageTimer timer("render");
  return JsonText(status, json::serialize(body), version);
}

}  // namespace salon::http
