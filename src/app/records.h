// Typed access to stored objects: each entity's Record columns and its JSON
// document (UTC instants), and loading, saving and paging by type.
#pragma once

#include <boost/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/page.h"
#include "base/request_stages.h"
#include "base/result.h"
#include "codec/entity_json.h"
#include "codec/json_reader.h"
#include "codec/people_json.h"
#include "codec/sales_json.h"
#include "codec/storage_format.h"
#include "codec/till_json.h"
#include "store/store.h"

namespace salon {

template <typename T>
struct RecordTraits;

#define SALON_RECORD_TRAITS(T, kind, prefix, noun, parse)                  \
  template <>                                                              \
  struct RecordTraits<T> {                                                 \
    static constexpr Kind kKind = kind;                                    \
    static constexpr const char* kPrefix = prefix;                         \
    static constexpr const char* kNoun = noun;                             \
    static Record ToRecord(const T& value);                                \
    static Result<T> Parse(const boost::json::value& v) { return parse(v); } \
  };

SALON_RECORD_TRAITS(Salon, Kind::kSalon, "sal", "salon", SalonFromJson)
SALON_RECORD_TRAITS(Branch, Kind::kBranch, "br", "branch", BranchFromJson)
SALON_RECORD_TRAITS(Staff, Kind::kStaff, "stf", "staff member", StaffFromJson)
SALON_RECORD_TRAITS(Service, Kind::kService, "svc", "service", ServiceFromJson)
SALON_RECORD_TRAITS(Client, Kind::kClient, "cli", "client", ClientFromJson)
SALON_RECORD_TRAITS(TimeOff, Kind::kTimeOff, "off", "time off", TimeOffFromJson)
SALON_RECORD_TRAITS(Appointment, Kind::kAppointment, "apt", "appointment",
                    AppointmentFromJson)
SALON_RECORD_TRAITS(Product, Kind::kProduct, "prd", "product", ProductFromJson)
SALON_RECORD_TRAITS(Sale, Kind::kSale, "sale", "sale", SaleFromJson)
// A deposit's `search`: finds the deposits taken for `visit` among its
// client's sales without reading the others (migration 6 wrote it for
// deposits stored before).
std::string DepositKey(const AppointmentId& visit);
SALON_RECORD_TRAITS(LedgerEntry, Kind::kLedgerEntry, "led", "ledger entry",
                    LedgerEntryFromJson)
SALON_RECORD_TRAITS(Voucher, Kind::kVoucher, "", "voucher", VoucherFromJson)
SALON_RECORD_TRAITS(StockMove, Kind::kStockMove, "stk", "stock move", StockMoveFromJson)
SALON_RECORD_TRAITS(CashUp, Kind::kCashUp, "cup", "cash-up", CashUpFromJson)
SALON_RECORD_TRAITS(User, Kind::kUser, "usr", "user", UserFromJson)
SALON_RECORD_TRAITS(Session, Kind::kSession, "", "session", SessionFromJson)
#undef SALON_RECORD_TRAITS

// The Record::start of `date`'s cash-ups: the seconds of the date's
// midnight in UTC, a key of the date (not an instant of the branch's).
inline long long CashUpDayKey(LocalDate date) {
  return static_cast<long long>(date.time_since_epoch().count()) * 86400;
}

// Decodes a stored document (codec/storage_format.h: of any format, fields
// of a newer one ignored); a corrupt one is kInternal.
template <typename T>
Result<T> FromRecord(const Record& r) {
  auto v = FromStored(r.data);
  if (!v.ok()) {
    return Status::Internal("corrupt stored " + std::string(RecordTraits<T>::kNoun) + ": " +
                            v.status().message());
  }
  StoredDocument stored;  // request rules tightened since do not apply
  auto parsed = RecordTraits<T>::Parse(*v);
  if (!parsed.ok()) {
    return Status::Internal("corrupt stored " + std::string(RecordTraits<T>::kNoun) +
                            ": " + parsed.status().message());
  }
  return parsed;
}

// The object `id` of `salon`, else kNotFound (also for another salon's).
template <typename T>
Result<T> Load(RecordReader& txn, const SalonId& salon, std::string_view id) {
  auto r = txn.Get(RecordTraits<T>::kKind, salon, id);
  if (!r) {
    return Status::NotFound("no " + std::string(RecordTraits<T>::kNoun) + " '" +
                            std::string(id) + "'");
  }
  return FromRecord<T>(*r);
}

// The objects of T at `keys` that exist and decode, by (salon, id): Load of
// each, in one read (RecordReader::GetMany).
template <typename T>
std::map<std::pair<std::string, std::string>, T> LoadMany(RecordReader& txn,
                                                          const std::vector<RecordKey>& keys) {
  std::map<std::pair<std::string, std::string>, T> found;
  for (const Record& r : txn.GetMany(RecordTraits<T>::kKind, keys)) {
    auto value = FromRecord<T>(r);
    if (value.ok()) found.emplace(std::pair{r.salon_id, r.id}, std::move(*value));
  }
  return found;
}

template <typename T>
void Save(RecordWriter& txn, const T& value) {
  txn.Put(RecordTraits<T>::kKind, RecordTraits<T>::ToRecord(value));
}
// Clients are saved through Directory::SaveClient, which keeps its cache.
template <>
void Save(RecordWriter& txn, const Client& value) = delete;

// Runs `fn(ReadTxn&)`, which answers a Result, on a read snapshot of
// `store`; answers its result, or the store's own error.
template <typename Fn>
auto ReadResult(Store& store, Fn&& fn) -> decltype(fn(std::declval<ReadTxn&>())) {
  decltype(fn(std::declval<ReadTxn&>())) out = Status::Internal("the read did not run");
  StageTimer timer("store_read");
  Status s = store.Read([&](ReadTxn& txn) {
    out = fn(txn);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

// A list query for one page of `salon`'s objects (the kind is set by List).
inline ListQuery PageQuery(const SalonId& salon, const PageRequest& page) {
  ListQuery q;
  q.salon_id = salon;
  q.after_id = page.after;
  q.limit = page.limit;
  return q;
}

// One page of `q` (whose kind is set from T); fetches one extra to know
// whether there is a next page.
template <typename T>
Result<Page<T>> List(RecordReader& txn, ListQuery q) {
  q.kind = RecordTraits<T>::kKind;
  const int limit = q.limit;
  q.limit = limit + 1;
  Page<T> page;
  for (const Record& r : txn.List(q)) {
    if (int(page.items.size()) == limit) {
      page.next = page.items.back().id.value;
      break;
    }
    SALON_ASSIGN_OR_RETURN(T value, FromRecord<T>(r));
    page.items.push_back(std::move(value));
  }
  return page;
}

// Every record of `q` (its kind set from T), a page of 500 at a time.
template <typename T>
Result<std::vector<T>> ListAll(RecordReader& txn, ListQuery q) {
  q.limit = 500;
  std::vector<T> out;
  for (;;) {
    SALON_ASSIGN_OR_RETURN(Page<T> page, salon::List<T>(txn, q));
    for (T& item : page.items) out.push_back(std::move(item));
    if (page.next.empty()) return out;
    q.after_id = page.next;
  }
}

}  // namespace salon
