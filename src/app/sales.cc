#include "app/sales.h"

#include <cctype>
#include <climits>
#include <map>

#include "app/answered_write.h"
#include "app/ledger_book.h"
#include "app/cash_ups.h"
#include "app/records.h"
#include "sales/ledger.h"
#include "sales/pricing.h"
#include "sales/refunds.h"
#include "sales/tender.h"
#include "sales/tips.h"

namespace salon {

namespace {

std::string LineField(size_t i, const char* field) {
  return "lines[" + std::to_string(i) + "]." + field;
}

// `s` with its fields named within the request's line `i`.
Status InLine(const Status& s, size_t i) {
  std::vector<FieldError> errors;
  for (const FieldError& e : s.errors()) errors.push_back({LineField(i, e.field.c_str()), e.message});
  return Status(s.code(), s.message(), std::move(errors));
}

Status Unknown(const std::string& field, const std::string& what) {
  return Status::Invalid("unknown " + what, {{field, "no such " + what}});
}

// Cash, card and gift vouchers are taken; a deposit held for the visit pays
// by itself; client accounts are not kept yet.
Status CheckMethod(PaymentMethod m, const std::string& field) {
  if (m == PaymentMethod::kCash || m == PaymentMethod::kCard || m == PaymentMethod::kVoucher) {
    return Status::Ok();
  }
  if (m == PaymentMethod::kDeposit) {
    return Status::Invalid("a deposit held for the appointment is applied by itself",
                           {{field, "leave deposits out"}});
  }
  return Status::Invalid("this till takes cash, card and vouchers",
                         {{field, std::string(ToString(m)) + " is not taken yet"}});
}

// A voucher code: 80 random bits as 20 upper-case hex digits in groups of 4.
std::string NewVoucherCode(IdSource& ids) {
  std::string hex = ids.NewSecret(10), code;
  for (size_t i = 0; i < hex.size(); ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += char(std::toupper(static_cast<unsigned char>(hex[i])));
  }
  return code;
}

// Moves voucher `code` by `e` in `txn`; a voucher the salon does not have
// is kInvalid on `field`, and a refusal names it too.
Status MoveVoucher(WriteTxn& txn, const SalonId& salon, const std::string& code,
                   VoucherEvent e, LocalDate today, const std::string& field) {
  auto v = Load<Voucher>(txn, salon, code);
  if (!v.ok()) return Status::Invalid("unknown voucher", {{field, "no such voucher"}});
  Status moved = Apply(*v, std::move(e), today);
  if (!moved.ok()) return Status(moved.code(), moved.message(), {{field, moved.message()}});
  v->version++;
  Save(txn, *v);
  return Status::Ok();
}

Status CheckCurrency(const std::string& given, const Salon& s) {
  if (given.empty() || given == s.currency) return Status::Ok();
  return Status::Invalid("the salon sells in " + s.currency,
                         {{"currency", "must be the salon's, " + s.currency}});
}

Result<TimeZone> ZoneOf(ReadTxn& txn, const SalonId& salon, const BranchId& branch) {
  SALON_ASSIGN_OR_RETURN(Branch b, Load<Branch>(txn, salon, branch.value));
  return TimeZone::Find(b.timezone);
}

// The priced form of one requested line, from the catalog.
Result<CartLine> CartLineOf(ReadTxn& txn, const SalonId& salon, const Salon& s,
                            const CheckoutLineRequest& req, size_t i, IdSource& ids) {
  CartLine line;
  line.kind = req.kind;
  line.item_id = req.item_id;
  line.quantity = req.quantity;
  line.discount = req.discount;
  if (req.staff) {
    auto staff = Load<Staff>(txn, salon, req.staff->value);
    if (!staff.ok() || staff->archived) return Unknown(LineField(i, "staff_id"), "staff member");
    line.staff_id = req.staff->value;
  }
  Money price;
  if (req.kind == LineKind::kService) {
    auto service = Load<Service>(txn, salon, req.item_id);
    if (!service.ok() || service->archived) return Unknown(LineField(i, "service_id"), "service");
    line.name = service->name;
    line.tax_rate_bp = service->tax_rate_bp;
    price = service->price;
  } else if (req.kind == LineKind::kProduct) {
    auto product = Load<Product>(txn, salon, req.item_id);
    if (!product.ok() || product->archived) return Unknown(LineField(i, "product_id"), "product");
    line.name = product->name;
    line.tax_rate_bp = product->tax_rate_bp;
    price = product->price;
  } else {
    if (!req.unit_price || *req.unit_price < 1) {
      return Status::Invalid("a voucher has an amount", {{LineField(i, "amount"), "give it"}});
    }
    line.name = "Gift voucher";
    line.item_id = NewVoucherCode(ids);
    price.currency = s.currency;
  }
  if (price.currency != s.currency && !req.unit_price) {
    return Status::Invalid("the price is in another currency",
                           {{LineField(i, "unit_price"), "give it in " + s.currency}});
  }
  line.unit_price = req.unit_price.value_or(price.amount);
  return line;
}

// The lines of a checkout: as asked, or the appointment's services.
Result<std::vector<CartLine>> CartOf(ReadTxn& txn, const SalonId& salon, const Salon& s,
                                     const CheckoutRequest& req, const Appointment* visit,
                                     IdSource& ids) {
  std::vector<CheckoutLineRequest> asked;
  if (req.lines) {
    asked = *req.lines;
  } else if (visit != nullptr) {
    for (const AppointmentItem& item : visit->items) {
      asked.push_back({LineKind::kService, item.service_id.value, item.staff_id, 1,
                       std::nullopt, std::nullopt, std::nullopt});
    }
  } else {
    return Status::Invalid("a sale needs lines", {{"lines", "give the lines sold"}});
  }
  std::vector<CartLine> lines;
  for (size_t i = 0; i < asked.size(); ++i) {
    SALON_ASSIGN_OR_RETURN(CartLine line, CartLineOf(txn, salon, s, asked[i], i, ids));
    lines.push_back(std::move(line));
  }
  return lines;
}

// Moves `sale`'s products' stock at its branch by `sign` × each quantity.
Status MoveStock(WriteTxn& txn, const Sale& sale, const std::vector<std::int64_t>& quantities,
                 int sign) {
  for (size_t i = 0; i < sale.lines.size(); ++i) {
    const CartLine& l = sale.lines[i].line;
    if (l.kind != LineKind::kProduct || quantities[i] == 0) continue;
    SALON_ASSIGN_OR_RETURN(Product p, Load<Product>(txn, sale.salon_id, l.item_id));
    p.stock[sale.branch_id.value] -= sign * quantities[i];
    p.version++;
    Save(txn, p);
  }
  return Status::Ok();
}

std::vector<std::int64_t> Quantities(const Sale& sale) {
  std::vector<std::int64_t> q;
  for (const PricedLine& l : sale.lines) q.push_back(l.line.quantity);
  return q;
}

// Sets the appointment of `sale` to `to`, touching its calendar days.
Status SetVisitStatus(WriteTxn& txn, CalendarVersions& calendar, const Appointment& visit,
                      AppointmentStatus to, Instant now) {
  Appointment a = visit;
  a.status = to;
  a.version++;
  a.updated_at = now;
  Save(txn, a);
  SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn, a.salon_id, a.branch_id));
  calendar.Touch(txn, a.branch_id, DaysOf(a.span, zone));
  return Status::Ok();
}

bool InvolvesStaff(const Sale& s, const std::string& staff) {
  for (const PricedLine& l : s.lines) {
    if (l.line.staff_id == staff) return true;
  }
  for (const TipShare& t : s.tips) {
    if (t.staff_id == staff) return true;
  }
  return false;
}

}  // namespace

Status Sales::Post(WriteTxn& txn, const Sale& sale, const std::string& source,
                   std::vector<Posting> postings) {
  return PostSale(txn, ids_, clock_.Now(), sale, source, std::move(postings));
}

Result<Answer> Sales::Checkout(const SalonId& salon, const CheckoutRequest& req,
                               const Answering<SaleView>& how) {
  for (size_t i = 0; i < req.payments.size(); ++i) {
    SALON_RETURN_IF_ERROR(CheckMethod(req.payments[i].method,
                                      "payments[" + std::to_string(i) + "].method"));
  }
  const std::string sale_id = ids_.NewId(RecordTraits<Sale>::kPrefix);
  return WriteAnswered(store_, clock_, salon.value, how, [&](WriteTxn& txn) -> Result<SaleView> {
    const Instant now = clock_.Now();
    SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
    SALON_RETURN_IF_ERROR(CheckCurrency(req.currency, s));
    auto branch = Load<Branch>(txn, salon, req.branch.value);
    if (!branch.ok() || branch->archived) return Unknown("branch_id", "branch");
    SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch->timezone));

    Sale sale;
    sale.id.value = sale_id;
    sale.salon_id = salon;
    sale.branch_id = req.branch;
    sale.currency = s.currency;
    sale.prices_include_tax = s.prices_include_tax;
    sale.sold_at = now;
    std::optional<Appointment> visit;
    if (req.appointment) {
      auto a = Load<Appointment>(txn, salon, req.appointment->value);
      if (!a.ok()) return Unknown("appointment_id", "appointment");
      if (a->branch_id != req.branch) {
        return Status::Invalid("the appointment is at another branch",
                               {{"appointment_id", "not at this branch"}});
      }
      if (!CanCheckOut(a->status)) {
        return Status::Conflict("an appointment that is " + std::string(ToString(a->status)) +
                                " cannot be checked out");
      }
      visit = *a;
      sale.appointment_id = a->id;
      sale.client_id = a->client_id;
    }
    if (req.client) {
      auto c = Load<Client>(txn, salon, req.client->value);
      if (!c.ok()) return Unknown("client_id", "client");
      sale.client_id = *req.client;
    }

    SALON_ASSIGN_OR_RETURN(std::vector<CartLine> cart,
                           CartOf(txn, salon, s, req, visit ? &*visit : nullptr, ids_));
    SALON_ASSIGN_OR_RETURN(PricedCart priced, PriceCart(cart, req.discount, s.prices_include_tax));
    if (req.tip > 0) {
      SALON_ASSIGN_OR_RETURN(sale.tips, SplitTip(req.tip, priced.lines, req.tip_staff));
    } else if (req.tip < 0) {
      return Status::Invalid("a tip is not negative", {{"tip.amount", "must not be negative"}});
    }
    priced.totals.tips = req.tip;
    if (priced.totals.total > (INT64_MAX >> 1) || req.tip > (INT64_MAX >> 1)) {
      return Status::Invalid("money overflow", {{"tip.amount", "too large"}});
    }
    std::vector<Payment> payments = req.payments;
    std::vector<Sale> deposits;
    if (visit) {
      SALON_ASSIGN_OR_RETURN(deposits, deposits_.Held(txn, *visit));
      if (const std::int64_t held = HeldAmount(deposits); held > 0) {
        if (held > priced.totals.total + req.tip) {
          return Status::Conflict("the deposit held is more than the bill: refund the rest first");
        }
        payments.insert(payments.begin(), Payment{PaymentMethod::kDeposit, held, "", ""});
      }
    }
    SALON_ASSIGN_OR_RETURN(Settlement settled, Settle(priced.totals.total + req.tip, payments));

    sale.lines = std::move(priced.lines);
    sale.refunded.assign(sale.lines.size(), LineRefunded{});
    sale.discount = req.discount;
    sale.totals = priced.totals;
    sale.payments = settled.payments;
    sale.change = settled.change;
    const LocalDate today = zone.DateOf(now);
    for (size_t i = 0; i < sale.payments.size(); ++i) {
      const Payment& p = sale.payments[i];
      if (p.method != PaymentMethod::kVoucher) continue;
      SALON_RETURN_IF_ERROR(MoveVoucher(txn, salon, p.voucher_code,
                                        {VoucherEventKind::kRedeemed, now, p.amount, sale.id},
                                        today, "payments[" + std::to_string(i) + "].voucher_code"));
    }
    for (size_t i = 0; i < sale.lines.size(); ++i) {
      const PricedLine& l = sale.lines[i];
      if (l.line.kind != LineKind::kVoucher) continue;
      Voucher v{VoucherCode{l.line.item_id}, salon, req.branch, s.currency, 0,
                (*req.lines)[i].expires_on, {}, 1};
      SALON_RETURN_IF_ERROR(Apply(v, {VoucherEventKind::kIssued, now, l.gross, sale.id}, today));
      Save(txn, v);
    }
    sale.number = txn.NextNumber(salon.value, "receipt:" + req.branch.value);
    Save(txn, sale);
    SALON_RETURN_IF_ERROR(MoveStock(txn, sale, Quantities(sale), +1));
    SALON_RETURN_IF_ERROR(Post(txn, sale, "sale",
                               SalePostings(sale.lines, sale.totals.tips, sale.payments,
                                            sale.change)));
    if (visit) {
      deposits_.Apply(txn, std::move(deposits), sale.id.value);
      SALON_RETURN_IF_ERROR(
          SetVisitStatus(txn, calendar_, *visit, AppointmentStatus::kCompleted, now));
    }
    return SaleView{std::move(sale), zone};
  });
}

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
  return WriteAnswered(store_, clock_, salon.value, how, [&](WriteTxn& txn) -> Result<SaleView> {
    SALON_ASSIGN_OR_RETURN(Sale sale, Load<Sale>(txn, salon, id.value));
    if (!req.currency.empty() && req.currency != sale.currency) {
      return Status::Invalid("the sale is in " + sale.currency,
                             {{"currency", "must be the sale's, " + sale.currency}});
    }
    if (sale.status == SaleStatus::kVoided) return Status::Conflict("the sale was voided");
    if (sale.kind == SaleKind::kDeposit) {
      return Status::Conflict("a deposit is returned by cancelling its appointment");
    }
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
    SALON_RETURN_IF_ERROR(Post(txn, sale, "refund", std::move(postings)));
    return SaleView{std::move(sale), zone};
  });
}

Result<Answer> Sales::Void(const SalonId& salon, const SaleId& id, const std::string& reason,
                           const Answering<SaleView>& how) {
  return WriteAnswered(store_, clock_, salon.value, how, [&](WriteTxn& txn) -> Result<SaleView> {
    const Instant now = clock_.Now();
    SALON_ASSIGN_OR_RETURN(Sale sale, Load<Sale>(txn, salon, id.value));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn, salon, sale.branch_id));
    if (sale.status == SaleStatus::kVoided) return Status::Conflict("the sale is voided already");
    if (sale.kind != SaleKind::kSale) {
      return Status::Conflict("a deposit or no-show fee follows its appointment, not a void");
    }
    if (!sale.refunds.empty()) {
      return Status::Conflict("a sale with refunds is not voided: refund the rest");
    }
    if (zone.DateOf(sale.sold_at) != zone.DateOf(now)) {
      return Status::Conflict("a sale is voided on the day it was made: refund it instead");
    }
    SALON_ASSIGN_OR_RETURN(bool counted, CashedUp(txn, salon, sale.branch_id, zone, sale.sold_at));
    if (counted) return Status::Conflict("the sale's day is cashed up: refund it instead");
    sale.status = SaleStatus::kVoided;
    sale.void_reason = reason;
    sale.version++;
    // Vouchers it sold go (unspent, else kConflict); vouchers it spent come back.
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
                                                     sale.change))));
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

Result<Answer> Sales::TakeDeposit(const SalonId& salon, const AppointmentId& visit,
                                  const Payment& paid, const Answering<SaleView>& how) {
  if (paid.method != PaymentMethod::kCash && paid.method != PaymentMethod::kCard) {
    return Status::Invalid("a deposit is paid in cash or by card",
                           {{"method", "must be cash or card"}});
  }
  if (paid.amount < 1) return Status::Invalid("a deposit has an amount", {{"amount", "give it"}});
  return WriteAnswered(store_, clock_, salon.value, how, [&](WriteTxn& txn) -> Result<SaleView> {
    SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
    SALON_ASSIGN_OR_RETURN(Appointment a, Load<Appointment>(txn, salon, visit.value));
    SALON_ASSIGN_OR_RETURN(Sale deposit, deposits_.Take(txn, s, a, paid, clock_.Now()));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn, salon, a.branch_id));
    return SaleView{std::move(deposit), zone};
  });
}

Result<Answer> Sales::AdjustStock(const SalonId& salon, const ProductId& product,
                                 const StockRequest& req, const Answering<StockMoveView>& how) {
  if (req.delta == 0 || req.delta < -1'000'000 || req.delta > 1'000'000) {
    return Status::Invalid("a stock move is ±1 to ±1000000 units",
                           {{"delta", "must be ±1 to ±1000000, not 0"}});
  }
  if (req.reason.empty()) return Status::Invalid("a stock move has a reason", {{"reason", "give it"}});
  StockMove m;
  m.id.value = ids_.NewId(RecordTraits<StockMove>::kPrefix);
  m.salon_id = salon;
  m.product_id = product;
  m.branch_id = req.branch;
  m.delta = req.delta;
  m.reason = req.reason;
  return WriteAnswered(store_, clock_, salon.value, how,
                       [&](WriteTxn& txn) -> Result<StockMoveView> {
    SALON_ASSIGN_OR_RETURN(Product p, Load<Product>(txn, salon, product.value));
    auto branch = Load<Branch>(txn, salon, req.branch.value);
    if (!branch.ok() || branch->archived) return Unknown("branch_id", "branch");
    SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch->timezone));
    long long& units = p.stock[req.branch.value];
    if (units + req.delta < -1'000'000 || units + req.delta > 1'000'000) {
      return Status::Invalid("stock stays within ±1000000 units", {{"delta", "too large"}});
    }
    units += req.delta;
    p.version++;
    Save(txn, p);
    m.at = clock_.Now();
    m.stock_after = units;
    Save(txn, m);
    return StockMoveView{m, zone};
  });
}

Result<std::vector<Product>> Sales::LowStock(const SalonId& salon, const BranchId& branch) {
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<std::vector<Product>> {
    SALON_ASSIGN_OR_RETURN(Branch b, Load<Branch>(txn, salon, branch.value));
    std::vector<Product> low;
    ListQuery q = PageQuery(salon, {500, ""});
    for (;;) {
      SALON_ASSIGN_OR_RETURN(Page<Product> page, salon::List<Product>(txn, q));
      for (Product& p : page.items) {
        if (RunsLow(p, b.id.value)) low.push_back(std::move(p));
      }
      if (page.next.empty()) return low;
      q.after_id = page.next;
    }
  });
}

Result<Voucher> Sales::GetVoucher(const SalonId& salon, const VoucherCode& code) {
  return ReadResult(store_, [&](ReadTxn& txn) { return Load<Voucher>(txn, salon, code.value); });
}

Result<SaleView> Sales::Get(const SalonId& salon, const SaleId& id) {
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<SaleView> {
    SALON_ASSIGN_OR_RETURN(Sale sale, Load<Sale>(txn, salon, id.value));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn, salon, sale.branch_id));
    return SaleView{std::move(sale), zone};
  });
}

Result<ReceiptView> Sales::Receipt(const SalonId& salon, const SaleId& id) {
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<ReceiptView> {
    SALON_ASSIGN_OR_RETURN(Sale sale, Load<Sale>(txn, salon, id.value));
    SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
    SALON_ASSIGN_OR_RETURN(Branch b, Load<Branch>(txn, salon, sale.branch_id.value));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(b.timezone));
    return ReceiptView{{std::move(sale), zone}, s.name, b.name};
  });
}

namespace {

// The time zones of the branches seen, looked up once each.
class Zones {
 public:
  Zones(ReadTxn& txn, const SalonId& salon) : txn_(txn), salon_(salon) {}
  Result<TimeZone> Of(const BranchId& branch) {
    auto it = zones_.find(branch.value);
    if (it != zones_.end()) return it->second;
    SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn_, salon_, branch));
    zones_.emplace(branch.value, zone);
    return zone;
  }

 private:
  ReadTxn& txn_;
  const SalonId& salon_;
  std::map<std::string, TimeZone> zones_;
};

ListQuery TimedQuery(const SalonId& salon, const PageRequest& page,
                     const std::optional<BranchId>& branch, const std::optional<Instant>& from,
                     const std::optional<Instant>& to) {
  ListQuery q = PageQuery(salon, page);
  if (branch) q.parent_ids = {branch->value};
  if (from || to) {
    q.overlap = std::pair{from ? UnixSeconds(*from) : LLONG_MIN / 2,
                          to ? UnixSeconds(*to) : LLONG_MAX / 2};
  }
  return q;
}

}  // namespace

Result<Page<SaleView>> Sales::List(const SalonId& salon, const SaleFilter& filter) {
  ListQuery q = TimedQuery(salon, filter.page, filter.branch, filter.from, filter.to);
  if (filter.client) q.client_id = filter.client->value;
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<Page<SaleView>> {
    Zones zones(txn, salon);
    Page<SaleView> out;
    // A staff filter reads on past sales that are not theirs, a page at a time.
    for (;;) {
      SALON_ASSIGN_OR_RETURN(Page<Sale> page, salon::List<Sale>(txn, q));
      for (Sale& s : page.items) {
        if (filter.staff && !InvolvesStaff(s, filter.staff->value)) continue;
        if (int(out.items.size()) == filter.page.limit) {
          out.next = out.items.back().sale.id.value;
          return out;
        }
        SALON_ASSIGN_OR_RETURN(TimeZone zone, zones.Of(s.branch_id));
        out.items.push_back({std::move(s), zone});
      }
      if (page.next.empty()) return out;
      q.after_id = page.next;
    }
  });
}

Result<Page<LedgerView>> Sales::Ledger(const SalonId& salon, const LedgerFilter& filter) {
  ListQuery q = TimedQuery(salon, filter.page, filter.branch, filter.from, filter.to);
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<Page<LedgerView>> {
    Zones zones(txn, salon);
    SALON_ASSIGN_OR_RETURN(Page<LedgerEntry> page, salon::List<LedgerEntry>(txn, q));
    Page<LedgerView> out;
    out.next = page.next;
    for (LedgerEntry& e : page.items) {
      SALON_ASSIGN_OR_RETURN(TimeZone zone, zones.Of(e.branch_id));
      out.items.push_back({std::move(e), zone});
    }
    return out;
  });
}

}  // namespace salon
