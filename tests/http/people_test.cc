// People who sign in: users made with the salon key, sessions in an HttpOnly
// cookie with a CSRF token, roles enforced by the server (403), throttled
// failures (429), sign-out and expiry, and the bad input of each.
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;
using Headers = std::vector<std::pair<std::string, std::string>>;

// A browser's side of a session: the cookie and the CSRF token.
struct Browser {
  std::string cookie;  // "salon_session=…"
  std::string csrf;
  Headers Safe() const { return {{"Cookie", cookie}}; }
  Headers Unsafe() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

class PeopleTest : public ServerTest {
 protected:
  PeopleTest() {
    Restart([](NodeConfig& c) { c.rate_limit = 0; });  // the throttle of sign-ins is tested, not the limits'
    s_ = MakeSalon();
  }

  Reply AddUser(const std::string& email, const std::string& role, const std::string& extra = "") {
    return Post(s_.base() + "/users", s_.key,
                R"({"name":"A Person","email":")" + email + R"(","password":"correct horse 1",)"
                R"("role":")" + role + "\"" + extra + "}");
  }
  Reply SignIn(const std::string& email, const std::string& password = "correct horse 1") {
    return Post("/v1/sessions", "",
                R"({"email":")" + email + R"(","password":")" + password + R"("})");
  }
  Browser SignedIn(const std::string& email) {
    Reply r = SignIn(email);
    EXPECT_EQ(r.status, 201) << r.body;
    std::string set = r.Header("Set-Cookie");
    return Browser{set.substr(0, set.find(';')), r.Str("csrf_token")};
  }
  Reply As(const Browser& b, verb method, const std::string& path, const std::string& body = "") {
    const bool safe = method == verb::get || method == verb::head;
    return Call(method, path, "", body, safe ? b.Safe() : b.Unsafe());
  }

  SalonFixture s_;
};

TEST_F(PeopleTest, SigningInSetsAnHttpOnlyCookieThatReachesOnlyItsSalon) {
  ASSERT_EQ(AddUser("Desk@Example.com", "front_desk").status, 201);
  Reply in = SignIn("desk@example.COM");  // emails are not case-sensitive
  ASSERT_EQ(in.status, 201) << in.body;
  const std::string set = in.Header("Set-Cookie");
  EXPECT_NE(set.find("salon_session="), std::string::npos) << set;
  EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("SameSite=Lax"), std::string::npos) << set;
  EXPECT_EQ(set.find("Secure"), std::string::npos) << set;  // plain HTTP here
  EXPECT_EQ(in.Header("Cache-Control"), "no-store");
  EXPECT_EQ(in.json.at("salon_id").as_string(), s_.id);
  EXPECT_EQ(in.json.at("user").at("role").as_string(), "front_desk");
  EXPECT_EQ(in.json.at("user").at("email").as_string(), "desk@example.com");
  EXPECT_FALSE(in.json.at("user").as_object().contains("password_hash"));
  EXPECT_FALSE(in.Str("csrf_token").empty());

  Browser b{set.substr(0, set.find(';')), in.Str("csrf_token")};
  // Other cookies beside it do not matter.
  Reply current = Call(verb::get, "/v1/sessions/current", "", "",
                       {{"Cookie", "theme=dark; " + b.cookie + "; lang=en"}});
  EXPECT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.json.at("user").at("email").as_string(), "desk@example.com");
  EXPECT_EQ(current.Str("csrf_token"), b.csrf);
  EXPECT_EQ(As(b, verb::get, s_.base() + "/branches/" + s_.branch +
                                 "/calendar?date=2026-11-23").status, 200);
  // Another salon is unreachable, exactly as a missing one.
  SalonFixture other = MakeSalon("Other");
  EXPECT_EQ(As(b, verb::get, other.base() + "/clients").status, 404);
  // A made-up cookie is no session.
  Reply forged = Call(verb::get, s_.base() + "/clients", "", "",
                      {{"Cookie", "salon_session=" + s_.id + "." + std::string(64, 'a')}});
  EXPECT_EQ(forged.status, 401);
}

TEST_F(PeopleTest, UnsafeRequestsByCookieNeedTheCsrfToken) {
  ASSERT_EQ(AddUser("desk@example.com", "front_desk").status, 201);
  Browser b = SignedIn("desk@example.com");
  const std::string body = R"({"first_name":"Ann","last_name":"Lee","phone":"+353861234599"})";
  Reply without = Call(verb::post, s_.base() + "/clients", "", body, b.Safe());
  EXPECT_EQ(without.status, 403) << without.body;
  EXPECT_EQ(without.Header("Content-Type"), "application/problem+json");
  Reply wrong = Call(verb::post, s_.base() + "/clients", "", body,
                     {{"Cookie", b.cookie}, {"X-CSRF-Token", std::string(b.csrf.size(), '0')}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(Get(s_.base() + "/clients?query=ann", s_.key).json.at("items").as_array().size(), 0u);
  Reply with = As(b, verb::post, s_.base() + "/clients", body);
  EXPECT_EQ(with.status, 201) << with.body;
}

TEST_F(PeopleTest, EachRoleIsRefusedWhatItMayNotDo) {
  ASSERT_EQ(AddUser("stylist@example.com", "stylist", R"(,"staff_id":")" + s_.stylist + "\"").status, 201);
  ASSERT_EQ(AddUser("desk@example.com", "front_desk").status, 201);
  ASSERT_EQ(AddUser("manager@example.com", "manager").status, 201);
  ASSERT_EQ(AddUser("owner@example.com", "owner").status, 201);
  Browser stylist = SignedIn("stylist@example.com"), desk = SignedIn("desk@example.com"),
          manager = SignedIn("manager@example.com"), owner = SignedIn("owner@example.com");
  const std::string sale = R"({"branch_id":")" + s_.branch + R"(","lines":[{"kind":"voucher",
      "amount":1000}],"payments":[{"method":"cash","amount":1000}]})";

  // The stylist reads the calendar, and may not reach the till.
  EXPECT_EQ(As(stylist, verb::get, s_.base() + "/branches/" + s_.branch +
                                       "/calendar?date=2026-11-23").status, 200);
  Reply till = As(stylist, verb::post, s_.base() + "/sales", sale);
  EXPECT_EQ(till.status, 403) << till.body;
  EXPECT_EQ(As(stylist, verb::get, s_.base() + "/clients").status, 403);
  // The front desk sells, and may not refund or cash up.
  Reply sold = As(desk, verb::post, s_.base() + "/sales", sale);
  ASSERT_EQ(sold.status, 201) << sold.body;
  const std::string refund = s_.base() + "/sales/" + sold.Str("id") + "/refunds";
  const std::string refund_body =
      R"({"lines":[{"line":0,"amount":100}],"method":"cash","reason":"goodwill"})";
  EXPECT_EQ(As(desk, verb::post, refund, refund_body).status, 403);
  EXPECT_EQ(As(desk, verb::post, s_.base() + "/services",
               R"({"name":"Trim","duration_minutes":15,"price":{"amount":1000,"currency":"EUR"}})")
                .status, 403);
  // The manager refunds, and may not make users; the owner may.
  Reply refunded = As(manager, verb::post, refund, refund_body);
  EXPECT_NE(refunded.status, 403) << refunded.body;
  EXPECT_LT(refunded.status, 500) << refunded.body;
  const std::string user = R"({"name":"B","email":"b@example.com","password":"correct horse 2",
                               "role":"front_desk"})";
  EXPECT_EQ(As(manager, verb::post, s_.base() + "/users", user).status, 403);
  EXPECT_EQ(As(manager, verb::patch, s_.base(), R"({"name":"Renamed"})").status, 403);
  EXPECT_EQ(As(owner, verb::post, s_.base() + "/users", user).status, 201);
  EXPECT_EQ(As(owner, verb::get, s_.base() + "/users").json.at("items").as_array().size(), 5u);
}

TEST_F(PeopleTest, AStylistChangesTheStatusOfTheirOwnAppointmentsOnly) {
  const std::string other_stylist = AddStylist(s_, "Bea");
  ASSERT_EQ(AddUser("stylist@example.com", "stylist", R"(,"staff_id":")" + s_.stylist + "\"").status, 201);
  Browser b = SignedIn("stylist@example.com");
  Reply mine = Book(s_, "2026-11-23T10:00:00Z", s_.cut, s_.stylist);
  Reply theirs = Book(s_, "2026-11-23T10:00:00Z", s_.cut, other_stylist);
  ASSERT_EQ(mine.status, 201) << mine.body;
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  const std::string arrived = R"({"status":"arrived"})";
  Reply refused = As(b, verb::post, s_.base() + "/appointments/" + theirs.Str("id") + "/status",
                     arrived);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(Get(s_.base() + "/appointments/" + theirs.Str("id"), s_.key).Str("status"), "booked");
  Reply done = As(b, verb::post, s_.base() + "/appointments/" + mine.Str("id") + "/status", arrived);
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Str("status"), "arrived");
  // Cancelling is the front desk's.
  EXPECT_EQ(As(b, verb::post, s_.base() + "/appointments/" + mine.Str("id") + "/cancel", "{}")
                .status, 403);
}

TEST_F(PeopleTest, FiveFailuresIn15MinutesAnswer429UntilTheFirstLeavesTheWindow) {
  ASSERT_EQ(AddUser("desk@example.com", "front_desk").status, 201);
  for (const std::string email : {"desk@example.com", "nobody@example.com"}) {
    for (int i = 0; i < 5; ++i) {
      Reply wrong = SignIn(email, "not the password");
      EXPECT_EQ(wrong.status, 401) << email << " " << i;
      EXPECT_EQ(wrong.Str("detail"), "wrong email or password");
      clock_.Advance(std::chrono::seconds(60));
    }
    // Blocked, even with the right password (an unknown email answers alike).
    Reply blocked = SignIn(email);
    EXPECT_EQ(blocked.status, 429) << email << ": " << blocked.body;
    EXPECT_EQ(blocked.Header("Retry-After"), "600");  // 15 min after the first, 5 min ago
    clock_.Advance(std::chrono::seconds(600));
    EXPECT_EQ(SignIn(email).status, email == "desk@example.com" ? 201 : 401) << email;
  }
}

TEST_F(PeopleTest, SigningOutOrExpiringEndsTheSession) {
  ASSERT_EQ(AddUser("desk@example.com", "front_desk").status, 201);
  Browser out = SignedIn("desk@example.com"), kept = SignedIn("desk@example.com");
  Reply gone = As(out, verb::delete_, "/v1/sessions/current");
  EXPECT_EQ(gone.status, 204);
  EXPECT_NE(gone.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(As(out, verb::get, s_.base() + "/clients").status, 401);
  EXPECT_EQ(As(out, verb::get, "/v1/sessions/current").status, 401);
  EXPECT_EQ(As(kept, verb::get, s_.base() + "/clients").status, 200);  // the other one lives
  clock_.Advance(std::chrono::hours(12));
  EXPECT_EQ(As(kept, verb::get, s_.base() + "/clients").status, 401);
}

TEST_F(PeopleTest, AChangedUserSignsInAgainWithTheNewRole) {
  Reply made = AddUser("manager@example.com", "manager");
  ASSERT_EQ(made.status, 201);
  const std::string user = s_.base() + "/users/" + made.Str("id");
  Browser b = SignedIn("manager@example.com");
  EXPECT_EQ(As(b, verb::get, s_.base() + "/ledger").status, 200);
  Reply stale = Call(verb::patch, user, s_.key, R"({"role":"front_desk"})", {{"If-Match", "\"9\""}});
  EXPECT_EQ(stale.status, 412);
  Reply demoted = Call(verb::patch, user, s_.key, R"({"role":"front_desk"})", {{"If-Match", "\"1\""}});
  ASSERT_EQ(demoted.status, 200) << demoted.body;
  EXPECT_EQ(demoted.Str("role"), "front_desk");
  EXPECT_EQ(demoted.Header("ETag"), "\"2\"");
  EXPECT_EQ(As(b, verb::get, s_.base() + "/ledger").status, 401);  // the old session ended
  Browser again = SignedIn("manager@example.com");
  EXPECT_EQ(As(again, verb::get, s_.base() + "/ledger").status, 403);
  // A new password; the old one no longer signs in.
  ASSERT_EQ(Call(verb::patch, user, s_.key, R"({"password":"a new password 2"})").status, 200);
  EXPECT_EQ(SignIn("manager@example.com").status, 401);
  EXPECT_EQ(SignIn("manager@example.com", "a new password 2").status, 201);
  // Archived: signed out everywhere, and no sign-in.
  ASSERT_EQ(Call(verb::patch, user, s_.key, R"({"archived":true})").status, 200);
  EXPECT_EQ(SignIn("manager@example.com", "a new password 2").status, 401);
  EXPECT_EQ(Call(verb::patch, user, s_.key, R"({"role":"stylist"})").status, 422);  // no staff
  EXPECT_EQ(Call(verb::patch, user, s_.key, R"({"role":"admin"})").status, 422);
  EXPECT_EQ(Call(verb::patch, user, s_.key, R"({"email":"x@example.com"})").status, 400);
  EXPECT_EQ(Call(verb::patch, s_.base() + "/users/usr_nope", s_.key, "{}").status, 404);
}

TEST_F(PeopleTest, BadUsersAreRefusedAndNothingIsStored) {
  ASSERT_EQ(AddUser("desk@example.com", "front_desk").status, 201);
  EXPECT_EQ(AddUser("DESK@example.com", "manager").status, 409);  // one email, one person
  SalonFixture other = MakeSalon("Other");
  EXPECT_EQ(Post(other.base() + "/users", other.key,
                 R"({"name":"X","email":"desk@example.com","password":"correct horse 1",
                     "role":"owner"})").status, 409);
  EXPECT_EQ(AddUser("not-an-email", "front_desk").status, 422);
  EXPECT_EQ(AddUser("x@example.com", "admin").status, 422);
  EXPECT_EQ(AddUser("x@example.com", "stylist").status, 422);  // which staff member?
  EXPECT_EQ(AddUser("x@example.com", "stylist", R"(,"staff_id":"stf_nope")").status, 422);
  EXPECT_EQ(AddUser("x@example.com", "stylist", R"(,"staff_id":")" + other.stylist + "\"").status,
            422);  // another salon's
  EXPECT_EQ(Post(s_.base() + "/users", s_.key,
                 R"({"name":"X","email":"x@example.com","password":"short","role":"owner"})")
                .status, 422);
  EXPECT_EQ(Post(s_.base() + "/users", s_.key, R"({"name":"X","email":"x@example.com",
                 "password":"correct horse 1","role":"owner","admin":true})").status, 400);
  EXPECT_EQ(Post(s_.base() + "/users", s_.key, "[").status, 400);
  EXPECT_EQ(Post("/v1/sessions", "", R"({"email":1})").status, 400);
  EXPECT_EQ(Post("/v1/sessions", "", "nope").status, 400);
  // A form of another site cannot sign anyone in (login CSRF).
  Reply form = Call(verb::post, "/v1/sessions", "",
                    R"({"email":"desk@example.com","password":"correct horse=1"})",
                    {{"Content-Type", "text/plain"}});
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(form.Header("Set-Cookie"), "");
  EXPECT_EQ(SignIn("x@example.com").status, 401);
  EXPECT_EQ(Get(s_.base() + "/users", s_.key).json.at("items").as_array().size(), 1u);
  // The password is kept only as an argon2id hash.
  Status read = node_->store().Read([&](ReadTxn& txn) {
    ListQuery q;
    q.kind = Kind::kUser;
    q.salon_id = SalonId{s_.id};
    for (const Record& r : txn.List(q)) {
      EXPECT_EQ(r.data.find("correct horse"), std::string::npos);
      EXPECT_NE(r.data.find("$argon2id$v=19$m=19456,t=2,p=1$"), std::string::npos) << r.data;
    }
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok());
}

}  // namespace
}  // namespace salon::testing
