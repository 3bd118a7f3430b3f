// The scenarios of ../shared/WORKLOAD.md that salon-load drives over HTTP,
// and the salons they run on (made through the API with the admin key).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "tools/salon_load/driver.h"

namespace salon::load {

struct LoadSalon {
  std::string id, key, branch, client;
  std::vector<std::string> staff, services;
  // The price of each of `services`, in minor units; prices include tax (the
  // salons' default), so a sale's total is the sum of its prices.
  std::vector<std::int64_t> prices;
  // A product the till sells, stocked at the branch, and its price.
  std::string product;
  std::int64_t product_price = 0;
  std::string calendar_etag;  // of the pulled day, when set up
  std::string timezone = "Europe/Dublin";  // the branch's
};

struct Workload {
  std::vector<LoadSalon> salons;
  std::string day;  // the pulled calendar day (YYYY-MM-DD), a Monday ahead
  std::string first_monday;  // bookings start this day
};

// The local day (YYYY-MM-DD) `offset` days after `day`.
std::string DayAfter(const std::string& day, int offset);

// Runs on one store must not book each other's slots: a run with --seed k
// books from kYearsPerSeed × (k − 1) years ahead (and a capacity search's
// steps a year apart from there).
inline constexpr int kYearsPerSeed = 16;
// The API takes dates up to 2999: seeds above this would book past it (every
// booking 422) from today's years and a capacity search's rounds.
inline constexpr std::uint64_t kMaxSeed = 50;
// The year a run with `seed` books in, `round` years further on.
int BookingYear(std::uint64_t seed, int round = 0);

// An empty workload with its days set.
Workload NewWorkload();
// Adds `count` salons of the standard shape (a branch, 6 staff working
// 09:00–19:00 Monday to Saturday, 3 services, a client, a product in stock)
// to `w` through the API, over up to 4 connections at once.
Status AddSalons(const DriverConfig& server, const std::string& admin_key, int count,
                 Workload& w);
Result<Workload> SetUpSalons(const DriverConfig& server, const std::string& admin_key,
                             int count);
// The first `count` salons of a file written by `salonctl seed --salons N`
// (one JSON object per line), with their pulled day's calendar ETags and
// their services' prices read through the API, and a product (the salon's
// first, else one made in stock); their bookings start after the seeded
// bookings ahead.
Result<Workload> SeededSalons(const DriverConfig& server, const std::string& path, int count);

// The request maker of a scenario: "pull", "create", "hot" (create with half
// the bookings at one salon), "checkout", "day" or "soak" (the day mix, run
// long while the server's /metrics are sampled); kInvalid for others.
Result<RequestMaker> MakeScenario(const std::string& name, const Workload& w);

}  // namespace salon::load
