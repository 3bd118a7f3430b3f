// Exact integer arithmetic on minor units: every step checked for int64
// overflow, division rounded half away from zero (the contract's rounding).
#pragma once

#include <cstdint>
#include <optional>

namespace salon {

std::optional<std::int64_t> CheckedAdd(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> CheckedMul(std::int64_t a, std::int64_t b);
// a × b / d rounded half away from zero, computed without overflow in
// between; nullopt when d is 0 or the result does not fit int64.
std::optional<std::int64_t> MulDivRound(std::int64_t a, std::int64_t b, std::int64_t d);

}  // namespace salon
