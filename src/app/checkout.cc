// Sales::Checkout: a walk-in or an appointment's visit priced, tipped,
// settled and posted in one transaction.
#include <cctype>
#include <climits>

#include "app/answered_write.h"
#include "app/records.h"
#include "app/sales.h"
#include "app/till_rows.h"
#include "sales/client_account.h"
#include "sales/ledger.h"
#include "sales/pricing.h"
#include "sales/tender.h"
#include "sales/tips.h"

namespace salon {

namespace {

// A voucher code: 80 random bits as 20 upper-case hex digits in groups of 4.
std::string NewVoucherCode(IdSource& ids) {
  std::string hex = ids.NewSecret(10), code;
  for (size_t i = 0; i < hex.size(); ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += char(std::toupper(static_cast<unsigned char>(hex[i])));
  }
  return code;
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

}  // namespace

Result<Answer> Sales::Checkout(const SalonId& salon, const CheckoutRequest& req,
                               const Answering<SaleView>& how) {
  for (size_t i = 0; i < req.payments.size(); ++i) {
    SALON_RETURN_IF_ERROR(CheckMethod(req.payments[i].method,
                                      "payments[" + std::to_string(i) + "].method"));
  }
  const std::string sale_id = ids_.NewId(RecordTraits<Sale>::kPrefix);
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<SaleView> {
    const Instant now = clock_.Now();
    SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
    SALON_RETURN_IF_ERROR(CheckCurrency(req.currency, s));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, OpenBranchZone(txn, salon, req.branch));

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
    for (const Payment& p : req.payments) {
      SALON_RETURN_IF_ERROR(CheckAccountHolder(p.method, sale.client_id, "client_id"));
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
    sale.number = NextReceiptNumber(txn, salon, req.branch);
    Save(txn, sale);
    SALON_RETURN_IF_ERROR(MoveStock(txn, sale, Quantities(sale), +1));
    SALON_RETURN_IF_ERROR(Post(txn, sale, "sale",
                               SalePostings(sale.lines, sale.totals.tips, sale.payments,
                                            sale.change),
                               now));
    if (visit) {
      deposits_.Apply(txn, std::move(deposits), sale.id.value);
      SALON_RETURN_IF_ERROR(
          SetVisitStatus(txn, calendar_, *visit, AppointmentStatus::kCompleted, now));
    }
    return SaleView{std::move(sale), zone};
  });
}

}  // namespace salon
