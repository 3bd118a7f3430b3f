// Subscription: a callback's registration with something that calls it from
// another thread (Store::Watch). Destroying it, or Reset, unsubscribes: it
// waits while a call to the callback runs on another thread, so once it
// returns the callback is never called again and what it touches may go.
// (Called from within the callback itself it cannot wait for that call; it
// only stops the next ones.) Move-only; a default one subscribes nothing.
#pragma once

#include <functional>
#include <utility>

namespace salon {

class [[nodiscard]] Subscription {
 public:
  Subscription() = default;
  // `cancel` unsubscribes (and waits, as above); it is called once.
  explicit Subscription(std::function<void()> cancel) : cancel_(std::move(cancel)) {}
  Subscription(Subscription&& other) noexcept : cancel_(std::exchange(other.cancel_, nullptr)) {}
  Subscription& operator=(Subscription&& other) noexcept {
    if (this != &other) {
      Reset();
      cancel_ = std::exchange(other.cancel_, nullptr);
    }
    return *this;
  }
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;
  ~Subscription() { Reset(); }

  // Unsubscribes now; nothing if already done.
  void Reset() {
    if (auto cancel = std::exchange(cancel_, nullptr)) cancel();
  }
  bool active() const { return static_cast<bool>(cancel_); }

 private:
  std::function<void()> cancel_;
};

}  // namespace salon
