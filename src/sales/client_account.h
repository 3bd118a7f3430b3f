// A client's account at the salon: what they owe for sales charged to it
// (the "account" tender), less what refunds paid back to it, voids of those
// sales and their own payments at the till took off. Nothing is kept for it
// beside those sales: the account is read from the client's sales, so it
// agrees with the ledger's client_accounts (a receivable: a debit is owed
// to the salon) by construction. Pure; thread-safe.
//
// The rules: only a sale with a client is charged to an account, and only
// such a sale is refunded to one. A client pays their account in cash or by
// card, at least 1 and at most what they owe (no paying in advance). A
// refund to the account may leave it in credit (a negative balance: the
// salon owes the client), which their next account charges use up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "base/time.h"
#include "sales/sale.h"

namespace salon {

// charged: a sale put on the account; refunded: a refund paid to it;
// voided: a charge (or a payment) undone with its sale; paid: the client
// paid it off.
enum class AccountEventKind { kCharged, kRefunded, kVoided, kPaid };
const char* ToString(AccountEventKind k);
std::optional<AccountEventKind> ParseAccountEventKind(std::string_view text);

struct AccountEvent {
  AccountEventKind kind = AccountEventKind::kCharged;
  Instant at;
  std::int64_t amount = 0;  // what it moved the balance by: + owed more, − owed less
  SaleId sale_id;           // the sale charged, refunded or voided; the payment's own
  BranchId branch_id;       // where it happened
  PaymentMethod method = PaymentMethod::kAccount;  // paid: cash or card
  std::string refund_id;    // refunded: which refund of the sale
  friend bool operator==(const AccountEvent&, const AccountEvent&) = default;
};

struct ClientAccount {
  std::int64_t balance = 0;  // Σ history amounts; > 0: the client owes the salon
  std::vector<AccountEvent> history;  // oldest first (ties: in the order of `sales`)
};

// The account that `sales` (every sale of one client, in any order; sales
// of nobody's account move nothing) make. kInvalid when a sum overflows.
Result<ClientAccount> ClientAccountOf(const std::vector<Sale>& sales);

// kInvalid naming `field` when `method` is an account but there is no
// `client` whose account it would be.
Status CheckAccountHolder(PaymentMethod method, const ClientId& client, const std::string& field);

// Whether `paid` may be taken against `account`: kInvalid naming "method"
// unless cash or card, naming "amount" unless 1 to what is owed.
Status CheckAccountPayment(const ClientAccount& account, const Payment& paid);

}  // namespace salon
