#include "core/client.h"

namespace salon {

bool IsE164(std::string_view p) {
  if (p.size() < 9 || p.size() > 16 || p[0] != '+' || p[1] == '0') return false;
  for (size_t i = 1; i < p.size(); ++i) {
    if (p[i] < '0' || p[i] > '9') return false;
  }
  return true;
}

}  // namespace salon

namespace salon {

void LogConsentChanges(const Client* before, Client& after, Instant at,
                       const std::string& source) {
  after.consent_log = before ? before->consent_log : std::vector<ConsentChange>{};
  auto note = [&](const char* consent, bool was, bool is) {
    if (before == nullptr || was != is) after.consent_log.push_back({consent, is, at, source});
  };
  note("sms_reminders", before && before->sms_reminders, after.sms_reminders);
  note("sms_marketing", before && before->sms_marketing, after.sms_marketing);
  constexpr size_t kKeep = 50;
  if (after.consent_log.size() > kKeep) {
    after.consent_log.erase(after.consent_log.begin(),
                            after.consent_log.end() - kKeep);
  }
}

}  // namespace salon
