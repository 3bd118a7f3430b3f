#include "base/money.h"

#include <string_view>

namespace salon {

bool IsCurrencyCode(const std::string& code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

int MinorDigits(const std::string& currency) {
  for (std::string_view c : {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                             "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"}) {
    if (currency == c) return 0;
  }
  for (std::string_view c : {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}) {
    if (currency == c) return 3;
  }
  return 2;
}

std::string FormatMoney(std::int64_t amount, const std::string& currency) {
  const int digits = MinorDigits(currency);
  // Unsigned, so that the most negative amount has a magnitude too.
  std::uint64_t magnitude = amount < 0 ? 0 - std::uint64_t(amount) : std::uint64_t(amount);
  std::string text = std::to_string(magnitude);
  if (digits > 0) {
    if (text.size() <= size_t(digits)) text.insert(0, size_t(digits) + 1 - text.size(), '0');
    text.insert(text.size() - size_t(digits), ".");
  }
  return (amount < 0 ? "-" : "") + text + " " + currency;
}

}  // namespace salon
