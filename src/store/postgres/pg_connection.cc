#include "store/postgres/pg_connection.h"

#include <charconv>
#include <cstring>

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

Rows Connection::Run(const std::string& sql, const std::vector<Param>& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size());
    PQclear(Check(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), sql));
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& p : params) values.push_back(p.text.c_str());
  return Rows(Check(PQexecPrepared(conn_, it->second.c_str(), int(values.size()),
                                   values.data(), nullptr, nullptr, 0),
                    sql));
}

void Connection::Exec(const std::string& sql) { PQclear(Check(PQexec(conn_, sql.c_str()), sql)); }

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
