#include "sales/pricing.h"

#include <cstddef>
#include <string>
#include <utility>

#include "sales/apportion.h"
#include "sales/money_math.h"

namespace salon {
namespace {

constexpr std::int64_t kMaxQuantity = 10000;
constexpr int kMaxBasisPoints = 10000;

std::string LineField(std::size_t i, const char* name) {
  return "lines[" + std::to_string(i) + "]." + name;
}

Status Overflow(std::string field) {
  return Status::Invalid("money overflow", {FieldError{std::move(field), "money overflow"}});
}

// The shape of a discount as asked: one of percent/amount, each in range.
// The amount's upper bound (what it discounts) is checked once known.
void CheckDiscountShape(const Discount& d, const std::string& field,
                        std::vector<FieldError>& errors) {
  if (d.percent_bp.has_value() == d.amount.has_value()) {
    errors.push_back({field, "give either a percent or an amount"});
  } else if (d.percent_bp && (*d.percent_bp < 0 || *d.percent_bp > kMaxBasisPoints)) {
    errors.push_back({field, "percent must be 0 to 10000 basis points"});
  } else if (d.amount && *d.amount < 0) {
    errors.push_back({field, "amount must not be negative"});
  }
}

Status CheckCart(const std::vector<CartLine>& lines, const std::optional<Discount>& cart_discount) {
  std::vector<FieldError> errors;
  if (lines.empty()) errors.push_back({"lines", "a sale has at least one line"});
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const CartLine& l = lines[i];
    if (l.quantity < 1 || l.quantity > kMaxQuantity) {
      errors.push_back({LineField(i, "quantity"), "must be 1 to 10000"});
    }
    if (l.unit_price < 0) errors.push_back({LineField(i, "unit_price"), "must not be negative"});
    if (l.tax_rate_bp < 0 || l.tax_rate_bp > kMaxBasisPoints) {
      errors.push_back({LineField(i, "tax_rate"), "must be 0 to 10000 basis points"});
    } else if (l.kind == LineKind::kVoucher && l.tax_rate_bp != 0) {
      errors.push_back({LineField(i, "tax_rate"), "a voucher carries no tax"});
    }
    if (l.discount) {
      if (l.kind == LineKind::kVoucher) {
        errors.push_back({LineField(i, "discount"), "a voucher takes no discount"});
      } else {
        CheckDiscountShape(*l.discount, LineField(i, "discount"), errors);
      }
    }
  }
  if (cart_discount) CheckDiscountShape(*cart_discount, "discount", errors);
  if (!errors.empty()) return Status::Invalid("invalid sale", std::move(errors));
  return Status::Ok();
}

// The amount `d` takes off `base` (0 ≤ base), its shape already checked.
Result<std::int64_t> DiscountOff(const Discount& d, std::int64_t base, const std::string& field) {
  if (d.percent_bp) {
    // percent ≤ 100 %: never more than base, so it always fits.
    return *MulDivRound(base, *d.percent_bp, kMaxBasisPoints);
  }
  if (*d.amount > base) {
    return Status::Invalid("discount above the amount",
                           {FieldError{field, "more than the amount it discounts"}});
  }
  return *d.amount;
}

}  // namespace

std::int64_t TaxIncluded(std::int64_t gross, int rate_bp) {
  // For rates of 0–10000 bp the tax is at most half the gross: it fits.
  return MulDivRound(gross, rate_bp, kMaxBasisPoints + static_cast<std::int64_t>(rate_bp))
      .value_or(0);
}

std::int64_t TaxOnTop(std::int64_t net, int rate_bp) {
  // For rates of 0–10000 bp the tax is at most the net: it fits.
  return MulDivRound(net, rate_bp, kMaxBasisPoints).value_or(0);
}

Result<PricedCart> PriceCart(const std::vector<CartLine>& lines,
                             const std::optional<Discount>& cart_discount,
                             bool prices_include_tax) {
  SALON_RETURN_IF_ERROR(CheckCart(lines, cart_discount));

  PricedCart cart;
  cart.lines.reserve(lines.size());
  // What is left of each line after its own discount: the cart discount's
  // weights (0 for vouchers, which take none).
  std::vector<std::int64_t> left(lines.size(), 0);
  std::int64_t discountable = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    PricedLine p;
    p.line = lines[i];
    const auto list = CheckedMul(lines[i].unit_price, lines[i].quantity);
    if (!list) return Overflow(LineField(i, "unit_price"));
    p.list = *list;
    if (lines[i].discount) {
      SALON_ASSIGN_OR_RETURN(p.discount,
                             DiscountOff(*lines[i].discount, p.list, LineField(i, "discount")));
    }
    if (lines[i].kind != LineKind::kVoucher) {
      left[i] = p.list - p.discount;
      const auto sum = CheckedAdd(discountable, left[i]);
      if (!sum) return Overflow("lines");
      discountable = *sum;
    }
    cart.lines.push_back(std::move(p));
  }

  std::int64_t cart_off = 0;
  if (cart_discount) {
    SALON_ASSIGN_OR_RETURN(cart_off, DiscountOff(*cart_discount, discountable, "discount"));
  }
  const std::vector<std::int64_t> shares = Apportion(cart_off, left);

  SaleTotals& t = cart.totals;
  for (std::size_t i = 0; i < cart.lines.size(); ++i) {
    PricedLine& p = cart.lines[i];
    p.discount += shares[i];  // ≤ list: the share is at most what was left
    const std::int64_t amount = p.list - p.discount;
    const int rate = p.line.tax_rate_bp;
    if (prices_include_tax) {
      p.gross = amount;
      p.tax = TaxIncluded(p.gross, rate);
      p.net = p.gross - p.tax;
    } else {
      p.net = amount;
      p.tax = TaxOnTop(p.net, rate);
      const auto gross = CheckedAdd(p.net, p.tax);
      if (!gross) return Overflow(LineField(i, "unit_price"));
      p.gross = *gross;
    }
    const auto subtotal = CheckedAdd(t.subtotal, p.list);
    const auto discount = CheckedAdd(t.discount, p.discount);
    const auto tax = CheckedAdd(t.tax, p.tax);
    const auto total = CheckedAdd(t.total, p.gross);
    if (!subtotal || !discount || !tax || !total) return Overflow("lines");
    t.subtotal = *subtotal;
    t.discount = *discount;
    t.tax = *tax;
    t.total = *total;
  }
  return cart;
}

}  // namespace salon
