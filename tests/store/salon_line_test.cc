// The line of one salon's writes (store/postgres/salon_turns.h), without a
// database: which writes a turn takes along (those waiting, in order, at
// most max_together), that each is answered its own result, that a write
// which waited too long is refused unwritten, and that a turn whose writing
// throws answers its writes and hands the line on.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "store/postgres/salon_turns.h"
#include "tests/support/named_writes.h"
#include "tests/support/wait_until.h"

namespace salon {
namespace {

using pg::SalonTurns;

class SalonLineTest : public ::testing::Test {
 protected:
  // Writes `name` in salon "sal_1"'s turn; its result.
  Status Write(SalonTurns& turns, const std::string& name) {
    return turns.Write("sal_1", writes_.Fn(name), writes_.write());
  }

  testing::NamedWrites writes_;
  Metrics metrics_;
  StoreMetrics store_metrics_{&metrics_, "postgres", 1};
  const Gauge& waiting_ =
      metrics_.GaugeOf("salon_store_salon_turn_waits", "", "{engine=\"postgres\"}");
};

TEST_F(SalonLineTest, ATurnTakesTheWaitingWritesAlongInOrderUpToItsBound) {
  SalonTurns turns(store_metrics_, 8, std::chrono::seconds(10), 3);
  writes_.HoldNext();
  auto first = std::async(std::launch::async, [&] { return Write(turns, "a"); });
  writes_.WaitUntilHeld();
  writes_.Answer("c", Status::Conflict("taken"));
  std::vector<std::future<Status>> queued;
  bool in_order = true;
  for (const char* name : {"b", "c", "d", "e"}) {
    if (!in_order) break;
    queued.push_back(std::async(std::launch::async, [&, name] { return Write(turns, name); }));
    in_order = testing::WaitForGauge(waiting_, double(queued.size()));
  }
  writes_.Release();
  ASSERT_TRUE(in_order) << "the writes did not queue one by one";
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(queued[0].get().ok());
  EXPECT_EQ(queued[1].get().code(), Code::kConflict);  // its own answer
  EXPECT_TRUE(queued[2].get().ok());
  EXPECT_TRUE(queued[3].get().ok());
  using Names = std::vector<std::string>;
  EXPECT_EQ(writes_.Transactions(), (std::vector<Names>{{"a"}, {"b", "c", "d"}, {"e"}}));
  EXPECT_EQ(waiting_.value(), 0);
}

TEST_F(SalonLineTest, AWriteThatWaitedTooLongIsRefusedUnwritten) {
  SalonTurns turns(store_metrics_, 8, std::chrono::milliseconds(20), 16);
  writes_.HoldNext();
  auto first = std::async(std::launch::async, [&] { return Write(turns, "a"); });
  writes_.WaitUntilHeld();
  EXPECT_EQ(Write(turns, "late").code(), Code::kUnavailable);  // "a" is held meanwhile
  writes_.Release();
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(Write(turns, "next").ok());
  using Names = std::vector<std::string>;
  EXPECT_EQ(writes_.Transactions(), (std::vector<Names>{{"a"}, {"next"}}));
  EXPECT_EQ(waiting_.value(), 0);
}

TEST_F(SalonLineTest, ATurnWhoseWritingThrowsAnswersItsWritesAndHandsTheLineOn) {
  SalonTurns turns(store_metrics_, 8, std::chrono::seconds(10), 16);
  writes_.ThrowFor("b");
  writes_.HoldNext();
  auto first = std::async(std::launch::async, [&] { return Write(turns, "a"); });
  writes_.WaitUntilHeld();
  auto queued = std::async(std::launch::async, [&] { return Write(turns, "b"); });
  const bool in_line = testing::WaitForGauge(waiting_, 1);
  writes_.Release();
  ASSERT_TRUE(in_line);
  EXPECT_TRUE(first.get().ok());
  EXPECT_EQ(queued.get().code(), Code::kInternal);
  EXPECT_TRUE(Write(turns, "after").ok());  // the line was handed on, not left taken
  using Names = std::vector<std::string>;
  EXPECT_EQ(writes_.Transactions(), (std::vector<Names>{{"a"}, {"b"}, {"after"}}));
}

}  // namespace
}  // namespace salon
