// The ledger: every money movement posts one entry of balanced lines
// (debits positive, credits negative; an entry sums to zero) to named
// accounts. Entries are never changed: a correction posts the reverse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sales/sale.h"

namespace salon {

enum class Account {
  kCash, kCardClearing, kVoucherLiability, kDepositsHeld, kClientAccounts,
  kRevenueServices, kRevenueProducts, kTaxPayable, kTipsPayable, kCashOverShort,
};
const char* ToString(Account a);
std::optional<Account> ParseAccount(std::string_view text);

struct Posting {
  Account account = Account::kCash;
  std::int64_t amount = 0;  // debit > 0, credit < 0
  friend bool operator==(const Posting&, const Posting&) = default;
};

// Postings with the same account are merged, zero ones dropped, in Account order.
std::vector<Posting> Normalised(std::vector<Posting> postings);
bool Balanced(const std::vector<Posting>& postings);
std::vector<Posting> Reversed(const std::vector<Posting>& postings);

// The account a payment method moves.
Account AccountOf(PaymentMethod m);

// A sale: payments in (cash kept, not tendered), revenue net per line kind,
// tax, tips owed to staff, vouchers sold as a liability. Balanced whenever
// the settlement covers total + tips.
std::vector<Posting> SalePostings(const std::vector<PricedLine>& lines, std::int64_t tips,
                                  const std::vector<Payment>& payments, std::int64_t change);

// A refund of `gross` of one line (its net and tax in proportion, the last
// unit's remainder when it empties the line) paid back by `method`.
struct RefundSplit {
  std::int64_t net = 0;
  std::int64_t tax = 0;
};
RefundSplit SplitRefund(const PricedLine& line, const LineRefunded& before, std::int64_t gross);
std::vector<Posting> RefundPostings(LineKind kind, const RefundSplit& split, PaymentMethod method);

// A client paying `paid` (cash or card) off their account: the method's
// account debited, client_accounts (what clients owe) credited. Balanced.
std::vector<Posting> AccountPaymentPostings(const Payment& paid);

}  // namespace salon
