// Client: a salon's customer, with the consents that govern what it may text.
#pragma once

#include <string>
#include <string_view>

#include "base/ids.h"

namespace salon {

struct Client {
  ClientId id;
  SalonId salon_id;
  std::string first_name;
  std::string last_name;
  std::string phone;  // E.164
  std::string email;
  bool sms_reminders = true;
  bool sms_marketing = false;
  long long version = 1;
  bool archived = false;
};

// "+" then 8 to 15 digits, the first not 0.
bool IsE164(std::string_view phone);

}  // namespace salon
