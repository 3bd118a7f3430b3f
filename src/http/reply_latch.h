// ReplyLatch: where a handler that answers after it returns (Call::AnswerLater)
// meets its reply. The reply gives the function that makes the response
// (any thread, once); the worker says when the handler has returned. A
// reply before that (an engine that writes at once) is made by the worker,
// as any other response; a reply after it is sent on to the connection, so
// that it never runs while the handler still does. A latch whose handler returned but
// whose reply never came answers 500 when it goes, so that no connection
// waits forever on a lost reply (its making throws: Api::Complete). Thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "http/message.h"

namespace salon::http {

class ReplyLatch {
 public:
  using Make = std::function<Response()>;
  // `send` posts a response's making to the connection's thread.
  explicit ReplyLatch(std::function<void(Make)> send) : send_(std::move(send)) {}
  ~ReplyLatch() {
    if (returned_ && !sent_) {
      send_([]() -> Response { throw std::logic_error("the write's reply never came"); });
    }
  }
  ReplyLatch(const ReplyLatch&) = delete;
  ReplyLatch& operator=(const ReplyLatch&) = delete;

  // From the reply. A second reply is ignored.
  void Give(Make make) {
    {
      std::lock_guard lock(mu_);
      if (sent_ || make_) return;
      if (!returned_) {
        make_ = std::move(make);
        return;
      }
      sent_ = true;
    }
    // Let go of it once sent: what it holds then goes, as a rule, with the
    // posted making on the connection's thread rather than here.
    std::exchange(send_, nullptr)(std::move(make));
  }

  // From the worker, once the handler returned having asked to answer
  // later: the maker when the reply came first (the worker makes the
  // response itself, as for any other request), else null.
  Make Returned() {
    std::lock_guard lock(mu_);
    returned_ = true;
    if (make_) sent_ = true;
    return std::move(make_);
  }

 private:
  std::function<void(Make)> send_;
  std::mutex mu_;
  bool returned_ = false;
  bool sent_ = false;
  Make make_;
};

}  // namespace salon::http
