// Branches, staff, services, clients and products: create, read, list, patch and
// archive (DELETE keeps the history), all through one template.
#include <algorithm>

#include "codec/entity_json.h"
#include "codec/sales_json.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

// A request body as a T, validated as a create is.
template <typename T>
Result<T> Parse(const json::value& body);
template <>
Result<Branch> Parse(const json::value& body) { return BranchFromJson(body); }
template <>
Result<Staff> Parse(const json::value& body) { return StaffFromJson(body); }
template <>
Result<Service> Parse(const json::value& body) { return ServiceFromJson(body); }
template <>
Result<Client> Parse(const json::value& body) { return ClientFromJson(body); }
template <>
Result<Product> Parse(const json::value& body) { return ProductFromJson(body); }

// What a list may be filtered by, per resource.
template <typename T>
void Filter(const Call&, CatalogFilter&) {}

template <>
void Filter<Staff>(const Call& call, CatalogFilter& f) {
  if (auto branch = call.Query("branch_id")) f.branch = BranchId{*branch};
}

template <>
void Filter<Client>(const Call& call, CatalogFilter& f) {
  if (auto text = call.Query("query")) {
    f.text = *text;
    std::transform(f.text.begin(), f.text.end(), f.text.begin(),
                   [](unsigned char c) { return std::tolower(c); });
  }
}

template <>
void Filter<Service>(const Call& call, CatalogFilter& f) { Filter<Client>(call, f); }

template <>
void Filter<Product>(const Call& call, CatalogFilter& f) { Filter<Client>(call, f); }

// Reads need `read`; creating, patching and archiving need `write`.
template <typename T>
void AddResource(Router& router, ApiDeps& deps, const std::string& collection, Right read,
                 Right write) {
  const std::string base = "/v1/salons/{salon}/" + collection;
  const std::string one = base + "/{id}";

  router.Add(verb::post, base, Dispatch::kBlocking, [&deps, write](Call& call) {
    return SalonWrite(call, deps, write, Parse<T>, [&](const SalonId& salon, const T& value) {
      return deps.catalog.Create<T>(salon, value,
                                    AnswerWith<T>(call, beast_http::status::created, ToJson));
    });
  });

  router.Add(verb::get, one, Dispatch::kBlocking, [&deps, read](Call& call) {
    auto salon = AuthorizeSalon(call, deps, read);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = deps.catalog.Get<T>(*salon, call.Param("id"));
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, ToJson(*found));
  });

  router.Add(verb::get, base, Dispatch::kBlocking, [&deps, read](Call& call) {
    auto salon = AuthorizeSalon(call, deps, read);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    CatalogFilter filter;
    filter.page = *page;
    filter.include_archived = call.Query("archived") == "true";
    Filter<T>(call, filter);
    auto listed = deps.catalog.List<T>(*salon, filter);
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items;
    for (const T& x : listed->items) items.push_back(ToJson(x));
    return ListResponse(call, std::move(items), listed->next);
  });

  // PATCH merges the body over the stored object and validates the result
  // as strictly as a create; DELETE archives.
  router.Add(verb::patch, one, Dispatch::kBlocking, [&deps, write](Call& call) {
    auto salon = AuthorizeSalon(call, deps, write);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto if_match = IfMatch(call);
    if (!if_match.ok()) return ErrorResponse(call, if_match.status());
    auto patch = BodyObject(call);
    if (!patch.ok()) return ErrorResponse(call, patch.status());
    return AnswerResponse(
        call, deps.catalog.Patch<T>(*salon, call.Param("id"), *patch, *if_match,
                                    AnswerWith<T>(call, beast_http::status::ok, ToJson)));
  });
  router.Add(verb::delete_, one, Dispatch::kBlocking, [&deps, write](Call& call) {
    auto salon = AuthorizeSalon(call, deps, write);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto if_match = IfMatch(call);
    if (!if_match.ok()) return ErrorResponse(call, if_match.status());
    return AnswerResponse(
        call, deps.catalog.Archive<T>(*salon, call.Param("id"), *if_match,
                                      AnswerWith<T>(call, beast_http::status::ok, ToJson)));
  });
}

}  // namespace

void AddCatalogRoutes(Router& router, ApiDeps& deps) {
  AddResource<Branch>(router, deps, "branches", Right::kReadCalendar, Right::kEditCatalog);
  AddResource<Staff>(router, deps, "staff", Right::kReadCalendar, Right::kEditCatalog);
  AddResource<Service>(router, deps, "services", Right::kReadCalendar, Right::kEditCatalog);
  AddResource<Client>(router, deps, "clients", Right::kManageClients, Right::kManageClients);
  AddResource<Product>(router, deps, "products", Right::kReadCalendar, Right::kEditCatalog);
}

}  // namespace salon::http
