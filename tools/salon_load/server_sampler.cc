#include "tools/salon_load/server_sampler.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <condition_variable>
#include <sstream>

namespace salon::load {

namespace beast = boost::beast;
namespace http = beast::http;

double MetricValue(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + " ", 0) == 0) return std::stod(line.substr(name.size() + 1));
  }
  return -1;
}

std::string Drift(const std::string& what, const std::vector<double>& values, double tolerance) {
  if (values.size() < 8) return what + ": too few samples to tell";
  const size_t q = values.size() / 4;
  double first = 0, last = 0;
  for (size_t i = 0; i < q; ++i) {
    first += values[i];
    last += values[values.size() - q + i];
  }
  first /= double(q);
  last /= double(q);
  if (last > first * (1 + tolerance) + 1) {
    return fmt::format("{} drifted: {:.4g} → {:.4g} (first to last quarter)", what, first, last);
  }
  return fmt::format("{} flat: {:.4g} → {:.4g}", what, first, last);
}

ServerSampler::ServerSampler(std::string host, unsigned short port,
                             std::chrono::milliseconds every)
    : host_(std::move(host)), port_(port), every_(every) {
  thread_ = std::thread([this] { Loop(); });
}

ServerSampler::~ServerSampler() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void ServerSampler::Loop() {
  const auto start = std::chrono::steady_clock::now();
  auto next = start;
  while (!stop_) {
    try {
      boost::asio::io_context ioc;
      beast::tcp_stream stream(ioc);
      stream.connect({boost::asio::ip::make_address(host_), port_});
      http::request<http::empty_body> req{http::verb::get, "/metrics", 11};
      req.set(http::field::host, host_);
      http::write(stream, req);
      beast::flat_buffer buffer;
      http::response<http::string_body> res;
      http::read(stream, buffer, res);
      samples_.push_back(boost::json::object{
          {"t", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()},
          {"rss_bytes", MetricValue(res.body(), "process_resident_memory_bytes")},
          {"open_connections", MetricValue(res.body(), "salon_http_open_connections")},
          {"outbox_backlog", MetricValue(res.body(), "salon_outbox_backlog_messages")}});
    } catch (const std::exception&) {
      // A missed sample (the server busy or gone) leaves a gap.
    }
    next += every_;
    while (!stop_ && std::chrono::steady_clock::now() < next) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the sampling period
    }
  }
}

boost::json::object ServerSampler::Finish() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  std::vector<double> rss, open, backlog;
  for (const auto& s : samples_) {
    rss.push_back(s.as_object().at("rss_bytes").as_double());
    open.push_back(s.as_object().at("open_connections").as_double());
    backlog.push_back(s.as_object().at("outbox_backlog").as_double());
  }
  return {{"samples", samples_},
          {"verdict", Drift("memory", rss, 0.2) + "; " + Drift("open connections", open, 0.5) +
                          "; " + Drift("outbox backlog", backlog, 0.5)}};
}

}  // namespace salon::load
