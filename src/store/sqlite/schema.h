// The SQLite schema as numbered migrations; the database records the number
// it has reached in `PRAGMA user_version`.
#pragma once

#include <string>
#include <vector>

#include "store/sqlite/connection.h"

namespace salon::sqlite {

// The migrations in order; migration i brings the schema to version i + 1.
const std::vector<std::string>& Migrations();
inline int LatestSchemaVersion() { return int(Migrations().size()); }
int SchemaVersion(Connection& c);
// Applies the missing migrations, each in its own transaction.
void Migrate(Connection& c);

}  // namespace salon::sqlite
