// Watchers and their Subscriptions: once a Subscription is destroyed its
// callback is never called again, even while another thread publishes.
#include "store/watchers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace salon {
namespace {

using SteadyClock = std::chrono::steady_clock;

Change RecordChange(const std::string& id) {
  Change c;
  c.what = Change::What::kRecord;
  c.kind = Kind::kBranch;
  c.id = id;
  return c;
}

// Polls `pred` until it holds or 10 seconds pass.
template <typename Pred>
bool Eventually(Pred pred) {
  const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
  while (!pred()) {
    if (SteadyClock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

TEST(WatchersTest, CallsEachSubscriberUntilItUnsubscribes) {
  Watchers watchers;
  std::vector<std::string> a, b;
  Subscription sa = watchers.Add([&](const Change& c) { a.push_back(c.id); });
  Subscription sb = watchers.Add([&](const Change& c) { b.push_back(c.id); });
  EXPECT_TRUE(sa.active());
  watchers.Publish(RecordChange("br_1"));
  sa.Reset();
  EXPECT_FALSE(sa.active());
  watchers.Publish(RecordChange("br_2"));
  EXPECT_EQ(a, std::vector<std::string>{"br_1"});
  EXPECT_EQ(b, (std::vector<std::string>{"br_1", "br_2"}));
}

TEST(WatchersTest, MovingASubscriptionKeepsOneRegistration) {
  Watchers watchers;
  int first = 0, second = 0;
  Subscription s = watchers.Add([&](const Change&) { ++first; });
  {
    Subscription moved = std::move(s);
    EXPECT_FALSE(s.active());  // a moved-from subscription is empty
    watchers.Publish(RecordChange("br_1"));
    s = std::move(moved);  // back again; `moved` ends empty
  }
  watchers.Publish(RecordChange("br_2"));
  EXPECT_EQ(first, 2);
  // Assigning over an active subscription ends the one it held.
  s = watchers.Add([&](const Change&) { ++second; });
  watchers.Publish(RecordChange("br_3"));
  EXPECT_EQ(first, 2);
  EXPECT_EQ(second, 1);
}

// The unsubscribing thread waits while the publisher is inside the callback:
// when Reset returns, the call has finished.
TEST(WatchersTest, UnsubscribingWaitsForACallOnAnotherThread) {
  Watchers watchers;
  std::atomic<bool> entered{false}, resetting{false}, finished{false};
  Subscription s = watchers.Add([&](const Change&) {
    entered = true;
    // Stay inside until the other thread is unsubscribing, and a while more.
    EXPECT_TRUE(Eventually([&] { return resetting.load(); }));
    for (int i = 0; i < 10000; ++i) std::this_thread::yield();
    finished = true;
  });
  std::thread publisher([&] { watchers.Publish(RecordChange("br_1")); });
  ASSERT_TRUE(Eventually([&] { return entered.load(); }));
  resetting = true;
  s.Reset();
  EXPECT_TRUE(finished);
  publisher.join();
}

// Many subscribers come and go while another thread publishes without pause;
// each one's state is freed right after its Subscription ends, so a late call
// is a use after free under ASan, and is counted here too.
TEST(WatchersTest, NoCallAfterUnsubscribingWhilePublishing) {
  Watchers watchers;
  std::atomic<bool> stop{false};
  std::atomic<long> published{0};
  std::thread publisher([&] {
    while (!stop) {
      watchers.Publish(RecordChange("br_1"));
      ++published;
    }
  });
  struct Target {
    std::atomic<bool> alive{true};
    std::atomic<int> calls{0};
  };
  std::atomic<int> late_calls{0};
  for (int round = 0; round < 300; ++round) {
    auto target = std::make_unique<Target>();
    Subscription s = watchers.Add([t = target.get(), &late_calls](const Change&) {
      if (!t->alive) ++late_calls;
      ++t->calls;
    });
    // Let it be called, so that unsubscribing meets deliveries under way.
    ASSERT_TRUE(Eventually([&] { return target->calls >= 1 + round % 3; }));
    s.Reset();
    target->alive = false;
    target.reset();
  }
  // And the publisher still goes on.
  const long before = published;
  EXPECT_TRUE(Eventually([&] { return published > before + 10; }));
  stop = true;
  publisher.join();
  EXPECT_EQ(late_calls, 0);
}

TEST(WatchersTest, ACallbackMayUnsubscribeItselfOrAnother) {
  Watchers watchers;
  int self_calls = 0, other_calls = 0;
  Subscription other = watchers.Add([&](const Change&) { ++other_calls; });
  std::optional<Subscription> self;
  self = watchers.Add([&](const Change&) {
    ++self_calls;
    self->Reset();  // on the publishing thread: no wait for its own call
    other.Reset();
  });
  watchers.Publish(RecordChange("br_1"));  // `other` was called before `self`
  watchers.Publish(RecordChange("br_2"));
  EXPECT_EQ(self_calls, 1);
  EXPECT_EQ(other_calls, 1);
}

TEST(WatchersTest, ASubscriptionMayOutliveItsWatchers) {
  auto watchers = std::make_unique<Watchers>();
  int calls = 0;
  Subscription s = watchers->Add([&](const Change&) { ++calls; });
  watchers->Publish(RecordChange("br_1"));
  watchers.reset();
  s.Reset();
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace salon
