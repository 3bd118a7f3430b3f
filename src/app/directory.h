// Directory: who a caller is (the admin key or a salon key, stored only as a
// SHA-256 hash) and the branches every request needs, both cached in memory
// in step with the store. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "app/committed_cache.h"
#include "base/ids.h"
#include "base/result.h"
#include "core/salon.h"
#include "store/store.h"

namespace salon {

enum class Role { kAdmin, kSalon };

struct Principal {
  Role role = Role::kSalon;
  SalonId salon_id;  // set for kSalon

  // Whether this caller may act on `salon`.
  bool MayAccess(const SalonId& salon) const {
    return role == Role::kAdmin || salon_id == salon;
  }
};

class Directory {
 public:
  Directory(Store& store, std::string admin_key)
      : store_(store), admin_key_(std::move(admin_key)) {}

  // From an Authorization header value. kUnauthenticated if missing or wrong.
  Result<Principal> Authenticate(std::string_view authorization);

  // The branch of `salon`, archived or not; kNotFound otherwise.
  Result<Branch> FindBranch(const SalonId& salon, const BranchId& branch);
  // Saves a branch in `txn` and updates the cache when it commits.
  void SaveBranch(WriteTxn& txn, const Branch& branch);
  // Records a new salon key in `txn`.
  void AddSalonKey(WriteTxn& txn, const std::string& key, const SalonId& salon);

 private:
  Store& store_;
  const std::string admin_key_;
  CommittedCache<std::string> salon_by_key_hash_;
  CommittedCache<Branch> branches_;
};

}  // namespace salon
