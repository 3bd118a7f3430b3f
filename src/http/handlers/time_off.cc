// A staff member's time off: create, list and delete. Times are shown in
// the staff member's branch time zone.
#include "codec/entity_json.h"
#include "http/handler_kit.h"
#include "http/handlers/routes.h"

namespace salon::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

json::object Render(const TimeOffView& v) { return ToJson(v.time_off, &v.zone); }

}  // namespace

void AddTimeOffRoutes(Router& router, ApiDeps& deps) {
  const std::string base = "/v1/salons/{salon}/staff/{staff}/time-off";

  router.Add(verb::post, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kBook);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto body = BodyJson(call);
    if (!body.ok()) return ErrorResponse(call, body.status());
    auto parsed = TimeOffFromJson(*body);
    if (!parsed.ok()) return ErrorResponse(call, parsed.status());
    return AnswerResponse(call,
                          deps.catalog.AddTimeOff(
                              *salon, StaffId{call.Param("staff")}, *parsed,
                              AnswerWith<TimeOffView>(call, beast_http::status::created, Render)));
  });

  router.Add(verb::get, base, Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kReadCalendar);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    auto page = ReadPage(call);
    if (!page.ok()) return ErrorResponse(call, page.status());
    auto listed = deps.catalog.TimeOffOf(*salon, StaffId{call.Param("staff")}, *page);
    if (!listed.ok()) return ErrorResponse(call, listed.status());
    json::array items;
    for (const TimeOffView& v : listed->items) items.push_back(Render(v));
    return ListResponse(call, std::move(items), listed->next);
  });

  router.Add(verb::delete_, base + "/{id}", Dispatch::kBlocking, [&deps](Call& call) {
    auto salon = AuthorizeSalon(call, deps, Right::kBook);
    if (!salon.ok()) return ErrorResponse(call, salon.status());
    return AnswerResponse(call, deps.catalog.RemoveTimeOff(
                                    *salon, StaffId{call.Param("staff")}, call.Param("id"),
                                    AnswerWith<TimeOffView>(call, beast_http::status::ok, Render)));
  });
}

}  // namespace salon::http
