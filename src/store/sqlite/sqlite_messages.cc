// SqliteTxn's messages: the outbox table. The single writer serialises claims.
#include "store/sqlite/sqlite_txn.h"

#include <algorithm>

#include "store/engine_support.h"

namespace salon::sqlite {
namespace {

constexpr const char* kMessageColumns =
    "id, salon_id, kind, client_id, appointment_id, campaign_id, to_phone, status, due_s, "
    "attempts, segments, created_s, data";

MessageRow ReadMessage(Statement& s) {
  return {s.Text(0),  s.Text(1),  StoredMessageKind(s.Text(2)),
          s.Text(3),  s.Text(4),  s.Text(5),
          s.Text(6),  StoredMessageStatus(s.Text(7)),
          s.Int(8),   int(s.Int(9)), int(s.Int(10)), s.Int(11), s.Text(12)};
}

void BindMessage(Statement& s, const MessageRow& m) {
  s.Bind(1, m.id).Bind(2, m.salon_id).Bind(3, ToString(m.kind)).Bind(4, m.client_id);
  s.Bind(5, m.appointment_id).Bind(6, m.campaign_id).Bind(7, m.to).Bind(8, ToString(m.status));
  s.Bind(9, m.due_at).Bind(10, (long long)m.attempts).Bind(11, (long long)m.segments);
  s.Bind(12, m.created_at).Bind(13, m.data);
}

}  // namespace

std::optional<MessageRow> SqliteTxn::GetMessage(const SalonId& salon_id,
                                                std::string_view id) {
  Statement s = c_.Prepare(std::string("SELECT ") + kMessageColumns +
                           " FROM messages WHERE id = ? AND salon_id = ?");
  s.Bind(1, id).Bind(2, salon_id);
  if (!s.Step()) return std::nullopt;
  return ReadMessage(s);
}

std::vector<MessageRow> SqliteTxn::ListMessages(const MessageQuery& q) {
  const MessageFilters f = MessageFiltersOf(q, 3, [](int n) { return "?" + std::to_string(n); });
  const int limit = 3 + int(f.values.size());
  Statement s = c_.Prepare(std::string("SELECT ") + kMessageColumns +
                           " FROM messages WHERE salon_id = ?1 AND id > ?2 AND kind <> 'fanout'" +
                           f.sql + " ORDER BY id LIMIT ?" + std::to_string(limit));
  s.Bind(1, q.salon_id).Bind(2, q.after_id).Bind(limit, (long long)q.limit);
  for (std::size_t i = 0; i < f.values.size(); ++i) s.Bind(3 + int(i), f.values[i]);
  std::vector<MessageRow> out;
  while (s.Step()) out.push_back(ReadMessage(s));
  return out;
}

std::vector<std::pair<MessageStatus, long long>> SqliteTxn::CampaignCounts(
    const SalonId& salon_id, const CampaignId& campaign_id) {
  Statement s = c_.Prepare(
      "SELECT status, count(*) FROM messages WHERE campaign_id = ? AND campaign_id <> '' "
      "AND salon_id = ? AND kind <> 'fanout' GROUP BY status");
  s.Bind(1, campaign_id).Bind(2, salon_id);
  std::vector<std::pair<MessageStatus, long long>> out;
  while (s.Step()) out.emplace_back(StoredMessageStatus(s.Text(0)), s.Int(1));
  return out;
}

long long SqliteTxn::MarketingSegmentsSince(const SalonId& salon_id, long long since) {
  Statement s = c_.Prepare(
      "SELECT coalesce(sum(segments), 0) FROM messages WHERE salon_id = ? AND "
      "kind = 'marketing' AND created_s >= ? AND status <> 'skipped'");
  s.Bind(1, salon_id).Bind(2, since);
  s.Step();
  return s.Int(0);
}

OutboxBacklog SqliteTxn::Backlog(long long now) {
  Statement s = c_.Prepare(
      "SELECT count(*), coalesce(min(due_s), 0) FROM messages "
      "WHERE status IN ('queued', 'sending') AND due_s <= ?");
  s.Bind(1, now);
  s.Step();
  return {s.Int(0), s.Int(1)};
}

std::vector<MessageRow> SqliteTxn::MessagesTo(std::string_view phone, int limit) {
  Statement s = c_.Prepare(std::string("SELECT ") + kMessageColumns +
                           " FROM messages WHERE to_phone = ? AND client_id <> '' "
                           "ORDER BY created_s DESC, id DESC LIMIT ?");
  s.Bind(1, phone).Bind(2, (long long)limit);
  std::vector<MessageRow> out;
  while (s.Step()) out.push_back(ReadMessage(s));
  return out;
}

void SqliteTxn::PutMessage(const MessageRow& m) {
  // An update in place touches only the indexes of the columns it sets (a
  // REPLACE would delete the row and insert it again, every index with it).
  Statement s =
      c_.Prepare(std::string("INSERT INTO messages (") + kMessageColumns +
                 ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (salon_id, id) DO UPDATE SET "
                 "status = excluded.status, due_s = excluded.due_s, "
                 "attempts = excluded.attempts, segments = excluded.segments, "
                 "to_phone = excluded.to_phone, data = excluded.data");
  BindMessage(s, m);
  s.Run();
}

void SqliteTxn::AddMessage(const MessageRow& m) {
  Statement s = c_.Prepare(std::string("INSERT OR IGNORE INTO messages (") +
                           kMessageColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  BindMessage(s, m);
  s.Run();
}

std::vector<MessageRow> SqliteTxn::ClaimMessages(long long now, long long in_doubt_at,
                                                 int limit) {
  Statement s = c_.Prepare(
      std::string("UPDATE messages SET status = 'sending', due_s = ?2, attempts = attempts + 1 "
                  "WHERE (salon_id, id) IN (SELECT salon_id, id FROM messages "
                  "WHERE status IN ('queued', 'sending') "
                  "AND due_s <= ?1 ORDER BY due_s, id LIMIT ?3) RETURNING ") +
      kMessageColumns);
  s.Bind(1, now).Bind(2, in_doubt_at).Bind(3, (long long)limit);
  std::vector<MessageRow> out;
  while (s.Step()) out.push_back(ReadMessage(s));
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
  return out;
}

}  // namespace salon::sqlite
