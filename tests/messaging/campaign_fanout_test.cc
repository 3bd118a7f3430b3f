// A campaign's fan-out below the API: the dispatcher fans it out a chunk of
// clients at a time, but the salon's appointments are scanned for its
// audience once per campaign (in each process), not once per chunk; a
// restart in the middle or a chunk run twice sends nobody a second message.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "messaging/campaigns.h"
#include "messaging/dispatcher.h"
#include "tests/messaging/outbox_fixture.h"

namespace salon::testing {
namespace {

constexpr int kClients = 1200;
static_assert(kClients > 2 * Campaigns::kChunk, "the fan-out must take several chunks");

class CampaignFanOutTest : public OutboxTest {
 protected:
  // 1200 clients; every third came ten days ago; every seventh has no
  // marketing consent. The audience "came within 30 days" reaches 342.
  void SetUp() override {
    AddSalon();
    const Instant ten_days_ago = clock_.Now() - std::chrono::hours(24 * 10);
    ASSERT_TRUE(inner_->Write([&](WriteTxn& txn) {
      for (int i = 0; i < kClients; ++i) {
        char id[16], phone[20];
        std::snprintf(id, sizeof id, "cli_%05d", i);
        std::snprintf(phone, sizeof phone, "+3538700%05d", i);
        Client c = MakeClient(id, phone, i % 7 != 0);
        directory_->SaveClient(txn, c);
        if (i % 3 == 0) {
          Appointment a;
          std::snprintf(id, sizeof id, "apt_%05d", i);
          a.id = AppointmentId{id};
          a.salon_id = salon_;
          a.branch_id = BranchId{"br_1"};
          a.client_id = c.id;
          a.status = AppointmentStatus::kCompleted;
          a.span = {ten_days_ago, ten_days_ago + std::chrono::hours(1)};
          a.created_at = a.updated_at = ten_days_ago;
          Save(txn, a);
        }
        if (i % 3 == 0 && i % 7 != 0) expected_.insert(c.id.value);
      }
      return Status::Ok();
    }).ok());
    ASSERT_EQ(expected_.size(), 342u);
  }

  // Creates the campaign through `campaigns`; answers its id.
  std::string Create(Campaigns& campaigns) {
    CampaignRequest req;
    req.name = "Winter";
    req.message = "Hi {first_name}, 20% off at {salon}!";
    req.audience.visited_within_days = 30;
    std::string id;
    Status s = store_->Write([&](WriteTxn& txn) -> Status {
      SALON_ASSIGN_OR_RETURN(boost::json::object view,
                             campaigns.Create(txn, salon_, req, clock_.Now()));
      EXPECT_EQ(view.at("recipients").as_int64(), 342);
      EXPECT_EQ(view.at("status"), "sending");  // nothing queued yet, but not done either
      id = std::string(view.at("id").as_string());
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }

  // Dispatcher rounds by `campaigns` until nothing is due (or `rounds` ran).
  void Dispatch(Campaigns& campaigns, int rounds = 20) {
    Dispatcher dispatcher(*store_, *directory_, campaigns, provider_, clock_, metrics_,
                          DispatcherConfig{});
    for (int i = 0; i < rounds; ++i) {
      auto claimed = dispatcher.RunOnce();
      ASSERT_TRUE(claimed.ok()) << claimed.status().message();
      if (*claimed == 0) return;
    }
  }

  // Whom the provider was given a message, and how many times each.
  std::map<std::string, int> SentTo() const {
    std::map<std::string, int> out;
    for (const OutgoingSms& m : provider_.sent) out["cli_" + m.to.substr(8)]++;
    return out;
  }

  // The campaign's messages in the outbox, whatever their status.
  long long Queued(const std::string& campaign) {
    long long n = 0;
    EXPECT_TRUE(inner_->Read([&](ReadTxn& txn) {
      for (const auto& [status, count] : txn.CampaignCounts(salon_, CampaignId{campaign})) n += count;
      return Status::Ok();
    }).ok());
    return n;
  }

  boost::json::object View(Campaigns& campaigns, const std::string& campaign) {
    boost::json::object out;
    EXPECT_TRUE(store_->Read([&](ReadTxn& txn) -> Status {
      SALON_ASSIGN_OR_RETURN(out, campaigns.Get(txn, salon_, campaign));
      return Status::Ok();
    }).ok());
    return out;
  }

  void ExpectEachReachedOnce() {
    std::map<std::string, int> sent = SentTo();
    std::set<std::string> to;
    for (const auto& [client, n] : sent) {
      EXPECT_EQ(n, 1) << client;
      to.insert(client);
    }
    EXPECT_EQ(to, expected_);
  }

  std::set<std::string> expected_;
};

TEST_F(CampaignFanOutTest, AnotherProcessFanningOutScansTheAppointmentsOnceNotPerChunk) {
  Campaigns creator(*directory_, ids_, nullptr);
  const std::string campaign = Create(creator);
  EXPECT_EQ(store_->appointment_lists(), 1);  // 400 appointments: one page
  // The dispatcher of another process (or of this one after a restart).
  Campaigns fanning(*directory_, ids_, nullptr);
  Dispatch(fanning);
  EXPECT_EQ(store_->appointment_lists(), 2);  // once for all three chunks
  EXPECT_EQ(Queued(campaign), 342);
  ExpectEachReachedOnce();
  EXPECT_EQ(View(fanning, campaign).at("status"), "completed");
}

TEST_F(CampaignFanOutTest, TheProcessThatCreatedItFansOutWithTheAudienceItComputed) {
  Campaigns campaigns(*directory_, ids_, nullptr);
  const std::string campaign = Create(campaigns);
  EXPECT_EQ(store_->appointment_lists(), 1);
  Dispatch(campaigns);
  EXPECT_EQ(store_->appointment_lists(), 1);  // not again
  EXPECT_EQ(Queued(campaign), 342);
  ExpectEachReachedOnce();
}

TEST_F(CampaignFanOutTest, ARestartMidFanOutScansOnceMoreAndSendsNothingTwice) {
  Campaigns before(*directory_, ids_, nullptr);
  const std::string campaign = Create(before);
  Dispatch(before, 1);  // the first chunk, then the process dies
  const long long first = Queued(campaign);
  EXPECT_GT(first, 0);
  EXPECT_LT(first, 342);
  EXPECT_EQ(store_->appointment_lists(), 1);
  Campaigns after(*directory_, ids_, nullptr);
  Dispatch(after);
  EXPECT_EQ(store_->appointment_lists(), 2);
  EXPECT_EQ(Queued(campaign), 342);
  ExpectEachReachedOnce();
}

TEST_F(CampaignFanOutTest, AChunkRunTwiceAddsNothingTwice) {
  Campaigns campaigns(*directory_, ids_, nullptr);
  const std::string campaign = Create(campaigns);
  MessageRow job;
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    auto claimed = txn.ClaimMessages(UnixSeconds(clock_.Now()),
                                     UnixSeconds(clock_.Now() + std::chrono::minutes(5)), 10);
    EXPECT_EQ(claimed.size(), 1u);
    if (!claimed.empty()) job = claimed.front();
    return Status::Ok();
  }).ok());
  ASSERT_EQ(job.kind, MessageKind::kFanOut);
  ASSERT_EQ(job.status, MessageStatus::kSending);
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) { return campaigns.FanOut(txn, job, clock_.Now()); })
                  .ok());
  const long long first = Queued(campaign);
  EXPECT_GT(first, 0);
  // The same claim once more (a second dispatcher that took the job in doubt).
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) { return campaigns.FanOut(txn, job, clock_.Now()); })
                  .ok());
  EXPECT_EQ(Queued(campaign), first);
  Dispatch(campaigns);
  EXPECT_EQ(Queued(campaign), 342);
  ExpectEachReachedOnce();
}

TEST_F(CampaignFanOutTest, ACancelledCampaignsFanOutEndsWithoutScanning) {
  Campaigns creator(*directory_, ids_, nullptr);
  const std::string campaign = Create(creator);
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) {
    auto cancelled = creator.Cancel(txn, salon_, campaign, clock_.Now());
    EXPECT_TRUE(cancelled.ok()) << cancelled.status().message();
    return cancelled.status();
  }).ok());
  EXPECT_EQ(View(creator, campaign).at("status"), "cancelled");
  Campaigns fanning(*directory_, ids_, nullptr);
  Dispatch(fanning);
  EXPECT_EQ(store_->appointment_lists(), 1);
  EXPECT_EQ(Queued(campaign), 0);
  EXPECT_TRUE(provider_.sent.empty());
}

}  // namespace
}  // namespace salon::testing
