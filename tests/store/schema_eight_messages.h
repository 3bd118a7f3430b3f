// Migration 9 on either engine: messages stored as schema 8 left them
// (keyed by their id alone), then what finds them by their salon and id.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "store/store.h"

namespace salon::testing {

// Two salons' messages: sal_a's msg_a1 (queued, due at 100) and msg_a2
// (sent), sal_b's msg_b1 (queued, due at 100).
inline void PutSchemaEightMessages(Store& store) {
  ASSERT_TRUE(store
                  .Write([](WriteTxn& txn) {
                    for (const auto& [salon, id, status] :
                         {std::tuple{"sal_a", "msg_a1", MessageStatus::kQueued},
                          std::tuple{"sal_a", "msg_a2", MessageStatus::kSent},
                          std::tuple{"sal_b", "msg_b1", MessageStatus::kQueued}}) {
                      MessageRow m;
                      m.id = id;
                      m.salon_id = salon;
                      m.to = "+447700900123";
                      m.status = status;
                      m.due_at = 100;
                      m.data = "{}";
                      txn.AddMessage(m);
                    }
                    return Status::Ok();
                  })
                  .ok());
}

// After the migration: each salon lists its own, a message is found by its
// salon and id (and not another salon's), a claim takes the queued two, and
// storing a message again changes it rather than adding one.
inline void ExpectSchemaEightMessagesKept(Store& store) {
  const auto listed = [&](const char* salon) {
    std::vector<std::string> ids;
    EXPECT_TRUE(store
                    .Read([&](ReadTxn& txn) {
                      MessageQuery q;
                      q.salon_id = SalonId{salon};
                      for (const MessageRow& m : txn.ListMessages(q)) ids.push_back(m.id);
                      return Status::Ok();
                    })
                    .ok());
    return ids;
  };
  EXPECT_EQ(listed("sal_a"), (std::vector<std::string>{"msg_a1", "msg_a2"}));
  EXPECT_EQ(listed("sal_b"), std::vector<std::string>{"msg_b1"});
  std::vector<std::string> claimed;
  ASSERT_TRUE(store
                  .Write([&](WriteTxn& txn) {
                    EXPECT_TRUE(txn.GetMessage(SalonId{"sal_a"}, "msg_a2").has_value());
                    EXPECT_FALSE(txn.GetMessage(SalonId{"sal_b"}, "msg_a2").has_value());
                    for (const MessageRow& m : txn.ClaimMessages(200, 300, 10))
                      claimed.push_back(m.id);
                    MessageRow again = *txn.GetMessage(SalonId{"sal_a"}, "msg_a1");
                    again.status = MessageStatus::kSent;
                    txn.PutMessage(again);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(claimed, (std::vector<std::string>{"msg_a1", "msg_b1"}));
  EXPECT_EQ(listed("sal_a"), (std::vector<std::string>{"msg_a1", "msg_a2"}));
  EXPECT_TRUE(store
                  .Read([](ReadTxn& txn) {
                    EXPECT_EQ(txn.GetMessage(SalonId{"sal_a"}, "msg_a1")->status,
                              MessageStatus::kSent);
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace salon::testing
