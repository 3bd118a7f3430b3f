// A text message's status in the outbox and the moves it may make. The text
// forms are what the store keeps and the API shows.
//
//   queued ──claim──▶ sending ──▶ sent ──▶ delivered
//     ▲                  │          └────▶ failed
//     └── retry, defer ──┤
//                        ├──▶ failed, expired, skipped   (decided at sending)
//   queued ──▶ skipped (its appointment or campaign changed)
//
// A delivery report may overtake the dispatcher's own record (a message in
// doubt), so a queued or sending message may also become sent, delivered or
// failed directly. Delivered is final. Failed, expired and skipped are final
// but for one move: a delivery report that an earlier attempt reached the
// phone after all makes any of them delivered. Nothing ever moves back to
// sent or queued from a later status.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace salon {

enum class MessageStatus {
  kQueued,
  kSending,  // claimed by a dispatcher; in doubt once its due time passes
  kSent,
  kDelivered,
  kFailed,
  kExpired,
  kSkipped,
};

inline constexpr std::array<MessageStatus, 7> kMessageStatuses = {
    MessageStatus::kQueued,    MessageStatus::kSending, MessageStatus::kSent,
    MessageStatus::kDelivered, MessageStatus::kFailed,  MessageStatus::kExpired,
    MessageStatus::kSkipped};

std::string_view ToString(MessageStatus s);
// Any status a message may have, "sending" included (the store's column).
std::optional<MessageStatus> ParseMessageStatus(std::string_view s);

// What the API shows: a claimed ("sending") message is still queued to its
// reader.
MessageStatus ShownStatus(MessageStatus s);
// A status as the API names them, for filters: any but "sending".
std::optional<MessageStatus> ParseShownMessageStatus(std::string_view s);

// Whether a message may move from `from` to `to` (the diagram above).
// Claims are queued → sending and, for a claim in doubt, sending → sending.
bool CanTransition(MessageStatus from, MessageStatus to);

}  // namespace salon
