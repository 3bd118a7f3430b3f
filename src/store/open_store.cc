#include "store/open_store.h"

#include <filesystem>

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
    return std::make_unique<pg::PgStore>(c);
  }
  if (spec.starts_with("sqlite:")) {
    const std::filesystem::path dir = spec.substr(7).empty() ? "." : spec.substr(7);
    std::filesystem::create_directories(dir);
    sqlite::SqliteConfig c;
    c.path = (dir / "salon.db").string();
    c.synchronous = options.synchronous;
    return std::make_unique<sqlite::SqliteStore>(c);
  }
  throw StoreError(Code::kInvalid,
                   "unknown store '" + spec + "': use sqlite:<dir> or postgres://…");
}

}  // namespace salon
