// Who sends a request: a key in `Authorization: Bearer <key>` (the admin
// key or a salon key), else the session cookie a sign-in set. A request
// made with the cookie by any method but GET and HEAD must carry the
// session's X-CSRF-Token (else 403): another site can make a browser send
// the cookie, never read the token.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/people.h"
#include "http/api_deps.h"
#include "http/router.h"

namespace salon::http {

inline constexpr std::string_view kSessionCookie = "salon_session";

// The value of cookie `name` in a Cookie header (RFC 6265 §5.4), or none.
std::optional<std::string_view> CookieValue(std::string_view header, std::string_view name);

// The caller; kUnauthenticated when neither credential is good, kForbidden
// for an unsafe request by cookie without its CSRF token.
Result<Principal> Identify(const Call& call, ApiDeps& deps);
// Identify from memory only (a GET): none when it would need the store.
std::optional<Principal> KnownIdentity(const Call& call, ApiDeps& deps);

// The Principal of a person in `session`.
Principal PersonOf(const Session& session);

// Set-Cookie values: one that keeps `cookie` for the session's lifetime, and
// one that removes it. Secure when the request came over TLS (a proxy's
// X-Forwarded-Proto).
std::string SessionCookie(const Call& call, const std::string& cookie);
std::string ClearedSessionCookie(const Call& call);

}  // namespace salon::http
