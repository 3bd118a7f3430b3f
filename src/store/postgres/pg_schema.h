// The PostgreSQL schema as numbered migrations, recorded in the table
// schema_migrations. Migrate runs under an advisory lock, so several
// processes starting at once apply each migration exactly once.
#pragma once

#include <string>
#include <vector>

#include "store/postgres/pg_connection.h"

namespace salon::pg {

const std::vector<std::string>& Migrations();
inline int LatestSchemaVersion() { return int(Migrations().size()); }

// The applied version (0: none).
int SchemaVersion(Connection& c);
// Applies every pending migration, each in its own transaction.
void Migrate(Connection& c);

}  // namespace salon::pg
