// One posting of money movements: what caused it (a sale, its refund, its
// void, a cash-up's difference) and its balanced lines. Kept forever; never changed.
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
  std::string source;  // "sale", "refund", "void", "cash_up" (a cash difference), …
  SaleId sale_id;      // "" for an entry of no sale (a cash-up's)
  std::string currency;
  std::vector<Posting> postings;  // Balanced
};

}  // namespace salon
