#include "core/message_status.h"

namespace salon {

std::string_view ToString(MessageStatus s) {
  switch (s) {
    case MessageStatus::kQueued: return "queued";
    case MessageStatus::kSending: return "sending";
    case MessageStatus::kSent: return "sent";
    case MessageStatus::kDelivered: return "delivered";
    case MessageStatus::kFailed: return "failed";
    case MessageStatus::kExpired: return "expired";
    case MessageStatus::kSkipped: return "skipped";
  }
  return "queued";
}

std::optional<MessageStatus> ParseMessageStatus(std::string_view s) {
  for (MessageStatus st : kMessageStatuses) {
    if (ToString(st) == s) return st;
  }
  return std::nullopt;
}

MessageStatus ShownStatus(MessageStatus s) {
  return s == MessageStatus::kSending ? MessageStatus::kQueued : s;
}

std::optional<MessageStatus> ParseShownMessageStatus(std::string_view s) {
  auto st = ParseMessageStatus(s);
  if (!st || *st == MessageStatus::kSending) return std::nullopt;
  return st;
}

bool CanTransition(MessageStatus from, MessageStatus to) {
  using S = MessageStatus;
  switch (from) {
    case S::kQueued:
      return to == S::kSending || to == S::kSent || to == S::kDelivered || to == S::kFailed ||
             to == S::kExpired || to == S::kSkipped;
    case S::kSending:
      return to == S::kQueued || to == S::kSending || to == S::kSent || to == S::kDelivered ||
             to == S::kFailed || to == S::kExpired || to == S::kSkipped;
    case S::kSent:
      return to == S::kDelivered || to == S::kFailed;
    case S::kFailed:
    case S::kExpired:
    case S::kSkipped:
      return to == S::kDelivered;
    case S::kDelivered:
      return false;
  }
  return false;
}

}  // namespace salon
