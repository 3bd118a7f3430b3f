#include "core/messaging_settings.h"

#include <algorithm>
#include <cctype>

namespace salon {

const std::vector<std::string>& Placeholders(MessageKind kind) {
  static const std::vector<std::string> kAppointment = {
      "first_name", "service", "staff", "date", "time", "branch", "salon"};
  static const std::vector<std::string> kCampaign = {"first_name", "salon"};
  static const std::vector<std::string> kNone;
  if (!IsText(kind)) return kNone;
  return IsMarketing(kind) ? kCampaign : kAppointment;
}

const std::string& DefaultTemplate(MessageKind kind) {
  static const std::array<std::string, 5> kDefaults = {
      "Hi {first_name}, your {service} with {staff} at {branch} is booked for {date} at "
      "{time}. {salon}",
      "Reminder: {first_name}, your {service} with {staff} at {branch} is on {date} at "
      "{time}. {salon}",
      "Hi {first_name}, your {service} at {branch} has moved to {date} at {time}. {salon}",
      "Hi {first_name}, your {service} at {branch} on {date} at {time} is cancelled. {salon}",
      "{salon}: news for {first_name}. Reply STOP to opt out.",
  };
  static const std::string kNone;
  if (!IsText(kind)) return kNone;
  return kDefaults[size_t(kind)];
}

bool IsSenderId(std::string_view s) {
  if (s.empty()) return false;
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  std::string_view digits = s.front() == '+' ? s.substr(1) : s;
  if (!digits.empty() && digits.size() <= 15 && std::all_of(digits.begin(), digits.end(), digit)) {
    return true;
  }
  if (s.size() > 11 || s.front() == '+') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == ' ';
  });
}

}  // namespace salon
