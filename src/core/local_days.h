// A branch's local days as spans of time, and back: the calendar, the busy
// time, availability and reports all cut time at a zone's midnights.
#pragma once

#include <vector>

#include "base/time.h"
#include "core/interval.h"

namespace salon {

// The local days an interval touches in `zone` (at least one; at most 400).
std::vector<LocalDate> DaysOf(const Interval& span, const TimeZone& zone);
// Local days [first, first + days) of `zone` as one interval; a day of a
// daylight-saving change is 23 or 25 hours long.
Interval SpanOfDays(const TimeZone& zone, LocalDate first, int days = 1);

}  // namespace salon
