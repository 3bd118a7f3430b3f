// Api: the whole HTTP API as a plain function from request to response —
// routing, request ids, metrics and the last line of defence against
// exceptions. No sockets here (server.h does I/O). Thread-safe.
#pragma once

#include <atomic>
#include <string>

#include "http/api_deps.h"
#include "http/router.h"

namespace salon::http {

class Api {
 public:
  explicit Api(ApiDeps deps);

  // Where the request's handler may run (unknown routes: inline).
  Dispatch DispatchOf(const Request& req) const;
  // Answers one request. Never throws; a handler's exception is a 500.
  Response Handle(const Request& req);

  const Router& router() const { return router_; }

 private:
  std::string RequestId(const Request& req);

  ApiDeps deps_;
  Router router_;
  std::string id_prefix_;
  std::atomic<unsigned long long> next_id_{0};
};

}  // namespace salon::http
