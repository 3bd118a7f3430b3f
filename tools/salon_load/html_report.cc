#include "tools/salon_load/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace salon::load {
namespace {

namespace json = boost::json;

double Num(const json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return double(v.as_int64());
  if (v.is_uint64()) return double(v.as_uint64());
  return 0;
}

double Field(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v ? Num(*v) : 0;
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Series {
  std::string name, color;
  std::vector<double> values;
};

constexpr int kWidth = 760, kHeight = 220, kPad = 40;

// A line chart of `series` against x = 0..n-1 scaled to `x_max`.
std::string LineChart(const std::string& title, const std::string& unit, double x_max,
                      const std::vector<Series>& series) {
  double y_max = 0;
  size_t n = 0;
  for (const Series& s : series) {
    for (double v : s.values) y_max = std::max(y_max, v);
    n = std::max(n, s.values.size());
  }
  if (y_max <= 0) y_max = 1;
  std::string svg = fmt::format(
      "<h2>{}</h2><svg viewBox='0 0 {} {}' width='{}' height='{}'>"
      "<line x1='{}' y1='{}' x2='{}' y2='{}' stroke='#888'/>"
      "<line x1='{}' y1='{}' x2='{}' y2='{}' stroke='#888'/>"
      "<text x='2' y='{}' font-size='11'>{:.4g} {}</text>"
      "<text x='{}' y='{}' font-size='11'>{:.0f} s</text>",
      Escape(title), kWidth, kHeight, kWidth, kHeight, kPad, kPad / 2, kPad, kHeight - kPad,
      kPad, kHeight - kPad, kWidth - 10, kHeight - kPad, kPad / 2 + 4, y_max, Escape(unit),
      kWidth - 60, kHeight - kPad + 16, x_max);
  int legend = 0;
  for (const Series& s : series) {
    std::string points;
    for (size_t i = 0; i < s.values.size(); ++i) {
      const double x = kPad + (n > 1 ? double(i) / double(n - 1) : 0) * (kWidth - kPad - 10);
      const double y = (kHeight - kPad) - s.values[i] / y_max * (kHeight - kPad - kPad / 2);
      points += fmt::format("{:.1f},{:.1f} ", x, y);
    }
    svg += fmt::format("<polyline fill='none' stroke='{}' stroke-width='1.5' points='{}'/>",
                       s.color, points);
    svg += fmt::format("<text x='{}' y='{}' font-size='11' fill='{}'>{}</text>",
                       kPad + 10 + legend * 110, kHeight - 6, s.color, Escape(s.name));
    ++legend;
  }
  return svg + "</svg>";
}

// Bars of the histogram's buckets on a logarithmic latency axis.
std::string HistogramChart(const json::array& buckets) {
  if (buckets.empty()) return "<h2>Latency histogram</h2><p>no answers</p>";
  double lo = 1e18, hi = 0, top = 0;
  for (const json::value& b : buckets) {
    const auto& a = b.as_array();
    lo = std::min(lo, std::max(Num(a[0]), 0.001));
    hi = std::max(hi, std::max(Num(a[1]), 0.001));
    top = std::max(top, Num(a[2]));
  }
  const double span = std::max(std::log10(hi) - std::log10(lo), 1e-9);
  auto x_of = [&](double ms) {
    return kPad + (std::log10(std::max(ms, 0.001)) - std::log10(lo)) / span * (kWidth - kPad - 10);
  };
  std::string svg = fmt::format(
      "<h2>Latency histogram</h2><svg viewBox='0 0 {} {}' width='{}' height='{}'>"
      "<line x1='{}' y1='{}' x2='{}' y2='{}' stroke='#888'/>"
      "<text x='{}' y='{}' font-size='11'>{:.3g} ms</text>"
      "<text x='{}' y='{}' font-size='11'>{:.3g} ms (log scale)</text>",
      kWidth, kHeight, kWidth, kHeight, kPad, kHeight - kPad, kWidth - 10, kHeight - kPad, kPad,
      kHeight - kPad + 16, lo, kWidth - 170, kHeight - kPad + 16, hi);
  for (const json::value& b : buckets) {
    const auto& a = b.as_array();
    const double x0 = x_of(Num(a[0])), x1 = std::max(x_of(Num(a[1])), x0 + 1);
    const double h = Num(a[2]) / top * (kHeight - kPad - 10);
    svg += fmt::format("<rect x='{:.1f}' y='{:.1f}' width='{:.1f}' height='{:.1f}' fill='#4a7'/>",
                       x0, kHeight - kPad - h, x1 - x0, h);
  }
  return svg + "</svg>";
}

}  // namespace

std::string HtmlReport(const json::object& r) {
  const json::object empty;
  const json::object& lat = r.contains("latency") ? r.at("latency").as_object() : empty;
  std::string html =
      "<!doctype html><html><head><meta charset='utf-8'><title>salon-load report</title>"
      "<style>body{font-family:sans-serif;margin:2em;max-width:820px}"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
      "text-align:right}</style></head><body>";
  const json::value* scenario = r.if_contains("scenario");
  html += fmt::format(
      "<h1>salon-load: {}</h1><p>{:.0f} salons · {:.0f} req/s scheduled for {:.0f} s "
      "(open model: latency from each request's scheduled time)</p>",
      Escape(scenario && scenario->is_string() ? scenario->as_string().c_str() : "?"),
      Field(r, "salons"), Field(r, "rate"), Field(r, "duration_s"));
  html += fmt::format(
      "<table><tr><th>sent</th><th>answered/s</th><th>errors</th><th>p50</th><th>p90</th>"
      "<th>p99</th><th>p99.9</th><th>max</th></tr><tr><td>{:.0f}</td><td>{:.0f}</td>"
      "<td>{:.0f} ({:.2f} %)</td><td>{:.2f} ms</td><td>{:.2f} ms</td><td>{:.2f} ms</td>"
      "<td>{:.2f} ms</td><td>{:.2f} ms</td></tr></table>",
      Field(r, "scheduled"), Field(r, "answered_per_s"), Field(r, "errors"),
      100 * Field(r, "error_rate"), Field(lat, "p50_ms"), Field(lat, "p90_ms"),
      Field(lat, "p99_ms"), Field(lat, "p999_ms"), Field(lat, "max_ms"));
  if (const json::value* statuses = r.if_contains("statuses"); statuses && statuses->is_object()) {
    html += "<h2>Answers by request kind</h2><table><tr><th>kind</th><th>statuses</th></tr>";
    for (const auto& [kind, counts] : statuses->as_object()) {
      std::string cells;
      for (const auto& [status, n] : counts.as_object()) {
        cells += fmt::format("{} × {:.0f}  ", Escape(status), Num(n));
      }
      html += fmt::format("<tr><td>{}</td><td>{}</td></tr>", Escape(kind), cells);
    }
    html += "</table>";
  }
  Series sent{"sent/s", "#36c", {}}, errors{"errors/s", "#c33", {}};
  Series p50{"p50 ms", "#36c", {}}, p99{"p99 ms", "#c63", {}}, max{"max ms", "#999", {}};
  const double interval = std::max(Field(r, "interval_s"), 1e-9);
  if (const json::value* t = r.if_contains("timeline"); t && t->is_array()) {
    for (const json::value& v : t->as_array()) {
      const json::object& i = v.as_object();
      sent.values.push_back(Field(i, "sent") / interval);
      errors.values.push_back(Field(i, "errors") / interval);
      p50.values.push_back(Field(i, "p50_ms"));
      p99.values.push_back(Field(i, "p99_ms"));
      max.values.push_back(Field(i, "max_ms"));
    }
  }
  const double seconds = Field(r, "duration_s");
  html += LineChart("Requests and errors per second", "req/s", seconds, {sent, errors});
  html += LineChart("Latency over time", "ms", seconds, {p50, p99, max});
  if (const json::value* m = r.if_contains("server"); m && m->is_object()) {
    Series rss{"resident MiB", "#393", {}}, open{"open connections", "#36c", {}},
        backlog{"messages due, not yet sent", "#c63", {}};
    for (const json::value& v : m->at("samples").as_array()) {
      rss.values.push_back(Field(v.as_object(), "rss_bytes") / 1048576.0);
      open.values.push_back(Field(v.as_object(), "open_connections"));
      backlog.values.push_back(Field(v.as_object(), "outbox_backlog"));
    }
    html += LineChart("Server memory", "MiB", seconds, {rss});
    html += LineChart("Queue depth: connections and the outbox", "", seconds, {open, backlog});
    html += fmt::format("<p>{}</p>", Escape(m->at("verdict").as_string().c_str()));
  }
  if (const json::value* h = r.if_contains("histogram_ms"); h && h->is_array()) {
    html += HistogramChart(h->as_array());
  }
  return html + "</body></html>\n";
}

}  // namespace salon::load
