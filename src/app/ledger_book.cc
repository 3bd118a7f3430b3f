#include "app/ledger_book.h"

#include "app/records.h"

namespace salon {

Result<LedgerEntryId> PostEntry(WriteTxn& txn, IdSource& ids, LedgerEntry e) {
  e.id.value = ids.NewId(RecordTraits<LedgerEntry>::kPrefix);
  e.postings = Normalised(std::move(e.postings));
  if (!Balanced(e.postings)) return Status::Internal("an unbalanced " + e.source + " entry");
  Save(txn, e);
  return e.id;
}

Status PostSale(WriteTxn& txn, IdSource& ids, Instant now, const Sale& sale,
                const std::string& source, std::vector<Posting> postings) {
  LedgerEntry e;
  e.salon_id = sale.salon_id;
  e.branch_id = sale.branch_id;
  e.posted_at = now;
  e.source = source;
  e.sale_id = sale.id;
  e.currency = sale.currency;
  e.postings = std::move(postings);
  auto posted = PostEntry(txn, ids, std::move(e));
  return posted.ok() ? Status::Ok() : posted.status();
}

}  // namespace salon
