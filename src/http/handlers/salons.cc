// POST /v1/salons (admin), GET /v1/salons (admin), GET and PATCH one salon.
#include "app/records.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

void AddSalonRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::post, "/v1/salons", Dispatch::kBlocking, [&deps](Call& call) {
    if (Status s = AuthorizeAdmin(call, deps); !s.ok()) return ErrorResponse(call, s);
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto salon = SalonFromJson(*body);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    return IdempotentWrite(call, deps, "admin", [&](WriteTxn& txn) -> Result<WriteOutcome> {
      SALON_ASSIGN_OR_RETURN(NewSalon created, deps.catalog.CreateSalon(txn, *salon));
      json::object out = ToJson(created.salon);
      out["api_key"] = created.api_key;
      return WriteOutcome{beast_http::status::created, std::move(out)};
    });
  });

  router.Add(verb::get, "/v1/salons", Dispatch::kInline, [&deps](Call& call) {
    if (Status s = AuthorizeAdmin(call, deps); !s.ok()) return ErrorResponse(call, s);
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    ListQuery q;  // salons are listed across the platform: no salon_id
    q.after_id = page->cursor;
    q.limit = page->limit;
    auto salons = ReadResult(deps, [&](ReadTxn& txn) { return List<Salon>(txn, q); });
    if (!salons.ok()) return ErrorResponse(call, salons.status());
    json::array items;
    for (const Salon& x : salons->items) items.push_back(ToJson(x));
    return ListResponse(call, std::move(items), salons->next);
  });

  router.Add(verb::get, "/v1/salons/{salon}", Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = ReadResult(deps, [&](ReadTxn& txn) { return Load<Salon>(txn, *salon, salon->value); });
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, ToJson(*found));
  });

  router.Add(verb::patch, "/v1/salons/{salon}", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto if_match = IfMatch(call);
    if (!if_match.ok()) return ErrorResponse(call, if_match.status());
    auto patch = BodyObject(call);
    if (!patch.ok()) return ErrorResponse(call, patch.status());
    return IdempotentWrite(call, deps, salon->value, [&](WriteTxn& txn) -> Result<WriteOutcome> {
      SALON_ASSIGN_OR_RETURN(Salon current, Load<Salon>(txn, *salon, salon->value));
      if (*if_match && **if_match != current.version) {
        return Status::Stale("the salon is at version " + std::to_string(current.version));
      }
      SALON_ASSIGN_OR_RETURN(Salon next, SalonFromJson(MergePatch(ToJson(current), *patch)));
      next.id = current.id;
      next.version = current.version + 1;
      Save(txn, next);
      return WriteOutcome{beast_http::status::ok, ToJson(next)};
    });
  });
}

}  // namespace salon::http
