#include "store/sqlite/sqlite_txn.h"

#include "store/engine_support.h"

namespace salon::sqlite {

namespace {

constexpr const char* kColumns =
    "id, salon_id, parent_id, start_s, end_s, search, version, archived, data, client_id, "
    "status";

Record ReadRecord(Statement& s) {
  Record r;
  r.id = s.Text(0);
  r.salon_id = s.Text(1);
  r.parent_id = s.Text(2);
  r.start = s.Int(3);
  r.end = s.Int(4);
  r.search = s.Text(5);
  r.version = s.Int(6);
  r.archived = s.Int(7) != 0;
  r.data = s.Text(8);
  r.client_id = s.Text(9);
  r.status = s.Text(10);
  return r;
}

BusyRow ReadBusyRow(Statement& s) {
  return {AppointmentId{s.Text(0)}, StaffId{s.Text(1)}, s.Int(2), s.Int(3)};
}

std::string_view Text(const std::string& s) { return s; }
template <typename Tag>
std::string_view Text(const Id<Tag>& id) { return id.value; }

// A JSON array of strings (or ids), for `IN (SELECT value FROM json_each(?))`.
template <typename T>
std::string JsonList(const std::vector<T>& items) {
  std::string out = "[";
  for (const T& item : items) {
    std::string_view s = Text(item);
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : s) {
      if (ch == '"' || ch == '\\') out += '\\';
      if (static_cast<unsigned char>(ch) >= 0x20) out += ch;
    }
    out += '"';
  }
  return out + "]";
}

}  // namespace

std::optional<Record> SqliteTxn::Get(Kind kind, const SalonId& salon_id,
                                     std::string_view id) {
  Statement s = c_.Prepare(std::string("SELECT ") + kColumns + " FROM " +
                           TableName(kind) + " WHERE id = ? AND salon_id = ?");
  s.Bind(1, id).Bind(2, salon_id);
  if (!s.Step()) return std::nullopt;
  return ReadRecord(s);
}

std::vector<Record> SqliteTxn::List(const ListQuery& q) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + TableName(q.kind) +
                    " WHERE id > ?2";
  // Every list is scoped to one tenant, except the platform's list of salons.
  if (q.kind != Kind::kSalon) sql += " AND salon_id = ?1";
  if (!q.parent_ids.empty()) sql += " AND parent_id IN (SELECT value FROM json_each(?3))";
  if (!q.include_archived) sql += " AND archived = 0";
  if (!q.search.empty()) sql += " AND instr(search, ?4) > 0";
  if (!q.client_id.empty()) sql += " AND client_id = ?8";
  if (!q.status.empty()) sql += " AND status = ?9";
  if (q.overlap) sql += " AND start_s < ?6 AND end_s > ?5";
  sql += " ORDER BY id LIMIT ?7";
  Statement s = c_.Prepare(sql);
  s.Bind(1, q.salon_id).Bind(2, q.after_id).Bind(7, (long long)q.limit);
  if (!q.parent_ids.empty()) s.Bind(3, JsonList(q.parent_ids));
  if (!q.search.empty()) s.Bind(4, q.search);
  if (!q.client_id.empty()) s.Bind(8, q.client_id);
  if (!q.status.empty()) s.Bind(9, q.status);
  if (q.overlap) s.Bind(5, q.overlap->first).Bind(6, q.overlap->second);
  std::vector<Record> out;
  while (s.Step()) out.push_back(ReadRecord(s));
  return out;
}

std::vector<BusyRow> SqliteTxn::Busy(const SalonId& salon_id,
                                     const std::vector<StaffId>& staff_ids,
                                     long long from, long long to) {
  Statement s = c_.Prepare(
      "SELECT appointment_id, staff_id, start_s, end_s FROM busy "
      "WHERE staff_id IN (SELECT value FROM json_each(?1)) "
      "AND start_s > ?2 - 86400 AND start_s < ?3 AND end_s > ?2 AND salon_id = ?4 "
      "ORDER BY start_s");
  s.Bind(1, JsonList(staff_ids)).Bind(2, from).Bind(3, to).Bind(4, salon_id);
  std::vector<BusyRow> out;
  while (s.Step()) out.push_back(ReadBusyRow(s));
  return out;
}

std::optional<SalonId> SqliteTxn::SalonIdByKeyHash(std::string_view hash) {
  Statement s = c_.Prepare("SELECT salon_id FROM salon_keys WHERE hash = ?");
  s.Bind(1, hash);
  if (!s.Step()) return std::nullopt;
  return SalonId{s.Text(0)};
}

std::optional<StoredResponse> SqliteTxn::GetResponse(std::string_view scope,
                                                     std::string_view key) {
  Statement s = c_.Prepare(
      "SELECT request_hash, status, body, created_s FROM responses "
      "WHERE scope = ? AND key = ?");
  s.Bind(1, scope).Bind(2, key);
  if (!s.Step()) return std::nullopt;
  return StoredResponse{s.Text(0), int(s.Int(1)), s.Text(2), s.Int(3)};
}

long long SqliteTxn::CalendarVersion(const BranchId& branch_id, std::string_view day) {
  Statement s = c_.Prepare(
      "SELECT version FROM calendar_versions WHERE branch_id = ? AND day = ?");
  s.Bind(1, branch_id).Bind(2, day);
  return s.Step() ? s.Int(0) : 0;
}

void SqliteTxn::Put(Kind kind, const Record& r) {
  Statement s = c_.Prepare(std::string("INSERT OR REPLACE INTO ") + TableName(kind) + " (" +
                           kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  s.Bind(1, r.id).Bind(2, r.salon_id).Bind(3, r.parent_id).Bind(4, r.start);
  s.Bind(5, r.end).Bind(6, r.search).Bind(7, r.version);
  s.Bind(8, (long long)r.archived).Bind(9, r.data).Bind(10, r.client_id).Bind(11, r.status);
  s.Run();
}

void SqliteTxn::SetBusy(const AppointmentId& appointment_id, const SalonId& salon_id,
                        const std::vector<BusyRow>& rows) {
  Statement del = c_.Prepare("DELETE FROM busy WHERE appointment_id = ?");
  del.Bind(1, appointment_id).Run();
  AddBusy(appointment_id, salon_id, rows);
}

void SqliteTxn::AddBusy(const AppointmentId& appointment_id, const SalonId& salon_id,
                        const std::vector<BusyRow>& rows) {
  for (const BusyRow& row : rows) {
    Statement ins = c_.Prepare(
        "INSERT INTO busy (appointment_id, salon_id, staff_id, start_s, end_s) "
        "VALUES (?,?,?,?,?)");
    ins.Bind(1, appointment_id).Bind(2, salon_id).Bind(3, row.staff_id);
    ins.Bind(4, row.start).Bind(5, row.end).Run();
  }
}

void SqliteTxn::PutSalonKey(std::string_view hash, const SalonId& salon_id) {
  Statement s = c_.Prepare("INSERT OR REPLACE INTO salon_keys (hash, salon_id) VALUES (?,?)");
  s.Bind(1, hash).Bind(2, salon_id).Run();
}

void SqliteTxn::PutResponse(std::string_view scope, std::string_view key,
                            const StoredResponse& r) {
  Statement s = c_.Prepare(
      "INSERT OR REPLACE INTO responses (scope, key, request_hash, status, body, created_s) "
      "VALUES (?,?,?,?,?,?)");
  s.Bind(1, scope).Bind(2, key).Bind(3, r.request_hash).Bind(4, (long long)r.status);
  s.Bind(5, r.body).Bind(6, r.created_at).Run();
}

long long SqliteTxn::PurgeResponses(long long before) {
  c_.Prepare("DELETE FROM responses WHERE created_s < ?").Bind(1, before).Run();
  return sqlite3_changes64(c_.handle());
}

void SqliteTxn::BumpCalendar(const BranchId& branch_id, std::string_view day,
                             std::function<void(long long)> committed) {
  Statement s = c_.Prepare(
      "INSERT INTO calendar_versions (branch_id, day, version) VALUES (?1, ?2, 1) "
      "ON CONFLICT (branch_id, day) DO UPDATE SET version = version + 1 "
      "RETURNING version");
  s.Bind(1, branch_id).Bind(2, day);
  s.Step();
  long long v = s.Int(0);
  while (s.Step()) {}
  if (committed) on_commit_.push_back([v, committed] { committed(v); });
}

long long SqliteTxn::NextNumber(const SalonId& salon_id, std::string_view scope) {
  Statement s = c_.Prepare(
      "INSERT INTO counters (salon_id, scope, value) VALUES (?1, ?2, 1) "
      "ON CONFLICT (salon_id, scope) DO UPDATE SET value = value + 1 RETURNING value");
  s.Bind(1, salon_id).Bind(2, scope);
  s.Step();
  long long v = s.Int(0);
  while (s.Step()) {}
  return v;
}

long long SqliteTxn::Count(Kind kind, const SalonId& salon_id) {
  // A salon's count is read from its index, not from every salon's rows.
  const std::string sql = std::string("SELECT count(*) FROM ") + TableName(kind);
  Statement s = c_.Prepare(salon_id.empty() ? sql : sql + " WHERE salon_id = ?1");
  if (!salon_id.empty()) s.Bind(1, salon_id);
  s.Step();
  return s.Int(0);
}

SalonRows SqliteTxn::RowsOf(const SalonId& salon_id) {
  SalonRows rows;
  Statement busy = c_.Prepare(
      "SELECT appointment_id, staff_id, start_s, end_s FROM busy WHERE salon_id = ?");
  busy.Bind(1, salon_id);
  while (busy.Step()) {
    rows.busy.push_back(ReadBusyRow(busy));
  }
  Statement keys = c_.Prepare("SELECT hash FROM salon_keys WHERE salon_id = ?");
  keys.Bind(1, salon_id);
  while (keys.Step()) rows.key_hashes.push_back(keys.Text(0));
  Statement responses = c_.Prepare(
      "SELECT key, request_hash, status, body, created_s FROM responses WHERE scope = ?");
  responses.Bind(1, salon_id);
  while (responses.Step()) {
    rows.responses.push_back({responses.Text(0), {responses.Text(1), int(responses.Int(2)),
                                                  responses.Text(3), responses.Int(4)}});
  }
  Statement calendar = c_.Prepare(
      "SELECT branch_id, day, version FROM calendar_versions WHERE branch_id IN "
      "(SELECT id FROM branches WHERE salon_id = ?)");
  calendar.Bind(1, salon_id);
  while (calendar.Step()) {
    rows.calendar.push_back({BranchId{calendar.Text(0)}, calendar.Text(1), calendar.Int(2)});
  }
  MessageQuery all;
  all.salon_id = salon_id;
  all.limit = 1 << 30;
  rows.messages = ListMessages(all);
  Statement counters = c_.Prepare("SELECT scope, value FROM counters WHERE salon_id = ?");
  counters.Bind(1, salon_id);
  while (counters.Step()) rows.counters.push_back({counters.Text(0), counters.Int(1)});
  return rows;
}

void SqliteTxn::PutRows(const SalonId& salon_id, const SalonRows& rows) {
  PutCopiedRows(*this, salon_id, rows);
  for (const SalonRows::DayVersion& d : rows.calendar) {
    Statement s = c_.Prepare(
        "INSERT INTO calendar_versions (branch_id, day, version) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (branch_id, day) DO UPDATE SET version = max(version, ?3)");
    s.Bind(1, d.branch_id).Bind(2, d.day).Bind(3, d.version).Run();
  }
  for (const SalonRows::Counter& n : rows.counters) {
    c_.Prepare("INSERT INTO counters (salon_id, scope, value) VALUES (?1, ?2, ?3) "
               "ON CONFLICT (salon_id, scope) DO UPDATE SET value = max(value, ?3)")
        .Bind(1, salon_id).Bind(2, n.scope).Bind(3, n.value).Run();
  }
}

}  // namespace salon::sqlite
