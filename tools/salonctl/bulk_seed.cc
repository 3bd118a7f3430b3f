#include "tools/salonctl/bulk_seed.h"

#include <boost/json.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include "app/records.h"
#include "core/visit_planner.h"
#include "sales/ledger.h"
#include "sales/pricing.h"
#include "sales/tender.h"
#include "tools/salonctl/demo_seed.h"

namespace salon {
namespace {

namespace json = boost::json;

constexpr const char* kZones[] = {"Europe/Dublin", "Europe/London", "Europe/Helsinki",
                                  "America/New_York", "America/Los_Angeles"};
constexpr long long kClientBytes = 500, kAppointmentBytes = 1200, kFixedBytes = 40000;
// A past visit's sale and its ledger entry.
constexpr long long kCheckoutBytes = 2300;

// One salon, built and ready to be written.
struct SalonBatch {
  std::vector<std::pair<Kind, Record>> records;
  std::vector<std::pair<AppointmentId, std::vector<BusyRow>>> busy;
  std::string key;
  SalonId id;
  json::object line;
  long long appointments = 0;
  // The branch's receipt scope and how many sales the batch numbered 1..N
  // in it: the writer draws the same numbers from the store's counter.
  std::string receipt_scope;
  long long sales = 0;
  Status failed = Status::Ok();  // a checkout the sales rules refused (a bug)
};

// The checkout of a visit that is over, as the till makes it (Sales::Checkout):
// its services at list price, paid by card, receipt `number`, sold when it
// ended; with its balanced ledger entry. Appends both records to `b`.
Status CheckOut(const Salon& salon, const Appointment& visit,
                const std::vector<const Service*>& services, long long number, IdSource& ids,
                SalonBatch& b) {
  std::vector<CartLine> cart;
  for (size_t i = 0; i < visit.items.size(); ++i) {
    const Service& s = *services[i];
    cart.push_back({LineKind::kService, s.id.value, visit.items[i].staff_id.value, s.name, 1,
                    s.price.amount, s.tax_rate_bp, std::nullopt});
  }
  SALON_ASSIGN_OR_RETURN(PricedCart priced, PriceCart(cart, std::nullopt, salon.prices_include_tax));
  SALON_ASSIGN_OR_RETURN(
      Settlement settled,
      Settle(priced.totals.total, {Payment{PaymentMethod::kCard, priced.totals.total, "", ""}}));
  Sale sale;
  sale.id = SaleId{ids.NewId(RecordTraits<Sale>::kPrefix)};
  sale.salon_id = salon.id;
  sale.branch_id = visit.branch_id;
  sale.number = number;
  sale.client_id = visit.client_id;
  sale.appointment_id = visit.id;
  sale.currency = salon.currency;
  sale.prices_include_tax = salon.prices_include_tax;
  sale.lines = std::move(priced.lines);
  sale.refunded.assign(sale.lines.size(), LineRefunded{});
  sale.totals = priced.totals;
  sale.payments = settled.payments;
  sale.change = settled.change;
  sale.sold_at = visit.span.end;

  LedgerEntry entry;
  entry.id = LedgerEntryId{ids.NewId(RecordTraits<LedgerEntry>::kPrefix)};
  entry.salon_id = salon.id;
  entry.branch_id = sale.branch_id;
  entry.posted_at = sale.sold_at;
  entry.source = "sale";
  entry.sale_id = sale.id;
  entry.currency = sale.currency;
  entry.postings =
      Normalised(SalePostings(sale.lines, sale.totals.tips, sale.payments, sale.change));
  if (!Balanced(entry.postings)) return Status::Internal("an unbalanced seeded sale entry");
  b.records.emplace_back(Kind::kSale, RecordTraits<Sale>::ToRecord(sale));
  b.records.emplace_back(Kind::kLedgerEntry, RecordTraits<LedgerEntry>::ToRecord(entry));
  return Status::Ok();
}

SalonBatch Build(int index, const SeedPlan& plan, LocalDate today, IdSource& ids) {
  std::mt19937 rng(plan.seed * 1000003u + unsigned(index));
  SalonBatch b;
  Salon salon;
  salon.id = SalonId{ids.NewId("sal")};
  salon.name = "Seeded salon " + std::to_string(index);
  salon.currency = "EUR";
  salon.country = "IE";
  b.id = salon.id;
  b.key = "sk_" + ids.NewSecret(24);
  b.records.emplace_back(Kind::kSalon, RecordTraits<Salon>::ToRecord(salon));

  Branch branch;
  branch.id = BranchId{ids.NewId("br")};
  branch.salon_id = salon.id;
  branch.name = "Main";
  branch.timezone = kZones[index % std::size(kZones)];
  b.records.emplace_back(Kind::kBranch, RecordTraits<Branch>::ToRecord(branch));
  const TimeZone zone = *TimeZone::Find(branch.timezone);

  std::vector<Service> services = StandardServices();
  json::array service_ids;
  for (Service& s : services) {
    s.id = ServiceId{ids.NewId("svc")};
    s.salon_id = salon.id;
    b.records.emplace_back(Kind::kService, RecordTraits<Service>::ToRecord(s));
  }
  service_ids.push_back(json::value(services[2].id.value));  // the 15-minute one first
  for (size_t i = 0; i < services.size(); ++i) {
    if (i != 2) service_ids.push_back(json::value(services[i].id.value));
  }
  std::vector<Staff> staff(size_t(plan.staff));
  json::array staff_ids;
  for (int k = 0; k < plan.staff; ++k) {
    Staff& s = staff[size_t(k)];
    s.id = StaffId{ids.NewId("stf")};
    s.salon_id = salon.id;
    s.branch_id = branch.id;
    s.name = "Stylist " + std::to_string(k);
    for (int d = 0; d < 6; ++d) s.hours[d] = {{9 * 60, 19 * 60}};
    std::vector<ServiceId> offered;
    for (const Service& svc : services) offered.push_back(svc.id);
    s.service_ids = std::move(offered);
    b.records.emplace_back(Kind::kStaff, RecordTraits<Staff>::ToRecord(s));
    staff_ids.push_back(json::value(s.id.value));
  }
  std::vector<ClientId> clients;
  for (int c = 0; c < plan.clients; ++c) {
    Client client;
    client.id = ClientId{ids.NewId("cli")};
    client.salon_id = salon.id;
    client.first_name = "Client" + std::to_string(c);
    client.last_name = "Seeded";
    char phone[24];
    std::snprintf(phone, sizeof phone, "+3538%03d%05d", index % 1000, c % 100000);
    client.phone = phone;
    client.sms_reminders = rng() % 10 < 7;
    client.sms_marketing = rng() % 10 < 4;
    b.records.emplace_back(Kind::kClient, RecordTraits<Client>::ToRecord(client));
    clients.push_back(client.id);
  }

  // Up to 4 visits a day per staff member, 130 minutes apart from 09:00, so
  // none of them overlap whatever the service. Those before today are over:
  // each was checked out at the till when it ended (receipts in that order)
  // and so completed.
  b.receipt_scope = "receipt:" + branch.id.value;
  const int per_day = std::min(plan.per_day, 4 * plan.staff);
  for (int day = -plan.history_days; day < plan.future_days; ++day) {
    const LocalDate date = today + date::days(day);
    if (WeekdayIndex(date) == 6) continue;  // closed on Sundays
    for (int i = 0; i < per_day; ++i) {
      const Service& service = services[rng() % services.size()];
      const Staff& who = staff[size_t(i % plan.staff)];
      Appointment a;
      a.id = AppointmentId{ids.NewId("apt")};
      a.salon_id = salon.id;
      a.branch_id = branch.id;
      a.client_id = clients[rng() % clients.size()];
      a.status = AppointmentStatus::kBooked;
      a.source = i % 5 < 2 ? "online" : "front_desk";
      a.span.start = zone.ToInstant(LocalTime(date) +
                                    std::chrono::minutes(9 * 60 + 130 * (i / plan.staff)));
      // Laid out as a booking lays out its visit; the staff member is
      // known free (the visits never overlap), so there is nothing to plan.
      a.items = LayOutVisit(a.span.start, {{&service, who.id}});
      a.items.front().staff_id = who.id;
      a.span.end = a.items.back().span.end;
      a.created_at = a.updated_at = a.span.start - std::chrono::hours(24 * 7);
      std::vector<BusyRow> rows;
      for (const StaffBusy& busy : BusyTime(a.items)) {
        rows.push_back({a.id, busy.staff_id, UnixSeconds(busy.span.start),
                        UnixSeconds(busy.span.end)});
      }
      if (day < 0 && b.failed.ok()) {
        b.failed = CheckOut(salon, a, {&service}, ++b.sales, ids, b);
        a.status = AppointmentStatus::kCompleted;
        a.version++;
        a.updated_at = a.span.end;
      }
      b.records.emplace_back(Kind::kAppointment, RecordTraits<Appointment>::ToRecord(a));
      b.busy.emplace_back(a.id, std::move(rows));
      ++b.appointments;
    }
  }
  b.line = {{"id", salon.id.value},      {"key", b.key},          {"branch", branch.id.value},
            {"timezone", branch.timezone},
            {"client", clients.front().value}, {"staff", staff_ids}, {"services", service_ids}};
  return b;
}

}  // namespace

long long BytesPerSalon(const SeedPlan& plan) {
  const long long days = (plan.history_days + plan.future_days) * 6 / 7;
  const long long past_days = plan.history_days * 6 / 7;
  const long long per_day = std::min(plan.per_day, 4 * plan.staff);
  return kFixedBytes + plan.clients * kClientBytes + days * per_day * kAppointmentBytes +
         past_days * per_day * kCheckoutBytes;
}

SeedPlan FitToDisk(SeedPlan plan, long long free_bytes, std::string& note) {
  const SeedPlan asked = plan;
  auto fits = [&] { return plan.salons * BytesPerSalon(plan) <= free_bytes / 2; };
  while (!fits() && plan.history_days > 0) plan.history_days = plan.history_days * 3 / 4;
  while (!fits() && plan.future_days > 0) plan.future_days = plan.future_days * 3 / 4;
  note.clear();
  if (plan.history_days != asked.history_days || plan.future_days != asked.future_days) {
    note = "history scaled down to fit the disk: " + std::to_string(plan.history_days) +
           " days past and " + std::to_string(plan.future_days) + " ahead (asked " +
           std::to_string(asked.history_days) + " and " + std::to_string(asked.future_days) + ")";
  }
  return plan;
}

Result<SeedResult> SeedSalons(Store& store, Directory& directory, IdSource& ids,
                              const SeedPlan& plan, LocalDate today,
                              const std::function<void(int)>& progress, std::ostream& out) {
  // Two builders fill a short queue; this thread writes, one salon per transaction.
  std::mutex mu;
  std::condition_variable cv;
  std::deque<SalonBatch> ready;
  int next = 0;
  bool stop = false;
  auto builder = [&] {
    for (;;) {
      int index;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stop || ready.size() < 8; });
        if (stop || next >= plan.salons) return;
        index = next++;
      }
      SalonBatch b = Build(index, plan, today, ids);
      std::lock_guard lock(mu);
      ready.push_back(std::move(b));
      cv.notify_all();
    }
  };
  std::vector<std::thread> builders;
  for (int i = 0; i < 2; ++i) builders.emplace_back(builder);
  SeedResult result;
  Status failed = Status::Ok();
  for (int done = 0; done < plan.salons && failed.ok(); ++done) {
    SalonBatch b;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return !ready.empty(); });
      b = std::move(ready.front());
      ready.pop_front();
      cv.notify_all();
    }
    failed = b.failed;
    if (!failed.ok()) break;
    failed = store.Write([&](WriteTxn& txn) {
      // The receipts were numbered as the till numbers them: from the
      // branch's counter, which then goes on from there for live sales.
      for (long long n = 1; n <= b.sales; ++n) {
        if (txn.NextNumber(b.id, b.receipt_scope) != n) {
          return Status::Internal("the branch's receipt counter was not new");
        }
      }
      for (const auto& [kind, record] : b.records) txn.Put(kind, record);
      for (const auto& [appointment, rows] : b.busy) txn.SetBusy(appointment, b.id, rows);
      directory.AddSalonKey(txn, b.key, b.id);
      return Status::Ok();
    });
    if (!failed.ok()) break;
    result.salons++;
    result.records += (long long)b.records.size();
    result.appointments += b.appointments;
    result.sales += b.sales;
    out << json::serialize(b.line) << "\n";
    progress(done + 1);
  }
  {
    std::lock_guard lock(mu);
    stop = true;
  }
  cv.notify_all();
  for (auto& t : builders) t.join();
  if (!failed.ok()) return failed;
  return result;
}

}  // namespace salon
