// A text message as the outbox keeps it: the store's MessageRow, whose
// document holds the text, its encoding and segments, the sender, the time
// zone its quiet hours follow, when it stops being useful, and its history
// of states. Building, changing and showing one.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "core/messaging_settings.h"
#include "store/store.h"

namespace salon {

struct NewMessage {
  std::string id;
  std::string salon_id;
  MessageKind kind = MessageKind::kConfirmation;
  std::string client_id, appointment_id, campaign_id;
  std::string to, from, text, zone;
  Instant due;
  std::optional<Instant> expires;  // e.g. a reminder once its appointment starts
};

// A queued message (or, with `skip_reason`, one skipped from the start).
MessageRow BuildMessage(const NewMessage& m, Instant now, const std::string& skip_reason = "");

// The parsed document of a row (FromStored: of any format, without its
// "_v"); empty when the row's is corrupt.
struct MessageDoc {
  boost::json::object doc;
  explicit MessageDoc(const MessageRow& row);
  std::string Text(const char* key) const;
  std::optional<Instant> ExpiresAt() const;
};

// Moves `row` to `status` (its history records when, and why if given).
// kConflict, and `row` unchanged, when CanTransition does not allow it.
Status Transition(MessageRow& row, MessageStatus status, Instant at,
                  const std::string& reason = "");

// The API's view: {"id","kind","client_id","to","text","encoding","segments",
// "status",...,"history"}. A claimed message still shows as queued
// (ShownStatus).
boost::json::object MessageJson(const MessageRow& row);

}  // namespace salon
