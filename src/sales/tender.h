// Settling what is due with the payments offered: they must cover it
// exactly; only cash may exceed it, the excess being change given back.
#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "sales/sale.h"

namespace salon {

struct Settlement {
  std::vector<Payment> payments;  // as offered
  std::int64_t change = 0;        // cash handed back
  std::int64_t cash_kept = 0;     // cash tendered − change
};

// kInvalid for: no payment while something is due, an amount ≤ 0, a sum
// beyond int64, payments short of `due`, or an excess greater than the cash
// tendered (a card cannot give change).
Result<Settlement> Settle(std::int64_t due, const std::vector<Payment>& payments);

}  // namespace salon
