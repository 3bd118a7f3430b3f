#include "core/quiet_hours.h"

namespace salon {

Instant NextSendable(Instant t, const TimeZone& zone, const QuietHours& quiet) {
  if (quiet.start == quiet.end) return t;
  const LocalTime local = zone.ToLocal(t);
  const LocalDate day = date::floor<date::days>(local);
  const int minute = int((local - LocalTime(day)).count() / 60);
  const bool open = quiet.end < quiet.start
                        ? minute >= quiet.end && minute < quiet.start
                        : minute >= quiet.end || minute < quiet.start;
  if (open) return t;
  const LocalDate opens_on = minute < quiet.end ? day : day + date::days(1);
  return zone.ToInstant(LocalTime(opens_on) + std::chrono::minutes(quiet.end));
}

}  // namespace salon
