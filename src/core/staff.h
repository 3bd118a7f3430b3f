// Staff: a person who performs services at one branch, with weekly working
// hours in the branch's local wall-clock time, and their time off.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "base/ids.h"
#include "base/status.h"
#include "core/interval.h"
#include "core/service_id_list.h"
#include "core/weekly_hours.h"

namespace salon {

// A staff member's commission: basis points (0–10000; 1000 = 10 %) of the
// net revenue of the services and of the products they sell.
struct CommissionRates {
  int services_bp = 0;
  int products_bp = 0;
  friend bool operator==(const CommissionRates&, const CommissionRates&) = default;
};

struct Staff {
  StaffId id;
  SalonId salon_id;
  BranchId branch_id;
  std::string name;
  WeeklyHours hours;
  ServiceIdList service_ids;
  CommissionRates commission;
  long long version = 1;
  bool archived = false;

  bool Offers(const ServiceId& service) const { return service_ids.Contains(service); }
};

// Makes the staff in `staff` whose lists of services are equal share one.
void ShareServiceLists(std::vector<Staff>& staff);

struct TimeOff {
  TimeOffId id;
  SalonId salon_id;
  StaffId staff_id;
  Interval span;
  std::string reason;
  bool archived = false;  // deleted: blocks nothing, kept for history
};

}  // namespace salon
