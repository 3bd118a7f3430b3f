// Client: a salon's customer, with the consents that govern what it may text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"

namespace salon {

// A change of consent, kept with the client: which, to what, when, and how
// ("api", "sms:STOP" …).
struct ConsentChange {
  std::string consent;  // "sms_reminders" or "sms_marketing"
  bool given = false;
  Instant at;
  std::string source;
};

struct Client {
  ClientId id;
  SalonId salon_id;
  std::string first_name;
  std::string last_name;
  std::string phone;  // E.164
  std::string email;
  bool sms_reminders = true;
  bool sms_marketing = false;
  std::vector<ConsentChange> consent_log;  // oldest first, the last 50
  long long version = 1;
  bool archived = false;
};

// Records changes of consent between `before` (none for a new client) and
// `after` in after's log, keeping its last 50 entries.
void LogConsentChanges(const Client* before, Client& after, Instant at,
                       const std::string& source);

// "+" then 8 to 15 digits, the first not 0.
bool IsE164(std::string_view phone);

}  // namespace salon
