// What a salon's text messages say and when they may go: a template per
// kind of message, the reminder lead time, quiet hours and the monthly
// budget of marketing segments. Sensible defaults; a salon changes them.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/message_kind.h"
#include "core/quiet_hours.h"

namespace salon {

// The placeholders a template of `kind` may use (none for kFanOut).
const std::vector<std::string>& Placeholders(MessageKind kind);
// "" for kFanOut, which is not a text.
const std::string& DefaultTemplate(MessageKind kind);

struct MessagingSettings {
  std::array<std::string, kMessageKinds.size()> templates;  // by MessageKind; "" = the default
  int reminder_hours = 24;                                  // 1–168
  QuietHours quiet;
  long long monthly_segment_budget = 5000;

  const std::string& Template(MessageKind kind) const {
    if (size_t(kind) >= templates.size()) return DefaultTemplate(kind);  // not a text
    const std::string& t = templates[size_t(kind)];
    return t.empty() ? DefaultTemplate(kind) : t;
  }
};

// A sender ID: up to 11 letters, digits or spaces (not all digits), or a
// phone number of up to 15 digits with an optional leading '+'.
bool IsSenderId(std::string_view sender);

}  // namespace salon
