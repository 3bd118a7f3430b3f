// Hex encoding and SHA-256, used for secrets, ETags and request fingerprints.
#pragma once

#include <string>
#include <string_view>

namespace salon {

std::string HexEncode(std::string_view bytes);
// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Lower-case hex HMAC-SHA-256 of `data` under `key` (RFC 2104).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

}  // namespace salon
