// Opens the SMS provider an operator names:
//   "file"                    one JSON line per message in <data_dir>/sms-outbox.jsonl
//   "file:<path>"             the same, in <path>
//   "kannel://user:pass@host:port[?connections=8&rate=0&from=Salon]"
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "messaging/provider.h"

namespace salon {

// `dlr_url` is where Kannel reports delivery (see KannelConfig::dlr_url).
Result<std::unique_ptr<SmsProvider>> OpenProvider(const std::string& spec,
                                                  const std::string& data_dir,
                                                  const std::string& dlr_url);

}  // namespace salon
