// The in-memory caches' view in /metrics, each series labelled
// cache="<name>" with a name from a fixed set (never a value a client sends):
//   salon_cache_entries, salon_cache_bytes (estimated), and their bounds
//   salon_cache_max_entries, salon_cache_max_bytes (gauges);
//   salon_cache_hits_total, salon_cache_misses_total and
//   salon_cache_evictions_total (counters; an eviction is an entry forgotten
//   to stay within the bounds).
// And CacheOptions, what a cache's owner is given: where to report, and how
// much to scale its default bounds by.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "base/lru_map.h"
#include "ops/metrics.h"

namespace salon {

class CacheMetrics {
 public:
  CacheMetrics() = default;  // reports nothing
  CacheMetrics(Metrics& metrics, std::string_view cache, CacheBounds bounds) {
    const std::string labels = "{cache=\"" + std::string(cache) + "\"}";
    entries_ = &metrics.GaugeOf("salon_cache_entries", "Entries an in-memory cache holds", labels);
    bytes_ = &metrics.GaugeOf("salon_cache_bytes",
                              "Estimated bytes an in-memory cache holds", labels);
    hits_ = &metrics.CounterOf("salon_cache_hits_total", "Lookups an in-memory cache answered",
                               labels);
    misses_ = &metrics.CounterOf("salon_cache_misses_total",
                                 "Lookups an in-memory cache could not answer", labels);
    evictions_ = &metrics.CounterOf(
        "salon_cache_evictions_total",
        "Entries an in-memory cache forgot, least recently used first, to stay within its bounds",
        labels);
    metrics.GaugeOf("salon_cache_max_entries", "Entries an in-memory cache holds at most", labels)
        .Set(double(bounds.entries));
    metrics.GaugeOf("salon_cache_max_bytes", "Estimated bytes an in-memory cache holds at most",
                    labels)
        .Set(double(bounds.bytes));
  }

  void Hit() const { if (hits_) hits_->Add(); }
  void Miss() const { if (misses_) misses_->Add(); }
  void Evicted() const { if (evictions_) evictions_->Add(); }
  // The cache's entries and bytes changed by these amounts.
  void Resized(double entries, double bytes) const {
    if (entries_ && entries != 0) entries_->Add(entries);
    if (bytes_ && bytes != 0) bytes_->Add(bytes);
  }

 private:
  Gauge* entries_ = nullptr;
  Gauge* bytes_ = nullptr;
  Counter* hits_ = nullptr;
  Counter* misses_ = nullptr;
  Counter* evictions_ = nullptr;
};

struct CacheOptions {
  Metrics* metrics = nullptr;  // null: report nothing
  double scale = 1;            // multiplies every default bound (at least 1 entry and 1 KiB)

  CacheBounds Scaled(CacheBounds defaults) const {
    return {std::max<std::size_t>(1, std::size_t(double(defaults.entries) * scale)),
            std::max<std::size_t>(1024, std::size_t(double(defaults.bytes) * scale))};
  }
  CacheMetrics MetricsOf(std::string_view cache, CacheBounds bounds) const {
    return metrics ? CacheMetrics(*metrics, cache, bounds) : CacheMetrics();
  }
};

}  // namespace salon
