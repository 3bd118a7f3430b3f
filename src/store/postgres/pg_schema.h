// The PostgreSQL schema as numbered migrations, recorded in the table
// schema_migrations. Migrate runs under an advisory lock, so several
// processes starting at once apply each migration exactly once. A rolling
// deploy runs the release before beside the one that migrated, so each
// migration records the oldest schema whose code still runs on it.
#pragma once

#include <string>
#include <vector>

#include "store/postgres/pg_connection.h"

namespace salon::pg {

struct Migration {
  // Converts from its statements alone: a migration that only its own
  // release's code runs on (oldest_reader 0).
  Migration(std::string statements, int oldest = 0)
      : sql(std::move(statements)), oldest_reader(oldest) {}
  Migration(const char* statements, int oldest = 0) : Migration(std::string(statements), oldest) {}
  std::string sql;
  // The oldest schema version whose code runs on this migration's result (0:
  // this migration's own).
  int oldest_reader;
};

const std::vector<Migration>& Migrations();
inline int LatestSchemaVersion() { return int(Migrations().size()); }

// The applied version (0: none).
int SchemaVersion(Connection& c);
// Applies every pending migration, each in its own transaction.
void Migrate(Connection& c);
// Why this build cannot serve the store's schema, or "" when it can: the
// store is behind, or ahead by a migration whose oldest reader is newer
// than this build's schema.
std::string SchemaMismatch(Connection& c);

}  // namespace salon::pg
