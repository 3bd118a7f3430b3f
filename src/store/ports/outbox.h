// The outbox port: text messages waiting for, and handed to, an SMS
// provider, and the jobs the dispatcher runs (a campaign's fan-out).
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "base/ids.h"
#include "core/message_kind.h"
#include "core/message_status.h"
#include "store/ports/records.h"

namespace salon {

// A text message in the outbox, or a job the dispatcher runs (kind
// MessageKind::kFanOut: the next chunk of a campaign; never listed). The
// columns are what the dispatcher and lists select by; `data` is the stored
// document. Engines keep kind and status as their text forms (ToString).
struct MessageRow {
  std::string id;
  std::string salon_id;
  MessageKind kind = MessageKind::kConfirmation;
  std::string client_id;
  std::string appointment_id;
  std::string campaign_id;
  std::string to;      // E.164
  MessageStatus status = MessageStatus::kQueued;  // moves only as CanTransition allows
  long long due_at = 0;  // not before; while "sending", when the attempt is in doubt
  int attempts = 0;
  int segments = 0;
  long long created_at = 0;
  std::string data;
};

// The outbox's backlog: messages due and not yet handed to a provider
// (queued, or "sending" past the time their attempt fell in doubt).
struct OutboxBacklog {
  long long messages = 0;
  long long oldest_due = 0;  // Unix seconds; 0 when there are none
};

struct MessageQuery {
  SalonId salon_id;  // required
  // status and kind are text forms (ToString of MessageStatus, MessageKind);
  // "" = any, and status "queued" also finds "sending".
  std::string status, kind;
  ClientId client_id;  // empty ids: any
  AppointmentId appointment_id;
  CampaignId campaign_id;
  std::string after_id;
  int limit = 50;
};

class OutboxReader {
 public:
  virtual ~OutboxReader() = default;
  // The message `id` of `salon`; in a write transaction it stays locked
  // until the end of it (a read-modify-write).
  virtual std::optional<MessageRow> GetMessage(const SalonId& salon, std::string_view id) = 0;
  // The messages at `keys` that exist, as GetMessage each, in write order
  // (salon, then id, as bytes): the order a write locks them in, so that two
  // writes of many salons' messages cannot deadlock. One round trip where the
  // engine has one to save (PostgreSQL).
  virtual std::vector<MessageRow> GetMessages(std::vector<RecordKey> keys) {
    std::sort(keys.begin(), keys.end(), [](const RecordKey& a, const RecordKey& b) {
      return std::tie(a.salon.value, a.id) < std::tie(b.salon.value, b.id);
    });
    keys.erase(std::unique(keys.begin(), keys.end(),
                           [](const RecordKey& a, const RecordKey& b) {
                             return a.salon == b.salon && a.id == b.id;
                           }),
               keys.end());
    std::vector<MessageRow> found;
    for (const RecordKey& key : keys) {
      if (auto m = GetMessage(key.salon, key.id)) found.push_back(std::move(*m));
    }
    return found;
  }
  // Ordered by id; fan-out jobs are never listed.
  virtual std::vector<MessageRow> ListMessages(const MessageQuery& q) = 0;
  // How many messages of a campaign are in each status.
  virtual std::vector<std::pair<MessageStatus, long long>> CampaignCounts(
      const SalonId& salon, const CampaignId& campaign) = 0;
  // Segments of `salon`'s marketing messages created since `since` and not skipped.
  virtual long long MarketingSegmentsSince(const SalonId& salon, long long since) = 0;
  // The backlog of every salon's messages due by `now` (Unix seconds).
  virtual OutboxBacklog Backlog(long long now) = 0;
  // The last `limit` messages to `phone` for a client, newest first.
  virtual std::vector<MessageRow> MessagesTo(std::string_view phone, int limit) = 0;
};

class OutboxWriter {
 public:
  virtual ~OutboxWriter() = default;
  // Inserts a message, or changes its state (status, due time, attempts,
  // segments, phone, document) when its salon has a message with its id.
  virtual void PutMessage(const MessageRow& m) = 0;
  // Inserts a message unless its salon has one with its id (kept as it is).
  virtual void AddMessage(const MessageRow& m) = 0;
  // Claims up to `limit` messages (of any salon) that are due at `now`: those
  // queued, and those whose earlier claim is in doubt since. Each becomes
  // "sending", due (in doubt) at `in_doubt_at`, one attempt more; answered
  // in id order. Two concurrent claims never take the same message.
  virtual std::vector<MessageRow> ClaimMessages(long long now, long long in_doubt_at,
                                                int limit) = 0;
};

}  // namespace salon
