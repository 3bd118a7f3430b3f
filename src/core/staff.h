// Staff: a person who performs services at one branch, with weekly working
// hours in the branch's local wall-clock time, and their time off.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "base/ids.h"
#include "base/status.h"
#include "base/time.h"
#include "core/interval.h"

namespace salon {

// A working span on one weekday, in minutes since local midnight [start, end).
struct WorkingSpan {
  int start_minute = 0;
  int end_minute = 0;
  friend bool operator==(const WorkingSpan&, const WorkingSpan&) = default;
};

// Index 0 = Monday ... 6 = Sunday; an empty day is a day off.
using WeeklyHours = std::array<std::vector<WorkingSpan>, 7>;

struct Staff {
  StaffId id;
  SalonId salon_id;
  BranchId branch_id;
  std::string name;
  WeeklyHours hours;
  std::vector<ServiceId> service_ids;
  long long version = 1;
  bool archived = false;

  bool Offers(const ServiceId& service) const;
};

struct TimeOff {
  TimeOffId id;
  SalonId salon_id;
  StaffId staff_id;
  Interval span;
  std::string reason;
  bool archived = false;  // deleted: blocks nothing, kept for history
};

// Spans must be non-empty, within 00:00–24:00, sorted and not overlapping.
Status ValidateHours(const WeeklyHours& hours);

// The working hours of local days [first, first + days) as instants. A span
// across a DST change keeps its wall-clock ends (09:00–18:00 stays so).
std::vector<Interval> WorkingIntervals(const WeeklyHours& hours, const TimeZone& zone,
                                       LocalDate first, int days);

}  // namespace salon
