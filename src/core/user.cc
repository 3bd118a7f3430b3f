#include "core/user.h"

#include <algorithm>

namespace salon {

std::optional<Instant> SignInBlockedUntil(const std::vector<Instant>& failures, Instant now) {
  std::vector<Instant> recent;
  for (Instant t : failures) {
    if (t > now - kSignInWindow && t <= now) recent.push_back(t);
  }
  if (int(recent.size()) < kSignInAttempts) return std::nullopt;
  std::sort(recent.begin(), recent.end());
  return recent[recent.size() - kSignInAttempts] + kSignInWindow;
}

std::vector<Instant> WithFailure(std::vector<Instant> failures, Instant now) {
  failures.push_back(now);
  std::sort(failures.begin(), failures.end());
  if (int(failures.size()) > kSignInAttempts) {
    failures.erase(failures.begin(), failures.end() - kSignInAttempts);
  }
  return failures;
}

}  // namespace salon
