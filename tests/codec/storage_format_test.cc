// The storage format: documents are written with "_v", read from any
// format (older ones upgraded by the chain, newer ones leniently), and a
// request is still held to the strict rules. Stored messages and campaigns
// read through the store: tests/messaging/stored_documents_test.cc.
#include "codec/storage_format.h"

#include <gtest/gtest.h>

#include "base/time.h"
#include "codec/campaign_json.h"
#include "codec/entity_json.h"
#include "codec/json_reader.h"

namespace salon {
namespace {

namespace json = boost::json;

json::object Parsed(std::string_view text) {
  json::value v;
  EXPECT_TRUE(ParseJson(text, v).ok()) << text;
  return v.is_object() ? v.as_object() : json::object{};
}

// What FromStored answers for `text`, as an object ({} when it failed).
json::object Read(std::string_view text, const Upgrades& chain = StorageUpgrades()) {
  auto v = FromStored(text, chain);
  EXPECT_TRUE(v.ok()) << v.status().message();
  return v.ok() ? v->as_object() : json::object{};
}

Client SampleClient() {
  Client c;
  c.id = ClientId{"cli_1"};
  c.salon_id = SalonId{"sal_1"};
  c.first_name = "Ann";
  c.last_name = "Byrne";
  c.phone = "+353871234567";
  c.email = "ann@example.com";
  c.version = 3;
  return c;
}

TEST(StorageFormatTest, WritesTheFormatAndReadsItBackWithoutIt) {
  const std::string stored = ToStored(json::object{{"name", "Ann"}}, kStorageFormat);
  const json::object raw = Parsed(stored);
  ASSERT_TRUE(raw.contains("_v"));
  EXPECT_EQ(raw.at("_v"), kStorageFormat);
  EXPECT_EQ(Read(stored), (json::object{{"name", "Ann"}}));
}

TEST(StorageFormatTest, ThisReleaseWritesWhatEveryEarlierBinaryReads) {
  // Binaries from before formats were numbered refuse "_v": until they are
  // all gone, documents are written as format 0.
  EXPECT_EQ(kWrittenFormat, 0);
  EXPECT_FALSE(Parsed(ToStored(json::object{{"name", "Ann"}})).contains("_v"));
}

TEST(StorageFormatTest, ADocumentStoredBeforeFormatsReads) {
  EXPECT_EQ(Read(R"({"name":"Ann"})"), (json::object{{"name", "Ann"}}));
  const std::string format0 = json::serialize(ToJson(SampleClient()));
  auto doc = FromStored(format0);
  ASSERT_TRUE(doc.ok());
  StoredDocument stored;
  auto client = ClientFromJson(*doc);
  ASSERT_TRUE(client.ok()) << client.status().message();
  EXPECT_EQ(client->first_name, "Ann");
  EXPECT_EQ(client->version, 3);
}

// A chain whose format 0 called the name "name" and format 1 "full_name".
void RenameName(json::object& doc) {
  if (const json::value* name = doc.if_contains("name")) {
    json::value moved = *name;  // inserting may rehash and move what `name` points at
    doc.erase("name");
    doc["full_name"] = std::move(moved);
  }
}

TEST(StorageFormatTest, TheChainUpgradesAnOlderDocumentOnly) {
  const Upgrades chain{{0, RenameName}};
  EXPECT_EQ(Read(R"({"name":"Ann"})", chain), (json::object{{"full_name", "Ann"}}));
  EXPECT_EQ(Read(R"({"_v":0,"name":"Ann"})", chain), (json::object{{"full_name", "Ann"}}));
  // Written in the current format (or a newer one): already upgraded.
  EXPECT_EQ(Read(R"({"_v":1,"name":"Ann"})", chain), (json::object{{"name", "Ann"}}));
  EXPECT_EQ(Read(R"({"_v":7,"name":"Ann"})", chain), (json::object{{"name", "Ann"}}));
  // A step from the current format leads to one this binary does not know.
  EXPECT_EQ(Read(R"({"name":"Ann"})", Upgrades{{kStorageFormat, RenameName}}),
            (json::object{{"name", "Ann"}}));
}

TEST(StorageFormatTest, TheProductionChainKeepsTheShape) {
  const json::object doc = ToJson(SampleClient());
  EXPECT_EQ(Read(json::serialize(doc)), doc);
  EXPECT_EQ(Read(ToStored(doc)), doc);
  EXPECT_EQ(Read(ToStored(doc, kStorageFormat)), doc);
}

TEST(StorageFormatTest, ANewerFormatsFieldsAreIgnoredButARequestsAreNot) {
  json::object doc = ToJson(SampleClient());
  doc["loyalty_tier"] = "gold";
  doc["_v"] = kStorageFormat + 1;
  auto newer = FromStored(json::serialize(doc));
  ASSERT_TRUE(newer.ok());
  {
    StoredDocument stored;
    auto client = ClientFromJson(*newer);
    ASSERT_TRUE(client.ok()) << client.status().message();
    EXPECT_EQ(client->id.value, "cli_1");
    EXPECT_EQ(client->email, "ann@example.com");
    EXPECT_EQ(client->version, 3);
    EXPECT_FALSE(ToJson(*client).contains("loyalty_tier"));
  }
  auto request = ClientFromJson(*newer);
  ASSERT_EQ(request.status().code(), Code::kMalformed);
  ASSERT_EQ(request.status().errors().size(), 1u);
  EXPECT_EQ(request.status().errors()[0].field, "loyalty_tier");
}

TEST(StorageFormatTest, NestedFieldsOfANewerFormatAreIgnoredToo) {
  const json::object newer = Parsed(R"({"_v":2,"id":"svc_1","name":"Cut",
      "price":{"amount":2500,"currency":"EUR","tax_band":"B"},"duration_minutes":30,
      "colour":"teal"})");
  auto doc = FromStored(json::serialize(newer));
  ASSERT_TRUE(doc.ok());
  {
    StoredDocument stored;
    auto service = ServiceFromJson(*doc);
    ASSERT_TRUE(service.ok()) << service.status().message();
    EXPECT_EQ(service->price.amount, 2500);
  }
  auto request = ServiceFromJson(*doc);
  ASSERT_EQ(request.status().code(), Code::kMalformed);
  ASSERT_EQ(request.status().errors().size(), 2u);
  EXPECT_EQ(request.status().errors()[0].field, "price.tax_band");
  EXPECT_EQ(request.status().errors()[1].field, "colour");
}

TEST(StorageFormatTest, AStoredCampaignsViewHasNoFormat) {
  Campaign c;
  c.id = CampaignId{"cmp_1"};
  c.salon_id = SalonId{"sal_1"};
  c.name = "Winter";
  c.message = "Hi {first_name}";
  c.branch_id = BranchId{"br_1"};
  c.created_at = *ParseInstant("2026-11-20T22:30:00Z");
  json::object doc = ToJson(c);
  doc["channel"] = "whatsapp";  // a newer binary's
  doc["_v"] = kStorageFormat + 1;
  auto read = FromStored(json::serialize(doc));
  ASSERT_TRUE(read.ok());
  StoredDocument stored;
  auto again = CampaignFromJson(*read);
  ASSERT_TRUE(again.ok()) << again.status().message();
  const json::object view = CampaignViewJson(*again, CampaignProgress{});
  EXPECT_EQ(view.at("name"), "Winter");
  EXPECT_FALSE(view.contains("_v"));
  EXPECT_FALSE(view.contains("channel"));
}

TEST(StorageFormatTest, ACorruptDocumentIsInternalAndNamesNothingInIt) {
  for (const char* corrupt : {R"({"secret":"hunter2")", R"(["secret"])", R"("secret")",
                              R"({"_v":"secret"})", R"({"_v":-1})", R"({"_v":1.5})"}) {
    auto v = FromStored(corrupt);
    ASSERT_FALSE(v.ok()) << corrupt;
    EXPECT_EQ(v.status().code(), Code::kInternal) << corrupt;
    EXPECT_EQ(v.status().message().find("secret"), std::string::npos) << v.status().message();
  }
}

}  // namespace
}  // namespace salon
