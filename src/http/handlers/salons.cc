// POST /v1/salons (admin), GET /v1/salons (admin), GET and PATCH one salon
// and its messaging settings.
#include "codec/entity_json.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

json::object MessagingView(const Salon& s) {
  json::object out = ToJson(s)["messaging"].as_object();
  out["version"] = s.version;
  return out;
}

// GET and PATCH (a JSON merge patch, `nest`ed into the salon's document) of
// `path`, answered by `view` of the stored salon.
void AddSalonView(Router& router, ApiDeps& deps, const std::string& path,
                  json::object (*view)(const Salon&), json::object (*nest)(json::object)) {
  router.Add(verb::get, path, Dispatch::kBlocking, [&deps, view](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kReadCalendar);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto found = deps.salons.Get(*salon);
    if (!found.ok()) return ErrorResponse(call, found.status());
    return ObjectResponse(call, beast_http::status::ok, view(*found));
  });

  router.Add(verb::patch, path, Dispatch::kBlocking, [&deps, view, nest](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kManageSalon);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto if_match = IfMatch(call);
    if (!if_match.ok()) return ErrorResponse(call, if_match.status());
    auto patch = BodyObject(call);
    if (!patch.ok()) return ErrorResponse(call, patch.status());
    return AnswerResponse(call,
                          deps.salons.Patch(*salon, nest(std::move(*patch)), *if_match,
                                            AnswerWith<Salon>(call, beast_http::status::ok, view)));
  });
}

}  // namespace

void AddSalonRoutes(Router& router, ApiDeps& deps) {
  router.Add(verb::post, "/v1/salons", Dispatch::kBlocking, [&deps](Call& call) {
    if (Status s = AuthorizeAdmin(call, deps); !s.ok()) return ErrorResponse(call, s);
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto salon = SalonFromJson(*body);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto answer = AnswerAs<NewSalon>(call, [](const NewSalon& created) {
      json::object replay = ToJson(created.salon);  // the key is shown once, never stored
      json::object out = replay;
      out["api_key"] = created.api_key;
      return salon::Answer{int(beast_http::status::created), std::move(out), std::move(replay)};
    });
    return AnswerResponse(call, deps.salons.Create(*salon, answer));
  });

  router.Add(verb::get, "/v1/salons", Dispatch::kBlocking, [&deps](Call& call) {
    if (Status s = AuthorizeAdmin(call, deps); !s.ok()) return ErrorResponse(call, s);
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    auto salons = deps.salons.List(*page);
    if (!salons.ok()) return ErrorResponse(call, salons.status());
    json::array items;
    for (const Salon& x : salons->items) items.push_back(ToJson(x));
    return ListResponse(call, std::move(items), salons->next);
  });

  // One salon as a whole, and its messaging settings (templates, reminder
  // lead time, quiet hours, budget) as a resource of their own: both read
  // and merge-patch the same stored salon, validated as a whole.
  AddSalonView(router, deps, "/v1/salons/{salon}", [](const Salon& s) { return ToJson(s); },
               [](json::object patch) { return patch; });
  AddSalonView(router, deps, "/v1/salons/{salon}/messaging", MessagingView,
               [](json::object patch) { return json::object{{"messaging", std::move(patch)}}; });
}

}  // namespace salon::http
