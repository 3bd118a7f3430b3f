#include <algorithm>

#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

using SalonsTest = ServerTest;

TEST_F(SalonsTest, AdminCreatesASalonAndItsKeyWorks) {
  Reply r = Post("/v1/salons", kAdminKey, R"({"name":"Cut Above","currency":"EUR","country":"IE"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Str("name"), "Cut Above");
  const std::string key = r.Str("api_key");
  ASSERT_EQ(key.rfind("sk_", 0), 0u);
  Reply mine = Get("/v1/salons/" + r.Str("id"), key);
  EXPECT_EQ(mine.status, 200);
  EXPECT_EQ(mine.Str("api_key"), "");  // shown once only
  EXPECT_EQ(mine.Header("ETag"), "\"1\"");
}

TEST_F(SalonsTest, KeysAreCheckedAndStoredOnlyAsHashes) {
  Reply r = Post("/v1/salons", kAdminKey, R"({"name":"A","currency":"EUR","country":"IE"})");
  const std::string key = r.Str("api_key");
  EXPECT_EQ(Get("/v1/salons/" + r.Str("id"), "").status, 401);
  EXPECT_EQ(Get("/v1/salons/" + r.Str("id"), "sk_wrong").status, 401);
  Reply no_auth = Get("/v1/salons/" + r.Str("id"), "");
  EXPECT_EQ(no_auth.Header("Content-Type"), "application/problem+json");
  // A salon key is no admin key.
  EXPECT_EQ(Post("/v1/salons", key, R"({"name":"B","currency":"EUR","country":"IE"})").status, 404);
  // The database holds the hash, never the key.
  std::string raw_key_found;
  ASSERT_TRUE(node_->store().Read([&](ReadTxn& txn) {
    if (txn.SalonIdByKeyHash(key)) raw_key_found = "yes";
    return Status::Ok();
  }).ok());
  EXPECT_EQ(raw_key_found, "");
}

// A new salon's key is shown once: an Idempotency-Key replay answers the
// salon without it, and the stored replay holds no key at rest.
TEST_F(SalonsTest, ReplaysOfSalonCreationKeepNoKey) {
  const std::vector<std::pair<std::string, std::string>> idem = {{"Idempotency-Key", "new-salon-1"}};
  const std::string body = R"({"name":"Once","currency":"EUR","country":"IE"})";
  Reply first = Call(verb::post, "/v1/salons", kAdminKey, body, idem);
  ASSERT_EQ(first.status, 201) << first.body;
  const std::string key = first.Str("api_key");
  ASSERT_FALSE(key.empty());
  Reply again = Call(verb::post, "/v1/salons", kAdminKey, body, idem);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.Str("id"), first.Str("id"));
  EXPECT_EQ(again.Str("api_key"), "");
  std::optional<StoredResponse> stored;
  ASSERT_TRUE(node_->store().Read([&](ReadTxn& txn) {
    stored = txn.GetResponse("admin", "new-salon-1");
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->body.find(key), std::string::npos);
  EXPECT_EQ(stored->body.find("api_key"), std::string::npos);
  EXPECT_EQ(Get("/v1/salons/" + first.Str("id"), key).status, 200);
}

// The scheme of Authorization is case-insensitive (RFC 9110 §11.1).
TEST_F(SalonsTest, TheBearerSchemeInAnyCase) {
  Reply r = Post("/v1/salons", kAdminKey, R"({"name":"A","currency":"EUR","country":"IE"})");
  const std::string path = "/v1/salons/" + r.Str("id");
  for (const char* scheme : {"bearer ", "BEARER ", "Bearer  "}) {
    EXPECT_EQ(Call(verb::get, path, "", "", {{"Authorization", scheme + r.Str("api_key")}}).status,
              200) << scheme;
  }
  EXPECT_EQ(Call(verb::get, path, "", "", {{"Authorization", "Basic " + r.Str("api_key")}}).status,
            401);
  EXPECT_EQ(Call(verb::get, path, "", "", {{"Authorization", "Bearer"}}).status, 401);
}

TEST_F(SalonsTest, AdminReachesEverySalonButNoMissingOne) {
  auto s = MakeSalon();
  EXPECT_EQ(Get(s.base() + "/clients/" + s.client, kAdminKey).status, 200);
  EXPECT_EQ(Post("/v1/salons/sal_missing/clients", kAdminKey,
                 R"({"first_name":"A","phone":"+353871234567"})").status, 404);
}

TEST_F(SalonsTest, AdminListsSalonsInPages) {
  for (int i = 0; i < 3; ++i) {
    Post("/v1/salons", kAdminKey, R"({"name":"S","currency":"EUR","country":"IE"})");
  }
  Reply page = Get("/v1/salons?limit=2", kAdminKey);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json.at("items").as_array().size(), 2u);
  std::string next(page.json.at("next").as_string());
  Reply rest = Get("/v1/salons?limit=2&cursor=" + next, kAdminKey);
  EXPECT_EQ(rest.json.at("items").as_array().size(), 1u);
  EXPECT_TRUE(rest.json.at("next").is_null());
}

TEST_F(SalonsTest, PatchHonoursIfMatch) {
  auto s = MakeSalon();
  Reply stale = Call(verb::patch, s.base(), s.key, R"({"name":"New"})", {{"If-Match", "\"7\""}});
  EXPECT_EQ(stale.status, 412);
  Reply ok = Call(verb::patch, s.base(), s.key, R"({"name":"New"})", {{"If-Match", "\"1\""}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Str("name"), "New");
  EXPECT_EQ(ok.json.at("version").as_int64(), 2);
}

TEST_F(SalonsTest, HealthReadinessAndMetrics) {
  EXPECT_EQ(Get("/healthz", "").status, 200);
  EXPECT_EQ(Get("/readyz", "").status, 200);
  Get("/healthz", "");
  Reply m = Get("/metrics", "");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("salon_http_requests_total{route=\"/healthz\",method=\"GET\",code=\"200\"}"),
            std::string::npos);
  EXPECT_NE(m.body.find("# TYPE salon_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(m.body.find("\nsalon_ready 1\n"), std::string::npos);
  EXPECT_NE(m.body.find("\nsalon_store_up 1\n"), std::string::npos);
}

// Metric labels take values from fixed sets only: invented methods and paths
// must not mint new series (each was memory a client could grow for free).
TEST_F(SalonsTest, ClientsCannotMintMetricSeries) {
  auto series = [&] {
    Reply m = Get("/metrics", "");
    return std::count(m.body.begin(), m.body.end(), '\n');
  };
  Client raw(port_);
  raw.Raw("INVENTED0 /nowhere/0 HTTP/1.1\r\nHost: x\r\n\r\n");
  Get("/metrics", "");
  const auto before = series();
  for (int i = 1; i < 50; ++i) {
    Reply r = raw.Raw("INVENTED" + std::to_string(i) + " /nowhere/" + std::to_string(i) +
                      " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(r.status, 404);
  }
  EXPECT_EQ(series(), before);
  Reply m = Get("/metrics", "");
  EXPECT_EQ(m.body.find("INVENTED"), std::string::npos);
  EXPECT_EQ(m.body.find("/nowhere"), std::string::npos);
  EXPECT_NE(m.body.find("route=\"unmatched\",method=\"other\""), std::string::npos);
}

}  // namespace
}  // namespace salon::testing
