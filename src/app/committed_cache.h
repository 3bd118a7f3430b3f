// CommittedCache: an in-memory map kept in step with the store, including
// what other processes commit to a shared database (Store::Watch).
//   - Readers that miss load from the store and Emplace (never overwriting),
//     passing their transaction's Horizon(); the value is dropped if the key
//     was forgotten after that horizon, since the read may predate the change.
//   - Writers Assign the committed value from an OnCommit hook; if another
//     process changed the key meanwhile, which is newer is unknown, and the
//     key is forgotten instead.
// So a reader's older snapshot never replaces a newer commit. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace salon {

template <typename V>
class CommittedCache {
 public:
  std::optional<V> Find(const std::string& key) const {
    std::shared_lock lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second.value;
  }
  // A value read by a transaction of horizon `horizon`.
  void Emplace(const std::string& key, V value, std::uint64_t horizon) {
    std::unique_lock lock(mu_);
    Entry& e = map_[key];
    if (e.value) return;
    if (Newer(e, horizon)) return;
    e.value = std::move(value);
  }
  // A value committed by a transaction of horizon `horizon`.
  void Assign(const std::string& key, V value, std::uint64_t horizon) {
    std::unique_lock lock(mu_);
    Entry& e = map_[key];
    if (Newer(e, horizon)) {
      e.value.reset();
    } else {
      e.value = std::move(value);
    }
  }
  // Another process changed `key`; its change is number `seq`.
  void Forget(const std::string& key, std::uint64_t seq) {
    std::unique_lock lock(mu_);
    Entry& e = map_[key];
    e.value.reset();
    e.forgotten_at = seq;
  }
  void ForgetAll(std::uint64_t seq) {
    std::unique_lock lock(mu_);
    map_.clear();
    all_forgotten_at_ = seq;
  }

 private:
  struct Entry {
    std::optional<V> value;
    std::uint64_t forgotten_at = 0;  // seq of the last change forgotten
  };
  // Whether a change later than `horizon` was forgotten for this entry.
  bool Newer(const Entry& e, std::uint64_t horizon) const {
    return e.forgotten_at > horizon || all_forgotten_at_ > horizon;
  }

  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> map_;
  std::uint64_t all_forgotten_at_ = 0;
};

}  // namespace salon
