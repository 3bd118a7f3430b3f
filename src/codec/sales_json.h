// The JSON forms of the till: products, sales (with their refunds) and
// ledger entries — one mapping for the API and the stored documents, as in
// entity_json.h. Amounts are {"amount","currency"} in the sale's currency.
#pragma once

#include <boost/json.hpp>

#include <map>
#include <optional>
#include <string>

#include "base/result.h"
#include "base/time.h"
#include "codec/json_reader.h"
#include "sales/client_account.h"
#include "sales/ledger_entry.h"
#include "sales/product.h"
#include "sales/sale.h"
#include "sales/voucher.h"

namespace salon {

boost::json::object ToJson(const Product& p);
Result<Product> ProductFromJson(const boost::json::value& v);

boost::json::object ToJson(const Sale& s, const TimeZone* zone);
Result<Sale> SaleFromJson(const boost::json::value& v);

boost::json::object ToJson(const StockMove& m, const TimeZone* zone);
Result<StockMove> StockMoveFromJson(const boost::json::value& v);

boost::json::object ToJson(const Voucher& v);
Result<Voucher> VoucherFromJson(const boost::json::value& v);

boost::json::object ToJson(const LedgerEntry& e, const TimeZone* zone);
Result<LedgerEntry> LedgerEntryFromJson(const boost::json::value& v);

// A client's account (API only: it is read from their sales, never
// stored): {"client_id","currency","balance","history":[{"kind","at",
// "amount","sale_id","branch_id","method"?,"refund_id"?}]}, each event's
// instant in its branch's zone of `zones` (by branch id; UTC when absent).
boost::json::object ToJson(const ClientAccount& a, const ClientId& client,
                           const std::string& currency,
                           const std::map<std::string, TimeZone>& zones);

// {"percent": 12.5 | "amount": 500, "reason": "…"} (a percent has at most
// two decimals); absent: nullopt. Errors go to `r`.
std::optional<Discount> ReadDiscount(JsonReader& r, std::string_view key);
boost::json::object ToJson(const Discount& d);

}  // namespace salon
