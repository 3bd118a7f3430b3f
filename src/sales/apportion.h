// Sharing an amount over parts in proportion to their weights, to the unit:
// the largest-remainder method (Hamilton's), so the shares add up to the
// amount exactly. Used for a cart discount over its lines and a tip over
// the staff. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace salon {

// Each part takes floor(total × weight / Σ weights); the units left over go
// one each to the parts with the largest remainders, ties to the earlier.
// A share is never more than total × weight / Σ weights rounded up.
// Requires total ≥ 0 and weights ≥ 0. When Σ weights is 0 every share is 0:
// to split equally, pass weights of 1.
std::vector<std::int64_t> Apportion(std::int64_t total, const std::vector<std::int64_t>& weights);

}  // namespace salon
