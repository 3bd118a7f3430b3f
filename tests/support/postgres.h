// The throwaway PostgreSQL cluster ./test starts for the suite: its URL is
// in SALON_TEST_POSTGRES (postgres://postgres@127.0.0.1:PORT/postgres).
#pragma once

#include <optional>
#include <string>

namespace salon::testing {

// The cluster's URL, if the suite runs with one.
std::optional<std::string> TestPostgres();
// Creates a new, empty database on the cluster and answers its URL. Fails
// the test if there is no cluster.
std::string FreshDatabase();
// Whether SALON_TEST_STORE asks the HTTP tests to run on PostgreSQL.
bool HttpTestsOnPostgres();

}  // namespace salon::testing
