// A blocking HTTP/1.1 client over a real loopback socket, and a fixture that
// runs a whole salond node in-process on a free port with a fake clock and
// deterministic ids.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "server/node.h"

namespace salon::testing {

struct Reply {
  int status = 0;
  std::string body;
  boost::beast::http::fields headers;
  boost::json::value json;  // null unless the body parsed as JSON

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : std::string(it->value());
  }
  std::string Str(const std::string& key) const {
    const auto* o = json.if_object();
    if (o == nullptr || !o->contains(key) || !o->at(key).is_string()) return "";
    return std::string(o->at(key).as_string());
  }
};

// One keep-alive connection.
class Client {
 public:
  explicit Client(unsigned short port);
  // From another loopback address (127.0.0.2 …): another client, to the server.
  Client(unsigned short port, const std::string& from);
  // Sends one request; headers are name/value pairs.
  Reply Send(boost::beast::http::verb method, const std::string& target,
             const std::string& body = "",
             const std::vector<std::pair<std::string, std::string>>& headers = {});
  // Writes raw bytes and reads one response.
  Reply Raw(const std::string& bytes);
  // Reads one response without sending anything (`head`: to HEAD, no body).
  Reply Read(bool head = false);
  // Reads the headers of one response to HEAD (no body follows).
  Reply ReadHeaders();
  // Writes raw bytes without reading.
  void Write(const std::string& bytes);

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

// The fixture: a node on a free port, on SQLite or, when SALON_TEST_STORE is
// "postgres", on a fresh database of ./test's PostgreSQL cluster. Times are those of the fake clock,
// Friday 20 November 2026 12:00 UTC, so Monday the 23rd is bookable.
class ServerTest : public ::testing::Test {
 protected:
  ServerTest();
  ~ServerTest() override;

  static constexpr const char* kAdminKey = "test-admin-key";

  // Request helpers with a salon key (or the admin key for `Admin`).
  Reply Call(boost::beast::http::verb method, const std::string& path, const std::string& key,
             const std::string& body = "",
             std::vector<std::pair<std::string, std::string>> headers = {});
  Reply Get(const std::string& path, const std::string& key) {
    return Call(boost::beast::http::verb::get, path, key);
  }
  Reply Post(const std::string& path, const std::string& key, const std::string& body) {
    return Call(boost::beast::http::verb::post, path, key, body);
  }

  // A salon with a branch (Europe/Dublin), a cut (30 min), a colour
  // (30 busy, 45 processing, 30 busy), one stylist working Mon–Sat
  // 09:00–18:00 who does both, and a client.
  struct SalonFixture {
    std::string id, key, branch, cut, colour, stylist, client;
    std::string base() const { return "/v1/salons/" + id; }
  };
  SalonFixture MakeSalon(const std::string& name = "Test Salon");
  std::string AddStylist(const SalonFixture& s, const std::string& name);
  // Books the cut at `start` with `staff` (empty: any).
  Reply Book(const SalonFixture& s, const std::string& start, const std::string& service,
             const std::string& staff = "",
             std::vector<std::pair<std::string, std::string>> headers = {});

  // Whether the node's /metrics soon holds `line` (polled in-process, so no
  // connection of the test's own changes what it shows).
  bool WaitForMetric(const std::string& line);

  // Stops the node and starts a new one on the same data directory.
  void Restart(std::function<void(NodeConfig&)> adjust = {});

  std::string dir_;
  std::string store_;  // "" (SQLite in dir_) or a PostgreSQL database's URL
  FakeClock clock_;
  SequentialIdSource ids_;
  std::unique_ptr<Node> node_;
  unsigned short port_ = 0;
  std::unique_ptr<Client> client_;
};

}  // namespace salon::testing
