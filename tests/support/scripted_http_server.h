// A blocking HTTP/1.1 server on 127.0.0.1 for tests: a stand-in for the
// outside world (smsbox, a chat webhook, salond) whose answers a handler
// scripts. Each connection is served on its own thread, request after
// request (keep-alive), and everything received is recorded.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace salon {

class ScriptedHttpServer {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;
  // The answer to a request (kept alive, its length set by the server), or
  // nullopt to close the connection without one. Called on the connection's
  // thread, possibly on several at once.
  using Handler = std::function<std::optional<Response>(const Request&)>;

  // Listens on an ephemeral port of 127.0.0.1 and starts serving.
  explicit ScriptedHttpServer(Handler handler);
  // Stops accepting, and waits for every connection to be closed by its client.
  ~ScriptedHttpServer();
  ScriptedHttpServer(const ScriptedHttpServer&) = delete;
  ScriptedHttpServer& operator=(const ScriptedHttpServer&) = delete;

  unsigned short port() const;
  // http://127.0.0.1:<port><path>
  std::string url(std::string_view path = "") const;
  // Every request so far, in the order they arrived.
  std::vector<Request> received();

  // A response with `status` and `body`.
  static Response Answer(int status, std::string body);

 private:
  void Serve();
  void Session(boost::asio::ip::tcp::socket socket);

  Handler handler_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<std::thread> sessions_;
  std::mutex mu_;
  std::vector<Request> received_;
};

// Statuses to answer with, in order, then `otherwise`; safe from any thread.
class StatusScript {
 public:
  StatusScript(std::deque<int> script, int otherwise)
      : script_(std::move(script)), otherwise_(otherwise) {}
  int Next() {
    std::lock_guard lock(mu_);
    if (script_.empty()) return otherwise_;
    const int status = script_.front();
    script_.pop_front();
    return status;
  }

 private:
  std::mutex mu_;
  std::deque<int> script_;
  const int otherwise_;
};

}  // namespace salon
