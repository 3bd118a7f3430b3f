// The JSON of campaigns: the stored document round-trips (and reads the
// documents stored before campaigns had a type), the API's view, and
// request bodies.
#include "codec/campaign_json.h"

#include <gtest/gtest.h>

#include <set>

#include "base/time.h"
#include "codec/json_reader.h"
#include "tests/support/literals.h"

namespace salon {
namespace {

namespace json = boost::json;

using testing::Parse;

Campaign Sample() {
  Campaign c;
  c.id = CampaignId{"cmp_1"};
  c.salon_id = SalonId{"sal_1"};
  c.name = "Winter";
  c.message = "Hi {first_name}";
  c.audience.branch_id = BranchId{"br_1"};
  c.audience.not_visited_within_days = 60;
  c.branch_id = BranchId{"br_1"};
  c.recipients = 2;
  c.segments = 3;
  c.created_at = *ParseInstant("2026-11-20T22:30:00Z");
  c.version = 2;
  return c;
}

TEST(CampaignJsonTest, TheStoredDocumentRoundTrips) {
  const Campaign c = Sample();
  json::object doc = ToJson(c);
  EXPECT_EQ(doc.at("status"), "sending");
  EXPECT_EQ(doc.at("created_at"), "2026-11-20T22:30:00Z");
  EXPECT_EQ(json::serialize(doc.at("audience")),
            R"({"branch_id":"br_1","not_visited_within_days":60})");
  StoredDocument stored;
  auto again = CampaignFromJson(doc);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->id, c.id);
  EXPECT_EQ(again->audience, c.audience);
  EXPECT_EQ(again->status, CampaignStatus::kSending);
  EXPECT_EQ(again->created_at, c.created_at);
  EXPECT_EQ(again->recipients, 2);
  EXPECT_EQ(again->segments, 3);
  EXPECT_EQ(again->version, 2);
  EXPECT_EQ(json::serialize(ToJson(*again)), json::serialize(doc));
}

TEST(CampaignJsonTest, ReadsADocumentAsCampaignsWereStoredBefore) {
  // Written by the untyped code: the same fields, an empty audience.
  StoredDocument stored;
  auto c = CampaignFromJson(Parse(R"({"id":"cmp_9","salon_id":"sal_1","name":"W",
      "message":"Hi","audience":{},"status":"cancelled","branch_id":"br_1","recipients":0,
      "segments":0,"created_at":"2026-01-02T03:04:05Z","version":3})"));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->status, CampaignStatus::kCancelled);
  EXPECT_EQ(c->audience, CampaignAudience{});
  EXPECT_FALSE(CampaignFromJson(Parse(R"({"id":"cmp_9","salon_id":"sal_1","name":"W",
      "message":"Hi","status":"completed","branch_id":"br_1",
      "created_at":"2026-01-02T03:04:05Z","version":3})")).ok());  // derived, never stored
}

TEST(CampaignJsonTest, TheViewShowsCountsAndTheShownStatus) {
  json::object view = CampaignViewJson(Sample(), {false, {.sent = 1, .delivered = 1}});
  EXPECT_EQ(view.at("status"), "completed");
  EXPECT_EQ(json::serialize(view.at("counts")),
            R"({"queued":0,"sent":1,"delivered":1,"failed":0,"expired":0,"skipped":0})");
  EXPECT_EQ(CampaignViewJson(Sample(), {false, {.queued = 1}}).at("status"), "sending");
  EXPECT_EQ(CampaignViewJson(Sample(), {true, {}}).at("status"), "sending");
}

TEST(CampaignJsonTest, RequestsAreCheckedFieldByField) {
  auto ok = ParseCampaignRequest(Parse(R"({"name":"W","message":"Hi {first_name} at {salon}",
      "audience":{"service_category":"Colour","visited_within_days":30}})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->audience.service_category, "Colour");
  EXPECT_EQ(ok->audience.visited_within_days, 30);
  EXPECT_FALSE(ok->audience.not_visited_within_days.has_value());

  auto bad = ParseCampaignRequest(Parse(R"({"name":"","message":"Hi {staff}"})"));
  EXPECT_EQ(bad.status().code(), Code::kInvalid);
  std::set<std::string> fields;
  for (const FieldError& e : bad.status().errors()) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "message"}));

  auto days = ParseCampaignRequest(Parse(R"({"name":"W","message":"Hi",
      "audience":{"visited_within_days":0}})"));
  ASSERT_FALSE(days.ok());
  EXPECT_EQ(days.status().errors().at(0).field, "audience.visited_within_days");
  EXPECT_EQ(ParseCampaignRequest(Parse(R"({"name":"W","message":"Hi","audience":{"x":1}})"))
                .status()
                .code(),
            Code::kMalformed);
  EXPECT_EQ(ParseCampaignRequest(Parse(R"({"name":"W"})")).status().code(), Code::kInvalid);
}

}  // namespace
}  // namespace salon
