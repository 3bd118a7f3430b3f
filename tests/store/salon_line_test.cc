// The line of one salon's writes (store/postgres/salon_turns.h), without a
// database: which writes a turn takes along (those waiting, in order, at
// most max_together), that each is answered its own result, that a write
// which waited too long is refused unwritten, and that a turn whose writing
// throws answers its writes and hands the line on.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "store/postgres/salon_turns.h"
#include "tests/support/wait_until.h"

namespace salon {
namespace {

using pg::SalonTurns;

class SalonLineTest : public ::testing::Test {
 protected:
  // Writes `name` (answered ok unless Answer said otherwise) in salon
  // "sal_1"'s turn; its result.
  Status Write(SalonTurns& turns, const std::string& name) {
    const SalonTurns::WriteFn* fn;
    {
      std::lock_guard lock(mu_);
      fn = &fns_[name];  // only its address matters
      names_[fn] = name;
      results_.try_emplace(name, Status::Ok());
    }
    return turns.Write("sal_1", *fn, write_);
  }
  // The write named `name` is answered `result` when written.
  void Answer(const std::string& name, Status result) {
    std::lock_guard lock(mu_);
    results_.insert_or_assign(name, std::move(result));
  }
  // The next turn's writing waits until Release.
  void HoldNextTurn() { held_ = true; }
  void Release() { release_.set_value(); }
  void WaitUntilHeld() { holding_.get_future().wait(); }
  std::vector<std::vector<std::string>> Turns() {
    std::lock_guard lock(mu_);
    return turns_;
  }

  Metrics metrics_;
  StoreMetrics store_metrics_{&metrics_, "postgres", 1};
  const Gauge& waiting_ =
      metrics_.GaugeOf("salon_store_salon_turn_waits", "", "{engine=\"postgres\"}");
  std::string throw_for_;  // a turn with this write throws

 private:
  SalonTurns::WriteTogether write_ = [this](std::span<SalonTurns::Queued* const> writes) {
    std::vector<std::string> turn;
    {
      std::lock_guard lock(mu_);
      for (auto* w : writes) {
        turn.push_back(names_.at(w->fn));
        w->result = results_.at(turn.back());
      }
      turns_.push_back(turn);
    }
    if (held_.exchange(false)) {
      holding_.set_value();
      release_.get_future().wait();
    }
    for (const auto& name : turn) {
      if (name == throw_for_) throw std::runtime_error("the database went away");
    }
  };
  std::mutex mu_;
  std::map<std::string, SalonTurns::WriteFn> fns_;  // nodes stay put
  std::map<const SalonTurns::WriteFn*, std::string> names_;
  std::map<std::string, Status> results_;
  std::vector<std::vector<std::string>> turns_;
  std::atomic<bool> held_ = false;
  std::promise<void> holding_, release_;
};

TEST_F(SalonLineTest, ATurnTakesTheWaitingWritesAlongInOrderUpToItsBound) {
  SalonTurns turns(store_metrics_, 8, std::chrono::seconds(10), 3);
  HoldNextTurn();
  auto first = std::async(std::launch::async, [&] { return Write(turns, "a"); });
  WaitUntilHeld();
  Answer("c", Status::Conflict("taken"));
  std::vector<std::future<Status>> queued;
  bool in_order = true;
  for (const char* name : {"b", "c", "d", "e"}) {
    if (!in_order) break;
    queued.push_back(std::async(std::launch::async, [&, name] { return Write(turns, name); }));
    in_order = testing::WaitForGauge(waiting_, double(queued.size()));
  }
  Release();
  ASSERT_TRUE(in_order) << "the writes did not queue one by one";
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(queued[0].get().ok());
  EXPECT_EQ(queued[1].get().code(), Code::kConflict);  // its own answer
  EXPECT_TRUE(queued[2].get().ok());
  EXPECT_TRUE(queued[3].get().ok());
  using Names = std::vector<std::string>;
  EXPECT_EQ(Turns(), (std::vector<Names>{{"a"}, {"b", "c", "d"}, {"e"}}));
  EXPECT_EQ(waiting_.value(), 0);
}

TEST_F(SalonLineTest, AWriteThatWaitedTooLongIsRefusedUnwritten) {
  SalonTurns turns(store_metrics_, 8, std::chrono::milliseconds(20), 16);
  HoldNextTurn();
  auto first = std::async(std::launch::async, [&] { return Write(turns, "a"); });
  WaitUntilHeld();
  EXPECT_EQ(Write(turns, "late").code(), Code::kUnavailable);  // "a" is held meanwhile
  Release();
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(Write(turns, "next").ok());
  using Names = std::vector<std::string>;
  EXPECT_EQ(Turns(), (std::vector<Names>{{"a"}, {"next"}}));
  EXPECT_EQ(waiting_.value(), 0);
}

TEST_F(SalonLineTest, ATurnWhoseWritingThrowsAnswersItsWritesAndHandsTheLineOn) {
  SalonTurns turns(store_metrics_, 8, std::chrono::seconds(10), 16);
  throw_for_ = "b";
  HoldNextTurn();
  auto first = std::async(std::launch::async, [&] { return Write(turns, "a"); });
  WaitUntilHeld();
  auto queued = std::async(std::launch::async, [&] { return Write(turns, "b"); });
  const bool in_line = testing::WaitForGauge(waiting_, 1);
  Release();
  ASSERT_TRUE(in_line);
  EXPECT_TRUE(first.get().ok());
  EXPECT_EQ(queued.get().code(), Code::kInternal);
  EXPECT_TRUE(Write(turns, "after").ok());  // the line was handed on, not left taken
  using Names = std::vector<std::string>;
  EXPECT_EQ(Turns(), (std::vector<Names>{{"a"}, {"b"}, {"after"}}));
}

}  // namespace
}  // namespace salon
