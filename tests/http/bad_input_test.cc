// Bad input gets a clear problem+json with the right 4xx, never a 500, and
// nothing already stored is lost.
#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

class BadInputTest : public ServerTest {
 protected:
  void ExpectProblem(const Reply& r, int status, const std::string& what) {
    EXPECT_EQ(r.status, status) << what << ": " << r.body;
    EXPECT_EQ(r.Header("Content-Type"), "application/problem+json") << what;
    ASSERT_TRUE(r.json.is_object()) << what;
    EXPECT_EQ(r.json.at("status").as_int64(), status) << what;
    EXPECT_FALSE(r.Str("title").empty()) << what;
    EXPECT_FALSE(r.Str("detail").empty()) << what;
  }
};

TEST_F(BadInputTest, MalformedJsonAndWrongTypesAre400) {
  auto s = MakeSalon();
  const std::string clients = s.base() + "/clients";
  ExpectProblem(Post(clients, s.key, "{"), 400, "truncated");
  ExpectProblem(Post(clients, s.key, "not json"), 400, "not json");
  ExpectProblem(Post(clients, s.key, "[1]"), 400, "array body");
  ExpectProblem(Post(clients, s.key, R"({"first_name":1,"phone":"+353871234567"})"), 400, "type");
  ExpectProblem(Post(clients, s.key, R"({"first_name":"A","phone":"+353871234567","admin":true})"),
                400, "unknown field");
  Reply typed = Post(s.base() + "/appointments", s.key,
                     R"({"branch_id":")" + s.branch + R"(","client_id":")" + s.client +
                         R"(","start":"2026-11-23T09:00:00Z","items":"cut"})");
  ExpectProblem(typed, 400, "items not an array");
  ExpectProblem(Post(clients, s.key, std::string(100, '[') + std::string(100, ']')), 400, "deep");
}

TEST_F(BadInputTest, InvalidValuesAre422WithFieldErrors) {
  auto s = MakeSalon();
  Reply phone = Post(s.base() + "/clients", s.key, R"({"first_name":"A","phone":"087"})");
  ExpectProblem(phone, 422, "phone");
  EXPECT_EQ(phone.json.at("errors").as_array()[0].at("field").as_string(), "phone");
  ExpectProblem(Post(s.base() + "/clients", s.key, R"({"phone":"+353871234567"})"), 422, "missing");
  ExpectProblem(Post(s.base() + "/branches", s.key, R"({"name":"B","timezone":"Not/AZone"})"), 422,
                "timezone");
  ExpectProblem(Book(s, "2026-11-23 nine o'clock", s.cut), 422, "bad start");
  ExpectProblem(Book(s, "2026-11-31T09:00:00Z", s.cut), 422, "bad date");
  ExpectProblem(Book(s, "2026-11-23T09:00:30Z", s.cut), 422, "seconds");
  ExpectProblem(Book(s, "2026-11-23T09:00:00Z", "svc_missing"), 422, "unknown service");
  ExpectProblem(Post(s.base() + "/appointments", s.key,
                     R"({"branch_id":")" + s.branch + R"(","client_id":"cli_x","start":"2026-11-23T09:00:00Z","items":[{"service_id":")" + s.cut + R"("}]})"),
                422, "unknown client");
  ExpectProblem(Post(s.base() + "/appointments", s.key,
                     R"({"branch_id":")" + s.branch + R"(","client_id":")" + s.client + R"(","start":"2026-11-23T09:00:00Z","items":[]})"),
                422, "no items");
  ExpectProblem(Get(s.base() + "/branches/" + s.branch + "/calendar?date=tomorrow", s.key), 422,
                "calendar date");
}

TEST_F(BadInputTest, HugeBodiesAre413) {
  auto s = MakeSalon();
  std::string huge = R"({"first_name":")" + std::string(100 << 10, 'a') + R"("})";
  Reply r = Post(s.base() + "/clients", s.key, huge);
  ExpectProblem(r, 413, "huge");
}

TEST_F(BadInputTest, UnknownRoutesAndMethods) {
  auto s = MakeSalon();
  ExpectProblem(Get("/v1/nothing", s.key), 404, "route");
  Reply method = Call(verb::put, s.base() + "/clients/" + s.client, s.key, "{}");
  ExpectProblem(method, 405, "method");
  EXPECT_NE(method.Header("Allow").find("PATCH"), std::string::npos);
  ExpectProblem(Get(s.base() + "/clients/cli_nope", s.key), 404, "missing object");
}

TEST_F(BadInputTest, StaleIfMatchIs412AndGarbageIfMatchToo) {
  auto s = MakeSalon();
  const std::string one = s.base() + "/services/" + s.cut;
  ExpectProblem(Call(verb::patch, one, s.key, R"({"name":"Trim"})", {{"If-Match", "\"5\""}}), 412,
                "stale");
  ExpectProblem(Call(verb::patch, one, s.key, R"({"name":"Trim"})", {{"If-Match", "soon"}}), 412,
                "garbage");
}

TEST_F(BadInputTest, NothingStoredIsLost) {
  auto s = MakeSalon();
  Reply a = Book(s, "2026-11-23T09:00:00Z", s.cut);
  ASSERT_EQ(a.status, 201);
  Post(s.base() + "/clients", s.key, "{");
  Call(verb::patch, s.base() + "/clients/" + s.client, s.key, R"({"phone":"bad"})");
  Call(verb::patch, s.base() + "/clients/" + s.client, s.key, "[]");
  Call(verb::patch, s.base() + "/appointments/" + a.Str("id"), s.key, R"({"start":"never"})");
  EXPECT_EQ(Get(s.base() + "/clients/" + s.client, s.key).Str("phone"), "+353871234567");
  EXPECT_EQ(Get(s.base() + "/appointments/" + a.Str("id"), s.key).Str("start"),
            "2026-11-23T09:00:00+00:00");
}

TEST_F(BadInputTest, GarbageOnTheWireIs400) {
  Client raw(port_);
  Reply r = raw.Raw("GET / HTTP/1.1\r\nHost x\r\n\r\n");  // a header without a colon
  EXPECT_EQ(r.status, 400);
}

}  // namespace
}  // namespace salon::testing
