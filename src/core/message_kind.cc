#include "core/message_kind.h"

namespace salon {

std::string_view ToString(MessageKind kind) { return KindName(kind); }

const char* KindName(MessageKind kind) {
  switch (kind) {
    case MessageKind::kConfirmation: return "confirmation";
    case MessageKind::kReminder: return "reminder";
    case MessageKind::kReschedule: return "reschedule";
    case MessageKind::kCancellation: return "cancellation";
    case MessageKind::kMarketing: return "marketing";
    case MessageKind::kFanOut: return "fanout";
  }
  return "confirmation";
}

std::optional<MessageKind> ParseMessageKind(std::string_view name) {
  for (MessageKind k : kMessageKinds) {
    if (name == KindName(k)) return k;
  }
  return std::nullopt;
}

std::optional<MessageKind> ParseOutboxKind(std::string_view name) {
  if (name == KindName(MessageKind::kFanOut)) return MessageKind::kFanOut;
  return ParseMessageKind(name);
}

bool IsText(MessageKind kind) { return kind != MessageKind::kFanOut; }

bool IsMarketing(MessageKind kind) { return kind == MessageKind::kMarketing; }

}  // namespace salon
