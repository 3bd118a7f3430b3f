#include "app/directory.h"

#include <openssl/crypto.h>

#include "app/records.h"
#include "base/hex.h"

namespace salon {

Result<Principal> Directory::Authenticate(std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.substr(0, kBearer.size()) != kBearer) {
    return Status::Unauthenticated("send Authorization: Bearer <key>");
  }
  std::string_view key = authorization.substr(kBearer.size());
  if (key.empty() || key.size() > 200) return Status::Unauthenticated("invalid key");
  if (key.size() == admin_key_.size() &&
      CRYPTO_memcmp(key.data(), admin_key_.data(), key.size()) == 0) {
    return Principal{Role::kAdmin, {}};
  }
  const std::string hash = Sha256Hex(key);
  if (auto salon = salon_by_key_hash_.Find(hash)) {
    return Principal{Role::kSalon, SalonId{*salon}};
  }
  std::optional<std::string> salon;
  SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
    salon = txn.SalonIdByKeyHash(hash);
    return Status::Ok();
  }));
  if (!salon) return Status::Unauthenticated("invalid key");
  salon_by_key_hash_.Emplace(hash, *salon);
  return Principal{Role::kSalon, SalonId{*salon}};
}

Result<Branch> Directory::FindBranch(const SalonId& salon, const BranchId& id) {
  std::optional<Branch> branch = branches_.Find(id.value);
  if (!branch) {
    Result<Branch> loaded = Status::NotFound("");
    SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
      auto record = txn.Get(Kind::kBranch, salon.value, id.value);
      if (record) loaded = FromRecord<Branch>(*record);
      return Status::Ok();
    }));
    if (loaded.ok()) {
      branches_.Emplace(id.value, *loaded);
      branch = *loaded;
    } else if (loaded.status().code() != Code::kNotFound) {
      return loaded.status();
    }
  }
  if (!branch || branch->salon_id != salon) {
    return Status::NotFound("no branch '" + id.value + "'");
  }
  return *branch;
}

void Directory::SaveBranch(WriteTxn& txn, const Branch& branch) {
  Save(txn, branch);
  txn.OnCommit([this, branch] { branches_.Assign(branch.id.value, branch); });
}

void Directory::AddSalonKey(WriteTxn& txn, const std::string& key, const SalonId& salon) {
  txn.PutSalonKey(Sha256Hex(key), salon.value);
}

}  // namespace salon
