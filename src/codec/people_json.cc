#include "codec/people_json.h"

#include <algorithm>
#include <cctype>

#include "codec/json_fields.h"
#include "codec/json_reader.h"

namespace salon {

namespace json = boost::json;

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

// An address of the form local@domain.tld, without spaces: what a person
// types to sign in, not RFC 5322's every form.
bool LooksLikeEmail(std::string_view e) {
  const size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = e.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= ' ' || c == 127; });
}

void ReadEmail(JsonReader& r, std::string& out) {
  auto email = r.String("email", Need::kRequired, 254);
  if (!email) return;
  if (!LooksLikeEmail(*email)) {
    r.ValueError(r.Field("email"), "not an email address");
    return;
  }
  out = Lower(*email);
}

void ReadRole(JsonReader& r, StaffRole& out) {
  auto text = r.String("role", Need::kRequired, 20);
  if (!text) return;
  if (auto role = ParseStaffRole(*text)) {
    out = *role;
  } else {
    r.ValueError(r.Field("role"), "one of owner, manager, front_desk, stylist");
  }
}

// "password": kMinPassword to kMaxPassword characters (a shorter one is a
// field error of `r`).
std::optional<std::string> ReadPassword(JsonReader& r, Need need) {
  auto x = r.String("password", need, kMaxPassword);
  if (x && x->size() < kMinPassword) {
    r.ValueError(r.Field("password"), "at least " + std::to_string(kMinPassword) + " characters");
  }
  return x;
}

void ReadStaffId(JsonReader& r, std::optional<StaffId>& out) {
  StaffId id;
  ReadId(r, "staff_id", id);
  if (!id.value.empty()) out = id;
}

}  // namespace

json::object ToJson(const User& u) {
  json::object o{{"id", u.id.value},
                 {"salon_id", u.salon_id.value},
                 {"name", u.name},
                 {"email", u.email},
                 {"role", ToString(u.role)},
                 {"created_at", TimeText(u.created_at, nullptr)},
                 {"version", u.version},
                 {"archived", u.archived}};
  if (u.staff_id) o["staff_id"] = u.staff_id->value;
  return o;
}

json::object ToStoredJson(const User& u) {
  json::object o = ToJson(u);
  o["password_hash"] = u.password_hash;
  json::array failures;
  for (Instant t : u.failed_sign_ins) failures.push_back(json::value(TimeText(t, nullptr)));
  o["failed_sign_ins"] = std::move(failures);
  return o;
}

Result<User> UserFromJson(const json::value& v) {
  JsonReader r(v);
  User u;
  ReadId(r, "id", u.id, Need::kRequired);
  ReadId(r, "salon_id", u.salon_id, Need::kRequired);
  if (auto x = r.String("name", Need::kRequired, 200)) u.name = *x;
  if (auto x = r.String("email", Need::kRequired, 254)) u.email = *x;
  ReadRole(r, u.role);
  ReadStaffId(r, u.staff_id);
  if (auto x = r.String("password_hash", Need::kOptional, 400)) u.password_hash = *x;
  if (const json::array* failures = r.Array("failed_sign_ins", Need::kOptional)) {
    for (const json::value& f : *failures) {
      if (!f.is_string()) continue;
      if (auto t = ParseInstant(f.as_string()); t.ok()) u.failed_sign_ins.push_back(*t);
    }
  }
  ReadInstant(r, "created_at", u.created_at);
  ReadVersion(r, u.version);
  if (auto x = r.Bool("archived", Need::kOptional)) u.archived = *x;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the user"));
  return u;
}

json::object ToJson(const Session& s) {
  json::object o{{"id", s.id},
                 {"salon_id", s.salon_id.value},
                 {"user_id", s.user_id.value},
                 {"role", ToString(s.role)},
                 {"csrf_token", s.csrf_token},
                 {"created_at", TimeText(s.created_at, nullptr)},
                 {"expires_at", TimeText(s.expires_at, nullptr)},
                 {"version", s.version},
                 {"archived", s.archived}};
  if (s.staff_id) o["staff_id"] = s.staff_id->value;
  return o;
}

Result<Session> SessionFromJson(const json::value& v) {
  JsonReader r(v);
  Session s;
  if (auto x = r.String("id", Need::kRequired, 64)) s.id = *x;
  ReadId(r, "salon_id", s.salon_id, Need::kRequired);
  ReadId(r, "user_id", s.user_id, Need::kRequired);
  ReadRole(r, s.role);
  ReadStaffId(r, s.staff_id);
  if (auto x = r.String("csrf_token", Need::kRequired, 128)) s.csrf_token = *x;
  ReadInstant(r, "created_at", s.created_at);
  ReadInstant(r, "expires_at", s.expires_at);
  ReadVersion(r, s.version);
  if (auto x = r.Bool("archived", Need::kOptional)) s.archived = *x;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the session"));
  return s;
}

Result<NewUserRequest> NewUserFromJson(const json::value& v) {
  JsonReader r(v);
  NewUserRequest u;
  if (auto x = r.Name("name", Need::kRequired, 200)) u.name = *x;
  ReadEmail(r, u.email);
  if (auto x = ReadPassword(r, Need::kRequired)) u.password = *x;
  ReadRole(r, u.role);
  ReadStaffId(r, u.staff_id);
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the user"));
  return u;
}

Result<UserChange> UserChangeFromJson(const json::value& v) {
  JsonReader r(v);
  UserChange c;
  if (auto x = r.Name("name", Need::kOptional, 200)) c.name = *x;
  if (r.Has("role")) {
    StaffRole role = StaffRole::kStylist;
    ReadRole(r, role);
    c.role = role;
  }
  ReadStaffId(r, c.staff_id);
  c.password = ReadPassword(r, Need::kOptional);
  if (auto x = r.Bool("archived", Need::kOptional)) c.archived = *x;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the change"));
  return c;
}

Result<SignInRequest> SignInFromJson(const json::value& v) {
  JsonReader r(v);
  SignInRequest s;
  if (auto x = r.String("email", Need::kRequired, 254)) s.email = Lower(*x);
  if (auto x = r.String("password", Need::kRequired, kMaxPassword)) s.password = *x;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the sign-in"));
  return s;
}

}  // namespace salon
