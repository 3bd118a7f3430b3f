// Metrics: counters, gauges and histograms rendered in the Prometheus text
// exposition format. Families are registered by name; a series is found or
// created by its label string ({route="…",code="200"}). Thread-safe; the
// hot path is a shared lock and an atomic add.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace salon {

class Counter {
 public:
  void Add(double v = 1) { value_.fetch_add(v, std::memory_order_relaxed); }
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

using Gauge = Counter;  // set by Add with a negative delta, or by Set

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void Observe(double v);
  // Renders `name_bucket{labels,le=…}`, `_sum` and `_count` lines.
  void Render(const std::string& name, const std::string& labels, std::string& out) const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<long long>[]> counts_;  // one per bound, plus +Inf
  std::atomic<double> sum_{0};
};

class Metrics {
 public:
  Counter& CounterOf(const std::string& name, const std::string& help,
                     const std::string& labels = "");
  Gauge& GaugeOf(const std::string& name, const std::string& help,
                 const std::string& labels = "");
  Histogram& HistogramOf(const std::string& name, const std::string& help,
                         const std::string& labels = "");
  std::string Render() const;

 private:
  struct Family {
    std::string type;
    std::string help;
    std::map<std::string, std::unique_ptr<Counter>> counters;
    std::map<std::string, std::unique_ptr<Histogram>> histograms;
  };
  Family& FamilyOf(const std::string& name, const std::string& type, const std::string& help);
  // Finds or makes the series `labels` of family `name`.
  template <typename T, typename Make>
  T& Series(std::map<std::string, std::unique_ptr<T>> Family::*member, const std::string& name,
            const std::string& type, const std::string& help, const std::string& labels,
            Make make);

  mutable std::shared_mutex mu_;
  std::map<std::string, Family> families_;
};

// Latency buckets in seconds, 0.5 ms to 10 s.
std::vector<double> LatencyBuckets();

}  // namespace salon
