// Catalog: saving the objects a salon sets up — salons, branches, staff,
// services, clients, time off — after checking what they refer to, and
// touching the calendar days each change shows on. Each Put runs inside the
// caller's write transaction; `previous` is the stored version being
// replaced, or null for a new object. Thread-safe; no state of its own.
#pragma once

#include <string>

#include "app/calendar_versions.h"
#include "app/directory.h"
#include "core/client.h"
#include "core/service.h"
#include "core/staff.h"

namespace salon {

struct NewSalon {
  Salon salon;
  std::string api_key;  // shown once; only its hash is stored
};

class Catalog {
 public:
  Catalog(Directory& directory, CalendarVersions& calendar, IdSource& ids, const Clock& clock)
      : directory_(directory), calendar_(calendar), ids_(ids), clock_(clock) {}

  // Gives `salon` a new id and key.
  Result<NewSalon> CreateSalon(WriteTxn& txn, Salon salon);

  // kInvalid when a reference (branch, service, staff) does not exist.
  Result<Branch> Put(WriteTxn& txn, Branch b, const Branch* previous);
  Result<Staff> Put(WriteTxn& txn, Staff s, const Staff* previous);
  Result<Service> Put(WriteTxn& txn, Service s, const Service* previous);
  // Logs the client's consent changes (source "api").
  Result<Client> Put(WriteTxn& txn, Client c, const Client* previous);
  Result<TimeOff> Put(WriteTxn& txn, TimeOff t, const TimeOff* previous);
  // Archives time off: it blocks nothing from then on, and stays on record.
  Status Remove(WriteTxn& txn, const TimeOff& t);

  IdSource& ids() { return ids_; }

 private:
  Status TouchStaffDays(WriteTxn& txn, const TimeOff& t);

  Directory& directory_;
  CalendarVersions& calendar_;
  IdSource& ids_;
  const Clock& clock_;
};

}  // namespace salon
