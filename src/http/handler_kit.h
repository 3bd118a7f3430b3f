// The steps every handler shares: authenticate and scope to a salon, read a
// JSON body, read list and precondition parameters, and run an idempotent
// write. Each answers a Result so handlers read as four steps: parse,
// validate, call the use case, serialise.
#pragma once

#include <boost/json.hpp>

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "app/answer.h"
#include "app/answered_write.h"
#include "app/page.h"
#include "base/result.h"
#include "http/api_deps.h"
#include "http/problem.h"
#include "http/router.h"

namespace salon::http {

// The caller's salon: params["salon"] when the caller (http/identity.h) may
// reach it and holds `right` (core/access.h). Another salon's id answers
// kNotFound, exactly like a missing one; a right the caller's role lacks,
// kForbidden.
Result<SalonId> AuthorizeSalon(const Call& call, ApiDeps& deps, Right right);
// The same, answering the caller (its salon_id is the salon's).
Result<Principal> AuthorizeCaller(const Call& call, ApiDeps& deps, Right right);
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

// ?`name`= as a whole number in [min, max], `fallback` when absent; none
// when it is not one.
std::optional<int> QueryInt(const Call& call, std::string_view name, int fallback, int min,
                            int max);
// ?limit= (1–500, default 50) and ?cursor=.
Result<PageRequest> ReadPage(const Call& call);

// A JSON response with the object's ETag when it has a version.
Response ObjectResponse(const Call& call, beast_http::status status,
                        const boost::json::object& body);
// {"items": [...], "next": cursor|null}
// `body` as it is, of media type `type`.
Response TextResponse(const Call& call, beast_http::status status, std::string body,
                      const char* type = "text/plain; charset=utf-8");
Response ListResponse(const Call& call, boost::json::array items, const std::string& next);
Response ErrorResponse(const Call& call, const salon::Status& status);

// What a write does and to what: only requests with an Idempotency-Key are
// fingerprinted (hashing every write's body would be wasted on the booking
// hot path).
std::string Fingerprint(const Call& call);

// How the caller of a write wants it answered (app/answer.h): its
// Idempotency-Key, the request's fingerprint, and `answer` for the result.
template <typename T>
Answering<T> AnswerAs(const Call& call, std::function<salon::Answer(const T&)> answer) {
  return Answering<T>{std::string(call.Header("Idempotency-Key")), Fingerprint(call),
                      std::move(answer)};
}

// AnswerAs for a result answered with `status` and its JSON, `to_json(result)`.
template <typename T>
Answering<T> AnswerWith(const Call& call, beast_http::status status,
                        boost::json::object (*to_json)(const T&)) {
  return AnswerAs<T>(call, [status, to_json](const T& v) {
    return salon::Answer{int(status), to_json(v)};
  });
}

// The response of a write's answer (marked when it is a replay), or of its
// error.
Response AnswerResponse(const Call& call, const Result<salon::Answer>& answer);

// The first steps of a write into a salon: the caller's salon, authorised
// for `right`, and the JSON body parsed by `parse` (→ Result<Request>).
template <typename Parse>
auto SalonRequest(const Call& call, ApiDeps& deps, Right right, Parse parse)
    -> Result<std::pair<SalonId, std::decay_t<decltype(*parse(boost::json::value()))>>> {
  auto salon = AuthorizeSalon(call, deps, right);
  if (!salon.ok()) return salon.status();
  auto body = BodyJson(call);
  if (!body.ok()) return body.status();
  auto req = parse(*body);
  if (!req.ok()) return req.status();
  return std::pair{std::move(*salon), std::move(*req)};
}

// A write into a salon, in the steps every one takes: authorise the caller
// for `right`, parse the JSON body by `parse` (→ Result<Request>), call the use case
// `write(salon, request)` (→ Result<Answer>), answer.
template <typename Parse, typename Write>
Response SalonWrite(const Call& call, ApiDeps& deps, Right right, Parse parse, Write write) {
  auto asked = SalonRequest(call, deps, right, parse);
  if (!asked.ok()) return ErrorResponse(call, asked.status());
  return AnswerResponse(call, write(asked->first, asked->second));
}

// SalonWrite for a use case that hands its outcome on once committed,
// `write(salon, request, then)` (app/answered_write.h). When it does so
// after returning (`later`: AnswersLater) and the server can answer later
// (Call::AnswerLater), this thread is free as soon as the write is queued,
// and the response is made when `then` is called; otherwise this thread
// waits for it.
template <typename Parse, typename Write>
Response SalonWriteLater(Call& call, ApiDeps& deps, Right right, Parse parse, bool later,
                         Write write) {
  auto asked = SalonRequest(call, deps, right, parse);
  if (!asked.ok()) return ErrorResponse(call, asked.status());
  auto& [salon, req] = *asked;
  if (auto reply = later ? call.AnswerLater() : nullptr) {
    write(salon, req, [reply = std::move(reply), &call](Written written) {
      reply([&call, answer = std::move(written.answer)] { return AnswerResponse(call, answer()); });
    });
    return Response{};
  }
  WrittenWait written;
  write(salon, req, written.Then());
  return AnswerResponse(call, written.Wait().answer());
}

// A change of one object of a salon (PATCH), in the same steps as SalonWrite
// with the If-Match version read too: `write(salon, request, if_match)`.
template <typename Parse, typename Write>
Response SalonChange(const Call& call, ApiDeps& deps, Right right, Parse parse, Write write) {
  auto salon = AuthorizeSalon(call, deps, right);
  if (!salon.ok()) return ErrorResponse(call, salon.status());
  auto if_match = IfMatch(call);
  if (!if_match.ok()) return ErrorResponse(call, if_match.status());
  auto body = BodyJson(call);
  if (!body.ok()) return ErrorResponse(call, body.status());
  auto req = parse(*body);
  if (!req.ok()) return ErrorResponse(call, req.status());
  return AnswerResponse(call, write(*salon, *req, *if_match));
}

}  // namespace salon::http
