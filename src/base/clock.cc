#include "base/clock.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "base/hex.h"
#include "base/random_pool.h"

namespace salon {

namespace {

void Draw(unsigned char* out, std::size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) throw std::runtime_error("RAND_bytes failed");
}

void RandomBytes(unsigned char* out, std::size_t n) {
  thread_local RandomPool pool;
  pool.Take(out, n);
}

}  // namespace

void RandomPool::Take(unsigned char* out, std::size_t n) {
  if (n > kSize) return Draw(out, n);
  if (left_ < n) {
    Draw(bytes_.data(), kSize);
    left_ = kSize;
  }
  unsigned char* from = bytes_.data() + kSize - left_;
  std::memcpy(out, from, n);
  OPENSSL_cleanse(from, n);
  left_ -= n;
}

std::string RandomIdSource::NewSecret(int bytes) {
  std::string raw(bytes, '\0');
  RandomBytes(reinterpret_cast<unsigned char*>(raw.data()), raw.size());
  std::string hex = HexEncode(raw);
  OPENSSL_cleanse(raw.data(), raw.size());
  return hex;
}

std::string RandomIdSource::NewId(std::string_view prefix) {
  const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  char time[24];
  std::snprintf(time, sizeof time, "%011llx", ms);
  std::string id;
  id.reserve(prefix.size() + 24);
  id.append(prefix).append("_").append(time).append(NewSecret(6));
  return id;
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
