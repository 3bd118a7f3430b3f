#include "sales/money_math.h"

#include <limits>

namespace salon {

std::optional<std::int64_t> CheckedAdd(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
  return sum;
}

std::optional<std::int64_t> CheckedMul(std::int64_t a, std::int64_t b) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) return std::nullopt;
  return product;
}

std::optional<std::int64_t> MulDivRound(std::int64_t a, std::int64_t b, std::int64_t d) {
  if (d == 0) return std::nullopt;
  // |a × b| ≤ 2^126 and |d| ≤ 2^63: every step below fits in 128 bits.
  const __int128 p = static_cast<__int128>(a) * b;
  __int128 q = p / d;        // truncated towards zero
  const __int128 r = p % d;  // same sign as p
  const __int128 abs_r = r < 0 ? -r : r;
  const __int128 abs_d = d < 0 ? -static_cast<__int128>(d) : static_cast<__int128>(d);
  // Half or more of the divisor left over: one more step away from zero.
  if (2 * abs_r >= abs_d) q += ((p < 0) != (d < 0)) ? -1 : 1;
  if (q < std::numeric_limits<std::int64_t>::min() ||
      q > std::numeric_limits<std::int64_t>::max()) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(q);
}

}  // namespace salon
