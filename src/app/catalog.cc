#include "app/catalog.h"

#include "app/records.h"

namespace salon {

Result<NewSalon> Catalog::CreateSalon(WriteTxn& txn, Salon salon) {
  salon.id = SalonId{ids_.NewId("sal")};
  salon.version = 1;
  NewSalon out{salon, "sk_" + ids_.NewSecret(24)};
  Save(txn, salon);
  directory_.AddSalonKey(txn, out.api_key, salon.id);
  return out;
}

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

Result<Client> Catalog::Put(WriteTxn& txn, Client c, const Client* previous) {
  LogConsentChanges(previous, c, clock_.Now(), "api");
  Save(txn, c);
  return c;
}

Status Catalog::TouchStaffDays(WriteTxn& txn, const TimeOff& t) {
  SALON_ASSIGN_OR_RETURN(Staff staff, Load<Staff>(txn, t.salon_id, t.staff_id.value));
  SALON_ASSIGN_OR_RETURN(Branch branch, Load<Branch>(txn, t.salon_id, staff.branch_id.value));
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  calendar_.Touch(txn, branch.id, DaysOf(t.span, zone));
  return Status::Ok();
}

Result<TimeOff> Catalog::Put(WriteTxn& txn, TimeOff t, const TimeOff* previous) {
  auto staff = Load<Staff>(txn, t.salon_id, t.staff_id.value);
  if (!staff.ok()) return staff.status();
  Save(txn, t);
  SALON_RETURN_IF_ERROR(TouchStaffDays(txn, t));
  if (previous != nullptr) SALON_RETURN_IF_ERROR(TouchStaffDays(txn, *previous));
  return t;
}

Status Catalog::Remove(WriteTxn& txn, const TimeOff& t) {
  TimeOff gone = t;
  gone.archived = true;
  Save(txn, gone);
  return TouchStaffDays(txn, t);
}

}  // namespace salon
