#include "base/time.h"

#include <charconv>
#include <cstdio>

namespace salon {
namespace {

// Parses exactly `n` digits at `s[pos]`; -1 when they are not all digits.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// A date of the years [first, last].
Result<date::year_month_day> ParseYmd(std::string_view s, int first = 1900, int last = 2999) {
  int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (s.size() < 10 || y < 0 || m < 0 || d < 0 || s[4] != '-' || s[7] != '-') {
    return Status::Invalid("expected a date YYYY-MM-DD");
  }
  date::year_month_day ymd{date::year(y), date::month(m), date::day(d)};
  if (!ymd.ok() || y < first || y > last) {
    return Status::Invalid("not a valid calendar date");
  }
  return ymd;
}

}  // namespace

TimeZone::TimeZone() : zone_(date::locate_zone("Etc/UTC")) {}

Result<TimeZone> TimeZone::Find(std::string_view name) {
  if (name.empty() || name.size() > 64) {
    return Status::Invalid("unknown time zone");
  }
  try {
    return TimeZone(date::locate_zone(name));
  } catch (const std::exception&) {
    return Status::Invalid("unknown IANA time zone '" + std::string(name) + "'");
  }
}

Instant TimeZone::ToInstant(LocalTime local) const {
  auto info = zone_->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
      return Instant(local.time_since_epoch() - info.first.offset);
    case date::local_info::ambiguous:
      return Instant(local.time_since_epoch() - info.first.offset);
    case date::local_info::nonexistent:
      // The wall clock jumped over `local`: answer the jump itself.
      return info.second.begin;
  }
  return Instant(local.time_since_epoch() - info.first.offset);
}

LocalTime TimeZone::ToLocal(Instant t) const {
  return date::floor<std::chrono::seconds>(zone_->to_local(t));
}

TimeZone::Offset TimeZone::OffsetAt(Instant t) const {
  const date::sys_info info = zone_->get_info(t);
  return {info.offset, date::floor<std::chrono::seconds>(info.begin),
          date::floor<std::chrono::seconds>(info.end)};
}

Result<LocalDate> ParseDate(std::string_view text) {
  if (text.size() != 10) return Status::Invalid("expected a date YYYY-MM-DD");
  SALON_ASSIGN_OR_RETURN(auto ymd, ParseYmd(text));
  return LocalDate(ymd);
}

std::string FormatDate(LocalDate d) {
  date::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

Result<Instant> ParseInstant(std::string_view s) {
  const Status bad = Status::Invalid(
      "expected an RFC 3339 date-time such as 2026-11-23T09:30:00+00:00");
  if (s.size() < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) {
    return bad;
  }
  // An instant's UTC year is 1900–2999 (checked below); its local date, a
  // day either side of it, may be 1899 or 3000 (what FormatInstant writes
  // of 1900-01-01T00:00Z in a zone behind UTC must read back).
  auto ymd = ParseYmd(s, 1899, 3000);
  if (!ymd.ok()) return ymd.status();
  int hh = Digits(s, 11, 2), mm = Digits(s, 14, 2);
  if (hh < 0 || mm < 0 || s[13] != ':' || hh > 23 || mm > 59) return bad;
  size_t pos = 16;
  int ss = 0;
  if (pos < s.size() && s[pos] == ':') {
    ss = Digits(s, pos + 1, 2);
    if (ss < 0 || ss > 60) return bad;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      // Times are kept to the second: a fraction other than zero would be
      // silently dropped, so it is refused.
      ++pos;
      size_t start = pos;
      bool zero = true;
      for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) zero = zero && s[pos] == '0';
      if (pos == start) return bad;
      if (!zero) return Status::Invalid("times are to the second: no fraction of a second");
    }
  }
  if (pos >= s.size()) return bad;
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = Digits(s, pos + 1, 2), om = Digits(s, pos + 4, 2);
    if (oh < 0 || om < 0 || s[pos + 3] != ':' || oh > 23 || om > 59) return bad;
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad;
  }
  if (pos != s.size()) return bad;
  auto local = date::sys_days(*ymd) + std::chrono::hours(hh) +
               std::chrono::minutes(mm) + std::chrono::seconds(std::min(ss, 59));
  const Instant at(local - std::chrono::minutes(offset_minutes));
  // The same years in UTC as in the text: what is stored reads back.
  const int utc_year = int(date::year_month_day(date::floor<date::days>(at)).year());
  if (utc_year < 1900 || utc_year > 2999) return bad;
  return at;
}

namespace {

// Writes `value` as exactly `width` decimal digits ending before `end`.
char* WriteDigits(char* end, long value, int width) {
  for (int i = 0; i < width; ++i, value /= 10) *--end = char('0' + value % 10);
  return end;
}

// Appends "2026-11-23T09:30:00": `local` as a wall-clock date and time.
void AppendDateTime(std::string& out, LocalTime local) {
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> hms{local - day};
  const int year = int(ymd.year());
  if (year < 0 || year > 9999) {  // wider than the digits below
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld", year, unsigned(ymd.month()),
                  unsigned(ymd.day()), long(hms.hours().count()), long(hms.minutes().count()),
                  long(hms.seconds().count()));
    out += buf;
    return;
  }
  char text[19];
  char* end = text + sizeof text;
  end = WriteDigits(end, long(hms.seconds().count()), 2);
  *--end = ':';
  end = WriteDigits(end, long(hms.minutes().count()), 2);
  *--end = ':';
  end = WriteDigits(end, long(hms.hours().count()), 2);
  *--end = 'T';
  end = WriteDigits(end, long(unsigned(ymd.day())), 2);
  *--end = '-';
  end = WriteDigits(end, long(unsigned(ymd.month())), 2);
  *--end = '-';
  WriteDigits(end, year, 4);
  out.append(text, sizeof text);
}

}  // namespace

void InstantFormatter::AppendTo(std::string& out, Instant t) {
  if (t < span_.begin || t >= span_.end) span_ = zone_.OffsetAt(t);
  // RFC 3339 offsets are whole minutes; a historical one with seconds (Dublin
  // before 1916) is cut to minutes and the local time follows it, so the text
  // still names exactly the instant `t`.
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(span_.from_utc);
  AppendDateTime(out, LocalTime{t.time_since_epoch() + offset});
  const long off = offset.count() < 0 ? -offset.count() : offset.count();
  char text[6];  // +00:00
  char* end = text + sizeof text;
  end = WriteDigits(end, off % 60, 2);
  *--end = ':';
  end = WriteDigits(end, off / 60, 2);
  *--end = offset.count() < 0 ? '-' : '+';
  out.append(text, sizeof text);
}

std::string FormatInstant(Instant t, const TimeZone& zone) {
  std::string out;
  InstantFormatter(zone).AppendTo(out, t);
  return out;
}

std::string FormatUtc(Instant t) {
  std::string out;
  AppendDateTime(out, LocalTime{t.time_since_epoch()});
  out += 'Z';
  return out;
}

Result<int> ParseClockTime(std::string_view s) {
  int hh = Digits(s, 0, 2), mm = Digits(s, 3, 2);
  if (s.size() != 5 || s[2] != ':' || hh < 0 || mm < 0 || mm > 59 ||
      hh * 60 + mm > 24 * 60) {
    return Status::Invalid("expected a time of day HH:MM between 00:00 and 24:00");
  }
  return hh * 60 + mm;
}

std::string FormatClockTime(int minutes) {
  // Every calendar pull renders each staff member's week of hours: no printf.
  const int h = minutes / 60, m = minutes % 60;
  if (h < 0 || h > 99 || m < 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
    return buf;
  }
  return {char('0' + h / 10), char('0' + h % 10), ':', char('0' + m / 10), char('0' + m % 10)};
}

int WeekdayIndex(LocalDate d) {
  // iso_encoding: Monday = 1 ... Sunday = 7.
  return int(date::weekday(d).iso_encoding()) - 1;
}

}  // namespace salon
