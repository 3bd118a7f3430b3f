// Helpers shared by the sales tests: building cart lines and reading the
// field errors of a Status.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"
#include "sales/sale.h"

namespace salon::testing {

inline CartLine Line(LineKind kind, std::int64_t unit_price, int tax_rate_bp = 0,
                     std::string staff_id = "", std::int64_t quantity = 1) {
  CartLine l;
  l.kind = kind;
  l.item_id = kind == LineKind::kVoucher ? "" : "item";
  l.staff_id = std::move(staff_id);
  l.name = ToString(kind);
  l.quantity = quantity;
  l.unit_price = unit_price;
  l.tax_rate_bp = tax_rate_bp;
  return l;
}

inline Discount Percent(int bp) {
  Discount d;
  d.percent_bp = bp;
  d.reason = "loyalty";
  return d;
}

inline Discount Amount(std::int64_t amount) {
  Discount d;
  d.amount = amount;
  d.reason = "goodwill";
  return d;
}

inline Payment Pay(PaymentMethod method, std::int64_t amount) {
  Payment p;
  p.method = method;
  p.amount = amount;
  return p;
}

// kInvalid naming `field` among its field errors.
inline ::testing::AssertionResult InvalidAt(const Status& s, std::string_view field) {
  if (s.code() != Code::kInvalid) {
    return ::testing::AssertionFailure() << "not kInvalid: " << s.message();
  }
  std::string fields;
  for (const FieldError& e : s.errors()) {
    if (e.field == field) return ::testing::AssertionSuccess();
    fields += " " + e.field;
  }
  return ::testing::AssertionFailure() << "no field " << field << " among:" << fields;
}

}  // namespace salon::testing
