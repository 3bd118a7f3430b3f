// What the till's use cases do to stored rows inside their transaction,
// shared by checkout, corrections and deposits (src/app/sales*.cc). Each
// answers a Status naming the request's field where the caller's input is
// at fault.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/calendar_versions.h"
#include "base/time.h"
#include "core/appointment.h"
#include "sales/sale.h"
#include "sales/voucher.h"
#include "store/store.h"

namespace salon {

// "lines[i].field".
std::string LineField(size_t i, const char* field);
// `s` with its fields named within the request's line `i`.
Status InLine(const Status& s, size_t i);
// kInvalid: `field` names a `what` the salon does not have.
Status Unknown(const std::string& field, const std::string& what);
// Cash, card and gift vouchers are taken; a deposit held for the visit pays
// by itself; client accounts are not kept yet.
Status CheckMethod(PaymentMethod m, const std::string& field);
// The time zone of `branch`.
Result<TimeZone> ZoneOf(ReadTxn& txn, const SalonId& salon, const BranchId& branch);
// Moves voucher `code` by `e`; a voucher the salon does not have is
// kInvalid on `field`, and a refusal names it too.
Status MoveVoucher(WriteTxn& txn, const SalonId& salon, const std::string& code,
                   VoucherEvent e, LocalDate today, const std::string& field);
// Moves `sale`'s products' stock at its branch by −`sign` × each quantity.
Status MoveStock(WriteTxn& txn, const Sale& sale, const std::vector<std::int64_t>& quantities,
                 int sign);
// Each line's quantity.
std::vector<std::int64_t> Quantities(const Sale& sale);
// Sets `visit`'s status to `to`, touching its calendar days.
Status SetVisitStatus(WriteTxn& txn, CalendarVersions& calendar, const Appointment& visit,
                      AppointmentStatus to, Instant now);

}  // namespace salon
