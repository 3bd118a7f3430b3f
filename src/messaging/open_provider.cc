#include "messaging/open_provider.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <charconv>

#include "messaging/file_provider.h"
#include "messaging/kannel_provider.h"

namespace salon {

Result<std::unique_ptr<SmsProvider>> OpenProvider(const std::string& spec,
                                                  const std::string& data_dir,
                                                  const std::string& dlr_url) {
  if (spec == "file") return std::unique_ptr<SmsProvider>(std::make_unique<FileProvider>(data_dir + "/sms-outbox.jsonl"));
  if (spec.rfind("file:", 0) == 0) return std::unique_ptr<SmsProvider>(std::make_unique<FileProvider>(spec.substr(5)));
  auto url = boost::urls::parse_uri(spec);
  if (!url || url->scheme() != "kannel" || url->host().empty()) {
    return Status::Invalid("unknown SMS provider '" + spec +
                           "': use file, file:<path> or kannel://user:pass@host:port");
  }
  KannelConfig config;
  config.host = std::string(url->host());
  if (url->has_port()) config.port = url->port_number();
  config.username = std::string(url->user());
  config.password = std::string(url->password());
  config.dlr_url = dlr_url;
  for (auto param : url->params()) {
    const std::string value(param.value);
    auto number = [&](auto& out) {
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
      return ec == std::errc() && end == value.data() + value.size();
    };
    bool ok = true;
    if (param.key == "connections") ok = number(config.connections) && config.connections > 0;
    else if (param.key == "rate") ok = number(config.rate_per_second) && config.rate_per_second >= 0;
    else if (param.key == "from") config.default_from = value;
    else ok = false;
    if (!ok) return Status::Invalid("bad SMS provider option '" + std::string(param.key) + "'");
  }
  return std::unique_ptr<SmsProvider>(std::make_unique<KannelProvider>(std::move(config)));
}

}  // namespace salon
