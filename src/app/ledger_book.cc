#include "app/ledger_book.h"

#include "app/records.h"

namespace salon {

std::string PostingScope(const BranchId& branch) { return "posting:" + branch.value; }

Result<LedgerEntryId> PostEntry(WriteTxn& txn, IdSource& ids, LedgerEntry e) {
  e.id.value = ids.NewId(RecordTraits<LedgerEntry>::kPrefix);
  e.postings = Normalised(std::move(e.postings));
  if (!Balanced(e.postings)) return Status::Internal("an unbalanced " + e.source + " entry");
  e.seq = txn.NextNumber(e.salon_id, PostingScope(e.branch_id));
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

Result<TillPoint> SalePoint(RecordReader& txn, const Sale& sale) {
  // The branch's entries of that second that name the sale: a handful.
  ListQuery q = PageQuery(sale.salon_id, PageRequest{});
  q.parent_ids = {sale.branch_id.value};
  q.overlap = std::pair{UnixSeconds(sale.sold_at), UnixSeconds(sale.sold_at) + 1};
  q.search = sale.id.value;
  SALON_ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries, ListAll<LedgerEntry>(txn, q));
  for (const LedgerEntry& e : entries) {
    if (e.sale_id == sale.id && e.source == "sale") return PointOf(e);
  }
  return TillPoint{sale.sold_at, 0};
}

}  // namespace salon
