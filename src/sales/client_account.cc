#include "sales/client_account.h"

#include <algorithm>
#include <utility>

#include "sales/enum_names.h"
#include "sales/money_math.h"

namespace salon {
namespace {

constexpr EnumNames<AccountEventKind, 4> kAccountEventNames = {{
    {AccountEventKind::kCharged, "charged"},
    {AccountEventKind::kRefunded, "refunded"},
    {AccountEventKind::kVoided, "voided"},
    {AccountEventKind::kPaid, "paid"},
}};

// What `sale` itself did to its client's account, before any refund or
// void: an account payment pays it off, any other sale charges its account
// tender. 0: it never touched the account.
Result<std::int64_t> OwnEffect(const Sale& sale) {
  std::int64_t sum = 0;
  for (const Payment& p : sale.payments) {
    const bool counts = sale.kind == SaleKind::kAccountPayment || p.method == PaymentMethod::kAccount;
    if (!counts) continue;
    auto added = CheckedAdd(sum, p.amount);
    if (!added) return Status::Invalid("the account's sums overflow");
    sum = *added;
  }
  return sale.kind == SaleKind::kAccountPayment ? -sum : sum;
}

}  // namespace

const char* ToString(AccountEventKind k) { return NameIn(kAccountEventNames, k); }

std::optional<AccountEventKind> ParseAccountEventKind(std::string_view text) {
  return ValueIn(kAccountEventNames, text);
}

Result<ClientAccount> ClientAccountOf(const std::vector<Sale>& sales) {
  ClientAccount out;
  for (const Sale& s : sales) {
    SALON_ASSIGN_OR_RETURN(const std::int64_t own, OwnEffect(s));
    if (own != 0) {
      AccountEvent e;
      e.kind = own > 0 ? AccountEventKind::kCharged : AccountEventKind::kPaid;
      e.at = s.sold_at;
      e.amount = own;
      e.sale_id = s.id;
      e.branch_id = s.branch_id;
      if (s.kind == SaleKind::kAccountPayment && !s.payments.empty()) {
        e.method = s.payments.front().method;
      }
      out.history.push_back(std::move(e));
      if (s.status == SaleStatus::kVoided) {
        out.history.push_back({AccountEventKind::kVoided, s.voided_at.value_or(s.sold_at), -own,
                               s.id, s.branch_id, PaymentMethod::kAccount, ""});
      }
    }
    for (const Refund& f : s.refunds) {
      if (f.method != PaymentMethod::kAccount || f.amount == 0) continue;
      out.history.push_back({AccountEventKind::kRefunded, f.at, -f.amount, s.id, s.branch_id,
                             PaymentMethod::kAccount, f.id});
    }
  }
  std::stable_sort(out.history.begin(), out.history.end(),
                   [](const AccountEvent& a, const AccountEvent& b) { return a.at < b.at; });
  for (const AccountEvent& e : out.history) {
    auto balance = CheckedAdd(out.balance, e.amount);
    if (!balance) return Status::Invalid("the account's sums overflow");
    out.balance = *balance;
  }
  return out;
}

Status CheckAccountHolder(PaymentMethod method, const ClientId& client, const std::string& field) {
  if (method != PaymentMethod::kAccount || !client.value.empty()) return Status::Ok();
  return Status::Invalid("an account is a client's",
                         {{field, "a sale goes on an account only with its client_id"}});
}

Status CheckAccountPayment(const ClientAccount& account, const Payment& paid) {
  if (paid.method != PaymentMethod::kCash && paid.method != PaymentMethod::kCard) {
    return Status::Invalid("an account is paid in cash or by card",
                           {{"method", "must be cash or card"}});
  }
  if (paid.amount < 1) {
    return Status::Invalid("a payment has an amount", {{"amount", "must be above 0"}});
  }
  if (paid.amount > account.balance) {
    return Status::Invalid(
        "more than the client owes",
        {{"amount", "the client owes " + std::to_string(std::max<std::int64_t>(account.balance, 0)) +
                        ": pay at most that"}});
  }
  return Status::Ok();
}

}  // namespace salon
