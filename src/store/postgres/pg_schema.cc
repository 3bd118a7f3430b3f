#include "store/postgres/pg_schema.h"

#include <initializer_list>

namespace salon::pg {
namespace {

constexpr long long kMigrationLock = 0x5a1020001;

// Ids compare byte by byte (COLLATE "C"), as in SQLite, so cursors page alike.
std::string ObjectTable(const std::string& name) {
  return "CREATE TABLE " + name + R"( (
  id text COLLATE "C" PRIMARY KEY,
  salon_id text COLLATE "C" NOT NULL,
  parent_id text COLLATE "C" NOT NULL DEFAULT '',
  start_s bigint NOT NULL DEFAULT 0,
  end_s bigint NOT NULL DEFAULT 0,
  search text NOT NULL DEFAULT '',
  version bigint NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  data text NOT NULL
);
CREATE INDEX )" + name + "_by_salon ON " + name + R"( (salon_id, id);
CREATE INDEX )" + name + "_by_parent ON " + name + " (parent_id, start_s);\n";
}

// Migration 3's columns, on `tables`.
std::string FilterColumns(std::initializer_list<const char*> tables) {
  std::string sql;
  for (const char* table : tables) {
    sql += std::string("ALTER TABLE ") + table +
           " ADD COLUMN client_id text COLLATE \"C\" NOT NULL DEFAULT '',"
           " ADD COLUMN status text NOT NULL DEFAULT '';\n";
  }
  return sql;
}

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      // 1: objects, salon keys, idempotency, calendar versions, busy time.
      "CREATE EXTENSION IF NOT EXISTS btree_gist;\n" + ObjectTable("salons") +
          ObjectTable("branches") + ObjectTable("staff") + ObjectTable("services") +
          ObjectTable("clients") + ObjectTable("time_off") + ObjectTable("appointments") +
          R"(
CREATE TABLE salon_keys (hash text PRIMARY KEY, salon_id text NOT NULL);
CREATE TABLE responses (
  scope text NOT NULL, key text NOT NULL, request_hash text NOT NULL,
  status integer NOT NULL, body text NOT NULL, created_s bigint NOT NULL,
  PRIMARY KEY (scope, key));
CREATE INDEX responses_by_age ON responses (created_s);
CREATE TABLE calendar_versions (
  branch_id text NOT NULL, day text NOT NULL, version bigint NOT NULL,
  PRIMARY KEY (branch_id, day));
-- The database itself refuses two overlapping busy intervals of one staff
-- member: half-open ranges [start, end) under an exclusion constraint. No
-- row lasts a day, which bounds the range busy_by_staff scans for a window.
CREATE TABLE busy (
  appointment_id text NOT NULL, salon_id text NOT NULL, staff_id text NOT NULL,
  start_s bigint NOT NULL, end_s bigint NOT NULL,
  CHECK (end_s > start_s), CHECK (end_s - start_s < 86400),
  CONSTRAINT busy_no_overlap
    EXCLUDE USING gist (staff_id WITH =, int8range(start_s, end_s) WITH &&));
CREATE INDEX busy_by_staff ON busy (staff_id, start_s);
CREATE INDEX busy_by_appointment ON busy (appointment_id);
)",
      // 2: messaging — campaigns and the outbox of text messages.
      ObjectTable("campaigns") + R"(
CREATE TABLE messages (
  id text COLLATE "C" PRIMARY KEY, salon_id text COLLATE "C" NOT NULL, kind text NOT NULL,
  client_id text NOT NULL DEFAULT '', appointment_id text NOT NULL DEFAULT '',
  campaign_id text NOT NULL DEFAULT '', to_phone text NOT NULL DEFAULT '',
  status text NOT NULL, due_s bigint NOT NULL, attempts integer NOT NULL DEFAULT 0,
  segments integer NOT NULL DEFAULT 0, created_s bigint NOT NULL, data text NOT NULL);
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
                        status = coalesce(data::jsonb ->> 'status', '');
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
  salon_id text COLLATE "C" NOT NULL, scope text COLLATE "C" NOT NULL, value bigint NOT NULL,
  PRIMARY KEY (salon_id, scope));
)",
      // 5: people who sign in (search: the email; parent: their staff
      // member) and their sessions (id: the hash of the cookie's secret;
      // parent: the user; end: when it expires).
      ObjectTable("users") + ObjectTable("sessions") + FilterColumns({"users", "sessions"}),
      // 6: a deposit's search names its appointment (DepositKey in app/), so
      // a visit's deposits are found without reading its client's other sales.
      R"(
UPDATE sales SET search = 'deposit ' || coalesce(data::jsonb ->> 'appointment_id', '')
WHERE data::jsonb ->> 'kind' = 'deposit';
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
      // 9: a message is found by its salon and id: a unique key on both
      // replaces messages_by_salon (the same entries), and writes name it.
      // The primary key on the id alone stays while the release before may
      // still run beside this one (its writes name that key).
      R"(
CREATE UNIQUE INDEX IF NOT EXISTS messages_key ON messages (salon_id, id);
DROP INDEX IF EXISTS messages_by_salon;
)",
      // 10: the contract step of 9: the key on salon and id becomes the
      // primary key, the one on the id alone goes (an index entry fewer for
      // every message row). Schema 9's code still runs on it: its writes
      // name (salon_id, id). Both steps are instant (the index exists), but
      // wait for the table's exclusive lock, which every message read and
      // write would queue behind: a long transaction on messages makes the
      // migration give up after 5 s, to be run again, rather than stall them.
      {R"(
SET LOCAL lock_timeout = '5s';
ALTER TABLE messages DROP CONSTRAINT messages_pkey;
ALTER TABLE messages ADD CONSTRAINT messages_pkey PRIMARY KEY USING INDEX messages_key;
)",
       9},
  };
  return kMigrations;
}

int SchemaVersion(Connection& c) {
  Rows exists = c.Run("SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (exists.Text(0, 0) != "t") return 0;
  Rows v = c.Run("SELECT coalesce(max(version), 0) FROM schema_migrations");
  return int(v.Int(0, 0));
}

void Migrate(Connection& c) {
  c.Exec("SELECT pg_advisory_lock(" + std::to_string(kMigrationLock) + ")");
  try {
    c.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
    // Added once, not on every start: ALTER TABLE waits for the table's
    // strongest lock, and every process's readiness check would queue behind.
    Rows has_readers = c.Run(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = 'schema_migrations' AND column_name = 'oldest_reader'");
    if (has_readers.Int(0, 0) == 0) {
      c.Exec("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS oldest_reader integer");
    }
    for (int v = SchemaVersion(c); v < LatestSchemaVersion(); ++v) {
      const Migration& m = Migrations()[v];
      c.Exec("BEGIN");
      try {
        c.Exec(m.sql);
        c.Exec("INSERT INTO schema_migrations (version, oldest_reader) VALUES (" +
               std::to_string(v + 1) + ", " +
               std::to_string(m.oldest_reader ? m.oldest_reader : v + 1) + ")");
        c.Exec("COMMIT");
      } catch (...) {
        if (!c.broken()) PQclear(PQexec(c.handle(), "ROLLBACK"));
        throw;
      }
    }
  } catch (...) {
    if (!c.broken()) PQclear(PQexec(c.handle(), "SELECT pg_advisory_unlock_all()"));
    throw;
  }
  c.Exec("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLock) + ")");
}

std::string SchemaMismatch(Connection& c) {
  const int version = SchemaVersion(c), latest = LatestSchemaVersion();
  if (version == latest) return "";
  const std::string found = "schema version " + std::to_string(version);
  if (version < latest) return found + ", expected " + std::to_string(latest);
  // Migrations recorded before readers were (no oldest_reader) need their own.
  Rows r = c.Run(
      "SELECT coalesce(max(coalesce(oldest_reader, version)), 0) FROM schema_migrations "
      "WHERE version > " +
      std::to_string(latest));
  const long long oldest = r.Int(0, 0);
  if (oldest <= latest) return "";
  return found + " needs the code of schema " + std::to_string(oldest) + " or later, this is " +
         std::to_string(latest);
}

}  // namespace salon::pg
