// The people of a salon who sign in to its web pages, and their sessions.
// A user's email is unique across the platform (it is what signs in); the
// password is kept only as an argon2id hash (base/password_hash.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/ids.h"
#include "base/clock.h"
#include "core/access.h"

namespace salon {

struct User {
  UserId id;
  SalonId salon_id;
  std::string name;
  std::string email;  // lower case
  StaffRole role = StaffRole::kStylist;
  std::optional<StaffId> staff_id;  // the staff member a stylist is
  std::string password_hash;        // argon2id, encoded (never shown)
  // When the latest failed sign-ins happened (at most kSignInAttempts).
  std::vector<Instant> failed_sign_ins;
  Instant created_at;
  long long version = 1;
  bool archived = false;  // may no longer sign in
};

// A signed-in browser. Stored under the SHA-256 of its secret (the cookie
// holds the secret); its CSRF token must come back on every unsafe request.
struct Session {
  std::string id;  // hex SHA-256 of the cookie's secret
  SalonId salon_id;
  UserId user_id;
  StaffRole role = StaffRole::kStylist;
  std::optional<StaffId> staff_id;
  std::string csrf_token;
  Instant created_at;
  Instant expires_at;
  long long version = 1;
  bool archived = false;  // signed out
};

// Failed sign-ins for one email within kSignInWindow answer 429 from the
// kSignInAttempts-th on, until the oldest of them leaves the window.
inline constexpr int kSignInAttempts = 5;
inline constexpr std::chrono::seconds kSignInWindow{15 * 60};
// A session lasts a working day from sign-in.
inline constexpr std::chrono::seconds kSessionLifetime{12 * 3600};

// When the next sign-in may be tried: none when now; else the instant the
// oldest failure in the window leaves it.
std::optional<Instant> SignInBlockedUntil(const std::vector<Instant>& failures, Instant now);
// `failures` with a failure at `now`, keeping only the latest kSignInAttempts.
std::vector<Instant> WithFailure(std::vector<Instant> failures, Instant now);

}  // namespace salon
