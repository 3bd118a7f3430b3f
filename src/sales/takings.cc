#include "sales/takings.h"

#include "sales/money_math.h"

namespace salon {

namespace {

// Sums that remember whether any of them overflowed.
class Sums {
 public:
  void Add(std::int64_t& to, std::int64_t v) {
    if (__builtin_add_overflow(to, v, &to)) overflow_ = true;
  }
  Status Finish() const {
    if (!overflow_) return Status::Ok();
    return Status::Invalid("the report's sums overflow",
                           {{"from", "ask for a shorter period"}});
  }

 private:
  bool overflow_ = false;
};

// Whether a line is revenue (a supply): services and products, not vouchers.
bool IsRevenue(LineKind kind) { return kind != LineKind::kVoucher; }

}  // namespace

Result<TakingsReport> Takings(const std::vector<Sale>& sales, const Period& period) {
  TakingsReport out;
  Sums sums;
  auto revenue = [&](LineKind kind, int rate, std::int64_t net, std::int64_t tax) {
    if (!IsRevenue(kind)) return;
    NetAndTax& at_rate = out.tax_by_rate[rate];
    sums.Add(at_rate.net, net);
    sums.Add(at_rate.tax, tax);
    sums.Add(kind == LineKind::kService ? out.services_net : out.products_net, net);
  };
  for (const Sale& s : sales) {
    if (period.Contains(s.sold_at)) {
      if (s.status == SaleStatus::kVoided) {
        out.voids.count++;
        sums.Add(out.voids.amount, s.totals.total);
        continue;
      }
      if (s.kind == SaleKind::kAccountPayment) {  // money in, but nothing sold
        out.account_payments.count++;
        for (const Payment& p : s.payments) {
          sums.Add(out.account_payments.amount, p.amount);
          sums.Add(out.payments[p.method], p.amount);
        }
        continue;
      }
      out.sales.count++;
      sums.Add(out.sales.amount, s.totals.total);
      sums.Add(out.discounts, s.totals.discount);
      sums.Add(out.tips, s.totals.tips);
      for (const TipShare& t : s.tips) sums.Add(out.tips_by_staff[t.staff_id], t.amount);
      for (const Payment& p : s.payments) {
        sums.Add(out.payments[p.method], p.amount);
        if (p.method == PaymentMethod::kVoucher) sums.Add(out.vouchers_redeemed, p.amount);
      }
      if (s.change != 0) sums.Add(out.payments[PaymentMethod::kCash], -s.change);
      for (const PricedLine& l : s.lines) {
        revenue(l.line.kind, l.line.tax_rate_bp, l.net, l.tax);
        if (l.line.kind == LineKind::kVoucher) sums.Add(out.vouchers_sold, l.gross);
      }
    }
    if (s.status == SaleStatus::kVoided) continue;  // a voided sale was never refunded
    for (const Refund& f : s.refunds) {
      if (!period.Contains(f.at)) continue;
      out.refunds.count++;
      sums.Add(out.refunds.amount, f.amount);
      sums.Add(out.refunds_by_method[f.method], f.amount);
      for (const RefundLine& rl : f.lines) {
        if (rl.line < 0 || size_t(rl.line) >= s.lines.size()) continue;
        const CartLine& l = s.lines[rl.line].line;
        revenue(l.kind, l.tax_rate_bp, -rl.net, -rl.tax);
      }
    }
  }
  out.net_by_method = out.payments;
  for (const auto& [method, amount] : out.refunds_by_method) {
    sums.Add(out.net_by_method[method], -amount);
  }
  SALON_RETURN_IF_ERROR(sums.Finish());
  return out;
}

Status AddStaffTakings(const std::vector<Sale>& sales, const Period& period,
                       std::map<std::string, StaffTakings>& out) {
  Sums sums;
  auto revenue = [&](const CartLine& l, std::int64_t net) {
    if (l.staff_id.empty() || !IsRevenue(l.kind)) return;
    StaffTakings& t = out[l.staff_id];
    sums.Add(l.kind == LineKind::kService ? t.services : t.products, net);
  };
  for (const Sale& s : sales) {
    if (s.status == SaleStatus::kVoided) continue;  // counts nothing
    if (period.Contains(s.sold_at)) {
      for (const PricedLine& l : s.lines) revenue(l.line, l.net);
      for (const TipShare& t : s.tips) sums.Add(out[t.staff_id].tips, t.amount);
    }
    for (const Refund& f : s.refunds) {
      if (!period.Contains(f.at)) continue;
      for (const RefundLine& rl : f.lines) {
        if (rl.line < 0 || size_t(rl.line) >= s.lines.size()) continue;
        revenue(s.lines[rl.line].line, -rl.net);
      }
    }
  }
  return sums.Finish();
}

Commission CommissionOn(const StaffTakings& takings, const CommissionRates& rates) {
  Commission c;
  // A rate of at most 10000 bp takes at most the whole amount: it fits.
  c.services = MulDivRound(takings.services, rates.services_bp, 10000).value_or(0);
  c.products = MulDivRound(takings.products, rates.products_bp, 10000).value_or(0);
  c.total = c.services + c.products;
  return c;
}

}  // namespace salon
