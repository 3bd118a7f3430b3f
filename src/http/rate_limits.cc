#include "http/rate_limits.h"

#include <functional>
#include <string>

#include "app/directory.h"

namespace salon::http {

namespace {

const char* Name(RouteClass c) {
  switch (c) {
    case RouteClass::kPlatform: return "platform";
    case RouteClass::kGateway: return "gateway";
    case RouteClass::kPull: return "pull";
    case RouteClass::kRead: return "read";
    case RouteClass::kSearch: return "search";
    case RouteClass::kWrite: return "write";
    case RouteClass::kPublic: return "public";
  }
  return "other";
}

struct Limit {
  double per_second, burst;
};

// Per salon key; a client address may do kPerAddress times as much (an
// office may hold several salons' desks behind one address).
Limit DefaultLimit(RouteClass c) {
  switch (c) {
    case RouteClass::kPull: return {100, 300};
    case RouteClass::kRead: return {50, 150};
    case RouteClass::kSearch: return {20, 60};
    case RouteClass::kWrite: return {20, 100};
    default: return {0, 0};
  }
}
constexpr double kPerAddress = 4;

// Per client address: anyone's, with no key, so what a person on the
// booking page does (a page, a few days of free times, a booking) and a
// little more; the searches behind it cost CPU.
Limit AddressLimit(RouteClass c) {
  if (c == RouteClass::kPublic) return {2, 30};
  const Limit l = DefaultLimit(c);
  return {l.per_second * kPerAddress, l.burst * kPerAddress};
}
// Failed authentications per address: 20 at once, then one every 5 s.
constexpr Limit kAuthFailures{0.2, 20};

}  // namespace

RouteClass ClassOf(const Route& route) {
  const std::string& p = route.pattern;
  if (!p.starts_with("/v1/") || p == "/v1/openapi.json") return RouteClass::kPlatform;
  if (p.starts_with("/v1/callbacks/")) return RouteClass::kGateway;
  if (p.starts_with("/v1/book/")) return RouteClass::kPublic;
  if (route.method != beast_http::verb::get) return RouteClass::kWrite;
  if (p.ends_with("/calendar")) return RouteClass::kPull;
  if (p.ends_with("/availability")) return RouteClass::kSearch;
  return RouteClass::kRead;
}

RateLimits::RateLimits(double scale, Metrics& metrics)
    : enabled_(scale > 0),
      metrics_(metrics),
      auth_failures_(kAuthFailures.per_second * scale, kAuthFailures.burst * scale),
      buckets_held_(metrics.GaugeOf("salon_rate_limit_buckets",
                                    "Token buckets held for keys and addresses now")) {
  if (!enabled_) return;
  auto publish = [&](const char* cls, const char* scope, const TokenBuckets& b) {
    const std::string labels = std::string("{class=\"") + cls + "\",scope=\"" + scope + "\"}";
    metrics.GaugeOf("salon_rate_limit_per_second", "Requests a second each key or address regains",
                    labels).Set(b.per_second());
    metrics.GaugeOf("salon_rate_limit_burst", "Requests each key or address may make at once",
                    labels).Set(b.burst());
  };
  for (RouteClass c : {RouteClass::kPull, RouteClass::kRead, RouteClass::kSearch,
                       RouteClass::kWrite, RouteClass::kPublic}) {
    const Limit l = DefaultLimit(c), a = AddressLimit(c);
    Of(c).per_key = std::make_unique<TokenBuckets>(l.per_second * scale, l.burst * scale);
    Of(c).per_address = std::make_unique<TokenBuckets>(a.per_second * scale, a.burst * scale);
    publish(Name(c), "key", *Of(c).per_key);
    publish(Name(c), "address", *Of(c).per_address);
  }
  publish("authentication_failure", "address", auth_failures_);
}

void RateLimits::Refused(RouteClass c, const char* scope) {
  metrics_
      .CounterOf("salon_rate_limited_total", "Requests refused with 429, by route class and scope",
                 std::string("{class=\"") + Name(c) + "\",scope=\"" + scope + "\"}")
      .Add();
}

long long RateLimits::Admit(const Route& route, std::string_view address,
                            std::string_view authorization, Instant now) {
  if (!enabled_) return 0;
  if ((admitted_.fetch_add(1, std::memory_order_relaxed) & 1023) == 0) PublishSize();
  const RouteClass c = ClassOf(route);
  if (c == RouteClass::kPlatform) return 0;
  // An address past its allowance of failed authentications waits, whatever
  // key it sends now.
  if (long long wait = auth_failures_.WaitFor(address, now)) {
    Refused(c, "authentication_failure");
    return wait;
  }
  if (c == RouteClass::kGateway) return 0;
  ClassLimits& limits = Of(c);
  if (long long wait = limits.per_address->Take(address, now)) {
    Refused(c, "address");
    return wait;
  }
  if (auto key = BearerToken(authorization); key && !key->empty()) {
    // Held by a hash: keys are secrets, and a hash is short.
    const std::string id = std::to_string(std::hash<std::string_view>{}(*key));
    if (long long wait = limits.per_key->Take(id, now)) {
      Refused(c, "key");
      return wait;
    }
  }
  return 0;
}

void RateLimits::AuthenticationFailed(std::string_view address, Instant now) {
  if (!enabled_) return;
  auth_failures_.Take(address, now);
}

void RateLimits::PublishSize() {
  std::size_t held = auth_failures_.size();
  for (const ClassLimits& l : classes_) {
    if (l.per_key) held += l.per_key->size() + l.per_address->size();
  }
  buckets_held_.Set(double(held));
}

}  // namespace salon::http
