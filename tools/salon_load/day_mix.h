// The day mix of ../shared/WORKLOAD.md. Per salon per open day: 2,400
// unchanged and 120 changed calendar pulls, 150 availability searches, 29
// bookings, 3 reschedules, 3 cancellations, 55 status changes and 5 new
// clients (checkout waits for the sales API). Reschedules, cancellations and
// status changes act on appointments the run itself booked, on the thread
// that booked them, with the version they were last answered with in
// If-Match; while a thread has none at hand, a calendar pull stands in.
#pragma once

#include "tools/salon_load/driver.h"
#include "tools/salon_load/scenarios.h"

namespace salon::load {

// The requests of one salon's open day in the mix.
inline constexpr int kDayMixRequests = 2765;

// Requests of the day mix on `w`'s salons; `w` must outlive the maker.
RequestMaker DayMix(const Workload& w);

}  // namespace salon::load
