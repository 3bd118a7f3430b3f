#include "tools/salon_load/report.h"

#include <fmt/format.h>

namespace salon::load {
namespace {

namespace json = boost::json;

double Ms(std::uint64_t micros) { return double(micros) / 1000.0; }

json::object Percentiles(const Histogram& h) {
  return {{"count", h.count()},      {"mean_ms", h.mean() / 1000.0},
          {"p50_ms", Ms(h.Percentile(50))},  {"p90_ms", Ms(h.Percentile(90))},
          {"p99_ms", Ms(h.Percentile(99))},  {"p999_ms", Ms(h.Percentile(99.9))},
          {"max_ms", Ms(h.max())}};
}

double Number(const json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return double(v.as_int64());
  if (v.is_uint64()) return double(v.as_uint64());
  return 0;
}

double At(const json::object& o, std::initializer_list<const char*> path) {
  const json::value* v = nullptr;
  const json::object* cur = &o;
  for (const char* key : path) {
    v = cur->if_contains(key);
    if (v == nullptr) return 0;
    if (v->is_object()) cur = &v->as_object();
  }
  return v ? Number(*v) : 0;
}

}  // namespace

json::object ToJson(const RunInfo& info, const RunResult& r) {
  json::object statuses;
  for (const auto& [kind, by_status] : r.statuses) {
    json::object counts;
    for (const auto& [status, n] : by_status) counts[status ? std::to_string(status) : "no answer"] = n;
    statuses[kind] = std::move(counts);
  }
  json::object by_kind;
  for (const auto& [kind, h] : r.latency_by_kind) by_kind[kind] = Percentiles(h);
  json::array timeline;
  for (size_t i = 0; i < r.timeline.size(); ++i) {
    const Interval& s = r.timeline[i];
    timeline.push_back(json::object{{"t", double(i) * r.interval_seconds},
                                    {"sent", s.sent}, {"ok", s.ok}, {"errors", s.errors},
                                    {"p50_ms", Ms(s.latency.Percentile(50))},
                                    {"p99_ms", Ms(s.latency.Percentile(99))},
                                    {"max_ms", Ms(s.latency.max())}});
  }
  json::array buckets;
  for (const auto& b : r.latency.Buckets()) {
    buckets.push_back(json::array{Ms(b.low), Ms(b.high), b.count});
  }
  const double answered = double(r.latency.count());
  return {{"scenario", info.scenario},
          {"salons", info.salons},
          {"rate", info.config.rate},
          {"duration_s", r.seconds},
          {"connections", info.config.connections},
          {"seed", info.config.seed},
          {"scheduled", r.scheduled},
          {"answered", r.latency.count()},
          {"answered_per_s", r.achieved_seconds > 0 ? answered / r.achieved_seconds : 0},
          {"errors", r.errors},
          {"error_rate", r.scheduled ? double(r.errors) / double(r.scheduled) : 0},
          {"latency", Percentiles(r.latency)},
          {"latency_by_kind", std::move(by_kind)},
          {"statuses", std::move(statuses)},
          {"interval_s", r.interval_seconds},
          {"timeline", std::move(timeline)},
          {"histogram_ms", std::move(buckets)}};
}

std::string ConsoleSummary(const RunInfo& info, const RunResult& r) {
  const Histogram& h = r.latency;
  std::string out = fmt::format(
      "salon-load {}: {} salons, {:.0f} req/s scheduled for {:.0f} s over ≤{} connections\n"
      "  sent {} · answered {} ({:.0f}/s) · errors {} ({:.2f} %)\n"
      "  latency from the scheduled time: p50 {:.2f} ms · p90 {:.2f} ms · p99 {:.2f} ms · "
      "p99.9 {:.2f} ms · max {:.2f} ms\n",
      info.scenario, info.salons, info.config.rate, r.seconds,
      info.config.connections * std::max(1, info.config.threads), r.scheduled, h.count(),
      r.achieved_seconds > 0 ? double(h.count()) / r.achieved_seconds : 0, r.errors,
      r.scheduled ? 100.0 * double(r.errors) / double(r.scheduled) : 0, Ms(h.Percentile(50)),
      Ms(h.Percentile(90)), Ms(h.Percentile(99)), Ms(h.Percentile(99.9)), Ms(h.max()));
  for (const auto& [kind, by_status] : r.statuses) {
    out += fmt::format("  {:<14}", kind);
    for (const auto& [status, n] : by_status) {
      out += fmt::format(" {}×{}", status ? std::to_string(status) : "no-answer", n);
    }
    const auto it = r.latency_by_kind.find(kind);
    if (it != r.latency_by_kind.end()) {
      out += fmt::format("  p99 {:.2f} ms", Ms(it->second.Percentile(99)));
    }
    out += "\n";
  }
  return out;
}

Verdict Compare(const json::object& baseline, const json::object& run, double tolerance) {
  Verdict v;
  auto check = [&](const std::string& name, double base, double now, bool higher_is_worse,
                   double slack) {
    const double limit = higher_is_worse ? base * (1 + tolerance) + slack
                                         : base * (1 - tolerance) - slack;
    const bool bad = higher_is_worse ? now > limit : now < limit;
    v.regressed |= bad;
    v.findings.push_back(fmt::format("{} {}: baseline {:.3f}, run {:.3f}, limit {:.3f}",
                                     bad ? "REGRESSED" : "ok", name, base, now, limit));
  };
  check("answered/s", At(baseline, {"answered_per_s"}), At(run, {"answered_per_s"}), false, 0);
  check("p50 ms", At(baseline, {"latency", "p50_ms"}), At(run, {"latency", "p50_ms"}), true, 1);
  check("p99 ms", At(baseline, {"latency", "p99_ms"}), At(run, {"latency", "p99_ms"}), true, 1);
  const double base_errors = At(baseline, {"error_rate"}), errors = At(run, {"error_rate"});
  const bool bad = errors > base_errors + 0.001;
  v.regressed |= bad;
  v.findings.push_back(fmt::format("{} error rate: baseline {:.4f}, run {:.4f}",
                                   bad ? "REGRESSED" : "ok", base_errors, errors));
  return v;
}

}  // namespace salon::load
