#include "base/time.h"

#include <gtest/gtest.h>

namespace salon {
namespace {

TEST(TimeTest, ParsesInstantsWithAnyOffset) {
  auto z = ParseInstant("2026-11-23T09:30:00Z");
  auto plus = ParseInstant("2026-11-23T10:30:00+01:00");
  auto minus = ParseInstant("2026-11-23T04:30:00-05:00");
  ASSERT_TRUE(z.ok());
  ASSERT_TRUE(plus.ok());
  ASSERT_TRUE(minus.ok());
  EXPECT_EQ(*z, *plus);
  EXPECT_EQ(*z, *minus);
  EXPECT_EQ(FormatUtc(*z), "2026-11-23T09:30:00Z");
}

TEST(TimeTest, RejectsBadInstants) {
  for (const char* bad : {"", "2026-11-23", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                          "2026-11-23T25:00:00Z", "2026-11-23T09:30:00", "yesterday",
                          "2026-11-23T09:30:00+0100", "2026-11-23T09:30:00Zjunk"}) {
    EXPECT_FALSE(ParseInstant(bad).ok()) << bad;
  }
}

// Times are kept to the second: a zero fraction is the same instant, any
// other would be lost, so it is refused rather than dropped.
TEST(TimeTest, FractionsOfASecondOnlyIfZero) {
  EXPECT_EQ(*ParseInstant("2026-11-23T09:30:00.000Z"), *ParseInstant("2026-11-23T09:30:00Z"));
  for (const char* bad : {"2026-11-23T09:30:00.5Z", "2026-11-23T09:30:00.001+01:00",
                          "2026-11-23T09:30:00.Z"}) {
    auto r = ParseInstant(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
  EXPECT_NE(ParseInstant("2026-11-23T09:30:00.25Z").status().message().find("second"),
            std::string::npos);
}

// An instant whose UTC year leaves 1900–2999 (found by fuzzing) would be
// stored in a form that no longer reads back.
TEST(TimeTest, InstantsStayInTheYearsThatReadBack) {
  EXPECT_FALSE(ParseInstant("1900-01-01T00:00:00+01:00").ok());
  EXPECT_FALSE(ParseInstant("2999-12-31T23:59:00-00:01").ok());
  EXPECT_TRUE(ParseInstant("1900-01-01T00:00:00-01:00").ok());
}

// The first and last instants, written in a zone behind or ahead of UTC,
// fall on a local 1899 or 3000, and still read back (found by fuzzing).
TEST(TimeTest, TheFirstAndLastInstantsReadBackInAnyZone) {
  for (const char* text : {"1900-01-01T00:00:00Z", "2999-12-31T23:59:59Z"}) {
    const Instant t = *ParseInstant(text);
    for (const char* name : {"Europe/Dublin", "America/New_York", "Pacific/Chatham"}) {
      const std::string local = FormatInstant(t, *TimeZone::Find(name));
      auto back = ParseInstant(local);
      ASSERT_TRUE(back.ok()) << name << ": " << local;
      EXPECT_EQ(*back, t) << name << ": " << local;
    }
  }
  EXPECT_FALSE(ParseDate("1899-12-31").ok());  // days stay in 1900–2999
}

// An offset of minutes and seconds (Dublin before 1916) is written in whole
// minutes, and the text names the same instant (found by fuzzing).
TEST(TimeTest, HistoricalOffsetsWithSecondsKeepTheInstant) {
  auto dublin = TimeZone::Find("Europe/Dublin");
  ASSERT_TRUE(dublin.ok());
  const Instant t = *ParseInstant("1903-02-01T00:31:00+12:00");
  EXPECT_EQ(*ParseInstant(FormatInstant(t, *dublin)), t);
}

TEST(TimeTest, FormatsInTheZonesOffset) {
  auto dublin = TimeZone::Find("Europe/Dublin");
  ASSERT_TRUE(dublin.ok());
  EXPECT_EQ(FormatInstant(*ParseInstant("2026-07-01T08:00:00Z"), *dublin),
            "2026-07-01T09:00:00+01:00");
  EXPECT_EQ(FormatInstant(*ParseInstant("2026-11-23T08:00:00Z"), *dublin),
            "2026-11-23T08:00:00+00:00");
  auto ny = TimeZone::Find("America/New_York");
  EXPECT_EQ(FormatInstant(*ParseInstant("2026-11-23T14:00:00Z"), *ny),
            "2026-11-23T09:00:00-05:00");
}

// One formatter keeps the offset of the span it last looked up: across the
// clocks going back, forwards and back again, each instant gets its own.
TEST(TimeTest, AFormatterFollowsTheOffsetAcrossAChangeEitherWay) {
  auto dublin = TimeZone::Find("Europe/Dublin");
  ASSERT_TRUE(dublin.ok());
  InstantFormatter format(*dublin);
  std::string out;
  for (const char* utc : {"2026-10-25T00:59:59Z", "2026-10-25T01:00:00Z", "2026-10-25T00:30:00Z",
                          "2026-10-25T01:30:00Z"}) {
    format.AppendTo(out, *ParseInstant(utc));
    out += ' ';
  }
  EXPECT_EQ(out,
            "2026-10-25T01:59:59+01:00 2026-10-25T01:00:00+00:00 2026-10-25T01:30:00+01:00 "
            "2026-10-25T01:30:00+00:00 ");
}

TEST(TimeTest, UnknownZoneIsInvalid) {
  auto z = TimeZone::Find("Mars/Olympus_Mons");
  ASSERT_FALSE(z.ok());
  EXPECT_EQ(z.status().code(), Code::kInvalid);
  EXPECT_FALSE(TimeZone::Find("").ok());
}

TEST(TimeTest, DatesAndClockTimes) {
  EXPECT_EQ(FormatDate(*ParseDate("2026-02-28")), "2026-02-28");
  EXPECT_FALSE(ParseDate("2026-02-29").ok());
  EXPECT_FALSE(ParseDate("26-02-28").ok());
  EXPECT_EQ(*ParseClockTime("09:30"), 570);
  EXPECT_EQ(*ParseClockTime("24:00"), 1440);
  EXPECT_FALSE(ParseClockTime("24:01").ok());
  EXPECT_FALSE(ParseClockTime("9:30").ok());
  EXPECT_EQ(WeekdayIndex(*ParseDate("2026-11-23")), 0);  // a Monday
  EXPECT_EQ(WeekdayIndex(*ParseDate("2026-11-29")), 6);
}

}  // namespace
}  // namespace salon
