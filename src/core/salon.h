// Salon (a tenant) and Branch (a location with its own time zone and grid).
#pragma once

#include <optional>
#include <string>

#include "base/ids.h"
#include "core/messaging_settings.h"
#include "core/weekly_hours.h"

namespace salon {

struct Salon {
  SalonId id;
  std::string name;
  std::string currency;  // ISO 4217
  std::string country;   // ISO 3166-1 alpha-2
  MessagingSettings messaging;
  long long version = 1;
  // Whether prices contain their tax (EU/UK) or have it added on top (US).
  bool prices_include_tax = true;
};

struct Branch {
  BranchId id;
  SalonId salon_id;
  std::string name;
  std::string timezone;  // IANA name, validated on write
  int slot_minutes = 15;
  // When set, no one is booked outside these hours, whatever their own.
  std::optional<WeeklyHours> opening_hours;
  std::string sms_sender;  // see IsSenderId; "" = the provider's default
  long long version = 1;
  bool archived = false;
  bool online_booking = false;  // its clients may book at /book/{branch}
};

}  // namespace salon
