// Time helpers: IANA time zones, local calendar days, RFC 3339 instants.
// Instants are UTC seconds; local days are real local days (23 or 25 hours
// on a DST change). All functions are thread-safe.
#pragma once

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace salon {

using LocalDate = date::local_days;
using LocalTime = date::local_seconds;

// An IANA time zone; a cheap handle to the process-wide tz database.
class TimeZone {
 public:
  // Looks up an IANA name such as "Europe/Dublin". kInvalid if unknown.
  static Result<TimeZone> Find(std::string_view name);
  // UTC.
  TimeZone();

  const std::string& name() const { return zone_->name(); }
  // The instant of a local wall-clock time. A time skipped by a DST change
  // maps to the instant the clocks jumped; a repeated one to its first
  // occurrence.
  Instant ToInstant(LocalTime local) const;
  LocalTime ToLocal(Instant t) const;
  // The first instant of local day `d` (its length is ToInstant(d+1) - that).
  Instant StartOfDay(LocalDate d) const { return ToInstant(LocalTime(d)); }
  LocalDate DateOf(Instant t) const {
    return date::floor<date::days>(ToLocal(t));
  }
  // The zone's UTC offset at `t`, and the instants [begin, end) that share it.
  struct Offset {
    std::chrono::seconds from_utc;
    Instant begin, end;
  };
  Offset OffsetAt(Instant t) const;

  friend bool operator==(const TimeZone& a, const TimeZone& b) {
    return a.zone_ == b.zone_;
  }

 private:
  explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}
  const date::time_zone* zone_;
};

// "YYYY-MM-DD" (a valid calendar date), else kInvalid.
Result<LocalDate> ParseDate(std::string_view text);
std::string FormatDate(LocalDate d);

// RFC 3339 date-time with `Z` or a numeric offset, to the second (a fraction
// of a second other than zero is kInvalid: it would otherwise be lost).
Result<Instant> ParseInstant(std::string_view text);
// "2026-11-23T09:30:00+00:00" in the zone's local time with its offset.
std::string FormatInstant(Instant t, const TimeZone& zone);
// Formats many instants of one zone as FormatInstant does, looking the
// zone's offset up again only when an instant leaves the span of the one
// before (a search's hundreds of slots share one or two spans).
class InstantFormatter {
 public:
  explicit InstantFormatter(const TimeZone& zone) : zone_(zone) {}
  void AppendTo(std::string& out, Instant t);

 private:
  TimeZone zone_;
  TimeZone::Offset span_{{}, Instant::max(), Instant::min()};  // holds no instant
};
// "2026-11-23T09:30:00Z".
std::string FormatUtc(Instant t);

// "HH:MM" from 00:00 to 24:00 as minutes since midnight, else kInvalid.
Result<int> ParseClockTime(std::string_view text);
std::string FormatClockTime(int minutes);

// 0 = Monday ... 6 = Sunday.
int WeekdayIndex(LocalDate d);

}  // namespace salon
