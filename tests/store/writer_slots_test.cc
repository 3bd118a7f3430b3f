// The store's writer slots (store/postgres/writer_slots.h), without a
// database: a turn finding a slot free writes at once, beside the others; the
// turns that find every slot taken go together into the next free one, in
// salon order, at most max_together writes, each answered its own result; a
// turn left out of its transaction is written afterwards, alone; a turn that
// found none in time is refused unwritten; and a slot whose writing throws
// answers its writes and is handed on.
#include <gtest/gtest.h>

#include <future>
#include <vector>

#include "store/postgres/writer_slots.h"
#include "tests/support/named_writes.h"
#include "tests/support/wait_until.h"

namespace salon {
namespace {

using pg::SalonTurns;
using pg::WriterSlots;
using Names = testing::NamedWrites::Names;

class WriterSlotsTest : public ::testing::Test {
 protected:
  // Writes the turn of `salon` made of the writes `names`; their results.
  // Each starts unwritten, as a salon's turn makes it, so that one nobody
  // answered shows.
  std::vector<Status> Write(WriterSlots& slots, const std::string& salon, const Names& names) {
    std::vector<SalonTurns::Queued> queued;
    for (const auto& name : names) {
      queued.push_back(
          {&writes_.Fn(name), nullptr, Status::Internal("not written"), &salon, false});
    }
    std::vector<SalonTurns::Queued*> turn;
    for (auto& q : queued) turn.push_back(&q);
    slots.Write(salon, turn, writes_.write(), writes_.write());
    std::vector<Status> results;
    for (const auto& q : queued) results.push_back(q.result);
    return results;
  }
  std::future<std::vector<Status>> WriteLater(WriterSlots& slots, std::string salon, Names names) {
    return std::async(std::launch::async,
                      [&slots, this, salon, names] { return Write(slots, salon, names); });
  }
  // The turn of `salon` made of `names`, in a slot, its writing held until
  // writes_.Release().
  std::future<std::vector<Status>> HoldASlot(WriterSlots& slots, std::string salon, Names names) {
    writes_.HoldNext();
    auto held = WriteLater(slots, std::move(salon), std::move(names));
    writes_.WaitUntilHeld();
    return held;
  }

  testing::NamedWrites writes_;
  Metrics metrics_;
  StoreMetrics store_metrics_{&metrics_, "postgres", 1};
  const Gauge& queued_ = metrics_.GaugeOf("salon_store_writes_queued", "", "{engine=\"postgres\"}");
};

TEST_F(WriterSlotsTest, TurnsWaitingForASlotGoTogetherInSalonOrderUpToItsBound) {
  WriterSlots slots(store_metrics_, 1, std::chrono::seconds(10), 4);
  auto first = HoldASlot(slots, "sal_m", {"m1"});
  writes_.Answer("b2", Status::Conflict("taken"));
  std::vector<std::future<std::vector<Status>>> waiting;
  bool in_order = true;
  int writes = 0;
  for (const auto& [salon, names] : std::vector<std::pair<std::string, Names>>{
           {"sal_z", {"z1"}}, {"sal_b", {"b1", "b2"}}, {"sal_k", {"k1", "k2"}}}) {
    if (!in_order) break;
    waiting.push_back(WriteLater(slots, salon, names));
    writes += int(names.size());
    in_order = testing::WaitForGauge(queued_, writes);
  }
  writes_.Release();
  ASSERT_TRUE(in_order) << "the turns did not queue one by one";
  EXPECT_TRUE(first.get()[0].ok());
  EXPECT_TRUE(waiting[0].get()[0].ok());
  const std::vector<Status> b = waiting[1].get();
  EXPECT_TRUE(b[0].ok());
  EXPECT_EQ(b[1].code(), Code::kConflict);  // its own answer
  for (const Status& k : waiting[2].get()) EXPECT_TRUE(k.ok());
  // sal_k's two would have made five: they wait for the next.
  EXPECT_EQ(writes_.Transactions(), (std::vector<Names>{{"m1"}, {"b1", "b2", "z1"}, {"k1", "k2"}}));
  EXPECT_EQ(queued_.value(), 0);
}

TEST_F(WriterSlotsTest, ATurnFindingASlotFreeWritesAtOnceBesideTheOthers) {
  WriterSlots slots(store_metrics_, 2, std::chrono::seconds(10), 16);
  auto first = HoldASlot(slots, "sal_a", {"a1"});
  EXPECT_TRUE(Write(slots, "sal_b", {"b1"})[0].ok());  // while a1's slot is held
  writes_.Release();
  EXPECT_TRUE(first.get()[0].ok());
  EXPECT_EQ(writes_.Transactions(), (std::vector<Names>{{"a1"}, {"b1"}}));
}

TEST_F(WriterSlotsTest, ATurnThatFoundNoSlotInTimeIsRefusedUnwritten) {
  WriterSlots slots(store_metrics_, 1, std::chrono::milliseconds(20), 16);
  auto first = HoldASlot(slots, "sal_a", {"a1"});
  for (const Status& s : Write(slots, "sal_b", {"b1", "b2"})) {
    EXPECT_EQ(s.code(), Code::kUnavailable);
  }
  writes_.Release();
  EXPECT_TRUE(first.get()[0].ok());
  EXPECT_TRUE(Write(slots, "sal_c", {"c1"})[0].ok());
  EXPECT_EQ(writes_.Transactions(), (std::vector<Names>{{"a1"}, {"c1"}}));
  EXPECT_EQ(queued_.value(), 0);
}

TEST_F(WriterSlotsTest, ASlotWhoseWritingThrowsAnswersItsWritesAndIsHandedOn) {
  WriterSlots slots(store_metrics_, 1, std::chrono::seconds(10), 16);
  writes_.ThrowFor("b1");
  auto first = HoldASlot(slots, "sal_a", {"a1"});
  auto waiting = WriteLater(slots, "sal_b", {"b1", "b2"});
  const bool in_line = testing::WaitForGauge(queued_, 2);
  writes_.Release();
  ASSERT_TRUE(in_line);
  EXPECT_TRUE(first.get()[0].ok());
  for (const Status& s : waiting.get()) EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_TRUE(Write(slots, "sal_c", {"c1"})[0].ok());  // the slot was handed on
  EXPECT_EQ(writes_.Transactions(), (std::vector<Names>{{"a1"}, {"b1", "b2"}, {"c1"}}));
}

TEST_F(WriterSlotsTest, ATurnLeftOutOfItsTransactionIsWrittenAfterwardsAlone) {
  WriterSlots slots(store_metrics_, 1, std::chrono::seconds(10), 16);
  auto first = HoldASlot(slots, "sal_m", {"m1"});
  writes_.LeaveOutOnce("k1");  // as if another process held sal_k's lock
  std::vector<std::future<std::vector<Status>>> waiting;
  bool in_order = true;
  for (const char* salon : {"sal_z", "sal_k", "sal_b"}) {
    if (!in_order) break;
    waiting.push_back(WriteLater(slots, salon, {std::string(1, salon[4]) + "1"}));
    in_order = testing::WaitForGauge(queued_, double(waiting.size()));
  }
  writes_.Release();
  ASSERT_TRUE(in_order) << "the turns did not queue one by one";
  EXPECT_TRUE(first.get()[0].ok());
  for (auto& w : waiting) EXPECT_TRUE(w.get()[0].ok());
  EXPECT_EQ(writes_.Transactions(), (std::vector<Names>{{"m1"}, {"b1", "z1"}, {"k1"}}));
}

TEST_F(WriterSlotsTest, ALeftOutTurnWrittenAgainHoldsUpNoOtherTurn) {
  WriterSlots slots(store_metrics_, 1, std::chrono::seconds(10), 16);
  auto first = HoldASlot(slots, "sal_m", {"m1"});
  writes_.LeaveOutOnce("k1");  // taken along into sal_b's turn, then left out
  auto b = WriteLater(slots, "sal_b", {"b1"});
  const bool b_in_line = testing::WaitForGauge(queued_, 1);
  auto k = WriteLater(slots, "sal_k", {"k1"});
  const bool k_in_line = testing::WaitForGauge(queued_, 2);
  writes_.HoldTransactionOf("k1");  // its writing again, after the group, waits
  writes_.Release();
  ASSERT_TRUE(k_in_line && b_in_line);
  writes_.WaitUntilHeld();
  // Meanwhile the group's other turn is answered and a new turn writes.
  const bool b_answered = b.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  auto c = WriteLater(slots, "sal_c", {"c1"});
  const bool c_answered = c.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  writes_.Release();
  EXPECT_TRUE(b_answered);
  EXPECT_TRUE(c_answered);
  EXPECT_TRUE(first.get()[0].ok());
  EXPECT_TRUE(k.get()[0].ok());
  EXPECT_TRUE(b.get()[0].ok());
  EXPECT_TRUE(c.get()[0].ok());
  EXPECT_EQ(writes_.Transactions(), (std::vector<Names>{{"m1"}, {"b1"}, {"k1"}, {"c1"}}));
}

}  // namespace
}  // namespace salon
