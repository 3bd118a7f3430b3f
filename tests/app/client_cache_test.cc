// Bookings take their client from the directory's cache: a client booked
// again is not read again, and every way a client changes (an archive or a
// patch through the API, a STOP reply from the phone) reaches the cache as
// it commits, so the next booking sees it.
#include <gtest/gtest.h>

#include "messaging/gateway_callbacks.h"
#include "tests/app/salon_use_cases.h"
#include "tests/messaging/counting_store.h"

namespace salon::testing {
namespace {

class ClientCacheTest : public SalonUseCasesTest<CountingStore> {
 protected:
  // The client as the directory knows it now.
  Client Cached() {
    Result<Client> found = Status::Internal("not read");
    EXPECT_TRUE(store_
                    .Read([&](ReadTxn& txn) {
                      found = directory_.FindClient(txn, salon_, client_.id);
                      return Status::Ok();
                    })
                    .ok());
    EXPECT_TRUE(found.ok()) << found.status().message();
    return found.ok() ? *found : Client{};
  }
};

TEST_F(ClientCacheTest, AClientBookedAgainIsNotReadAgain) {
  AddStylist("Ann");
  const int before = store_.client_reads();
  AppointmentView view;
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T09:00:00Z"), KeepIn(view)).ok());
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T11:00:00Z"), KeepIn(view)).ok());
  EXPECT_EQ(store_.client_reads(), before);
}

// A directory that has not seen the client reads it once, then keeps it.
TEST_F(ClientCacheTest, AClientNotYetKnownIsReadOnce) {
  Directory fresh(store_, "admin-key");
  const int before = store_.client_reads();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store_.Read([&](ReadTxn& txn) {
      return fresh.FindClient(txn, salon_, client_.id).status();
    }).ok());
  }
  EXPECT_EQ(store_.client_reads(), before + 1);
}

TEST_F(ClientCacheTest, AnArchivedClientIsRefusedAtTheNextBooking) {
  AddStylist("Ann");
  AppointmentView view;
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T09:00:00Z"), KeepIn(view)).ok());
  Client archived;
  ASSERT_TRUE(
      catalog_.Archive<Client>(salon_, client_.id.value, std::nullopt, KeepIn(archived)).ok());
  const auto refused = appointments_.Book(salon_, At("2026-11-23T11:00:00Z"), KeepIn(view));
  EXPECT_EQ(refused.status().code(), Code::kInvalid) << refused.status().message();
}

TEST_F(ClientCacheTest, WithdrawnConsentReachesTheNextConfirmation) {
  AddStylist("Ann");
  AppointmentView first, second;
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T09:00:00Z"), KeepIn(first)).ok());
  EXPECT_EQ(ConfirmationOf(first).status, MessageStatus::kQueued);
  const auto patch = boost::json::parse(R"({"sms_reminders":false})");
  Client patched;
  ASSERT_TRUE(
      catalog_
          .Patch<Client>(salon_, client_.id.value, patch.as_object(), std::nullopt, KeepIn(patched))
          .ok());
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T11:00:00Z"), KeepIn(second)).ok());
  EXPECT_EQ(ConfirmationOf(second).status, MessageStatus::kSkipped);
}

TEST_F(ClientCacheTest, AStopReplyReachesTheCachedClient) {
  AddStylist("Ann");
  AppointmentView view;  // texts the client's phone, from the default sender
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T09:00:00Z"), KeepIn(view)).ok());
  ASSERT_TRUE(Cached().sms_marketing);
  GatewayCallbacks gateway(store_, directory_, clock_);
  const Result<int> changed = gateway.Reply(client_.phone, "+15550001111", "STOP");
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  ASSERT_EQ(*changed, 1);
  EXPECT_FALSE(Cached().sms_marketing);
}

}  // namespace
}  // namespace salon::testing
