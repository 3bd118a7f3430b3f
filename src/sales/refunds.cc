#include "sales/refunds.h"

#include "sales/money_math.h"

namespace salon {
namespace {

// The gross carried by the first `units` units of `line`, rounded half away
// from zero. Cumulative, so that the units' shares add up to the gross.
std::int64_t GrossOfUnits(const PricedLine& line, std::int64_t units) {
  // units ≤ quantity: the result is at most the gross, so it fits.
  return MulDivRound(line.gross, units, line.line.quantity).value_or(0);
}

}  // namespace

Result<std::int64_t> RefundGross(const PricedLine& line, const LineRefunded& before,
                                 std::optional<std::int64_t> quantity,
                                 std::optional<std::int64_t> amount) {
  if (quantity.has_value() == amount.has_value()) {
    return Status::Invalid("invalid refund",
                           {FieldError{"quantity", "give either a quantity or an amount"}});
  }
  if (quantity && *quantity < 1) {
    return Status::Invalid("invalid refund", {FieldError{"quantity", "must be at least 1"}});
  }
  if (amount && *amount < 1) {
    return Status::Invalid("invalid refund", {FieldError{"amount", "must be at least 1"}});
  }
  const std::int64_t gross_left = line.gross - before.amount;
  if (amount) {
    if (*amount > gross_left) return Status::Conflict("refund above what is left of the line");
    return *amount;
  }
  const std::int64_t units_left = line.line.quantity - before.quantity;
  if (*quantity > units_left) return Status::Conflict("refund of more units than are left");
  const std::int64_t gross =
      GrossOfUnits(line, before.quantity + *quantity) - GrossOfUnits(line, before.quantity);
  // An earlier refund by amount may already have taken these units' share.
  if (gross > gross_left) return Status::Conflict("refund above what is left of the line");
  return gross;
}

}  // namespace salon
