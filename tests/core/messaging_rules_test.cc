// Template rendering, quiet hours (across DST) and the STOP/START parser.
#include <gtest/gtest.h>

#include "core/message_template.h"
#include "core/quiet_hours.h"
#include "core/sms_keywords.h"
#include "tests/support/literals.h"

namespace salon {
namespace {

TEST(MessageTemplate, RendersPlaceholdersAndEscapedBraces) {
  TemplateValues v{{"first_name", "Aoife"}, {"time", "09:30"}};
  EXPECT_EQ(RenderTemplate("Hi {first_name}, {{see}} you at {time}.", v),
            "Hi Aoife, {see} you at 09:30.");
  EXPECT_EQ(RenderTemplate("{salon}!", v), "!");
}

TEST(MessageTemplate, CheckNamesUnknownPlaceholdersAndLoneBraces) {
  const std::vector<std::string> allowed = {"first_name", "salon"};
  EXPECT_TRUE(CheckTemplate("Hi {first_name} from {salon} {{x}}", allowed).ok());
  Status unknown = CheckTemplate("Hi {firstname}", allowed);
  EXPECT_EQ(unknown.code(), Code::kInvalid);
  EXPECT_NE(unknown.message().find("{firstname}"), std::string::npos);
  EXPECT_FALSE(CheckTemplate("Hi {first_name", allowed).ok());
  EXPECT_FALSE(CheckTemplate("Hi }", allowed).ok());
}

using testing::At;

TEST(QuietHours, InsideTheWindowSendsNow) {
  auto zone = *TimeZone::Find("Europe/Dublin");
  const Instant noon = At("2026-11-23T12:00:00Z");
  EXPECT_EQ(NextSendable(noon, zone, QuietHours{}), noon);
  EXPECT_EQ(NextSendable(At("2026-11-23T08:00:00Z"), zone, QuietHours{}),
            At("2026-11-23T08:00:00Z"));
}

TEST(QuietHours, EveningWaitsForTomorrowMorningAndEarlyMorningForToday) {
  auto zone = *TimeZone::Find("America/New_York");
  // 21:00 local (EST, -05:00) is quiet: wait until 08:00 the next day.
  EXPECT_EQ(NextSendable(At("2026-11-24T02:00:00Z"), zone, QuietHours{}),
            At("2026-11-24T13:00:00Z"));
  EXPECT_EQ(NextSendable(At("2026-11-24T10:00:00Z"), zone, QuietHours{}),
            At("2026-11-24T13:00:00Z"));
}

TEST(QuietHours, FollowsTheLocalClockAcrossDst) {
  auto zone = *TimeZone::Find("Europe/Dublin");
  // Saturday 28 March 2026 22:00 GMT; clocks go forward on Sunday at 01:00,
  // so Sunday's 08:00 is 07:00 UTC, not 08:00.
  EXPECT_EQ(NextSendable(At("2026-03-28T22:00:00Z"), zone, QuietHours{}),
            At("2026-03-29T07:00:00Z"));
  // Autumn: Saturday 24 October 23:30 IST; Sunday 08:00 GMT is 08:00 UTC.
  EXPECT_EQ(NextSendable(At("2026-10-24T22:30:00Z"), zone, QuietHours{}),
            At("2026-10-25T08:00:00Z"));
}

TEST(QuietHours, EqualBoundsMeanNeverQuiet) {
  auto zone = *TimeZone::Find("UTC");
  const Instant late = At("2026-11-23T23:59:00Z");
  EXPECT_EQ(NextSendable(late, zone, QuietHours{0, 0}), late);
}

TEST(ConsentKeywords, SingleWordsInAnyCase) {
  for (const char* stop : {"STOP", "stop", " Stop \n", "STOPALL", "unsubscribe", "Cancel",
                           "END", "quit"}) {
    EXPECT_EQ(ParseConsentKeyword(stop), ConsentKeyword::kStop) << stop;
  }
  for (const char* start : {"START", "start", "Unstop"}) {
    EXPECT_EQ(ParseConsentKeyword(start), ConsentKeyword::kStart) << start;
  }
  for (const char* other : {"", "please stop", "STOP!", "stopp", "can I cancel my 3pm?",
                            "yes"}) {
    EXPECT_EQ(ParseConsentKeyword(other), ConsentKeyword::kNone) << other;
  }
}

}  // namespace
}  // namespace salon
