#include "app/directory.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>

#include "app/records.h"
#include "base/hex.h"

namespace salon {

namespace {

// Reads that run inside a write may see changes not yet committed; only
// snapshot reads may fill a cache.
bool MayFillCache(ReadTxn& txn) { return !txn.writing(); }

// The bytes values own beyond themselves, estimated for the caches' bounds.
std::size_t HeapOf(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }
std::size_t HeapOf(const WeeklyHours& hours) {
  std::size_t n = 0;
  for (const auto& day : hours) n += day.capacity() * sizeof(WorkingSpan);
  return n;
}
std::size_t HeapOf(const Branch& b) {
  return HeapOf(b.id.value) + HeapOf(b.salon_id.value) + HeapOf(b.name) + HeapOf(b.timezone) +
         HeapOf(b.sms_sender) + (b.opening_hours ? HeapOf(*b.opening_hours) : 0);
}
std::size_t HeapOf(const ServiceIdList& list) {
  if (list.empty()) return 0;
  std::size_t n = sizeof(list.ids()) + 32 + list.ids().capacity() * sizeof(ServiceId);
  for (const ServiceId& id : list) n += HeapOf(id.value);
  return n;
}
// A staff member's own heap; their list of services may be shared.
std::size_t HeapOf(const Staff& s) {
  return HeapOf(s.id.value) + HeapOf(s.salon_id.value) + HeapOf(s.branch_id.value) +
         HeapOf(s.name) + HeapOf(s.hours);
}
std::size_t HeapOf(const Directory::StaffList& list) {
  if (!list) return 0;
  std::size_t n = sizeof(*list) + 32 + list->capacity() * sizeof(Staff);  // + control block
  std::vector<const ServiceIdList*> counted;
  for (const Staff& s : *list) {
    n += HeapOf(s);
    if (std::none_of(counted.begin(), counted.end(),
                     [&](const ServiceIdList* c) { return c->SharesWith(s.service_ids); })) {
      n += HeapOf(s.service_ids);
      counted.push_back(&s.service_ids);
    }
  }
  return n;
}
std::size_t HeapOf(const Service& s) {
  return HeapOf(s.id.value) + HeapOf(s.salon_id.value) + HeapOf(s.name) + HeapOf(s.category) +
         HeapOf(s.price.currency) + s.phases.capacity() * sizeof(Phase);
}
std::size_t HeapOf(const Salon& s) {
  std::size_t n = HeapOf(s.id.value) + HeapOf(s.name) + HeapOf(s.currency) + HeapOf(s.country);
  for (const std::string& t : s.messaging.templates) n += HeapOf(t);
  return n;
}
std::size_t HeapOf(const Client& c) {
  std::size_t n = HeapOf(c.id.value) + HeapOf(c.salon_id.value) + HeapOf(c.first_name) +
                  HeapOf(c.last_name) + HeapOf(c.phone) + HeapOf(c.email) +
                  c.consent_log.capacity() * sizeof(ConsentChange);
  for (const ConsentChange& change : c.consent_log) {
    n += HeapOf(change.consent) + HeapOf(change.source);
  }
  return n;
}
// The salon a directory record belongs to (a salon's: itself).
const SalonId& SalonOf(const Salon& s) { return s.id; }
template <typename T>
const SalonId& SalonOf(const T& value) {
  return value.salon_id;
}

template <typename T>
typename CommittedCache<T>::SizeOf SizeOf() {
  return [](const T& value) { return HeapOf(value); };
}

}  // namespace

Directory::Directory(Store& store, std::string admin_key, const CacheOptions& caches)
    : store_(store),
      admin_key_(std::move(admin_key)),
      salon_by_key_hash_(caches.Scaled(kSalonKeyBounds), SizeOf<std::string>(),
                         caches.MetricsOf("salon_keys", caches.Scaled(kSalonKeyBounds))),
      branches_(caches.Scaled(kBranchBounds), SizeOf<Branch>(),
                caches.MetricsOf("branches", caches.Scaled(kBranchBounds))),
      staff_by_branch_(caches.Scaled(kStaffListBounds), SizeOf<StaffList>(),
                       caches.MetricsOf("staff_lists", caches.Scaled(kStaffListBounds))),
      services_(caches.Scaled(kServiceBounds), SizeOf<Service>(),
                caches.MetricsOf("services", caches.Scaled(kServiceBounds))),
      salons_(caches.Scaled(kSalonBounds), SizeOf<Salon>(),
              caches.MetricsOf("salons", caches.Scaled(kSalonBounds))),
      clients_(caches.Scaled(kClientBounds), SizeOf<Client>(),
               caches.MetricsOf("clients", caches.Scaled(kClientBounds))) {}

std::optional<std::string_view> BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) {
      return std::nullopt;
    }
  }
  std::string_view rest = authorization.substr(kScheme.size());
  if (rest.front() != ' ') return std::nullopt;
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest;
}

bool Directory::IsAdmin(std::string_view authorization) const {
  const std::optional<std::string_view> key = BearerToken(authorization);
  return key && key->size() == admin_key_.size() &&
         CRYPTO_memcmp(key->data(), admin_key_.data(), key->size()) == 0;
}

Result<Principal> Directory::Authenticate(std::string_view authorization) {
  const std::optional<std::string_view> token = BearerToken(authorization);
  if (!token) return Status::Unauthenticated("send Authorization: Bearer <key>");
  const std::string_view key = *token;
  if (key.empty() || key.size() > 200) return Status::Unauthenticated("invalid key");
  if (IsAdmin(authorization)) return Principal::Admin();
  const std::string hash = Sha256Hex(key);
  const std::uint64_t ticket = salon_by_key_hash_.Ticket();
  if (auto salon = salon_by_key_hash_.Find(hash)) {
    return Principal::KeyOf(SalonId{*salon});
  }
  std::optional<SalonId> salon;
  std::uint64_t horizon = 0;
  SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
    salon = txn.SalonIdByKeyHash(hash);
    horizon = txn.Horizon();
    return Status::Ok();
  }));
  if (!salon) return Status::Unauthenticated("invalid key");
  salon_by_key_hash_.Emplace(hash, salon->value, horizon, ticket);
  return Principal::KeyOf(*salon);
}

template <typename T>
Result<T> Directory::OfSalon(const T& value, const SalonId& salon) {
  if (SalonOf(value) != salon) {
    return Status::NotFound("no " + std::string(RecordTraits<T>::kNoun) + " '" +
                            value.id.value + "'");
  }
  return value;
}

template <typename T>
Result<T> Directory::Cached(CommittedCache<T>& cache, ReadTxn& txn, const SalonId& salon,
                            const std::string& id) {
  // After the snapshot if `txn` has read before (see committed_cache.h).
  const std::uint64_t ticket = cache.Ticket();
  if (auto value = cache.Find(id)) return OfSalon(*value, salon);
  SALON_ASSIGN_OR_RETURN(T loaded, Load<T>(txn, salon, id));  // the salon's, or kNotFound
  if (MayFillCache(txn)) cache.Emplace(id, loaded, txn.Horizon(), ticket);
  return loaded;
}

template <typename T>
void Directory::SaveCached(CommittedCache<T>& cache, WriteTxn& txn, const T& value) {
  txn.Put(RecordTraits<T>::kKind, RecordTraits<T>::ToRecord(value));  // as Save<T>
  txn.OnCommit([&cache, value, h = txn.Horizon()] { cache.Assign(value.id.value, value, h); });
}

std::optional<Principal> Directory::KnownCaller(std::string_view authorization) {
  const std::optional<std::string_view> token = BearerToken(authorization);
  if (!token || token->empty() || token->size() > 200) return std::nullopt;
  if (IsAdmin(authorization)) return Principal::Admin();
  auto salon = salon_by_key_hash_.Find(Sha256Hex(*token));
  if (!salon) return std::nullopt;
  return Principal::KeyOf(SalonId{*salon});
}

std::optional<Branch> Directory::KnownBranch(const SalonId& salon, const BranchId& id) {
  auto branch = branches_.Find(id.value);
  if (!branch || branch->salon_id != salon) return std::nullopt;
  return branch;
}

Result<Branch> Directory::FindBranch(const SalonId& salon, const BranchId& id) {
  if (auto branch = branches_.Find(id.value)) return OfSalon(*branch, salon);
  Result<Branch> found = Status::Internal("not read");
  SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
    found = FindBranch(txn, salon, id);
    return Status::Ok();
  }));
  return found;
}

Result<Branch> Directory::FindBranch(ReadTxn& txn, const SalonId& salon, const BranchId& id) {
  return Cached(branches_, txn, salon, id.value);
}

void Directory::SaveBranch(WriteTxn& txn, const Branch& branch) {
  SaveCached(branches_, txn, branch);
  // Public pages name only the branch: its salon is found by this handle.
  if (branch.online_booking) txn.PutSalonKey(BranchHandle(branch.id), branch.salon_id);
}

namespace {

Result<Directory::StaffList> ListStaff(ReadTxn& txn, const SalonId& salon,
                                       const BranchId& branch) {
  ListQuery q;
  q.salon_id = salon;
  q.parent_ids = {branch.value};
  q.limit = 500;
  SALON_ASSIGN_OR_RETURN(Page<Staff> page, List<Staff>(txn, q));
  ShareServiceLists(page.items);
  return std::make_shared<const std::vector<Staff>>(std::move(page.items));
}

}  // namespace

Result<Directory::StaffList> Directory::BranchStaff(ReadTxn& txn, const Branch& branch) {
  const std::uint64_t ticket = staff_by_branch_.Ticket();
  if (auto cached = staff_by_branch_.Find(branch.id.value)) return *cached;
  SALON_ASSIGN_OR_RETURN(StaffList staff, ListStaff(txn, branch.salon_id, branch.id));
  if (MayFillCache(txn)) {
    staff_by_branch_.Emplace(branch.id.value, staff, txn.Horizon(), ticket);
  }
  return staff;
}

void Directory::SaveStaff(WriteTxn& txn, const Staff& staff, const Staff* previous) {
  Save(txn, staff);
  std::vector<BranchId> touched{staff.branch_id};
  if (previous != nullptr && previous->branch_id != staff.branch_id) {
    touched.push_back(previous->branch_id);
  }
  for (const BranchId& branch : touched) {
    auto list = ListStaff(txn, staff.salon_id, branch);  // sees this write
    if (!list.ok()) continue;
    txn.OnCommit([this, key = branch.value, list = *list, h = txn.Horizon()] {
      staff_by_branch_.Assign(key, list, h);
    });
  }
}

Result<Service> Directory::FindService(ReadTxn& txn, const SalonId& salon,
                                       const ServiceId& id) {
  return Cached(services_, txn, salon, id.value);
}

void Directory::SaveService(WriteTxn& txn, const Service& service) {
  SaveCached(services_, txn, service);
}

Result<Salon> Directory::FindSalon(ReadTxn& txn, const SalonId& salon) {
  return Cached(salons_, txn, salon, salon.value);
}

void Directory::SaveSalon(WriteTxn& txn, const Salon& salon) {
  SaveCached(salons_, txn, salon);
}

Result<Client> Directory::FindClient(ReadTxn& txn, const SalonId& salon, const ClientId& id) {
  return Cached(clients_, txn, salon, id.value);
}

void Directory::SaveClient(WriteTxn& txn, const Client& client) {
  SaveCached(clients_, txn, client);
}

void Directory::Forget(const Change& change) {
  if (change.what == Change::What::kAll) {
    branches_.ForgetAll(change.seq);
    staff_by_branch_.ForgetAll(change.seq);
    services_.ForgetAll(change.seq);
    salons_.ForgetAll(change.seq);
    clients_.ForgetAll(change.seq);
  } else if (change.what == Change::What::kRecord) {
    switch (change.kind) {
      case Kind::kBranch: branches_.Forget(change.id, change.seq); break;
      // A staff member may have left or joined any branch's list.
      case Kind::kStaff: staff_by_branch_.ForgetAll(change.seq); break;
      case Kind::kService: services_.Forget(change.id, change.seq); break;
      case Kind::kSalon:
        salons_.Forget(change.id, change.seq);
        break;
      case Kind::kClient: clients_.Forget(change.id, change.seq); break;
      default: break;
    }
  }
}

std::string Directory::BranchHandle(const BranchId& branch) { return "branch:" + branch.value; }

Result<Branch> Directory::PublicBranch(const BranchId& id) {
  Result<Branch> found = Status::NotFound("no such branch");
  if (auto branch = branches_.Find(id.value)) {
    found = *branch;
  } else {
    SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
      if (auto salon = txn.SalonIdByKeyHash(BranchHandle(id))) {
        found = FindBranch(txn, SalonId{*salon}, id);
      }
      return Status::Ok();
    }));
  }
  if (!found.ok() || !found->online_booking || found->archived) {
    return Status::NotFound("no branch '" + id.value + "' takes bookings online");
  }
  return found;
}

void Directory::AddSalonKey(WriteTxn& txn, const std::string& key, const SalonId& salon) {
  txn.PutSalonKey(Sha256Hex(key), salon);
}

}  // namespace salon
