// Bulk seeding for load tests: salons of the standard workload
// (../shared/WORKLOAD.md) written straight into the store — staff, 25
// services, clients with their consents and days of past and future
// appointments with their busy time, each past one checked out (its sale,
// receipt number and balanced ledger entry) — one salon per transaction, built on
// worker threads while the store writes. Where the disk cannot hold the
// history asked for, the history is shortened and the result says so.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "app/directory.h"
#include "base/time.h"

namespace salon {

struct SeedPlan {
  int salons = 100;
  int staff = 6;
  int clients = 3000;
  int history_days = 90;  // of past appointments
  int future_days = 30;   // of bookings ahead
  int per_day = 24;       // appointments per open day (at most 4 per staff member)
  unsigned seed = 1;
};

// About how many bytes one salon of `plan` takes in the store.
long long BytesPerSalon(const SeedPlan& plan);

// `plan` with its history (then its bookings ahead) shortened until all its
// salons fit in half of `free_bytes`; `note` says what was cut, if anything.
SeedPlan FitToDisk(SeedPlan plan, long long free_bytes, std::string& note);

struct SeedResult {
  long long salons = 0, records = 0, appointments = 0;
  long long sales = 0;  // the past visits' checkouts
};

// Writes the salons of `plan`; after each, calls `progress(salons done)` and
// writes one JSON line for salon-load (--salons-file) to `out`: {"id","key",
// "branch","timezone","client","staff":[…],"services":[…]}, the 15-minute
// service first.
Result<SeedResult> SeedSalons(Store& store, Directory& directory, IdSource& ids,
                              const SeedPlan& plan, LocalDate today,
                              const std::function<void(int)>& progress, std::ostream& out);

}  // namespace salon
