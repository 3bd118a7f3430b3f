// Branches, staff, services and clients: create, read, list, patch and
// archive (DELETE keeps the history), all through one template.
#include <algorithm>

#include "app/records.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

// What a list may be filtered by, per resource.
template <typename T>
void Filter(const Call&, ListQuery&) {}

template <>
void Filter<Staff>(const Call& call, ListQuery& q) {
  if (auto branch = call.Query("branch_id")) q.parent_ids = {*branch};
}

template <>
void Filter<Client>(const Call& call, ListQuery& q) {
  if (auto text = call.Query("query")) {
    q.search = *text;
    std::transform(q.search.begin(), q.search.end(), q.search.begin(),
                   [](unsigned char c) { return std::tolower(c); });
  }
}

template <>
void Filter<Service>(const Call& call, ListQuery& q) { Filter<Client>(call, q); }

template <typename T>
void AddResource(Router& router, ApiDeps& deps, const std::string& collection) {
  const std::string base = "/v1/salons/{salon}/" + collection;
  const std::string one = base + "/{id}";
  using Traits = RecordTraits<T>;

  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto parsed = Traits::Parse(*body);
    if (!parsed.ok()) return ErrorResponse(call, parsed.status());
    return IdempotentWrite(call, deps, salon->value, [&](WriteTxn& txn) -> Result<WriteOutcome> {
      T value = *parsed;
      value.id.value = deps.catalog.ids().NewId(Traits::kPrefix);
      value.salon_id = *salon;
      value.version = 1;
      value.archived = false;
      SALON_ASSIGN_OR_RETURN(T saved, deps.catalog.Put(txn, std::move(value), nullptr));
      return WriteOutcome{beast_http::status::created, ToJson(saved)};
    });
  });

  router.Add(verb::get, one, Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = ReadResult(deps, [&](ReadTxn& txn) { return Load<T>(txn, *salon, call.Param("id")); });
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, ToJson(*found));
  });

  router.Add(verb::get, base, Dispatch::kInline, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto query = PageQuery(call, *salon);
    if (!query.ok()) return ErrorResponse(call, query.status());
    ListQuery& q = *query;
    q.include_archived = call.Query("archived") == "true";
    Filter<T>(call, q);
    auto listed = ReadResult(deps, [&](ReadTxn& txn) { return List<T>(txn, q); });
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items;
    for (const T& x : listed->items) items.push_back(ToJson(x));
    return ListResponse(call, std::move(items), listed->next);
  });

  // PATCH merges the body over the stored object and validates the result
  // as strictly as a create; DELETE archives.
  auto change = [&deps](Call& call, bool archive) {
    auto salon = AuthorizeSalon(call, deps);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto if_match = IfMatch(call);
    if (!if_match.ok()) return ErrorResponse(call, if_match.status());
    json::object patch;
    if (!archive) {
      auto body = BodyObject(call);
      if (!body.ok()) return ErrorResponse(call, body.status());
      patch = std::move(*body);
    }
    return IdempotentWrite(call, deps, salon->value, [&](WriteTxn& txn) -> Result<WriteOutcome> {
      SALON_ASSIGN_OR_RETURN(T current, Load<T>(txn, *salon, call.Param("id")));
      if (*if_match && **if_match != current.version) {
        return Status::Stale("the object is at version " + std::to_string(current.version));
      }
      SALON_ASSIGN_OR_RETURN(T next, Traits::Parse(MergePatch(ToJson(current), patch)));
      next.id = current.id;
      next.salon_id = current.salon_id;
      next.version = current.version + 1;
      if (archive) next.archived = true;
      SALON_ASSIGN_OR_RETURN(T saved, deps.catalog.Put(txn, std::move(next), &current));
      return WriteOutcome{beast_http::status::ok, ToJson(saved)};
    });
  };
  router.Add(verb::patch, one, Dispatch::kBlocking,
             [change](Call& call) { return change(call, false); });
  router.Add(verb::delete_, one, Dispatch::kBlocking,
             [change](Call& call) { return change(call, true); });
}

}  // namespace

void AddCatalogRoutes(Router& router, ApiDeps& deps) {
  AddResource<Branch>(router, deps, "branches");
  AddResource<Staff>(router, deps, "staff");
  AddResource<Service>(router, deps, "services");
  AddResource<Client>(router, deps, "clients");
}

}  // namespace salon::http
