// The CSPRNG's bytes drawn a block at a time: one RAND_bytes (and its locks,
// which cost more than an id) per ~80 ids instead of one each. Bytes handed
// out are wiped from the pool. One per thread (not thread-safe); a process
// that forked would repeat its parent's pool (salond never forks).
#pragma once

#include <array>
#include <cstddef>
#include <span>

namespace salon {

class RandomPool {
 public:
  static constexpr std::size_t kSize = 512;

  // Fills `out` with `n` random bytes: from the pool when they fit in it,
  // else straight from the CSPRNG. Throws when the CSPRNG fails.
  void Take(unsigned char* out, std::size_t n);

  // The whole pool, drawn and wiped bytes alike (for tests).
  std::span<const unsigned char, kSize> bytes() const { return bytes_; }

 private:
  std::array<unsigned char, kSize> bytes_{};
  std::size_t left_ = 0;  // the last `left_` bytes are not handed out yet
};

}  // namespace salon
