// Delivery reports below the API: each moves a message only as
// CanTransition allows, so reports arriving late, twice or out of order
// never move a message back; and the dispatcher's own record never
// overwrites a report that came first.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "messaging/campaigns.h"
#include "messaging/delivery_reports.h"
#include "messaging/dispatcher.h"
#include "messaging/gateway_callbacks.h"
#include "messaging/message.h"
#include "tests/messaging/outbox_fixture.h"
#include "tests/support/wait_until.h"

namespace salon::testing {
namespace {

constexpr int kDelivered = 1, kNotDelivered = 2, kQueuedOnSmsc = 4, kAtSmsc = 8,
              kSmscRefused = 16;

class DeliveryReportTest : public OutboxTest {
 protected:
  void SetUp() override {
    AddSalon();
    ASSERT_TRUE(inner_->Write([&](WriteTxn& txn) {
      directory_->SaveClient(txn, MakeClient("cli_001", "+353871234567", true));
      return Status::Ok();
    }).ok());
  }

  // A confirmation to cli_001, now in `status`.
  std::string Put(MessageStatus status) {
    MessageRow row = Confirmation(ids_.NewId("msg"));
    row.status = status;  // as if it got there
    EXPECT_TRUE(inner_->Write([&](WriteTxn& txn) {
      txn.PutMessage(row);
      return Status::Ok();
    }).ok());
    return row.id;
  }

  MessageRow Row(const std::string& id) {
    MessageRow out;
    EXPECT_TRUE(inner_->Read([&](ReadTxn& txn) {
      auto row = txn.GetMessage(salon_, id);
      EXPECT_TRUE(row.has_value());
      if (row) out = *row;
      return Status::Ok();
    }).ok());
    return out;
  }

  // The status after each report in turn.
  std::vector<MessageStatus> After(MessageStatus start, std::vector<int> types) {
    const std::string id = Put(start);
    std::vector<MessageStatus> out;
    for (int type : types) {
      Status s = callbacks_.DeliveryReport(salon_, id, type);
      EXPECT_TRUE(s.ok()) << s.message();
      out.push_back(Row(id).status);
    }
    return out;
  }

  GatewayCallbacks callbacks_{*store_, *directory_, clock_};
};

using S = MessageStatus;
using Statuses = std::vector<MessageStatus>;

TEST_F(DeliveryReportTest, ALateReportNeverMovesADeliveredMessageBack) {
  EXPECT_EQ(After(S::kSent, {kDelivered, kAtSmsc, kQueuedOnSmsc, kNotDelivered}),
            (Statuses{S::kDelivered, S::kDelivered, S::kDelivered, S::kDelivered}));
  // Its history has one entry per move made, none for refused ones.
  const std::string id = Put(S::kSent);
  ASSERT_TRUE(callbacks_.DeliveryReport(salon_, id, kDelivered).ok());
  ASSERT_TRUE(callbacks_.DeliveryReport(salon_, id, kAtSmsc).ok());
  const MessageDoc doc(Row(id));
  const boost::json::array& history = doc.doc.at("history").as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history.back().at("status"), "delivered");
}

TEST_F(DeliveryReportTest, ReportsMoveAMessageOnInAnyOrderTheyMayCome) {
  // In doubt (the dispatcher never recorded it): the SMSC's word settles it.
  EXPECT_EQ(After(S::kSending, {kAtSmsc, kQueuedOnSmsc, kDelivered}),
            (Statuses{S::kSent, S::kSent, S::kDelivered}));
  EXPECT_EQ(After(S::kSent, {kSmscRefused, kAtSmsc}), (Statuses{S::kFailed, S::kFailed}));
  // An attempt given up on reached the phone after all.
  EXPECT_EQ(After(S::kFailed, {kDelivered}), (Statuses{S::kDelivered}));
  // A message no longer being sent keeps why, unless it was delivered.
  EXPECT_EQ(After(S::kSkipped, {kNotDelivered, kAtSmsc, kDelivered}),
            (Statuses{S::kSkipped, S::kSkipped, S::kDelivered}));
  EXPECT_EQ(After(S::kExpired, {kSmscRefused}), (Statuses{S::kExpired}));
}

TEST_F(DeliveryReportTest, UnknownMessagesJobsAndTypes) {
  EXPECT_EQ(callbacks_.DeliveryReport(salon_, "msg_nope", kDelivered).code(),
            Code::kNotFound);
  MessageRow job;
  job.id = "job_cmp_1";
  job.salon_id = salon_.value;
  job.kind = MessageKind::kFanOut;
  job.campaign_id = "cmp_1";
  job.data = R"({"cursor":""})";
  ASSERT_TRUE(inner_->Write([&](WriteTxn& txn) {
    txn.PutMessage(job);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(callbacks_.DeliveryReport(salon_, job.id, kDelivered).code(), Code::kNotFound);
  EXPECT_EQ(Row(job.id).status, S::kQueued);
  const std::string id = Put(S::kSent);
  EXPECT_EQ(callbacks_.DeliveryReport(salon_, id, 32).code(), Code::kInvalid);
  EXPECT_EQ(Row(id).status, S::kSent);
}

// The gateway reports delivery while the dispatcher is still handing the
// message over: the dispatcher's "sent" must not replace "delivered".
TEST_F(DeliveryReportTest, TheDispatchersRecordNeverOverwritesAReportThatCameFirst) {
  const std::string id = Put(S::kQueued);
  provider_.during = [&](const std::vector<OutgoingSms>& batch) {
    for (const OutgoingSms& m : batch) {
      EXPECT_TRUE(callbacks_.DeliveryReport(SalonId{m.salon_id}, m.message_id, kDelivered).ok());
    }
  };
  Campaigns campaigns(*directory_, ids_, nullptr);
  Dispatcher dispatcher(*store_, *directory_, campaigns, provider_, clock_, metrics_,
                        DispatcherConfig{});
  auto claimed = dispatcher.RunOnce();
  ASSERT_TRUE(claimed.ok()) << claimed.status().message();
  EXPECT_EQ(*claimed, 1);
  ASSERT_EQ(provider_.sent.size(), 1u);
  EXPECT_EQ(Row(id).status, S::kDelivered);
  std::vector<std::string> history;
  const MessageDoc doc(Row(id));
  for (const boost::json::value& h : doc.doc.at("history").as_array()) {
    history.emplace_back(h.at("status").as_string());
  }
  EXPECT_EQ(history, (std::vector<std::string>{"queued", "delivered"}));
}

// The dispatcher records a round's outcomes salon by salon, in one order:
// each salon's write lock is taken in that order, so two rounds cannot
// deadlock on each other's. Here the claim's order (by id) alternates salons.
TEST_F(DeliveryReportTest, TheDispatcherRecordsOutcomesSalonBySalon) {
  int n = 0;
  for (const char* salon : {"sal_b", "sal_a", "sal_b", "sal_a"}) {
    MessageRow row = Confirmation("msg_" + std::to_string(++n));
    row.salon_id = salon;  // no such client there: skipped, an outcome all the same
    ASSERT_TRUE(inner_->Write([&](WriteTxn& txn) {
      txn.AddMessage(row);
      return Status::Ok();
    }).ok());
  }
  Campaigns campaigns(*directory_, ids_, nullptr);
  Dispatcher dispatcher(*store_, *directory_, campaigns, provider_, clock_, metrics_,
                        DispatcherConfig{});
  auto claimed = dispatcher.RunOnce();
  ASSERT_TRUE(claimed.ok()) << claimed.status().message();
  EXPECT_EQ(*claimed, 4);
  EXPECT_EQ(store_->salons_of_messages_written(),
            (std::vector<std::string>{"sal_a", "sal_a", "sal_b", "sal_b"}));
}

// A Store that counts the write transactions made through it, and whose
// first waits, before it begins, until released.
class GatedStore final : public Store {
 public:
  explicit GatedStore(Store& inner) : inner_(inner) {}
  Status Read(const std::function<Status(ReadTxn&)>& fn) override { return inner_.Read(fn); }
  Status Write(const std::function<Status(WriteTxn&)>& fn) override {
    if (writes_++ == 0) {
      entered_.set_value();
      release_.get_future().wait();
    }
    return inner_.Write(fn);
  }
  Status Ready() override { return inner_.Ready(); }

  int writes() const { return writes_.load(); }
  void WaitUntilTheFirstWriteWaits() { entered_.get_future().wait(); }
  void Release() { release_.set_value(); }

 private:
  Store& inner_;
  std::atomic<int> writes_{0};
  std::promise<void> entered_, release_;
};

// Reports that come while a group is being written wait, and are the next
// group: one write transaction for all of them, each answered with its own
// outcome.
TEST_F(DeliveryReportTest, ReportsThatComeWhileAGroupIsWrittenShareTheNextTransaction) {
  GatedStore gated(*inner_);
  DeliveryReports reports(gated, clock_);
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(Put(S::kSent));
  auto first = std::async(std::launch::async,
                          [&] { return reports.Record(salon_, ids[0], kDelivered); });
  gated.WaitUntilTheFirstWriteWaits();
  std::vector<std::future<Status>> later;
  for (int i = 1; i < 4; ++i) {
    later.push_back(std::async(std::launch::async,
                               [&, i] { return reports.Record(salon_, ids[i], kDelivered); }));
  }
  auto unknown = std::async(std::launch::async,
                            [&] { return reports.Record(salon_, "msg_nope", kDelivered); });
  ASSERT_TRUE(WaitUntil([&] { return reports.waiting() == 4; }));
  gated.Release();
  EXPECT_TRUE(first.get().ok());
  for (auto& r : later) EXPECT_TRUE(r.get().ok());
  EXPECT_EQ(unknown.get().code(), Code::kNotFound);  // its own outcome, the others' unharmed
  EXPECT_EQ(gated.writes(), 2);
  for (const std::string& id : ids) EXPECT_EQ(Row(id).status, S::kDelivered) << id;
  EXPECT_EQ(reports.waiting(), 0u);
}

}  // namespace
}  // namespace salon::testing
