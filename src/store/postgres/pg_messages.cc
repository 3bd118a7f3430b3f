// PgTxn's messages: the outbox table. Claims skip rows another transaction
// holds (FOR UPDATE SKIP LOCKED), so concurrent dispatchers never take the
// same message; a writing transaction's GetMessage locks the row.
#include "store/postgres/pg_txn.h"

#include <algorithm>

#include "store/engine_support.h"

namespace salon::pg {
namespace {

constexpr const char* kMessageColumns =
    "id, salon_id, kind, client_id, appointment_id, campaign_id, to_phone, status, due_s, "
    "attempts, segments, created_s, data";

MessageRow ReadMessage(const Rows& r, int i) {
  return {r.Text(i, 0),      r.Text(i, 1),  StoredMessageKind(r.Text(i, 2)),
          r.Text(i, 3),      r.Text(i, 4),  r.Text(i, 5),
          r.Text(i, 6),      StoredMessageStatus(r.Text(i, 7)),
          r.Int(i, 8),       int(r.Int(i, 9)), int(r.Int(i, 10)), r.Int(i, 11), r.Text(i, 12)};
}

std::vector<MessageRow> ReadMessages(const Rows& rows) {
  std::vector<MessageRow> out;
  out.reserve(rows.size());
  for (int i = 0; i < rows.size(); ++i) out.push_back(ReadMessage(rows, i));
  return out;
}

std::vector<Param> MessageParams(const MessageRow& m) {
  return {m.id,     m.salon_id, ToString(m.kind), m.client_id,  m.appointment_id,
          m.campaign_id, m.to,  ToString(m.status), m.due_at,   (long long)m.attempts,
          (long long)m.segments, m.created_at, m.data};
}

const std::string kInsert = std::string("INSERT INTO messages (") + kMessageColumns +
                            ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)";

}  // namespace

std::optional<MessageRow> PgTxn::GetMessage(const SalonId& salon_id, std::string_view id) {
  Rows rows = c_.Run(std::string("SELECT ") + kMessageColumns +
                         " FROM messages WHERE id = $1 AND salon_id = $2" +
                         (writing_ ? " FOR UPDATE" : ""),
                     {id, salon_id});
  if (rows.size() == 0) return std::nullopt;
  return ReadMessage(rows, 0);
}

std::vector<MessageRow> PgTxn::GetMessages(std::vector<RecordKey> keys) {
  if (keys.empty()) return {};
  std::vector<std::string> salons, ids;
  for (const RecordKey& key : keys) {
    salons.push_back(key.salon.value);
    ids.push_back(key.id);
  }
  // Ordered as bytes (COLLATE "C"), as std::string is: a write locks the rows
  // in that order (LockRows above the sort).
  return ReadMessages(c_.Run(
      std::string("SELECT ") + kMessageColumns +
          " FROM messages WHERE (salon_id, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))"
          " ORDER BY salon_id COLLATE \"C\", id COLLATE \"C\"" +
          (writing_ ? " FOR UPDATE" : ""),
      {TextArray(salons), TextArray(ids)}));
}

std::vector<MessageRow> PgTxn::ListMessages(const MessageQuery& q) {
  const MessageFilters f = MessageFiltersOf(q, 3, [](int n) { return "$" + std::to_string(n); });
  std::vector<Param> params{q.salon_id, q.after_id};
  for (const std::string& v : f.values) params.emplace_back(v);
  params.emplace_back((long long)q.limit);
  return ReadMessages(c_.Run(std::string("SELECT ") + kMessageColumns +
                                 " FROM messages WHERE salon_id = $1 AND id > $2 AND kind <> "
                                 "'fanout'" +
                                 f.sql + " ORDER BY id LIMIT $" + std::to_string(params.size()) +
                                 "::int",
                             params));
}

std::vector<std::pair<MessageStatus, long long>> PgTxn::CampaignCounts(
    const SalonId& salon_id, const CampaignId& campaign_id) {
  Rows rows = c_.Run(
      "SELECT status, count(*) FROM messages WHERE campaign_id = $1 AND campaign_id <> '' "
      "AND salon_id = $2 AND kind <> 'fanout' GROUP BY status",
      {campaign_id, salon_id});
  std::vector<std::pair<MessageStatus, long long>> out;
  for (int i = 0; i < rows.size(); ++i) {
    out.emplace_back(StoredMessageStatus(rows.Text(i, 0)), rows.Int(i, 1));
  }
  return out;
}

long long PgTxn::MarketingSegmentsSince(const SalonId& salon_id, long long since) {
  Rows rows = c_.Run(
      "SELECT coalesce(sum(segments), 0) FROM messages WHERE salon_id = $1 AND "
      "kind = 'marketing' AND created_s >= $2 AND status <> 'skipped'",
      {salon_id, since});
  return rows.Int(0, 0);
}

OutboxBacklog PgTxn::Backlog(long long now) {
  Rows rows = c_.Run(
      "SELECT count(*), coalesce(min(due_s), 0) FROM messages "
      "WHERE status IN ('queued', 'sending') AND due_s <= $1",
      {now});
  return {rows.Int(0, 0), rows.Int(0, 1)};
}

std::vector<MessageRow> PgTxn::MessagesTo(std::string_view phone, int limit) {
  return ReadMessages(c_.Run(std::string("SELECT ") + kMessageColumns +
                                 " FROM messages WHERE to_phone = $1 AND client_id <> '' "
                                 "ORDER BY created_s DESC, id DESC LIMIT $2",
                             {phone, (long long)limit}));
}

void PgTxn::PutMessage(const MessageRow& m) {
  c_.Queue(kInsert +
               " ON CONFLICT (salon_id, id) DO UPDATE SET status = excluded.status, "
               "due_s = excluded.due_s, attempts = excluded.attempts, "
               "segments = excluded.segments, to_phone = excluded.to_phone, "
               "data = excluded.data",
           MessageParams(m));
}

void PgTxn::AddMessage(const MessageRow& m) {
  c_.Queue(kInsert + " ON CONFLICT (salon_id, id) DO NOTHING", MessageParams(m));
}

std::vector<MessageRow> PgTxn::ClaimMessages(long long now, long long in_doubt_at, int limit) {
  std::vector<MessageRow> out = ReadMessages(c_.Run(
      std::string("UPDATE messages SET status = 'sending', due_s = $2, attempts = attempts + 1 "
                  "WHERE (salon_id, id) IN (SELECT salon_id, id FROM messages "
                  "WHERE status IN ('queued', 'sending') "
                  "AND due_s <= $1 ORDER BY due_s, id LIMIT $3::int FOR UPDATE SKIP LOCKED) "
                  "RETURNING ") +
          kMessageColumns,
      {now, in_doubt_at, (long long)limit}));
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
  return out;
}

}  // namespace salon::pg
