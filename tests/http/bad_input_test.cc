// Bad input gets a clear problem+json with the right 4xx, never a 500, and
// nothing already stored is lost.
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "app/records.h"
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

// RFC 9112 framing that a proxy could read otherwise (request smuggling) is
// refused and the connection closed.
TEST_F(BadInputTest, UnsafeFramingIs400AndClosesTheConnection) {
  {
    Client c(port_);
    Reply r = c.Raw("GET /healthz HTTP/1.1\r\n\r\n");
    ExpectProblem(r, 400, "no Host");
    EXPECT_THROW(c.Read(), std::exception);
  }
  {
    Client c(port_);
    Reply r = c.Raw("POST /v1/salons HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n"
                    "Content-Length: 2\r\n\r\n{}");
    ExpectProblem(r, 400, "TE beside CL");
  }
  {
    Client c(port_);
    EXPECT_EQ(c.Raw("GET /healthz HTTP/1.0\r\n\r\n").status, 200);  // 1.0 needs no Host
  }
}

TEST_F(BadInputTest, HeadIsGetWithoutTheBody) {
  auto s = MakeSalon();
  Reply got = Get(s.base() + "/clients", s.key);
  Client c(port_);
  c.Write("HEAD " + s.base() + "/clients HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.key +
          "\r\n\r\n");
  Reply head = c.ReadHeaders();
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("Content-Length"), std::to_string(got.body.size()));
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(c.Send(verb::get, "/healthz").status, 200);  // the connection goes on
}

TEST_F(BadInputTest, RepeatedQueryParametersAre400) {
  auto s = MakeSalon();
  ExpectProblem(Get(s.base() + "/branches/" + s.branch + "/availability?service_ids=" + s.cut +
                        "&from=2026-11-23&from=2026-11-24", s.key),
                400, "from twice");
}

TEST_F(BadInputTest, NamesRefuseControlBidiAndInvisibleCharacters) {
  auto s = MakeSalon();
  for (const char* name : {"Ann\\u0000", "Ann\\u202Eevil", "An\\u200Bn", "Ann\\nSmith",
                           "Ann\\u0007"}) {
    Reply r = Post(s.base() + "/clients", s.key,
                   std::string(R"({"first_name":")") + name + R"(","phone":"+353871234567"})");
    ExpectProblem(r, 422, name);
    EXPECT_NE(r.body.find("first_name"), std::string::npos) << name;
  }
  // Scripts that need joiners, and notes over several lines, are fine.
  EXPECT_EQ(Post(s.base() + "/clients", s.key,
                 R"({"first_name":"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645","phone":"+353871234567"})")
                .status,
            201);
}

TEST_F(BadInputTest, PhonesNeedACountryCodeInUse) {
  auto s = MakeSalon();
  ExpectProblem(Post(s.base() + "/clients", s.key, R"({"first_name":"A","phone":"+999999999999"})"),
                422, "+999");
  ExpectProblem(Post(s.base() + "/clients", s.key, R"({"first_name":"A","phone":"+2891234567"})"),
                422, "+28x");
  EXPECT_EQ(Post(s.base() + "/clients", s.key, R"({"first_name":"A","phone":"+12125550100"})").status,
            201);
}

TEST_F(BadInputTest, FractionsOfASecondAre422) {
  auto s = MakeSalon();
  Reply r = Book(s, "2026-11-23T10:00:00.5Z", s.cut);
  ExpectProblem(r, 422, "fraction");
  EXPECT_EQ(Book(s, "2026-11-23T10:00:00.000Z", s.cut).status, 201);
}

TEST_F(BadInputTest, PricesAreBoundedAndTheCurrencyHoldsUnderThem) {
  auto s = MakeSalon();
  for (const char* amount : {"9223372036854775807", "1000000001", "-1"}) {
    ExpectProblem(Post(s.base() + "/services", s.key,
                       std::string(R"({"name":"X","duration_minutes":30,"price":{"amount":)") +
                           amount + R"(,"currency":"EUR"}})"),
                  422, amount);
  }
  ExpectProblem(Call(verb::patch, s.base(), s.key, R"({"currency":"USD"})"), 409, "currency");
  Reply bare = Post("/v1/salons", kAdminKey, R"({"name":"New","currency":"EUR","country":"IE"})");
  EXPECT_EQ(Call(verb::patch, "/v1/salons/" + bare.Str("id"), bare.Str("api_key"),
                 R"({"currency":"GBP"})").status,
            200);
}

// A rule tightened later binds requests only: what was stored before it
// still reads (and can be corrected).
TEST_F(BadInputTest, DocumentsStoredBeforeARuleStillRead) {
  auto s = MakeSalon();
  salon::Client old;
  ASSERT_TRUE(node_->store().Read([&](ReadTxn& txn) -> Status {
    auto c = Load<salon::Client>(txn, SalonId{s.id}, s.client);
    if (c.ok()) old = *c;
    return c.status();
  }).ok());
  old.first_name = "Bo\xE2\x80\x8B";  // with a zero-width space
  old.phone = "+999999999999";
  ASSERT_TRUE(node_->store().Write([&](WriteTxn& txn) {
    node_->directory().SaveClient(txn, old);
    return Status::Ok();
  }).ok());
  Reply read = Get(s.base() + "/clients/" + s.client, s.key);
  EXPECT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Str("phone"), "+999999999999");
}

// Online booking stored clients without the API's rules until 2026-12-04 (no
// first name, a phone as typed): each still lists and reads, and a patch must
// correct it.
TEST_F(BadInputTest, AClientStoredWithoutTheRulesListsAndCanBeCorrected) {
  auto s = MakeSalon();
  salon::Client typed;
  typed.id = ClientId{"cli_typed"};
  typed.salon_id = SalonId{s.id};
  typed.phone = "0861110003";
  ASSERT_TRUE(node_->store().Write([&](WriteTxn& txn) {
    txn.Put(Kind::kClient, RecordTraits<salon::Client>::ToRecord(typed));
    return Status::Ok();
  }).ok());
  Reply list = Get(s.base() + "/clients", s.key);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json.at("items").as_array().size(), 2u);
  EXPECT_EQ(Get(s.base() + "/clients/cli_typed", s.key).Str("phone"), "0861110003");
  const std::string path = s.base() + "/clients/cli_typed";
  EXPECT_EQ(Call(verb::patch, path, s.key, R"({"last_name":"Byrne"})").status, 422);
  Reply corrected =
      Call(verb::patch, path, s.key, R"({"first_name":"Nora","phone":"+353861110003"})");
  EXPECT_EQ(corrected.status, 200) << corrected.body;
}

// A 500 tells the client nothing of its cause, and the log everything: once,
// with the request id and route (a full disk or a corrupt row leaves a trace).
TEST_F(BadInputTest, EveryServerErrorIsLoggedOnceWithItsRequestId) {
  auto s = MakeSalon();
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  spdlog::default_logger()->sinks().push_back(sink);
  ASSERT_TRUE(node_->store().Write([&](WriteTxn& txn) {
    auto record = RecordTraits<salon::Client>::ToRecord(salon::Client{});
    record.id = "cli_corrupt";
    record.salon_id = s.id;
    record.data = "{not json";
    txn.Put(Kind::kClient, record);
    return Status::Ok();
  }).ok());
  Reply r = Call(verb::get, s.base() + "/clients/cli_corrupt", s.key, "",
                 {{"X-Request-Id", "req-corrupt-1"}});
  spdlog::default_logger()->sinks().pop_back();
  ExpectProblem(r, 500, "corrupt row");
  EXPECT_EQ(r.Str("detail"), "internal error");
  int lines = 0;
  for (const std::string& line : sink->last_formatted()) {
    if (line.find("req-corrupt-1") == std::string::npos) continue;
    if (line.find("slow request") != std::string::npos) continue;  // a loaded machine's
    ++lines;
    EXPECT_NE(line.find("/v1/salons/{salon}/clients/{id}"), std::string::npos) << line;
    EXPECT_NE(line.find("corrupt stored client"), std::string::npos) << line;
  }
  EXPECT_EQ(lines, 1);
}

}  // namespace
}  // namespace salon::testing
