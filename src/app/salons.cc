#include "app/salons.h"

#include "app/answered_write.h"
#include "app/records.h"

namespace salon {

Result<Answer> Salons::Create(Salon salon, const Answering<NewSalon>& how) {
  salon.id = SalonId{ids_.NewId(RecordTraits<Salon>::kPrefix)};
  salon.version = 1;
  NewSalon created{salon, "sk_" + ids_.NewSecret(24)};
  return WriteAnswered(store_, clock_, std::nullopt, how, [&](WriteTxn& txn) -> Result<NewSalon> {
    directory_.SaveSalon(txn, created.salon);
    directory_.AddSalonKey(txn, created.api_key, created.salon.id);
    return created;
  });
}

Result<Page<Salon>> Salons::List(const PageRequest& page) {
  ListQuery q;  // salons are listed across the platform: no salon_id
  q.after_id = page.after;
  q.limit = page.limit;
  return ReadResult(store_, [&](ReadTxn& txn) { return salon::List<Salon>(txn, q); });
}

Result<Salon> Salons::Get(const SalonId& salon) {
  return ReadResult(store_, [&](ReadTxn& txn) { return directory_.FindSalon(txn, salon); });
}

Status Salons::Exists(const SalonId& salon) {
  return store_.Read([&](ReadTxn& txn) -> Status {
    if (!txn.Get(Kind::kSalon, salon, salon.value)) {
      return Status::NotFound("no salon '" + salon.value + "'");
    }
    return Status::Ok();
  });
}

Result<Answer> Salons::Patch(const SalonId& salon, const boost::json::object& patch,
                             std::optional<long long> if_match, const Answering<Salon>& how) {
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<Salon> {
    SALON_ASSIGN_OR_RETURN(Salon current, Load<Salon>(txn, salon, salon.value));
    if (if_match && *if_match != current.version) {
      return Status::Stale("the salon is at version " + std::to_string(current.version));
    }
    SALON_ASSIGN_OR_RETURN(Salon next, SalonFromJson(MergePatch(ToJson(current), patch)));
    next.id = current.id;
    next.version = current.version + 1;
    if (next.currency != current.currency && txn.Count(Kind::kService, salon) > 0) {
      // Prices are amounts in the currency they were given in.
      return Status::Conflict("the currency cannot change once services have prices in " +
                              current.currency);
    }
    directory_.SaveSalon(txn, next);
    return next;
  });
}

}  // namespace salon
