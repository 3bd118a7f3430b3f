#include "store/sqlite/schema.h"

#include <initializer_list>

namespace salon::sqlite {
namespace {

// A rowid table: documents are large rows, which WITHOUT ROWID stores badly.
std::string ObjectTable(const std::string& name) {
  return "CREATE TABLE " + name + R"( (
  id TEXT PRIMARY KEY,
  salon_id TEXT NOT NULL,
  parent_id TEXT NOT NULL DEFAULT '',
  start_s INTEGER NOT NULL DEFAULT 0,
  end_s INTEGER NOT NULL DEFAULT 0,
  search TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL
);
CREATE INDEX )" + name + "_by_salon ON " + name + R"( (salon_id, id);
CREATE INDEX )" + name + "_by_parent ON " + name + " (parent_id, start_s);\n";
}

// Migration 3's columns, on `tables`.
std::string FilterColumns(std::initializer_list<const char*> tables) {
  std::string sql;
  for (const char* table : tables) {
    sql += std::string("ALTER TABLE ") + table + " ADD COLUMN client_id TEXT NOT NULL DEFAULT '';\n";
    sql += std::string("ALTER TABLE ") + table + " ADD COLUMN status TEXT NOT NULL DEFAULT '';\n";
  }
  return sql;
}

}  // namespace

const std::vector<std::string>& Migrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: objects, salon keys, idempotency, calendar versions, busy time.
      ObjectTable("salons") + ObjectTable("branches") + ObjectTable("staff") +
          ObjectTable("services") + ObjectTable("clients") + ObjectTable("time_off") +
          ObjectTable("appointments") + R"(
CREATE TABLE salon_keys (hash TEXT PRIMARY KEY, salon_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE responses (
  scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
  status INTEGER NOT NULL, body TEXT NOT NULL, created_s INTEGER NOT NULL,
  PRIMARY KEY (scope, key)) WITHOUT ROWID;
CREATE INDEX responses_by_age ON responses (created_s);
CREATE TABLE calendar_versions (
  branch_id TEXT NOT NULL, day TEXT NOT NULL, version INTEGER NOT NULL,
  PRIMARY KEY (branch_id, day)) WITHOUT ROWID;
CREATE TABLE busy (
  appointment_id TEXT NOT NULL, salon_id TEXT NOT NULL, staff_id TEXT NOT NULL,
  start_s INTEGER NOT NULL, end_s INTEGER NOT NULL CHECK (end_s > start_s),
  CHECK (end_s - start_s < 86400));
CREATE INDEX busy_by_staff ON busy (staff_id, start_s);
CREATE INDEX busy_by_appointment ON busy (appointment_id);
-- The database itself refuses two overlapping busy rows of one staff member
-- (no busy row lasts a day, which bounds the index range scanned).
CREATE TRIGGER busy_no_overlap BEFORE INSERT ON busy
WHEN EXISTS (SELECT 1 FROM busy b WHERE b.staff_id = NEW.staff_id
             AND b.start_s > NEW.start_s - 86400 AND b.start_s < NEW.end_s
             AND b.end_s > NEW.start_s AND b.appointment_id <> NEW.appointment_id)
BEGIN SELECT RAISE(ABORT, 'busy_overlap'); END;
)",
      // 2: messaging — campaigns and the outbox of text messages.
      ObjectTable("campaigns") + R"(
CREATE TABLE messages (
  id TEXT PRIMARY KEY, salon_id TEXT NOT NULL, kind TEXT NOT NULL,
  client_id TEXT NOT NULL DEFAULT '', appointment_id TEXT NOT NULL DEFAULT '',
  campaign_id TEXT NOT NULL DEFAULT '', to_phone TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL, due_s INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  segments INTEGER NOT NULL DEFAULT 0, created_s INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX messages_by_salon ON messages (salon_id, id);
CREATE INDEX messages_by_campaign ON messages (campaign_id, status);
CREATE INDEX messages_by_appointment ON messages (appointment_id);
CREATE INDEX messages_by_phone ON messages (to_phone);
CREATE INDEX messages_due ON messages (due_s) WHERE status IN ('queued', 'sending');
)",
      // 3: filters get columns of their own: an appointment's client and
      // status, a campaign's status (they shared `search` before).
      FilterColumns({"salons", "branches", "staff", "services", "clients", "time_off",
                     "appointments", "campaigns"}) +
          R"(
UPDATE appointments SET client_id = search, search = '',
                        status = coalesce(json_extract(data, '$.status'), '');
UPDATE campaigns SET status = search, search = '';
CREATE INDEX appointments_by_client ON appointments (salon_id, client_id, id);
)",
      // 4: the till — products, sales (parent: branch, start: when sold),
      // ledger entries (parent: branch, start: when posted), gift vouchers
      // (id: the code), cash-ups (parent: branch, start: the day's start),
      // stock moves (parent: product) and counters (receipt numbers).
      ObjectTable("products") + ObjectTable("sales") + ObjectTable("ledger_entries") +
          ObjectTable("vouchers") + ObjectTable("cash_ups") + ObjectTable("stock_moves") +
          FilterColumns(
              {"products", "sales", "ledger_entries", "vouchers", "cash_ups", "stock_moves"}) +
          R"(
CREATE INDEX sales_by_client ON sales (salon_id, client_id, id);
CREATE TABLE counters (
  salon_id TEXT NOT NULL, scope TEXT NOT NULL, value INTEGER NOT NULL,
  PRIMARY KEY (salon_id, scope)) WITHOUT ROWID;
)",
      // 5: people who sign in (search: the email; parent: their staff
      // member) and their sessions (id: the hash of the cookie's secret;
      // parent: the user; end: when it expires).
      ObjectTable("users") + ObjectTable("sessions") + FilterColumns({"users", "sessions"}),
      // 6: a deposit's search names its appointment (DepositKey in app/), so
      // a visit's deposits are found without reading its client's other sales.
      R"(
UPDATE sales SET search = 'deposit ' || coalesce(json_extract(data, '$.appointment_id'), '')
WHERE json_extract(data, '$.kind') = 'deposit';
)",
      // 7: a campaign's counts are read from its index alone (salon and kind
      // in it too), not from each of its messages' rows.
      R"(
DROP INDEX messages_by_campaign;
CREATE INDEX messages_by_campaign ON messages (campaign_id, salon_id, status, kind);
)",
      // 8: a message's appointment and campaign indexes hold only the
      // messages that have one (a campaign's thousands skip the first, a
      // booking's confirmation and reminder the second: fewer index writes
      // for each), and an appointment's are found in id order (a move's
      // reminders, not a scan of its salon's messages).
      R"(
DROP INDEX messages_by_appointment;
CREATE INDEX messages_by_appointment ON messages (appointment_id, salon_id, id)
  WHERE appointment_id <> '';
DROP INDEX messages_by_campaign;
CREATE INDEX messages_by_campaign ON messages (campaign_id, salon_id, status, kind)
  WHERE campaign_id <> '';
)",
      // 9: a message's key is its salon and id, as every lookup of one by
      // its id names both: the key serves a salon's listing too, and
      // messages_by_salon goes, an index entry fewer for each message
      // stored. SQLite changes a key only by copying the table. (One
      // process opens an SQLite store, so no earlier release runs beside
      // this one: on PostgreSQL the key on the id alone stays a release.)
      R"(
CREATE TABLE messages_keyed (
  id TEXT NOT NULL, salon_id TEXT NOT NULL, kind TEXT NOT NULL,
  client_id TEXT NOT NULL DEFAULT '', appointment_id TEXT NOT NULL DEFAULT '',
  campaign_id TEXT NOT NULL DEFAULT '', to_phone TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL, due_s INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  segments INTEGER NOT NULL DEFAULT 0, created_s INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (salon_id, id));
INSERT INTO messages_keyed SELECT id, salon_id, kind, client_id, appointment_id, campaign_id,
  to_phone, status, due_s, attempts, segments, created_s, data FROM messages;
DROP TABLE messages;
ALTER TABLE messages_keyed RENAME TO messages;
CREATE INDEX messages_by_campaign ON messages (campaign_id, salon_id, status, kind)
  WHERE campaign_id <> '';
CREATE INDEX messages_by_appointment ON messages (appointment_id, salon_id, id)
  WHERE appointment_id <> '';
CREATE INDEX messages_by_phone ON messages (to_phone);
CREATE INDEX messages_due ON messages (due_s) WHERE status IN ('queued', 'sending');
)",
  };
  return kMigrations;
}

int SchemaVersion(Connection& c) {
  Statement s = c.Prepare("PRAGMA user_version");
  s.Step();
  return int(s.Int(0));
}

void Migrate(Connection& c) {
  for (int v = SchemaVersion(c); v < LatestSchemaVersion(); ++v) {
    c.Exec("BEGIN IMMEDIATE");
    try {
      c.Exec(Migrations()[v]);
      c.Exec("PRAGMA user_version = " + std::to_string(v + 1));
      c.Exec("COMMIT");
    } catch (...) {
      c.Exec("ROLLBACK");
      throw;
    }
  }
}

}  // namespace salon::sqlite
