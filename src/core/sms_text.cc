#include "core/sms_text.h"

#include <array>
#include <cstdint>

namespace salon {
namespace {

// The code point that starts at s[i], advancing i past it; an invalid
// sequence yields U+FFFD and skips one byte.
char32_t NextCodePoint(std::string_view s, size_t& i) {
  const unsigned char c = s[i];
  const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  bool ok = len > 0 && i + len <= s.size();
  for (int k = 1; ok && k < len; ++k) {
    const unsigned char cc = s[i + k];
    ok = (cc >> 6) == 2;
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += ok ? len : 1;
  return ok ? cp : 0xFFFD;
}

// GSM 03.38 basic character set (without the escape), as Unicode.
constexpr std::u32string_view kBasic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// The extension table: each is sent as escape + character.
constexpr std::u32string_view kExtension = U"\f^{}\\[~]|€";

int SearchSeptets(char32_t c) {
  if (kBasic.find(c) != std::u32string_view::npos) return 1;
  if (kExtension.find(c) != std::u32string_view::npos) return 2;
  return 0;
}

// Septets per character, or 0 when it is not in GSM-7; ASCII from a table.
int Septets(char32_t c) {
  static const std::array<std::uint8_t, 128> ascii = [] {
    std::array<std::uint8_t, 128> t{};
    for (char32_t a = 0; a < t.size(); ++a) t[a] = SearchSeptets(a);
    return t;
  }();
  return c < ascii.size() ? ascii[c] : SearchSeptets(c);
}

// Characters of given widths counted into segments: one if they fit in
// `single`, else packed into parts of `part` without splitting a character.
class Packing {
 public:
  Packing(int single, int part) : single_(single), part_(part) {}
  void Add(int width) {
    total_ += width;
    if (used_ + width > part_) {
      ++parts_;
      used_ = 0;
    }
    used_ += width;
  }
  int total() const { return total_; }
  int segments() const { return total_ == 0 ? 0 : total_ <= single_ ? 1 : parts_; }

 private:
  int single_, part_;
  int total_ = 0, parts_ = 1, used_ = 0;
};

}  // namespace

SmsSize MeasureSms(std::string_view text) {
  Packing gsm(160, 153), ucs2(70, 67);  // both, until a character rules GSM-7 out
  bool is_gsm = true;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = NextCodePoint(text, i);
    const int septets = is_gsm ? Septets(c) : 0;
    is_gsm = septets > 0;
    if (is_gsm) gsm.Add(septets);
    ucs2.Add(c > 0xFFFF ? 2 : 1);
  }
  if (is_gsm) return {SmsEncoding::kGsm7, gsm.total(), gsm.segments()};
  return {SmsEncoding::kUcs2, ucs2.total(), ucs2.segments()};
}

const char* EncodingName(SmsEncoding e) {
  switch (e) {
    case SmsEncoding::kGsm7: return "gsm7";
    case SmsEncoding::kUcs2: return "ucs2";
  }
  return "gsm7";
}

}  // namespace salon
