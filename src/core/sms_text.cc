#include "core/sms_text.h"

#include <string>
#include <vector>

namespace salon {
namespace {

// Decodes UTF-8; an invalid sequence yields U+FFFD and skips one byte.
std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      const unsigned char cc = s[i + k];
      ok = (cc >> 6) == 2;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

// GSM 03.38 basic character set (without the escape), as Unicode.
constexpr std::u32string_view kBasic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// The extension table: each is sent as escape + character.
constexpr std::u32string_view kExtension = U"\f^{}\\[~]|€";

// Septets per character, or 0 when it is not in GSM-7.
int Septets(char32_t c) {
  if (kBasic.find(c) != std::u32string_view::npos) return 1;
  if (kExtension.find(c) != std::u32string_view::npos) return 2;
  return 0;
}

// Segments for characters of the given widths: one if they fit in `single`,
// else packed into parts of `part` without splitting a character.
int Segments(const std::vector<int>& widths, int total, int single, int part) {
  if (total == 0) return 0;
  if (total <= single) return 1;
  int segments = 1, used = 0;
  for (int w : widths) {
    if (used + w > part) {
      ++segments;
      used = 0;
    }
    used += w;
  }
  return segments;
}

}  // namespace

SmsSize MeasureSms(std::string_view text) {
  const std::vector<char32_t> cps = CodePoints(text);
  std::vector<int> widths;
  int total = 0;
  bool gsm = true;
  for (char32_t c : cps) {
    const int w = Septets(c);
    if (w == 0) {
      gsm = false;
      break;
    }
    widths.push_back(w);
    total += w;
  }
  if (gsm) return {SmsEncoding::kGsm7, total, Segments(widths, total, 160, 153)};
  widths.clear();
  total = 0;
  for (char32_t c : cps) {
    widths.push_back(c > 0xFFFF ? 2 : 1);
    total += widths.back();
  }
  return {SmsEncoding::kUcs2, total, Segments(widths, total, 70, 67)};
}

const char* EncodingName(SmsEncoding e) {
  switch (e) {
    case SmsEncoding::kGsm7: return "gsm7";
    case SmsEncoding::kUcs2: return "ucs2";
  }
  return "gsm7";
}

}  // namespace salon
