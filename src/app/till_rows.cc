#include "app/till_rows.h"

#include "app/records.h"
#include "core/local_days.h"

namespace salon {

std::string LineField(size_t i, const char* field) {
  return "lines[" + std::to_string(i) + "]." + field;
}

Status InLine(const Status& s, size_t i) {
  std::vector<FieldError> errors;
  for (const FieldError& e : s.errors()) errors.push_back({LineField(i, e.field.c_str()), e.message});
  return Status(s.code(), s.message(), std::move(errors));
}

Status Unknown(const std::string& field, const std::string& what) {
  return Status::Invalid("unknown " + what, {{field, "no such " + what}});
}

Status CheckMethod(PaymentMethod m, const std::string& field) {
  if (m != PaymentMethod::kDeposit) return Status::Ok();
  return Status::Invalid("a deposit held for the appointment is applied by itself",
                         {{field, "leave deposits out"}});
}

Status CheckCurrency(const std::string& given, const Salon& s) {
  if (given.empty() || given == s.currency) return Status::Ok();
  return Status::Invalid("the salon sells in " + s.currency,
                         {{"currency", "must be the salon's, " + s.currency}});
}

Result<TimeZone> ZoneOf(RecordReader& txn, const SalonId& salon, const BranchId& branch) {
  SALON_ASSIGN_OR_RETURN(Branch b, Load<Branch>(txn, salon, branch.value));
  return TimeZone::Find(b.timezone);
}

Result<TimeZone> OpenBranchZone(RecordReader& txn, const SalonId& salon, const BranchId& branch) {
  auto b = Load<Branch>(txn, salon, branch.value);
  if (!b.ok() || b->archived) return Unknown("branch_id", "branch");
  return TimeZone::Find(b->timezone);
}

Result<std::vector<Sale>> DepositsFor(RecordReader& txn, const Appointment& visit) {
  ListQuery q = PageQuery(visit.salon_id, PageRequest{});
  q.client_id = visit.client_id;
  q.search = DepositKey(visit.id);
  SALON_ASSIGN_OR_RETURN(std::vector<Sale> found, ListAll<Sale>(txn, q));
  std::erase_if(found, [&](const Sale& s) {  // the key is a substring: "apt_1" in "apt_12"
    return s.kind != SaleKind::kDeposit || s.appointment_id != visit.id;
  });
  return found;
}

Result<std::vector<Sale>> SalesOfClient(RecordReader& txn, const SalonId& salon,
                                        const ClientId& client) {
  ListQuery q = PageQuery(salon, PageRequest{});
  q.client_id = client;
  return ListAll<Sale>(txn, q);
}

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

long long NextReceiptNumber(Counters& txn, const SalonId& salon, const BranchId& branch) {
  return txn.NextNumber(salon, "receipt:" + branch.value);
}

std::vector<std::int64_t> Quantities(const Sale& sale) {
  std::vector<std::int64_t> q;
  for (const PricedLine& l : sale.lines) q.push_back(l.line.quantity);
  return q;
}

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

Result<TimeZone> BranchZones::Of(const BranchId& branch) {
  auto it = zones_.find(branch.value);
  if (it != zones_.end()) return it->second;
  SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn_, salon_, branch));
  zones_.emplace(branch.value, zone);
  return zone;
}

}  // namespace salon
