#include "app/deposits.h"

#include "app/ledger_book.h"
#include "app/records.h"
#include "app/till_rows.h"
#include "sales/ledger.h"
#include "sales/pricing.h"

namespace salon {

namespace {

// A new sale of `kind` for `visit`, numbered at its branch.
Sale SaleFor(WriteTxn& txn, IdSource& ids, const Appointment& visit, const std::string& currency,
             SaleKind kind, Instant now) {
  Sale s;
  s.id.value = ids.NewId(RecordTraits<Sale>::kPrefix);
  s.salon_id = visit.salon_id;
  s.branch_id = visit.branch_id;
  s.client_id = visit.client_id;
  s.appointment_id = visit.id;
  s.currency = currency;
  s.kind = kind;
  s.sold_at = now;
  s.number = NextReceiptNumber(txn, visit.salon_id, visit.branch_id);
  return s;
}

}  // namespace

std::int64_t HeldAmount(const std::vector<Sale>& deposits) {
  std::int64_t sum = 0;
  for (const Sale& d : deposits) {
    for (const Payment& p : d.payments) sum += p.amount;
  }
  return sum;
}

Result<Sale> Deposits::Take(WriteTxn& txn, const Salon& salon, const Appointment& visit,
                            const Payment& paid, Instant now) {
  if (visit.status != AppointmentStatus::kBooked && visit.status != AppointmentStatus::kArrived) {
    return Status::Conflict("a deposit is taken before the visit; it is " +
                            std::string(ToString(visit.status)));
  }
  Sale d = SaleFor(txn, ids_, visit, salon.currency, SaleKind::kDeposit, now);
  d.prices_include_tax = salon.prices_include_tax;
  d.payments = {paid};
  Save(txn, d);
  SALON_RETURN_IF_ERROR(PostSale(txn, ids_, now, d, "deposit",
                                 {{AccountOf(paid.method), paid.amount},
                                  {Account::kDepositsHeld, -paid.amount}}));
  return d;
}

Result<std::vector<Sale>> Deposits::Held(ReadTxn& txn, const Appointment& visit) {
  SALON_ASSIGN_OR_RETURN(std::vector<Sale> deposits, DepositsFor(txn, visit));
  std::vector<Sale> held;
  for (Sale& s : deposits) {
    if (s.status == SaleStatus::kCompleted && s.settled_by.empty()) {
      held.push_back(std::move(s));
    }
  }
  return held;
}

void Deposits::Apply(WriteTxn& txn, std::vector<Sale> held, const std::string& by) {
  for (Sale& d : held) {
    d.settled_by = by;
    d.version++;
    Save(txn, d);
  }
}

Status Deposits::Release(WriteTxn& txn, const Appointment& visit, const std::string& by) {
  SALON_ASSIGN_OR_RETURN(std::vector<Sale> deposits, DepositsFor(txn, visit));
  for (Sale& d : deposits) {
    if (d.settled_by != by) continue;
    d.settled_by.clear();
    d.version++;
    Save(txn, d);
  }
  return Status::Ok();
}

Status Deposits::OnStatus(WriteTxn& txn, const Appointment& visit, Instant now) {
  if (visit.status != AppointmentStatus::kNoShow &&
      visit.status != AppointmentStatus::kCancelled) {
    return Status::Ok();
  }
  SALON_ASSIGN_OR_RETURN(std::vector<Sale> held, Held(txn, visit));
  if (held.empty()) return Status::Ok();
  if (visit.status == AppointmentStatus::kNoShow) {
    return KeepAsFee(txn, visit, std::move(held), now);
  }
  return Return(txn, std::move(held), now);
}

Status Deposits::KeepAsFee(WriteTxn& txn, const Appointment& visit, std::vector<Sale> held,
                           Instant now) {
  const std::int64_t amount = HeldAmount(held);
  CartLine line;
  line.kind = LineKind::kService;
  line.name = "No-show fee";
  line.unit_price = amount;
  SALON_ASSIGN_OR_RETURN(PricedCart priced, PriceCart({line}, std::nullopt, true));
  Sale fee = SaleFor(txn, ids_, visit, held.front().currency, SaleKind::kNoShowFee, now);
  fee.lines = std::move(priced.lines);
  fee.refunded.assign(fee.lines.size(), LineRefunded{});
  fee.totals = priced.totals;
  fee.payments = {{PaymentMethod::kDeposit, amount, "", ""}};
  Save(txn, fee);
  SALON_RETURN_IF_ERROR(
      PostSale(txn, ids_, now, fee, "no_show_fee", SalePostings(fee.lines, 0, fee.payments, 0)));
  Apply(txn, std::move(held), fee.id.value);
  return Status::Ok();
}

Status Deposits::Return(WriteTxn& txn, std::vector<Sale> held, Instant now) {
  for (Sale& d : held) {
    for (const Payment& p : d.payments) {
      Refund back;
      back.id = ids_.NewId("ref");
      back.at = now;
      back.method = p.method;
      back.reason = "the appointment was cancelled";
      back.amount = p.amount;
      d.refunds.push_back(back);
      d.settled_by = back.id;
      SALON_RETURN_IF_ERROR(PostSale(txn, ids_, now, d, "refund",
                                     {{Account::kDepositsHeld, p.amount},
                                      {AccountOf(p.method), -p.amount}}));
    }
    d.version++;
    Save(txn, d);
  }
  return Status::Ok();
}

}  // namespace salon
