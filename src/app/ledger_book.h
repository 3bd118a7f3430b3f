// Posting to the ledger, in the caller's transaction: every money movement
// (a sale, refund, void, deposit, no-show fee, account payment, cash-up
// difference) goes through here, so each entry is normalised, balanced,
// numbered in its branch's posting sequence (sales/till_point.h) and saved
// alike.
#pragma once

#include <string>

#include "base/clock.h"
#include "sales/ledger_entry.h"
#include "sales/sale.h"
#include "sales/till_point.h"
#include "store/store.h"

namespace salon {

// The counter (WriteTxn::NextNumber) of `branch`'s posting sequence. It is
// serialised with the salon's writes and undone with a failed one, so its
// numbers follow commit order.
std::string PostingScope(const BranchId& branch);

// Mints `e`'s id and its place in its branch's sequence, normalises its
// postings and saves it; kInternal if they do not balance (a bug: nothing
// of the transaction is kept). Answers the entry's id.
Result<LedgerEntryId> PostEntry(WriteTxn& txn, IdSource& ids, LedgerEntry e);

// An entry of `sale`'s (at its branch, in its currency) from `source`.
Status PostSale(WriteTxn& txn, IdSource& ids, Instant now, const Sale& sale,
                const std::string& source, std::vector<Posting> postings);

// Where `sale`'s own entry (source "sale", posted at its sold_at) stands
// among its branch's postings; its sold_at alone when it has none numbered.
Result<TillPoint> SalePoint(RecordReader& txn, const Sale& sale);

}  // namespace salon
