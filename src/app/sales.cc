#include "app/sales.h"

#include <climits>
#include <map>

#include "app/answered_write.h"
#include "app/ledger_book.h"
#include "app/records.h"
#include "app/till_rows.h"

namespace salon {

namespace {

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
                   std::vector<Posting> postings, Instant now) {
  return PostSale(txn, ids_, now, sale, source, std::move(postings));
}

Result<Answer> Sales::TakeDeposit(const SalonId& salon, const AppointmentId& visit,
                                  const Payment& paid, const Answering<SaleView>& how) {
  if (paid.method != PaymentMethod::kCash && paid.method != PaymentMethod::kCard) {
    return Status::Invalid("a deposit is paid in cash or by card",
                           {{"method", "must be cash or card"}});
  }
  if (paid.amount < 1) return Status::Invalid("a deposit has an amount", {{"amount", "give it"}});
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<SaleView> {
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
  return WriteAnswered(store_, clock_, salon, how,
                       [&](WriteTxn& txn) -> Result<StockMoveView> {
    SALON_ASSIGN_OR_RETURN(Product p, Load<Product>(txn, salon, product.value));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, OpenBranchZone(txn, salon, req.branch));
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
    SALON_ASSIGN_OR_RETURN(std::vector<Product> products,
                           ListAll<Product>(txn, PageQuery(salon, PageRequest{})));
    std::vector<Product> low;
    for (Product& p : products) {
      if (RunsLow(p, b.id.value)) low.push_back(std::move(p));
    }
    return low;
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
  if (filter.client) q.client_id = *filter.client;
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<Page<SaleView>> {
    BranchZones zones(txn, salon);
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
    BranchZones zones(txn, salon);
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
