// Clock and IdSource: every read of the time and every random id goes through
// these injected interfaces, so that tests control both. Implementations are
// thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

namespace salon {

using Instant = std::chrono::sys_seconds;

// An instant as the store keeps it: seconds since the Unix epoch.
inline long long UnixSeconds(Instant t) { return t.time_since_epoch().count(); }
inline Instant FromUnixSeconds(long long s) { return Instant(std::chrono::seconds(s)); }

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override {
    return std::chrono::floor<std::chrono::seconds>(
        std::chrono::system_clock::now());
  }
};

// A clock tests set by hand.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant now) : now_(now.time_since_epoch().count()) {}
  Instant Now() const override { return FromUnixSeconds(now_.load()); }
  void Set(Instant t) { now_ = t.time_since_epoch().count(); }
  void Advance(std::chrono::seconds d) { now_ += d.count(); }

 private:
  std::atomic<long long> now_;
};

// Makes opaque ids: `<prefix>_<random>`, unique with overwhelming probability.
class IdSource {
 public:
  virtual ~IdSource() = default;
  virtual std::string NewId(std::string_view prefix) = 0;
  // A secret of `bytes` random bytes, hex encoded.
  virtual std::string NewSecret(int bytes) = 0;
};

// Secrets from the operating system's CSPRNG; ids ordered by time (the
// milliseconds since the epoch in 11 hex digits, then 48 random bits, like
// UUIDv7), so that records made one after another sit side by side in the
// stores' indexes: inserting many touches few pages, however large the table.
class RandomIdSource final : public IdSource {
 public:
  std::string NewId(std::string_view prefix) override;
  std::string NewSecret(int bytes) override;
};

// Deterministic ids for tests: prefix_000001, prefix_000002, ...
class SequentialIdSource final : public IdSource {
 public:
  std::string NewId(std::string_view prefix) override;
  std::string NewSecret(int bytes) override;

 private:
  std::atomic<long long> next_{1};
};

}  // namespace salon
