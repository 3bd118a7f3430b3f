#include "base/clock.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "base/hex.h"

namespace salon {

namespace {

void Draw(unsigned char* out, std::size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) throw std::runtime_error("RAND_bytes failed");
}

// The CSPRNG's bytes drawn a block at a time, per thread: one RAND_bytes
// (and its locks, which cost more than an id) per ~80 ids instead of one
// each. Bytes handed out are wiped from the pool. (salond never forks: a
// child process would repeat its parent's pool.)
void RandomBytes(unsigned char* out, std::size_t n) {
  struct Pool {
    std::array<unsigned char, 512> bytes;
    std::size_t left = 0;
  };
  thread_local Pool pool;
  if (n > pool.bytes.size()) return Draw(out, n);
  if (pool.left < n) {
    Draw(pool.bytes.data(), pool.bytes.size());
    pool.left = pool.bytes.size();
  }
  unsigned char* from = pool.bytes.data() + pool.bytes.size() - pool.left;
  std::memcpy(out, from, n);
  OPENSSL_cleanse(from, n);
  pool.left -= n;
}

}  // namespace

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
