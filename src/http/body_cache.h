// BodyCache: rendered response bodies keyed by what they show and tagged with
// the ETag they were rendered for, so that the second desk pulling a changed
// calendar day gets the first one's rendering. A body is served only for the
// exact ETag it was rendered under; an ETag is computed before its body is
// read, so a cached body is never older than its tag. Bounded: when full it
// starts afresh. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace salon::http {

class BodyCache {
 public:
  explicit BodyCache(std::size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const std::string> Find(const std::string& key, const std::string& etag) const {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.etag != etag) return nullptr;
    return it->second.body;
  }

  // Keeps `body` for `key` at `etag`; answers it.
  std::shared_ptr<const std::string> Put(const std::string& key, const std::string& etag,
                                         std::string body) {
    auto shared = std::make_shared<const std::string>(std::move(body));
    std::lock_guard lock(mu_);
    if (entries_.size() >= capacity_ && !entries_.contains(key)) entries_.clear();
    entries_[key] = Entry{etag, shared};
    return shared;
  }

 private:
  struct Entry {
    std::string etag;
    std::shared_ptr<const std::string> body;
  };
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace salon::http
