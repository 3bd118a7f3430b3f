// The dispatcher decides a round in one read of its clients and one of their
// salons' quiet hours, however many salons the round holds; and each salon's
// marketing waits out that salon's own quiet hours.
#include <gtest/gtest.h>

#include "messaging/campaigns.h"
#include "messaging/dispatcher.h"
#include "tests/messaging/outbox_fixture.h"

namespace salon::testing {
namespace {

class DispatcherReadsTest : public OutboxTest {
 protected:
  // Salon `id` with a consenting client and a marketing message to them,
  // due now; quiet from 11:00 to 13:00 Dublin time when `quiet_at_noon`.
  void AddSalonWithMessage(const std::string& id, bool quiet_at_noon) {
    Salon s;
    s.id = SalonId{id};
    s.name = id;
    s.currency = "EUR";
    s.country = "IE";
    if (quiet_at_noon) s.messaging.quiet = {11 * 60, 13 * 60};
    Client c = MakeClient("cli_" + id, "+353871234567", true);
    c.salon_id = s.id;
    NewMessage m;
    m.id = "msg_" + id;
    m.salon_id = id;
    m.kind = MessageKind::kMarketing;
    m.client_id = c.id.value;
    m.campaign_id = "cmp_" + id;
    m.to = c.phone;
    m.text = "Offer";
    m.zone = "Europe/Dublin";
    m.due = clock_.Now();
    ASSERT_TRUE(inner_
                    ->Write([&](WriteTxn& txn) {
                      Save(txn, s);
                      Save(txn, c);
                      txn.AddMessage(BuildMessage(m, clock_.Now()));
                      return Status::Ok();
                    })
                    .ok());
  }
};

TEST_F(DispatcherReadsTest, ARoundOfThreeSalonsReadsItsClientsAndSalonsOnceEach) {
  AddSalonWithMessage("sal_a", true);
  AddSalonWithMessage("sal_b", false);
  AddSalonWithMessage("sal_c", false);
  Campaigns campaigns(*directory_, ids_, nullptr);
  Dispatcher dispatcher(*store_, campaigns, provider_, clock_, metrics_, DispatcherConfig{});
  const int before = store_->record_reads();
  auto claimed = dispatcher.RunOnce();
  ASSERT_TRUE(claimed.ok()) << claimed.status().message();
  EXPECT_EQ(*claimed, 3);
  EXPECT_EQ(store_->record_reads() - before, 2);
  // Noon in Dublin: sal_a is quiet, the others are not.
  ASSERT_EQ(provider_.sent.size(), 2u);
  for (const OutgoingSms& sms : provider_.sent) EXPECT_NE(sms.salon_id, "sal_a");
}

}  // namespace
}  // namespace salon::testing
