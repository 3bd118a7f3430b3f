// Salons: the platform admin creates and lists them; a salon reads and
// patches itself, its messaging settings included. Each use case owns its
// transaction. Thread-safe; no state of its own.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>

#include "app/answer.h"
#include "app/directory.h"
#include "app/page.h"
#include "base/clock.h"

namespace salon {

struct NewSalon {
  Salon salon;
  std::string api_key;  // shown once; only its hash is stored
};

class Salons {
 public:
  Salons(Store& store, Directory& directory, IdSource& ids, const Clock& clock)
      : store_(store), directory_(directory), ids_(ids), clock_(clock) {}

  // Gives `salon` a new id and key.
  Result<Answer> Create(Salon salon, const Answering<NewSalon>& how);
  // Every salon of the platform, by id.
  Result<Page<Salon>> List(const PageRequest& page);
  // kNotFound for an unknown salon.
  Result<Salon> Get(const SalonId& salon);
  Status Exists(const SalonId& salon);
  // Applies `patch` (a JSON merge patch of the salon's document) and
  // validates the whole; kStale for a stale `if_match`, kConflict for a new
  // currency once services have prices.
  Result<Answer> Patch(const SalonId& salon, const boost::json::object& patch,
                       std::optional<long long> if_match, const Answering<Salon>& how);

 private:
  Store& store_;
  Directory& directory_;
  IdSource& ids_;
  const Clock& clock_;
};

}  // namespace salon
