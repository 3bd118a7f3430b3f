#include "core/weekly_hours.h"

namespace salon {

Status ValidateHours(const WeeklyHours& hours) {
  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu",
                                          "fri", "sat", "sun"};
  std::vector<FieldError> errors;
  for (int d = 0; d < 7; ++d) {
    int previous_end = -1;
    for (const WorkingSpan& s : hours[d]) {
      if (s.start_minute < 0 || s.end_minute > 24 * 60 ||
          s.start_minute >= s.end_minute) {
        errors.push_back({std::string("hours.") + kDays[d],
                          "each span must start before it ends, within 00:00–24:00"});
        break;
      }
      if (s.start_minute < previous_end) {
        errors.push_back({std::string("hours.") + kDays[d],
                          "spans must be in order and must not overlap"});
        break;
      }
      previous_end = s.end_minute;
    }
  }
  if (!errors.empty()) return Status::Invalid("invalid working hours", errors);
  return Status::Ok();
}

std::vector<Interval> WorkingIntervals(const WeeklyHours& hours, const TimeZone& zone,
                                       LocalDate first, int days) {
  std::vector<Interval> out;
  for (int i = 0; i < days; ++i) {
    LocalDate day = first + date::days(i);
    for (const WorkingSpan& s : hours[WeekdayIndex(day)]) {
      Instant start = zone.ToInstant(LocalTime(day) + std::chrono::minutes(s.start_minute));
      Instant end = zone.ToInstant(LocalTime(day) + std::chrono::minutes(s.end_minute));
      if (start < end) out.push_back({start, end});
    }
  }
  return out;
}

}  // namespace salon
