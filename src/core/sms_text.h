// How a text message travels over SMS: GSM-7 when every character is in the
// GSM 03.38 alphabet (extension characters take two septets), otherwise
// UCS-2 (UTF-16 code units; an emoji takes two). One segment holds 160
// septets or 70 units; a longer message is split into segments of 153 or 67,
// never between the two halves of an extension character or surrogate pair.
#pragma once

#include <string_view>

namespace salon {

enum class SmsEncoding { kGsm7, kUcs2 };

struct SmsSize {
  SmsEncoding encoding = SmsEncoding::kGsm7;
  int units = 0;     // septets (GSM-7) or UTF-16 code units (UCS-2)
  int segments = 0;  // 0 for an empty text
};

// `text` is UTF-8; invalid bytes count as one UCS-2 replacement character.
SmsSize MeasureSms(std::string_view text);

const char* EncodingName(SmsEncoding e);

}  // namespace salon
