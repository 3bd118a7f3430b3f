#include "base/clock.h"

#include <openssl/rand.h>

#include <chrono>
#include <cstdio>
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
  const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  char time[24];
  std::snprintf(time, sizeof time, "%011llx", ms);
  return std::string(prefix) + "_" + time + NewSecret(6);
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
