#include "store/postgres/pg_txn.h"

#include <algorithm>
#include <memory>

#include "store/engine_support.h"
#include "store/postgres/announcement.h"

namespace salon::pg {
namespace {

constexpr const char* kColumns =
    "id, salon_id, parent_id, start_s, end_s, search, version, archived, data, client_id, "
    "status";

Record ReadRecord(const Rows& rows, int i) {
  Record r;
  r.id = rows.Text(i, 0);
  r.salon_id = rows.Text(i, 1);
  r.parent_id = rows.Text(i, 2);
  r.start = rows.Int(i, 3);
  r.end = rows.Int(i, 4);
  r.search = rows.Text(i, 5);
  r.version = rows.Int(i, 6);
  r.archived = rows.Text(i, 7) == "t";
  r.data = rows.Text(i, 8);
  r.client_id = rows.Text(i, 9);
  r.status = rows.Text(i, 10);
  return r;
}

BusyRow BusyRowAt(const Rows& rows, int i) {
  return {AppointmentId{rows.Text(i, 0)}, StaffId{rows.Text(i, 1)}, rows.Int(i, 2),
          rows.Int(i, 3)};
}

std::vector<std::string> Values(const std::vector<StaffId>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const StaffId& id : ids) out.push_back(id.value);
  return out;
}

}  // namespace

void PgTxn::Lock(std::string_view salon_id) {
  if (!writing_ || locked_.contains(salon_id)) return;
  c_.Queue("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {salon_id});
  locked_.emplace(salon_id);
}

std::optional<Record> PgTxn::Get(Kind kind, const SalonId& salon_id, std::string_view id) {
  Lock(salon_id.value);
  Rows rows = c_.Run(std::string("SELECT ") + kColumns + " FROM " + TableName(kind) +
                         " WHERE id = $1 AND salon_id = $2",
                     {id, salon_id});
  if (rows.size() == 0) return std::nullopt;
  return ReadRecord(rows, 0);
}

std::vector<Record> PgTxn::GetMany(Kind kind, const std::vector<RecordKey>& keys) {
  if (keys.empty()) return {};
  std::vector<std::string> salons, ids;
  for (const RecordKey& key : keys) {
    salons.push_back(key.salon.value);
    ids.push_back(key.id);
  }
  // A write locks each salon it reads, as Get does: in salon order, the
  // order every write of many salons takes them in.
  std::vector<std::string> in_order = salons;
  std::sort(in_order.begin(), in_order.end());
  for (const std::string& salon : in_order) Lock(salon);
  Rows rows = c_.Run(std::string("SELECT ") + kColumns + " FROM " + TableName(kind) +
                         " WHERE (salon_id, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))",
                     {TextArray(salons), TextArray(ids)});
  std::vector<Record> found;
  found.reserve(size_t(rows.size()));
  for (int i = 0; i < rows.size(); ++i) found.push_back(ReadRecord(rows, i));
  return found;
}

std::vector<Record> PgTxn::List(const ListQuery& q) {
  // Every list is scoped to one tenant, except the platform's list of salons.
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + TableName(q.kind) +
                    " WHERE id > $1";
  std::vector<Param> params{q.after_id};
  auto arg = [&](Param p) {
    params.push_back(std::move(p));
    return "$" + std::to_string(params.size());
  };
  if (q.kind != Kind::kSalon) {
    Lock(q.salon_id.value);
    sql += " AND salon_id = " + arg(q.salon_id);
  }
  if (!q.parent_ids.empty()) sql += " AND parent_id = ANY(" + arg(TextArray(q.parent_ids)) + "::text[])";
  if (!q.include_archived) sql += " AND NOT archived";
  if (!q.search.empty()) sql += " AND strpos(search, " + arg(q.search) + ") > 0";
  if (!q.client_id.empty()) sql += " AND client_id = " + arg(q.client_id);
  if (!q.status.empty()) sql += " AND status = " + arg(q.status);
  if (q.overlap) {
    sql += " AND start_s < " + arg(q.overlap->second) + "::bigint";
    sql += " AND end_s > " + arg(q.overlap->first) + "::bigint";
  }
  sql += " ORDER BY id LIMIT " + arg(q.limit) + "::int";
  Rows rows = c_.Run(sql, params);
  std::vector<Record> out;
  out.reserve(rows.size());
  for (int i = 0; i < rows.size(); ++i) out.push_back(ReadRecord(rows, i));
  return out;
}

std::vector<BusyRow> PgTxn::Busy(const SalonId& salon_id,
                                 const std::vector<StaffId>& staff_ids, long long from,
                                 long long to) {
  Lock(salon_id.value);
  Rows rows = c_.Run(
      "SELECT appointment_id, staff_id, start_s, end_s FROM busy "
      "WHERE staff_id = ANY($1::text[]) AND start_s > $2::bigint - 86400 AND start_s < $3 "
      "AND end_s > $2 AND salon_id = $4 ORDER BY start_s",
      {TextArray(Values(staff_ids)), from, to, salon_id});
  std::vector<BusyRow> out;
  for (int i = 0; i < rows.size(); ++i) {
    out.push_back(BusyRowAt(rows, i));
  }
  return out;
}

std::optional<SalonId> PgTxn::SalonIdByKeyHash(std::string_view hash) {
  Rows rows = c_.Run("SELECT salon_id FROM salon_keys WHERE hash = $1", {hash});
  if (rows.size() == 0) return std::nullopt;
  return SalonId{rows.Text(0, 0)};
}

std::optional<StoredResponse> PgTxn::GetResponse(std::string_view scope, std::string_view key) {
  Lock(scope);
  Rows rows = c_.Run(
      "SELECT request_hash, status, body, created_s FROM responses "
      "WHERE scope = $1 AND key = $2",
      {scope, key});
  if (rows.size() == 0) return std::nullopt;
  return StoredResponse{rows.Text(0, 0), int(rows.Int(0, 1)), rows.Text(0, 2), rows.Int(0, 3)};
}

long long PgTxn::CalendarVersion(const BranchId& branch_id, std::string_view day) {
  Rows rows = c_.Run("SELECT version FROM calendar_versions WHERE branch_id = $1 AND day = $2",
                     {branch_id, day});
  return rows.size() ? rows.Int(0, 0) : 0;
}

void PgTxn::Put(Kind kind, const Record& r) {
  Lock(r.salon_id);
  c_.Queue(std::string("INSERT INTO ") + TableName(kind) + " (" + kColumns +
             ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO UPDATE SET "
             "salon_id = excluded.salon_id, parent_id = excluded.parent_id, "
             "start_s = excluded.start_s, end_s = excluded.end_s, search = excluded.search, "
             "version = excluded.version, archived = excluded.archived, data = excluded.data, "
             "client_id = excluded.client_id, status = excluded.status",
         {r.id, r.salon_id, r.parent_id, r.start, r.end, r.search, r.version,
          r.archived ? "t" : "f", r.data, r.client_id, r.status});
  changes_.push_back(RecordChange(kind, r.id));
}

void PgTxn::SetBusy(const AppointmentId& appointment_id, const SalonId& salon_id,
                    const std::vector<BusyRow>& rows) {
  Lock(salon_id.value);
  c_.Queue("DELETE FROM busy WHERE appointment_id = $1", {appointment_id});
  AddBusy(appointment_id, salon_id, rows);
}

void PgTxn::AddBusy(const AppointmentId& appointment_id, const SalonId& salon_id,
                    const std::vector<BusyRow>& rows) {
  Lock(salon_id.value);
  if (rows.empty()) return;
  std::vector<std::string> staff, starts, ends;
  for (const BusyRow& row : rows) {
    staff.push_back(row.staff_id.value);
    starts.push_back(std::to_string(row.start));
    ends.push_back(std::to_string(row.end));
  }
  c_.Queue(
      "INSERT INTO busy (appointment_id, salon_id, staff_id, start_s, end_s) "
      "SELECT $1, $2, s, b, e FROM unnest($3::text[], $4::bigint[], $5::bigint[]) AS t(s, b, e)",
      {appointment_id, salon_id, TextArray(staff), TextArray(starts), TextArray(ends)});
}

void PgTxn::PutSalonKey(std::string_view hash, const SalonId& salon_id) {
  c_.Queue("INSERT INTO salon_keys (hash, salon_id) VALUES ($1, $2) "
         "ON CONFLICT (hash) DO UPDATE SET salon_id = excluded.salon_id",
         {hash, salon_id});
}

void PgTxn::PutResponse(std::string_view scope, std::string_view key, const StoredResponse& r) {
  Lock(scope);
  c_.Queue("INSERT INTO responses (scope, key, request_hash, status, body, created_s) "
         "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (scope, key) DO UPDATE SET "
         "request_hash = excluded.request_hash, status = excluded.status, "
         "body = excluded.body, created_s = excluded.created_s",
         {scope, key, r.request_hash, r.status, r.body, r.created_at});
}

long long PgTxn::PurgeResponses(long long before) {
  Rows rows = c_.Run(
      "WITH gone AS (DELETE FROM responses WHERE created_s < $1 RETURNING 1) "
      "SELECT count(*) FROM gone",
      {before});
  return rows.Int(0, 0);
}

void PgTxn::BumpCalendar(const BranchId& branch_id, std::string_view day,
                         std::function<void(long long)> committed) {
  auto version = std::make_shared<long long>(0);
  c_.Queue(
      "INSERT INTO calendar_versions (branch_id, day, version) VALUES ($1, $2, 1) "
      "ON CONFLICT (branch_id, day) DO UPDATE SET version = calendar_versions.version + 1 "
      "RETURNING version",
      {branch_id, day}, [version](const Rows& rows) { *version = rows.Int(0, 0); });
  changes_.push_back(CalendarChange(branch_id, day));
  if (committed) on_commit_.push_back([version, committed] { committed(*version); });
}

long long PgTxn::NextNumber(const SalonId& salon_id, std::string_view scope) {
  return c_.Run("INSERT INTO counters (salon_id, scope, value) VALUES ($1, $2, 1) "
                "ON CONFLICT (salon_id, scope) DO UPDATE SET value = counters.value + 1 "
                "RETURNING value",
                {salon_id, scope})
      .Int(0, 0);
}

long long PgTxn::Count(Kind kind, const SalonId& salon_id) {
  // A salon's count is read from its index, not from every salon's rows.
  const std::string sql = std::string("SELECT count(*) FROM ") + TableName(kind);
  if (salon_id.empty()) return c_.Run(sql).Int(0, 0);
  return c_.Run(sql + " WHERE salon_id = $1", {salon_id}).Int(0, 0);
}

SalonRows PgTxn::RowsOf(const SalonId& salon_id) {
  SalonRows out;
  Rows busy = c_.Run(
      "SELECT appointment_id, staff_id, start_s, end_s FROM busy WHERE salon_id = $1",
      {salon_id});
  for (int i = 0; i < busy.size(); ++i) {
    out.busy.push_back(BusyRowAt(busy, i));
  }
  Rows keys = c_.Run("SELECT hash FROM salon_keys WHERE salon_id = $1", {salon_id});
  for (int i = 0; i < keys.size(); ++i) out.key_hashes.push_back(keys.Text(i, 0));
  Rows responses = c_.Run(
      "SELECT key, request_hash, status, body, created_s FROM responses WHERE scope = $1",
      {salon_id});
  for (int i = 0; i < responses.size(); ++i) {
    out.responses.push_back({responses.Text(i, 0),
                             {responses.Text(i, 1), int(responses.Int(i, 2)),
                              responses.Text(i, 3), responses.Int(i, 4)}});
  }
  Rows calendar = c_.Run(
      "SELECT branch_id, day, version FROM calendar_versions WHERE branch_id IN "
      "(SELECT id FROM branches WHERE salon_id = $1)",
      {salon_id});
  for (int i = 0; i < calendar.size(); ++i) {
    out.calendar.push_back({BranchId{calendar.Text(i, 0)}, calendar.Text(i, 1), calendar.Int(i, 2)});
  }
  MessageQuery all;
  all.salon_id = salon_id;
  all.limit = 1 << 30;
  out.messages = ListMessages(all);
  Rows counters = c_.Run("SELECT scope, value FROM counters WHERE salon_id = $1", {salon_id});
  for (int i = 0; i < counters.size(); ++i) {
    out.counters.push_back({counters.Text(i, 0), counters.Int(i, 1)});
  }
  return out;
}

void PgTxn::PutRows(const SalonId& salon_id, const SalonRows& rows) {
  PutCopiedRows(*this, salon_id, rows);
  for (const SalonRows::DayVersion& d : rows.calendar) {
    c_.Queue("INSERT INTO calendar_versions (branch_id, day, version) VALUES ($1, $2, $3) "
           "ON CONFLICT (branch_id, day) DO UPDATE SET "
           "version = greatest(calendar_versions.version, excluded.version)",
           {d.branch_id, d.day, d.version});
    changes_.push_back(CalendarChange(d.branch_id, d.day));
  }
  for (const SalonRows::Counter& n : rows.counters) {
    c_.Queue("INSERT INTO counters (salon_id, scope, value) VALUES ($1, $2, $3) "
           "ON CONFLICT (salon_id, scope) DO UPDATE SET "
           "value = greatest(counters.value, excluded.value)",
           {salon_id, n.scope, n.value});
  }
}

}  // namespace salon::pg
