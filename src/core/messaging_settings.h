// What a salon's text messages say and when they may go: a template per
// kind of message, the reminder lead time, quiet hours and the monthly
// budget of marketing segments. Sensible defaults; a salon changes them.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/quiet_hours.h"

namespace salon {

enum class MessageKind { kConfirmation, kReminder, kReschedule, kCancellation, kMarketing };
inline constexpr std::array<MessageKind, 5> kMessageKinds = {
    MessageKind::kConfirmation, MessageKind::kReminder, MessageKind::kReschedule,
    MessageKind::kCancellation, MessageKind::kMarketing};

const char* KindName(MessageKind kind);
std::optional<MessageKind> ParseMessageKind(std::string_view name);
// Appointment messages need reminder consent; marketing needs marketing consent.
bool IsMarketing(MessageKind kind);

// The placeholders a template of `kind` may use.
const std::vector<std::string>& Placeholders(MessageKind kind);
const std::string& DefaultTemplate(MessageKind kind);

struct MessagingSettings {
  std::array<std::string, 5> templates;  // by MessageKind; "" = the default
  int reminder_hours = 24;               // 1–168
  QuietHours quiet;
  long long monthly_segment_budget = 5000;

  const std::string& Template(MessageKind kind) const {
    const std::string& t = templates[size_t(kind)];
    return t.empty() ? DefaultTemplate(kind) : t;
  }
};

// A sender ID: up to 11 letters, digits or spaces (not all digits), or a
// phone number of up to 15 digits with an optional leading '+'.
bool IsSenderId(std::string_view sender);

}  // namespace salon
