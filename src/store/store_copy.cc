#include "store/store_copy.h"

namespace salon {
namespace {

constexpr Kind kSalonKinds[] = {Kind::kBranch,  Kind::kStaff,   Kind::kService,
                                Kind::kClient,  Kind::kTimeOff, Kind::kAppointment,
                                Kind::kCampaign, Kind::kProduct, Kind::kSale,
                                Kind::kLedgerEntry, Kind::kVoucher, Kind::kCashUp,
                                Kind::kStockMove, Kind::kUser, Kind::kSession};

// One page of `q` from `store`.
Result<std::vector<Record>> ReadPage(Store& store, const ListQuery& q) {
  std::vector<Record> page;
  SALON_RETURN_IF_ERROR(store.Read([&](ReadTxn& txn) {
    page = txn.List(q);
    return Status::Ok();
  }));
  return page;
}

Status PutAll(Store& to, Kind kind, const std::vector<Record>& records) {
  return to.Write([&](WriteTxn& txn) {
    for (const Record& r : records) txn.Put(kind, r);
    return Status::Ok();
  });
}

Result<long long> CountOf(Store& store, Kind kind, const SalonId& salon) {
  long long n = 0;
  SALON_RETURN_IF_ERROR(store.Read([&](ReadTxn& txn) {
    n = txn.Count(kind, salon);
    return Status::Ok();
  }));
  return n;
}

}  // namespace

Result<CopyReport> CopyStore(Store& from, Store& to,
                             const std::function<void(long long, long long)>& progress,
                             int batch) {
  long long total = 0, done = 0;
  SALON_RETURN_IF_ERROR(from.Read([&](ReadTxn& txn) {
    total = txn.Count(Kind::kSalon, SalonId{});
    for (Kind kind : kSalonKinds) total += txn.Count(kind, SalonId{});
    return Status::Ok();
  }));
  progress(0, total);

  CopyReport report;
  ListQuery salons;
  salons.kind = Kind::kSalon;
  salons.include_archived = true;
  salons.limit = batch;
  for (;;) {
    SALON_ASSIGN_OR_RETURN(std::vector<Record> page, ReadPage(from, salons));
    if (page.empty()) break;
    for (const Record& salon : page) {
      SALON_RETURN_IF_ERROR(PutAll(to, Kind::kSalon, {salon}));
      progress(++done, total);
      for (Kind kind : kSalonKinds) {
        ListQuery q;
        q.kind = kind;
        q.salon_id = SalonId{salon.id};
        q.include_archived = true;
        q.limit = batch;
        for (;;) {
          SALON_ASSIGN_OR_RETURN(std::vector<Record> records, ReadPage(from, q));
          if (records.empty()) break;
          SALON_RETURN_IF_ERROR(PutAll(to, kind, records));
          done += static_cast<long long>(records.size());
          progress(done, total);
          q.after_id = records.back().id;
        }
        SALON_ASSIGN_OR_RETURN(long long source, CountOf(from, kind, SalonId{salon.id}));
        SALON_ASSIGN_OR_RETURN(long long copied, CountOf(to, kind, SalonId{salon.id}));
        if (source != copied) {
          return Status::Internal("salon " + salon.id + ": " + std::to_string(source) +
                                  " records in the source, " + std::to_string(copied) +
                                  " in the destination");
        }
        report.records[kind] += copied;
      }
      SalonRows rows;
      SALON_RETURN_IF_ERROR(from.Read([&](ReadTxn& txn) {
        rows = txn.RowsOf(SalonId{salon.id});
        return Status::Ok();
      }));
      SALON_RETURN_IF_ERROR(to.Write([&](WriteTxn& txn) {
        txn.PutRows(SalonId{salon.id}, rows);
        return Status::Ok();
      }));
      report.salons++;
      report.records[Kind::kSalon]++;
    }
    salons.after_id = page.back().id;
  }
  return report;
}

}  // namespace salon
