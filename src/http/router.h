// Router: maps a method and a path such as /v1/salons/{salon}/staff/{staff}
// to a handler, capturing the {named} segments. The route table is also what
// the OpenAPI test checks against the served document. Immutable once built;
// thread-safe to read.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace salon::http {

// Where a handler may run: kInline handlers never wait (they run on the I/O
// thread and touch memory only); kBlocking ones may wait for the store or
// search at length (a worker thread). A kMemoryFirst handler is first run
// on the I/O thread with Call::memory_only set, and answers there when
// memory has all it needs (an unchanged calendar's 304); otherwise it calls
// Defer() and is run again on a worker thread, as kBlocking. A
// kBlockingWrite handler is kBlocking for a GET that writes (a gateway's
// callback): it waits among the writes, not the reads it could hold up.
enum class Dispatch { kInline, kBlocking, kMemoryFirst, kBlockingWrite };

// A response that goes on after it is sent (text/event-stream): the server
// writes what Take answers whenever the source wakes it, until the client
// goes or the server drains. A handler that answers one sets Call::events.
class EventSource {
 public:
  virtual ~EventSource() = default;
  // Sets what is called (on any thread) when there is text to take.
  virtual void OnReady(std::function<void()> wake) = 0;
  virtual std::string Take() = 0;
};

// One request in flight, as handlers see it.
struct Call {
  const Request& request;
  std::map<std::string, std::string, std::less<>> path;   // {named} segments
  std::map<std::string, std::string, std::less<>> query;  // decoded
  std::string request_id;
  std::string peer;  // the client's address, as the server saw it
  // Why the request failed on the server's side (a 5xx): logged once with
  // the request id and route, never sent.
  mutable std::string failure;
  // Set by the server once the client has closed its connection while a
  // kBlocking handler runs: long work may stop.
  std::shared_ptr<const std::atomic<bool>> client_gone;

  // Set while a kMemoryFirst handler runs on the I/O thread: it may not
  // touch the store, and defers when it would have to.
  bool memory_only = false;
  bool deferred = false;
  // Sends the request on to a worker thread; what it answers is dropped.
  Response Defer() {
    deferred = true;
    return Response{};
  }

  // Takes what makes a response, once, on any thread (AnswerLater).
  using Reply = std::function<void(std::function<Response()>)>;
  // Set by the server while a write's handler runs on a worker thread.
  std::function<Reply()> reply_later = nullptr;
  bool answered_later = false;
  // For a handler that answers after it returns: the reply to call with what
  // makes its response (made on the server's I/O thread); what the handler
  // returns is dropped. Null when the server cannot wait (not a write on a
  // worker thread, or as many answers as it has write workers wait already):
  // the handler answers now.
  // Asked once: a second ask throws (a defect; the first reply answers 500).
  Reply AnswerLater() {
    if (answered_later) throw std::logic_error("AnswerLater asked twice");
    Reply reply = reply_later ? reply_later() : nullptr;
    answered_later = reply != nullptr;
    return reply;
  }

  // Set by a handler whose response is a stream (EventSource above).
  std::shared_ptr<EventSource> events = nullptr;

  bool ClientGone() const { return client_gone && client_gone->load(std::memory_order_relaxed); }

  const std::string& Param(std::string_view name) const { return path.find(name)->second; }
  std::optional<std::string> Query(std::string_view name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
  std::string_view Header(beast_http::field f) const {
    auto it = request.find(f);
    return it == request.end() ? std::string_view() : std::string_view(it->value());
  }
  std::string_view Header(std::string_view name) const {
    auto it = request.find(name);
    return it == request.end() ? std::string_view() : std::string_view(it->value());
  }
};

using Handler = std::function<Response(Call&)>;

struct Route {
  beast_http::verb method;
  std::string pattern;
  Dispatch dispatch;
  Handler handler;
  std::vector<std::string> segments;
};

class Router {
 public:
  void Add(beast_http::verb method, std::string pattern, Dispatch dispatch, Handler h);

  struct Match {
    const Route* route = nullptr;  // null: no route for this method
    std::map<std::string, std::string, std::less<>> path;
    std::string allow;             // methods the path has, when route is null
  };
  Match Find(beast_http::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace salon::http
