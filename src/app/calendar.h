// The front desk's calendar: what a branch's days hold — its staff with
// their hours, appointments and time off — read on one snapshot. Its
// version (the ETag) comes from CalendarVersions, from memory.
// Thread-safe; no state of its own.
#pragma once

#include <vector>

#include "app/directory.h"
#include "base/time.h"
#include "core/appointment.h"
#include "core/staff.h"

namespace salon {

struct CalendarDays {
  LocalDate from;
  int days = 1;
  TimeZone zone;  // the branch's, in which the days are shown
  Directory::StaffList staff;
  std::vector<Appointment> appointments;
  std::vector<TimeOff> time_off;
};

class Calendar {
 public:
  Calendar(Store& store, Directory& directory) : store_(store), directory_(directory) {}

  // The local days [from, from + days) of `branch`.
  Result<CalendarDays> Read(const Branch& branch, LocalDate from, int days);

 private:
  Store& store_;
  Directory& directory_;
};

}  // namespace salon
