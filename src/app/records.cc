#include "app/records.h"

#include <algorithm>
#include <cctype>

#include "codec/storage_format.h"

namespace salon {
namespace {

namespace json = boost::json;

Record Base(const std::string& id, const SalonId& salon, long long version,
            bool archived, json::object doc) {
  Record r;
  r.id = id;
  r.salon_id = salon.value;
  r.version = version;
  r.archived = archived;
  r.data = ToStored(std::move(doc));
  return r;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

Record RecordTraits<Salon>::ToRecord(const Salon& s) {
  Record r = Base(s.id.value, s.id, s.version, false, ToJson(s));
  r.search = Lower(s.name);
  return r;
}

Record RecordTraits<Branch>::ToRecord(const Branch& b) {
  return Base(b.id.value, b.salon_id, b.version, b.archived, ToJson(b));
}

Record RecordTraits<Staff>::ToRecord(const Staff& s) {
  Record r = Base(s.id.value, s.salon_id, s.version, s.archived, ToJson(s));
  r.parent_id = s.branch_id.value;
  r.search = Lower(s.name);
  return r;
}

Record RecordTraits<Service>::ToRecord(const Service& s) {
  Record r = Base(s.id.value, s.salon_id, s.version, s.archived, ToJson(s));
  r.search = Lower(s.name + " " + s.category);
  return r;
}

Record RecordTraits<Client>::ToRecord(const Client& c) {
  Record r = Base(c.id.value, c.salon_id, c.version, c.archived, ToJson(c));
  r.search = Lower(c.first_name + " " + c.last_name + " " + c.phone + " " + c.email);
  return r;
}

Record RecordTraits<TimeOff>::ToRecord(const TimeOff& t) {
  Record r = Base(t.id.value, t.salon_id, 1, t.archived, ToJson(t, nullptr));
  r.parent_id = t.staff_id.value;
  r.start = UnixSeconds(t.span.start);
  r.end = UnixSeconds(t.span.end);
  return r;
}

Record RecordTraits<Appointment>::ToRecord(const Appointment& a) {
  Record r = Base(a.id.value, a.salon_id, a.version, false, ToJson(a, nullptr));
  r.parent_id = a.branch_id.value;
  r.start = UnixSeconds(a.span.start);
  r.end = UnixSeconds(a.span.end);
  r.client_id = a.client_id.value;
  r.status = std::string(ToString(a.status));
  return r;
}

Record RecordTraits<Product>::ToRecord(const Product& p) {
  Record r = Base(p.id.value, p.salon_id, p.version, p.archived, ToJson(p));
  r.search = Lower(p.name + " " + p.sku);
  return r;
}

Record RecordTraits<Sale>::ToRecord(const Sale& s) {
  Record r = Base(s.id.value, s.salon_id, s.version, false, ToJson(s, nullptr));
  r.parent_id = s.branch_id.value;
  r.start = UnixSeconds(s.sold_at);
  r.end = r.start + 1;
  r.client_id = s.client_id.value;
  r.status = ToString(s.status);
  if (s.kind == SaleKind::kDeposit) r.search = DepositKey(s.appointment_id);
  return r;
}

std::string DepositKey(const AppointmentId& visit) { return "deposit " + visit.value; }

Record RecordTraits<StockMove>::ToRecord(const StockMove& m) {
  Record r = Base(m.id.value, m.salon_id, m.version, false, ToJson(m, nullptr));
  r.parent_id = m.product_id.value;
  r.start = UnixSeconds(m.at);
  r.end = r.start + 1;
  return r;
}

Record RecordTraits<Voucher>::ToRecord(const Voucher& v) {
  Record r = Base(v.id.value, v.salon_id, v.version, false, ToJson(v));
  r.parent_id = v.branch_id.value;
  return r;
}

Record RecordTraits<LedgerEntry>::ToRecord(const LedgerEntry& e) {
  Record r = Base(e.id.value, e.salon_id, 1, false, ToJson(e, nullptr));
  r.parent_id = e.branch_id.value;
  r.start = UnixSeconds(e.posted_at);
  r.end = r.start + 1;
  r.search = e.sale_id.value;
  return r;
}

Record RecordTraits<CashUp>::ToRecord(const CashUp& c) {
  Record r = Base(c.id.value, c.salon_id, 1, false, ToJson(c, nullptr));
  r.parent_id = c.branch_id.value;
  // Its date, as the seconds of that date's midnight in UTC: a key to list
  // dates by (CashUpDayKey), the same whatever the branch's time zone.
  r.start = CashUpDayKey(c.date);
  r.end = r.start + 86400;
  return r;
}

Record RecordTraits<User>::ToRecord(const User& u) {
  Record r = Base(u.id.value, u.salon_id, u.version, u.archived, ToStoredJson(u));
  r.search = u.email;
  if (u.staff_id) r.parent_id = u.staff_id->value;
  return r;
}

Record RecordTraits<Session>::ToRecord(const Session& s) {
  Record r = Base(s.id, s.salon_id, s.version, s.archived, ToJson(s));
  r.parent_id = s.user_id.value;
  r.start = UnixSeconds(s.created_at);
  r.end = UnixSeconds(s.expires_at);
  return r;
}

}  // namespace salon
