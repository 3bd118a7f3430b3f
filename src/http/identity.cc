#include "http/identity.h"

#include <openssl/crypto.h>

namespace salon::http {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::string_view> SessionCookieOf(const Call& call) {
  return CookieValue(call.Header(beast_http::field::cookie), kSessionCookie);
}

std::string CookieAttributes(const Call& call) {
  std::string attributes = "; Path=/; HttpOnly; SameSite=Lax";
  if (call.Header("X-Forwarded-Proto") == "https") attributes += "; Secure";
  return attributes;
}

}  // namespace

std::optional<std::string_view> CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view pair = Trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return std::nullopt;
}

Principal PersonOf(const Session& session) {
  return Principal{Role::kPerson, session.salon_id, session.role, session.staff_id};
}

Result<Principal> Identify(const Call& call, ApiDeps& deps) {
  const std::string_view authorization = call.Header(beast_http::field::authorization);
  auto cookie = SessionCookieOf(call);
  if (!authorization.empty() || !cookie) return deps.directory.Authenticate(authorization);
  SALON_ASSIGN_OR_RETURN(Session session, deps.people.SessionOf(*cookie));
  if (!SafeMethod(call.request.method())) {
    const std::string_view token = call.Header("X-CSRF-Token");
    if (token.size() != session.csrf_token.size() ||
        CRYPTO_memcmp(token.data(), session.csrf_token.data(), token.size()) != 0) {
      return Status::Forbidden("send the X-CSRF-Token that signing in answered");
    }
  }
  return PersonOf(session);
}

std::optional<Principal> KnownIdentity(const Call& call, ApiDeps& deps) {
  const std::string_view authorization = call.Header(beast_http::field::authorization);
  auto cookie = SessionCookieOf(call);
  if (!authorization.empty() || !cookie) return deps.directory.KnownCaller(authorization);
  auto session = deps.people.KnownSession(*cookie);
  if (!session) return std::nullopt;
  return PersonOf(*session);
}

std::string SessionCookie(const Call& call, const std::string& cookie) {
  return std::string(kSessionCookie) + "=" + cookie + CookieAttributes(call) +
         "; Max-Age=" + std::to_string(kSessionLifetime.count());
}

std::string ClearedSessionCookie(const Call& call) {
  return std::string(kSessionCookie) + "=" + CookieAttributes(call) + "; Max-Age=0";
}

}  // namespace salon::http
