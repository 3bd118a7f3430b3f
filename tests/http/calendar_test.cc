#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

using CalendarTest = ServerTest;

TEST_F(CalendarTest, UnchangedDayAnswers304AndChangesGiveANewETag) {
  auto s = MakeSalon();
  const std::string path = s.base() + "/branches/" + s.branch + "/calendar?date=2026-11-23";
  Reply first = Get(path, s.key);
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string etag = first.Header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first.json.at("staff").as_array().size(), 1u);
  EXPECT_EQ(first.json.at("appointments").as_array().size(), 0u);

  Reply same = Call(verb::get, path, s.key, "", {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_TRUE(same.body.empty());
  EXPECT_EQ(same.Header("ETag"), etag);

  // Another day's booking leaves this day's ETag alone.
  ASSERT_EQ(Book(s, "2026-11-24T09:00:00Z", s.cut).status, 201);
  EXPECT_EQ(Call(verb::get, path, s.key, "", {{"If-None-Match", etag}}).status, 304);

  // This day's booking changes it.
  ASSERT_EQ(Book(s, "2026-11-23T09:00:00Z", s.cut).status, 201);
  Reply changed = Call(verb::get, path, s.key, "", {{"If-None-Match", etag}});
  ASSERT_EQ(changed.status, 200);
  EXPECT_NE(changed.Header("ETag"), etag);
  EXPECT_EQ(changed.json.at("appointments").as_array().size(), 1u);

  // So do time off and a staff change.
  std::string e2 = changed.Header("ETag");
  Post(s.base() + "/staff/" + s.stylist + "/time-off", s.key,
       R"({"start":"2026-11-23T15:00:00Z","end":"2026-11-23T16:00:00Z"})");
  Reply after_off = Call(verb::get, path, s.key, "", {{"If-None-Match", e2}});
  ASSERT_EQ(after_off.status, 200);
  EXPECT_EQ(after_off.json.at("time_off").as_array().size(), 1u);
  std::string e3 = after_off.Header("ETag");
  Call(verb::patch, s.base() + "/staff/" + s.stylist, s.key, R"({"name":"Annie"})");
  EXPECT_EQ(Call(verb::get, path, s.key, "", {{"If-None-Match", e3}}).status, 200);
}

TEST_F(CalendarTest, ETagsSurviveARestart) {
  auto s = MakeSalon();
  Book(s, "2026-11-23T09:00:00Z", s.cut);
  const std::string path = s.base() + "/branches/" + s.branch + "/calendar?date=2026-11-23&days=3";
  const std::string etag = Get(path, s.key).Header("ETag");
  Restart();
  EXPECT_EQ(Call(verb::get, path, s.key, "", {{"If-None-Match", etag}}).status, 304);
}

TEST_F(CalendarTest, BadQueriesAndOtherSalons) {
  auto s = MakeSalon();
  auto other = MakeSalon("Other");
  const std::string base = s.base() + "/branches/" + s.branch + "/calendar";
  EXPECT_EQ(Get(base, s.key).status, 422);
  EXPECT_EQ(Get(base + "?date=2026-02-30", s.key).status, 422);
  EXPECT_EQ(Get(base + "?date=2026-11-23&days=8", s.key).status, 422);
  EXPECT_EQ(Get(base + "?date=2026-11-23", other.key).status, 404);
  EXPECT_EQ(Get(other.base() + "/branches/" + s.branch + "/calendar?date=2026-11-23", other.key)
                .status, 404);
}

}  // namespace
}  // namespace salon::testing
