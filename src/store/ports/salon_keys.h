// The salon-keys port: the API keys that name a salon, kept as hashes.
#pragma once

#include <optional>
#include <string_view>

#include "base/ids.h"

namespace salon {

class SalonKeyReader {
 public:
  virtual ~SalonKeyReader() = default;
  // The salon whose API key hashes to `hash`.
  virtual std::optional<SalonId> SalonIdByKeyHash(std::string_view hash) = 0;
};

class SalonKeyWriter {
 public:
  virtual ~SalonKeyWriter() = default;
  virtual void PutSalonKey(std::string_view hash, const SalonId& salon) = 0;
};

}  // namespace salon
