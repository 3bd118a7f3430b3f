// Chooses and opens a store engine from a spec:
//   sqlite:<dir>                 the embedded engine, database <dir>/salon.db
//   postgres://… postgresql://…  PostgreSQL (a libpq URI)
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace salon {

class Metrics;

struct StoreOptions {
  bool synchronous = true;  // SQLite: fsync each commit (off only in CPU benchmarks)
  int pool = 16;            // PostgreSQL: connections at most
  int writers = 4;          // PostgreSQL: salons' write transactions at once (0: no bound)
  // Where the engine reports its transactions and pool (store/store_metrics.h);
  // null: nowhere.
  Metrics* metrics = nullptr;
};

// Throws StoreError: kInvalid for a spec no engine takes; the engine's own
// errors when it cannot open.
std::unique_ptr<Store> OpenStore(const std::string& spec, const StoreOptions& options = {});

// True for specs naming PostgreSQL.
bool IsPostgres(const std::string& spec);

}  // namespace salon
