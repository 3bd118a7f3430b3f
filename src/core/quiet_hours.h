// Quiet hours: the local times at which no marketing message may arrive.
#pragma once

#include "base/time.h"

namespace salon {

struct QuietHours {
  // Messages may arrive from `end` until `start` local time (minutes since
  // midnight); equal values mean no quiet time at all.
  int start = 21 * 60;
  int end = 8 * 60;
};

// The first instant at or after `t` outside the quiet hours of `zone`'s
// local clock (a DST change moves it with the clock).
Instant NextSendable(Instant t, const TimeZone& zone, const QuietHours& quiet);

}  // namespace salon
