// A SQLite connection with a cache of prepared statements. Used by one
// thread at a time; errors throw StoreError.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/store.h"

namespace salon::sqlite {

// A prepared statement, reset when the Statement is destroyed.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, long long v);
  template <typename Tag>
  Statement& Bind(int i, const Id<Tag>& id) { return Bind(i, std::string_view(id.value)); }
  // True while there is a row; false when done. Throws on errors.
  bool Step();
  void Run() { while (Step()) {} }
  std::string Text(int col) const;
  long long Int(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  Connection(const std::string& path, Mode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement for `sql`.
  Statement Prepare(const std::string& sql);
  // Runs one statement through the statement cache (hot paths).
  void Run(const std::string& sql) { Prepare(sql).Run(); }
  // Runs any SQL text, possibly several statements (set-up, migrations).
  void Exec(const std::string& sql);
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Maps a SQLite result code to a StoreError.
[[noreturn]] void Fail(sqlite3* db, int rc, std::string_view what);

}  // namespace salon::sqlite
