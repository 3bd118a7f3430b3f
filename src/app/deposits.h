// Deposits taken against appointments. A deposit is a sale of kind
// kDeposit (with its own receipt number; the ledger moves its money into
// deposits_held) that stays held until its visit is checked out (applied
// as a payment of that sale), missed (kept as a no-show fee: a sale of its
// own, revenue) or cancelled (returned by the method it was paid with).
// Each step runs in the caller's transaction. Thread-safe; no state.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "core/appointment.h"
#include "core/salon.h"
#include "sales/sale.h"
#include "store/store.h"

namespace salon {

class Deposits {
 public:
  explicit Deposits(IdSource& ids) : ids_(ids) {}

  // Takes `paid` (cash or card) for `visit`, which must still be ahead
  // (booked or arrived; else kConflict).
  Result<Sale> Take(WriteTxn& txn, const Salon& salon, const Appointment& visit,
                    const Payment& paid, Instant now);
  // What is held for `visit`, oldest first.
  Result<std::vector<Sale>> Held(ReadTxn& txn, const Appointment& visit);
  // Marks `held` as settled by `by` (a sale's id).
  void Apply(WriteTxn& txn, std::vector<Sale> held, const std::string& by);
  // Holds again what `by` had applied (its sale was voided).
  Status Release(WriteTxn& txn, const Appointment& visit, const std::string& by);
  // Once `visit` is no-show or cancelled: keeps what it holds as a no-show
  // fee, or returns it. Other statuses change nothing.
  Status OnStatus(WriteTxn& txn, const Appointment& visit, Instant now);

 private:
  Status KeepAsFee(WriteTxn& txn, const Appointment& visit, std::vector<Sale> held, Instant now);
  Status Return(WriteTxn& txn, std::vector<Sale> held, Instant now);

  IdSource& ids_;
};

// The sum of what `deposits` hold.
std::int64_t HeldAmount(const std::vector<Sale>& deposits);

}  // namespace salon
