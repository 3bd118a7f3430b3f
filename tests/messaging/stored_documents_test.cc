// Stored documents through the store (codec/storage_format.h): records,
// campaigns, messages and fan-out jobs are written in this release's format
// (kWrittenFormat), documents a newer binary wrote (a newer "_v", a field
// this one does not know) read, and "_v" never reaches what the API shows.
#include <gtest/gtest.h>

#include "codec/storage_format.h"
#include "messaging/campaigns.h"
#include "messaging/dispatcher.h"
#include "messaging/message.h"
#include "tests/messaging/outbox_fixture.h"

namespace salon::testing {
namespace {

namespace json = boost::json;

// The "_v" this release writes: none (-1) while it writes format 0.
constexpr long long kWritten = kWrittenFormat > 0 ? kWrittenFormat : -1;

// The "_v" of a stored document, -1 when it has none.
long long FormatOf(const std::string& data) {
  json::value v = json::parse(data);
  const json::value* format = v.as_object().if_contains("_v");
  return format != nullptr ? format->as_int64() : -1;
}

class StoredDocumentsTest : public OutboxTest {
 protected:
  void SetUp() override { AddSalon(); }

  Record Raw(Kind kind, const std::string& id) {
    Record out;
    EXPECT_TRUE(inner_->Read([&](ReadTxn& txn) {
      auto r = txn.Get(kind, salon_, id);
      EXPECT_TRUE(r.has_value()) << id;
      if (r) out = *r;
      return Status::Ok();
    }).ok());
    return out;
  }

  void PutRaw(Kind kind, Record r) {
    ASSERT_TRUE(inner_->Write([&](WriteTxn& txn) {
      txn.Put(kind, r);
      return Status::Ok();
    }).ok());
  }
};

TEST_F(StoredDocumentsTest, SavedObjectsCarryTheFormat) {
  ASSERT_TRUE(inner_->Write([&](WriteTxn& txn) {
    directory_->SaveClient(txn, MakeClient("cli_001", "+353871234567", true));
    return Status::Ok();
  }).ok());
  const Record r = Raw(Kind::kClient, "cli_001");
  EXPECT_EQ(FormatOf(r.data), kWritten);
  auto client = FromRecord<Client>(r);
  ASSERT_TRUE(client.ok()) << client.status().message();
  EXPECT_EQ(client->phone, "+353871234567");
  EXPECT_FALSE(ToJson(*client).contains("_v"));
  EXPECT_EQ(FormatOf(Raw(Kind::kSalon, salon_.value).data), kWritten);
}

TEST_F(StoredDocumentsTest, AClientANewerBinaryStoredLoads) {
  json::object doc = ToJson(MakeClient("cli_001", "+353871234567", true));
  doc["loyalty_tier"] = "gold";
  doc["_v"] = kStorageFormat + 1;
  Record r = RecordTraits<Client>::ToRecord(MakeClient("cli_001", "+353871234567", true));
  r.data = json::serialize(doc);
  PutRaw(Kind::kClient, r);
  auto client = ReadResult(*store_, [&](ReadTxn& txn) {
    return Load<Client>(txn, salon_, "cli_001");
  });
  ASSERT_TRUE(client.ok()) << client.status().message();
  EXPECT_EQ(client->first_name, "C001");
  EXPECT_TRUE(client->sms_marketing);
  // The same document as a request body is refused.
  auto request = ClientFromJson(doc);
  ASSERT_EQ(request.status().code(), Code::kMalformed);
  ASSERT_EQ(request.status().errors().size(), 2u);
  EXPECT_EQ(request.status().errors()[0].field, "loyalty_tier");
  EXPECT_EQ(request.status().errors()[1].field, "_v");
}

TEST_F(StoredDocumentsTest, ACorruptRecordIsInternal) {
  Record r = RecordTraits<Client>::ToRecord(MakeClient("cli_001", "+353871234567", true));
  r.data = R"({"first_name":"secret")";
  auto client = FromRecord<Client>(r);
  ASSERT_EQ(client.status().code(), Code::kInternal);
  EXPECT_EQ(client.status().message().find("secret"), std::string::npos);
}

TEST_F(StoredDocumentsTest, AMessageKeepsItsFormatAndNeverShowsIt) {
  MessageRow row = Confirmation("msg_1");
  EXPECT_EQ(FormatOf(row.data), kWritten);
  ASSERT_TRUE(Transition(row, MessageStatus::kSkipped, clock_.Now(), "no consent").ok());
  EXPECT_EQ(FormatOf(row.data), kWritten);
  EXPECT_FALSE(MessageDoc(row).doc.contains("_v"));
  json::object shown = MessageJson(row);
  EXPECT_EQ(shown.at("text"), "Hi");
  EXPECT_EQ(shown.at("history").as_array().size(), 2u);
  EXPECT_FALSE(shown.contains("_v"));

  // As a newer binary stored it.
  row.data = R"({"_v":2,"text":"Hello","channel":"whatsapp","history":[]})";
  shown = MessageJson(row);
  EXPECT_EQ(shown.at("text"), "Hello");
  EXPECT_FALSE(shown.contains("_v"));
  EXPECT_FALSE(shown.contains("channel"));
}

TEST_F(StoredDocumentsTest, ACampaignItsJobAndItsMessagesCarryTheFormat) {
  ASSERT_TRUE(inner_->Write([&](WriteTxn& txn) {
    directory_->SaveClient(txn, MakeClient("cli_001", "+353871234567", true));
    return Status::Ok();
  }).ok());
  Campaigns campaigns(*directory_, ids_, nullptr);
  CampaignRequest req;
  req.name = "Winter";
  req.message = "Hi {first_name}";
  std::string id;
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) -> Status {
    SALON_ASSIGN_OR_RETURN(json::object view, campaigns.Create(txn, salon_, req, clock_.Now()));
    EXPECT_FALSE(view.contains("_v"));
    id = std::string(view.at("id").as_string());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(FormatOf(Raw(Kind::kCampaign, id).data), kWritten);
  ASSERT_TRUE(inner_->Read([&](ReadTxn& txn) {
    auto job = txn.GetMessage(salon_, "job_" + id);
    EXPECT_TRUE(job.has_value());
    EXPECT_EQ(job ? FormatOf(job->data) : -2, kWritten);
    return Status::Ok();
  }).ok());

  Dispatcher dispatcher(*store_, *directory_, campaigns, provider_, clock_, metrics_,
                        DispatcherConfig{});
  for (int i = 0; i < 5; ++i) {
    auto claimed = dispatcher.RunOnce();
    ASSERT_TRUE(claimed.ok()) << claimed.status().message();
    if (*claimed == 0) break;
  }
  ASSERT_EQ(provider_.sent.size(), 1u);
  EXPECT_EQ(provider_.sent[0].text, "Hi C001");
  for (const MessageRow& row : Messages()) {
    EXPECT_EQ(FormatOf(row.data), kWritten) << row.id;
    EXPECT_FALSE(MessageJson(row).contains("_v")) << row.id;
  }
  auto view = ReadResult(*store_, [&](ReadTxn& txn) { return campaigns.Get(txn, salon_, id); });
  ASSERT_TRUE(view.ok()) << view.status().message();
  EXPECT_FALSE(view->contains("_v"));
}

TEST_F(StoredDocumentsTest, ACampaignANewerBinaryStoredShowsWithoutItsFormat) {
  Campaign c;
  c.id = CampaignId{"cmp_1"};
  c.salon_id = salon_;
  c.name = "Winter";
  c.message = "Hi {first_name}";
  c.branch_id = BranchId{"br_1"};
  c.status = CampaignStatus::kCancelled;
  c.created_at = clock_.Now();
  json::object doc = ToJson(c);
  doc["channel"] = "whatsapp";
  doc["_v"] = kStorageFormat + 1;
  Record r;
  r.id = c.id.value;
  r.salon_id = salon_.value;
  r.status = "cancelled";
  r.data = json::serialize(doc);
  PutRaw(Kind::kCampaign, r);
  Campaigns campaigns(*directory_, ids_, nullptr);
  auto view = ReadResult(*store_, [&](ReadTxn& txn) { return campaigns.Get(txn, salon_, "cmp_1"); });
  ASSERT_TRUE(view.ok()) << view.status().message();
  EXPECT_EQ(view->at("name"), "Winter");
  EXPECT_EQ(view->at("status"), "cancelled");
  EXPECT_FALSE(view->contains("_v"));
  EXPECT_FALSE(view->contains("channel"));
}

}  // namespace
}  // namespace salon::testing
