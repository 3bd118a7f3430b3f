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

// True for three upper-case ASCII letters.
bool IsCurrencyCode(const std::string& code);

}  // namespace salon
