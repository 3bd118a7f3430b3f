#include "app/catalog.h"

#include "app/answered_write.h"
#include "app/records.h"
#include "core/local_days.h"

namespace salon {

namespace json = boost::json;

namespace {

// The form a PATCH of `current` merges over: its document without the
// members that another member of `patch` states in another way (a service
// gives its phases or its duration).
template <typename T>
json::object RequestForm(const T& current, const json::object&) {
  return ToJson(current);
}

json::object RequestForm(const Service& current, const json::object& patch) {
  json::object form = ToJson(current);
  if (patch.contains("duration_minutes") && !patch.contains("phases")) form.erase("phases");
  if (patch.contains("phases") && !patch.contains("duration_minutes")) {
    form.erase("duration_minutes");
  }
  return form;
}

// The time zone of the staff member's branch.
Result<TimeZone> StaffZone(ReadTxn& txn, const SalonId& salon, const StaffId& staff) {
  SALON_ASSIGN_OR_RETURN(Staff s, Load<Staff>(txn, salon, staff.value));
  SALON_ASSIGN_OR_RETURN(Branch b, Load<Branch>(txn, salon, s.branch_id.value));
  return TimeZone::Find(b.timezone);
}

}  // namespace

template <typename T>
Result<Answer> Catalog::Create(const SalonId& salon, T value, const Answering<T>& how) {
  value.id.value = ids_.NewId(RecordTraits<T>::kPrefix);
  value.salon_id = salon;
  value.version = 1;
  value.archived = false;
  return WriteAnswered(store_, clock_, salon, how,
                       [&](WriteTxn& txn) { return Put(txn, value, nullptr); });
}

template <typename T>
Result<T> Catalog::Get(const SalonId& salon, const std::string& id) {
  return ReadResult(store_, [&](ReadTxn& txn) { return Load<T>(txn, salon, id); });
}

template <typename T>
Result<Page<T>> Catalog::List(const SalonId& salon, const CatalogFilter& filter) {
  ListQuery q = PageQuery(salon, filter.page);
  q.include_archived = filter.include_archived;
  if (filter.branch) q.parent_ids = {filter.branch->value};
  q.search = filter.text;
  return ReadResult(store_, [&](ReadTxn& txn) { return salon::List<T>(txn, q); });
}

template <typename T>
Result<Answer> Catalog::Patch(const SalonId& salon, const std::string& id,
                              const json::object& patch, std::optional<long long> if_match,
                              const Answering<T>& how) {
  return Change<T>(salon, id, &patch, if_match, how);
}

template <typename T>
Result<Answer> Catalog::Archive(const SalonId& salon, const std::string& id,
                                std::optional<long long> if_match, const Answering<T>& how) {
  return Change<T>(salon, id, nullptr, if_match, how);
}

template <typename T>
Result<Answer> Catalog::Change(const SalonId& salon, const std::string& id,
                               const json::object* patch, std::optional<long long> if_match,
                               const Answering<T>& how) {
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<T> {
    SALON_ASSIGN_OR_RETURN(T current, Load<T>(txn, salon, id));
    if (if_match && *if_match != current.version) {
      return Status::Stale("the object is at version " + std::to_string(current.version));
    }
    T next = current;
    if (patch != nullptr) {
      SALON_ASSIGN_OR_RETURN(next, RecordTraits<T>::Parse(
                                       MergePatch(RequestForm(current, *patch), *patch)));
      next.id = current.id;
      next.salon_id = current.salon_id;
    } else {
      next.archived = true;
    }
    next.version = current.version + 1;
    return Put(txn, std::move(next), &current);
  });
}

#define SALON_CATALOG_TYPE(T)                                                                \
  template Result<Answer> Catalog::Create<T>(const SalonId&, T, const Answering<T>&);       \
  template Result<T> Catalog::Get<T>(const SalonId&, const std::string&);                    \
  template Result<Page<T>> Catalog::List<T>(const SalonId&, const CatalogFilter&);           \
  template Result<Answer> Catalog::Patch<T>(const SalonId&, const std::string&,              \
                                            const json::object&, std::optional<long long>,   \
                                            const Answering<T>&);                            \
  template Result<Answer> Catalog::Archive<T>(const SalonId&, const std::string&,            \
                                              std::optional<long long>, const Answering<T>&);
SALON_CATALOG_TYPE(Branch)
SALON_CATALOG_TYPE(Staff)
SALON_CATALOG_TYPE(Service)
SALON_CATALOG_TYPE(Client)
SALON_CATALOG_TYPE(Product)
#undef SALON_CATALOG_TYPE

Result<Branch> Catalog::Put(WriteTxn& txn, Branch b, const Branch* previous) {
  directory_.SaveBranch(txn, b);
  // A new time zone or grid changes every day of the calendar.
  if (previous != nullptr) calendar_.Touch(txn, b.id, {});
  return b;
}

Result<Staff> Catalog::Put(WriteTxn& txn, Staff s, const Staff* previous) {
  auto branch = Load<Branch>(txn, s.salon_id, s.branch_id.value);
  if (!branch.ok() || branch->archived) {
    return Status::Invalid("unknown branch", {{"branch_id", "no such branch"}});
  }
  for (const ServiceId& id : s.service_ids) {
    auto service = Load<Service>(txn, s.salon_id, id.value);
    if (!service.ok()) {
      return Status::Invalid("unknown service '" + id.value + "'",
                             {{"service_ids", "no such service: " + id.value}});
    }
  }
  directory_.SaveStaff(txn, s, previous);
  calendar_.Touch(txn, s.branch_id, {});
  if (previous != nullptr && previous->branch_id != s.branch_id) {
    calendar_.Touch(txn, previous->branch_id, {});
  }
  return s;
}

Result<Service> Catalog::Put(WriteTxn& txn, Service s, const Service*) {
  directory_.SaveService(txn, s);
  return s;
}

Result<Product> Catalog::Put(WriteTxn& txn, Product p, const Product* previous) {
  SALON_ASSIGN_OR_RETURN(Salon salon, directory_.FindSalon(txn, p.salon_id));
  if (p.price.currency != salon.currency) {
    return Status::Invalid("the price is in another currency",
                           {{"price.currency", "must be the salon's, " + salon.currency}});
  }
  if (previous != nullptr && p.stock != previous->stock) {
    return Status::Invalid("stock changes by adjustments",
                           {{"stock", "adjust it with POST …/products/{id}/stock"}});
  }
  for (const auto& [branch, units] : p.stock) {
    if (!Load<Branch>(txn, p.salon_id, branch).ok()) {
      return Status::Invalid("unknown branch", {{"stock." + branch, "no such branch"}});
    }
  }
  Save(txn, p);
  return p;
}

Result<Client> Catalog::Put(WriteTxn& txn, Client c, const Client* previous) {
  LogConsentChanges(previous, c, clock_.Now(), "api");
  directory_.SaveClient(txn, c);
  return c;
}

Status Catalog::TouchStaffDays(WriteTxn& txn, const TimeOff& t) {
  SALON_ASSIGN_OR_RETURN(Staff staff, Load<Staff>(txn, t.salon_id, t.staff_id.value));
  SALON_ASSIGN_OR_RETURN(Branch branch, Load<Branch>(txn, t.salon_id, staff.branch_id.value));
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  calendar_.Touch(txn, branch.id, DaysOf(t.span, zone));
  return Status::Ok();
}

Result<Answer> Catalog::AddTimeOff(const SalonId& salon, const StaffId& staff, TimeOff t,
                                   const Answering<TimeOffView>& how) {
  t.id.value = ids_.NewId(RecordTraits<TimeOff>::kPrefix);
  t.salon_id = salon;
  t.staff_id = staff;
  t.archived = false;
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<TimeOffView> {
    SALON_ASSIGN_OR_RETURN(TimeZone zone, StaffZone(txn, salon, staff));
    Save(txn, t);
    SALON_RETURN_IF_ERROR(TouchStaffDays(txn, t));
    return TimeOffView{t, zone};
  });
}

Result<Page<TimeOffView>> Catalog::TimeOffOf(const SalonId& salon, const StaffId& staff,
                                             const PageRequest& page) {
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<Page<TimeOffView>> {
    SALON_ASSIGN_OR_RETURN(TimeZone zone, StaffZone(txn, salon, staff));
    ListQuery q = PageQuery(salon, page);
    q.parent_ids = {staff.value};
    SALON_ASSIGN_OR_RETURN(Page<TimeOff> listed, salon::List<TimeOff>(txn, q));
    Page<TimeOffView> out{{}, listed.next};
    for (TimeOff& t : listed.items) out.items.push_back({std::move(t), zone});
    return out;
  });
}

Result<Answer> Catalog::RemoveTimeOff(const SalonId& salon, const StaffId& staff,
                                      const std::string& id, const Answering<TimeOffView>& how) {
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<TimeOffView> {
    SALON_ASSIGN_OR_RETURN(TimeOff t, Load<TimeOff>(txn, salon, id));
    if (t.staff_id != staff || t.archived) return Status::NotFound("no time off '" + id + "'");
    SALON_ASSIGN_OR_RETURN(TimeZone zone, StaffZone(txn, salon, t.staff_id));
    t.archived = true;
    Save(txn, t);
    SALON_RETURN_IF_ERROR(TouchStaffDays(txn, t));
    return TimeOffView{t, zone};
  });
}

}  // namespace salon
