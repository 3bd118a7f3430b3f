#include <charconv>

#include "http/handler_kit.h"

#include "base/hex.h"
#include "base/request_stages.h"
#include "codec/json_reader.h"
#include "http/identity.h"

namespace salon::http {

namespace json = boost::json;

Result<Principal> AuthorizeCaller(const Call& call, ApiDeps& deps, Right right) {
  SALON_ASSIGN_OR_RETURN(Principal p, Identify(call, deps));
  SalonId salon{call.Param("salon")};
  if (!p.MayAccess(salon)) return Status::NotFound("no salon '" + salon.value + "'");
  if (p.role == Role::kAdmin) {
    // A salon key or a session proves its salon exists; the admin key does not.
    SALON_RETURN_IF_ERROR(deps.salons.Exists(salon));
    p.salon_id = salon;
  }
  if (!p.Holds(right)) {
    return Status::Forbidden("the " + std::string(ToString(p.staff_role)) +
                             " role may not do this");
  }
  return p;
}

Result<SalonId> AuthorizeSalon(const Call& call, ApiDeps& deps, Right right) {
  SALON_ASSIGN_OR_RETURN(Principal p, AuthorizeCaller(call, deps, right));
  return p.salon_id;
}

Status AuthorizeAdmin(const Call& call, ApiDeps& deps) {
  SALON_ASSIGN_OR_RETURN(Principal p, Identify(call, deps));
  if (p.role != Role::kAdmin) return Status::NotFound("not found");
  return Status::Ok();
}

Result<json::value> BodyJson(const Call& call) {
  StageTimer timer("parse");
  json::value v;
  SALON_RETURN_IF_ERROR(ParseJson(call.request.body(), v));
  return v;
}

Result<json::object> BodyObject(const Call& call) {
  SALON_ASSIGN_OR_RETURN(json::value v, BodyJson(call));
  if (!v.is_object()) return Status::Malformed("the body must be a JSON object");
  return std::move(v.as_object());
}

Result<std::optional<long long>> IfMatch(const Call& call) {
  std::string_view v = call.Header(beast_http::field::if_match);
  if (v.empty()) return std::optional<long long>();
  if (v.substr(0, 2) == "W/") v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  long long version = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc() || p != v.data() + v.size()) {
    return Status::Stale("If-Match does not name a version of this object");
  }
  return std::optional<long long>(version);
}

std::string VersionTag(long long version) { return "\"" + std::to_string(version) + "\""; }

std::optional<int> QueryInt(const Call& call, std::string_view name, int fallback, int min,
                            int max) {
  auto text = call.Query(name);
  if (!text) return fallback;
  int v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size() || v < min || v > max) {
    return std::nullopt;
  }
  return v;
}

Result<PageRequest> ReadPage(const Call& call) {
  PageRequest p;
  auto limit = QueryInt(call, "limit", 50, 1, 500);
  if (!limit) return Status::Invalid("limit must be 1 to 500", {{"limit", "1 to 500"}});
  p.limit = *limit;
  if (auto cursor = call.Query("cursor")) p.after = *cursor;
  return p;
}

Response ObjectResponse(const Call& call, beast_http::status status,
                        const json::object& body) {
  Response res = Json(status, body, call.request.version());
  if (auto v = body.if_contains("version"); v && v->is_int64()) {
    res.set(beast_http::field::etag, VersionTag(v->get_int64()));
  }
  return res;
}

Response TextResponse(const Call& call, beast_http::status status, std::string body,
                      const char* type) {
  Response res{status, call.request.version()};
  res.set(beast_http::field::content_type, type);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response ListResponse(const Call& call, json::array items, const std::string& next) {
  json::object body{{"items", std::move(items)}};
  body["next"] = next.empty() ? json::value(nullptr) : json::value(next);
  return Json(beast_http::status::ok, body, call.request.version());
}

Response ErrorResponse(const Call& call, const salon::Status& status) {
  if (status.code() == Code::kInternal || status.code() == Code::kUnavailable) {
    call.failure = status.message();
  }
  return Problem(status, call.request.version());
}

std::string Fingerprint(const Call& call) {
  if (call.Header("Idempotency-Key").empty()) return "";
  return Sha256Hex(std::string(call.request.method_string()) + " " +
                   std::string(call.request.target()) + "\n" + call.request.body());
}

Response AnswerResponse(const Call& call, const Result<salon::Answer>& answer) {
  if (!answer.ok()) return ErrorResponse(call, answer.status());
  Response res =
      ObjectResponse(call, static_cast<beast_http::status>(answer->code), answer->body);
  if (answer->replayed) res.set("Idempotent-Replayed", "true");
  return res;
}

}  // namespace salon::http
