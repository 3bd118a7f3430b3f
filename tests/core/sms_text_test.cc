#include "core/sms_text.h"

#include <gtest/gtest.h>

#include <string>

namespace salon {
namespace {

TEST(SmsText, PlainGsmFitsOneSegmentUpTo160) {
  EXPECT_EQ(MeasureSms("").segments, 0);
  SmsSize s = MeasureSms(std::string(160, 'a'));
  EXPECT_EQ(s.encoding, SmsEncoding::kGsm7);
  EXPECT_EQ(s.units, 160);
  EXPECT_EQ(s.segments, 1);
  EXPECT_EQ(MeasureSms(std::string(161, 'a')).segments, 2);
  EXPECT_EQ(MeasureSms(std::string(306, 'a')).segments, 2);
  EXPECT_EQ(MeasureSms(std::string(307, 'a')).segments, 3);
}

TEST(SmsText, GsmAccentsAndSymbolsStayGsm) {
  SmsSize s = MeasureSms("Café à 10h, £5 ¿Sì? Ñandù Øre");
  EXPECT_EQ(s.encoding, SmsEncoding::kGsm7);
  EXPECT_EQ(s.units, 29);
}

TEST(SmsText, ExtensionCharactersCountDouble) {
  SmsSize s = MeasureSms("Price: 5€ [x]");
  EXPECT_EQ(s.encoding, SmsEncoding::kGsm7);
  EXPECT_EQ(s.units, 13 + 3);
  // 80 euro signs: 160 septets, still one segment; one more character makes two.
  std::string euros;
  for (int i = 0; i < 80; ++i) euros += "€";
  EXPECT_EQ(MeasureSms(euros).segments, 1);
  EXPECT_EQ(MeasureSms(euros + "a").segments, 2);
  // An escape pair never straddles a segment: 152 'a' then '€' needs a second part.
  EXPECT_EQ(MeasureSms(std::string(152, 'a') + "€" + std::string(10, 'b')).segments, 2);
  EXPECT_EQ(MeasureSms(std::string(152, 'a') + "€" + std::string(152, 'b')).segments, 3);
}

TEST(SmsText, NonGsmCharactersSwitchToUcs2) {
  SmsSize s = MeasureSms("Grüße ç ő");  // ő is not in GSM-7
  EXPECT_EQ(s.encoding, SmsEncoding::kUcs2);
  EXPECT_EQ(s.units, 9);
  EXPECT_EQ(MeasureSms(std::string(69, 'a') + "ő").segments, 1);
  EXPECT_EQ(MeasureSms(std::string(70, 'a') + "ő").segments, 2);
  EXPECT_EQ(MeasureSms(std::string(133, 'a') + "ő").segments, 2);
  EXPECT_EQ(MeasureSms(std::string(134, 'a') + "ő").segments, 3);
}

TEST(SmsText, EveryAsciiCharacterIsWeighedByTheAlphabet) {
  EXPECT_EQ(MeasureSms("^{}\\[~]|").units, 16);               // the extension table's ASCII
  EXPECT_EQ(MeasureSms("a`b").encoding, SmsEncoding::kUcs2);  // ` is not GSM-7
  EXPECT_EQ(MeasureSms("a\tb").encoding, SmsEncoding::kUcs2);
  EXPECT_EQ(MeasureSms("\n\r").encoding, SmsEncoding::kGsm7);
}

TEST(SmsText, EmojiTakeTwoUnitsAndAreNotSplit) {
  SmsSize s = MeasureSms("See you 💇‍♀️");
  EXPECT_EQ(s.encoding, SmsEncoding::kUcs2);
  // 8 + 💇 (2) + ZWJ (1) + ♀ (1) + VS16 (1)
  EXPECT_EQ(s.units, 13);
  // 66 units then an emoji: 68 > 67 in the first part, so the pair moves on.
  std::string text = std::string(66, 'a') + "😀" + std::string(10, 'b');
  EXPECT_EQ(MeasureSms(text).units, 78);
  EXPECT_EQ(MeasureSms(text).segments, 2);
}

TEST(SmsText, InvalidUtf8IsUcs2NotACrash) {
  SmsSize s = MeasureSms(std::string("ab\xff\xfe", 4));
  EXPECT_EQ(s.encoding, SmsEncoding::kUcs2);
  EXPECT_EQ(s.units, 4);
}

}  // namespace
}  // namespace salon
