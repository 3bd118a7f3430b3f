#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;
namespace json = boost::json;

using AppointmentsTest = ServerTest;

TEST_F(AppointmentsTest, BookingAssignsStaffAndLaysOutPhases) {
  auto s = MakeSalon();
  Reply r = Book(s, "2026-11-23T09:00:00Z", s.colour);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Str("status"), "booked");
  EXPECT_EQ(r.Str("start"), "2026-11-23T09:00:00+00:00");
  EXPECT_EQ(r.Str("end"), "2026-11-23T10:45:00+00:00");
  EXPECT_EQ(r.json.at("version").as_int64(), 1);
  const auto& item = r.json.at("items").as_array()[0];
  EXPECT_EQ(item.at("staff_id").as_string(), s.stylist);
  ASSERT_EQ(item.at("phases").as_array().size(), 3u);
  EXPECT_FALSE(item.at("phases").as_array()[1].at("busy").as_bool());
  Reply got = Get(s.base() + "/appointments/" + r.Str("id"), s.key);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.Str("end"), r.Str("end"));
  EXPECT_EQ(got.Header("ETag"), "\"1\"");
}

TEST_F(AppointmentsTest, ATakenSlotIsAConflictNamingTheBlocker) {
  auto s = MakeSalon();
  Reply first = Book(s, "2026-11-23T09:00:00Z", s.cut);
  ASSERT_EQ(first.status, 201);
  Reply second = Book(s, "2026-11-23T09:15:00Z", s.cut);
  ASSERT_EQ(second.status, 409);
  EXPECT_EQ(second.Header("Content-Type"), "application/problem+json");
  EXPECT_NE(second.Str("detail").find(first.Str("id")), std::string::npos);
  EXPECT_EQ(Book(s, "2026-11-23T07:00:00Z", s.cut).status, 409);  // before opening
  EXPECT_EQ(Book(s, "2026-11-22T10:00:00Z", s.cut).status, 409);  // Sunday off
}

TEST_F(AppointmentsTest, AProcessingGapTakesAnotherClient) {
  auto s = MakeSalon();
  ASSERT_EQ(Book(s, "2026-11-23T09:00:00Z", s.colour).status, 201);
  EXPECT_EQ(Book(s, "2026-11-23T09:30:00Z", s.cut).status, 201);   // in the gap
  EXPECT_EQ(Book(s, "2026-11-23T10:00:00Z", s.cut).status, 409);   // into the rinse
  EXPECT_EQ(Book(s, "2026-11-23T10:45:00Z", s.cut).status, 201);
}

TEST_F(AppointmentsTest, MultiItemVisitsRunBackToBack) {
  auto s = MakeSalon();
  json::object body{{"branch_id", s.branch},
                    {"client_id", s.client},
                    {"start", "2026-11-24T09:00:00Z"},
                    {"items", json::array{json::object{{"service_id", s.colour}},
                                          json::object{{"service_id", s.cut}}}}};
  Reply r = Post(s.base() + "/appointments", s.key, json::serialize(body));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Str("end"), "2026-11-24T11:15:00+00:00");
  EXPECT_EQ(r.json.at("items").as_array()[1].at("start").as_string(), "2026-11-24T10:45:00+00:00");
}

TEST_F(AppointmentsTest, RescheduleHonoursVersionsAndCollisions) {
  auto s = MakeSalon();
  Reply a = Book(s, "2026-11-23T09:00:00Z", s.cut);
  Reply b = Book(s, "2026-11-23T11:00:00Z", s.cut);
  const std::string path = s.base() + "/appointments/" + a.Str("id");
  EXPECT_EQ(Call(verb::patch, path, s.key, R"({"start":"2026-11-23T10:00:00Z"})",
                 {{"If-Match", "\"9\""}}).status, 412);
  EXPECT_EQ(Call(verb::patch, path, s.key, R"({"start":"2026-11-23T11:15:00Z"})",
                 {{"If-Match", "\"1\""}}).status, 409);
  Reply moved = Call(verb::patch, path, s.key, R"({"start":"2026-11-23T10:00:00Z"})",
                     {{"If-Match", "\"1\""}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Str("start"), "2026-11-23T10:00:00+00:00");
  EXPECT_EQ(moved.json.at("version").as_int64(), 2);
  // Its old time is free again; moving onto its own time is allowed.
  EXPECT_EQ(Book(s, "2026-11-23T09:00:00Z", s.cut).status, 201);
  EXPECT_EQ(Call(verb::patch, path, s.key, R"({"start":"2026-11-23T10:15:00Z"})").status, 200);
  (void)b;
}

TEST_F(AppointmentsTest, CancelFreesTheTimeAndStatusesMoveLegallyOnly) {
  auto s = MakeSalon();
  Reply a = Book(s, "2026-11-23T09:00:00Z", s.cut);
  const std::string path = s.base() + "/appointments/" + a.Str("id");
  Reply cancelled = Post(path + "/cancel", s.key, R"({"reason":"ill"})");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.Str("status"), "cancelled");
  EXPECT_EQ(Post(path + "/cancel", s.key, "").status, 409);
  EXPECT_EQ(Post(path + "/status", s.key, R"({"status":"completed"})").status, 409);
  EXPECT_EQ(Book(s, "2026-11-23T09:00:00Z", s.cut).status, 201);

  Reply b = Book(s, "2026-11-23T12:00:00Z", s.cut);
  const std::string bp = s.base() + "/appointments/" + b.Str("id");
  EXPECT_EQ(Post(bp + "/status", s.key, R"({"status":"arrived"})").Str("status"), "arrived");
  EXPECT_EQ(Post(bp + "/status", s.key, R"({"status":"completed"})").Str("status"), "completed");
  EXPECT_EQ(Post(bp + "/status", s.key, R"({"status":"no_show"})").status, 409);
  EXPECT_EQ(Post(bp + "/status", s.key, R"({"status":"cancelled"})").status, 422);
  EXPECT_EQ(Post(bp + "/status", s.key, R"({"status":"done"})").status, 422);
  EXPECT_EQ(Call(verb::patch, bp, s.key, R"({"start":"2026-11-23T15:00:00Z"})").status, 409);
}

TEST_F(AppointmentsTest, AvailabilityFollowsBookings) {
  auto s = MakeSalon();
  const std::string path = s.base() + "/branches/" + s.branch +
                           "/availability?service_ids=" + s.cut + "&from=2026-11-23&days=1";
  Reply before = Get(path, s.key);
  ASSERT_EQ(before.status, 200) << before.body;
  const auto& slots = before.json.at("slots").as_array();
  ASSERT_EQ(slots.size(), 35u);  // 09:00 … 17:30
  EXPECT_EQ(slots[0].at("start").as_string(), "2026-11-23T09:00:00+00:00");
  ASSERT_EQ(Book(s, "2026-11-23T09:00:00Z", s.cut).status, 201);
  Reply after = Get(path, s.key);
  EXPECT_EQ(after.json.at("slots").as_array().size(), 33u);  // 09:00 and 09:15 gone
  EXPECT_EQ(after.json.at("slots").as_array()[0].at("start").as_string(),
            "2026-11-23T09:30:00+00:00");
  // Past days have nothing; a week from Friday noon has only future slots.
  Reply week = Get(s.base() + "/branches/" + s.branch + "/availability?service_ids=" + s.cut +
                       "&from=2026-11-20&days=7", s.key);
  EXPECT_EQ(week.json.at("slots").as_array()[0].at("start").as_string(),
            "2026-11-20T12:00:00+00:00");
  EXPECT_EQ(Get(s.base() + "/branches/" + s.branch + "/availability?service_ids=" + s.cut +
                    "&from=2026-11-23&days=32", s.key).status, 422);
  EXPECT_EQ(Get(s.base() + "/branches/" + s.branch + "/availability?service_ids=svc_x&from=2026-11-23",
                s.key).status, 422);
  EXPECT_EQ(Get(s.base() + "/branches/br_nope/availability?service_ids=" + s.cut + "&from=2026-11-23",
                s.key).status, 404);
}

// The probe that froze the server: ten services of [1 busy, 1 free, 1 busy]
// minutes and 30 staff who all do them, searched for a day.
TEST_F(AppointmentsTest, TheWorstAvailabilityProbeAnswersAtOnce) {
  auto s = MakeSalon();
  Reply tiny = Post(s.base() + "/services", s.key,
                    R"({"name":"Tiny","price":{"amount":100,"currency":"EUR"},
                        "phases":[{"minutes":1,"busy":true},{"minutes":1,"busy":false},
                                  {"minutes":1,"busy":true}]})");
  ASSERT_EQ(tiny.status, 201) << tiny.body;
  json::array hours_day{json::value(json::array{"00:00", "24:00"})};
  json::object hours;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) hours[d] = hours_day;
  for (int i = 0; i < 30; ++i) {
    json::object body{{"name", "S" + std::to_string(i)}, {"branch_id", s.branch}, {"hours", hours},
                      {"service_ids", json::array{json::value(tiny.Str("id"))}}};
    ASSERT_EQ(Post(s.base() + "/staff", s.key, json::serialize(body)).status, 201);
  }
  std::string ids;
  for (int i = 0; i < 10; ++i) ids += (i ? "," : "") + tiny.Str("id");
  const std::string path = s.base() + "/branches/" + s.branch + "/availability?service_ids=" + ids +
                           "&from=2026-11-23&days=1";
  Reply r = Get(path, s.key);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_GT(r.json.at("slots").as_array().size(), 90u);
  EXPECT_EQ(r.json.as_object().if_contains("complete"), nullptr);
  EXPECT_EQ(Get("/healthz", "").status, 200);
}

TEST_F(AppointmentsTest, AvailabilityForAStaffMemberWhoIsNotThereIs422) {
  auto s = MakeSalon();
  auto other = MakeSalon("Other");
  const std::string path = s.base() + "/branches/" + s.branch + "/availability?service_ids=" +
                           s.cut + "&from=2026-11-23&staff_id=";
  EXPECT_EQ(Get(path + s.stylist, s.key).status, 200);
  Reply unknown = Get(path + "stf_nobody", s.key);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("staff_id"), std::string::npos);
  EXPECT_EQ(Get(path + other.stylist, s.key).status, 422);  // another salon's
  Reply shampoo = Post(s.base() + "/services", s.key,
                       R"({"name":"Wash","price":{"amount":900,"currency":"EUR"},"duration_minutes":15})");
  EXPECT_EQ(Get(s.base() + "/branches/" + s.branch + "/availability?service_ids=" +
                    shampoo.Str("id") + "&from=2026-11-23&staff_id=" + s.stylist, s.key).status,
            422);  // does not offer it
}

TEST_F(AppointmentsTest, BranchOpeningHoursBoundEveryonesHours) {
  auto s = MakeSalon();
  Reply patched = Call(verb::patch, s.base() + "/branches/" + s.branch, s.key,
                       R"({"opening_hours":{"mon":[["10:00","16:00"]]}})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json.at("opening_hours").at("mon").as_array()[0].as_array()[1].as_string(),
            "16:00");
  EXPECT_EQ(Book(s, "2026-11-23T09:30:00Z", s.cut).status, 409);  // stylist works, shop shut
  EXPECT_EQ(Book(s, "2026-11-23T10:00:00Z", s.cut).status, 201);
  EXPECT_EQ(Book(s, "2026-11-24T10:00:00Z", s.cut).status, 409);  // closed on Tuesdays
  Reply bad = Call(verb::patch, s.base() + "/branches/" + s.branch, s.key,
                   R"({"opening_hours":{"mon":[["16:00","10:00"]]}})");
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json.at("errors").as_array()[0].at("field").as_string(), "opening_hours.mon");
}

TEST_F(AppointmentsTest, ChangesToStaffAndServicesApplyToTheNextBooking) {
  auto s = MakeSalon();
  const std::string avail = s.base() + "/branches/" + s.branch + "/availability?service_ids=" +
                            s.cut + "&from=2026-11-23";
  ASSERT_EQ(Get(avail, s.key).json.at("slots").as_array().size(), 35u);  // warms the caches
  ASSERT_EQ(Call(verb::patch, s.base() + "/staff/" + s.stylist, s.key,
                 R"({"hours":{"mon":[["12:00","14:00"]]}})").status, 200);
  EXPECT_EQ(Get(avail, s.key).json.at("slots").as_array().size(), 7u);
  EXPECT_EQ(Book(s, "2026-11-23T10:00:00Z", s.cut).status, 409);
  ASSERT_EQ(Call(verb::patch, s.base() + "/services/" + s.cut, s.key,
                 R"({"duration_minutes":60,"phases":null})").status, 200);
  Reply longer = Book(s, "2026-11-23T12:00:00Z", s.cut);
  ASSERT_EQ(longer.status, 201) << longer.body;
  EXPECT_EQ(longer.Str("end"), "2026-11-23T13:00:00+00:00");
  ASSERT_EQ(Call(verb::delete_, s.base() + "/staff/" + s.stylist, s.key).status, 200);
  EXPECT_EQ(Get(avail, s.key).json.at("slots").as_array().size(), 0u);
}

TEST_F(AppointmentsTest, ListsByBranchAndTime) {
  auto s = MakeSalon();
  Book(s, "2026-11-23T09:00:00Z", s.cut);
  Book(s, "2026-11-24T09:00:00Z", s.cut);
  Reply all = Get(s.base() + "/appointments?branch_id=" + s.branch, s.key);
  EXPECT_EQ(all.json.at("items").as_array().size(), 2u);
  Reply monday = Get(s.base() + "/appointments?from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z", s.key);
  EXPECT_EQ(monday.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Get(s.base() + "/appointments?from=monday", s.key).status, 422);
}

}  // namespace
}  // namespace salon::testing
