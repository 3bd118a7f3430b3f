#include "tests/support/scripted_http_server.h"

#include <boost/beast/core.hpp>

namespace salon {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

ScriptedHttpServer::ScriptedHttpServer(Handler handler)
    : handler_(std::move(handler)), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
  thread_ = std::thread([this] { Serve(); });
}

ScriptedHttpServer::~ScriptedHttpServer() {
  stop_ = true;
  beast::error_code ec;
  asio::ip::tcp::socket poke(io_);
  poke.connect(acceptor_.local_endpoint(), ec);
  thread_.join();
  for (auto& t : sessions_) t.join();
}

unsigned short ScriptedHttpServer::port() const { return acceptor_.local_endpoint().port(); }

std::string ScriptedHttpServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
}

std::vector<ScriptedHttpServer::Request> ScriptedHttpServer::received() {
  std::lock_guard lock(mu_);
  return received_;
}

ScriptedHttpServer::Response ScriptedHttpServer::Answer(int status, std::string body) {
  Response res{http::status(status), 11};
  res.body() = std::move(body);
  return res;
}

void ScriptedHttpServer::Serve() {
  while (!stop_) {
    asio::ip::tcp::socket socket(io_);
    beast::error_code ec;
    acceptor_.accept(socket, ec);
    if (ec || stop_) return;
    sessions_.emplace_back([this, s = std::move(socket)]() mutable { Session(std::move(s)); });
  }
}

void ScriptedHttpServer::Session(asio::ip::tcp::socket socket) {
  beast::flat_buffer buffer;
  for (;;) {
    Request req;
    beast::error_code ec;
    http::read(socket, buffer, req, ec);
    if (ec) return;
    {
      std::lock_guard lock(mu_);
      received_.push_back(req);
    }
    std::optional<Response> res = handler_(req);
    if (!res) return;  // closes without an answer
    res->keep_alive(true);
    res->prepare_payload();
    http::write(socket, *res, ec);
    if (ec) return;
  }
}

}  // namespace salon
