#include "base/token_buckets.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace salon {

TokenBuckets::TokenBuckets(double per_second, double burst, std::size_t max_keys)
    : per_second_(per_second),
      burst_(std::max(1.0, burst)),
      max_per_shard_(std::max<std::size_t>(1, max_keys / 16)) {}

TokenBuckets::Bucket& TokenBuckets::Refilled(Shard& shard, std::string_view key, Instant now) {
  auto it = shard.buckets.find(std::string(key));
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= max_per_shard_) {
      // Forget the buckets that are full again; if none is, any (a
      // forgotten key starts full, as a new one does).
      std::erase_if(shard.buckets, [&](const auto& kv) {
        return kv.second.tokens + double((now - kv.second.at).count()) * per_second_ >= burst_;
      });
      while (shard.buckets.size() >= max_per_shard_) shard.buckets.erase(shard.buckets.begin());
    }
    it = shard.buckets.emplace(std::string(key), Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  if (now > b.at) {
    b.tokens = std::min(burst_, b.tokens + double((now - b.at).count()) * per_second_);
    b.at = now;
  }
  return b;
}

long long TokenBuckets::Wait(const Bucket& b) const {
  if (b.tokens >= 1) return 0;
  if (per_second_ <= 0) return 3600;
  return std::max(1LL, static_cast<long long>(std::ceil((1 - b.tokens) / per_second_)));
}

long long TokenBuckets::Take(std::string_view key, Instant now) {
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % shards_.size()];
  std::lock_guard lock(shard.mu);
  Bucket& b = Refilled(shard, key, now);
  const long long wait = Wait(b);
  if (wait == 0) b.tokens -= 1;
  return wait;
}

long long TokenBuckets::WaitFor(std::string_view key, Instant now) {
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % shards_.size()];
  std::lock_guard lock(shard.mu);
  auto it = shard.buckets.find(std::string(key));
  if (it == shard.buckets.end()) return 0;
  return Wait(Refilled(shard, key, now));
}

std::size_t TokenBuckets::size() const {
  std::size_t n = 0;
  for (const Shard& s : shards_) {
    std::lock_guard lock(s.mu);
    n += s.buckets.size();
  }
  return n;
}

}  // namespace salon
