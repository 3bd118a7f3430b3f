// CommittedCache: an in-memory map kept in step with the store, including
// what other processes commit to a shared database (Store::Watch).
//   - Readers that miss load from the store and Emplace (never overwriting),
//     passing their transaction's Horizon() and a Ticket() they took before
//     reading; the value is dropped if the key was forgotten after that
//     horizon, or assigned after that ticket, since the read may predate the
//     change.
//   - Writers Assign the committed value from an OnCommit hook; if another
//     process changed the key meanwhile, which is newer is unknown, and the
//     key is forgotten instead.
// So a reader's older snapshot never replaces a newer commit.
//
// Bounded: at most `bounds` entries and estimated bytes, the least recently
// used forgotten first (records of forgotten or assigned keys count as
// entries). What an evicted entry knew is kept conservatively in two
// watermarks: its forgotten seq raises a horizon below which no reader may
// Emplace any key, and its assignment raises a ticket below which none may.
// Both block only readers already under way when the entry went. (A reader
// whose transaction read before it can take its ticket only after its
// snapshot: a commit in between that the cache no longer holds as a value
// by then — evicted past the whole bound, or forgotten — goes unseen.) Large
// caches are split into shards by key hash, each an LRU of its share of the
// bounds, so that lookups on different keys rarely wait for each other.
// Thread-safe.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/lru_map.h"
#include "ops/cache_metrics.h"

namespace salon {

template <typename V>
class CommittedCache {
 public:
  // The bytes a value owns beyond its own object (its heap), estimated.
  using SizeOf = std::function<std::size_t(const V&)>;

  explicit CommittedCache(CacheBounds bounds, SizeOf size_of = {}, CacheMetrics metrics = {})
      : size_of_(std::move(size_of)),
        metrics_(metrics),
        shard_count_(bounds.entries >= kShardedFrom ? kShards : 1),
        shards_(new Shard[shard_count_]) {
    const std::size_t n = shard_count_;
    for (std::size_t i = 0; i < n; ++i) {  // shares that sum to the bounds
      shards_[i].map.emplace(CacheBounds{bounds.entries / n + (i < bounds.entries % n),
                                         bounds.bytes / n + (i < bounds.bytes % n)});
    }
  }
  CommittedCache(const CommittedCache&) = delete;
  CommittedCache& operator=(const CommittedCache&) = delete;

  // Take before a read whose values may be Emplaced: before its
  // transaction's snapshot where possible, else as early as possible.
  std::uint64_t Ticket() const { return clock_.load(); }

  // The value at `key`, now the most recently used.
  std::optional<V> Find(const std::string& key) {
    Shard& s = ShardOf(key);
    std::lock_guard lock(s.mu);
    const Entry* e = s.map->Find(key);
    if (e == nullptr || !e->value) {
      metrics_.Miss();
      return std::nullopt;
    }
    metrics_.Hit();
    return e->value;
  }
  // A value read by a transaction of horizon `horizon`, begun after `ticket`.
  void Emplace(const std::string& key, V value, std::uint64_t horizon, std::uint64_t ticket) {
    Shard& s = ShardOf(key);
    std::lock_guard lock(s.mu);
    Entry entry;
    if (const Entry* e = s.map->Peek(key)) {
      if (e->value || e->forgotten_at > horizon || e->changed_at > ticket) return;
      entry = *e;
    }
    if (forgotten_floor_.load() > horizon || changed_floor_.load() > ticket) return;
    entry.value = std::move(value);
    Put(s, key, std::move(entry));
  }
  // A value committed by a transaction of horizon `horizon`.
  void Assign(const std::string& key, V value, std::uint64_t horizon) {
    Shard& s = ShardOf(key);
    std::lock_guard lock(s.mu);
    Entry entry;
    if (const Entry* e = s.map->Peek(key)) entry.forgotten_at = e->forgotten_at;
    entry.changed_at = ++clock_;  // readers begun earlier may not Emplace
    if (entry.forgotten_at <= horizon && forgotten_floor_.load() <= horizon) {
      entry.value = std::move(value);
    }
    Put(s, key, std::move(entry));
  }
  // Another process changed `key`; its change is number `seq`.
  void Forget(const std::string& key, std::uint64_t seq) {
    Shard& s = ShardOf(key);
    std::lock_guard lock(s.mu);
    Entry entry;
    if (const Entry* e = s.map->Peek(key)) {
      entry.forgotten_at = e->forgotten_at;
      entry.changed_at = e->changed_at;
    } else if (forgotten_floor_.load() >= seq) {
      return;  // the floor blocks every reader this record would
    }
    entry.forgotten_at = std::max(entry.forgotten_at, seq);
    Put(s, key, std::move(entry));
  }
  void ForgetAll(std::uint64_t seq) {
    RaiseTo(forgotten_floor_, seq);
    RaiseTo(changed_floor_, clock_.load());  // what was assigned goes too
    for (std::size_t i = 0; i < shard_count_; ++i) {
      Shard& s = shards_[i];
      std::lock_guard lock(s.mu);
      metrics_.Resized(-double(s.map->size()), -double(s.map->bytes()));
      s.map->Clear();
    }
  }

  // Entries held now, values or records (for tests).
  std::size_t size() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < shard_count_; ++i) {
      std::lock_guard lock(shards_[i].mu);
      n += shards_[i].map->size();
    }
    return n;
  }

 private:
  static constexpr std::size_t kShards = 8;
  static constexpr std::size_t kShardedFrom = 4096;  // entries; smaller caches are one LRU

  struct Entry {
    std::optional<V> value;
    std::uint64_t forgotten_at = 0;  // seq of the last change forgotten
    std::uint64_t changed_at = 0;    // ticket of the last commit assigned
  };
  struct Shard {
    mutable std::mutex mu;
    std::optional<LruMap<Entry>> map;
  };

  Shard& ShardOf(std::string_view key) {
    return shards_[shard_count_ == 1 ? 0 : std::hash<std::string_view>{}(key) % shard_count_];
  }
  static void RaiseTo(std::atomic<std::uint64_t>& a, std::uint64_t v) {
    std::uint64_t current = a.load();
    while (current < v && !a.compare_exchange_weak(current, v)) {
    }
  }
  void Put(Shard& s, std::string_view key, Entry entry) {
    const double entries_before = double(s.map->size()), bytes_before = double(s.map->bytes());
    const std::size_t bytes = entry.value && size_of_ ? size_of_(*entry.value) : 0;
    s.map->Put(key, std::move(entry), bytes, [this](std::string_view, const Entry& gone) {
      RaiseTo(forgotten_floor_, gone.forgotten_at);
      RaiseTo(changed_floor_, gone.changed_at);
      metrics_.Evicted();
    });
    metrics_.Resized(double(s.map->size()) - entries_before,
                     double(s.map->bytes()) - bytes_before);
  }

  const SizeOf size_of_;
  const CacheMetrics metrics_;
  const std::size_t shard_count_;
  std::unique_ptr<Shard[]> shards_;
  std::atomic<std::uint64_t> clock_{0};  // tickets: one per Assign
  // A reader of horizon below it may not Emplace: a change forgotten then
  // (ForgetAll, or an evicted record) may be newer than its read.
  std::atomic<std::uint64_t> forgotten_floor_{0};
  // A reader of ticket below it may not Emplace: a commit assigned then was
  // evicted (or dropped by ForgetAll), and may be newer than its read.
  std::atomic<std::uint64_t> changed_floor_{0};
};

}  // namespace salon
