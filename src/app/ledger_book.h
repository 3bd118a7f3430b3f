// Posting to the ledger, in the caller's transaction: every money movement
// (a sale, refund, void, deposit, no-show fee, cash-up difference) goes
// through here, so each entry is normalised, balanced and saved alike.
#pragma once

#include "base/clock.h"
#include "sales/ledger_entry.h"
#include "store/store.h"

namespace salon {

// Mints `e`'s id, normalises its postings and saves it; kInternal if they
// do not balance (a bug: nothing of the transaction is kept). Answers the
// entry's id.
Result<LedgerEntryId> PostEntry(WriteTxn& txn, IdSource& ids, LedgerEntry e);

// An entry of `sale`'s (at its branch, in its currency) from `source`.
Status PostSale(WriteTxn& txn, IdSource& ids, Instant now, const Sale& sale,
                const std::string& source, std::vector<Posting> postings);

}  // namespace salon
