// JSON forms of the people who sign in and their sessions. A user's public
// form never carries the password hash or failed sign-ins; the stored form
// (ToStoredJson) does.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>

#include "base/result.h"
#include "core/user.h"

namespace salon {

boost::json::object ToJson(const User& u);
boost::json::object ToStoredJson(const User& u);
Result<User> UserFromJson(const boost::json::value& v);

boost::json::object ToJson(const Session& s);
Result<Session> SessionFromJson(const boost::json::value& v);

// POST /v1/salons/{salon}/users.
struct NewUserRequest {
  std::string name;
  std::string email;  // lower case
  std::string password;
  StaffRole role = StaffRole::kStylist;
  std::optional<StaffId> staff_id;
};
Result<NewUserRequest> NewUserFromJson(const boost::json::value& v);

// PATCH /v1/salons/{salon}/users/{id}: what changes (absent: kept).
struct UserChange {
  std::optional<std::string> name;
  std::optional<StaffRole> role;
  std::optional<StaffId> staff_id;
  std::optional<std::string> password;
  std::optional<bool> archived;
};
Result<UserChange> UserChangeFromJson(const boost::json::value& v);

// POST /v1/sessions.
struct SignInRequest {
  std::string email;  // lower case
  std::string password;
};
Result<SignInRequest> SignInFromJson(const boost::json::value& v);

// Passwords: at least kMinPassword characters (bytes of UTF-8), at most kMaxPassword.
inline constexpr size_t kMinPassword = 10;
inline constexpr size_t kMaxPassword = 200;

}  // namespace salon
