// Rate limits: the contract's 429. Token buckets per salon key and per client
// address, for each class of route (the 304 calendar pull is cheap, searches
// and writes are not), and an allowance of failed authentications per
// address past which that address must wait. The defaults are far above what
// a front desk or an integrator does (a desk pulls its calendar every few
// seconds); `scale` multiplies them, 0 turns every limit off (benchmarks).
// Limits, refusals and buckets held are in /metrics. Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <string_view>

#include "base/clock.h"
#include "base/token_buckets.h"
#include "http/router.h"
#include "ops/metrics.h"

namespace salon::http {

enum class RouteClass { kPlatform, kGateway, kPull, kRead, kSearch, kWrite, kPublic };

// The class of a route: platform probes are never limited; gateway
// callbacks only by failed authentication; online booking's (no key) by
// client address, tighter than the rest.
RouteClass ClassOf(const Route& route);

class RateLimits {
 public:
  RateLimits(double scale, Metrics& metrics);

  // Takes a request of `route` from `address` with `authorization` at `now`:
  // 0 if it may go on, else the seconds it must wait (Retry-After).
  long long Admit(const Route& route, std::string_view address,
                  std::string_view authorization, Instant now);
  // Records that a request from `address` failed authentication.
  void AuthenticationFailed(std::string_view address, Instant now);

  bool enabled() const { return enabled_; }

 private:
  struct ClassLimits {
    std::unique_ptr<TokenBuckets> per_key, per_address;
  };
  ClassLimits& Of(RouteClass c) { return classes_[int(c)]; }
  void Refused(RouteClass c, const char* scope);
  void PublishSize();  // every 1,024 requests: counting locks every shard

  const bool enabled_;
  Metrics& metrics_;
  ClassLimits classes_[7];
  TokenBuckets auth_failures_;
  Gauge& buckets_held_;
  std::atomic<unsigned long long> admitted_{0};
};

}  // namespace salon::http
