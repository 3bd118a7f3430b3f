// A blocking keep-alive HTTP connection to salond for setting up a workload
// and following its progress (not for measuring: see driver.h).
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <string>

#include "base/result.h"
#include "tools/salon_load/driver.h"

namespace salon::load {

class SetupClient {
 public:
  explicit SetupClient(const DriverConfig& server);
  // Answers the JSON body; kUnavailable unless the status is `want`.
  Result<boost::json::value> Call(boost::beast::http::verb verb, const std::string& target,
                                  const std::string& key, const std::string& body, int want,
                                  std::string* etag = nullptr);

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace salon::load
