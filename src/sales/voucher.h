// A gift voucher: sold at the till as a liability (not revenue), spent in
// part or whole as a payment until it expires, topped up by a refund. Its
// balance moves only with an event in its history, each tied to a sale.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/ids.h"
#include "base/status.h"
#include "base/time.h"

namespace salon {

enum class VoucherEventKind { kIssued, kRedeemed, kRefunded, kToppedUp, kVoided, kRestored };
const char* ToString(VoucherEventKind k);
std::optional<VoucherEventKind> ParseVoucherEventKind(std::string_view text);

struct VoucherEvent {
  VoucherEventKind kind = VoucherEventKind::kIssued;
  Instant at;
  std::int64_t amount = 0;  // > 0; the sign follows from the kind
  SaleId sale_id;
};

struct Voucher {
  VoucherCode id;  // the code printed on it; unguessable
  SalonId salon_id;
  BranchId branch_id;  // where it was sold
  std::string currency;
  std::int64_t balance = 0;
  std::optional<LocalDate> expires_on;  // the last day it pays (branch-local)
  std::vector<VoucherEvent> history;
  long long version = 1;
};

// Moves the balance by the event (issued, topped up, restored: up;
// redeemed, refunded, voided: down) and records it. kConflict when the
// balance would fall below zero, and for voiding a voucher that is not
// Unspent: once it has paid for something (or been topped up or refunded)
// its sale is no longer undone whole, even when a top-up has brought the
// balance back to its price — the money went through it; refund instead.
// kInvalid for redeeming after `today` has passed its expiry.
Status Apply(Voucher& v, VoucherEvent e, LocalDate today);

// Whether it is as it was sold: only "issued" in its history.
bool Unspent(const Voucher& v);

}  // namespace salon
