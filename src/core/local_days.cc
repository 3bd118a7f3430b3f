#include "core/local_days.h"

namespace salon {

std::vector<LocalDate> DaysOf(const Interval& span, const TimeZone& zone) {
  std::vector<LocalDate> days;
  LocalDate first = zone.DateOf(span.start);
  LocalDate last =
      zone.DateOf(span.end > span.start ? span.end - std::chrono::seconds(1) : span.start);
  for (LocalDate d = first; d <= last && days.size() < 400; d += date::days(1)) {
    days.push_back(d);
  }
  return days;
}

Interval SpanOfDays(const TimeZone& zone, LocalDate first, int days) {
  return {zone.StartOfDay(first), zone.StartOfDay(first + date::days(days))};
}

}  // namespace salon
