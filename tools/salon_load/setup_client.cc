#include "tools/salon_load/setup_client.h"

namespace salon::load {

namespace http = boost::beast::http;
namespace json = boost::json;

SetupClient::SetupClient(const DriverConfig& server) : stream_(ioc_) {
  stream_.connect({boost::asio::ip::make_address(server.host), server.port});
}

Result<json::value> SetupClient::Call(http::verb verb, const std::string& target,
                                      const std::string& key, const std::string& body, int want,
                                      std::string* etag) {
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "salon-load");
  req.set(http::field::authorization, "Bearer " + key);
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  http::write(stream_, req);
  http::response<http::string_body> res;
  http::read(stream_, buffer_, res);
  if (int(res.result_int()) != want) {
    return Status::Unavailable("setting up: " + target + " answered " +
                               std::to_string(res.result_int()) + ": " + res.body());
  }
  if (etag) *etag = std::string(res[http::field::etag]);
  boost::system::error_code ec;
  return json::parse(res.body(), ec);
}

}  // namespace salon::load
