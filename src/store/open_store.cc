#include "store/open_store.h"

#include <filesystem>

#include "base/private_files.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace salon {

bool IsPostgres(const std::string& spec) {
  return spec.starts_with("postgres://") || spec.starts_with("postgresql://");
}

std::unique_ptr<Store> OpenStore(const std::string& spec, const StoreOptions& options) {
  if (IsPostgres(spec)) {
    pg::PgConfig c;
    c.url = spec;
    c.pool = options.pool;
    c.writers = options.writers;
    c.metrics = options.metrics;
    return std::make_unique<pg::PgStore>(c);
  }
  if (spec.starts_with("sqlite:")) {
    const std::filesystem::path dir = spec.substr(7).empty() ? "." : spec.substr(7);
    EnsurePrivateDirectory(dir);
    sqlite::SqliteConfig c;
    c.path = (dir / "salon.db").string();
    c.synchronous = options.synchronous;
    c.metrics = options.metrics;
    auto store = std::make_unique<sqlite::SqliteStore>(c);
    // A database made before files were kept private: SQLite gives its WAL
    // and shared memory the database file's mode.
    std::filesystem::permissions(c.path, std::filesystem::perms::owner_read |
                                             std::filesystem::perms::owner_write);
    return store;
  }
  throw StoreError(Code::kInvalid,
                   "unknown store '" + spec + "': use sqlite:<dir> or postgres://…");
}

}  // namespace salon
