// A PostgreSQL connection (libpq) with a cache of prepared statements. Used
// by one thread at a time. Every failure throws StoreError: kConflict for a
// violated exclusion or unique constraint, kUnavailable when the server
// cannot be reached (the connection is then broken() and must be dropped) or
// the failure is transient (shutdown, deadlock, cancelled), kInternal otherwise.
#pragma once

#include <libpq-fe.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store.h"

namespace salon::pg {

// The rows of one statement, as text.
class Rows {
 public:
  explicit Rows(PGresult* r) : r_(r, &PQclear) {}
  int size() const { return PQntuples(r_.get()); }
  std::string Text(int row, int col) const { return PQgetvalue(r_.get(), row, col); }
  long long Int(int row, int col) const;
  bool IsNull(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

// A text parameter; integers are formatted.
struct Param {
  Param(std::string_view v) : text(v) {}
  Param(const std::string& v) : text(v) {}
  Param(const char* v) : text(v) {}
  Param(long long v) : text(std::to_string(v)) {}
  Param(int v) : text(std::to_string(v)) {}
  std::string text;
};

class Connection {
 public:
  // Connects to `url` (a libpq URI or key=value string). Throws
  // StoreError(kUnavailable) if it cannot.
  explicit Connection(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `sql` as a prepared statement (prepared on first use).
  Rows Run(const std::string& sql, const std::vector<Param>& params = {});
  // Runs any SQL text, possibly several statements (set-up, migrations).
  void Exec(const std::string& sql);
  // True once the connection has failed; it is then useless.
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // True while a transaction is open (or failed and not yet rolled back).
  bool in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }
  PGconn* handle() { return conn_; }

 private:
  [[noreturn]] void Fail(PGresult* r, std::string_view what);
  PGresult* Check(PGresult* r, std::string_view what);

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
};

// A Postgres array literal of strings, for `= ANY($n::text[])`.
std::string TextArray(const std::vector<std::string>& items);

}  // namespace salon::pg
