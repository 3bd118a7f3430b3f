// Pricing a cart: line discounts, then the cart's discount shared over the
// lines in proportion to what is left of each (largest remainder, so the
// shares add up exactly; voucher lines take no discount), then tax per line
// at its rate — prices include tax (EU/UK: gross given, tax inside it) or
// exclude it (US: tax added on top). Rounding half away from zero, per line;
// totals are the sums of the lines.
#pragma once

#include <optional>
#include <vector>

#include "base/result.h"
#include "sales/sale.h"

namespace salon {

struct PricedCart {
  std::vector<PricedLine> lines;
  SaleTotals totals;  // tips 0: see SplitTip
};

// kInvalid (with the field, e.g. "lines[2].discount") for: no lines, a
// quantity < 1 or > 10000, a negative unit price, a tax rate outside
// 0–10000, a voucher line with a tax rate or a discount, a discount that is
// neither or both of percent/amount, a percent outside 0–10000 bp, an amount
// < 0 or above what it discounts; and for any sum beyond int64 (overflow).
Result<PricedCart> PriceCart(const std::vector<CartLine>& lines,
                             const std::optional<Discount>& cart_discount,
                             bool prices_include_tax);

// The tax inside `gross` (inclusive) or on top of `net` (exclusive) at
// `rate_bp`, half away from zero.
std::int64_t TaxIncluded(std::int64_t gross, int rate_bp);
std::int64_t TaxOnTop(std::int64_t net, int rate_bp);

}  // namespace salon
