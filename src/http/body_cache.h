// BodyCache: rendered response bodies keyed by what they show and tagged with
// the ETag they were rendered for, so that the second desk pulling a changed
// calendar day gets the first one's rendering. A body is served only for the
// exact ETag it was rendered under; an ETag is computed before its body is
// read, so a cached body is never older than its tag. Bounded by entries and
// bytes (bodies, tags and keys), the least recently used forgotten first; a
// body larger than the byte bound is answered but not kept. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "base/lru_map.h"
#include "ops/cache_metrics.h"

namespace salon::http {

class BodyCache {
 public:
  explicit BodyCache(CacheBounds bounds, CacheMetrics metrics = {})
      : metrics_(metrics), entries_(bounds) {}

  std::shared_ptr<const std::string> Find(const std::string& key, const std::string& etag) {
    std::lock_guard lock(mu_);
    const Entry* e = entries_.Find(key);
    if (e == nullptr || e->etag != etag) {
      metrics_.Miss();
      return nullptr;
    }
    metrics_.Hit();
    return e->body;
  }

  // Keeps `body` for `key` at `etag`; answers it.
  std::shared_ptr<const std::string> Put(const std::string& key, const std::string& etag,
                                         std::string body) {
    auto shared = std::make_shared<const std::string>(std::move(body));
    // The body and its control block, and the tag.
    const std::size_t bytes = shared->capacity() + 48 + etag.capacity();
    std::lock_guard lock(mu_);
    const double entries_before = double(entries_.size()), bytes_before = double(entries_.bytes());
    entries_.Put(key, Entry{etag, shared}, bytes,
                 [this](std::string_view, const Entry&) { metrics_.Evicted(); });
    metrics_.Resized(double(entries_.size()) - entries_before,
                     double(entries_.bytes()) - bytes_before);
    return shared;
  }

  std::size_t size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
  }
  std::size_t bytes() const {
    std::lock_guard lock(mu_);
    return entries_.bytes();
  }

 private:
  struct Entry {
    std::string etag;
    std::shared_ptr<const std::string> body;
  };
  const CacheMetrics metrics_;
  mutable std::mutex mu_;
  LruMap<Entry> entries_;
};

}  // namespace salon::http
