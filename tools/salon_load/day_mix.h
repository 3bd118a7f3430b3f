// The day mix of ../shared/WORKLOAD.md. Per salon per open day: 2,400
// unchanged and 120 changed calendar pulls, 150 availability searches, 29
// bookings, 3 reschedules, 3 cancellations, 55 status changes, 25 checkouts
// and 5 new clients. Reschedules, cancellations, status changes and
// checkouts act on appointments the run itself booked, on the thread that
// booked them; the changes send the version they were last answered with in
// If-Match. A visit arrives (1 in 10 is a no-show instead), goes in_progress
// and is checked out: a sale of its services paid by card, which completes
// it (a completed appointment cannot be checked out, so the checkout, not a
// status change, completes it). No appointment is checked out twice, nor
// after it was cancelled or marked a no-show. While a thread has none at
// hand, a calendar pull stands in for a change, and a walk-in sale of the
// salon's product for a checkout.
#pragma once

#include "tools/salon_load/driver.h"
#include "tools/salon_load/scenarios.h"

namespace salon::load {

// The requests of one salon's open day in the mix.
inline constexpr int kDayMixRequests = 2790;

// Requests of the day mix on `w`'s salons; `w` must outlive the maker.
RequestMaker DayMix(const Workload& w);

}  // namespace salon::load
