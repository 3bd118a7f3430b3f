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

// How many decimals `currency`'s minor unit has (ISO 4217: 2 for most,
// 0 for JPY or KRW, 3 for BHD or KWD).
int MinorDigits(const std::string& currency);
// "12.50 EUR", "-3.00 EUR", "1500 JPY".
std::string FormatMoney(std::int64_t amount, const std::string& currency);

}  // namespace salon
