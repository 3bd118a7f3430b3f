#include "sales/voucher.h"

#include <utility>

#include "sales/enum_names.h"

namespace salon {
namespace {

constexpr EnumNames<VoucherEventKind, 6> kVoucherEventNames = {{
    {VoucherEventKind::kIssued, "issued"},
    {VoucherEventKind::kRedeemed, "redeemed"},
    {VoucherEventKind::kRefunded, "refunded"},
    {VoucherEventKind::kToppedUp, "topped_up"},
    {VoucherEventKind::kVoided, "voided"},
    {VoucherEventKind::kRestored, "restored"},
}};

bool Raises(VoucherEventKind k) {
  return k == VoucherEventKind::kIssued || k == VoucherEventKind::kToppedUp ||
         k == VoucherEventKind::kRestored;
}

}  // namespace

const char* ToString(VoucherEventKind k) { return NameIn(kVoucherEventNames, k); }

std::optional<VoucherEventKind> ParseVoucherEventKind(std::string_view text) {
  return ValueIn(kVoucherEventNames, text);
}

Status Apply(Voucher& v, VoucherEvent e, LocalDate today) {
  if (e.amount <= 0) return Status::Invalid("a voucher moves by a positive amount");
  if (e.kind == VoucherEventKind::kRedeemed && v.expires_on && today > *v.expires_on) {
    return Status::Invalid("the voucher expired on its last day");
  }
  if (e.kind == VoucherEventKind::kVoided && !Unspent(v)) {
    return Status::Conflict("the voucher has been used since it was sold: refund it instead");
  }
  if (Raises(e.kind)) {
    if (v.balance > INT64_MAX - e.amount) return Status::Invalid("money overflow");
    v.balance += e.amount;
  } else if (e.amount > v.balance) {
    return Status::Conflict("the voucher's balance is " + std::to_string(v.balance) +
                            ", less than " + std::to_string(e.amount));
  } else {
    v.balance -= e.amount;
  }
  v.history.push_back(std::move(e));
  return Status::Ok();
}

bool Unspent(const Voucher& v) {
  for (const VoucherEvent& e : v.history) {
    if (e.kind != VoucherEventKind::kIssued) return false;
  }
  return true;
}

}  // namespace salon
