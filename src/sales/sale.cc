#include "sales/sale.h"

#include <array>

namespace salon {
namespace {

constexpr std::array<LineKind, 3> kLineKinds = {LineKind::kService, LineKind::kProduct,
                                                LineKind::kVoucher};
constexpr std::array<PaymentMethod, 5> kPaymentMethods = {
    PaymentMethod::kCash, PaymentMethod::kCard, PaymentMethod::kVoucher, PaymentMethod::kAccount,
    PaymentMethod::kDeposit};
constexpr std::array<SaleStatus, 2> kSaleStatuses = {SaleStatus::kCompleted, SaleStatus::kVoided};
constexpr std::array<SaleKind, 4> kSaleKinds = {SaleKind::kSale, SaleKind::kDeposit,
                                                SaleKind::kNoShowFee, SaleKind::kAccountPayment};

// The value of `all` whose text form is `text`, if any.
template <typename E, std::size_t N>
std::optional<E> ParseAmong(const std::array<E, N>& all, std::string_view text) {
  for (E e : all) {
    if (text == ToString(e)) return e;
  }
  return std::nullopt;
}

}  // namespace

const char* ToString(LineKind k) {
  switch (k) {
    case LineKind::kService: return "service";
    case LineKind::kProduct: return "product";
    case LineKind::kVoucher: return "voucher";
  }
  return "service";
}

const char* ToString(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::kCash: return "cash";
    case PaymentMethod::kCard: return "card";
    case PaymentMethod::kVoucher: return "voucher";
    case PaymentMethod::kAccount: return "account";
    case PaymentMethod::kDeposit: return "deposit";
  }
  return "cash";
}

const char* ToString(SaleStatus s) {
  switch (s) {
    case SaleStatus::kCompleted: return "completed";
    case SaleStatus::kVoided: return "voided";
  }
  return "completed";
}

const char* ToString(SaleKind k) {
  switch (k) {
    case SaleKind::kSale: return "sale";
    case SaleKind::kDeposit: return "deposit";
    case SaleKind::kNoShowFee: return "no_show_fee";
    case SaleKind::kAccountPayment: return "account_payment";
  }
  return "sale";
}

std::optional<SaleKind> ParseSaleKind(std::string_view text) {
  return ParseAmong(kSaleKinds, text);
}

std::optional<LineKind> ParseLineKind(std::string_view text) {
  return ParseAmong(kLineKinds, text);
}

std::optional<PaymentMethod> ParsePaymentMethod(std::string_view text) {
  return ParseAmong(kPaymentMethods, text);
}

std::optional<SaleStatus> ParseSaleStatus(std::string_view text) {
  return ParseAmong(kSaleStatuses, text);
}

}  // namespace salon
