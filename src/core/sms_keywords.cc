#include "core/sms_keywords.h"

#include <array>
#include <cctype>
#include <string>

namespace salon {

ConsentKeyword ParseConsentKeyword(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  std::string word;
  for (char c : text) word += char(std::toupper(static_cast<unsigned char>(c)));
  static constexpr std::array<std::string_view, 6> kStop = {"STOP", "STOPALL", "UNSUBSCRIBE",
                                                            "CANCEL", "END", "QUIT"};
  static constexpr std::array<std::string_view, 2> kStart = {"START", "UNSTOP"};
  for (std::string_view k : kStop) if (word == k) return ConsentKeyword::kStop;
  for (std::string_view k : kStart) if (word == k) return ConsentKeyword::kStart;
  return ConsentKeyword::kNone;
}

std::optional<bool> MarketingAfterReply(const Client& client, ConsentKeyword keyword) {
  if (keyword == ConsentKeyword::kStop) {
    return client.sms_marketing ? std::optional<bool>(false) : std::nullopt;
  }
  if (keyword != ConsentKeyword::kStart || client.sms_marketing) return std::nullopt;
  for (auto it = client.consent_log.rbegin(); it != client.consent_log.rend(); ++it) {
    if (it->consent != "sms_marketing") continue;
    const bool stopped_by_reply = !it->given && it->source.rfind("sms:", 0) == 0;
    return stopped_by_reply ? std::optional<bool>(true) : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace salon
