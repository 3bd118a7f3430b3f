#include "base/clock.h"

#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

#include "base/hex.h"

namespace salon {

std::string RandomIdSource::NewSecret(int bytes) {
  std::vector<unsigned char> buf(bytes);
  if (RAND_bytes(buf.data(), bytes) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return HexEncode(std::string_view(reinterpret_cast<const char*>(buf.data()),
                                    buf.size()));
}

std::string RandomIdSource::NewId(std::string_view prefix) {
  return std::string(prefix) + "_" + NewSecret(8);
}

std::string SequentialIdSource::NewId(std::string_view prefix) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016lld", next_++);
  return std::string(prefix) + "_" + buf;
}

std::string SequentialIdSource::NewSecret(int bytes) {
  std::string s = NewId("s");
  s.resize(bytes * 2, '0');
  return s;
}

}  // namespace salon
