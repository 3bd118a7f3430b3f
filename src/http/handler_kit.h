// The steps every handler shares: authenticate and scope to a salon, read a
// JSON body, read list and precondition parameters, and run an idempotent
// write. Each answers a Result so handlers read as four steps: parse,
// validate, call the use case, serialise.
#pragma once

#include <boost/json.hpp>

#include <functional>
#include <optional>

#include "base/result.h"
#include "http/api_deps.h"
#include "http/problem.h"
#include "http/router.h"

namespace salon::http {

// The caller's salon: params["salon"] when the key may reach it. Another
// salon's id answers kNotFound, exactly like a missing one.
Result<SalonId> AuthorizeSalon(const Call& call, ApiDeps& deps);
// Ok for the platform admin key only.
Status AuthorizeAdmin(const Call& call, ApiDeps& deps);

// The request body as JSON (kMalformed when it is not).
Result<boost::json::value> BodyJson(const Call& call);
// An object body, or kMalformed.
Result<boost::json::object> BodyObject(const Call& call);

// If-Match as a version number: none when absent; kStale when unparseable.
Result<std::optional<long long>> IfMatch(const Call& call);
// `"<version>"`, the ETag of an object at `version`.
std::string VersionTag(long long version);

struct PageParams {
  int limit = 50;
  std::string cursor;
};
// ?limit= (1–500, default 50) and ?cursor=.
Result<PageParams> ReadPage(const Call& call);
// A list query for one page of `salon`'s objects (the kind is set by List<T>).
Result<ListQuery> PageQuery(const Call& call, const SalonId& salon);

// A JSON response with the object's ETag when it has a version.
Response ObjectResponse(const Call& call, beast_http::status status,
                        const boost::json::object& body);
// {"items": [...], "next": cursor|null}
Response ListResponse(const Call& call, boost::json::array items, const std::string& next);
Response ErrorResponse(const Call& call, const salon::Status& status);

// Runs `fn(ReadTxn&)`, which answers a Result, on a read snapshot; answers
// its result, or the store's own error.
template <typename Fn>
auto ReadResult(ApiDeps& deps, Fn&& fn) -> decltype(fn(std::declval<ReadTxn&>())) {
  decltype(fn(std::declval<ReadTxn&>())) out = Status::Internal("the read did not run");
  Status s = deps.store.Read([&](ReadTxn& txn) {
    out = fn(txn);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

// The outcome of a write: an HTTP status and a JSON body.
struct WriteOutcome {
  beast_http::status status;
  boost::json::object body;
  // What an Idempotency-Key replay answers instead, when `body` holds a
  // secret shown once (a new salon's key): stored replays keep no secret.
  std::optional<boost::json::object> replay_body = std::nullopt;
};
using WriteFn = std::function<Result<WriteOutcome>(WriteTxn&)>;

// Runs `fn` in one durable write transaction. With an Idempotency-Key, the
// first successful response is stored in the same transaction and replayed
// for the same key and body (its replay_body, if set); a different body
// answers 422.
Response IdempotentWrite(const Call& call, ApiDeps& deps, const std::string& scope,
                         const WriteFn& fn);

}  // namespace salon::http
