#include "tools/salon_load/driver.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <deque>
#include <memory>
#include <thread>

namespace salon::load {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Steady = std::chrono::steady_clock;

struct Pending {
  HttpRequest request;
  Steady::time_point scheduled;
};

class ThreadRun;

// One keep-alive connection; runs one request at a time.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  explicit Connection(ThreadRun& run);
  void Start(Pending p);
  void Close();

 private:
  void Connected(beast::error_code ec);
  void Send();
  void Done(beast::error_code ec);

  ThreadRun& run_;
  beast::tcp_stream stream_;
  bool connected_ = false;
  Pending current_;
  http::request<http::string_body> req_;
  beast::flat_buffer buffer_;
  std::unique_ptr<http::response_parser<http::string_body>> parser_;
};

// The requests and connections of one driver thread.
class ThreadRun {
 public:
  ThreadRun(const DriverConfig& config, const RequestMaker& make, int thread, double rate)
      : config_(config),
        make_(make),
        thread_(thread),
        schedule_(rate, config.seed * 7919 + std::uint64_t(thread)),
        timer_(ioc_),
        endpoint_(asio::ip::make_address(config.host), config.port) {
    result_.seconds = double(config.duration.count());
    result_.interval_seconds = std::max(1.0, result_.seconds / 300);
    result_.timeline.resize(size_t(result_.seconds / result_.interval_seconds) + 1);
  }

  RunResult Run() {
    start_ = Steady::now();
    next_ = schedule_.Next();
    Tick();
    ioc_.run();
    result_.achieved_seconds = std::chrono::duration<double>(last_answer_ - start_).count();
    return std::move(result_);
  }

  asio::io_context& ioc() { return ioc_; }
  const DriverConfig& config() const { return config_; }
  const asio::ip::tcp::endpoint& endpoint() const { return endpoint_; }

  void Record(const Pending& p, int status) {
    const auto now = Steady::now();
    last_answer_ = std::max(last_answer_, now);
    const auto micros = std::uint64_t(
        std::chrono::duration_cast<std::chrono::microseconds>(now - p.scheduled).count());
    const bool ok = std::find(p.request.expected.begin(), p.request.expected.end(), status) !=
                    p.request.expected.end();
    result_.statuses[p.request.kind][status]++;
    Interval& slot = Slot(now);
    if (status != 0) {
      result_.latency.Record(micros);
      result_.latency_by_kind[p.request.kind].Record(micros);
      slot.latency.Record(micros);
    }
    if (ok) {
      slot.ok++;
    } else {
      slot.errors++;
      result_.errors++;
    }
  }

  void Idle(std::shared_ptr<Connection> c) {
    idle_.push_back({std::move(c), Steady::now()});
    Pump();
  }

 private:
  Interval& Slot(Steady::time_point t) {
    const double at = std::chrono::duration<double>(t - start_).count();
    size_t i = size_t(std::max(0.0, at) / result_.interval_seconds);
    if (i >= result_.timeline.size()) result_.timeline.resize(i + 1);
    return result_.timeline[i];
  }

  // Queues every request now due, hands them out, and waits for the next.
  void Tick() {
    const auto now = Steady::now();
    const auto end = std::chrono::duration_cast<Micros>(config_.duration);
    while (next_ <= end && start_ + next_ <= now) {
      pending_.push_back({make_(thread_, n_++), start_ + next_});
      Slot(start_ + next_).sent++;
      result_.scheduled++;
      next_ = schedule_.Next();
    }
    Pump();
    if (next_ <= end) {
      timer_.expires_at(start_ + next_);
      timer_.async_wait([this](beast::error_code) { Tick(); });
    }
  }

  void Pump() {
    while (!pending_.empty()) {
      std::shared_ptr<Connection> c;
      if (!idle_.empty()) {
        auto [last, since] = std::move(idle_.back());
        idle_.pop_back();
        if (Steady::now() - since > kMaxIdle) {
          last->Close();  // the server may be closing it at this very moment
          open_--;
          continue;
        }
        c = std::move(last);
      } else if (open_ < config_.connections) {
        c = std::make_shared<Connection>(*this);
        open_++;
      } else {
        return;  // every connection is busy: the request waits, and it counts
      }
      Pending p = std::move(pending_.front());
      pending_.pop_front();
      c->Start(std::move(p));
    }
  }

  const DriverConfig& config_;
  const RequestMaker& make_;
  const int thread_;
  PoissonSchedule schedule_;
  asio::io_context ioc_;
  asio::steady_timer timer_;
  asio::ip::tcp::endpoint endpoint_;
  Steady::time_point start_, last_answer_;
  Micros next_{0};
  std::uint64_t n_ = 0;
  std::deque<Pending> pending_;
  // Most recently used last; a connection idle longer than kMaxIdle is
  // closed rather than reused, since servers close idle keep-alive
  // connections (salond after 60 s) and a request sent as one closes would
  // go unanswered through no fault of the server.
  static constexpr auto kMaxIdle = std::chrono::seconds(20);
  std::vector<std::pair<std::shared_ptr<Connection>, Steady::time_point>> idle_;
  int open_ = 0;
  RunResult result_;
};

Connection::Connection(ThreadRun& run) : run_(run), stream_(run.ioc()) {}

void Connection::Start(Pending p) {
  current_ = std::move(p);
  req_ = {};
  req_.method_string(current_.request.method);
  req_.target(current_.request.target);
  req_.version(11);
  req_.set(http::field::host, run_.config().host);
  req_.keep_alive(true);
  for (const auto& [name, value] : current_.request.headers) req_.set(name, value);
  if (!current_.request.body.empty()) req_.set(http::field::content_type, "application/json");
  req_.body() = current_.request.body;
  req_.prepare_payload();
  stream_.expires_after(run_.config().timeout);
  if (connected_) {
    Send();
    return;
  }
  stream_.async_connect(run_.endpoint(), [self = shared_from_this()](beast::error_code ec) {
    self->Connected(ec);
  });
}

void Connection::Close() {
  beast::error_code ignored;
  stream_.socket().close(ignored);
}

void Connection::Connected(beast::error_code ec) {
  if (ec) return Done(ec);
  connected_ = true;
  stream_.socket().set_option(asio::ip::tcp::no_delay(true));
  Send();
}

void Connection::Send() {
  http::async_write(stream_, req_, [self = shared_from_this()](beast::error_code ec, size_t) {
    if (ec) return self->Done(ec);
    self->parser_ = std::make_unique<http::response_parser<http::string_body>>();
    self->parser_->body_limit(64 << 20);
    http::async_read(self->stream_, self->buffer_, *self->parser_,
                     [self](beast::error_code ec, size_t) { self->Done(ec); });
  });
}

void Connection::Done(beast::error_code ec) {
  int status = 0;
  if (!ec) {
    status = parser_->get().result_int();
    if (!parser_->get().keep_alive()) ec = asio::error::eof;
  }
  run_.Record(current_, status);
  if (status != 0 && current_.request.on_answer) {
    current_.request.on_answer(status, parser_->get().body());
  }
  if (ec) {
    Close();
    buffer_.clear();
    connected_ = false;
  }
  run_.Idle(shared_from_this());
}

void MergeInto(RunResult& all, RunResult&& part) {
  all.scheduled += part.scheduled;
  all.errors += part.errors;
  all.achieved_seconds = std::max(all.achieved_seconds, part.achieved_seconds);
  for (auto& [kind, statuses] : part.statuses) {
    for (auto& [status, n] : statuses) all.statuses[kind][status] += n;
  }
  for (auto& [kind, h] : part.latency_by_kind) all.latency_by_kind[kind].Merge(h);
  all.latency.Merge(part.latency);
  if (all.timeline.size() < part.timeline.size()) all.timeline.resize(part.timeline.size());
  for (size_t i = 0; i < part.timeline.size(); ++i) {
    all.timeline[i].sent += part.timeline[i].sent;
    all.timeline[i].ok += part.timeline[i].ok;
    all.timeline[i].errors += part.timeline[i].errors;
    all.timeline[i].latency.Merge(part.timeline[i].latency);
  }
}

}  // namespace

RunResult Drive(const DriverConfig& config, const RequestMaker& make) {
  const int threads = std::clamp(config.threads, 1, kMaxDriverThreads);
  std::vector<RunResult> parts(static_cast<size_t>(threads));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      ThreadRun run(config, make, t, config.rate / threads);
      parts[size_t(t)] = run.Run();
    });
  }
  for (auto& w : workers) w.join();
  RunResult all;
  all.seconds = double(config.duration.count());
  all.interval_seconds = parts[0].interval_seconds;
  for (auto& p : parts) MergeInto(all, std::move(p));
  return all;
}

}  // namespace salon::load
