// A new booking's messages are built from its plan before the write
// transaction (AppointmentMessages::Draft); the writer stores them as drafted
// when the visit stored is the one planned, and builds them afresh when the
// booking was planned again inside the transaction.
#include <gtest/gtest.h>

#include <algorithm>

#include "messaging/appointment_messages.h"
#include "messaging/message.h"
#include "tests/messaging/outbox_fixture.h"

namespace salon::testing {
namespace {

class DraftedMessagesTest : public OutboxTest {
 protected:
  DraftedMessagesTest() : messages_(*directory_, ids_, [] {}) {
    AddSalon();
    EXPECT_TRUE(inner_->Write([&](WriteTxn& txn) {
      directory_->SaveClient(txn, MakeClient("cli_001", "+353871234567", false));
      return Status::Ok();
    }).ok());
    planned_.id = AppointmentId{"apt_1"};
    planned_.salon_id = salon_;
    planned_.branch_id = BranchId{"br_1"};
    planned_.client_id = ClientId{"cli_001"};
    planned_.span = {*ParseInstant("2026-11-23T10:00:00Z"), *ParseInstant("2026-11-23T10:45:00Z")};
  }

  DraftedMessages Draft() {
    DraftedMessages out;
    const Status read = inner_->Read([&](ReadTxn& txn) {
      SALON_ASSIGN_OR_RETURN(Client client, Load<Client>(txn, salon_, planned_.client_id.value));
      auto d = messages_.Draft(txn, planned_, client, clock_.Now());
      EXPECT_TRUE(d.ok()) << d.status().message();
      if (d.ok()) out = *d;
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.message();
    return out;
  }

  // Stores `after` as a new booking's messages, with `drafted`; answers the
  // messages stored, by id.
  std::vector<MessageRow> Store(const Appointment& after, const DraftedMessages& drafted) {
    EXPECT_TRUE(inner_->Write([&](WriteTxn& txn) {
      return messages_.Changed(txn, nullptr, after, clock_.Now(), &drafted);
    }).ok());
    return Messages();
  }

  static std::vector<std::string> Ids(const std::vector<MessageRow>& rows) {
    std::vector<std::string> ids;
    for (const MessageRow& r : rows) ids.push_back(r.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  AppointmentMessages messages_;
  Appointment planned_;
};

TEST_F(DraftedMessagesTest, TheVisitPlannedIsStoredWithTheMessagesDraftedForIt) {
  const DraftedMessages drafted = Draft();
  ASSERT_EQ(drafted.rows.size(), 2u);  // the confirmation, and the reminder the day before
  const std::vector<MessageRow> stored = Store(planned_, drafted);
  EXPECT_EQ(Ids(stored), Ids(drafted.rows));
  for (const MessageRow& row : drafted.rows) {  // stored by id, drafted in order of kind
    auto same = std::find_if(stored.begin(), stored.end(),
                             [&](const MessageRow& r) { return r.id == row.id; });
    ASSERT_NE(same, stored.end()) << row.id;
    EXPECT_EQ(MessageDoc(*same).Text("text"), MessageDoc(row).Text("text"));
  }
}

TEST_F(DraftedMessagesTest, AVisitPlannedAgainHasItsMessagesBuiltAfresh) {
  const DraftedMessages drafted = Draft();
  Appointment later = planned_;  // taken meanwhile: the writer planned it an hour later
  later.span = {planned_.span.start + std::chrono::hours(1),
                planned_.span.end + std::chrono::hours(1)};
  const std::vector<MessageRow> stored = Store(later, drafted);
  ASSERT_EQ(stored.size(), 2u);
  const std::vector<std::string> drafted_ids = Ids(drafted.rows);
  for (const std::string& id : Ids(stored)) {
    EXPECT_EQ(std::count(drafted_ids.begin(), drafted_ids.end(), id), 0) << id;
  }
  const long long reminder_due = UnixSeconds(later.span.start - std::chrono::hours(24));
  EXPECT_TRUE(std::any_of(stored.begin(), stored.end(), [&](const MessageRow& r) {
    return r.kind == MessageKind::kReminder && r.due_at == reminder_due;
  }));
}

}  // namespace
}  // namespace salon::testing
