// One posting of money movements: what caused it (a sale, its refund, its
// void, a deposit, a client's account paid, a cash-up's difference), its
// place among its branch's postings, and its balanced lines. Kept forever;
// never changed.
#pragma once

#include <string>
#include <vector>

#include "base/ids.h"
#include "base/time.h"
#include "sales/ledger.h"

namespace salon {

struct LedgerEntry {
  LedgerEntryId id;
  SalonId salon_id;
  BranchId branch_id;
  Instant posted_at;
  // Its place in the branch's posting sequence (1, 2, … in commit order;
  // sales/till_point.h); 0 for an entry posted before it was kept.
  long long seq = 0;
  std::string source;  // "sale", "refund", "void", "account_payment", "cash_up" (a cash difference), …
  SaleId sale_id;      // "" for an entry of no sale (a cash-up's)
  std::string currency;
  std::vector<Posting> postings;  // Balanced
};

}  // namespace salon
