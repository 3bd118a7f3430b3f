// What the till's use cases do to stored rows inside their transaction,
// shared by checkout, corrections and deposits (src/app/sales*.cc). Each
// answers a Status naming the request's field where the caller's input is
// at fault.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/calendar_versions.h"
#include "app/records.h"
#include "base/time.h"
#include "core/appointment.h"
#include "core/salon.h"
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
// Cash, card, gift vouchers and client accounts are taken (an account
// needs the sale's client: sales/client_account.h); a deposit held for the
// visit pays by itself.
Status CheckMethod(PaymentMethod m, const std::string& field);
// kInvalid (field "currency") for amounts given in another currency than
// the salon's `s` ("" = the salon's).
Status CheckCurrency(const std::string& given, const Salon& s);
// The time zone of `branch`.
Result<TimeZone> ZoneOf(RecordReader& txn, const SalonId& salon, const BranchId& branch);
// The time zone of `branch`, one the salon has and has not archived, where
// something is sold or moved; else kInvalid naming "branch_id".
Result<TimeZone> OpenBranchZone(RecordReader& txn, const SalonId& salon, const BranchId& branch);
// The deposits taken for `visit`, settled or not, oldest first.
Result<std::vector<Sale>> DepositsFor(RecordReader& txn, const Appointment& visit);
// Every sale of `client`'s (deposits, account charges and payments included).
Result<std::vector<Sale>> SalesOfClient(RecordReader& txn, const SalonId& salon,
                                        const ClientId& client);
// Moves voucher `code` by `e`; a voucher the salon does not have is
// kInvalid on `field`, and a refusal names it too.
Status MoveVoucher(WriteTxn& txn, const SalonId& salon, const std::string& code,
                   VoucherEvent e, LocalDate today, const std::string& field);
// Moves `sale`'s products' stock at its branch by −`sign` × each quantity.
Status MoveStock(WriteTxn& txn, const Sale& sale, const std::vector<std::int64_t>& quantities,
                 int sign);
// The next receipt number of `branch`: 1, 2, … with no gap (undone with a
// failed write).
long long NextReceiptNumber(Counters& txn, const SalonId& salon, const BranchId& branch);
// Each line's quantity.
std::vector<std::int64_t> Quantities(const Sale& sale);
// Sets `visit`'s status to `to`, touching its calendar days.
Status SetVisitStatus(WriteTxn& txn, CalendarVersions& calendar, const Appointment& visit,
                      AppointmentStatus to, Instant now);

// The time zones of a salon's branches as a read meets them, each looked
// up once. Lives within one transaction.
class BranchZones {
 public:
  BranchZones(RecordReader& txn, const SalonId& salon) : txn_(txn), salon_(salon) {}
  Result<TimeZone> Of(const BranchId& branch);
  const std::map<std::string, TimeZone>& seen() const { return zones_; }

 private:
  RecordReader& txn_;
  const SalonId& salon_;
  std::map<std::string, TimeZone> zones_;
};

}  // namespace salon
