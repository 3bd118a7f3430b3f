#include "codec/sales_json.h"

#include <algorithm>
#include <cmath>

#include "codec/entity_json.h"
#include "codec/json_fields.h"

namespace salon {

namespace json = boost::json;

namespace {

template <typename T, typename Parse>
void ReadEnum(JsonReader& r, std::string_view key, T& out, Parse parse) {
  auto text = r.String(key, Need::kRequired, 32);
  if (!text) return;
  if (auto v = parse(*text)) {
    out = *v;
  } else {
    r.ValueError(r.Field(key), "unknown value '" + *text + "'");
  }
}

json::object ToJson(const PricedLine& p, const LineRefunded& refunded,
                    const std::string& currency) {
  const CartLine& l = p.line;
  json::object o{{"kind", ToString(l.kind)},
                 {"name", l.name},
                 {"quantity", l.quantity},
                 {"unit_price", AmountJson(l.unit_price, currency)},
                 {"tax_rate", l.tax_rate_bp}};
  if (l.kind == LineKind::kService) o["service_id"] = l.item_id;
  if (l.kind == LineKind::kProduct) o["product_id"] = l.item_id;
  if (l.kind == LineKind::kVoucher) o["voucher_code"] = l.item_id;
  if (!l.staff_id.empty()) o["staff_id"] = l.staff_id;
  if (l.discount) o["discount"] = ToJson(*l.discount);
  o["list"] = AmountJson(p.list, currency);
  o["discounted"] = AmountJson(p.discount, currency);
  o["net"] = AmountJson(p.net, currency);
  o["tax"] = AmountJson(p.tax, currency);
  o["gross"] = AmountJson(p.gross, currency);
  o["refunded"] = json::object{{"quantity", refunded.quantity},
                               {"amount", AmountJson(refunded.amount, currency)}};
  return o;
}

void ReadLine(JsonReader& r, PricedLine& p, LineRefunded& refunded) {
  CartLine& l = p.line;
  ReadEnum(r, "kind", l.kind, ParseLineKind);
  if (auto x = r.String("name", Need::kOptional, 200)) l.name = *x;
  if (auto x = r.String("service_id", Need::kOptional, 64)) l.item_id = *x;
  if (auto x = r.String("product_id", Need::kOptional, 64)) l.item_id = *x;
  if (auto x = r.String("voucher_code", Need::kOptional, 64)) l.item_id = *x;
  if (auto x = r.String("staff_id", Need::kOptional, 64)) l.staff_id = *x;
  if (auto x = r.Int("quantity", Need::kRequired)) l.quantity = *x;
  l.unit_price = ReadStoredAmount(r, "unit_price");
  if (auto x = r.Int("tax_rate", Need::kRequired)) l.tax_rate_bp = int(std::clamp(*x, -1LL, 100000LL));
  l.discount = ReadDiscount(r, "discount");
  p.list = ReadStoredAmount(r, "list");
  p.discount = ReadStoredAmount(r, "discounted");
  p.net = ReadStoredAmount(r, "net");
  p.tax = ReadStoredAmount(r, "tax");
  p.gross = ReadStoredAmount(r, "gross");
  if (const json::object* o = r.Object("refunded", Need::kOptional)) {
    JsonReader rr(*o, r.Field("refunded") + ".");
    refunded.quantity = rr.Int("quantity", Need::kRequired).value_or(0);
    refunded.amount = ReadStoredAmount(rr, "amount");
    rr.RejectUnknown();
    r.Absorb(std::move(rr));
  }
}

json::object ToJson(const Refund& f, const std::string& currency, const TimeZone* zone) {
  json::array lines;
  for (const RefundLine& l : f.lines) {
    lines.push_back(json::object{{"line", l.line},
                                 {"quantity", l.quantity},
                                 {"gross", AmountJson(l.gross, currency)},
                                 {"net", AmountJson(l.net, currency)},
                                 {"tax", AmountJson(l.tax, currency)}});
  }
  json::object o{{"id", f.id},
                 {"at", TimeText(f.at, zone)},
                 {"lines", std::move(lines)},
                 {"method", ToString(f.method)},
                 {"reason", f.reason},
                 {"amount", AmountJson(f.amount, currency)}};
  if (!f.voucher_code.empty()) o["voucher_code"] = f.voucher_code;
  return o;
}

void ReadRefund(JsonReader& r, Refund& f) {
  if (auto x = r.String("id", Need::kRequired, 64)) f.id = *x;
  ReadInstant(r, "at", f.at);
  ReadObjects(r, "lines", Need::kRequired, [&](JsonReader& lr) {
    RefundLine l;
    l.line = int(lr.Int("line", Need::kRequired).value_or(0));
    l.quantity = lr.Int("quantity", Need::kRequired).value_or(0);
    l.gross = ReadStoredAmount(lr, "gross");
    l.net = ReadStoredAmount(lr, "net");
    l.tax = ReadStoredAmount(lr, "tax");
    f.lines.push_back(l);
  });
  ReadEnum(r, "method", f.method, ParsePaymentMethod);
  if (auto x = r.String("reason", Need::kOptional, 500)) f.reason = *x;
  f.amount = ReadStoredAmount(r, "amount");
  if (auto x = r.String("voucher_code", Need::kOptional, 64)) f.voucher_code = *x;
}

}  // namespace

json::object ToJson(const ClientAccount& a, const ClientId& client, const std::string& currency,
                    const std::map<std::string, TimeZone>& zones) {
  json::array history;
  for (const AccountEvent& e : a.history) {
    const auto zone = zones.find(e.branch_id.value);
    json::object o{{"kind", ToString(e.kind)},
                   {"at", TimeText(e.at, zone == zones.end() ? nullptr : &zone->second)},
                   {"amount", AmountJson(e.amount, currency)},
                   {"sale_id", e.sale_id.value},
                   {"branch_id", e.branch_id.value}};
    if (e.kind == AccountEventKind::kPaid) o["method"] = ToString(e.method);
    if (!e.refund_id.empty()) o["refund_id"] = e.refund_id;
    history.push_back(std::move(o));
  }
  return {{"client_id", client.value},
          {"currency", currency},
          {"balance", AmountJson(a.balance, currency)},
          {"history", std::move(history)}};
}

std::optional<Discount> ReadDiscount(JsonReader& parent, std::string_view key) {
  const json::object* o = parent.Object(key, Need::kOptional);
  if (o == nullptr) return std::nullopt;
  JsonReader r(*o, parent.Field(key) + ".");
  Discount d;
  auto percent = r.Number("percent", Need::kOptional);
  auto amount = r.Int("amount", Need::kOptional);
  if (percent) {
    double bp = *percent * 100;
    if (*percent < 0 || *percent > 100 || std::abs(bp - std::round(bp)) > 1e-6) {
      r.ValueError(r.Field("percent"), "must be 0 to 100 with at most two decimals");
    } else {
      d.percent_bp = int(std::lround(bp));
    }
  }
  if (amount) d.amount = *amount;
  if (percent.has_value() == amount.has_value() && r.ok()) {
    r.ValueError(r.Field("percent"), "give either percent or amount");
  }
  Need reason = JsonReader::ForRequest() ? Need::kRequired : Need::kOptional;
  if (auto x = r.String("reason", reason, 200)) d.reason = *x;
  r.RejectUnknown();
  parent.Absorb(std::move(r));
  return d;
}

json::object ToJson(const Discount& d) {
  json::object o;
  if (d.percent_bp) {
    if (*d.percent_bp % 100 == 0) {
      o["percent"] = *d.percent_bp / 100;
    } else {
      o["percent"] = *d.percent_bp / 100.0;
    }
  }
  if (d.amount) o["amount"] = *d.amount;
  if (!d.reason.empty()) o["reason"] = d.reason;
  return o;
}

json::object ToJson(const Product& p) {
  json::object stock;
  for (const auto& [branch, units] : p.stock) stock[branch] = units;
  return {{"id", p.id.value},       {"salon_id", p.salon_id.value},
          {"name", p.name},         {"sku", p.sku},
          {"price", ToJson(p.price)}, {"tax_rate", p.tax_rate_bp},
          {"stock", std::move(stock)}, {"low_stock", p.low_stock},
          {"version", p.version},   {"archived", p.archived}};
}

Result<Product> ProductFromJson(const json::value& v) {
  JsonReader r(v);
  Product p;
  ReadId(r, "id", p.id);
  ReadId(r, "salon_id", p.salon_id);
  if (auto x = r.Name("name", Need::kRequired, 200)) p.name = *x;
  if (auto x = r.Name("sku", Need::kOptional, 64)) p.sku = *x;
  auto price = ReadMoney(r, "price");
  if (price.ok()) p.price = *price;
  if (auto x = r.Int("tax_rate", Need::kOptional)) p.tax_rate_bp = int(std::clamp(*x, -1LL, 100000LL));
  if (const json::object* stock = r.Object("stock", Need::kOptional)) {
    JsonReader sr(*stock, r.Field("stock") + ".");
    for (const auto& [branch, units] : *stock) {
      if (auto n = sr.Int(branch, Need::kRequired)) p.stock[std::string(branch)] = *n;
    }
    r.Absorb(std::move(sr));
  }
  if (auto x = r.Int("low_stock", Need::kOptional)) p.low_stock = *x;
  if (auto x = r.Bool("archived", Need::kOptional)) p.archived = *x;
  ReadVersion(r, p.version);
  r.RejectUnknown();
  if (r.ok()) {
    Status valid = ValidateProduct(p);
    for (const FieldError& e : valid.errors()) r.ValueError(e.field, e.message);
  }
  SALON_RETURN_IF_ERROR(r.Finish("the product"));
  return p;
}

json::object ToJson(const Sale& s, const TimeZone* zone) {
  const std::string& c = s.currency;
  json::array lines;
  for (size_t i = 0; i < s.lines.size(); ++i) {
    lines.push_back(ToJson(s.lines[i], i < s.refunded.size() ? s.refunded[i] : LineRefunded{}, c));
  }
  json::array tips;
  for (const TipShare& t : s.tips) {
    tips.push_back(json::object{{"staff_id", t.staff_id}, {"amount", AmountJson(t.amount, c)}});
  }
  json::array payments;
  for (const Payment& p : s.payments) {
    json::object o{{"method", ToString(p.method)}, {"amount", AmountJson(p.amount, c)}};
    if (!p.voucher_code.empty()) o["voucher_code"] = p.voucher_code;
    if (!p.reference.empty()) o["reference"] = p.reference;
    payments.push_back(std::move(o));
  }
  json::array refunds;
  for (const Refund& f : s.refunds) refunds.push_back(ToJson(f, c, zone));
  json::object o{{"id", s.id.value},
                 {"salon_id", s.salon_id.value},
                 {"branch_id", s.branch_id.value},
                 {"number", s.number},
                 {"currency", c},
                 {"prices_include_tax", s.prices_include_tax},
                 {"lines", std::move(lines)},
                 {"totals", json::object{{"subtotal", AmountJson(s.totals.subtotal, c)},
                                         {"discount", AmountJson(s.totals.discount, c)},
                                         {"tax", AmountJson(s.totals.tax, c)},
                                         {"tips", AmountJson(s.totals.tips, c)},
                                         {"total", AmountJson(s.totals.total, c)}}},
                 {"tips", std::move(tips)},
                 {"payments", std::move(payments)},
                 {"change", AmountJson(s.change, c)},
                 {"status", ToString(s.status)},
                 {"refunds", std::move(refunds)},
                 {"sold_at", TimeText(s.sold_at, zone)},
                 {"version", s.version},
                 {"kind", ToString(s.kind)}};
  if (!s.settled_by.empty()) o["settled_by"] = s.settled_by;
  if (!s.client_id.value.empty()) o["client_id"] = s.client_id.value;
  if (!s.appointment_id.value.empty()) o["appointment_id"] = s.appointment_id.value;
  if (s.discount) o["discount"] = ToJson(*s.discount);
  if (!s.void_reason.empty()) o["void_reason"] = s.void_reason;
  if (s.voided_at) o["voided_at"] = TimeText(*s.voided_at, zone);
  return o;
}

Result<Sale> SaleFromJson(const json::value& v) {
  JsonReader r(v);
  Sale s;
  ReadId(r, "id", s.id, Need::kRequired);
  ReadId(r, "salon_id", s.salon_id, Need::kRequired);
  ReadId(r, "branch_id", s.branch_id, Need::kRequired);
  ReadId(r, "client_id", s.client_id);
  ReadId(r, "appointment_id", s.appointment_id);
  if (auto x = r.Int("number", Need::kRequired)) s.number = *x;
  if (auto x = r.String("currency", Need::kRequired, 3)) s.currency = *x;
  if (auto x = r.Bool("prices_include_tax", Need::kRequired)) s.prices_include_tax = *x;
  ReadObjects(r, "lines", Need::kRequired, [&](JsonReader& lr) {
    PricedLine p;
    LineRefunded refunded;
    ReadLine(lr, p, refunded);
    s.lines.push_back(std::move(p));
    s.refunded.push_back(refunded);
  });
  s.discount = ReadDiscount(r, "discount");
  if (const json::object* t = r.Object("totals", Need::kRequired)) {
    JsonReader tr(*t, "totals.");
    s.totals.subtotal = ReadStoredAmount(tr, "subtotal");
    s.totals.discount = ReadStoredAmount(tr, "discount");
    s.totals.tax = ReadStoredAmount(tr, "tax");
    s.totals.tips = ReadStoredAmount(tr, "tips");
    s.totals.total = ReadStoredAmount(tr, "total");
    tr.RejectUnknown();
    r.Absorb(std::move(tr));
  }
  ReadObjects(r, "tips", Need::kRequired, [&](JsonReader& tr) {
    TipShare t;
    if (auto x = tr.String("staff_id", Need::kRequired, 64)) t.staff_id = *x;
    t.amount = ReadStoredAmount(tr, "amount");
    s.tips.push_back(std::move(t));
  });
  ReadObjects(r, "payments", Need::kRequired, [&](JsonReader& pr) {
    Payment p;
    ReadEnum(pr, "method", p.method, ParsePaymentMethod);
    p.amount = ReadStoredAmount(pr, "amount");
    if (auto x = pr.String("voucher_code", Need::kOptional, 64)) p.voucher_code = *x;
    if (auto x = pr.String("reference", Need::kOptional, 200)) p.reference = *x;
    s.payments.push_back(std::move(p));
  });
  s.change = ReadStoredAmount(r, "change");
  ReadEnum(r, "status", s.status, ParseSaleStatus);
  if (auto x = r.String("void_reason", Need::kOptional, 500)) s.void_reason = *x;
  if (r.Has("voided_at")) ReadInstant(r, "voided_at", s.voided_at.emplace());
  ReadObjects(r, "refunds", Need::kRequired, [&](JsonReader& fr) {
    Refund f;
    ReadRefund(fr, f);
    s.refunds.push_back(std::move(f));
  });
  ReadInstant(r, "sold_at", s.sold_at);
  ReadVersion(r, s.version);
  if (r.Has("kind")) ReadEnum(r, "kind", s.kind, ParseSaleKind);
  if (auto x = r.String("settled_by", Need::kOptional, 100)) s.settled_by = *x;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the sale"));
  return s;
}

json::object ToJson(const StockMove& m, const TimeZone* zone) {
  return {{"id", m.id.value},           {"salon_id", m.salon_id.value},
          {"product_id", m.product_id.value}, {"branch_id", m.branch_id.value},
          {"delta", m.delta},           {"reason", m.reason},
          {"at", TimeText(m.at, zone)}, {"stock", m.stock_after},
          {"version", m.version}};
}

Result<StockMove> StockMoveFromJson(const json::value& v) {
  JsonReader r(v);
  StockMove m;
  ReadId(r, "id", m.id, Need::kRequired);
  ReadId(r, "salon_id", m.salon_id, Need::kRequired);
  ReadId(r, "product_id", m.product_id, Need::kRequired);
  ReadId(r, "branch_id", m.branch_id, Need::kRequired);
  if (auto x = r.Int("delta", Need::kRequired)) m.delta = *x;
  if (auto x = r.String("reason", Need::kRequired, 500)) m.reason = *x;
  ReadInstant(r, "at", m.at);
  if (auto x = r.Int("stock", Need::kRequired)) m.stock_after = *x;
  ReadVersion(r, m.version);
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the stock move"));
  return m;
}

json::object ToJson(const Voucher& v) {
  json::array history;
  for (const VoucherEvent& e : v.history) {
    json::object o{{"kind", ToString(e.kind)},
                   {"at", FormatUtc(e.at)},
                   {"amount", AmountJson(e.amount, v.currency)}};
    if (!e.sale_id.value.empty()) o["sale_id"] = e.sale_id.value;
    history.push_back(std::move(o));
  }
  json::object o{{"code", v.id.value},
                 {"salon_id", v.salon_id.value},
                 {"branch_id", v.branch_id.value},
                 {"currency", v.currency},
                 {"balance", AmountJson(v.balance, v.currency)},
                 {"history", std::move(history)},
                 {"version", v.version}};
  o["expires_on"] = v.expires_on ? json::value(FormatDate(*v.expires_on)) : json::value(nullptr);
  return o;
}

Result<Voucher> VoucherFromJson(const json::value& value) {
  JsonReader r(value);
  Voucher v;
  ReadId(r, "code", v.id, Need::kRequired);
  ReadId(r, "salon_id", v.salon_id, Need::kRequired);
  ReadId(r, "branch_id", v.branch_id, Need::kRequired);
  if (auto x = r.String("currency", Need::kRequired, 3)) v.currency = *x;
  v.balance = ReadStoredAmount(r, "balance");
  if (auto x = r.String("expires_on", Need::kOptional, 10)) {
    auto d = ParseDate(*x);
    if (d.ok()) {
      v.expires_on = *d;
    } else {
      r.ValueError("expires_on", d.status().message());
    }
  }
  ReadObjects(r, "history", Need::kRequired, [&](JsonReader& er) {
    VoucherEvent e;
    ReadEnum(er, "kind", e.kind, ParseVoucherEventKind);
    ReadInstant(er, "at", e.at);
    e.amount = ReadStoredAmount(er, "amount");
    ReadId(er, "sale_id", e.sale_id);
    v.history.push_back(std::move(e));
  });
  ReadVersion(r, v.version);
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the voucher"));
  return v;
}

json::object ToJson(const LedgerEntry& e, const TimeZone* zone) {
  const std::string& currency = e.currency;
  json::array postings;
  for (const Posting& p : e.postings) {
    postings.push_back(
        json::object{{"account", ToString(p.account)}, {"amount", AmountJson(p.amount, currency)}});
  }
  json::object o{{"id", e.id.value},
                 {"salon_id", e.salon_id.value},
                 {"branch_id", e.branch_id.value},
                 {"posted_at", TimeText(e.posted_at, zone)},
                 {"source", e.source},
                 {"currency", e.currency},
                 {"postings", std::move(postings)}};
  if (!e.sale_id.value.empty()) o["sale_id"] = e.sale_id.value;  // a cash-up's has none
  if (e.seq > 0) o["sequence"] = e.seq;  // none for an entry posted before it was kept
  return o;
}

Result<LedgerEntry> LedgerEntryFromJson(const json::value& v) {
  JsonReader r(v);
  LedgerEntry e;
  ReadId(r, "id", e.id, Need::kRequired);
  ReadId(r, "salon_id", e.salon_id, Need::kRequired);
  ReadId(r, "branch_id", e.branch_id, Need::kRequired);
  ReadInstant(r, "posted_at", e.posted_at);
  if (auto x = r.Int("sequence", Need::kOptional)) e.seq = *x;
  if (auto x = r.String("source", Need::kRequired, 32)) e.source = *x;
  ReadId(r, "sale_id", e.sale_id);  // none for a cash-up's entry
  if (auto x = r.String("currency", Need::kRequired, 3)) e.currency = *x;
  ReadObjects(r, "postings", Need::kRequired, [&](JsonReader& pr) {
    Posting p;
    ReadEnum(pr, "account", p.account, ParseAccount);
    p.amount = ReadStoredAmount(pr, "amount");
    e.postings.push_back(p);
  });
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the ledger entry"));
  return e;
}

}  // namespace salon
