// WeeklyHours: a repeating week of open or working spans in local wall-clock
// time, and the instants they cover on real local days.
#pragma once

#include <array>
#include <vector>

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

// Spans must be non-empty, within 00:00–24:00, sorted and not overlapping.
Status ValidateHours(const WeeklyHours& hours);

// The working hours of local days [first, first + days) as instants. A span
// across a DST change keeps its wall-clock ends (09:00–18:00 stays so).
std::vector<Interval> WorkingIntervals(const WeeklyHours& hours, const TimeZone& zone,
                                       LocalDate first, int days);

}  // namespace salon
