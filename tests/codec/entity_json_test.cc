#include "codec/entity_json.h"

#include <gtest/gtest.h>

#include "codec/json_reader.h"
#include "tests/support/literals.h"

namespace salon {
namespace {

namespace json = boost::json;

using testing::Parse;

TEST(EntityJsonTest, StaffRoundTrips) {
  auto staff = StaffFromJson(Parse(R"({"name":"Ann","branch_id":"br_1",
      "hours":{"mon":[["09:00","13:00"],["14:00","18:00"]],"sat":[["10:00","16:00"]]},
      "service_ids":["svc_1"]})"));
  ASSERT_TRUE(staff.ok()) << staff.status().message();
  EXPECT_EQ(staff->hours[0].size(), 2u);
  EXPECT_EQ(staff->hours[5][0], (WorkingSpan{600, 960}));
  auto again = StaffFromJson(ToJson(*staff));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->hours, staff->hours);
  EXPECT_EQ(again->service_ids, staff->service_ids);
}

TEST(EntityJsonTest, WrongTypesAndUnknownFieldsAreMalformed) {
  auto wrong = ClientFromJson(Parse(R"({"first_name":42,"phone":"+353871234567"})"));
  EXPECT_EQ(wrong.status().code(), Code::kMalformed);
  auto unknown = ClientFromJson(Parse(R"({"first_name":"A","phone":"+353871234567","x":1})"));
  ASSERT_EQ(unknown.status().code(), Code::kMalformed);
  EXPECT_EQ(unknown.status().errors()[0].field, "x");
  auto not_object = ClientFromJson(Parse("[1,2]"));
  EXPECT_EQ(not_object.status().code(), Code::kMalformed);
}

TEST(EntityJsonTest, BadValuesAreInvalidWithTheirFields) {
  auto c = ClientFromJson(Parse(R"({"first_name":"A","phone":"0871234567"})"));
  ASSERT_EQ(c.status().code(), Code::kInvalid);
  EXPECT_EQ(c.status().errors()[0].field, "phone");
  auto b = BranchFromJson(Parse(R"({"name":"X","timezone":"Europe/Atlantis"})"));
  ASSERT_EQ(b.status().code(), Code::kInvalid);
  EXPECT_EQ(b.status().errors()[0].field, "timezone");
  auto missing = ServiceFromJson(Parse(R"({"price":{"amount":1,"currency":"EUR"},"duration_minutes":30})"));
  EXPECT_EQ(missing.status().code(), Code::kInvalid);
  auto nested = ServiceFromJson(Parse(R"({"name":"C","price":{"amount":1,"currency":"eu"},"duration_minutes":30})"));
  ASSERT_EQ(nested.status().code(), Code::kInvalid);
  EXPECT_EQ(nested.status().errors()[0].field, "price.currency");
}

TEST(EntityJsonTest, DurationBecomesOneBusyPhase) {
  auto s = ServiceFromJson(Parse(R"({"name":"Cut","price":{"amount":2500,"currency":"EUR"},"duration_minutes":45})"));
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->phases.size(), 1u);
  EXPECT_EQ(s->phases[0], (Phase{45, true}));
}

TEST(EntityJsonTest, MergePatchOverlaysFields) {
  json::object base{{"a", 1}, {"b", 2}};
  json::object patch{{"b", 3}, {"c", 4}};
  auto merged = MergePatch(base, patch);
  EXPECT_EQ(merged.at("a").as_int64(), 1);
  EXPECT_EQ(merged.at("b").as_int64(), 3);
  EXPECT_EQ(merged.at("c").as_int64(), 4);
}

}  // namespace
}  // namespace salon
