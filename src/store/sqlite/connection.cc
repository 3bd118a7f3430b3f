#include "store/sqlite/connection.h"

#include <cstring>

#include "base/request_stages.h"

namespace salon::sqlite {

void Fail(sqlite3* db, int rc, std::string_view what) {
  std::string message = std::string(what) + ": " +
                        (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  // A trigger's RAISE(ABORT, 'busy_overlap') is the database refusing a
  // double booking.
  if (primary == SQLITE_CONSTRAINT && message.find("busy_overlap") != std::string::npos) {
    throw StoreError(Code::kConflict, "the staff member's time is already taken");
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
      primary == SQLITE_FULL || primary == SQLITE_CANTOPEN) {
    throw StoreError(Code::kUnavailable, message);
  }
  throw StoreError(Code::kInternal, message);
}

Statement& Statement::Bind(int i, std::string_view v) {
  int rc = sqlite3_bind_text(stmt_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) Fail(sqlite3_db_handle(stmt_), rc, "bind");
  return *this;
}

Statement& Statement::Bind(int i, long long v) {
  int rc = sqlite3_bind_int64(stmt_, i, v);
  if (rc != SQLITE_OK) Fail(sqlite3_db_handle(stmt_), rc, "bind");
  return *this;
}

bool Statement::Step() {
  int rc;
  {
    StageTimer timer("sql");
    rc = sqlite3_step(stmt_);
  }
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Fail(sqlite3_db_handle(stmt_), rc, "step");
}

std::string Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), n);
}

namespace {

// By default SQLite keeps global statistics of its allocations under one
// mutex that every allocation of every connection takes: many threads
// reading at once queue on it. Off, before the library initialises (a
// no-op if something initialised it first).
void ConfigureLibrary() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

}  // namespace

Connection::Connection(const std::string& path, Mode mode) {
  ConfigureLibrary();
  int flags = SQLITE_OPEN_NOMUTEX |
              (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                       : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(Code::kUnavailable, "cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  sqlite3_extended_result_codes(db_, 1);
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Statement Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Statement(it->second);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.c_str(), int(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) Fail(db_, rc, "prepare");
  cache_.emplace(sql, stmt);
  return Statement(stmt);
}

void Connection::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc;
  {
    StageTimer timer("sql");
    rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  }
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : "";
    sqlite3_free(err);
    Fail(db_, rc, msg);
  }
}

}  // namespace salon::sqlite
