#include "store/postgres/pg_connection.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

#include "base/request_stages.h"

namespace salon::pg {

long long Rows::Int(int row, int col) const {
  const char* s = PQgetvalue(r_.get(), row, col);
  long long v = 0;
  std::from_chars(s, s + std::strlen(s), v);
  return v;
}

Connection::Connection(const std::string& url) {
  // Defaults first: anything `url` sets itself overrides them.
  const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {"3", "salond", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string why = conn_ ? PQerrorMessage(conn_) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    while (!why.empty() && why.back() == '\n') why.pop_back();
    throw StoreError(Code::kUnavailable, "cannot reach PostgreSQL: " + why);
  }
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

void Connection::Fail(PGresult* r, std::string_view what) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (r) PQclear(r);
  Code code = Code::kInternal;
  if (sqlstate == "23P01" || sqlstate == "23505") {
    code = Code::kConflict;  // exclusion or unique constraint
  } else if (broken() || sqlstate.starts_with("08") || sqlstate.starts_with("57") ||
             sqlstate.starts_with("53") || sqlstate.starts_with("40")) {
    // Connection lost, server shutting down, out of resources, query
    // cancelled, deadlock or serialization failure: worth trying again.
    code = Code::kUnavailable;
  }
  throw StoreError(code, std::string(what) + ": " + message);
}

PGresult* Connection::Check(PGresult* r, std::string_view what) {
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) Fail(r, what);
  return r;
}

std::pair<std::string, bool> Connection::StatementFor(const std::string& sql) {
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) return {it->second, false};
  return {"s" + std::to_string(statements_++), true};
}

Rows Connection::Run(const std::string& sql, const std::vector<Param>& params) {
  if (!queued_.empty()) {
    queued_.push_back({sql, params, {}});
    return RunPipeline();
  }
  StageTimer timer("sql");
  auto [name, fresh] = StatementFor(sql);
  if (fresh) {
    PQclear(Check(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), sql));
    prepared_.emplace(sql, name);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& p : params) values.push_back(p.text.c_str());
  return Rows(Check(PQexecPrepared(conn_, name.c_str(), int(values.size()), values.data(),
                                   nullptr, nullptr, 0),
                    sql));
}

void Connection::Queue(const std::string& sql, std::vector<Param> params,
                       std::function<void(const Rows&)> then) {
  for (const Param& p : params) queued_bytes_ += p.text.size();
  queued_.push_back({sql, std::move(params), std::move(then)});
  // A bounded batch: memory, and a pipeline whose answers cannot fill the
  // socket while this side is still sending.
  if (queued_.size() >= 256 || queued_bytes_ >= (1u << 20)) Flush();
}

void Connection::Flush() {
  if (!queued_.empty()) RunPipeline();
}

void Connection::Rollback() {
  queued_.clear();
  queued_bytes_ = 0;
  PQclear(PQexec(conn_, "ROLLBACK"));
}

void Connection::Savepoint(const std::string& name) { Queue("SAVEPOINT " + name, {}); }

void Connection::RollbackTo(const std::string& name) {
  const std::string savepoint = "SAVEPOINT " + name;
  auto unsent = std::find_if(queued_.rbegin(), queued_.rend(),
                             [&](const Queued& q) { return q.sql == savepoint; });
  if (unsent != queued_.rend()) {  // the server never heard of it
    queued_.erase(std::prev(unsent.base()), queued_.end());
    queued_bytes_ = 0;
    for (const Queued& q : queued_) {
      for (const Param& p : q.params) queued_bytes_ += p.text.size();
    }
    return;
  }
  queued_.clear();
  queued_bytes_ = 0;
  Run("ROLLBACK TO " + savepoint);
  Queue("RELEASE " + savepoint, {});
}

Rows Connection::RunPipeline() {
  StageTimer timer("sql");
  std::vector<Queued> batch;
  batch.swap(queued_);
  queued_bytes_ = 0;
  // One step per answer to read: a PREPARE (first use) or a statement.
  struct Step {
    const Queued* q;
    std::string prepared_name;  // set for a PREPARE step
  };
  std::vector<Step> steps;
  if (PQenterPipelineMode(conn_) != 1) Fail(nullptr, "entering pipeline mode");
  bool sent = true;
  for (const Queued& q : batch) {
    auto [name, fresh] = StatementFor(q.sql);
    if (fresh) {
      if (!PQsendPrepare(conn_, name.c_str(), q.sql.c_str(), 0, nullptr)) { sent = false; break; }
      steps.push_back({&q, name});
    }
    std::vector<const char*> values;
    values.reserve(q.params.size());
    for (const Param& p : q.params) values.push_back(p.text.c_str());
    if (!PQsendQueryPrepared(conn_, name.c_str(), int(values.size()), values.data(), nullptr,
                             nullptr, 0)) {
      sent = false;
      break;
    }
    steps.push_back({&q, ""});
  }
  if (!sent || !PQpipelineSync(conn_)) {
    // Nothing can be read back reliably: the connection is of no more use.
    std::string why = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError(Code::kUnavailable, "sending to PostgreSQL: " + why);
  }
  // Every answer is read (a failed statement aborts the ones after it) before
  // the failure is thrown, so the connection is left usable.
  PGresult* failure = nullptr;
  const std::string* failed_sql = nullptr;
  std::optional<Rows> last;
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    PGresult* r = PQgetResult(conn_);
    if (r) {
      while (PGresult* more = PQgetResult(conn_)) PQclear(more);  // up to the end of this one
    }
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    const bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!step.prepared_name.empty() && ok) prepared_.emplace(step.q->sql, step.prepared_name);
    if (!ok) {
      if (!failure && st != PGRES_PIPELINE_ABORTED) {
        failure = r;
        failed_sql = &step.q->sql;
      } else if (r) {
        PQclear(r);
      }
      if (!r) break;  // the connection is gone
      continue;
    }
    if (!step.prepared_name.empty()) {
      PQclear(r);
    } else if (i + 1 == steps.size()) {
      last.emplace(r);
      if (step.q->then) step.q->then(*last);
    } else {
      Rows rows(r);
      if (step.q->then) step.q->then(rows);
    }
  }
  if (PGresult* sync = PQgetResult(conn_)) PQclear(sync);  // PGRES_PIPELINE_SYNC
  if (PQexitPipelineMode(conn_) != 1) {  // answers still pending: unusable
    if (failure) PQclear(failure);
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError(Code::kUnavailable, "PostgreSQL pipeline left unfinished");
  }
  if (failure || !last) Fail(failure, failed_sql ? *failed_sql : "a pipeline");
  return std::move(*last);
}

void Connection::Exec(const std::string& sql) {
  Flush();
  StageTimer timer("sql");
  PQclear(Check(PQexec(conn_, sql.c_str()), sql));
}

std::string TextArray(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const std::string& s : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : s) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace salon::pg
