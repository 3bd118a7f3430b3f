// The authentication matrix, generated from the route table: every route the
// router serves, called with no key, a wrong key, another salon's key, the
// admin key and the salon's own key, must answer as its access class says;
// and every salon route, called by a person of each role signed in, is
// allowed or refused (403) as the contract's roles say (LeastRole below, the
// specification, kept apart from the server's own table). A route that fits
// no class fails the test, so none ships unguarded.
#include <boost/algorithm/string.hpp>

#include "tests/http/event_stream.h"
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;
using http::Route;
using Headers = std::vector<std::pair<std::string, std::string>>;

// kPublic: the web pages and online booking, the same to everyone.
enum class Access { kOpen, kGateway, kAdmin, kSalon, kSignIn, kPublic };

// The access class of a route, by its pattern; none for a route nobody
// classified (a new resource must be given one here, deliberately).
std::optional<Access> AccessOf(const std::string& pattern) {
  static const std::set<std::string> kOpen = {"/healthz", "/readyz", "/metrics",
                                              "/v1/openapi.json"};
  if (kOpen.contains(pattern)) return Access::kOpen;
  if (pattern.starts_with("/v1/callbacks/kannel/")) return Access::kGateway;
  if (pattern == "/v1/salons") return Access::kAdmin;
  if (pattern.starts_with("/v1/sessions")) return Access::kSignIn;
  if (pattern == "/" || pattern.starts_with("/book/") || pattern.starts_with("/assets/") ||
      pattern.starts_with("/v1/book/")) {
    return Access::kPublic;
  }
  if (pattern.starts_with("/v1/salons/{salon}")) return Access::kSalon;
  return std::nullopt;
}

bool Has(const std::string& pattern, const char* part) {
  return pattern.find(part) != std::string::npos;
}

// The least role that may call a salon route (API.md "People, sign-in and
// roles"): stylists read the calendar and set their own appointments'
// status; the front desk books, sells and keeps clients; managers correct
// sales, close the day, run reports and campaigns and edit the catalog;
// owners manage users and the salon's settings.
StaffRole LeastRole(verb method, const std::string& p) {
  const bool read = method == verb::get;
  if (Has(p, "/users")) return StaffRole::kOwner;
  if (p == "/v1/salons/{salon}" || p == "/v1/salons/{salon}/messaging") {
    return read ? StaffRole::kStylist : StaffRole::kOwner;
  }
  if (Has(p, "/refunds") || Has(p, "/void") || Has(p, "/cash-ups") || Has(p, "/reports/") ||
      Has(p, "/ledger") || Has(p, "/campaigns") || Has(p, "/stock")) {
    return StaffRole::kManager;
  }
  // A client's account is read and paid at the till, like a checkout.
  if (Has(p, "/account")) return StaffRole::kFrontDesk;
  if (Has(p, "/clients") || Has(p, "/messages") || Has(p, "/sales") || Has(p, "/deposits") ||
      Has(p, "/vouchers") || Has(p, "/low-stock")) {
    return StaffRole::kFrontDesk;
  }
  if (p.ends_with("/status")) return StaffRole::kStylist;  // their own appointments
  if (Has(p, "/appointments") || Has(p, "/time-off")) {
    return read ? StaffRole::kStylist : StaffRole::kFrontDesk;
  }
  // Branches, staff, services, products, the calendar and availability.
  return read ? StaffRole::kStylist : StaffRole::kManager;
}

class AuthMatrixTest : public ServerTest {
 protected:
  AuthMatrixTest() {
    // Hundreds of wrong keys from one address: the limits would step in
    // (they have tests of their own).
    Restart([](NodeConfig& c) { c.rate_limit = 0; });
    s_ = MakeSalon();
    other_ = MakeSalon("Other");
    Reply apt = Book(s_, "2026-11-23T10:00:00Z", s_.cut);
    ids_["appointments"] = apt.Str("id");
    ids_["branches"] = s_.branch;
    ids_["staff"] = s_.stylist;
    ids_["services"] = s_.cut;
    ids_["clients"] = s_.client;
    ids_["time-off"] = NewTimeOff();
    ids_["campaigns"] = Post(s_.base() + "/campaigns", s_.key,
                             R"({"name":"A","message":"Hi"})").Str("id");
    Reply messages = Get(s_.base() + "/messages", s_.key);
    ids_["messages"] = messages.json.at("items").at(0).at("id").as_string().c_str();
    // The till: a product, and a sale of it (the sale's routes need one to
    // read, print, refund and void; their bodies never parse, so it stays).
    ids_["products"] = Post(s_.base() + "/products", s_.key,
                            R"({"name":"Shampoo","sku":"SH-1","price":{"amount":1200,"currency":"EUR"},
                                "stock":{")" + s_.branch + R"(":5}})").Str("id");
    ids_["sales"] = Post(s_.base() + "/sales", s_.key,
                         R"({"branch_id":")" + s_.branch + R"(","lines":[{"kind":"product",
                             "product_id":")" + ids_["products"] + R"("}],
                             "payments":[{"method":"cash","amount":1200}]})").Str("id");
    // A gift voucher sold by card, for the voucher's route ({code}).
    Reply voucher_sale = Post(s_.base() + "/sales", s_.key,
                              R"({"branch_id":")" + s_.branch + R"(","lines":[{"kind":"voucher",
                                  "amount":1000}],"payments":[{"method":"card","amount":1000}]})");
    EXPECT_EQ(voucher_sale.status, 201) << voucher_sale.body;
    if (voucher_sale.status == 201) {
      ids_["vouchers"] =
          voucher_sale.json.at("lines").at(0).at("voucher_code").as_string().c_str();
    }
    EXPECT_FALSE(ids_["products"].empty() || ids_["sales"].empty() || ids_["vouchers"].empty());
    // The day of that sale cashed up, for the routes of a cash-up ({date}).
    EXPECT_EQ(Post(s_.base() + "/branches/" + s_.branch + "/cash-ups", s_.key,
                   R"({"date":")" + std::string(kCashUpDate) +
                       R"(","float":0,"counted":{"cash":1200,"card":0}})").status, 201);
    // A person of each role, signed in (the stylist is the fixture's).
    for (StaffRole role : kStaffRoles) {
      const std::string email = std::string(ToString(role)) + "@example.com";
      const std::string staff =
          role == StaffRole::kStylist ? R"(,"staff_id":")" + s_.stylist + "\"" : "";
      Reply user = Post(s_.base() + "/users", s_.key,
                        R"({"name":"P","email":")" + email +
                            R"(","password":"correct horse 1","role":")" +
                            std::string(ToString(role)) + "\"" + staff + "}");
      EXPECT_EQ(user.status, 201);
      ids_["users"] = user.Str("id");
      Reply in = Post("/v1/sessions", "", R"({"email":")" + email +
                                              R"(","password":"correct horse 1"})");
      EXPECT_EQ(in.status, 201) << in.body;
      const std::string set = in.Header("Set-Cookie");
      sessions_[role] = {{"Cookie", set.substr(0, set.find(';'))},
                         {"X-CSRF-Token", in.Str("csrf_token")}};
    }
  }

  // The pattern with real ids of the fixture's salon.
  std::string Path(const std::string& pattern) {
    std::vector<std::string> parts;
    boost::split(parts, pattern, boost::is_any_of("/"));
    std::string out;
    for (size_t i = 1; i < parts.size(); ++i) {
      std::string part = parts[i];
      if (part == "{salon}") part = s_.id;
      else if (part == "{branch}") part = s_.branch;
      else if (part == "{staff}") part = s_.stylist;
      else if (part == "{id}" || part == "{code}") part = ids_.at(parts[i - 1]);
      else if (part == "{date}") part = kCashUpDate;
      else if (part == "{file}" || part == "{token}") part = "x-1";
      out += "/" + part;
    }
    if (out.ends_with("/availability")) out += "?service_ids=" + s_.cut + "&from=2026-11-23";
    if (out.ends_with("/calendar")) out += "?date=2026-11-23";
    if (out.ends_with("/reports/takings") || out.ends_with("/reports/staff")) {
      out += std::string("?from=") + kCashUpDate + "&to=" + kCashUpDate;
    }
    return out;
  }

  std::string NewTimeOff() {
    const std::string day = "2026-12-" + std::to_string(10 + time_off_made_++);
    return Post(s_.base() + "/staff/" + s_.stylist + "/time-off", s_.key,
                R"({"start":")" + day + R"(T09:00:00Z","end":")" + day + R"(T10:00:00Z"})")
        .Str("id");
  }

  // Writes carry a body the handler cannot parse, and deletes a stale
  // If-Match: the answer is decided by authentication, or is 400/412 once
  // past it, and nothing changes. Time off is deleted without a version, so
  // each caller allowed to gets one of its own.
  Reply As(const Route& route, const std::string& key, Headers headers = {},
           bool allowed = false) {
    const bool body = route.method == verb::post || route.method == verb::patch;
    if (route.method == verb::delete_ && route.pattern.ends_with("/time-off/{id}") &&
        (key == s_.key || key == kAdminKey || allowed)) {
      ids_["time-off"] = NewTimeOff();
    }
    if (route.method == verb::delete_) headers.emplace_back("If-Match", "\"999999\"");
    if (route.pattern.ends_with("/events")) {  // a stream: its head tells
      EventStream stream(port_, Path(route.pattern), key, "", headers);
      Reply r;
      r.status = stream.status();
      if (stream.head().find("application/problem+json") != std::string::npos) {
        r.headers.set("Content-Type", "application/problem+json");
      }
      return r;
    }
    return Call(route.method, Path(route.pattern), key, body ? "[" : "", headers);
  }

  static constexpr const char* kCashUpDate = "2026-11-20";

  SalonFixture s_, other_;
  std::map<std::string, std::string> ids_;
  std::map<StaffRole, Headers> sessions_;  // cookie and CSRF token
  int time_off_made_ = 0;
};

TEST_F(AuthMatrixTest, EveryRouteAnswersEachCallerAsItsClassSays) {
  int checked = 0;
  for (const Route& route : node_->api().router().routes()) {
    const std::string name = std::string(boost::beast::http::to_string(route.method)) + " " +
                             route.pattern;
    const std::optional<Access> access = AccessOf(route.pattern);
    ASSERT_TRUE(access) << name << " has no access class: add it to AccessOf";
    const Reply none = As(route, ""), wrong = As(route, "sk_wrong"),
                other = As(route, other_.key), admin = As(route, kAdminKey);
    switch (*access) {
      case Access::kOpen:
        for (const Reply* r : {&none, &wrong, &other, &admin}) EXPECT_EQ(r->status, 200) << name;
        break;
      case Access::kGateway:  // the callback token, never a key
        for (const Reply* r : {&none, &wrong, &other, &admin}) EXPECT_EQ(r->status, 401) << name;
        break;
      case Access::kAdmin:
        EXPECT_EQ(none.status, 401) << name;
        EXPECT_EQ(wrong.status, 401) << name;
        EXPECT_EQ(other.status, 404) << name;  // a salon key is no admin key
        EXPECT_EQ(As(route, s_.key).status, 404) << name;
        EXPECT_LT(admin.status, 500) << name;
        EXPECT_NE(admin.status, 401) << name;
        EXPECT_NE(admin.status, 404) << name;
        break;
      case Access::kSalon: {
        EXPECT_EQ(none.status, 401) << name;
        EXPECT_EQ(wrong.status, 401) << name;
        EXPECT_EQ(other.status, 404) << name;  // exactly as a missing one
        const Reply own = As(route, s_.key);
        for (const Reply* r : {&admin, &own}) {
          EXPECT_LT(r->status, 500) << name << ": " << r->body;
          EXPECT_NE(r->status, 401) << name;
          EXPECT_NE(r->status, 404) << name << ": " << r->body;
        }
        for (StaffRole role : kStaffRoles) {
          const bool allowed = role >= LeastRole(route.method, route.pattern);
          const Reply person = As(route, "", sessions_[role], allowed);
          const std::string who = name + " as " + std::string(ToString(role));
          if (allowed) {
            EXPECT_LT(person.status, 500) << who << ": " << person.body;
            for (int refused : {401, 403, 404}) EXPECT_NE(person.status, refused) << who;
          } else {
            EXPECT_EQ(person.status, 403) << who << ": " << person.body;
          }
        }
        break;
      }
      case Access::kPublic:  // no page is built here, no branch books online
        for (const Reply* r : {&none, &wrong, &other, &admin}) {
          EXPECT_EQ(r->status, none.status) << name;
          EXPECT_LT(r->status, 500) << name;
          EXPECT_NE(r->status, 401) << name;
          EXPECT_NE(r->status, 403) << name;
        }
        break;
      case Access::kSignIn:  // a session's own routes: no key needed, none reaches a salon
        for (const Reply* r : {&none, &wrong, &other, &admin}) {
          EXPECT_LT(r->status, 500) << name;
          EXPECT_NE(r->status, 403) << name;
          if (route.method == verb::get) {
            EXPECT_EQ(r->status, 401) << name;
          }
        }
        break;
    }
    for (const Reply* r : {&none, &wrong, &other}) {
      if (r->status >= 400) {
        EXPECT_EQ(r->Header("Content-Type"), "application/problem+json") << name;
      }
    }
    ++checked;
  }
  EXPECT_EQ(checked, int(node_->api().router().routes().size()));
  EXPECT_GE(checked, 49);
}

}  // namespace
}  // namespace salon::testing
