#include "messaging/message.h"

#include "codec/storage_format.h"
#include "core/sms_text.h"

namespace salon {

namespace json = boost::json;

MessageRow BuildMessage(const NewMessage& m, Instant now, const std::string& skip_reason) {
  const SmsSize size = MeasureSms(m.text);
  MessageRow row;
  row.id = m.id;
  row.salon_id = m.salon_id;
  row.kind = m.kind;
  row.client_id = m.client_id;
  row.appointment_id = m.appointment_id;
  row.campaign_id = m.campaign_id;
  row.to = m.to;
  row.status = MessageStatus::kQueued;
  row.due_at = UnixSeconds(m.due);
  row.segments = size.segments;
  row.created_at = UnixSeconds(now);
  json::object doc{{"text", m.text},
                   {"encoding", EncodingName(size.encoding)},
                   {"from", m.from},
                   {"zone", m.zone},
                   {"history", json::array{json::object{
                                   {"status", ToString(MessageStatus::kQueued)},
                                   {"at", FormatUtc(now)}}}}};
  if (m.expires) doc["expires_at"] = UnixSeconds(*m.expires);
  row.data = ToStored(std::move(doc));
  if (!skip_reason.empty()) {
    Status skipped = Transition(row, MessageStatus::kSkipped, now, skip_reason);
    (void)skipped;  // queued → skipped is always allowed
  }
  return row;
}

MessageDoc::MessageDoc(const MessageRow& row) {
  auto v = FromStored(row.data);
  if (v.ok()) doc = std::move(v->as_object());
}

std::string MessageDoc::Text(const char* key) const {
  const json::value* v = doc.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

std::optional<Instant> MessageDoc::ExpiresAt() const {
  const json::value* v = doc.if_contains("expires_at");
  if (!v || !v->is_int64()) return std::nullopt;
  return FromUnixSeconds(v->as_int64());
}

Status Transition(MessageRow& row, MessageStatus status, Instant at,
                  const std::string& reason) {
  if (!CanTransition(row.status, status)) {
    return Status::Conflict("a " + std::string(ToString(row.status)) + " message cannot become " +
                            std::string(ToString(status)));
  }
  MessageDoc m(row);
  json::object entry{{"status", ToString(status)}, {"at", FormatUtc(at)}};
  if (!reason.empty()) entry["reason"] = reason;
  json::value& history = m.doc["history"];
  if (!history.is_array()) history = json::array();
  history.as_array().push_back(std::move(entry));
  if (reason.empty()) {
    m.doc.erase("reason");
  } else {
    m.doc["reason"] = reason;
  }
  row.status = status;
  row.data = ToStored(std::move(m.doc));
  return Status::Ok();
}

json::object MessageJson(const MessageRow& row) {
  MessageDoc m(row);
  json::object o{{"id", row.id},
                 {"kind", ToString(row.kind)},
                 {"client_id", row.client_id},
                 {"to", row.to},
                 {"from", m.Text("from")},
                 {"text", m.Text("text")},
                 {"encoding", m.Text("encoding")},
                 {"segments", row.segments},
                 {"status", ToString(ShownStatus(row.status))},
                 {"attempts", row.attempts},
                 {"due_at", FormatUtc(FromUnixSeconds(row.due_at))}};
  if (!row.appointment_id.empty()) o["appointment_id"] = row.appointment_id;
  if (!row.campaign_id.empty()) o["campaign_id"] = row.campaign_id;
  if (auto reason = m.Text("reason"); !reason.empty()) o["reason"] = reason;
  const json::value* history = m.doc.if_contains("history");
  o["history"] = history && history->is_array() ? *history : json::array();
  return o;
}

}  // namespace salon
