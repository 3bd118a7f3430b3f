// Sales::Account and Sales::PayAccount: a client's account, read from their
// sales (sales/client_account.h), and paid off at the till.
#include "app/answered_write.h"
#include "app/ledger_book.h"
#include "app/records.h"
#include "app/sales.h"
#include "app/till_rows.h"
#include "sales/ledger.h"

namespace salon {

Result<ClientAccountView> Sales::Account(const SalonId& salon, const ClientId& client) {
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<ClientAccountView> {
    SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
    SALON_RETURN_IF_ERROR(Load<Client>(txn, salon, client.value).status());
    SALON_ASSIGN_OR_RETURN(std::vector<Sale> sales, SalesOfClient(txn, salon, client));
    SALON_ASSIGN_OR_RETURN(ClientAccount account, ClientAccountOf(sales));
    BranchZones zones(txn, salon);
    for (const AccountEvent& e : account.history) {
      SALON_RETURN_IF_ERROR(zones.Of(e.branch_id).status());
    }
    return ClientAccountView{client, s.currency, std::move(account), zones.seen()};
  });
}

Result<Answer> Sales::PayAccount(const SalonId& salon, const ClientId& client,
                                 const AccountPaymentRequest& req,
                                 const Answering<SaleView>& how) {
  const std::string sale_id = ids_.NewId(RecordTraits<Sale>::kPrefix);
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<SaleView> {
    const Instant now = clock_.Now();
    SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
    SALON_RETURN_IF_ERROR(CheckCurrency(req.currency, s));
    SALON_RETURN_IF_ERROR(Load<Client>(txn, salon, client.value).status());
    SALON_ASSIGN_OR_RETURN(TimeZone zone, OpenBranchZone(txn, salon, req.branch));
    // Against what is owed now: the salon's writes are serialised, so no
    // charge, refund or payment of this client's slips in between.
    SALON_ASSIGN_OR_RETURN(std::vector<Sale> sales, SalesOfClient(txn, salon, client));
    SALON_ASSIGN_OR_RETURN(ClientAccount account, ClientAccountOf(sales));
    SALON_RETURN_IF_ERROR(CheckAccountPayment(account, req.paid));

    Sale paid;
    paid.id.value = sale_id;
    paid.salon_id = salon;
    paid.branch_id = req.branch;
    paid.client_id = client;
    paid.currency = s.currency;
    paid.prices_include_tax = s.prices_include_tax;
    paid.kind = SaleKind::kAccountPayment;
    paid.payments = {req.paid};
    paid.sold_at = now;
    paid.number = NextReceiptNumber(txn, salon, req.branch);
    Save(txn, paid);
    SALON_RETURN_IF_ERROR(
        Post(txn, paid, "account_payment", AccountPaymentPostings(req.paid), now));
    return SaleView{std::move(paid), zone};
  });
}

}  // namespace salon
