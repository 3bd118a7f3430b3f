// Sales::Refund and Sales::Void: corrections of a sale, each a reversing
// ledger entry beside the sale's own.
#include "app/answered_write.h"
#include "app/cash_ups.h"
#include "app/ledger_book.h"
#include "app/records.h"
#include "app/sales.h"
#include "app/till_rows.h"
#include "sales/client_account.h"
#include "sales/ledger.h"
#include "sales/refunds.h"

namespace salon {

Result<Answer> Sales::Refund(const SalonId& salon, const SaleId& id, const RefundRequest& req,
                             const Answering<SaleView>& how) {
  SALON_RETURN_IF_ERROR(CheckMethod(req.method, "method"));
  if (req.method == PaymentMethod::kVoucher && req.voucher_code.empty()) {
    return Status::Invalid("a refund to a voucher names it", {{"voucher_code", "give it"}});
  }
  if (req.lines.empty() || req.lines.size() > 100) {
    return Status::Invalid("a refund names 1 to 100 lines", {{"lines", "give the lines"}});
  }
  const std::string refund_id = ids_.NewId("ref");
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<SaleView> {
    SALON_ASSIGN_OR_RETURN(Sale sale, Load<Sale>(txn, salon, id.value));
    if (!req.currency.empty() && req.currency != sale.currency) {
      return Status::Invalid("the sale is in " + sale.currency,
                             {{"currency", "must be the sale's, " + sale.currency}});
    }
    if (sale.status == SaleStatus::kVoided) return Status::Conflict("the sale was voided");
    if (sale.kind == SaleKind::kDeposit) {
      return Status::Conflict("a deposit is returned by cancelling its appointment");
    }
    if (sale.kind == SaleKind::kAccountPayment) {
      return Status::Conflict("an account payment is not refunded: refund to the account instead");
    }
    SALON_RETURN_IF_ERROR(CheckAccountHolder(req.method, sale.client_id, "method"));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn, salon, sale.branch_id));
    const Instant now = clock_.Now();
    const LocalDate today = zone.DateOf(now);
    salon::Refund refund;
    refund.id = refund_id;
    refund.at = now;
    refund.method = req.method;
    refund.reason = req.reason;
    refund.voucher_code = req.voucher_code;
    std::vector<Posting> postings;
    std::vector<std::int64_t> returned(sale.lines.size(), 0);
    for (size_t i = 0; i < req.lines.size(); ++i) {
      const RefundLineRequest& r = req.lines[i];
      if (r.line < 0 || size_t(r.line) >= sale.lines.size()) {
        return Status::Invalid("no such line",
                               {{LineField(i, "line"), "the sale has " +
                                                           std::to_string(sale.lines.size()) +
                                                           " lines, from 0"}});
      }
      const PricedLine& line = sale.lines[r.line];
      LineRefunded& before = sale.refunded[r.line];
      auto taken = RefundGross(line, before, r.quantity, r.amount);
      if (!taken.ok()) return InLine(taken.status(), i);
      const std::int64_t gross = *taken;
      RefundSplit split = SplitRefund(line, before, gross);
      if (line.line.kind == LineKind::kVoucher && gross > 0) {  // what is left of it goes back
        SALON_RETURN_IF_ERROR(MoveVoucher(txn, salon, line.line.item_id,
                                          {VoucherEventKind::kRefunded, now, gross, sale.id},
                                          today, LineField(i, "line")));
      }
      for (const Posting& p : RefundPostings(line.line.kind, split, req.method)) {
        postings.push_back(p);
      }
      refund.lines.push_back({r.line, r.quantity.value_or(0), gross, split.net, split.tax});
      refund.amount += gross;
      before.amount += gross;
      before.quantity += r.quantity.value_or(0);
      returned[r.line] += r.quantity.value_or(0);
    }
    if (req.method == PaymentMethod::kVoucher && refund.amount > 0) {
      SALON_RETURN_IF_ERROR(MoveVoucher(txn, salon, req.voucher_code,
                                        {VoucherEventKind::kToppedUp, now, refund.amount, sale.id},
                                        today, "voucher_code"));
    }
    sale.refunds.push_back(std::move(refund));
    sale.version++;
    Save(txn, sale);
    SALON_RETURN_IF_ERROR(MoveStock(txn, sale, returned, -1));
    SALON_RETURN_IF_ERROR(Post(txn, sale, "refund", std::move(postings), now));
    return SaleView{std::move(sale), zone};
  });
}

Result<Answer> Sales::Void(const SalonId& salon, const SaleId& id, const std::string& reason,
                           const Answering<SaleView>& how) {
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<SaleView> {
    const Instant now = clock_.Now();
    SALON_ASSIGN_OR_RETURN(Sale sale, Load<Sale>(txn, salon, id.value));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn, salon, sale.branch_id));
    if (sale.status == SaleStatus::kVoided) return Status::Conflict("the sale is voided already");
    if (sale.kind != SaleKind::kSale) {
      return Status::Conflict(
          "only a sale is voided: a deposit or no-show fee follows its appointment, and an "
          "account payment stays paid");
    }
    if (!sale.refunds.empty()) {
      return Status::Conflict("a sale with refunds is not voided: refund the rest");
    }
    if (zone.DateOf(sale.sold_at) != zone.DateOf(now)) {
      return Status::Conflict("a sale is voided on the day it was made: refund it instead");
    }
    // Its day is the one whose cash-up counts its entry: by the entry's
    // place in the branch's postings, even in the second of a cash-up.
    SALON_ASSIGN_OR_RETURN(const TillPoint sold, SalePoint(txn, sale));
    SALON_ASSIGN_OR_RETURN(bool counted, CashedUp(txn, salon, sale.branch_id, zone, sold));
    if (counted) return Status::Conflict("the sale's day is cashed up: refund it instead");
    sale.status = SaleStatus::kVoided;
    sale.void_reason = reason;
    sale.voided_at = now;
    sale.version++;
    // Vouchers it sold go (only as sold, else kConflict: sales/voucher.h);
    // vouchers it spent come back.
    const LocalDate today = zone.DateOf(now);
    for (size_t i = 0; i < sale.lines.size(); ++i) {
      const PricedLine& l = sale.lines[i];
      if (l.line.kind != LineKind::kVoucher) continue;
      SALON_RETURN_IF_ERROR(MoveVoucher(txn, salon, l.line.item_id,
                                        {VoucherEventKind::kVoided, now, l.gross, sale.id}, today,
                                        LineField(i, "voucher_code")));
    }
    for (const Payment& p : sale.payments) {
      if (p.method != PaymentMethod::kVoucher) continue;
      SALON_RETURN_IF_ERROR(MoveVoucher(txn, salon, p.voucher_code,
                                        {VoucherEventKind::kRestored, now, p.amount, sale.id},
                                        today, "voucher_code"));
    }
    Save(txn, sale);
    SALON_RETURN_IF_ERROR(MoveStock(txn, sale, Quantities(sale), -1));
    SALON_RETURN_IF_ERROR(Post(txn, sale, "void",
                               Reversed(SalePostings(sale.lines, sale.totals.tips, sale.payments,
                                                     sale.change)),
                               now));
    if (!sale.appointment_id.value.empty()) {
      auto visit = Load<Appointment>(txn, salon, sale.appointment_id.value);
      if (visit.ok()) SALON_RETURN_IF_ERROR(deposits_.Release(txn, *visit, sale.id.value));
      if (visit.ok() && visit->status == AppointmentStatus::kCompleted) {
        SALON_RETURN_IF_ERROR(
            SetVisitStatus(txn, calendar_, *visit, AppointmentStatus::kArrived, now));
      }
    }
    return SaleView{std::move(sale), zone};
  });
}

}  // namespace salon
