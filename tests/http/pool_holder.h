// PoolHolder: holds `n` of a store's pooled connections, each in a Read (or
// `n` of its writes, each in a Write: on SQLite one holds its only writer),
// until Release, or a deadline (so that a regression fails instead of
// hanging). For tests of what must not wait for the store, and of how
// waiting for it shows.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.h"

namespace salon::testing {

class PoolHolder {
 public:
  enum class Holding { kReads, kWrites };

  PoolHolder(Store& store, int n, Holding what = Holding::kReads) {
    for (int i = 0; i < n; ++i) {
      threads_.emplace_back([this, &store, what] {
        if (what == Holding::kReads) {
          (void)store.Read([this](ReadTxn&) { return Hold(); });
        } else {
          (void)store.Write([this](WriteTxn&) { return Hold(); });
        }
      });
    }
    std::unique_lock lock(mu_);
    all_held_ = cv_.wait_for(lock, std::chrono::seconds(20), [&] { return held_ == n; });
  }
  ~PoolHolder() {
    Release();
    for (auto& t : threads_) t.join();
  }
  bool all_held() const { return all_held_; }
  // Whether the hold ended (by Release or the deadline).
  bool released() {
    std::lock_guard lock(mu_);
    return released_;
  }
  void Release() {
    std::lock_guard lock(mu_);
    released_ = true;
    cv_.notify_all();
  }

 private:
  Status Hold() {
    std::unique_lock lock(mu_);
    ++held_;
    cv_.notify_all();
    cv_.wait_until(lock, std::chrono::steady_clock::now() + std::chrono::seconds(20),
                   [this] { return released_; });
    released_ = true;  // past the deadline: whatever waited may go on
    return Status::Ok();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  int held_ = 0;
  bool released_ = false;
  bool all_held_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace salon::testing
