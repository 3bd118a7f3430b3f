// People: the users of a salon who sign in to its web pages, and their
// sessions. A session is named by a cookie "<salon id>.<secret>"; the store
// keeps only the SHA-256 of the secret. Sessions are kept in memory in step
// with the store (committed_cache.h), so an authenticated request costs no
// database read once its session is known; signing out anywhere ends it in
// every process. Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "app/answer.h"
#include "app/committed_cache.h"
#include "app/directory.h"
#include "app/page.h"
#include "base/clock.h"
#include "base/lru_map.h"
#include "codec/people_json.h"
#include "core/user.h"

namespace salon {

// A new session: `cookie` is shown once, to the browser.
struct SignedIn {
  Session session;
  User user;
  std::string cookie;
};

class People {
 public:
  People(Store& store, IdSource& ids, const Clock& clock, const CacheOptions& caches = {});
  static constexpr CacheBounds kSessionBounds{50000, 32 << 20};

  // kConflict when the email already signs in (at any salon); kInvalid for
  // a staff member the salon does not have, or a stylist without one.
  Result<Answer> AddUser(const SalonId& salon, const NewUserRequest& request,
                         const Answering<User>& how);
  Result<Page<User>> Users(const SalonId& salon, const PageRequest& page);
  // Applies `change` (kStale for a stale `if_match`); the user's sessions
  // end with it, so a new role or an archived user takes effect at once.
  Result<Answer> ChangeUser(const SalonId& salon, const UserId& id, const UserChange& change,
                            std::optional<long long> if_match, const Answering<User>& how);
  Result<User> GetUser(const SalonId& salon, const UserId& id);

  // kUnauthenticated for a wrong email or password (the same for both);
  // kTooMany while the email has had kSignInAttempts failures in the window.
  Result<SignedIn> SignIn(const SignInRequest& request);
  // The live (not signed out, not expired) session `cookie` names;
  // kUnauthenticated otherwise.
  Result<Session> SessionOf(std::string_view cookie);
  // SessionOf from memory only: none when not cached, or not live.
  std::optional<Session> KnownSession(std::string_view cookie);
  // Ends the session `cookie` names (already ended: ok).
  Status SignOut(std::string_view cookie);

  // Forgets what another process changed (a Store::Watch callback).
  void Forget(const Change& change);

 private:
  struct CookieParts {
    SalonId salon;
    std::string session_id;  // the hash of the secret
  };
  static std::optional<CookieParts> ParseCookie(std::string_view cookie);
  std::optional<Session> Live(std::optional<Session> session, const SalonId& salon) const;
  // Records a failed sign-in of `user` (or, for an unknown email, in memory).
  Status CountFailure(const SalonId& salon, const UserId& user);
  Result<Session> StartSession(const User& user, std::string& cookie);
  // Ends every live session of `user` in `txn`.
  void EndSessions(WriteTxn& txn, const User& user);

  Store& store_;
  IdSource& ids_;
  const Clock& clock_;
  CommittedCache<Session> sessions_;
  // Failed sign-ins of emails nobody signs in with, so that their answers
  // (429 included) are those of a real one: nothing tells them apart.
  std::mutex unknown_mu_;
  LruMap<std::vector<Instant>> unknown_failures_{CacheBounds{10000, 4 << 20}};
};

}  // namespace salon
