// Sales: the till's use cases — check out a walk-in or an appointment,
// refund, void, read and list sales, keep clients' accounts (read one, take
// a payment of it), and read the ledger. Each owns its transaction, in
// which every money movement posts its balanced ledger entry, stock moves
// and the appointment's status follows: a sale is all there or not at all.
// Receipt numbers count 1, 2, … per branch with no gap (Store's counters
// roll back with the sale). Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/answer.h"
#include "app/calendar_versions.h"
#include "app/deposits.h"
#include "app/page.h"
#include "base/clock.h"
#include "base/time.h"
#include "sales/client_account.h"
#include "sales/ledger_entry.h"
#include "sales/product.h"
#include "sales/sale.h"
#include "sales/voucher.h"

namespace salon {

struct CheckoutLineRequest {
  LineKind kind = LineKind::kService;
  std::string item_id;  // service_id or product_id
  std::optional<StaffId> staff;
  std::int64_t quantity = 1;
  std::optional<std::int64_t> unit_price;  // else the catalog's price
  std::optional<Discount> discount;
  std::optional<LocalDate> expires_on;  // a voucher's last day; none: no end
};

struct CheckoutRequest {
  BranchId branch;
  std::optional<ClientId> client;            // else the appointment's
  std::optional<AppointmentId> appointment;  // completed by the sale
  // None: the appointment's services, each by its staff member, at list
  // price. A deposit held for the appointment pays first.
  std::optional<std::vector<CheckoutLineRequest>> lines;
  std::optional<Discount> discount;
  std::int64_t tip = 0;
  std::vector<std::string> tip_staff;  // empty: the visit's staff
  std::vector<Payment> payments;
  // The currency the amounts were given in; "" = the salon's. Another
  // than the salon's is kInvalid.
  std::string currency;
};

struct RefundLineRequest {
  int line = 0;
  std::optional<std::int64_t> quantity, amount;
};

struct RefundRequest {
  std::vector<RefundLineRequest> lines;
  PaymentMethod method = PaymentMethod::kCash;
  std::string reason;
  std::string currency;  // as CheckoutRequest's
  std::string voucher_code;  // method voucher: the voucher to top up
};

struct StockRequest {
  BranchId branch;
  long long delta = 0;
  std::string reason;
};

struct StockMoveView {
  StockMove move;
  TimeZone zone;
};

// A sale with the time zone of its branch, in which it is shown.
struct SaleView {
  Sale sale;
  TimeZone zone;
};

// What a printed receipt shows beside the sale.
struct ReceiptView {
  SaleView sale;
  std::string salon_name;
  std::string branch_name;
};

// A client paying off their account at a branch's till.
struct AccountPaymentRequest {
  BranchId branch;
  Payment paid;          // cash or card; its amount at most what is owed
  std::string currency;  // as CheckoutRequest's
};

// A client's account, each event shown in its branch's time zone.
struct ClientAccountView {
  ClientId client;
  std::string currency;  // the salon's
  ClientAccount account;
  std::map<std::string, TimeZone> zones;  // by branch id
};

struct SaleFilter {
  std::optional<BranchId> branch;
  std::optional<ClientId> client;
  std::optional<StaffId> staff;    // sales with a line or a tip of theirs
  std::optional<Instant> from, to;  // sold in [from, to)
  PageRequest page;
};

struct LedgerView {
  LedgerEntry entry;
  TimeZone zone;
};

struct LedgerFilter {
  std::optional<BranchId> branch;
  std::optional<Instant> from, to;  // posted in [from, to)
  PageRequest page;
};

class Sales {
 public:
  Sales(Store& store, const Clock& clock, IdSource& ids, CalendarVersions& calendar,
        Deposits& deposits)
      : store_(store), clock_(clock), ids_(ids), calendar_(calendar), deposits_(deposits) {}

  // kInvalid for what the request names that does not exist (or is
  // archived), bad amounts, payments that do not cover total + tips, and an
  // account payment without the sale's client; kConflict for an
  // appointment that cannot be checked out.
  Result<Answer> Checkout(const SalonId& salon, const CheckoutRequest& req,
                          const Answering<SaleView>& how);
  // kConflict beyond what is left of a line, for a voided sale, and for a
  // deposit or an account payment (each is undone its own way); kInvalid
  // for a refund to the account of a sale without a client.
  Result<Answer> Refund(const SalonId& salon, const SaleId& id, const RefundRequest& req,
                        const Answering<SaleView>& how);
  // Reverses the whole sale: the same business day (the branch's), before
  // that day's cash-up counted it, before any refund, and while every
  // voucher it sold is as sold (sales/voucher.h); else kConflict.
  Result<Answer> Void(const SalonId& salon, const SaleId& id, const std::string& reason,
                      const Answering<SaleView>& how);

  // The account of `client` (kNotFound for another salon's or none).
  Result<ClientAccountView> Account(const SalonId& salon, const ClientId& client);
  // Takes `req.paid` against what `client` owes, at `req.branch`: a sale of
  // kind kAccountPayment with its receipt number, and its ledger entry
  // (cash or card in, client_accounts down) — cash so taken counts in that
  // day's cash-up. kNotFound for an unknown client; kInvalid for an unknown
  // branch, another currency, or a payment CheckAccountPayment refuses.
  Result<Answer> PayAccount(const SalonId& salon, const ClientId& client,
                            const AccountPaymentRequest& req, const Answering<SaleView>& how);

  // Moves a product's stock at a branch by hand, keeping the reason; kInvalid
  // for an unknown branch, a delta of 0 or beyond ±1,000,000 units.
  Result<Answer> AdjustStock(const SalonId& salon, const ProductId& product,
                             const StockRequest& req, const Answering<StockMoveView>& how);
  // The salon's products at or below their low-stock mark at `branch`.
  Result<std::vector<Product>> LowStock(const SalonId& salon, const BranchId& branch);

  // Takes a deposit (cash or card) against an appointment still ahead;
  // answers the deposit, a sale of kind kDeposit.
  Result<Answer> TakeDeposit(const SalonId& salon, const AppointmentId& visit,
                             const Payment& paid, const Answering<SaleView>& how);

  // The gift voucher with this code; kNotFound for another salon's.
  Result<Voucher> GetVoucher(const SalonId& salon, const VoucherCode& code);
  Result<SaleView> Get(const SalonId& salon, const SaleId& id);
  Result<ReceiptView> Receipt(const SalonId& salon, const SaleId& id);
  Result<Page<SaleView>> List(const SalonId& salon, const SaleFilter& filter);
  Result<Page<LedgerView>> Ledger(const SalonId& salon, const LedgerFilter& filter);

 private:
  // Posts `postings` for `sale` at `now`, in its transaction.
  Status Post(WriteTxn& txn, const Sale& sale, const std::string& source,
              std::vector<Posting> postings, Instant now);

  Store& store_;
  const Clock& clock_;
  IdSource& ids_;
  CalendarVersions& calendar_;
  Deposits& deposits_;
};

}  // namespace salon
