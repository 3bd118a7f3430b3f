#include "tests/http/test_client.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/support/postgres.h"

namespace salon::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;

Client::Client(unsigned short port) : stream_(ioc_) {
  stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
}

Client::Client(unsigned short port, const std::string& from) : stream_(ioc_) {
  namespace ip = boost::asio::ip;
  stream_.socket().open(ip::tcp::v4());
  stream_.socket().bind(ip::tcp::endpoint(ip::make_address(from), 0));
  stream_.socket().connect(ip::tcp::endpoint(ip::make_address("127.0.0.1"), port));
}

void Client::Write(const std::string& bytes) {
  boost::asio::write(stream_, boost::asio::buffer(bytes));
}

Reply Client::ReadHeaders() { return Read(true); }

Reply Client::Read(bool head) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  parser.skip(head);
  http::read(stream_, buffer_, parser);
  auto res = parser.release();
  Reply r;
  r.status = res.result_int();
  r.body = res.body();
  for (const auto& f : res) r.headers.set(f.name_string(), f.value());
  boost::system::error_code ec;
  r.json = json::parse(r.body, ec);
  if (ec) r.json = nullptr;
  return r;
}

Reply Client::Send(http::verb method, const std::string& target, const std::string& body,
                   const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.keep_alive(true);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty() && req.find(http::field::content_type) == req.end()) {
    req.set(http::field::content_type, "application/json");
  }
  req.body() = body;
  req.prepare_payload();
  http::write(stream_, req);
  return Read();
}

Reply Client::Raw(const std::string& bytes) {
  boost::asio::write(stream_, boost::asio::buffer(bytes));
  return Read();
}

bool ServerTest::WaitForMetric(const std::string& line) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (node_->metrics().Render().find("\n" + line + "\n") != std::string::npos) return true;
    std::this_thread::yield();
  }
  return false;
}

ServerTest::ServerTest()
    : clock_(*ParseInstant("2026-11-20T12:00:00Z")) {
  char tmpl[] = "/tmp/salon-http-XXXXXX";
  dir_ = mkdtemp(tmpl);
  if (HttpTestsOnPostgres()) store_ = FreshDatabase();
  Restart();
}

void ServerTest::Restart(std::function<void(NodeConfig&)> adjust) {
  client_.reset();
  node_.reset();
  NodeConfig config;
  config.data_dir = dir_;
  config.store = store_;
  config.admin_key = kAdminKey;
  config.server.port = 0;
  config.server.io_threads = 2;
  config.server.body_limit = 64 << 10;
  if (adjust) adjust(config);
  node_ = std::make_unique<Node>(config, clock_, ids_);
  port_ = node_->Start();
  client_ = std::make_unique<Client>(port_);
}

ServerTest::~ServerTest() {
  client_.reset();
  node_.reset();
  std::filesystem::remove_all(dir_);
}

Reply ServerTest::Call(http::verb method, const std::string& path, const std::string& key,
                       const std::string& body,
                       std::vector<std::pair<std::string, std::string>> headers) {
  if (!key.empty()) headers.emplace_back("Authorization", "Bearer " + key);
  return client_->Send(method, path, body, headers);
}

ServerTest::SalonFixture ServerTest::MakeSalon(const std::string& name) {
  SalonFixture s;
  Reply salon = Post("/v1/salons", kAdminKey,
                     json::serialize(json::object{{"name", name}, {"currency", "EUR"}, {"country", "IE"}}));
  EXPECT_EQ(salon.status, 201) << salon.body;
  s.id = salon.Str("id");
  s.key = salon.Str("api_key");
  s.branch = Post(s.base() + "/branches", s.key,
                  R"({"name":"Main","timezone":"Europe/Dublin"})").Str("id");
  s.cut = Post(s.base() + "/services", s.key,
               R"({"name":"Cut","price":{"amount":2500,"currency":"EUR"},"duration_minutes":30})")
              .Str("id");
  s.colour = Post(s.base() + "/services", s.key,
                  R"({"name":"Colour","price":{"amount":6000,"currency":"EUR"},
                      "phases":[{"minutes":30,"busy":true},{"minutes":45,"busy":false},
                                {"minutes":30,"busy":true}]})")
                 .Str("id");
  s.stylist = AddStylist(s, "Ann");
  s.client = Post(s.base() + "/clients", s.key,
                  R"({"first_name":"Bo","last_name":"Ryan","phone":"+353871234567"})")
                 .Str("id");
  EXPECT_FALSE(s.branch.empty() || s.cut.empty() || s.colour.empty() || s.stylist.empty() ||
               s.client.empty());
  return s;
}

std::string ServerTest::AddStylist(const SalonFixture& s, const std::string& name) {
  // json::value(…): braces around one array alone copy it under clang (CWG 2137)
  // rather than nest it.
  json::array day{json::value(json::array{"09:00", "18:00"})};
  json::object hours;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat"}) hours[d] = day;
  json::object body{{"name", name},
                    {"branch_id", s.branch},
                    {"hours", hours},
                    {"service_ids", json::array{json::value(s.cut), json::value(s.colour)}}};
  Reply r = Post(s.base() + "/staff", s.key, json::serialize(body));
  EXPECT_EQ(r.status, 201) << r.body;
  return r.Str("id");
}

Reply ServerTest::Book(const SalonFixture& s, const std::string& start,
                       const std::string& service, const std::string& staff,
                       std::vector<std::pair<std::string, std::string>> headers) {
  json::object item{{"service_id", service}};
  if (!staff.empty()) item["staff_id"] = staff;
  json::object body{{"branch_id", s.branch},
                    {"client_id", s.client},
                    {"start", start},
                    {"items", json::array{item}}};
  return Call(http::verb::post, s.base() + "/appointments", s.key, json::serialize(body),
              std::move(headers));
}

}  // namespace salon::testing
