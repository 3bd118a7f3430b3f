// LruMap: a map from string keys bounded by entries and by (estimated)
// bytes, forgetting the least recently used entries first. An entry's bytes
// are its value's, as the caller estimates them, plus its key and a fixed
// overhead for the list and hash nodes. Not thread-safe: its owner locks.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace salon {

// What a cache may hold at most.
struct CacheBounds {
  std::size_t entries = 0;
  std::size_t bytes = 0;
};

template <typename V>
class LruMap {
 public:
  // Per entry, beside the key and the value's own estimate: a list node, a
  // hash node and its bucket.
  static constexpr std::size_t kEntryOverhead = sizeof(std::string) + sizeof(V) + 96;

  explicit LruMap(CacheBounds bounds) : bounds_{bounds.entries ? bounds.entries : 1, bounds.bytes} {}
  LruMap(const LruMap&) = delete;
  LruMap& operator=(const LruMap&) = delete;

  // The value at `key`, now the most recently used; null if absent.
  V* Find(std::string_view key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    items_.splice(items_.begin(), items_, it->second);
    return &it->second->value;
  }
  // The value at `key`, its recency unchanged; null if absent.
  V* Peek(std::string_view key) {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &it->second->value;
  }

  // Keeps `value` at `key` (replacing any) as the most recently used, its
  // value estimated at `value_bytes`, then evicts the least recently used
  // entries until within the bounds, handing each to `evicted(key, value)`.
  // Answers the value kept, or null if it alone exceeds the byte bound: it
  // is then handed to `evicted` at once (and any value it replaces dropped),
  // the others kept.
  template <typename OnEvict>
  V* Put(std::string_view key, V value, std::size_t value_bytes, OnEvict&& evicted) {
    const std::size_t bytes = value_bytes + key.size() + kEntryOverhead;
    auto it = index_.find(key);
    if (bytes > bounds_.bytes) {
      if (it != index_.end()) EraseIt(it->second);
      evicted(key, std::as_const(value));
      return nullptr;
    }
    if (it != index_.end()) {
      Item& item = *it->second;
      bytes_ = bytes_ - item.bytes + bytes;
      item.value = std::move(value);
      item.bytes = bytes;
      items_.splice(items_.begin(), items_, it->second);
    } else {
      items_.push_front(Item{std::string(key), std::move(value), bytes});
      index_.emplace(items_.front().key, items_.begin());
      bytes_ += bytes;
    }
    // The new entry fits alone, so it is never the one evicted.
    while (items_.size() > bounds_.entries || bytes_ > bounds_.bytes) {
      Item& last = items_.back();
      evicted(std::string_view(last.key), std::as_const(last.value));
      EraseIt(std::prev(items_.end()));
    }
    return &items_.front().value;
  }

  bool Erase(std::string_view key) {
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    EraseIt(it->second);
    return true;
  }
  void Clear() {
    index_.clear();
    items_.clear();
    bytes_ = 0;
  }

  std::size_t size() const { return items_.size(); }
  std::size_t bytes() const { return bytes_; }
  const CacheBounds& bounds() const { return bounds_; }

 private:
  struct Item {
    std::string key;
    V value;
    std::size_t bytes;
  };
  using Iter = typename std::list<Item>::iterator;

  void EraseIt(Iter it) {
    bytes_ -= it->bytes;
    index_.erase(std::string_view(it->key));
    items_.erase(it);
  }

  const CacheBounds bounds_;
  std::list<Item> items_;  // the most recently used first
  std::unordered_map<std::string_view, Iter> index_;  // views of items_' keys
  std::size_t bytes_ = 0;
};

}  // namespace salon
