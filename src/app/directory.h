// Directory: who a caller is (the admin key or a salon key, stored only as a
// SHA-256 hash) and the objects nearly every request needs — branches, their
// staff, services, the clients being booked — parsed once and cached in
// memory in step with the store: writers hand the cache what they committed;
// readers only fill gaps, so an older snapshot never replaces a newer commit.
// Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/committed_cache.h"
#include "base/ids.h"
#include "base/result.h"
#include "core/access.h"
#include "core/client.h"
#include "core/salon.h"
#include "core/service.h"
#include "core/staff.h"
#include "ops/cache_metrics.h"
#include "store/store.h"

namespace salon {

// Who calls: the platform admin key, a salon key (an integrator), or a
// person signed in to a salon (a session cookie).
enum class Role { kAdmin, kSalon, kPerson };

struct Principal {
  Role role = Role::kSalon;
  SalonId salon_id;  // set for kSalon and kPerson
  // For kPerson: their role in the salon and the staff member they are.
  StaffRole staff_role = StaffRole::kStylist;
  std::optional<StaffId> staff_id;

  static Principal Admin() { return Principal{Role::kAdmin, {}, StaffRole::kStylist, {}}; }
  static Principal KeyOf(SalonId salon) {
    return Principal{Role::kSalon, std::move(salon), StaffRole::kStylist, {}};
  }

  // Whether this caller may act on `salon`.
  bool MayAccess(const SalonId& salon) const {
    return role == Role::kAdmin || salon_id == salon;
  }
  // Whether this caller holds `right` (keys hold every right).
  bool Holds(Right right) const { return role != Role::kPerson || Allows(staff_role, right); }
};

// The key of an `Authorization: Bearer <key>` value (the scheme in any case,
// RFC 9110 §11.1), or none for another scheme.
std::optional<std::string_view> BearerToken(std::string_view authorization);

class Directory {
 public:
  // Each cache holds at most its bounds below, scaled by `caches`. A node
  // serves 100,000 salons: each salon's key, branch and record fit (~300,
  // ~600 and ~550 bytes each); the staff lists (~5.6 KB a branch of six
  // staff and 25 services, whose equal lists of services are shared) fit
  // the busiest 24,000 branches. Bounds are maxima: a node with fewer
  // salons holds only what it is asked for.
  Directory(Store& store, std::string admin_key, const CacheOptions& caches = {});
  static constexpr CacheBounds kSalonKeyBounds{131072, 48 << 20};
  static constexpr CacheBounds kBranchBounds{131072, 96 << 20};
  static constexpr CacheBounds kStaffListBounds{65536, 128 << 20};
  static constexpr CacheBounds kServiceBounds{50000, 32 << 20};
  static constexpr CacheBounds kSalonBounds{131072, 96 << 20};
  // The clients booked or changed lately (~660 bytes each as counted, more
  // with a long consent log).
  static constexpr CacheBounds kClientBounds{131072, 96 << 20};

  // From an Authorization header value. kUnauthenticated if missing or wrong.
  Result<Principal> Authenticate(std::string_view authorization);
  // Whether the header value carries the platform admin key.
  bool IsAdmin(std::string_view authorization) const;
  // Authenticate from memory only: none when the answer is not cached (or
  // the key is wrong), for callers that must not wait for the store.
  std::optional<Principal> KnownCaller(std::string_view authorization);

  // The branch of `salon`, archived or not; kNotFound otherwise. On a cache
  // miss it reads through `txn`; without one, in a read of its own (never
  // from inside a transaction: that would hold two pooled connections).
  Result<Branch> FindBranch(ReadTxn& txn, const SalonId& salon, const BranchId& branch);
  Result<Branch> FindBranch(const SalonId& salon, const BranchId& branch);
  // FindBranch from memory only: none when not cached (or not the salon's).
  std::optional<Branch> KnownBranch(const SalonId& salon, const BranchId& branch);
  // Saves a branch in `txn` and updates the cache when it commits.
  void SaveBranch(WriteTxn& txn, const Branch& branch);
  // A branch that takes bookings online (not archived), found by its id
  // alone, for the public pages; kNotFound for any other.
  Result<Branch> PublicBranch(const BranchId& branch);
  // Records a new salon key in `txn`.
  void AddSalonKey(WriteTxn& txn, const std::string& key, const SalonId& salon);

  using StaffList = std::shared_ptr<const std::vector<Staff>>;
  // The branch's staff who are not archived, in id order.
  Result<StaffList> BranchStaff(ReadTxn& txn, const Branch& branch);
  // Saves a staff member in `txn`; the branches it leaves or joins get their
  // new lists when it commits.
  void SaveStaff(WriteTxn& txn, const Staff& staff, const Staff* previous);

  // The salon's own record (its currency, country and messaging settings);
  // kNotFound for an unknown salon.
  Result<Salon> FindSalon(ReadTxn& txn, const SalonId& salon);
  // Saves a salon in `txn` and updates the cache when it commits.
  void SaveSalon(WriteTxn& txn, const Salon& salon);

  // A service of `salon`, archived or not; kNotFound otherwise.
  Result<Service> FindService(ReadTxn& txn, const SalonId& salon, const ServiceId& id);
  void SaveService(WriteTxn& txn, const Service& service);

  // A client of `salon`, archived or not; an error otherwise. Clients are
  // saved through SaveClient, which keeps the cache (Save<Client> is
  // deleted). In a write transaction too the cached value is answered: a
  // change committed meanwhile by another process, not yet announced, is
  // not seen. So consent, which decides a send, is read again from the
  // store by the dispatcher; this serves bookings and the messages drafted
  // for them.
  Result<Client> FindClient(ReadTxn& txn, const SalonId& salon, const ClientId& id);
  void SaveClient(WriteTxn& txn, const Client& client);

  // Forgets what another process changed (a Store::Watch callback).
  void Forget(const Change& change);

 private:
  // The handle under which a branch's salon is found by its id alone (in
  // the salon keys' table; never a key's hash, which has no colon).
  static std::string BranchHandle(const BranchId& branch);
  // `value` if it belongs to `salon`, else kNotFound.
  template <typename T>
  static Result<T> OfSalon(const T& value, const SalonId& salon);
  // The object `id` of `salon` from `cache`, else read through `txn` (and
  // kept, when `txn` only reads).
  template <typename T>
  Result<T> Cached(CommittedCache<T>& cache, ReadTxn& txn, const SalonId& salon,
                   const std::string& id);
  // Stores `value` in `txn` and hands it to `cache` when `txn` commits.
  template <typename T>
  static void SaveCached(CommittedCache<T>& cache, WriteTxn& txn, const T& value);

  Store& store_;
  const std::string admin_key_;
  CommittedCache<std::string> salon_by_key_hash_;
  CommittedCache<Branch> branches_;
  CommittedCache<StaffList> staff_by_branch_;
  CommittedCache<Service> services_;
  CommittedCache<Salon> salons_;
  CommittedCache<Client> clients_;
};

}  // namespace salon
