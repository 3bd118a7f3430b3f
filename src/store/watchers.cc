#include "store/watchers.h"

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace salon {

using Callback = std::function<void(const Change&)>;

struct Watchers::State {
  std::mutex publish_mu;  // one Publish at a time
  std::mutex mu;          // guards what follows
  std::condition_variable idle;
  std::uint64_t next_id = 1;
  std::map<std::uint64_t, std::shared_ptr<const Callback>> callbacks;  // by id: added order
  std::uint64_t calling = 0;  // the id of the callback being called; 0: none
  std::thread::id calling_on;  // the thread calling it

  void Remove(std::uint64_t id) {
    std::shared_ptr<const Callback> removed;  // destroyed after the lock
    std::unique_lock lock(mu);
    auto it = callbacks.find(id);
    if (it != callbacks.end()) {
      removed = std::move(it->second);
      callbacks.erase(it);
    }
    // From within a callback, on the publishing thread: that call is on this
    // thread's stack, and there is no next one.
    if (calling != 0 && calling_on == std::this_thread::get_id()) return;
    idle.wait(lock, [&] { return calling != id; });
  }
};

Watchers::Watchers() : state_(std::make_shared<State>()) {}

Watchers::~Watchers() = default;

Subscription Watchers::Add(Callback fn) {
  std::lock_guard lock(state_->mu);
  const std::uint64_t id = state_->next_id++;
  state_->callbacks.emplace(id, std::make_shared<const Callback>(std::move(fn)));
  return Subscription([weak = std::weak_ptr<State>(state_), id] {
    if (auto state = weak.lock()) state->Remove(id);
  });
}

void Watchers::Publish(const Change& change) {
  State& s = *state_;
  std::lock_guard publishing(s.publish_mu);
  std::vector<std::uint64_t> ids;
  {
    std::lock_guard lock(s.mu);
    for (const auto& [id, fn] : s.callbacks) ids.push_back(id);
  }
  for (std::uint64_t id : ids) {
    std::shared_ptr<const Callback> fn;
    {
      std::lock_guard lock(s.mu);
      auto it = s.callbacks.find(id);
      if (it == s.callbacks.end()) continue;  // unsubscribed meanwhile
      fn = it->second;
      s.calling = id;
      s.calling_on = std::this_thread::get_id();
    }
    // The call is over only once this copy is gone too (it may be the last,
    // and destroying the callback may touch what it captured).
    auto done = [&] {
      fn.reset();
      std::lock_guard lock(s.mu);
      s.calling = 0;
      s.calling_on = {};
      s.idle.notify_all();
    };
    try {
      (*fn)(change);
    } catch (...) {
      done();
      throw;
    }
    done();
  }
}

}  // namespace salon
