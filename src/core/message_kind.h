// What an outbox row is: a text message of one of five kinds, or the
// dispatcher's job that fans out a campaign's next chunk of messages (never
// a text, never listed). The text forms are what the store keeps and the API
// shows ("confirmation", …, "fanout").
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace salon {

enum class MessageKind {
  kConfirmation,
  kReminder,
  kReschedule,
  kCancellation,
  kMarketing,
  kFanOut,  // not a text: a campaign's fan-out job
};

// The kinds of text, each with its template (MessagingSettings); kFanOut is
// not one.
inline constexpr std::array<MessageKind, 5> kMessageKinds = {
    MessageKind::kConfirmation, MessageKind::kReminder, MessageKind::kReschedule,
    MessageKind::kCancellation, MessageKind::kMarketing};

std::string_view ToString(MessageKind kind);
// ToString as a C string (the names are literals).
const char* KindName(MessageKind kind);
// A kind of text by its name: what the API's kind filter and the templates
// accept ("fanout" is not one).
std::optional<MessageKind> ParseMessageKind(std::string_view name);
// Any kind an outbox row may have, "fanout" included (the store's column).
std::optional<MessageKind> ParseOutboxKind(std::string_view name);
// Whether a row of this kind is a text message (not a fan-out job).
bool IsText(MessageKind kind);
// Appointment messages need reminder consent; marketing needs marketing consent.
bool IsMarketing(MessageKind kind);

}  // namespace salon
