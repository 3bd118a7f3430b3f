// The till: check out, refund, void, read and list sales, print a receipt,
// take deposits, keep clients' accounts (read one, take its payment), and
// read the ledger. Amounts in requests are minor units, as an integer or as
// {"amount","currency"}; answers give {"amount","currency"}.
#include "app/sales.h"
#include "codec/json_fields.h"
#include "codec/sales_json.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"
#include "http/receipt_html.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {


template <typename T, typename Parse>
std::optional<T> ReadChoice(JsonReader& r, std::string_view key, Need need, Parse parse,
                            const char* choices) {
  auto text = r.String(key, need, 32);
  if (!text) return std::nullopt;
  auto v = parse(*text);
  if (!v) r.ValueError(r.Field(key), std::string("must be one of ") + choices);
  return v;
}

// Reads the array `key` of 1 to `max` objects, each by `one`.
template <typename One>
void ReadEach(JsonReader& r, std::string_view key, Need need, size_t max, One one) {
  const json::array* items = ReadObjects(r, key, need, one);
  if (items != nullptr && (items->empty() || items->size() > max)) {
    r.ValueError(r.Field(key), "give 1 to " + std::to_string(max));
  }
}

// A voucher's last day, "YYYY-MM-DD", when given.
void ReadExpiry(JsonReader& r, std::optional<LocalDate>& out) {
  auto text = r.String("expires_on", Need::kOptional, 10);
  if (!text) return;
  auto day = ParseDate(*text);
  if (day.ok()) {
    out = *day;
  } else {
    r.ValueError(r.Field("expires_on"), day.status().message());
  }
}

Result<CheckoutRequest> ParseCheckout(const json::value& body) {
  JsonReader r(body);
  CheckoutRequest req;
  RequestAmounts amounts;
  if (auto s = r.String("branch_id", Need::kRequired, 64)) req.branch.value = *s;
  if (auto s = r.String("client_id", Need::kOptional, 64)) req.client = ClientId{*s};
  if (auto s = r.String("appointment_id", Need::kOptional, 64)) {
    req.appointment = AppointmentId{*s};
  }
  if (r.Has("lines") || !req.appointment) {
    req.lines.emplace();
    ReadEach(r, "lines", Need::kRequired, 200, [&](JsonReader& lr) {
      CheckoutLineRequest line;
      if (auto k = ReadChoice<LineKind>(lr, "kind", Need::kRequired, ParseLineKind,
                                        "service, product, voucher")) {
        line.kind = *k;
      }
      const char* item = line.kind == LineKind::kProduct ? "product_id" : "service_id";
      if (line.kind != LineKind::kVoucher) {
        if (auto s = lr.String(item, Need::kRequired, 64)) line.item_id = *s;
      }
      if (auto s = lr.String("staff_id", Need::kOptional, 64)) line.staff = StaffId{*s};
      if (auto q = lr.Int("quantity", Need::kOptional)) line.quantity = *q;
      line.discount = ReadDiscount(lr, "discount");
      if (line.kind != LineKind::kVoucher) {
        line.unit_price = amounts.Read(lr, "unit_price", Need::kOptional);
      } else {
        line.unit_price = amounts.Read(lr, "amount", Need::kRequired);
        ReadExpiry(lr, line.expires_on);
      }
      req.lines->push_back(std::move(line));
    });
  }
  req.discount = ReadDiscount(r, "discount");
  if (const json::object* tip = r.Object("tip", Need::kOptional)) {
    JsonReader tr(*tip, "tip.");
    req.tip = amounts.Read(tr, "amount", Need::kRequired).value_or(0);
    if (const json::array* staff = tr.Array("staff_ids", Need::kOptional)) {
      for (size_t i = 0; i < staff->size(); ++i) {
        if (!(*staff)[i].is_string() || (*staff)[i].as_string().size() > 64) {
          tr.ShapeError("tip.staff_ids[" + std::to_string(i) + "]", "must be an id");
        } else {
          req.tip_staff.emplace_back((*staff)[i].as_string());
        }
      }
    }
    tr.RejectUnknown();
    r.Absorb(std::move(tr));
  }
  ReadEach(r, "payments", Need::kRequired, 20, [&](JsonReader& pr) {
    Payment p;
    if (auto m = ReadChoice<PaymentMethod>(pr, "method", Need::kRequired, ParsePaymentMethod,
                                           "cash, card, voucher, account, deposit")) {
      p.method = *m;
    }
    p.amount = amounts.Read(pr, "amount", Need::kRequired).value_or(0);
    if (auto s = pr.String("voucher_code", Need::kOptional, 64)) p.voucher_code = *s;
    if (auto s = pr.String("reference", Need::kOptional, 200)) p.reference = *s;
    req.payments.push_back(std::move(p));
  });
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the sale"));
  req.currency = amounts.currency();
  return req;
}

Result<RefundRequest> ParseRefund(const json::value& body) {
  JsonReader r(body);
  RefundRequest req;
  RequestAmounts amounts;
  ReadEach(r, "lines", Need::kRequired, 100, [&](JsonReader& lr) {
    RefundLineRequest line;
    if (auto n = lr.Int("line", Need::kRequired)) line.line = int(std::clamp(*n, -1LL, 100000LL));
    if (auto q = lr.Int("quantity", Need::kOptional)) line.quantity = *q;
    line.amount = amounts.Read(lr, "amount", Need::kOptional);
    req.lines.push_back(line);
  });
  if (auto m = ReadChoice<PaymentMethod>(r, "method", Need::kRequired, ParsePaymentMethod,
                                         "cash, card, voucher, account, deposit")) {
    req.method = *m;
  }
  if (auto s = r.String("reason", Need::kRequired, 500)) req.reason = *s;
  if (auto s = r.String("voucher_code", Need::kOptional, 64)) req.voucher_code = *s;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the refund"));
  req.currency = amounts.currency();
  return req;
}

Result<std::string> ParseVoid(const json::value& body) {
  JsonReader r(body);
  std::string reason;
  if (auto s = r.String("reason", Need::kRequired, 500)) reason = *s;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the void"));
  if (reason.empty()) return Status::Invalid("a void has a reason", {{"reason", "must not be empty"}});
  return reason;
}

Result<StockRequest> ParseStock(const json::value& body) {
  JsonReader r(body);
  StockRequest req;
  if (auto s = r.String("branch_id", Need::kRequired, 64)) req.branch.value = *s;
  if (auto n = r.Int("delta", Need::kRequired)) req.delta = *n;
  if (auto s = r.String("reason", Need::kRequired, 500)) req.reason = *s;
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the stock move"));
  return req;
}

// {"amount","method","reference"?}: money taken at the till by cash or
// card (the use case refuses other methods).
Payment ReadPaid(JsonReader& r, RequestAmounts& amounts) {
  Payment paid;
  paid.amount = amounts.Read(r, "amount", Need::kRequired).value_or(0);
  if (auto m = ReadChoice<PaymentMethod>(r, "method", Need::kRequired, ParsePaymentMethod,
                                         "cash, card")) {
    paid.method = *m;
  }
  if (auto s = r.String("reference", Need::kOptional, 200)) paid.reference = *s;
  return paid;
}

Result<Payment> ParseDeposit(const json::value& body) {
  JsonReader r(body);
  RequestAmounts amounts;
  Payment paid = ReadPaid(r, amounts);
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the deposit"));
  return paid;
}

Result<AccountPaymentRequest> ParseAccountPayment(const json::value& body) {
  JsonReader r(body);
  AccountPaymentRequest req;
  RequestAmounts amounts;
  if (auto s = r.String("branch_id", Need::kRequired, 64)) req.branch.value = *s;
  req.paid = ReadPaid(r, amounts);
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the account payment"));
  req.currency = amounts.currency();
  return req;
}

json::object Render(const SaleView& v) { return ToJson(v.sale, &v.zone); }

// ?from=&to= as instants into `from` and `to`.
Status ReadSpan(const Call& call, std::optional<Instant>& from, std::optional<Instant>& to) {
  for (auto [name, bound] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    if (auto text = call.Query(name)) {
      auto t = ParseInstant(*text);
      if (!t.ok()) {
        return Status::Invalid("from and to are RFC 3339 date-times",
                               {{name, t.status().message()}});
      }
      *bound = *t;
    }
  }
  return Status::Ok();
}

}  // namespace

void AddSalesRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/sales";
  const std::string one = base + "/{id}";

  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    return SalonWrite(
        call, deps, Right::kCheckout, ParseCheckout, [&](const SalonId& salon, const auto& req) {
          return deps.sales.Checkout(
              salon, req, AnswerWith<SaleView>(call, beast_http::status::created, Render));
        });
  });

  router.Add(verb::get, one, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCheckout);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = deps.sales.Get(*salon, SaleId{call.Param("id")});
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, Render(*found));
  });

  router.Add(verb::get, one + "/receipt", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCheckout);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = deps.sales.Receipt(*salon, SaleId{call.Param("id")});
    if (!found.ok()) return ErrorResponse(call, found.status());
    return TextResponse(call, beast_http::status::ok, ReceiptHtml(*found),
                        "text/html; charset=utf-8");
  });

  // ?branch_id=&client_id=&staff_id=&from=&to= (instants).
  router.Add(verb::get, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCheckout);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    SaleFilter filter;
    filter.page = *page;
    if (auto b = call.Query("branch_id")) filter.branch = BranchId{*b};
    if (auto c = call.Query("client_id")) filter.client = ClientId{*c};
    if (auto s = call.Query("staff_id")) filter.staff = StaffId{*s};
    Status span = ReadSpan(call, filter.from, filter.to);
    if (!span.ok()) return ErrorResponse(call, span);
    auto listed = deps.sales.List(*salon, filter);
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items;
    for (const SaleView& v : listed->items) items.push_back(Render(v));
    return ListResponse(call, std::move(items), listed->next);
  });

  router.Add(verb::post, one + "/refunds", Dispatch::kBlocking, [&deps](Call& call) {
    return SalonWrite(
        call, deps, Right::kCorrectSales, ParseRefund, [&](const SalonId& salon, const auto& req) {
          return deps.sales.Refund(salon, SaleId{call.Param("id")}, req,
                                   AnswerWith<SaleView>(call, beast_http::status::created, Render));
        });
  });

  router.Add(verb::post, one + "/void", Dispatch::kBlocking, [&deps](Call& call) {
    return SalonWrite(
        call, deps, Right::kCorrectSales, ParseVoid, [&](const SalonId& salon, const auto& reason) {
          return deps.sales.Void(salon, SaleId{call.Param("id")}, reason,
                                 AnswerWith<SaleView>(call, beast_http::status::ok, Render));
        });
  });

  router.Add(verb::post, "/v1/salons/{salon}/appointments/{id}/deposits", Dispatch::kBlocking,
             [&deps](Call& call) {
               return SalonWrite(
                   call, deps, Right::kCheckout, ParseDeposit,
                   [&](const SalonId& salon, const auto& paid) {
                     return deps.sales.TakeDeposit(
                         salon, AppointmentId{call.Param("id")}, paid,
                         AnswerWith<SaleView>(call, beast_http::status::created, Render));
                   });
             });

  const std::string account = "/v1/salons/{salon}/clients/{id}/account";
  router.Add(verb::get, account, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCheckout);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = deps.sales.Account(*salon, ClientId{call.Param("id")});
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok,
                          ToJson(found->account, found->client, found->currency, found->zones));
  });

  router.Add(verb::post, account + "/payments", Dispatch::kBlocking, [&deps](Call& call) {
    return SalonWrite(call, deps, Right::kCheckout, ParseAccountPayment,
                      [&](const SalonId& salon, const auto& req) {
                        return deps.sales.PayAccount(
                            salon, ClientId{call.Param("id")}, req,
                            AnswerWith<SaleView>(call, beast_http::status::created, Render));
                      });
  });

  router.Add(verb::post, "/v1/salons/{salon}/products/{id}/stock", Dispatch::kBlocking,
             [&deps](Call& call) {
               return SalonWrite(call, deps, Right::kEditCatalog, ParseStock, [&](const SalonId& salon, const auto& req) {
                 return deps.sales.AdjustStock(
                     salon, ProductId{call.Param("id")}, req,
                     AnswerWith<StockMoveView>(call, beast_http::status::created,
                                               [](const StockMoveView& v) {
                                                 return ToJson(v.move, &v.zone);
                                               }));
               });
             });

  router.Add(verb::get, "/v1/salons/{salon}/branches/{branch}/low-stock", Dispatch::kBlocking,
             [&deps](Call& call) {
               auto salon = AuthorizeSalon(call, deps, Right::kCheckout);
               if (!salon.ok()) return ErrorResponse(call, salon.status());
               auto low = deps.sales.LowStock(*salon, BranchId{call.Param("branch")});
               if (!low.ok()) return ErrorResponse(call, low.status());
               json::array items;
               for (const Product& p : *low) items.push_back(ToJson(p));
               return ListResponse(call, std::move(items), "");
             });

  router.Add(verb::get, "/v1/salons/{salon}/vouchers/{code}", Dispatch::kBlocking,
             [&deps](Call& call) {
               auto salon = AuthorizeSalon(call, deps, Right::kCheckout);
               if (!salon.ok()) return ErrorResponse(call, salon.status());
               auto found = deps.sales.GetVoucher(*salon, VoucherCode{call.Param("code")});
               if (!found.ok()) return ErrorResponse(call, found.status());
               return ObjectResponse(call, beast_http::status::ok, ToJson(*found));
             });

  // ?branch_id=&from=&to= (instants).
  router.Add(verb::get, "/v1/salons/{salon}/ledger", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCorrectSales);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    LedgerFilter filter;
    filter.page = *page;
    if (auto b = call.Query("branch_id")) filter.branch = BranchId{*b};
    Status span = ReadSpan(call, filter.from, filter.to);
    if (!span.ok()) return ErrorResponse(call, span);
    auto listed = deps.sales.Ledger(*salon, filter);
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items;
    for (const LedgerView& v : listed->items) items.push_back(ToJson(v.entry, &v.zone));
    return ListResponse(call, std::move(items), listed->next);
  });
}

}  // namespace salon::http
