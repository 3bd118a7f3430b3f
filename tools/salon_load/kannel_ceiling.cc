// Kannel's own intake: the blast's message sent straight to smsbox's sendsms
// by the same client salond uses (KannelProvider: keep-alive connections in
// parallel), with no database and no outbox; with --dlr, Kannel also calls a
// sink that does nothing with a delivery report for each, as it calls salond.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "messaging/open_provider.h"
#include "tools/salon_load/commands.h"

namespace salon::load {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

// Answers 200 to every request, on keep-alive connections, counting them.
class Sink {
 public:
  Sink() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    std::thread([this] {
      for (;;) {
        asio::ip::tcp::socket socket(io_);
        boost::system::error_code ec;
        acceptor_.accept(socket, ec);
        if (ec) return;
        std::thread([this, s = std::move(socket)]() mutable {
          boost::beast::flat_buffer buffer;
          for (;;) {
            http::request<http::empty_body> req;
            boost::system::error_code ec;
            http::read(s, buffer, req, ec);
            if (ec) return;
            ++requests;
            http::response<http::string_body> res{http::status::ok, 11};
            res.body() = "ok";
            res.keep_alive(req.keep_alive());
            res.prepare_payload();
            http::write(s, res, ec);
            if (ec || !req.keep_alive()) return;
          }
        }).detach();
      }
    }).detach();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::atomic<long long> requests{0};

 private:
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
};

}  // namespace

Command AddKannelCeilingCommand(CLI::App& cli) {
  auto* app = cli.add_subcommand("kannel-ceiling", "Kannel's own intake rate (blast's ceiling)");
  struct Options {
    std::string kannel;
    int messages = 20000, batch = 500;
    bool dlr = false;
  };
  auto o = std::make_shared<Options>();
  app->add_option("--kannel", o->kannel, "kannel://user:pass@host:port[?connections=8]")
      ->required();
  app->add_option("--messages", o->messages)->capture_default_str();
  app->add_flag("--dlr", o->dlr, "ask for a delivery report of each, to a sink");
  return {app, [o] {
            // Leaked on purpose: its threads serve until the process ends.
            Sink* sink = o->dlr ? new Sink : nullptr;
            auto provider = OpenProvider(
                o->kannel, ".",
                sink ? "http://127.0.0.1:" + std::to_string(sink->port()) + "/dlr?id={id}&type=%d"
                     : "");
            if (!provider.ok()) {
              std::cerr << provider.status().message() << std::endl;
              return 2;
            }
            const auto t0 = std::chrono::steady_clock::now();
            long long accepted = 0;
            for (int sent = 0; sent < o->messages; sent += o->batch) {
              std::vector<OutgoingSms> batch;
              for (int i = sent; i < std::min(o->messages, sent + o->batch); ++i) {
                char to[32];
                std::snprintf(to, sizeof to, "+3538%09d", i);
                batch.push_back({"m" + std::to_string(i), "sal", "Salon", to,
                                 "Hi Client" + std::to_string(i) +
                                     ", 20% off all colour this week at Blast Salon. Reply STOP "
                                     "to opt out"});
              }
              for (const SendResult& r : (*provider)->Send(batch)) {
                accepted += r.outcome == SendOutcome::kAccepted;
              }
            }
            const double s =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::cout << "kannel intake" << (sink ? " with delivery reports" : "") << ": "
                      << accepted << "/" << o->messages << " accepted in " << s << " s ("
                      << accepted / s << " messages/s)";
            if (sink) std::cout << "; " << sink->requests << " reports by then";
            std::cout << std::endl;
            return accepted == o->messages ? 0 : 1;
          }};
}

}  // namespace salon::load
