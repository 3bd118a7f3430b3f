// Splitting a tip across the staff of a visit by each one's share of the
// service value ($20 on $25 + $75 of services → $5 + $15), largest
// remainder so the shares add up to the tip exactly, ties to the earlier
// staff member in `lines` order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "sales/sale.h"

namespace salon {

// `only`: when not empty, the tip goes to these staff alone (by their
// service value among them; equally when they have none). Otherwise to the
// staff of the service lines (equally among the staff of all lines when no
// service line has a staff member). kInvalid for a negative tip, a tip with
// nobody to receive it, or a staff id of `only` that is not on any line.
Result<std::vector<TipShare>> SplitTip(std::int64_t tip, const std::vector<PricedLine>& lines,
                                       const std::vector<std::string>& only);

}  // namespace salon
