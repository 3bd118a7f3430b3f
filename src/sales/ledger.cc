#include "sales/ledger.h"

#include <array>

#include "sales/money_math.h"

namespace salon {
namespace {

// Accounts are numbered 0…9 in declaration order, kCashOverShort last.
constexpr std::size_t kAccountCount = static_cast<std::size_t>(Account::kCashOverShort) + 1;

// What part of a line's net `gross_so_far` of its gross carries, rounded
// half away from zero. Cumulative, so that refunds' nets telescope: the
// parts of successive refunds add up to the line's net exactly.
std::int64_t NetOf(const PricedLine& line, std::int64_t gross_so_far) {
  // gross_so_far ≤ line.gross and |net| ≤ gross: the result fits.
  return MulDivRound(gross_so_far, line.net, line.gross).value_or(0);
}

}  // namespace

const char* ToString(Account a) {
  switch (a) {
    case Account::kCash: return "cash";
    case Account::kCardClearing: return "card_clearing";
    case Account::kVoucherLiability: return "voucher_liability";
    case Account::kDepositsHeld: return "deposits_held";
    case Account::kClientAccounts: return "client_accounts";
    case Account::kRevenueServices: return "revenue_services";
    case Account::kRevenueProducts: return "revenue_products";
    case Account::kTaxPayable: return "tax_payable";
    case Account::kTipsPayable: return "tips_payable";
    case Account::kCashOverShort: return "cash_over_short";
  }
  return "cash";
}

std::optional<Account> ParseAccount(std::string_view text) {
  for (std::size_t i = 0; i < kAccountCount; ++i) {
    const auto a = static_cast<Account>(i);
    if (text == ToString(a)) return a;
  }
  return std::nullopt;
}

std::vector<Posting> Normalised(std::vector<Posting> postings) {
  std::array<std::int64_t, kAccountCount> sums{};
  for (const Posting& p : postings) sums[static_cast<std::size_t>(p.account)] += p.amount;
  postings.clear();
  for (std::size_t i = 0; i < kAccountCount; ++i) {
    if (sums[i] != 0) postings.push_back({static_cast<Account>(i), sums[i]});
  }
  return postings;
}

bool Balanced(const std::vector<Posting>& postings) {
  __int128 sum = 0;  // wide: a wrong entry must not wrap around to zero
  for (const Posting& p : postings) sum += p.amount;
  return sum == 0;
}

std::vector<Posting> Reversed(const std::vector<Posting>& postings) {
  std::vector<Posting> reversed = postings;
  for (Posting& p : reversed) p.amount = -p.amount;
  return reversed;
}

Account AccountOf(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::kCash: return Account::kCash;
    case PaymentMethod::kCard: return Account::kCardClearing;
    case PaymentMethod::kVoucher: return Account::kVoucherLiability;
    case PaymentMethod::kAccount: return Account::kClientAccounts;
    case PaymentMethod::kDeposit: return Account::kDepositsHeld;
  }
  return Account::kCash;
}

std::vector<Posting> SalePostings(const std::vector<PricedLine>& lines, std::int64_t tips,
                                  const std::vector<Payment>& payments, std::int64_t change) {
  std::vector<Posting> postings;
  postings.reserve(payments.size() + lines.size() * 2 + 2);
  for (const Payment& p : payments) postings.push_back({AccountOf(p.method), p.amount});
  postings.push_back({Account::kCash, -change});  // handed back: only the cash kept stays
  for (const PricedLine& p : lines) {
    switch (p.line.kind) {
      case LineKind::kService:
        postings.push_back({Account::kRevenueServices, -p.net});
        postings.push_back({Account::kTaxPayable, -p.tax});
        break;
      case LineKind::kProduct:
        postings.push_back({Account::kRevenueProducts, -p.net});
        postings.push_back({Account::kTaxPayable, -p.tax});
        break;
      case LineKind::kVoucher:
        // A voucher sold is owed to its holder in full (it carries no tax).
        postings.push_back({Account::kVoucherLiability, -p.gross});
        break;
    }
  }
  postings.push_back({Account::kTipsPayable, -tips});
  return Normalised(std::move(postings));
}

RefundSplit SplitRefund(const PricedLine& line, const LineRefunded& before, std::int64_t gross) {
  if (line.gross == 0) return {};
  // The net of everything refunded up to and including this refund, less
  // the net of what was refunded before it. Emptying the line gives
  // NetOf(line.gross) = line.net, so the last refund takes the remainder.
  const std::int64_t net = NetOf(line, before.amount + gross) - NetOf(line, before.amount);
  return {net, gross - net};
}

std::vector<Posting> RefundPostings(LineKind kind, const RefundSplit& split, PaymentMethod method) {
  std::vector<Posting> postings;
  switch (kind) {
    case LineKind::kService:
      postings.push_back({Account::kRevenueServices, split.net});
      postings.push_back({Account::kTaxPayable, split.tax});
      break;
    case LineKind::kProduct:
      postings.push_back({Account::kRevenueProducts, split.net});
      postings.push_back({Account::kTaxPayable, split.tax});
      break;
    case LineKind::kVoucher:
      postings.push_back({Account::kVoucherLiability, split.net + split.tax});
      break;
  }
  postings.push_back({AccountOf(method), -(split.net + split.tax)});
  return Normalised(std::move(postings));
}

std::vector<Posting> AccountPaymentPostings(const Payment& paid) {
  return Normalised({{AccountOf(paid.method), paid.amount},
                     {Account::kClientAccounts, -paid.amount}});
}

}  // namespace salon
