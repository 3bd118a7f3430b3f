// Server: HTTP/1.1 with keep-alive on Boost.Beast. I/O threads (one per core
// by default), each running its own io_context, read and write; a connection
// stays on the thread that accepted it, so no strand or cross-thread wake-up
// is paid per request; handlers that may wait for a durable write run
// on a pool of worker threads so that waiting never stalls I/O and many
// writes can share one commit. Limits: body size (413), header size (431),
// an idle timeout between requests and a deadline for reading each request,
// and bounds on open connections, in all and per client address: when one
// is reached, the connection idle longest (of that address) is closed to
// make room, and only when none is idle does the newcomer get 503. So no
// one address can take every connection. Drain() stops accepting,
// lets in-flight requests finish and closes idle connections.
// Thread-safe.
#pragma once

#include <boost/asio.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "http/api.h"
#include "ops/metrics.h"

namespace salon::http {

struct ServerConfig {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port
  int io_threads = 0;          // 0: one per core
  // Threads for blocking handlers, in two pools: writes (every method but
  // GET and HEAD) and reads. A stalled store writer (a disk slow to fsync)
  // holds the write pool's threads; reads go on in theirs.
  int workers = 64;
  int readers = 32;
  int worker_nice = 10;        // how much lower both pools' priority is (worker_priority.h)
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 << 10;
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds request_timeout{10};  // to read one request once it starts
  int max_connections = 10000;
  // Behind a balancer every connection comes from its address: 0 = no bound.
  int max_connections_per_address = 256;
};

class Session;

// A pool of worker threads for blocking handlers, at the workers' priority,
// with the gauge of its threads at work (salon_http_busy_workers{pool}).
struct WorkerPool {
  WorkerPool(int size, int nice, Metrics& metrics, const char* name);
  // Runs `task` on one of the pool's threads, counted busy meanwhile.
  template <typename Task>
  void Run(Task task) {
    boost::asio::post(threads, [this, task = std::move(task)]() mutable {
      busy.Add(1);
      task();
      busy.Add(-1);
    });
  }
  boost::asio::thread_pool threads;
  Gauge& busy;
};

class Server {
 public:
  Server(ServerConfig config, Api& api, Metrics& metrics);
  ~Server();

  // Binds and starts the threads; answers the bound port. Throws on failure.
  unsigned short Start();
  // Stops accepting, finishes in-flight requests, closes idle connections;
  // waits at most `grace` for connections to close. True if all closed.
  bool Drain(std::chrono::seconds grace);
  // Stops every thread (after Drain, or at once).
  void Stop();

  // Called by sessions.
  Api& api() { return api_; }
  // The pool a blocking handler runs in: writes or reads.
  WorkerPool& PoolFor(const Routed& routed) { return routed.writes() ? writers_ : readers_; }
  const ServerConfig& config() const { return config_; }
  bool draining() const { return draining_.load(); }
  Gauge& idle_connections() { return idle_connections_; }
  void Opened(Session* s, std::weak_ptr<Session> handle);
  void Closed(Session* s);
  // Held while a write's answer may still come (the reply of a handler
  // answering later, Call::AnswerLater): Stop waits until none is held.
  class Awaited {
   public:
    ~Awaited();
    Awaited(const Awaited&) = delete;
    Awaited& operator=(const Awaited&) = delete;

   private:
    friend class Server;
    explicit Awaited(Server& server) : server_(server) {}
    Server& server_;
  };
  // One more answer awaited; none when as many as the write workers are.
  std::unique_ptr<Awaited> Await();

 private:
  void Accept();
  // Whether a connection from `address` may open now, closing the
  // connection idle longest to make room when a bound is reached.
  bool Admit(const std::string& address);

  // Closes every connection now, idle or not.
  void CloseAll();

  // Declared so that the io_context is destroyed before the session table:
  // destroying it destroys the sessions its pending handlers still hold.
  ServerConfig config_;
  Api& api_;
  std::mutex sessions_mu_;
  std::condition_variable sessions_cv_;
  std::map<Session*, std::weak_ptr<Session>> sessions_;
  std::map<std::string, int, std::less<>> per_address_;  // open connections
  Gauge& open_connections_;
  Gauge& idle_connections_;
  Gauge& awaiting_commit_;
  Metrics& metrics_;
  std::atomic<bool> draining_{false};
  bool stopped_ = false;
  std::mutex awaited_mu_;
  std::condition_variable awaited_cv_;
  int awaited_ = 0;
  WorkerPool writers_;
  WorkerPool readers_;
  // One io_context per I/O thread; the acceptor lives on the first.
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guards_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  std::size_t next_context_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace salon::http
