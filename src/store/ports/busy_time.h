// The busy-time port: the time each (non-cancelled) appointment holds for
// its staff, where the database itself refuses a double booking.
#pragma once

#include <vector>

#include "base/ids.h"

namespace salon {

struct BusyRow {
  AppointmentId appointment_id;
  StaffId staff_id;
  long long start = 0;  // unix seconds
  long long end = 0;
};

class BusyTimeReader {
 public:
  virtual ~BusyTimeReader() = default;
  // Busy rows of `salon`'s `staff` overlapping [from, to).
  virtual std::vector<BusyRow> Busy(const SalonId& salon, const std::vector<StaffId>& staff,
                                    long long from, long long to) = 0;
};

class BusyTimeWriter {
 public:
  virtual ~BusyTimeWriter() = default;
  // Replaces the appointment's busy rows. A row that would overlap another
  // appointment's row of the same staff member is refused by the database
  // itself (no double booking): StoreError(kConflict), thrown here or, where
  // an engine sends its writes in batches (PostgreSQL), from the next read
  // or the commit; either way Write answers kConflict and keeps nothing.
  virtual void SetBusy(const AppointmentId& appointment, const SalonId& salon,
                       const std::vector<BusyRow>& rows) = 0;
  // As SetBusy, for an appointment that holds no busy rows yet (a new one):
  // nothing is deleted first.
  virtual void AddBusy(const AppointmentId& appointment, const SalonId& salon,
                       const std::vector<BusyRow>& rows) = 0;
};

}  // namespace salon
