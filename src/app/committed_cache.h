// CommittedCache: an in-memory map kept in step with the store. Readers that
// miss load from the store and Emplace (never overwriting); writers Assign
// the committed value from an OnCommit hook. So a reader's older snapshot can
// never replace a newer committed value. Thread-safe.
#pragma once

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
    return it->second;
  }
  // A value read from the store; kept only if nothing newer is there.
  void Emplace(const std::string& key, V value) {
    std::unique_lock lock(mu_);
    map_.emplace(key, std::move(value));
  }
  // A value just committed; replaces whatever is there.
  void Assign(const std::string& key, V value) {
    std::unique_lock lock(mu_);
    map_.insert_or_assign(key, std::move(value));
  }

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, V> map_;
};

}  // namespace salon
