#include <charconv>

#include "http/handler_kit.h"

#include "app/records.h"
#include "base/hex.h"
#include "codec/json_reader.h"

namespace salon::http {

namespace json = boost::json;

Result<SalonId> AuthorizeSalon(const Call& call, ApiDeps& deps) {
  SALON_ASSIGN_OR_RETURN(Principal p,
                         deps.directory.Authenticate(call.Header(beast_http::field::authorization)));
  SalonId salon{call.Param("salon")};
  if (!p.MayAccess(salon)) return Status::NotFound("no salon '" + salon.value + "'");
  if (p.role == Role::kAdmin) {
    // A salon key proves its salon exists; the admin key does not.
    SALON_RETURN_IF_ERROR(deps.store.Read([&](ReadTxn& txn) -> Status {
      if (!txn.Get(Kind::kSalon, salon.value, salon.value)) {
        return Status::NotFound("no salon '" + salon.value + "'");
      }
      return Status::Ok();
    }));
  }
  return salon;
}

Status AuthorizeAdmin(const Call& call, ApiDeps& deps) {
  SALON_ASSIGN_OR_RETURN(Principal p,
                         deps.directory.Authenticate(call.Header(beast_http::field::authorization)));
  if (p.role != Role::kAdmin) return Status::NotFound("not found");
  return Status::Ok();
}

Result<json::value> BodyJson(const Call& call) {
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

Result<PageParams> ReadPage(const Call& call) {
  PageParams p;
  if (auto limit = call.Query("limit")) {
    int v = 0;
    auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), v);
    if (ec != std::errc() || ptr != limit->data() + limit->size() || v < 1 || v > 500) {
      return Status::Invalid("limit must be 1 to 500", {{"limit", "1 to 500"}});
    }
    p.limit = v;
  }
  if (auto cursor = call.Query("cursor")) p.cursor = *cursor;
  return p;
}

Result<ListQuery> PageQuery(const Call& call, const SalonId& salon) {
  SALON_ASSIGN_OR_RETURN(PageParams page, ReadPage(call));
  ListQuery q;
  q.salon_id = salon.value;
  q.after_id = page.cursor;
  q.limit = page.limit;
  return q;
}

Response ObjectResponse(const Call& call, beast_http::status status,
                        const json::object& body) {
  Response res = Json(status, body, call.request.version());
  if (auto v = body.if_contains("version"); v && v->is_int64()) {
    res.set(beast_http::field::etag, VersionTag(v->get_int64()));
  }
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

Response IdempotentWrite(const Call& call, ApiDeps& deps, const std::string& scope,
                         const WriteFn& fn) {
  const std::string key(call.Header("Idempotency-Key"));
  if (key.size() > 255) {
    return ErrorResponse(call, Status::Invalid("Idempotency-Key is at most 255 characters"));
  }
  // The request's fingerprint: what it does and to what.
  // Only requests with a key are fingerprinted: hashing the body of every
  // write would be wasted on the booking hot path.
  const std::string fingerprint =
      key.empty() ? std::string()
                  : Sha256Hex(std::string(call.request.method_string()) + " " +
                              std::string(call.request.target()) + "\n" + call.request.body());
  const long long now = deps.clock.Now().time_since_epoch().count();

  std::optional<StoredResponse> replay;
  Result<WriteOutcome> outcome = Status::Internal("not run");
  Status s = deps.store.Write([&](WriteTxn& txn) -> Status {
    if (!key.empty()) {
      replay = txn.GetResponse(scope, key);
      if (replay) return Status::Ok();
    }
    outcome = fn(txn);
    if (!outcome.ok()) return outcome.status();
    if (!key.empty()) {
      txn.PutResponse(scope, key,
                      {fingerprint, static_cast<int>(outcome->status),
                       json::serialize(outcome->replay_body.value_or(outcome->body)), now});
    }
    return Status::Ok();
  });
  if (!s.ok()) return ErrorResponse(call, s);
  if (replay) {
    if (replay->request_hash != fingerprint) {
      return ErrorResponse(call, Status::Invalid(
                                     "this Idempotency-Key was used with a different request"));
    }
    json::value body;
    (void)ParseJson(replay->body, body);
    Response res = ObjectResponse(call, static_cast<beast_http::status>(replay->status),
                                  body.is_object() ? body.as_object() : json::object());
    res.set("Idempotent-Replayed", "true");
    return res;
  }
  return ObjectResponse(call, outcome->status, outcome->body);
}

}  // namespace salon::http
