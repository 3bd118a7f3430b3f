// A client of a text/event-stream response over a real socket, for tests:
// the response's head, then its blocks one by one. A read waits at most 10 s
// and then fails, so a missing event fails a test instead of hanging it.
#pragma once

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio.hpp>

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace salon::testing {

namespace asio = boost::asio;

// One stream, read event by event (a read waits at most 10 s, then fails).
class EventStream {
 public:
  // GET `path` with `key` (when given), other `headers` and Last-Event-ID.
  EventStream(unsigned short port, const std::string& path, const std::string& key,
              const std::string& last_event_id = "",
              const std::vector<std::pair<std::string, std::string>>& headers = {})
      : socket_(ioc_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    timeval timeout{10, 0};
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n";
    if (!key.empty()) request += "Authorization: Bearer " + key + "\r\n";
    if (!last_event_id.empty()) request += "Last-Event-ID: " + last_event_id + "\r\n";
    for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
    asio::write(socket_, asio::buffer(request + "\r\n"));
    head_ = Next("\r\n\r\n");
  }
  const std::string& head() const { return head_; }
  // The status code of the head (0 when none came).
  int status() const { return head_.size() > 12 ? std::atoi(head_.c_str() + 9) : 0; }
  // The next block up to `end` (an event ends with a blank line); "" when
  // the stream ended or nothing came in time.
  std::string Next(const std::string& end = "\n\n") {
    boost::system::error_code ec;
    const std::size_t n = asio::read_until(socket_, asio::dynamic_buffer(buffer_), end, ec);
    if (ec) return "";
    std::string block = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return block;
  }
  // The next event (comments and retry hints skipped).
  std::string NextEvent() {
    for (;;) {
      std::string block = Next();
      if (block.empty() || block.find("event: ") != std::string::npos) return block;
    }
  }

 private:
  asio::io_context ioc_;
  asio::ip::tcp::socket socket_;
  std::string buffer_;
  std::string head_;
};

}  // namespace salon::testing
