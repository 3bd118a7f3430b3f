// Feeds: any bytes, as text, to the phone and SMS text functions — IsE164
// (src/core/client.h), CountryCallingCode (src/core/country_codes.h),
// IsSenderId, MeasureSms (src/core/sms_text.h), CheckTemplate and
// RenderTemplate (src/core/message_template.h) for every kind of message,
// and ParseConsentKeyword (src/core/sms_keywords.h). The first three bytes
// choose a character to append to the rest.
// Oracle: no crash or sanitizer report; IsE164 and IsSenderId agree with
// plain reference checks of their documented rules; a country calling code
// is 1–3 digits that begin the number, whatever digits follow; an empty text has 0
// segments, any other at least 1, as many as its units need, and appending a
// character never lowers the count; a template with every brace doubled
// renders back to the literal text; a consent keyword does not depend on
// case or surrounding spaces.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/client.h"
#include "core/country_codes.h"
#include "core/message_template.h"
#include "core/messaging_settings.h"
#include "core/sms_keywords.h"
#include "core/sms_text.h"

namespace {

void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "phone_and_text_fuzzer: %s\n  input (%zu bytes): \"", what, input.size());
  for (unsigned char c : input) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') std::fputc(c, stderr);
    else std::fprintf(stderr, "\\x%02x", c);
  }
  std::fprintf(stderr, "\"\n");
  std::abort();
}

// "+" then 8 to 15 digits, the first not 0.
bool ReferenceE164(std::string_view p) {
  if (p.size() < 9 || p.size() > 16 || p[0] != '+' || p[1] < '1' || p[1] > '9') return false;
  for (char c : p.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Up to 11 letters, digits or spaces (not all digits), or up to 15 digits
// with an optional leading '+'.
bool ReferenceSender(std::string_view s) {
  if (s.empty()) return false;
  std::string_view digits = s[0] == '+' ? s.substr(1) : s;
  bool all_digits = !digits.empty() && digits.size() <= 15;
  for (char c : digits) all_digits = all_digits && c >= '0' && c <= '9';
  if (all_digits) return true;
  if (s.size() > 11) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != ' ') return false;
  }
  return true;
}

std::string Utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
  return out;
}

void CheckSize(const salon::SmsSize& size, std::string_view text) {
  const bool gsm = size.encoding == salon::SmsEncoding::kGsm7;
  const int single = gsm ? 160 : 70, part = gsm ? 153 : 67;
  if (text.empty() != (size.segments == 0)) Fail("0 segments iff the text is empty", text);
  if (size.units < 0 || (size.units == 0) != text.empty()) Fail("units out of range", text);
  if (size.units <= single) {
    if (size.segments != (size.units > 0 ? 1 : 0)) Fail("a short text is not one segment", text);
    return;
  }
  // Parts of `part` units, each at least part - 1 full (a two-unit character
  // never split).
  const int least = (size.units + part - 1) / part;
  const int most = (size.units + part - 2) / (part - 1);
  if (size.segments < least || size.segments > most) Fail("segments do not fit the units", text);
}

void CheckPhoneAndKeyword(std::string_view text) {
  using namespace salon;
  // Phones and sender IDs.
  if (IsE164(text) != ReferenceE164(text)) Fail("IsE164 disagrees with its rule", text);
  if (IsSenderId(text) != ReferenceSender(text)) Fail("IsSenderId disagrees with its rule", text);
  if (const int code = CountryCallingCode(text); code != 0) {
    const std::string prefix = "+" + std::to_string(code);
    if (code < 1 || code > 999 || text.substr(0, prefix.size()) != prefix) {
      Fail("a country calling code that does not begin the number", text);
    }
    if (CountryCallingCode(prefix + "5550100") != code || CountryCallingCode(prefix) != code) {
      Fail("a country calling code depends on the digits after it", text);
    }
  }

  // Consent keywords: case and surrounding spaces do not matter.
  const ConsentKeyword keyword = ParseConsentKeyword(text);
  std::string lower(text), upper(text);
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  if (ParseConsentKeyword(lower) != keyword || ParseConsentKeyword(upper) != keyword ||
      ParseConsentKeyword(" \t" + std::string(text) + "\r\n ") != keyword) {
    Fail("a consent keyword depends on case or spaces", text);
  }
  if (keyword != ConsentKeyword::kNone && text.find_first_of(".,!") != std::string_view::npos) {
    Fail("a sentence was taken for a keyword", text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace salon;
  const std::string_view all(reinterpret_cast<const char*>(data), size);

  CheckPhoneAndKeyword(all);
  if (size >= 3) CheckPhoneAndKeyword(all.substr(3));  // the seeds' phones and words

  // SMS size, and appending one character (from the first three bytes).
  if (size >= 3) {
    char32_t cp = (char32_t(data[0]) << 16 | char32_t(data[1]) << 8 | data[2]) % 0x110000;
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // not a character
    const std::string_view text = all.substr(3);
    const SmsSize before = MeasureSms(text);
    CheckSize(before, text);
    const std::string longer = std::string(text) + Utf8(cp);
    const SmsSize after = MeasureSms(longer);
    CheckSize(after, longer);
    if (after.segments < before.segments) Fail("appending a character lowered the segments", all);
  }

  // Templates: every kind's placeholders; doubled braces are literal.
  TemplateValues values{{"first_name", "Aoife"}, {"service", "Colour"}, {"staff", "Ann"},
                        {"date", "Mon 23 Nov"}, {"time", "09:30"},   {"branch", "Main"},
                        {"salon", "Salon {x}"}};
  for (MessageKind kind : kMessageKinds) {
    const Status valid = CheckTemplate(all, Placeholders(kind));
    const std::string rendered = RenderTemplate(all, values);
    if (valid.ok()) CheckSize(MeasureSms(rendered), rendered);
  }
  std::string escaped;
  for (char c : all) {
    escaped += c;
    if (c == '{' || c == '}') escaped += c;
  }
  if (!CheckTemplate(escaped, {}).ok()) Fail("a template of literal braces was refused", all);
  if (RenderTemplate(escaped, values) != all) Fail("doubled braces did not render literally", all);
  return 0;
}
