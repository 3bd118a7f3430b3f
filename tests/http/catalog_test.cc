#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

using CatalogTest = ServerTest;

TEST_F(CatalogTest, CreateReadListPatchArchive) {
  auto s = MakeSalon();
  for (int i = 0; i < 3; ++i) {
    Reply c = Post(s.base() + "/clients", s.key,
                   R"({"first_name":"Cara","last_name":"Lynch","phone":"+35386000000)" +
                       std::to_string(i) + R"("})");
    ASSERT_EQ(c.status, 201) << c.body;
  }
  Reply page = Get(s.base() + "/clients?limit=2", s.key);
  ASSERT_EQ(page.status, 200);
  ASSERT_EQ(page.json.at("items").as_array().size(), 2u);
  Reply rest = Get(s.base() + "/clients?limit=2&cursor=" +
                       std::string(page.json.at("next").as_string()), s.key);
  EXPECT_EQ(rest.json.at("items").as_array().size(), 2u);  // 4 clients in all
  EXPECT_TRUE(rest.json.at("next").is_null());
  EXPECT_EQ(Get(s.base() + "/clients?query=lynch", s.key).json.at("items").as_array().size(), 3u);
  EXPECT_EQ(Get(s.base() + "/clients?limit=0", s.key).status, 422);

  const std::string one = s.base() + "/clients/" + s.client;
  Reply got = Get(one, s.key);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.Header("ETag"), "\"1\"");
  EXPECT_EQ(Call(verb::patch, one, s.key, R"({"sms_marketing":true})", {{"If-Match", "\"2\""}}).status,
            412);
  Reply patched = Call(verb::patch, one, s.key, R"({"sms_marketing":true})", {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_TRUE(patched.json.at("sms_marketing").as_bool());
  EXPECT_EQ(patched.Str("first_name"), "Bo");
  EXPECT_EQ(patched.json.at("version").as_int64(), 2);
  EXPECT_EQ(Call(verb::patch, one, s.key, R"({"phone":"12"})").status, 422);

  Reply archived = Call(verb::delete_, one, s.key);
  ASSERT_EQ(archived.status, 200);
  EXPECT_TRUE(archived.json.at("archived").as_bool());
  EXPECT_EQ(Get(one, s.key).status, 200);  // history stays
  EXPECT_EQ(Get(s.base() + "/clients?query=ryan", s.key).json.at("items").as_array().size(), 0u);
  EXPECT_EQ(Get(s.base() + "/clients?query=ryan&archived=true", s.key)
                .json.at("items").as_array().size(), 1u);
}

TEST_F(CatalogTest, EveryCollectionCreatesReadsListsPatchesAndArchives) {
  auto s = MakeSalon();
  struct Case { std::string collection, body, patch, field, value; };
  const std::vector<Case> cases = {
      {"branches", R"({"name":"North","timezone":"America/New_York"})", R"({"name":"Uptown"})",
       "name", "Uptown"},
      {"staff", R"({"name":"Cy","branch_id":")" + s.branch + R"(","hours":{"tue":[["10:00","14:00"]]}})",
       R"({"name":"Cyril"})", "name", "Cyril"},
      {"services", R"({"name":"Trim","price":{"amount":900,"currency":"EUR"},"duration_minutes":10})",
       R"({"category":"cut"})", "category", "cut"},
      {"clients", R"({"first_name":"Di","phone":"+447700900123"})", R"({"last_name":"Ng"})",
       "last_name", "Ng"},
  };
  for (const Case& c : cases) {
    const std::string base = s.base() + "/" + c.collection;
    Reply created = Post(base, s.key, c.body);
    ASSERT_EQ(created.status, 201) << c.collection << ": " << created.body;
    const std::string one = base + "/" + created.Str("id");
    EXPECT_EQ(Get(one, s.key).status, 200) << c.collection;
    bool listed = false;
    const Reply list = Get(base + "?limit=500", s.key);
    for (const auto& item : list.json.at("items").as_array()) {
      listed = listed || item.at("id").as_string() == created.Str("id");
    }
    EXPECT_TRUE(listed) << c.collection;
    Reply patched = Call(verb::patch, one, s.key, c.patch, {{"If-Match", "\"1\""}});
    ASSERT_EQ(patched.status, 200) << c.collection << ": " << patched.body;
    EXPECT_EQ(patched.Str(c.field), c.value) << c.collection;
    EXPECT_EQ(Call(verb::patch, one, s.key, c.patch, {{"If-Match", "\"1\""}}).status, 412);
    EXPECT_EQ(Call(verb::patch, one, s.key, R"({"nonsense":1})").status, 400) << c.collection;
    EXPECT_EQ(Post(base, s.key, "{}").status, 422) << c.collection;
    EXPECT_EQ(Get(base + "/nope", s.key).status, 404) << c.collection;
    Reply gone = Call(verb::delete_, one, s.key);
    ASSERT_EQ(gone.status, 200) << c.collection;
    EXPECT_TRUE(gone.json.at("archived").as_bool());
    EXPECT_EQ(Call(verb::delete_, base + "/nope", s.key).status, 404) << c.collection;
  }
}

TEST_F(CatalogTest, ReferencesAreChecked) {
  auto s = MakeSalon();
  Reply bad_service = Post(s.base() + "/staff", s.key,
                           R"({"name":"X","branch_id":")" + s.branch +
                               R"(","hours":{},"service_ids":["svc_nope"]})");
  EXPECT_EQ(bad_service.status, 422);
  Reply bad_branch = Post(s.base() + "/staff", s.key, R"({"name":"X","branch_id":"br_nope","hours":{}})");
  EXPECT_EQ(bad_branch.status, 422);
  Reply bad_hours = Post(s.base() + "/staff", s.key,
                         R"({"name":"X","branch_id":")" + s.branch +
                             R"(","hours":{"mon":[["18:00","09:00"]]}})");
  EXPECT_EQ(bad_hours.status, 422);
  Reply bad_tz = Post(s.base() + "/branches", s.key, R"({"name":"B","timezone":"Europe/Nowhere"})");
  ASSERT_EQ(bad_tz.status, 422);
  EXPECT_EQ(bad_tz.json.at("errors").as_array()[0].at("field").as_string(), "timezone");
  Reply bad_phases = Post(s.base() + "/services", s.key,
                          R"({"name":"C","price":{"amount":1,"currency":"EUR"},"phases":[{"minutes":30,"busy":false}]})");
  EXPECT_EQ(bad_phases.status, 422);
}

TEST_F(CatalogTest, StaffAndServicesRoundTrip) {
  auto s = MakeSalon();
  Reply staff = Get(s.base() + "/staff/" + s.stylist, s.key);
  ASSERT_EQ(staff.status, 200);
  EXPECT_EQ(staff.json.at("hours").at("mon").as_array()[0].as_array()[0].as_string(), "09:00");
  EXPECT_FALSE(staff.json.at("hours").as_object().contains("sun"));
  Reply colour = Get(s.base() + "/services/" + s.colour, s.key);
  EXPECT_EQ(colour.json.at("duration_minutes").as_int64(), 105);
  EXPECT_FALSE(colour.json.at("phases").as_array()[1].at("busy").as_bool());
  EXPECT_EQ(Get(s.base() + "/staff?branch_id=" + s.branch, s.key).json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Get(s.base() + "/staff?branch_id=br_other", s.key).json.at("items").as_array().size(), 0u);
}

// PATCH merges over the service as a request gives it: a new duration
// replaces its phases, new phases its duration (once 422: both were kept).
TEST_F(CatalogTest, PatchingAServicesDurationOrPhases) {
  auto s = MakeSalon();
  const std::string cut = s.base() + "/services/" + s.cut;
  Reply longer = Call(verb::patch, cut, s.key, R"({"duration_minutes":45})");
  ASSERT_EQ(longer.status, 200) << longer.body;
  EXPECT_EQ(longer.json.at("duration_minutes").as_int64(), 45);
  ASSERT_EQ(longer.json.at("phases").as_array().size(), 1u);
  Reply phased = Call(verb::patch, cut, s.key,
                      R"({"phases":[{"minutes":20,"busy":true},{"minutes":10,"busy":false},{"minutes":10,"busy":true}]})");
  ASSERT_EQ(phased.status, 200) << phased.body;
  EXPECT_EQ(phased.json.at("duration_minutes").as_int64(), 40);
  EXPECT_EQ(Call(verb::patch, cut, s.key,
                 R"({"duration_minutes":50,"phases":[{"minutes":20,"busy":true}]})").status,
            422);
  EXPECT_EQ(Get(cut, s.key).json.at("duration_minutes").as_int64(), 40);  // unchanged
}

TEST_F(CatalogTest, TimeOffBlocksBookingsUntilDeleted) {
  auto s = MakeSalon();
  const std::string path = s.base() + "/staff/" + s.stylist + "/time-off";
  Reply off = Post(path, s.key, R"({"start":"2026-11-23T09:00:00Z","end":"2026-11-23T12:00:00Z","reason":"dentist"})");
  ASSERT_EQ(off.status, 201) << off.body;
  EXPECT_EQ(off.Str("start"), "2026-11-23T09:00:00+00:00");
  EXPECT_EQ(Get(path, s.key).json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Book(s, "2026-11-23T10:00:00Z", s.cut).status, 409);
  EXPECT_EQ(Post(path, s.key, R"({"start":"2026-11-23T12:00:00Z","end":"2026-11-23T09:00:00Z"})").status, 422);
  ASSERT_EQ(Call(verb::delete_, path + "/" + off.Str("id"), s.key).status, 200);
  EXPECT_EQ(Call(verb::delete_, path + "/" + off.Str("id"), s.key).status, 404);
  EXPECT_EQ(Book(s, "2026-11-23T10:00:00Z", s.cut).status, 201);
}

}  // namespace
}  // namespace salon::testing
