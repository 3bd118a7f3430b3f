// Cash-ups (Z-reports) of a branch: close a business day by its counts,
// read one by its date, list them. Amounts in requests are minor units, as
// an integer or as {"amount","currency"}; answers give {"amount","currency"}.
#include "app/cash_ups.h"
#include "codec/json_fields.h"
#include "codec/till_json.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

constexpr PaymentMethod kMethods[] = {PaymentMethod::kCash, PaymentMethod::kCard,
                                      PaymentMethod::kVoucher, PaymentMethod::kAccount,
                                      PaymentMethod::kDeposit};

// Reads the date `key` ("YYYY-MM-DD") into `out`.
void ReadDate(JsonReader& r, std::string_view key, LocalDate& out) {
  auto text = r.String(key, Need::kRequired, 32);
  if (!text) return;
  auto date = ParseDate(*text);
  if (date.ok()) {
    out = *date;
  } else {
    r.ValueError(r.Field(key), "must be a date, YYYY-MM-DD");
  }
}

Result<CashUpRequest> ParseCashUp(const json::value& body) {
  JsonReader r(body);
  CashUpRequest req;
  RequestAmounts amounts;
  ReadDate(r, "date", req.date);
  req.float_amount = amounts.Read(r, "float", Need::kRequired).value_or(0);
  if (const json::object* counted = r.Object("counted", Need::kRequired)) {
    // Cash and card are counted; other methods may be. Any other key is no
    // method (a shape error).
    JsonReader cr(*counted, "counted.");
    for (PaymentMethod m : kMethods) {
      const bool drawer = m == PaymentMethod::kCash || m == PaymentMethod::kCard;
      if (auto amount = amounts.Read(cr, ToString(m), drawer ? Need::kRequired : Need::kOptional)) {
        req.counted[m] = *amount;
      }
    }
    cr.RejectUnknown();
    r.Absorb(std::move(cr));
  }
  r.RejectUnknown();
  SALON_RETURN_IF_ERROR(r.Finish("the cash-up"));
  req.currency = amounts.currency();
  return req;
}

// The date `text` of a path or query, else kInvalid naming `field`.
Result<LocalDate> DateParam(std::string_view text, const char* field) {
  auto date = ParseDate(text);
  if (!date.ok()) return Status::Invalid("not a date", {{field, "must be a date, YYYY-MM-DD"}});
  return *date;
}

json::object Render(const CashUpView& v) { return ToJson(v.cash_up, &v.zone); }

}  // namespace

void AddCashUpRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/branches/{branch}/cash-ups";

  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    return SalonWrite(call, deps, Right::kCorrectSales, ParseCashUp, [&](const SalonId& salon, const auto& req) {
      return deps.cash_ups.Close(salon, BranchId{call.Param("branch")}, req,
                                 AnswerWith<CashUpView>(call, beast_http::status::created, Render));
    });
  });

  router.Add(verb::get, base + "/{date}", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCorrectSales);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto date = DateParam(call.Param("date"), "date");
    if (!date.ok()) return ErrorResponse(call, date.status());
    auto found = deps.cash_ups.Get(*salon, BranchId{call.Param("branch")}, *date);
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, Render(*found));
  });

  // ?from=&to= (dates, inclusive), in date order.
  router.Add(verb::get, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kCorrectSales);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    CashUpFilter filter;
    filter.page = *page;
    for (auto [name, bound] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
      if (auto text = call.Query(name)) {
        auto date = DateParam(*text, name);
        if (!date.ok()) return ErrorResponse(call, date.status());
        *bound = *date;
      }
    }
    auto listed = deps.cash_ups.List(*salon, BranchId{call.Param("branch")}, filter);
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items;
    for (const CashUpView& v : listed->items) items.push_back(Render(v));
    return ListResponse(call, std::move(items), listed->next);
  });
}

}  // namespace salon::http
