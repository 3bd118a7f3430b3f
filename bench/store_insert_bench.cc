// The store's raw insert rate: the rows one booking writes (its document,
// its busy time, its calendar day's version, its confirmation and reminder
// in the outbox), each booking in its own durable transaction, from many
// threads at once so that commits are grouped as the server's are — without
// HTTP, parsing or planning. The ceiling of salon-load's `create` scenario.
// Likewise the rows one checkout at the till writes (Sales::Checkout: the
// receipt number, the sale, the product's stock, the ledger entry):
//   BM_CheckoutRows        a visit's: a 3-line sale, and the appointment
//                          completed and its calendar day's version;
//   BM_WalkInCheckoutRows  salon-load's `checkout` scenario: a walk-in buys a
//                          service and a product (no appointment) — its ceiling.
// No Idempotency-Key response: salon-load sends none.
// And what a move or cancel reads of the outbox before it writes:
//   BM_RemindersOfAVisit   the visit's waiting reminder (OutboxReader::
//                          ListMessages by appointment), in a salon that has
//                          sent 50,000 campaign messages besides.
//   build/bench/store_insert_bench [--benchmark_min_time=5] [--benchmark_filter=BM_BookingRows]
// SALON_BENCH_STORE=sqlite:<dir> or postgres://… says where; by default a
// fresh SQLite store in /tmp/salon-store-bench-*, left there.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/records.h"
#include "sales/ledger.h"
#include "sales/pricing.h"
#include "sales/tender.h"
#include "store/open_store.h"

namespace salon {
namespace {

Store& TheStore() {
  static std::unique_ptr<Store> store = [] {
    const char* env = std::getenv("SALON_BENCH_STORE");
    std::string spec = env ? env : "";
    if (spec.empty()) {
      char tmpl[] = "/tmp/salon-store-bench-XXXXXX";
      spec = std::string("sqlite:") + mkdtemp(tmpl);
    }
    return OpenStore(spec);
  }();
  return *store;
}

// A 45-minute visit of one service for `staff`, starting at `start`.
Appointment Visit(IdSource& ids, const std::string& staff, Instant start) {
  Appointment a;
  a.id = AppointmentId{ids.NewId("apt")};
  a.salon_id = SalonId{"sal_bench"};
  a.branch_id = BranchId{"br_bench"};
  a.client_id = ClientId{"cli_bench"};
  a.source = "front_desk";
  a.notes = "Usual colour, ask about the fringe";
  a.span = {start, start + std::chrono::minutes(45)};
  AppointmentItem item;
  item.service_id = ServiceId{"svc_bench"};
  item.staff_id = StaffId{staff};
  item.span = a.span;
  item.phases = {{a.span, true}};
  a.items = {item};
  a.created_at = a.updated_at = start;
  return a;
}

MessageRow Outgoing(IdSource& ids, const Appointment& a, MessageKind kind, long long due) {
  MessageRow m;
  m.id = ids.NewId("msg");
  m.salon_id = a.salon_id.value;
  m.kind = kind;
  m.client_id = a.client_id.value;
  m.appointment_id = a.id.value;
  m.to = "+353871234567";
  m.status = MessageStatus::kQueued;
  m.due_at = due;
  m.segments = 1;
  m.created_at = due;
  m.data = R"({"text":"Hi Bo, your Cut with Ann at Main is booked for Mon 23 Nov at 10:00.","history":[]})";
  return m;
}

void BM_BookingRows(benchmark::State& state) {
  static std::atomic<int> next_staff{0};
  Store& store = TheStore();
  static const TimeZone zone = *TimeZone::Find("Europe/Dublin");
  RandomIdSource ids;
  // Each thread books its own staff member, visit after visit.
  const std::string staff = "stf_bench_" + std::to_string(next_staff++);
  Instant start{std::chrono::seconds(1893456000)};
  for (auto _ : state) {
    const Appointment a = Visit(ids, staff, start);
    start += std::chrono::minutes(45);
    Status s = store.Write([&](WriteTxn& txn) {
      txn.Put(Kind::kAppointment, RecordTraits<Appointment>::ToRecord(a));
      txn.SetBusy(a.id, a.salon_id,
                  {{a.id, StaffId{staff}, UnixSeconds(a.span.start), UnixSeconds(a.span.end)}});
      txn.BumpCalendar(a.branch_id, FormatDate(zone.DateOf(a.span.start)));
      txn.AddMessage(Outgoing(ids, a, MessageKind::kConfirmation, UnixSeconds(a.created_at)));
      txn.AddMessage(Outgoing(ids, a, MessageKind::kReminder, UnixSeconds(a.span.start) - 86400));
      return Status::Ok();
    });
    if (!s.ok()) state.SkipWithError(s.message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BookingRows)->Threads(1)->Threads(16)->Threads(64)->UseRealTime();

// The till of checkout thread `thread`, kept from run to run: a salon of its
// own (salon-load spreads checkouts over salons; a salon's writes are
// serialised on PostgreSQL, and receipt numbers are counted per branch), its
// product, and visits in the chair, booked once, for checkouts to complete.
struct Till {
  SalonId salon;
  BranchId branch;
  Product product;
  std::vector<Appointment> visits;
  size_t next = 0;  // the visit the next checkout completes
};

constexpr size_t kVisitsPerTill = 256;

// A colour then a cut by `staff` from `start`: 2 hours, the colour's
// processing time free.
Appointment ChairVisit(IdSource& ids, const Till& till, const std::string& staff,
                       Instant start) {
  using std::chrono::minutes;
  Appointment a;
  a.id = AppointmentId{ids.NewId("apt")};
  a.salon_id = till.salon;
  a.branch_id = till.branch;
  a.client_id = ClientId{"cli_bench"};
  a.status = AppointmentStatus::kInProgress;
  a.source = "front_desk";
  a.notes = "Usual colour, ask about the fringe";
  a.span = {start, start + minutes(120)};
  AppointmentItem colour;
  colour.service_id = ServiceId{"svc_bench_colour"};
  colour.staff_id = StaffId{staff};
  colour.span = {start, start + minutes(90)};
  colour.phases = {{{start, start + minutes(30)}, true},
                   {{start + minutes(30), start + minutes(60)}, false},
                   {{start + minutes(60), start + minutes(90)}, true}};
  AppointmentItem cut;
  cut.service_id = ServiceId{"svc_bench_cut"};
  cut.staff_id = StaffId{staff};
  cut.span = {start + minutes(90), a.span.end};
  cut.phases = {{cut.span, true}};
  a.items = {colour, cut};
  a.created_at = a.updated_at = start - std::chrono::hours(24 * 14);
  return a;
}

// Thread `thread`'s till, its product and visits stored the first time.
Result<Till*> TillOf(Store& store, int thread) {
  static std::mutex mu;
  static std::map<int, Till> tills;  // each used by its thread only
  Till* till;
  {
    std::lock_guard lock(mu);
    till = &tills[thread];
  }
  if (!till->visits.empty()) return till;
  RandomIdSource ids;
  const std::string n = std::to_string(thread);
  till->salon = SalonId{"sal_bench_till_" + n};
  till->branch = BranchId{"br_bench_till_" + n};
  Product& p = till->product;
  p.id = ProductId{"prd_bench_till_" + n};
  p.salon_id = till->salon;
  p.name = "Argan oil shampoo 250 ml";
  p.sku = "SH-ARG-250";
  p.price = {1250, "EUR"};
  p.tax_rate_bp = 2300;
  p.stock[till->branch.value] = 1000000;
  p.low_stock = 5;
  Instant start{std::chrono::seconds(1893456000)};
  for (size_t i = 0; i < kVisitsPerTill; ++i) {
    till->visits.push_back(ChairVisit(ids, *till, "stf_bench_till_" + n, start));
    start += std::chrono::hours(2);
  }
  Status s = store.Write([&](WriteTxn& txn) {
    Save(txn, p);
    for (const Appointment& a : till->visits) Save(txn, a);
    return Status::Ok();
  });
  if (!s.ok()) {
    till->visits.clear();
    return s;
  }
  return till;
}

// A sale of `cart` at `till` as the till prices and settles it (no
// discount, no tip): the services by card, the rest in cash tendered in
// whole 10.00 notes, which leaves change. Its id, number and time are the
// checkout's.
Result<Sale> SaleOf(const Till& till, const std::vector<CartLine>& cart) {
  SALON_ASSIGN_OR_RETURN(PricedCart priced, PriceCart(cart, std::nullopt, true));
  std::int64_t by_card = 0;
  for (const PricedLine& l : priced.lines) {
    if (l.line.kind == LineKind::kService) by_card += l.gross;
  }
  const std::int64_t cash_due = priced.totals.total - by_card;
  SALON_ASSIGN_OR_RETURN(
      Settlement settled,
      Settle(priced.totals.total, {{PaymentMethod::kCard, by_card, "", "AUTH 492871"},
                                   {PaymentMethod::kCash, (cash_due / 1000 + 1) * 1000, "", ""}}));
  Sale s;
  s.salon_id = till.salon;
  s.branch_id = till.branch;
  s.currency = "EUR";
  s.lines = std::move(priced.lines);
  s.refunded.assign(s.lines.size(), LineRefunded{});
  s.totals = priced.totals;
  s.payments = settled.payments;
  s.change = settled.change;
  return s;
}

// The cart of a checkout: a visit's colour and cut and a bottle of the
// product; a walk-in's cut and the product (as salon-load's).
std::vector<CartLine> CartOf(const Till& till, bool visit) {
  const std::string staff = till.visits.front().items.front().staff_id.value;
  const CartLine colour{LineKind::kService, "svc_bench_colour", staff, "Full head colour",
                        1, 6500, 1350, std::nullopt};
  const CartLine cut{LineKind::kService, "svc_bench_cut", staff, "Cut & finish",
                     1, 2000, 1350, std::nullopt};
  const CartLine product{LineKind::kProduct, till.product.id.value, "", till.product.name,
                         1, till.product.price.amount, till.product.tax_rate_bp, std::nullopt};
  if (visit) return {colour, cut, product};
  return {cut, product};
}

// The rows of a checkout, in Sales::Checkout's order, each checkout in its
// own durable transaction: the receipt number, the sale, the product's
// stock, the ledger entry and, for a visit, the appointment completed and
// its calendar day's version.
void CheckoutRows(benchmark::State& state, bool visit) {
  Store& store = TheStore();
  static const TimeZone zone = *TimeZone::Find("Europe/Dublin");
  RandomIdSource ids;
  auto opened = TillOf(store, state.thread_index());
  if (!opened.ok()) {
    state.SkipWithError(opened.status().message().c_str());
    return;
  }
  Till& till = **opened;
  auto sold = SaleOf(till, CartOf(till, visit));
  if (!sold.ok()) {
    state.SkipWithError(sold.status().message().c_str());
    return;
  }
  LedgerEntry posted;
  posted.salon_id = till.salon;
  posted.branch_id = till.branch;
  posted.source = "sale";
  posted.currency = sold->currency;
  posted.postings =
      Normalised(SalePostings(sold->lines, sold->totals.tips, sold->payments, sold->change));
  const std::string receipts = "receipt:" + till.branch.value;
  for (auto _ : state) {
    Appointment a = till.visits[till.next % till.visits.size()];
    // A visit's second checkout (a round of the till later) puts it back in
    // the chair, so every update changes its status as a checkout does.
    a.status = a.status == AppointmentStatus::kCompleted ? AppointmentStatus::kInProgress
                                                         : AppointmentStatus::kCompleted;
    a.version++;
    a.updated_at = a.span.end;
    Sale sale = *sold;
    sale.id = SaleId{ids.NewId(RecordTraits<Sale>::kPrefix)};
    sale.sold_at = a.span.end;
    if (visit) {
      sale.appointment_id = a.id;
      sale.client_id = a.client_id;
    }
    LedgerEntry entry = posted;
    entry.id = LedgerEntryId{ids.NewId(RecordTraits<LedgerEntry>::kPrefix)};
    entry.posted_at = sale.sold_at;
    entry.sale_id = sale.id;
    Product product = till.product;
    product.stock[till.branch.value] -= 1;
    product.version++;
    Status s = store.Write([&](WriteTxn& txn) {
      sale.number = txn.NextNumber(till.salon, receipts);
      txn.Put(Kind::kSale, RecordTraits<Sale>::ToRecord(sale));
      txn.Put(Kind::kProduct, RecordTraits<Product>::ToRecord(product));
      txn.Put(Kind::kLedgerEntry, RecordTraits<LedgerEntry>::ToRecord(entry));
      if (visit) {
        txn.Put(Kind::kAppointment, RecordTraits<Appointment>::ToRecord(a));
        txn.BumpCalendar(a.branch_id, FormatDate(zone.DateOf(a.span.start)));
      }
      return Status::Ok();
    });
    if (!s.ok()) {
      state.SkipWithError(s.message().c_str());
      break;
    }
    till.product = std::move(product);
    if (visit) till.visits[till.next++ % till.visits.size()] = std::move(a);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_CheckoutRows(benchmark::State& state) { CheckoutRows(state, true); }
BENCHMARK(BM_CheckoutRows)->Threads(1)->Threads(16)->Threads(64)->UseRealTime();

void BM_WalkInCheckoutRows(benchmark::State& state) { CheckoutRows(state, false); }
BENCHMARK(BM_WalkInCheckoutRows)->Threads(1)->Threads(16)->Threads(64)->UseRealTime();

void BM_RemindersOfAVisit(benchmark::State& state) {
  Store& store = TheStore();
  RandomIdSource ids;
  static const Appointment visit = [&] {
    Appointment a = Visit(ids, "stf_reminders", Instant{std::chrono::seconds(1893456000)});
    a.salon_id = SalonId{"sal_reminders"};
    Status s = store.Write([&](WriteTxn& txn) {
      for (int i = 0; i < 50000; ++i) {  // a campaign's, sent
        MessageRow m = Outgoing(ids, a, MessageKind::kMarketing, UnixSeconds(a.created_at));
        m.appointment_id.clear();
        m.campaign_id = "cmp_reminders";
        m.status = MessageStatus::kSent;
        txn.AddMessage(m);
      }
      txn.AddMessage(Outgoing(ids, a, MessageKind::kReminder, UnixSeconds(a.span.start) - 86400));
      return Status::Ok();
    });
    if (!s.ok()) std::abort();
    return a;
  }();
  MessageQuery q;  // as AppointmentMessages asks on a move
  q.salon_id = visit.salon_id;
  q.appointment_id = visit.id;
  q.kind = ToString(MessageKind::kReminder);
  q.status = ToString(MessageStatus::kQueued);
  q.limit = 100;
  for (auto _ : state) {
    std::size_t found = 0;
    Status s = store.Read([&](ReadTxn& txn) {
      found = txn.ListMessages(q).size();
      return Status::Ok();
    });
    if (!s.ok() || found != 1) state.SkipWithError("the visit's reminder was not found");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RemindersOfAVisit)->UseRealTime();

}  // namespace
}  // namespace salon

BENCHMARK_MAIN();
