#include "app/calendar.h"

#include "app/records.h"
#include "core/local_days.h"

namespace salon {

Result<CalendarDays> Calendar::Read(const Branch& branch, LocalDate from, int days) {
  SALON_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(branch.timezone));
  const Interval span = SpanOfDays(zone, from, days);
  const long long start = UnixSeconds(span.start), end = UnixSeconds(span.end);
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<CalendarDays> {
    CalendarDays out{from, days, zone, nullptr, {}, {}};
    SALON_ASSIGN_OR_RETURN(out.staff, directory_.BranchStaff(txn, branch));

    ListQuery appointments;
    appointments.salon_id = branch.salon_id;
    appointments.parent_ids = {branch.id.value};
    appointments.overlap = {start, end};
    appointments.limit = 5000;
    SALON_ASSIGN_OR_RETURN(Page<Appointment> booked, List<Appointment>(txn, appointments));
    out.appointments = std::move(booked.items);

    if (!out.staff->empty()) {
      ListQuery off;
      off.salon_id = branch.salon_id;
      for (const Staff& s : *out.staff) off.parent_ids.push_back(s.id.value);
      off.overlap = {start, end};
      off.limit = 5000;
      SALON_ASSIGN_OR_RETURN(Page<TimeOff> time_off, List<TimeOff>(txn, off));
      out.time_off = std::move(time_off.items);
    }
    return out;
  });
}

}  // namespace salon
