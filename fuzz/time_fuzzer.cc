// Feeds: any bytes, as text, to the time parsers of src/base/time.h —
// ParseInstant (RFC 3339), ParseDate (YYYY-MM-DD) and ParseClockTime (HH:MM)
// — and, for a date, to a few time zones' day arithmetic.
// Oracle: no crash or sanitizer report; a parsed instant formatted with
// FormatUtc (and with FormatInstant in any zone) parses back to the same
// instant; a parsed date or clock time formats back to the very same text;
// a zone's local day d starts on day d.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/time.h"

namespace {

void Fail(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "time_fuzzer: %s\n  input:  \"%.*s\"\n  detail: %s\n", what,
               int(input.size()), input.data(), detail.c_str());
  std::abort();
}

const char* const kZones[] = {"UTC", "Europe/Dublin", "America/New_York", "Australia/Lord_Howe",
                              "Pacific/Chatham", "Asia/Kathmandu", "America/St_Johns"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace salon;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto t = ParseInstant(text); t.ok()) {
    const std::string utc = FormatUtc(*t);
    auto back = ParseInstant(utc);
    if (!back.ok()) Fail("FormatUtc wrote what ParseInstant refuses", text, utc);
    if (*back != *t) Fail("FormatUtc round trip changed the instant", text, utc);
    for (const char* name : kZones) {
      const TimeZone zone = *TimeZone::Find(name);
      const std::string local = FormatInstant(*t, zone);
      auto again = ParseInstant(local);
      if (!again.ok() || *again != *t) {
        Fail("FormatInstant round trip failed", text, std::string(name) + ": " + local);
      }
    }
  }

  if (auto d = ParseDate(text); d.ok()) {
    const std::string formatted = FormatDate(*d);
    if (formatted != text) Fail("FormatDate(ParseDate(s)) != s", text, formatted);
    const int weekday = WeekdayIndex(*d);
    if (weekday < 0 || weekday > 6) Fail("weekday out of range", text, std::to_string(weekday));
    for (const char* name : kZones) {
      const TimeZone zone = *TimeZone::Find(name);
      const Instant start = zone.StartOfDay(*d);
      if (zone.DateOf(start) != *d) Fail("a local day starts on another day", text, name);
      if (zone.StartOfDay(*d + date::days(1)) <= start) Fail("a day without length", text, name);
    }
  }

  if (auto m = ParseClockTime(text); m.ok()) {
    if (*m < 0 || *m > 24 * 60) Fail("clock time out of range", text, std::to_string(*m));
    const std::string formatted = FormatClockTime(*m);
    if (formatted != text) Fail("FormatClockTime(ParseClockTime(s)) != s", text, formatted);
  }

  // A zone name from the input must be refused or found, never crash.
  if (size <= 64) (void)TimeZone::Find(text);
  return 0;
}
