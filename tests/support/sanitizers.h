// Whether this build runs under AddressSanitizer (./test's second tree, at
// -O0). Long randomised tests run a tenth of their cases there: the Release
// tree runs them all, and memory errors show in a tenth as well.
#pragma once

namespace salon::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// `n` cases, or a tenth of them under the sanitizers.
constexpr int CasesToRun(int n) { return kSanitized ? n / 10 : n; }

}  // namespace salon::testing
