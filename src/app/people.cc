#include "app/people.h"

#include <openssl/crypto.h>

#include "app/answered_write.h"
#include "app/records.h"
#include "base/hex.h"
#include "base/password_hash.h"

namespace salon {

namespace {

// The platform-wide handle of an email, in the salon keys' table. Never a
// key's hash: those are 64 hex digits without a colon.
std::string EmailHandle(const std::string& email) { return "email:" + Sha256Hex(email); }

// A hash to check when the email is unknown, so that a wrong email costs
// the time a wrong password does.
const std::string& DecoyHash() {
  static const std::string hash = HashPassword("no user signs in with this");
  return hash;
}

Status WrongCredentials() { return Status::Unauthenticated("wrong email or password"); }

long long SecondsUntil(Instant later, Instant now) {
  return std::max<long long>(1, (later - now).count());
}

// The user who signs in with `email` at `salon`, or none.
std::optional<User> UserByEmail(ReadTxn& txn, const SalonId& salon, const std::string& email) {
  ListQuery q;
  q.kind = Kind::kUser;
  q.salon_id = salon;
  q.search = email;  // a substring: the exact one is picked below
  q.include_archived = true;
  q.limit = 500;
  for (const Record& r : txn.List(q)) {
    if (r.search != email) continue;
    auto user = FromRecord<User>(r);
    if (user.ok()) return *user;
  }
  return std::nullopt;
}

// A stylist is one of the salon's staff (their appointments are theirs).
Status StylistIsStaff(StaffRole role, const std::optional<StaffId>& staff) {
  if (role == StaffRole::kStylist && !staff) {
    return Status::Invalid("a stylist is one of the salon's staff",
                           {{"staff_id", "required for the stylist role"}});
  }
  return Status::Ok();
}

// A user's staff member, if any, is one of the salon's.
Status KnownStaff(ReadTxn& txn, const SalonId& salon, const std::optional<StaffId>& staff) {
  if (staff && !Load<Staff>(txn, salon, staff->value).ok()) {
    return Status::Invalid("no such staff member",
                           {{"staff_id", "no staff member '" + staff->value + "'"}});
  }
  return Status::Ok();
}

}  // namespace

People::People(Store& store, IdSource& ids, const Clock& clock, const CacheOptions& caches)
    : store_(store),
      ids_(ids),
      clock_(clock),
      sessions_(caches.Scaled(kSessionBounds), [](const Session&) { return std::size_t(256); },
                caches.MetricsOf("sessions", caches.Scaled(kSessionBounds))) {}

Result<Answer> People::AddUser(const SalonId& salon, const NewUserRequest& request,
                               const Answering<User>& how) {
  SALON_RETURN_IF_ERROR(StylistIsStaff(request.role, request.staff_id));
  User user;
  user.id = UserId{ids_.NewId(RecordTraits<User>::kPrefix)};
  user.salon_id = salon;
  user.name = request.name;
  user.email = request.email;
  user.role = request.role;
  user.staff_id = request.staff_id;
  user.created_at = clock_.Now();
  user.password_hash = HashPassword(request.password);  // slow: before the transaction
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<User> {
    SALON_RETURN_IF_ERROR(KnownStaff(txn, salon, user.staff_id));
    const std::string handle = EmailHandle(user.email);
    if (txn.SalonIdByKeyHash(handle)) {
      return Status::Conflict("a user already signs in with '" + user.email + "'");
    }
    txn.PutSalonKey(handle, salon);
    Save(txn, user);
    return user;
  });
}

Result<Answer> People::ChangeUser(const SalonId& salon, const UserId& id,
                                  const UserChange& change, std::optional<long long> if_match,
                                  const Answering<User>& how) {
  // Slow: before the transaction.
  const std::string hash = change.password ? HashPassword(*change.password) : "";
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<User> {
    SALON_ASSIGN_OR_RETURN(User user, Load<User>(txn, salon, id.value));
    if (if_match && *if_match != user.version) {
      return Status::Stale("the user is at version " + std::to_string(user.version));
    }
    if (change.name) user.name = *change.name;
    if (change.role) user.role = *change.role;
    if (change.staff_id) {
      SALON_RETURN_IF_ERROR(KnownStaff(txn, salon, change.staff_id));
      user.staff_id = change.staff_id;
    }
    SALON_RETURN_IF_ERROR(StylistIsStaff(user.role, user.staff_id));
    if (change.password) {
      user.password_hash = hash;
      user.failed_sign_ins.clear();
    }
    if (change.archived) user.archived = *change.archived;
    ++user.version;
    Save(txn, user);
    EndSessions(txn, user);
    return user;
  });
}

void People::EndSessions(WriteTxn& txn, const User& user) {
  ListQuery q;
  q.kind = Kind::kSession;
  q.salon_id = user.salon_id;
  q.parent_ids = {user.id.value};
  q.limit = 1000;
  for (std::vector<Record> page = txn.List(q); !page.empty(); page = txn.List(q)) {
    for (const Record& r : page) {
      auto s = FromRecord<Session>(r);
      if (!s.ok() || s->archived) continue;
      s->archived = true;
      ++s->version;
      Save(txn, *s);
      txn.OnCommit([this, ended = *s, h = txn.Horizon()] { sessions_.Assign(ended.id, ended, h); });
    }
    if (int(page.size()) < q.limit) break;
    q.after_id = page.back().id;
  }
}

Result<Page<User>> People::Users(const SalonId& salon, const PageRequest& page) {
  return ReadResult(store_, [&](ReadTxn& txn) {
    ListQuery q = PageQuery(salon, page);
    q.include_archived = true;
    return List<User>(txn, q);
  });
}

Result<User> People::GetUser(const SalonId& salon, const UserId& id) {
  return ReadResult(store_, [&](ReadTxn& txn) { return Load<User>(txn, salon, id.value); });
}

Result<SignedIn> People::SignIn(const SignInRequest& request) {
  const Instant now = clock_.Now();
  std::optional<User> user;
  SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
    if (auto salon = txn.SalonIdByKeyHash(EmailHandle(request.email))) {
      user = UserByEmail(txn, SalonId{*salon}, request.email);
    }
    return Status::Ok();
  }));
  std::vector<Instant> failures;
  if (user) {
    failures = user->failed_sign_ins;
  } else {
    std::lock_guard lock(unknown_mu_);
    if (auto* known = unknown_failures_.Find(request.email)) failures = *known;
  }
  if (auto until = SignInBlockedUntil(failures, now)) {
    return Status::TooMany("too many failed sign-ins; try again later", SecondsUntil(*until, now));
  }
  const bool matches = PasswordMatches(request.password, user ? user->password_hash : DecoyHash());
  if (!user || user->archived || !matches) {
    if (user) {
      SALON_RETURN_IF_ERROR(CountFailure(user->salon_id, user->id));
    } else {
      std::lock_guard lock(unknown_mu_);
      unknown_failures_.Put(request.email, WithFailure(failures, now),
                            kSignInAttempts * sizeof(Instant), [](auto&&...) {});
    }
    return WrongCredentials();
  }
  SignedIn in{{}, *user, {}};
  SALON_ASSIGN_OR_RETURN(in.session, StartSession(*user, in.cookie));
  return in;
}

Status People::CountFailure(const SalonId& salon, const UserId& id) {
  return store_.Write([&](WriteTxn& txn) -> Status {
    auto user = Load<User>(txn, salon, id.value);
    if (!user.ok()) return user.status();
    user->failed_sign_ins = WithFailure(user->failed_sign_ins, clock_.Now());
    Save(txn, *user);
    return Status::Ok();
  });
}

Result<Session> People::StartSession(const User& user, std::string& cookie) {
  const std::string secret = ids_.NewSecret(32);
  Session s;
  s.id = Sha256Hex(secret);
  s.salon_id = user.salon_id;
  s.user_id = user.id;
  s.role = user.role;
  s.staff_id = user.staff_id;
  s.csrf_token = ids_.NewSecret(16);
  s.created_at = clock_.Now();
  s.expires_at = s.created_at + kSessionLifetime;
  SALON_RETURN_IF_ERROR(store_.Write([&](WriteTxn& txn) -> Status {
    auto current = Load<User>(txn, user.salon_id, user.id.value);
    if (!current.ok()) return current.status();
    if (!current->failed_sign_ins.empty()) {  // a success forgives earlier failures
      current->failed_sign_ins.clear();
      Save(txn, *current);
    }
    Save(txn, s);
    txn.OnCommit([this, s, h = txn.Horizon()] { sessions_.Assign(s.id, s, h); });
    return Status::Ok();
  }));
  cookie = user.salon_id.value + "." + secret;
  return s;
}

std::optional<People::CookieParts> People::ParseCookie(std::string_view cookie) {
  const size_t dot = cookie.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 64) return std::nullopt;
  const std::string_view secret = cookie.substr(dot + 1);
  if (secret.size() != 64) return std::nullopt;
  return CookieParts{SalonId{std::string(cookie.substr(0, dot))}, Sha256Hex(secret)};
}

std::optional<Session> People::Live(std::optional<Session> session, const SalonId& salon) const {
  if (!session || session->archived || session->salon_id != salon) return std::nullopt;
  if (session->expires_at <= clock_.Now()) return std::nullopt;
  return session;
}

std::optional<Session> People::KnownSession(std::string_view cookie) {
  auto parts = ParseCookie(cookie);
  if (!parts) return std::nullopt;
  return Live(sessions_.Find(parts->session_id), parts->salon);
}

Result<Session> People::SessionOf(std::string_view cookie) {
  auto parts = ParseCookie(cookie);
  if (!parts) return Status::Unauthenticated("not signed in");
  const std::uint64_t ticket = sessions_.Ticket();
  std::optional<Session> session = sessions_.Find(parts->session_id);
  if (!session) {
    SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
      auto r = txn.Get(Kind::kSession, parts->salon, parts->session_id);
      if (!r) return Status::Ok();
      auto loaded = FromRecord<Session>(*r);
      if (!loaded.ok()) return loaded.status();
      session = *loaded;
      sessions_.Emplace(parts->session_id, *loaded, txn.Horizon(), ticket);
      return Status::Ok();
    }));
  }
  auto live = Live(session, parts->salon);
  if (!live) return Status::Unauthenticated("not signed in, or the session has ended");
  return *live;
}

Status People::SignOut(std::string_view cookie) {
  auto parts = ParseCookie(cookie);
  if (!parts) return Status::Ok();
  return store_.Write([&](WriteTxn& txn) -> Status {
    auto r = txn.Get(Kind::kSession, parts->salon, parts->session_id);
    if (!r) return Status::Ok();
    SALON_ASSIGN_OR_RETURN(Session s, FromRecord<Session>(*r));
    if (s.archived) return Status::Ok();
    s.archived = true;
    ++s.version;
    Save(txn, s);
    txn.OnCommit([this, s, h = txn.Horizon()] { sessions_.Assign(s.id, s, h); });
    return Status::Ok();
  });
}

void People::Forget(const Change& change) {
  if (change.what == Change::What::kAll) {
    sessions_.ForgetAll(change.seq);
  } else if (change.what == Change::What::kRecord && change.kind == Kind::kSession) {
    sessions_.Forget(change.id, change.seq);
  }
}

}  // namespace salon
