// How much of a line a refund may take: never more than was paid for it,
// counting what earlier refunds took.
#pragma once

#include <cstdint>
#include <optional>

#include "base/result.h"
#include "sales/sale.h"

namespace salon {

// The gross a refund of `quantity` units or of `amount` takes from `line`
// (exactly one of them set): by quantity, the units' share of the gross,
// the remainder with the last unit. kConflict when it exceeds what is left
// (quantity or amount); kInvalid for a value < 1 or both/neither given.
Result<std::int64_t> RefundGross(const PricedLine& line, const LineRefunded& before,
                                 std::optional<std::int64_t> quantity,
                                 std::optional<std::int64_t> amount);

}  // namespace salon
