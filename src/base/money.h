// Money: an exact amount in minor units (cents) of an ISO 4217 currency.
#pragma once

#include <cstdint>
#include <string>

namespace salon {

struct Money {
  std::int64_t amount = 0;  // minor units
  std::string currency;     // ISO 4217, three upper-case letters

  friend bool operator==(const Money&, const Money&) = default;
};

// The largest price a request may give: ten million in a currency of cents.
// Far from overflow, so that sums of millions of lines stay exact in int64.
inline constexpr std::int64_t kMaxAmount = 1'000'000'000;

// True for three upper-case ASCII letters.
bool IsCurrencyCode(const std::string& code);

}  // namespace salon
