// The dispatcher decides a round in one read of its clients, however many
// salons the round holds, and takes their salons' quiet hours from the
// directory's cache; each salon's marketing waits out its own quiet hours.
#include <gtest/gtest.h>

#include "messaging/campaigns.h"
#include "messaging/dispatcher.h"
#include "tests/messaging/outbox_fixture.h"

namespace salon::testing {
namespace {

class DispatcherReadsTest : public OutboxTest {
 protected:
  static constexpr const char* kPhone = "+353871234567";  // every salon's client's
  // Salon `id` with a consenting client; quiet from 11:00 to 13:00 Dublin
  // time when `quiet_at_noon`.
  void AddSalon(const std::string& id, bool quiet_at_noon) {
    Salon s;
    s.id = SalonId{id};
    s.name = id;
    s.currency = "EUR";
    s.country = "IE";
    if (quiet_at_noon) s.messaging.quiet = {11 * 60, 13 * 60};
    Client c = MakeClient("cli_" + id, kPhone, true);
    c.salon_id = s.id;
    ASSERT_TRUE(inner_
                    ->Write([&](WriteTxn& txn) {
                      Save(txn, s);
                      directory_->SaveClient(txn, c);
                      return Status::Ok();
                    })
                    .ok());
  }
  // A marketing message of salon `id` to its client, due now.
  void AddMessage(const std::string& id, const std::string& message_id) {
    NewMessage m;
    m.id = message_id;
    m.salon_id = id;
    m.kind = MessageKind::kMarketing;
    m.client_id = "cli_" + id;
    m.campaign_id = "cmp_" + id;
    m.to = kPhone;
    m.text = "Offer";
    m.zone = "Europe/Dublin";
    m.due = clock_.Now();
    ASSERT_TRUE(inner_
                    ->Write([&](WriteTxn& txn) {
                      txn.AddMessage(BuildMessage(m, clock_.Now()));
                      return Status::Ok();
                    })
                    .ok());
  }
};

TEST_F(DispatcherReadsTest, ARoundReadsItsClientsOnceAndItsSalonsOnlyUntilTheyAreInMemory) {
  for (const char* id : {"sal_a", "sal_b", "sal_c"}) {
    AddSalon(id, std::string(id) == "sal_a");
    AddMessage(id, std::string("msg_1_") + id);
  }
  Campaigns campaigns(*directory_, ids_, nullptr);
  Dispatcher dispatcher(*store_, *directory_, campaigns, provider_, clock_, metrics_,
                        DispatcherConfig{});
  int before = store_->record_reads();
  auto claimed = dispatcher.RunOnce();
  ASSERT_TRUE(claimed.ok()) << claimed.status().message();
  EXPECT_EQ(*claimed, 3);
  // The round's clients in one read; each salon once, none in memory yet.
  EXPECT_EQ(store_->record_reads() - before, 4);
  // Noon in Dublin: sal_a is quiet, the others are not.
  ASSERT_EQ(provider_.sent.size(), 2u);
  for (const OutgoingSms& sms : provider_.sent) EXPECT_NE(sms.salon_id, "sal_a");

  // The next round's salons' quiet hours come from memory.
  AddMessage("sal_b", "msg_2_sal_b");
  AddMessage("sal_c", "msg_2_sal_c");
  before = store_->record_reads();
  claimed = dispatcher.RunOnce();
  ASSERT_TRUE(claimed.ok()) << claimed.status().message();
  EXPECT_EQ(*claimed, 2);
  EXPECT_EQ(store_->record_reads() - before, 1);
  EXPECT_EQ(provider_.sent.size(), 4u);
}

}  // namespace
}  // namespace salon::testing
