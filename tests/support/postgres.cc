#include "tests/support/postgres.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>

#include "store/postgres/pg_connection.h"

namespace salon::testing {

std::optional<std::string> TestPostgres() {
  const char* url = std::getenv("SALON_TEST_POSTGRES");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

std::string FreshDatabase() {
  auto base = TestPostgres();
  if (!base) {
    ADD_FAILURE() << "no PostgreSQL: run ./test, or set SALON_TEST_POSTGRES to a cluster URL";
    return "";
  }
  static std::atomic<int> counter{0};
  // Unique across runs on one cluster too (pids are reused).
  const std::string name =
      "t_" + std::to_string(getpid()) + "_" +
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + "_" +
      std::to_string(counter.fetch_add(1));
  pg::Connection admin(*base);
  // Concurrent CREATE DATABASEs from one template fail ("being accessed by
  // other users"); test processes running in parallel take turns.
  admin.Exec("SELECT pg_advisory_lock(5401)");
  admin.Exec("CREATE DATABASE " + name);
  admin.Exec("SELECT pg_advisory_unlock(5401)");
  return base->substr(0, base->rfind('/') + 1) + name;
}

bool HttpTestsOnPostgres() {
  const char* store = std::getenv("SALON_TEST_STORE");
  return store != nullptr && std::string(store) == "postgres";
}

}  // namespace salon::testing
