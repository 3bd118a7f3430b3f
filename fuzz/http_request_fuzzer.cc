// Feeds: raw bytes, as they would arrive on a connection, to Boost.Beast's
// request parser with the server's limits (headers 16 KiB, body 1 MiB; see
// http::ServerConfig), then every request that parses (up to four pipelined)
// to salon::http::Api::Handle of one in-process salon::Node — no sockets —
// on a throwaway SQLite data directory made once, with a fixed clock,
// sequential ids, no rate limits and a salon set up by
// LLVMFuzzerInitialize (its ids and key, printed at start, are what the seed
// corpus uses, so inputs reach past authentication).
// Oracle: no crash or sanitizer report; never a 5xx; every response has a
// status (100–599), header values without CR, LF or NUL, and says where it
// ends: written out and parsed back it gives the same status, headers and
// body, with no byte left over.
// The node's state carries over from input to input (what one request
// creates, the next may read), so a finding may need the inputs before it.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "server/node.h"

namespace beast_http = boost::beast::http;
using salon::http::Request;
using salon::http::Response;

namespace {

constexpr const char* kAdminKey = "fuzz-admin-key";

struct World {
  std::string dir;
  salon::FakeClock clock{*salon::ParseInstant("2026-11-20T12:00:00Z")};  // as tests/http
  salon::SequentialIdSource ids;
  std::unique_ptr<salon::Node> node;
};
World* g_world = nullptr;
const bool g_verbose = std::getenv("SALON_FUZZ_VERBOSE") != nullptr;  // each request and answer

[[noreturn]] void Fail(const char* what, const Request& req, const Response& res) {
  std::ostringstream out;
  out << "http_request_fuzzer: " << what << "\n--- request\n" << req << "\n--- response\n" << res;
  std::fprintf(stderr, "%s\n", out.str().c_str());
  std::abort();
}

Response Send(beast_http::verb method, const std::string& target, const std::string& key,
              const std::string& body = "") {
  Request req{method, target, 11};
  req.set(beast_http::field::host, "127.0.0.1");
  if (!key.empty()) req.set(beast_http::field::authorization, "Bearer " + key);
  if (!body.empty()) req.set(beast_http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  return g_world->node->api().Handle(req);
}

std::string Field(const Response& res, const char* name) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(res.body(), ec);
  if (ec || !v.is_object() || !v.as_object().contains(name)) {
    std::fprintf(stderr, "http_request_fuzzer: setup failed (%d): %s\n", res.result_int(),
                 res.body().c_str());
    std::abort();
  }
  return std::string(v.as_object().at(name).as_string());
}

// The salon every seed uses: the fixture of tests/http (a branch in Dublin,
// a cut, a colour, a stylist working Mon–Sat 09:00–18:00, a client), plus
// time off and an appointment on Monday 23 November 2026.
void SetUp() {
  using beast_http::verb;
  Response salon = Send(verb::post, "/v1/salons", kAdminKey,
                        R"({"name":"Fuzz Salon","currency":"EUR","country":"IE"})");
  const std::string id = Field(salon, "id"), key = Field(salon, "api_key");
  const std::string base = "/v1/salons/" + id;
  const std::string branch = Field(
      Send(verb::post, base + "/branches", key, R"({"name":"Main","timezone":"Europe/Dublin"})"), "id");
  const std::string cut = Field(Send(verb::post, base + "/services", key,
      R"({"name":"Cut","price":{"amount":2500,"currency":"EUR"},"duration_minutes":30})"), "id");
  const std::string colour = Field(Send(verb::post, base + "/services", key,
      R"({"name":"Colour","price":{"amount":6000,"currency":"EUR"},"phases":[{"minutes":30,"busy":true},{"minutes":45,"busy":false},{"minutes":30,"busy":true}]})"), "id");
  const std::string day = R"([["09:00","18:00"]])";
  const std::string stylist = Field(Send(verb::post, base + "/staff", key,
      R"({"name":"Ann","branch_id":")" + branch + R"(","hours":{"mon":)" + day + R"(,"tue":)" + day +
      R"(,"wed":)" + day + R"(,"thu":)" + day + R"(,"fri":)" + day + R"(,"sat":)" + day +
      R"(},"service_ids":[")" + cut + R"(",")" + colour + R"("]})"), "id");
  const std::string client = Field(Send(verb::post, base + "/clients", key,
      R"({"first_name":"Bo","last_name":"Ryan","phone":"+353871234567","sms_marketing":true})"), "id");
  const std::string off = Field(Send(verb::post, base + "/staff/" + stylist + "/time-off", key,
      R"({"start":"2026-11-24T09:00:00Z","end":"2026-11-24T12:00:00Z","reason":"training"})"), "id");
  const std::string appointment = Field(Send(verb::post, base + "/appointments", key,
      R"({"branch_id":")" + branch + R"(","client_id":")" + client +
      R"(","start":"2026-11-23T10:00:00Z","items":[{"service_id":")" + colour + R"("}]})"), "id");
  std::fprintf(stderr,
               "http_request_fuzzer: admin key %s; salon %s key %s branch %s services %s %s "
               "staff %s client %s time off %s appointment %s\n",
               kAdminKey, id.c_str(), key.c_str(), branch.c_str(), cut.c_str(), colour.c_str(),
               stylist.c_str(), client.c_str(), off.c_str(), appointment.c_str());
}

void RemoveDir() {
  if (g_world != nullptr) {
    g_world->node.reset();
    std::error_code ec;
    std::filesystem::remove_all(g_world->dir, ec);
  }
}

// The response as the server writes it, read back by an HTTP client.
void CheckWire(const Request& req, const Response& res) {
  for (const auto& f : res) {
    for (char c : f.value()) {
      if (c == '\r' || c == '\n' || c == '\0') Fail("a header value with CR, LF or NUL", req, res);
    }
  }
  std::ostringstream os;
  os << res;
  const std::string wire = os.str();
  beast_http::response_parser<beast_http::string_body> parser;
  parser.eager(true);
  parser.body_limit(64 << 20);
  if (req.method() == beast_http::verb::head) parser.skip(true);
  boost::system::error_code ec;
  size_t used = 0;
  while (!parser.is_done() && used < wire.size()) {
    used += parser.put(boost::asio::buffer(wire.data() + used, wire.size() - used), ec);
    if (ec) Fail(("the response does not parse: " + ec.message()).c_str(), req, res);
  }
  if (!parser.is_done()) Fail("the response does not say where it ends", req, res);
  if (used != wire.size()) Fail("bytes after the response", req, res);
  const Response& back = parser.get();
  if (back.result_int() != res.result_int() || back.body() != res.body()) {
    Fail("the response reads back differently", req, res);
  }
  if (std::distance(back.begin(), back.end()) != std::distance(res.begin(), res.end())) {
    Fail("the response's headers read back differently", req, res);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::err);  // a 500 is still logged before the abort
  // OpenSSL (salon keys are hashed with it) would load openssl.cnf on first
  // use, leaving an error state it never frees (LeakSanitizer's report at
  // exit, not a leak of ours). SHA-256 needs no configuration.
  OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
  std::string tmpl = (std::filesystem::temp_directory_path() / "salon-fuzz-http-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  g_world = new World;
  g_world->dir = tmpl;
  salon::NodeConfig config;
  config.data_dir = tmpl;
  config.admin_key = kAdminKey;
  config.callback_token = "fuzz-callback-token";
  config.synchronous = false;  // no fsync per commit: a throwaway store
  config.rate_limit = 0;       // no 429s: every input reaches its handler
  g_world->node = std::make_unique<salon::Node>(config, g_world->clock, g_world->ids);
  std::atexit(RemoveDir);
  SetUp();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  boost::asio::const_buffer rest(data, size);
  for (int pipelined = 0; pipelined < 4 && rest.size() > 0; ++pipelined) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.eager(true);
    parser.header_limit(16 << 10);  // http::ServerConfig's defaults
    parser.body_limit(1 << 20);
    boost::system::error_code ec;
    while (!parser.is_done()) {
      const size_t used = rest.size() > 0 ? parser.put(rest, ec) : 0;
      rest += used;
      if (ec == beast_http::error::need_more) ec = {};
      if (ec) return 0;  // the server answers 400/413/431 itself and closes
      if (used == 0) {   // no more bytes: the connection ends here
        parser.put_eof(ec);
        if (ec || !parser.is_done()) return 0;
      }
    }
    const Request req = parser.release();
    const Response res = g_world->node->api().Handle(req);
    if (res.result_int() < 100 || res.result_int() > 599) Fail("a response without a status", req, res);
    if (res.result_int() >= 500) Fail("a 5xx", req, res);
    CheckWire(req, res);
    if (g_verbose) {
      std::fprintf(stderr, "%s %s -> %d %.200s\n", std::string(req.method_string()).c_str(),
                   std::string(req.target()).c_str(), res.result_int(), res.body().c_str());
    }
    if (!req.keep_alive()) break;  // the server closes after answering
  }
  return 0;
}
