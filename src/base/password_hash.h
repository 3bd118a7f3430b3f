// Passwords kept as argon2id hashes (RFC 9106), in the PHC string encoding
// ("$argon2id$v=19$m=…,t=…,p=…$salt$hash") so that the cost a hash was made
// with travels with it. The cost is OWASP's: 19 MiB, 2 passes, 1 lane
// (about 30 ms here).
#pragma once

#include <string>
#include <string_view>

namespace salon {

// A new hash of `password` under a random 16-byte salt.
std::string HashPassword(std::string_view password);
// Whether `password` matches `encoded` (false for a malformed one).
bool PasswordMatches(std::string_view password, const std::string& encoded);

}  // namespace salon
