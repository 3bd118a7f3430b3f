// TokenBuckets: a token bucket per key (a client address, a hashed key):
// each key may spend `burst` tokens at once and regains `per_second`. Memory
// is bounded whatever keys clients invent: a key whose bucket is full again
// is as good as absent and is forgotten first, and at most `max_keys` are
// held. Time is the caller's (an injected clock). Thread-safe.
#pragma once

#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/clock.h"

namespace salon {

class TokenBuckets {
 public:
  TokenBuckets(double per_second, double burst, std::size_t max_keys = 1 << 17);

  // Takes a token of `key` at `now`: 0 if there was one, else the whole
  // seconds until there will be (at least 1). Nothing is taken then.
  long long Take(std::string_view key, Instant now);
  // As Take, but takes nothing: the seconds until `key` has a token (0: now).
  long long WaitFor(std::string_view key, Instant now);
  // How many keys are held now.
  std::size_t size() const;

  double per_second() const { return per_second_; }
  double burst() const { return burst_; }

 private:
  struct Bucket {
    double tokens;
    Instant at;
  };
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  // The bucket of `key` in `shard` refilled to `now` (made full if new).
  Bucket& Refilled(Shard& shard, std::string_view key, Instant now);
  long long Wait(const Bucket& b) const;

  const double per_second_, burst_;
  const std::size_t max_per_shard_;
  std::array<Shard, 16> shards_;
};

}  // namespace salon
