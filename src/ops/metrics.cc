#include "ops/metrics.h"

#include <fmt/format.h>

namespace salon {

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      counts_(new std::atomic<long long>[bounds_.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i] = 0;
}

void Histogram::Observe(double v) {
  size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

void Histogram::Render(const std::string& name, const std::string& labels,
                       std::string& out) const {
  std::string inner = labels.empty() ? "" : labels.substr(1, labels.size() - 2) + ",";
  long long cumulative = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += counts_[i].load(std::memory_order_relaxed);
    std::string le = i < bounds_.size() ? fmt::format("{}", bounds_[i]) : "+Inf";
    out += fmt::format("{}_bucket{{{}le=\"{}\"}} {}\n", name, inner, le, cumulative);
  }
  out += fmt::format("{}_sum{} {}\n", name, labels, sum_.load());
  out += fmt::format("{}_count{} {}\n", name, labels, cumulative);
}

Metrics::Family& Metrics::FamilyOf(const std::string& name, const std::string& type,
                                   const std::string& help) {
  auto [it, inserted] = families_.try_emplace(name);
  if (inserted) {
    it->second.type = type;
    it->second.help = help;
  }
  return it->second;
}

template <typename T, typename Make>
T& Metrics::Series(std::map<std::string, std::unique_ptr<T>> Family::*member,
                   const std::string& name, const std::string& type, const std::string& help,
                   const std::string& labels, Make make) {
  {
    std::shared_lock lock(mu_);
    auto f = families_.find(name);
    if (f != families_.end()) {
      auto it = (f->second.*member).find(labels);
      if (it != (f->second.*member).end()) return *it->second;
    }
  }
  std::unique_lock lock(mu_);
  Family& family = FamilyOf(name, type, help);
  auto& slot = (family.*member)[labels];
  if (!slot) slot = make();
  return *slot;
}

Counter& Metrics::CounterOf(const std::string& name, const std::string& help,
                            const std::string& labels) {
  return Series(&Family::counters, name, "counter", help, labels,
                [] { return std::make_unique<Counter>(); });
}

Gauge& Metrics::GaugeOf(const std::string& name, const std::string& help,
                        const std::string& labels) {
  return Series(&Family::counters, name, "gauge", help, labels,
                [] { return std::make_unique<Counter>(); });
}

Histogram& Metrics::HistogramOf(const std::string& name, const std::string& help,
                                const std::string& labels) {
  return Series(&Family::histograms, name, "histogram", help, labels,
                [] { return std::make_unique<Histogram>(LatencyBuckets()); });
}

std::string Metrics::Render() const {
  std::shared_lock lock(mu_);
  std::string out;
  for (const auto& [name, f] : families_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, f.help, name, f.type);
    for (const auto& [labels, c] : f.counters) {
      out += fmt::format("{}{} {}\n", name, labels, c->value());
    }
    for (const auto& [labels, h] : f.histograms) h->Render(name, labels, out);
  }
  return out;
}

std::vector<double> LatencyBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

}  // namespace salon
