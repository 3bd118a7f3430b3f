#include "http/server.h"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <sys/socket.h>

#include <cerrno>
#include <optional>
#include <sstream>

#include "base/thread_name.h"
#include "http/each_thread.h"
#include "http/problem.h"
#include "http/reply_latch.h"
#include "http/worker_priority.h"

namespace salon::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// Concrete executor types: a connection never leaves its io_context, so the
// type-erased any_io_executor would only cost a virtual call per operation.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Stream = beast::basic_stream<tcp, Executor, beast::unlimited_rate_policy>;

// One connection. Lives as long as an operation holds it; every step runs on
// the I/O thread of its io_context (handlers that block run on a worker and
// post their response back to it).
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Socket socket, Server& server, std::string address)
      : stream_(std::move(socket)), server_(server), address_(std::move(address)) {}

  const std::string& address() const { return address_; }
  // Since when it has waited for a request (steady clock ticks); 0 while a
  // request is read, handled or answered. Read by the acceptor's thread.
  long long idle_since() const { return idle_since_.load(); }
  // Chosen to make room: no longer a candidate, and closed if still idle.
  void Evict() {
    idle_since_.store(0, std::memory_order_relaxed);
    Shutdown(false);
  }

  void Run() {
    server_.Opened(this, weak_from_this());
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->WaitForRequest(); });
  }

  ~Session() {
    if (idle_) server_.idle_connections().Add(-1);
    server_.Closed(this);
  }

  // From Drain: close now if idle (or `force`); otherwise after the response.
  // A live stream is told to reconnect soon (elsewhere) and closed.
  void Shutdown(bool force) {
    asio::post(stream_.get_executor(), [self = shared_from_this(), force] {
      if (self->idle_ || force) return self->Close();
      if (self->events_) {
        self->pending_ += "retry: 500\n\n";
        self->close_after_write_ = true;
        self->Pump();
      }
    });
  }

 private:
  void WaitForRequest() {
    if (server_.draining()) return Close();
    // Since when first, then the gauge: whoever sees the gauge count this
    // connection also sees since when it has been idle.
    idle_since_.store(std::chrono::steady_clock::now().time_since_epoch().count());
    if (!idle_) server_.idle_connections().Add(1);
    idle_ = true;
    if (buffer_.size() > 0) return ReadRequest();  // pipelined bytes already here
    // Waits for the first bytes of the next request under the idle timeout
    // (the stream's timer applies to its own reads only).
    stream_.expires_after(server_.config().idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = shared_from_this()](beast::error_code ec, std::size_t n) {
          if (ec) return self->Close();
          self->buffer_.commit(n);
          self->ReadRequest();
        });
  }

  void ReadRequest() {
    idle_since_.store(0);  // before the gauge, as in WaitForRequest
    if (idle_) server_.idle_connections().Add(-1);
    idle_ = false;
    parser_.emplace();
    parser_->body_limit(server_.config().body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(server_.config().header_limit));
    stream_.expires_after(server_.config().request_timeout);
    beast::http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == beast::http::error::end_of_stream || ec == asio::error::eof ||
        ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset) {
      return Close();
    }
    if (ec == beast::http::error::body_limit) {
      return Reject(beast::http::status::payload_too_large, "the body is too large");
    }
    if (ec == beast::http::error::header_limit) {
      return Reject(beast::http::status::request_header_fields_too_large,
                    "the headers are too large");
    }
    if (ec) return Reject(beast::http::status::bad_request, "malformed HTTP request");

    request_ = parser_->release();
    Routed here = server_.api().Route(request_, address_);
    if (std::optional<Response> res = server_.api().RunInline(here)) {
      Write(std::move(*res));
    } else {
      auto gone = std::make_shared<std::atomic<bool>>(false);
      here.call.client_gone = gone;
      WatchForHangUp(std::move(gone));
      auto routed = std::make_shared<Routed>(std::move(here));
      server_.PoolFor(*routed).Run([self = shared_from_this(), routed] {
        std::shared_ptr<ReplyLatch> latch;
        if (routed->writes()) {
          routed->call.reply_later = [&] { return self->ReplyLater(routed, latch); };
        }
        std::optional<Response> res = self->server_.api().Run(*routed);
        routed->call.reply_later = nullptr;
        if (!res) {
          ReplyLatch::Make make = latch->Returned();
          if (!make) return;  // the reply will answer
          res = self->server_.api().Complete(*routed, make);
        }
        asio::post(self->stream_.get_executor(),
                   [self, res = std::move(*res), events = routed->call.events]() mutable {
                     if (events && res.result() == beast::http::status::ok) {
                       self->StartStream(std::move(res), std::move(events));
                     } else {
                       self->Write(std::move(res));
                     }
                   });
      });
    }
  }

  // The reply of a write whose handler answers after it returns
  // (Call::AnswerLater), through `latch`: the response is made and sent on
  // this thread, and until it is the server does not stop (Server::Stop).
  // Null when as many answers as the server has write workers wait already.
  Call::Reply ReplyLater(const std::shared_ptr<Routed>& routed,
                         std::shared_ptr<ReplyLatch>& latch) {
    struct Pending {
      std::unique_ptr<Server::Awaited> awaited;  // first: let go of last
      std::shared_ptr<Session> self;
      std::shared_ptr<Routed> routed;
    };
    std::unique_ptr<Server::Awaited> awaited = server_.Await();
    if (!awaited) return nullptr;
    auto pending =
        std::make_shared<Pending>(Pending{std::move(awaited), shared_from_this(), routed});
    latch = std::make_shared<ReplyLatch>([pending](std::function<Response()> make) {
      Session& self = *pending->self;
      asio::post(self.stream_.get_executor(), [pending, make = std::move(make)] {
        pending->self->Write(pending->self->server_.api().Complete(*pending->routed, make));
      });
    });
    return [latch](std::function<Response()> make) { latch->Give(std::move(make)); };
  }

  // While a handler works off this thread: marks `gone` if the client closes
  // its connection (so a long search may stop). Bytes of a pipelined request
  // mean it is still there; the watch then ends.
  void WatchForHangUp(std::shared_ptr<std::atomic<bool>> gone) {
    if (buffer_.size() > 0) return;
    stream_.socket().async_wait(
        Socket::wait_read, [self = shared_from_this(), gone](beast::error_code ec) {
          if (ec == asio::error::operation_aborted) return;
          char byte;
          const ssize_t n = ec ? 0
                               : ::recv(self->stream_.socket().native_handle(), &byte, 1,
                                        MSG_PEEK | MSG_DONTWAIT);
          if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) *gone = true;
        });
  }

  // Answers an unreadable request and closes the connection.
  void Reject(beast::http::status status, const std::string& detail) {
    Response res = Problem(status, detail);
    res.keep_alive(false);
    keep_alive_ = false;
    Send(std::move(res));
  }

  void Write(Response res) {
    // A response may close the connection itself (Connection: close).
    const bool closes = res.find(beast::http::field::connection) != res.end() && !res.keep_alive();
    keep_alive_ = request_.keep_alive() && !closes && !server_.draining();
    res.keep_alive(keep_alive_);
    res.set(beast::http::field::server, "salon");
    Send(std::move(res));
  }

  void Send(Response res) {
    response_ = std::make_shared<Response>(std::move(res));
    stream_.expires_after(server_.config().request_timeout);
    beast::http::async_write(
        stream_, *response_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) {
          self->response_.reset();
          if (ec || !self->keep_alive_) return self->Close();
          self->WaitForRequest();
        });
  }

  // A response that goes on (text/event-stream): its headers (no length:
  // the body lasts until the connection closes), then whatever the source
  // gives when it wakes this connection, and a comment line every 15 s so
  // that proxies and browsers know it lives. Ends when the client goes.
  void StartStream(Response head, std::shared_ptr<EventSource> events) {
    events_ = std::move(events);
    head.erase(beast::http::field::content_length);
    head.keep_alive(false);
    head.set(beast::http::field::server, "salon");
    std::ostringstream header;
    header << head.base();
    pending_ = header.str() + head.body();
    std::weak_ptr<Session> weak = weak_from_this();
    events_->OnReady([weak] {
      if (auto self = weak.lock()) {
        asio::post(self->stream_.get_executor(), [self] { self->Pump(); });
      }
    });
    // The client sends nothing more: a read ends when it goes.
    stream_.socket().async_read_some(
        asio::buffer(discard_),
        [self = shared_from_this()](beast::error_code, std::size_t) { self->Close(); });
    Heartbeat();
    Pump();
  }

  void Heartbeat() {
    heartbeat_.expires_after(std::chrono::seconds(15));
    heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || !self->stream_.socket().is_open()) return;
      self->pending_ += ": still here\n\n";
      self->Pump();
      self->Heartbeat();
    });
  }

  // Writes what waits, one write at a time.
  void Pump() {
    if (writing_ || !stream_.socket().is_open()) return;
    pending_ += events_->Take();
    if (pending_.empty()) return;
    writing_ = true;
    auto text = std::make_shared<std::string>(std::exchange(pending_, {}));
    stream_.expires_after(server_.config().request_timeout);  // a client that stops reading
    asio::async_write(stream_, asio::buffer(*text),
                      [self = shared_from_this(), text](beast::error_code ec, std::size_t) {
                        self->writing_ = false;
                        if (ec) return self->Close();
                        if (self->close_after_write_ && self->pending_.empty()) {
                          return self->Close();
                        }
                        self->Pump();
                      });
  }

  void Close() {
    heartbeat_.cancel();
    if (!stream_.socket().is_open()) return;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  Stream stream_;
  Server& server_;
  beast::flat_buffer buffer_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  Request request_;
  std::shared_ptr<Response> response_;
  bool keep_alive_ = true;
  bool idle_ = false;
  // A live stream's: its source, what waits to be written, and its timer.
  std::shared_ptr<EventSource> events_;
  std::string pending_;
  bool writing_ = false;
  bool close_after_write_ = false;
  char discard_[64];
  asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>,
                             Executor> heartbeat_{stream_.get_executor()};
  const std::string address_;
  std::atomic<long long> idle_since_{0};
};

WorkerPool::WorkerPool(int size, int nice, Metrics& metrics, const char* name)
    : threads(std::max(1, size)),
      busy(metrics.GaugeOf("salon_http_busy_workers",
                           "Worker threads running a blocking handler now, by pool",
                           std::string("{pool=\"") + name + "\"}")) {
  const std::string thread_name = std::string("http-") + name;
  RunOnEachThread(threads, std::max(1, size), [&] { NameThisThread(thread_name); });
  LowerPriority(threads, std::max(1, size), nice);
}

Server::Server(ServerConfig config, Api& api, Metrics& metrics)
    : config_(std::move(config)),
      api_(api),
      open_connections_(metrics.GaugeOf("salon_http_open_connections",
                                        "HTTP connections open now")),
      idle_connections_(metrics.GaugeOf("salon_http_idle_connections",
                                        "HTTP connections waiting for a request now")),
      awaiting_commit_(metrics.GaugeOf("salon_http_awaiting_commit",
                                       "Writes whose answer is made once the store has "
                                       "committed them (bookings; on SQLite their worker has "
                                       "gone on meanwhile)")),
      metrics_(metrics),
      writers_(config_.workers, config_.worker_nice, metrics, "write"),
      readers_(config_.readers, config_.worker_nice, metrics, "read") {
  if (config_.io_threads <= 0) {
    config_.io_threads = std::max(1u, std::thread::hardware_concurrency());
  }
  for (int i = 0; i < config_.io_threads; ++i) {
    contexts_.push_back(std::make_unique<asio::io_context>(1));
    guards_.push_back(asio::make_work_guard(*contexts_.back()));
  }
  acceptor_ = std::make_unique<tcp::acceptor>(*contexts_[0]);
}

Server::~Server() { Stop(); }

std::unique_ptr<Server::Awaited> Server::Await() {
  std::lock_guard lock(awaited_mu_);
  if (awaited_ >= std::max(1, config_.workers)) return nullptr;
  awaiting_commit_.Set(++awaited_);
  return std::unique_ptr<Awaited>(new Awaited(*this));
}

Server::Awaited::~Awaited() {
  // Notified under the lock: once Stop sees none, this server may go.
  std::lock_guard lock(server_.awaited_mu_);
  server_.awaiting_commit_.Set(--server_.awaited_);
  server_.awaited_cv_.notify_all();
}

unsigned short Server::Start() {
  tcp::endpoint endpoint(asio::ip::make_address(config_.address), config_.port);
  acceptor_->open(endpoint.protocol());
  acceptor_->set_option(asio::socket_base::reuse_address(true));
  acceptor_->bind(endpoint);
  acceptor_->listen(asio::socket_base::max_listen_connections);
  Accept();
  for (auto& context : contexts_) {
    threads_.push_back(NamedThread("http-io", [c = context.get()] { c->run(); }));
  }
  return acceptor_->local_endpoint().port();
}

void Server::Accept() {
  // Connections are dealt to the I/O threads in turn.
  asio::io_context& home = *contexts_[next_context_++ % contexts_.size()];
  acceptor_->async_accept(home.get_executor(), [this](beast::error_code ec, Socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_->is_open()) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      const auto peer = socket.remote_endpoint(ec);
      const std::string address = ec ? std::string() : peer.address().to_string();
      if (!Admit(address)) {
        // Over the bound: a short 503 and close, so clients back off.
        static const std::string kBusy = [] {
          Response res = Problem(beast::http::status::service_unavailable,
                                 "too many connections; retry shortly");
          res.set(beast::http::field::retry_after, "1");
          res.keep_alive(false);
          std::ostringstream out;
          out << res;
          return out.str();
        }();
        beast::error_code ignored;
        asio::write(socket, asio::buffer(kBusy), ignored);
        socket.close(ignored);
      } else {
        std::make_shared<Session>(std::move(socket), *this, address)->Run();
      }
    }
    Accept();
  });
}

void Server::Opened(Session* s, std::weak_ptr<Session> handle) {
  std::lock_guard lock(sessions_mu_);
  sessions_.emplace(s, std::move(handle));
  per_address_[s->address()]++;
  open_connections_.Add(1);
}

void Server::Closed(Session* s) {
  {
    std::lock_guard lock(sessions_mu_);
    sessions_.erase(s);
    auto it = per_address_.find(s->address());
    if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
    open_connections_.Add(-1);
  }
  sessions_cv_.notify_all();
}

bool Server::Admit(const std::string& address) {
  std::shared_ptr<Session> victim;
  const char* bound = nullptr;
  {
    std::lock_guard lock(sessions_mu_);
    const int limit = config_.max_connections_per_address;
    auto it = per_address_.find(address);
    const bool address_full = limit > 0 && it != per_address_.end() && it->second >= limit;
    const bool server_full = int(sessions_.size()) >= config_.max_connections;
    if (!address_full && !server_full) return true;
    bound = address_full ? "address" : "server";
    // The connection idle longest: of this address, or of all when the
    // server is full. A scan, but only when a bound is reached.
    long long oldest = 0;
    for (auto& [raw, handle] : sessions_) {
      const long long since = raw->idle_since();
      if (since <= 0 || (oldest != 0 && since >= oldest)) continue;
      if (address_full && raw->address() != address) continue;
      if (auto s = handle.lock()) {
        victim = std::move(s);
        oldest = since;
      }
    }
  }
  // Outside the lock: dropping the last reference destroys a session.
  metrics_
      .CounterOf("salon_http_connections_over_bound_total",
                 "Connections that found a bound reached: an idle one closed for them, or refused",
                 std::string("{bound=\"") + bound + "\",outcome=\"" +
                     (victim ? "idle_closed" : "refused") + "\"}")
      .Add();
  if (!victim) return false;
  victim->Evict();
  return true;
}

namespace {

std::vector<std::shared_ptr<Session>> Live(std::mutex& mu,
                                           std::map<Session*, std::weak_ptr<Session>>& all) {
  std::vector<std::shared_ptr<Session>> out;
  std::lock_guard lock(mu);
  for (auto& [raw, handle] : all) {
    if (auto s = handle.lock()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

bool Server::Drain(std::chrono::seconds grace) {
  draining_ = true;
  asio::post(*contexts_[0], [this] {
    beast::error_code ec;
    acceptor_->close(ec);
  });
  // Released outside the lock: dropping the last reference destroys a session.
  for (auto& s : Live(sessions_mu_, sessions_)) s->Shutdown(false);
  std::unique_lock lock(sessions_mu_);
  return sessions_cv_.wait_for(lock, grace, [&] { return sessions_.empty(); });
}

void Server::CloseAll() {
  for (auto& s : Live(sessions_mu_, sessions_)) s->Shutdown(true);
}

void Server::Stop() {
  if (stopped_) return;
  stopped_ = true;
  draining_ = true;
  CloseAll();
  writers_.threads.join();
  readers_.threads.join();
  {
    // Answers waiting for the store's commit hold sessions, which need this
    // server: the store's writer ends them (its commits go on while the
    // server stops; a store stopping first refuses them).
    std::unique_lock lock(awaited_mu_);
    awaited_cv_.wait(lock, [&] { return awaited_ == 0; });
  }
  guards_.clear();
  for (auto& context : contexts_) context->stop();
  for (auto& t : threads_) t.join();
}

}  // namespace salon::http
