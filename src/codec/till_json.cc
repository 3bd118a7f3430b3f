#include "codec/till_json.h"

#include "codec/entity_json.h"
#include "codec/json_fields.h"

namespace salon {

namespace json = boost::json;

namespace {

json::object ByMethod(const MethodAmounts& amounts, const std::string& currency) {
  json::object o;
  for (const auto& [method, amount] : amounts) o[ToString(method)] = AmountJson(amount, currency);
  return o;
}


void ReadByMethod(JsonReader& r, std::string_view key, MethodAmounts& out) {
  const json::object* o = r.Object(key, Need::kRequired);
  if (o == nullptr) return;
  JsonReader mr(*o, r.Field(key) + ".");
  for (const auto& [name, ignored] : *o) {
    if (auto method = ParsePaymentMethod(name)) {
      out[*method] = ReadStoredAmount(mr, name);
    }
  }
  mr.RejectUnknown();
  r.Absorb(std::move(mr));
}

void ReadDateField(JsonReader& r, std::string_view key, LocalDate& out) {
  auto text = r.String(key, Need::kRequired, 10);
  if (!text) return;
  auto d = ParseDate(*text);
  if (d.ok()) {
    out = *d;
  } else {
    r.ValueError(r.Field(key), d.status().message());
  }
}

}  // namespace

json::object ToJson(const CashUp& c, const TimeZone* zone) {
  const std::string& currency = c.currency;
  json::object o{{"id", c.id.value},
                 {"salon_id", c.salon_id.value},
                 {"branch_id", c.branch_id.value},
                 {"date", FormatDate(c.date)},
                 {"currency", currency},
                 {"float", AmountJson(c.float_amount, currency)},
                 {"expected", ByMethod(c.expected, currency)},
                 {"counted", ByMethod(c.counted, currency)},
                 {"difference", ByMethod(c.difference, currency)},
                 {"cash_to_bank", AmountJson(c.cash_to_bank, currency)},
                 {"from", TimeText(c.from.at, zone)},
                 {"to", TimeText(c.to.at, zone)},
                 {"closed_at", TimeText(c.closed_at, zone)}};
  // A bound set by a cash-up is its place in the branch's postings.
  if (c.from.seq > 0) o["from_sequence"] = c.from.seq;
  if (c.to.seq > 0) o["to_sequence"] = c.to.seq;
  if (!c.over_short_entry.value.empty()) o["over_short_entry_id"] = c.over_short_entry.value;
  return o;
}

Result<CashUp> CashUpFromJson(const json::value& v) {
  JsonReader r(v);
  CashUp c;
  if (auto x = r.String("id", Need::kRequired, 200)) c.id.value = *x;
  ReadId(r, "salon_id", c.salon_id, Need::kRequired);
  ReadId(r, "branch_id", c.branch_id, Need::kRequired);
  ReadDateField(r, "date", c.date);
  if (auto x = r.String("currency", Need::kRequired, 3)) c.currency = *x;
  c.float_amount = ReadStoredAmount(r, "float");
  ReadByMethod(r, "expected", c.expected);
  ReadByMethod(r, "counted", c.counted);
  ReadByMethod(r, "difference", c.difference);
  c.cash_to_bank = ReadStoredAmount(r, "cash_to_bank");
  ReadInstant(r, "from", c.from.at);
  ReadInstant(r, "to", c.to.at);
  if (auto x = r.Int("from_sequence", Need::kOptional)) c.from.seq = *x;
  if (auto x = r.Int("to_sequence", Need::kOptional)) c.to.seq = *x;
  ReadInstant(r, "closed_at", c.closed_at);
  ReadId(r, "over_short_entry_id", c.over_short_entry);
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the cash-up"));
  return c;
}

json::object ToJson(const TakingsReport& t, const std::string& currency) {
  json::array tax;
  for (const auto& [rate, at] : t.tax_by_rate) {
    tax.push_back(json::object{{"rate", rate},
                               {"net", AmountJson(at.net, currency)},
                               {"tax", AmountJson(at.tax, currency)}});
  }
  json::array tips;
  for (const auto& [staff, amount] : t.tips_by_staff) {
    tips.push_back(json::object{{"staff_id", staff}, {"amount", AmountJson(amount, currency)}});
  }
  return {{"currency", currency},
          {"sales",
           json::object{{"count", t.sales.count}, {"total", AmountJson(t.sales.amount, currency)}}},
          {"payments", ByMethod(t.payments, currency)},
          {"account_payments",
           json::object{{"count", t.account_payments.count},
                        {"amount", AmountJson(t.account_payments.amount, currency)}}},
          {"refunds", json::object{{"count", t.refunds.count},
                                   {"amount", AmountJson(t.refunds.amount, currency)},
                                   {"by_method", ByMethod(t.refunds_by_method, currency)}}},
          {"net_by_method", ByMethod(t.net_by_method, currency)},
          {"tax", std::move(tax)},
          {"revenue", json::object{{"services", AmountJson(t.services_net, currency)},
                                   {"products", AmountJson(t.products_net, currency)}}},
          {"discounts", AmountJson(t.discounts, currency)},
          {"tips",
           json::object{{"total", AmountJson(t.tips, currency)}, {"by_staff", std::move(tips)}}},
          {"voids", json::object{{"count", t.voids.count},
                                 {"amount", AmountJson(t.voids.amount, currency)}}},
          {"vouchers", json::object{{"sold", AmountJson(t.vouchers_sold, currency)},
                                    {"redeemed", AmountJson(t.vouchers_redeemed, currency)}}}};
}

json::object ToJson(const StaffReportRow& row, const std::string& currency) {
  return {{"staff_id", row.staff_id.value},
          {"name", row.name},
          {"services", AmountJson(row.takings.services, currency)},
          {"products", AmountJson(row.takings.products, currency)},
          {"tips", AmountJson(row.takings.tips, currency)},
          {"commission", json::object{{"rates", json::object{{"services", row.rates.services_bp},
                                                             {"products", row.rates.products_bp}}},
                                      {"services", AmountJson(row.commission.services, currency)},
                                      {"products", AmountJson(row.commission.products, currency)},
                                      {"total", AmountJson(row.commission.total, currency)}}}};
}


}  // namespace salon
