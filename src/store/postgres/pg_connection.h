// A PostgreSQL connection (libpq) with a cache of prepared statements. Used
// by one thread at a time. Statements whose answer nobody waits for are
// queued and sent with the next one that needs an answer, all in one round
// trip (libpq's pipeline mode): a write transaction's inserts and its COMMIT
// travel together. Every failure throws StoreError: kConflict for a
// violated exclusion or unique constraint, kUnavailable when the server
// cannot be reached (the connection is then broken() and must be dropped) or
// the failure is transient (shutdown, deadlock, cancelled), kInternal otherwise.
#pragma once

#include <libpq-fe.h>

#include <functional>
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
  template <typename Tag>
  Param(const Id<Tag>& id) : text(id.value) {}
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

  // Runs `sql` as a prepared statement (prepared on first use), after the
  // queued statements and in the same round trip. A queued statement's
  // failure is thrown here (and the rest of the batch is not run).
  Rows Run(const std::string& sql, const std::vector<Param>& params = {});
  // Queues `sql` to run before the next Run or Flush; `then`, if given, gets
  // its rows when it has run.
  void Queue(const std::string& sql, std::vector<Param> params,
             std::function<void(const Rows&)> then = {});
  // Runs the queued statements now (one round trip); throws as Run does.
  void Flush();
  // Forgets the queued statements and rolls back the open transaction.
  void Rollback();
  // Queues SAVEPOINT `name`.
  void Savepoint(const std::string& name);
  // Undoes what the transaction did since Savepoint(name), which then ends;
  // the transaction goes on (and may have failed since). When nothing since
  // was sent, only the queue is cut back (what was queued before it is
  // kept). Once sent, the savepoint must have been made: nothing queued
  // ahead of it may have failed.
  void RollbackTo(const std::string& name);
  // Runs any SQL text, possibly several statements (set-up, migrations).
  void Exec(const std::string& sql);
  // True once the connection has failed; it is then useless.
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // True while a transaction is open (or failed and not yet rolled back).
  bool in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }
  PGconn* handle() { return conn_; }

 private:
  struct Queued {
    std::string sql;
    std::vector<Param> params;
    std::function<void(const Rows&)> then;
  };

  [[noreturn]] void Fail(PGresult* r, std::string_view what);
  PGresult* Check(PGresult* r, std::string_view what);
  // Sends the queue as one pipeline and reads every answer; the last
  // statement's rows are answered.
  Rows RunPipeline();
  // The name of `sql`'s prepared statement, and whether it must be prepared.
  std::pair<std::string, bool> StatementFor(const std::string& sql);

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
  int statements_ = 0;  // named so far: names are never reused
  std::vector<Queued> queued_;
  size_t queued_bytes_ = 0;
};

// A Postgres array literal of strings, for `= ANY($n::text[])`.
std::string TextArray(const std::vector<std::string>& items);

}  // namespace salon::pg
