// Watchers: the Store::Watch callbacks of an engine that hears of other
// processes' changes. Engines hand each change to Publish (on their own
// thread); Add answers the Subscription that removes a callback again,
// waiting while a Publish is calling it (see store/subscription.h).
// Subscriptions may outlive the Watchers: they then do nothing. Thread-safe.
#pragma once

#include <functional>
#include <memory>

#include "store/store.h"
#include "store/subscription.h"

namespace salon {

class Watchers {
 public:
  Watchers();
  ~Watchers();
  Watchers(const Watchers&) = delete;
  Watchers& operator=(const Watchers&) = delete;

  Subscription Add(std::function<void(const Change&)> fn);
  // Calls each callback subscribed now (and still subscribed when its turn
  // comes) with `change`, in the order they were added, on this thread. One
  // Publish at a time: callbacks are never called concurrently. A callback
  // may subscribe or unsubscribe (itself too); one that throws stops the
  // Publish, and the exception propagates.
  void Publish(const Change& change);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace salon
