// Api: the whole HTTP API as a plain function from request to response —
// routing, request ids, metrics and the last line of defence against
// exceptions. No sockets here (server.h does I/O). Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "base/request_stages.h"
#include "http/api_deps.h"
#include "http/rate_limits.h"
#include "http/router.h"

namespace salon::http {

// A request matched to its route, or already answered when it has none.
struct Routed {
  Call call;
  const Route* route = nullptr;
  std::optional<Response> answer;
  std::chrono::steady_clock::time_point started;
  RequestStages stages;  // where its time went, for the slow-request log

  // Where its handler may run.
  Dispatch dispatch() const { return route != nullptr ? route->dispatch : Dispatch::kInline; }
  // Whether its handler writes: every method but GET and HEAD, and a GET
  // whose route says so (kBlockingWrite).
  bool writes() const;
};

class Api {
 public:
  explicit Api(ApiDeps deps);

  // Matches `req` (which must outlive the result), from client address
  // `peer`, to its route; answers 429 at once when a rate limit says so.
  Routed Route(const Request& req, std::string_view peer = {});
  // Answers a routed request. Never throws; a handler's exception is a 500.
  // None when its handler answers later (Call::AnswerLater): then Complete.
  std::optional<Response> Run(Routed& routed);
  // Answers a request whose handler answered later, with what `make` makes.
  Response Complete(Routed& routed, const std::function<Response()>& make);
  // Answers it on the I/O thread when its route allows (kInline, or
  // kMemoryFirst when memory suffices); none when it must go to a worker
  // thread, to Run there.
  std::optional<Response> RunInline(Routed& routed);
  Response Handle(const Request& req) {
    Routed routed = Route(req);
    return *Run(routed);
  }

  const Router& router() const { return router_; }

 private:
  // The handler's response (a 500 for an exception), before bookkeeping.
  Response Answer(Routed& routed);
  // Logs, meters and finishes the response of a routed request.
  Response Finish(Routed& routed, Response res);
  std::string RequestId(const Request& req);
  // Logs a 5xx once: every 500, 503s at most once a second.
  void LogServerError(const Routed& routed, const std::string& method, const std::string& route,
                      int status);

  ApiDeps deps_;
  RateLimits rate_limits_;
  Router router_;
  std::string id_prefix_;
  std::atomic<unsigned long long> next_id_{0};
  std::atomic<long long> unavailable_unlogged_{0};
  std::atomic<long long> last_unavailable_log_s_{0};
};

}  // namespace salon::http
