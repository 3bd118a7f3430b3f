// Catalog: the use cases of what a salon sets up — branches, staff,
// services, clients and time off: create (ids minted here), read, list,
// patch and archive, each in a transaction of its own, checking what an
// object refers to and touching the calendar days its change shows on.
// Thread-safe; no state of its own.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>

#include "app/answer.h"
#include "app/calendar_versions.h"
#include "app/directory.h"
#include "app/page.h"
#include "core/client.h"
#include "core/service.h"
#include "core/staff.h"
#include "sales/product.h"

namespace salon {

// What a list of T may be narrowed to.
struct CatalogFilter {
  PageRequest page;
  bool include_archived = false;
  std::optional<BranchId> branch;  // staff
  std::string text;                // clients and services: lower-case text they contain
};

// Time off with the time zone of its staff member's branch, shown in it.
struct TimeOffView {
  TimeOff time_off;
  TimeZone zone;
};

class Catalog {
 public:
  Catalog(Store& store, Directory& directory, CalendarVersions& calendar, IdSource& ids,
          const Clock& clock)
      : store_(store), directory_(directory), calendar_(calendar), ids_(ids), clock_(clock) {}

  // T is Branch, Staff, Service, Client or Product. kInvalid when a reference
  // (branch, service) does not exist.
  template <typename T>
  Result<Answer> Create(const SalonId& salon, T value, const Answering<T>& how);
  template <typename T>
  Result<T> Get(const SalonId& salon, const std::string& id);
  template <typename T>
  Result<Page<T>> List(const SalonId& salon, const CatalogFilter& filter);
  // Applies `patch` (a JSON merge patch of the object's request form) and
  // validates the result as strictly as a create; kStale for a stale
  // `if_match`.
  template <typename T>
  Result<Answer> Patch(const SalonId& salon, const std::string& id,
                       const boost::json::object& patch, std::optional<long long> if_match,
                       const Answering<T>& how);
  // Archives: the object stays on record for history.
  template <typename T>
  Result<Answer> Archive(const SalonId& salon, const std::string& id,
                         std::optional<long long> if_match, const Answering<T>& how);

  Result<Answer> AddTimeOff(const SalonId& salon, const StaffId& staff, TimeOff t,
                            const Answering<TimeOffView>& how);
  // The staff member's time off; kNotFound for an unknown staff member.
  Result<Page<TimeOffView>> TimeOffOf(const SalonId& salon, const StaffId& staff,
                                      const PageRequest& page);
  // Archives time off: it blocks nothing from then on, and stays on record.
  Result<Answer> RemoveTimeOff(const SalonId& salon, const StaffId& staff,
                               const std::string& id, const Answering<TimeOffView>& how);

 private:
  template <typename T>
  Result<Answer> Change(const SalonId& salon, const std::string& id,
                        const boost::json::object* patch, std::optional<long long> if_match,
                        const Answering<T>& how);

  // Saving rules per type, inside the caller's transaction; `previous` is
  // the stored version being replaced, or null for a new object.
  Result<Branch> Put(WriteTxn& txn, Branch b, const Branch* previous);
  Result<Staff> Put(WriteTxn& txn, Staff s, const Staff* previous);
  Result<Service> Put(WriteTxn& txn, Service s, const Service* previous);
  // Stock moves by sales and adjustments, never by a patch.
  Result<Product> Put(WriteTxn& txn, Product p, const Product* previous);
  // Logs the client's consent changes (source "api").
  Result<Client> Put(WriteTxn& txn, Client c, const Client* previous);
  Status TouchStaffDays(WriteTxn& txn, const TimeOff& t);

  Store& store_;
  Directory& directory_;
  CalendarVersions& calendar_;
  IdSource& ids_;
  const Clock& clock_;
};

}  // namespace salon
