// The salon's users (POST and GET /v1/salons/{salon}/users, PATCH one) and signing in
// and out (/v1/sessions). A session's cookie and CSRF token are shown only
// to the sign-in that made them: POST /v1/sessions is never stored under an
// Idempotency-Key (a stored answer would keep the secret at rest).
#include "codec/people_json.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"
#include "http/identity.h"
#include "http/problem.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

json::object SessionBody(const User& user, const Session& session) {
  return {{"user", ToJson(user)},
          {"salon_id", session.salon_id.value},
          {"csrf_token", session.csrf_token},
          {"expires_at", FormatUtc(session.expires_at)}};
}

// The session of the request's cookie, or kUnauthenticated.
Result<Session> CurrentSession(const Call& call, ApiDeps& deps) {
  auto cookie = CookieValue(call.Header(beast_http::field::cookie), kSessionCookie);
  if (!cookie) return Status::Unauthenticated("not signed in");
  return deps.people.SessionOf(*cookie);
}

void AddUserRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/users";
  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    return SalonWrite(call, deps, Right::kManageSalon, NewUserFromJson,
                      [&](const SalonId& salon, const NewUserRequest& req) {
                        return deps.people.AddUser(
                            salon, req,
                            AnswerWith<User>(call, beast_http::status::created, ToJson));
                      });
  });
  router.Add(verb::patch, base + "/{id}", Dispatch::kBlocking, [&deps](Call& call) {
    return SalonChange(call, deps, Right::kManageSalon, UserChangeFromJson,
                       [&](const SalonId& salon, const UserChange& change, auto if_match) {
                         return deps.people.ChangeUser(
                             salon, UserId{call.Param("id")}, change, if_match,
                             AnswerWith<User>(call, beast_http::status::ok, ToJson));
                       });
  });
  router.Add(verb::get, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kManageSalon);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    auto users = deps.people.Users(*salon, *page);
    if (!users.ok()) return ErrorResponse(call, users.status());
    json::array items;
    for (const User& u : users->items) items.push_back(ToJson(u));
    return ListResponse(call, std::move(items), users->next);
  });
}

void AddSessionRoutes(Router& router, ApiDeps& deps) {
  // Only as JSON: a form on another site cannot send that without the
  // browser asking this origin first, so it cannot sign a visitor in to an
  // account of its choosing (login CSRF).
  router.Add(verb::post, "/v1/sessions", Dispatch::kBlocking, [&deps](Call& call) {
    if (!call.Header(beast_http::field::content_type).starts_with("application/json")) {
      return Problem(beast_http::status::unsupported_media_type,
                     "sign in with Content-Type: application/json", call.request.version());
    }
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto request = SignInFromJson(*body);
    if (!request.ok()) return ErrorResponse(call, request.status());
    auto in = deps.people.SignIn(*request);
    if (!in.ok()) return ErrorResponse(call, in.status());
    Response res = Json(beast_http::status::created, SessionBody(in->user, in->session),
                        call.request.version());
    res.set(beast_http::field::set_cookie, SessionCookie(call, in->cookie));
    res.set(beast_http::field::cache_control, "no-store");
    return res;
  });
  router.Add(verb::get, "/v1/sessions/current", Dispatch::kBlocking, [&deps](Call& call) {
    auto session = CurrentSession(call, deps);
    if (!session.ok()) return ErrorResponse(call, session.status());
    auto user = deps.people.GetUser(session->salon_id, session->user_id);
    if (!user.ok()) return ErrorResponse(call, user.status());
    Response res =
        Json(beast_http::status::ok, SessionBody(*user, *session), call.request.version());
    res.set(beast_http::field::cache_control, "no-store");
    return res;
  });
  // Signing out needs no CSRF token: the worst another site can do with it
  // is sign the person out.
  router.Add(verb::delete_, "/v1/sessions/current", Dispatch::kBlocking, [&deps](Call& call) {
    auto cookie = CookieValue(call.Header(beast_http::field::cookie), kSessionCookie);
    if (cookie) {
      if (Status s = deps.people.SignOut(*cookie); !s.ok()) return ErrorResponse(call, s);
    }
    Response res{beast_http::status::no_content, call.request.version()};
    res.set(beast_http::field::set_cookie, ClearedSessionCookie(call));
    res.prepare_payload();
    return res;
  });
}

}  // namespace

void AddPeopleRoutes(Router& router, ApiDeps& deps) {
  AddUserRoutes(router, deps);
  AddSessionRoutes(router, deps);
}

}  // namespace salon::http
