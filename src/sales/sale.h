// A sale at the till: its priced lines, the tip and how it was split, the
// payments, and what has been refunded since. Amounts are minor units of the
// salon's currency (int64); tax rates are basis points (2300 = 23 %).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/time.h"

namespace salon {

enum class LineKind { kService, kProduct, kVoucher };
enum class PaymentMethod { kCash, kCard, kVoucher, kAccount, kDeposit };
enum class SaleStatus { kCompleted, kVoided };
// A sale at the till; a deposit taken against an appointment (held until
// the visit is checked out, missed or cancelled); the fee a missed visit's
// deposit became; a client paying off what they owe on their account
// (sales/client_account.h).
enum class SaleKind { kSale, kDeposit, kNoShowFee, kAccountPayment };

const char* ToString(LineKind k);
const char* ToString(PaymentMethod m);
const char* ToString(SaleStatus s);
const char* ToString(SaleKind k);
std::optional<SaleKind> ParseSaleKind(std::string_view text);
std::optional<LineKind> ParseLineKind(std::string_view text);
std::optional<PaymentMethod> ParsePaymentMethod(std::string_view text);
std::optional<SaleStatus> ParseSaleStatus(std::string_view text);

// A discount as asked: a percentage (in basis points, 1250 = 12.5 %) or an
// amount, with its reason.
struct Discount {
  std::optional<int> percent_bp;
  std::optional<std::int64_t> amount;
  std::string reason;
  friend bool operator==(const Discount&, const Discount&) = default;
};

// A line as asked, its price known (from the catalog or given).
struct CartLine {
  LineKind kind = LineKind::kService;
  std::string item_id;   // service or product id; a voucher's code
  std::string staff_id;  // who sold it; "" = nobody
  std::string name;
  std::int64_t quantity = 1;
  std::int64_t unit_price = 0;
  int tax_rate_bp = 0;  // vouchers: always 0 (a liability, not a supply)
  std::optional<Discount> discount;
  friend bool operator==(const CartLine&, const CartLine&) = default;
};

// A line priced: `list` = unit_price × quantity; `discount` = its own
// discount plus its share of the cart's; net + tax = gross.
struct PricedLine {
  CartLine line;
  std::int64_t list = 0;
  std::int64_t discount = 0;
  std::int64_t net = 0;
  std::int64_t tax = 0;
  std::int64_t gross = 0;
  friend bool operator==(const PricedLine&, const PricedLine&) = default;
};

struct SaleTotals {
  std::int64_t subtotal = 0;  // sum of list amounts
  std::int64_t discount = 0;  // sum of line discounts
  std::int64_t tax = 0;       // sum of line taxes
  std::int64_t tips = 0;
  std::int64_t total = 0;     // sum of line gross (tips not included)
  friend bool operator==(const SaleTotals&, const SaleTotals&) = default;
};

struct Payment {
  PaymentMethod method = PaymentMethod::kCash;
  std::int64_t amount = 0;     // tendered (cash may exceed what is due)
  std::string voucher_code;    // kVoucher
  std::string reference;       // a card terminal's reference
  friend bool operator==(const Payment&, const Payment&) = default;
};

struct TipShare {
  std::string staff_id;
  std::int64_t amount = 0;
  friend bool operator==(const TipShare&, const TipShare&) = default;
};

// What has been refunded of one line so far.
struct LineRefunded {
  std::int64_t quantity = 0;
  std::int64_t amount = 0;  // gross
  friend bool operator==(const LineRefunded&, const LineRefunded&) = default;
};

// One refund of a sale: the gross taken from each line (with its net and
// tax), paid back by `method`.
struct RefundLine {
  int line = 0;  // index into Sale::lines
  std::int64_t quantity = 0;  // units returned (0: an amount refund)
  std::int64_t gross = 0;
  std::int64_t net = 0;
  std::int64_t tax = 0;
  friend bool operator==(const RefundLine&, const RefundLine&) = default;
};

struct Refund {
  std::string id;
  Instant at;
  std::vector<RefundLine> lines;
  PaymentMethod method = PaymentMethod::kCash;
  std::string reason;
  std::int64_t amount = 0;  // Σ gross of its lines
  std::string voucher_code;  // method voucher: the voucher topped up
  friend bool operator==(const Refund&, const Refund&) = default;
};

// A sale as kept: what was sold, paid and refunded. `refunded` runs beside
// `lines`. Only `refunded`, `refunds`, `status`, `void_reason`, `voided_at`,
// `settled_by` and `version` change after the sale.
struct Sale {
  SaleId id;
  SalonId salon_id;
  BranchId branch_id;
  long long number = 0;  // the receipt number, 1, 2, … per branch
  ClientId client_id;
  AppointmentId appointment_id;
  std::string currency;
  bool prices_include_tax = true;
  std::vector<PricedLine> lines;
  std::vector<LineRefunded> refunded;
  std::optional<Discount> discount;
  SaleTotals totals;
  std::vector<TipShare> tips;
  std::vector<Payment> payments;
  std::int64_t change = 0;
  SaleStatus status = SaleStatus::kCompleted;
  std::string void_reason;
  // When it was voided (none for a sale voided before this was kept).
  std::optional<Instant> voided_at;
  std::vector<Refund> refunds;
  Instant sold_at;
  long long version = 1;
  SaleKind kind = SaleKind::kSale;
  // A deposit: "" while held; else the sale it paid, the fee it became, or
  // the refund that returned it.
  std::string settled_by;
};

}  // namespace salon
