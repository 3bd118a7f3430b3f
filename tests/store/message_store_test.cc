// The outbox on every engine: adding once, claiming due messages exactly
// once (also by concurrent claimers), in-doubt claims, lists and counts.
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "store/open_store.h"
#include "tests/support/engine_test.h"

namespace salon {
namespace {

class MessageStoreTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    store_ = OpenStore(spec_);
  }
  void TearDown() override {
    store_.reset();
    EngineTest::TearDown();
  }
  static MessageRow Message(const std::string& id, long long due,
                            MessageKind kind = MessageKind::kMarketing) {
    MessageRow m;
    m.id = id;
    m.salon_id = "sal_1";
    m.kind = kind;
    m.client_id = "cli_" + id;
    m.campaign_id = kind == MessageKind::kMarketing ? "cmp_1" : "";
    m.to = "+35380000" + id.substr(id.size() - 4);
    m.status = MessageStatus::kQueued;
    m.due_at = due;
    m.segments = 2;
    m.created_at = 1000;
    m.data = "{}";
    return m;
  }
  std::vector<MessageRow> Claim(long long now, long long in_doubt_at, int limit) {
    std::vector<MessageRow> out;
    EXPECT_TRUE(store_->Write([&](WriteTxn& txn) {
      out = txn.ClaimMessages(now, in_doubt_at, limit);
      return Status::Ok();
    }).ok());
    return out;
  }

  std::unique_ptr<Store> store_;
};

SALON_ON_EVERY_ENGINE(MessageStoreTest);

TEST_P(MessageStoreTest, AddsOnceClaimsDueOnesAndRetakesOnlyThoseInDoubt) {
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    txn.AddMessage(Message("m_0001", 100));
    txn.AddMessage(Message("m_0002", 200));
    txn.AddMessage(Message("m_0003", 900));
    txn.AddMessage(Message("m_0001", 50));  // a second fan-out adds nothing
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTxn& txn) {
    MessageQuery all;
    all.salon_id = SalonId{"sal_1"};
    EXPECT_EQ(txn.ListMessages(all).size(), 3u);
    EXPECT_EQ(txn.GetMessage(SalonId{"sal_1"}, "m_0001")->due_at, 100);
    return Status::Ok();
  }).ok());

  auto first = Claim(300, 600, 10);
  ASSERT_EQ(first.size(), 2u);
  for (const MessageRow& m : first) {
    EXPECT_EQ(m.status, MessageStatus::kSending);
    EXPECT_EQ(m.attempts, 1);
    EXPECT_EQ(m.due_at, 600);
  }
  EXPECT_TRUE(Claim(599, 900, 10).empty());  // claimed, not yet in doubt
  // m_0001 is answered; m_0002's attempt is in doubt at 600 and is retaken.
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    auto m = txn.GetMessage(SalonId{"sal_1"}, "m_0001");
    EXPECT_TRUE(m.has_value());
    m->status = MessageStatus::kSent;
    txn.PutMessage(*m);
    return Status::Ok();
  }).ok());
  auto again = Claim(600, 1200, 10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, "m_0002");
  EXPECT_EQ(again[0].attempts, 2);
  EXPECT_EQ(Claim(1000, 2000, 10).at(0).id, "m_0003");
}

TEST_P(MessageStoreTest, ManyMessagesAreReadInWriteOrderAsBytes) {
  // As bytes "sal_B" < "sal_a" and "m_0002" < "m_000a"; a linguistic
  // collation would put each pair the other way round.
  const std::vector<std::pair<std::string, std::string>> in_write_order = {
      {"sal_B", "m_0002"}, {"sal_B", "m_000a"}, {"sal_a", "m_0003"}, {"sal_a", "m_000b"}};
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    for (const auto& [salon, id] : in_write_order) {
      MessageRow m = Message(id, 100);
      m.salon_id = salon;
      txn.AddMessage(m);
    }
    return Status::Ok();
  }).ok());
  const std::vector<RecordKey> keys = {{SalonId{"sal_a"}, "m_000b"}, {SalonId{"sal_B"}, "m_000a"},
                                       {SalonId{"sal_a"}, "m_0003"}, {SalonId{"sal_B"}, "m_0002"},
                                       {SalonId{"sal_a"}, "m_0002"},  // another salon's
                                       {SalonId{"sal_a"}, "m_0009"},  // none such
                                       {SalonId{"sal_a"}, "m_0003"}};  // asked twice
  auto keys_of = [](const std::vector<MessageRow>& rows) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const MessageRow& m : rows) out.emplace_back(m.salon_id, m.id);
    return out;
  };
  ASSERT_TRUE(store_->Read([&](ReadTxn& txn) {
    EXPECT_EQ(keys_of(txn.GetMessages(keys)), in_write_order);
    EXPECT_TRUE(txn.GetMessages({}).empty());
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {  // locking them on PostgreSQL
    EXPECT_EQ(keys_of(txn.GetMessages(keys)), in_write_order);
    return Status::Ok();
  }).ok());
}

TEST_P(MessageStoreTest, TheBacklogIsWhatIsDueAndNotYetHandedOver) {
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    txn.AddMessage(Message("m_0001", 100));
    txn.AddMessage(Message("m_0002", 200));
    txn.AddMessage(Message("m_0003", 900));  // not due yet
    return Status::Ok();
  }).ok());
  auto backlog = [&](long long now) {
    OutboxBacklog b;
    EXPECT_TRUE(store_->Read([&](ReadTxn& txn) {
      b = txn.Backlog(now);
      return Status::Ok();
    }).ok());
    return b;
  };
  EXPECT_EQ(backlog(300).messages, 2);
  EXPECT_EQ(backlog(300).oldest_due, 100);
  ASSERT_EQ(Claim(300, 600, 1).size(), 1u);  // m_0001 in flight until 600
  EXPECT_EQ(backlog(300).messages, 1);
  EXPECT_EQ(backlog(300).oldest_due, 200);
  EXPECT_EQ(backlog(700).messages, 2);  // m_0001 in doubt again
  EXPECT_EQ(backlog(50).messages, 0);
  EXPECT_EQ(backlog(50).oldest_due, 0);
}

TEST_P(MessageStoreTest, ListsFilterCountsAndBudgets) {
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    for (int i = 0; i < 5; ++i) txn.AddMessage(Message("m_000" + std::to_string(i), 100));
    MessageRow reminder = Message("r_0009", 100, MessageKind::kReminder);
    reminder.appointment_id = "apt_1";
    txn.AddMessage(reminder);
    MessageRow job = Message("j_0001", 100, MessageKind::kFanOut);
    job.client_id = job.to = "";
    txn.AddMessage(job);
    MessageRow skipped = Message("m_0005", 100);
    skipped.status = MessageStatus::kSkipped;
    txn.AddMessage(skipped);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTxn& txn) {
    MessageQuery q;
    q.salon_id = SalonId{"sal_1"};
    EXPECT_EQ(txn.ListMessages(q).size(), 7u);  // never the job
    q.limit = 2;
    q.after_id = "m_0001";
    auto page = txn.ListMessages(q);
    EXPECT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].id, "m_0002");
    q = {};
    q.salon_id = SalonId{"sal_1"};
    q.appointment_id = AppointmentId{"apt_1"};
    EXPECT_EQ(txn.ListMessages(q).size(), 1u);
    q.kind = "reminder";  // as a move asks for the reminders it withdraws
    q.status = "queued";
    EXPECT_EQ(txn.ListMessages(q).size(), 1u);
    q.kind = "confirmation";
    EXPECT_TRUE(txn.ListMessages(q).empty());
    q = {};
    q.salon_id = SalonId{"sal_1"};
    q.campaign_id = CampaignId{"cmp_1"};
    EXPECT_EQ(txn.ListMessages(q).size(), 6u);  // not the reminder, nor the job
    q.status = "queued";
    EXPECT_EQ(txn.ListMessages(q).size(), 5u);
    q = {};
    q.salon_id = SalonId{"sal_1"};
    q.client_id = ClientId{"cli_m_0003"};
    const std::vector<MessageRow> to_client = txn.ListMessages(q);
    EXPECT_EQ(to_client.size(), 1u);
    EXPECT_EQ(to_client.empty() ? "" : to_client[0].id, "m_0003");
    q = {};
    q.salon_id = SalonId{"sal_1"};
    q.status = "skipped";
    EXPECT_EQ(txn.ListMessages(q).size(), 1u);
    q.salon_id = SalonId{"sal_2"};
    q.status = "";
    EXPECT_TRUE(txn.ListMessages(q).empty());  // another tenant sees nothing

    auto counts = txn.CampaignCounts(SalonId{"sal_1"}, CampaignId{"cmp_1"});
    std::map<MessageStatus, long long> by(counts.begin(), counts.end());
    EXPECT_EQ(by[MessageStatus::kQueued], 5);
    EXPECT_EQ(by[MessageStatus::kSkipped], 1);
    EXPECT_EQ(txn.MarketingSegmentsSince(SalonId{"sal_1"}, 1000), 10);  // 5 × 2, skipped not counted
    EXPECT_EQ(txn.MarketingSegmentsSince(SalonId{"sal_1"}, 1001), 0);
    auto to = txn.MessagesTo("+353800000001", 10);
    EXPECT_FALSE(to.empty());
    EXPECT_EQ(to.empty() ? "" : to.front().salon_id, "sal_1");
    for (size_t i = 1; i < to.size(); ++i) EXPECT_GE(to[i - 1].created_at, to[i].created_at);
    return Status::Ok();
  }).ok());
}

// Kinds and statuses are stored as their text forms and read back as they
// were; lists filter by that text ("queued" also finds claimed messages).
TEST_P(MessageStoreTest, KindsAndStatusesKeepTheirStoredText) {
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    int i = 0;
    for (MessageStatus status : kMessageStatuses) {
      MessageRow m = Message("s_000" + std::to_string(i), 100,
                             kMessageKinds[size_t(i) % kMessageKinds.size()]);
      m.status = status;
      txn.PutMessage(m);
      ++i;
    }
    MessageRow job = Message("j_0001", 100, MessageKind::kFanOut);
    txn.PutMessage(job);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTxn& txn) {
    int i = 0;
    for (MessageStatus status : kMessageStatuses) {
      auto m = txn.GetMessage(SalonId{"sal_1"}, "s_000" + std::to_string(i));
      EXPECT_TRUE(m.has_value());
      if (!m) continue;
      EXPECT_EQ(m->status, status) << ToString(status);
      EXPECT_EQ(m->kind, kMessageKinds[size_t(i) % kMessageKinds.size()]);
      ++i;
      MessageQuery q;
      q.salon_id = SalonId{"sal_1"};
      q.status = ToString(status);
      const size_t expected = status == MessageStatus::kQueued ? 2u : 1u;
      EXPECT_EQ(txn.ListMessages(q).size(), expected) << ToString(status);
    }
    auto job = txn.GetMessage(SalonId{"sal_1"}, "j_0001");
    EXPECT_TRUE(job.has_value() && job->kind == MessageKind::kFanOut);
    MessageQuery q;
    q.salon_id = SalonId{"sal_1"};
    q.kind = ToString(MessageKind::kReminder);
    auto reminders = txn.ListMessages(q);
    EXPECT_EQ(reminders.size(), 2u);  // s_0001 and s_0006
    for (const MessageRow& m : reminders) EXPECT_EQ(m.kind, MessageKind::kReminder);
    return Status::Ok();
  }).ok());
}

TEST_P(MessageStoreTest, ConcurrentClaimersNeverTakeTheSameMessage) {
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    for (int i = 0; i < 2000; ++i) txn.AddMessage(Message("m_" + std::to_string(10000 + i), i));
    return Status::Ok();
  }).ok());
  // Two stores over one database (on PostgreSQL: two dispatchers' processes).
  auto other = OpenStore(spec_);
  std::mutex mu;
  std::multiset<std::string> taken;
  auto claimer = [&](Store& store) {
    for (;;) {
      std::vector<MessageRow> got;
      ASSERT_TRUE(store.Write([&](WriteTxn& txn) {
        got = txn.ClaimMessages(5000, 1 << 30, 50);
        return Status::Ok();
      }).ok());
      if (got.empty()) return;
      std::lock_guard lock(mu);
      for (const MessageRow& m : got) taken.insert(m.id);
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back(claimer, std::ref(i % 2 ? *other : *store_));
  for (auto& t : threads) t.join();
  EXPECT_EQ(taken.size(), 2000u);
  EXPECT_EQ(std::set<std::string>(taken.begin(), taken.end()).size(), 2000u);
}

}  // namespace
}  // namespace salon
